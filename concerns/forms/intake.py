"""The concern form: residents on /report/, staff entering a concern for a resident."""

import uuid
from datetime import datetime, time
from functools import cached_property

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.forms.models import ModelChoiceIterator
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from concerns.attachments import CheckedUpload, check_uploads
from concerns.forms.dates import BoundedDateField, today
from concerns.models import Category, Channel, SafeContact, StagedUpload
from concerns.services import staging
from concerns.services.identity import SafeContactWishes
from config.forms import PlainErrorMessages
from councils.models import Municipality, Settlement


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        return [super(MultipleFileField, self).clean(f, initial) for f in files if f]


class CategoryChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Category) -> str:
        return obj.display_name


class SettlementChoiceIterator(ModelChoiceIterator):
    """Places grouped by municipality, one group each, when there is more than one."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        groups: dict[Municipality, list[Settlement]] = {}
        for settlement in self.queryset:
            groups.setdefault(settlement.municipality, []).append(settlement)
        if len(groups) == 1:
            for settlements in groups.values():
                yield from (self.choice(settlement) for settlement in settlements)
            return
        for municipality, settlements in groups.items():
            yield municipality.display_name, [self.choice(s) for s in settlements]


class SettlementSelect(forms.Select):
    """Each place says its municipality, so that app.js can show the chosen one's places only."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        instance = getattr(value, "instance", None)
        if instance is not None:
            option["attrs"]["data-municipality"] = instance.municipality_id
        return option


class SettlementChoiceField(forms.ModelChoiceField):
    iterator = SettlementChoiceIterator
    widget = SettlementSelect

    def label_from_instance(self, obj: Settlement) -> str:
        return obj.display_name


def validate_description(text: str) -> str:
    """The description's length rule, for the form and for Open311 alike."""
    text = text.strip()
    limits = settings.CSC
    if len(text) < limits["DESCRIPTION_MIN_CHARS"]:
        raise ValidationError(
            _("Please describe the concern in at least %(count)d characters.")
            % {"count": limits["DESCRIPTION_MIN_CHARS"]}
        )
    if len(text) > limits["DESCRIPTION_MAX_CHARS"]:
        raise ValidationError(
            _("Please keep the description under %(count)d characters (it has %(length)d).")
            % {"count": limits["DESCRIPTION_MAX_CHARS"], "length": len(text)}
        )
    return text


class ConcernForm(PlainErrorMessages, forms.Form):
    """What a resident tells us; the same form serves staff entering a concern for someone.

    Files that passed their checks are kept when the form comes back with errors (see
    ``concerns.services.staging``): ``kept_uploads`` lists them, ticked under the file field.
    """

    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.filter(is_active=True),
        error_messages={"required": _("Choose the municipality where it happened.")},
    )
    category = CategoryChoiceField(
        label=_("What is it about?"),
        queryset=Category.objects.filter(is_active=True),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": _("Choose what the concern is about.")},
    )
    description = forms.CharField(
        label=_("What happened?"),
        error_messages={"required": _("Describe what happened.")},
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Describe what you saw or what worries you. Do not write other people's names."
        ),
    )
    settlement = SettlementChoiceField(
        label=_("Village or neighbourhood"),
        queryset=Settlement.objects.select_related("municipality"),
        required=False,
    )
    address = forms.CharField(
        label=_("Street or place"),
        max_length=250,
        required=False,
        help_text=_("For example the street, a school or a crossroads."),
    )
    latitude = forms.DecimalField(
        label=_("Latitude"),
        required=False,
        max_digits=9,
        decimal_places=6,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
        widget=forms.NumberInput(attrs={"step": "any"}),
    )
    longitude = forms.DecimalField(
        label=_("Longitude"),
        required=False,
        max_digits=9,
        decimal_places=6,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
        widget=forms.NumberInput(attrs={"step": "any"}),
    )
    occurred_on = BoundedDateField(
        label=_("When did it happen?"),
        required=False,
        latest=today,
        error_messages={"too_late": _("This date is in the future.")},
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    occurred_time = forms.TimeField(
        label=_("At what time?"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}),
    )
    attachments = MultipleFileField(
        label=_("Photos or documents"),
        required=False,
        help_text=format_lazy(
            _(
                "Up to {count} JPEG or PNG photos or PDF files, at most {size} MB each. "
                "Location and camera data are removed from photos."
            ),
            count=settings.CSC["MAX_ATTACHMENTS"],
            size=settings.CSC["MAX_ATTACHMENT_BYTES"] // (1024 * 1024),
        ),
        widget=MultipleFileInput(attrs={"accept": "image/jpeg,image/png,application/pdf"}),
    )
    is_anonymous = forms.BooleanField(
        label=_("Report anonymously"),
        required=False,
        help_text=_("We will not ask or keep your name or contact details."),
    )
    reporter_name = forms.CharField(label=_("Your name"), max_length=200, required=False)
    reporter_phone = forms.CharField(
        label=_("Phone"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    reporter_email = forms.EmailField(
        label=_("Email"),
        required=False,
        help_text=_("We send the reference and updates to this address."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    consent_to_contact = forms.BooleanField(
        label=_("The council may contact me about this concern"),
        required=False,
    )
    # Safe ways to contact the reporter: offered for every category, emphasised for sensitive
    # ones (see ``sensitive_chosen``), dropped with the contact details under anonymity.
    safe_channels = forms.MultipleChoiceField(
        label=_("How may the council contact you safely?"),
        choices=SafeContact.Channel.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick every way that is safe for you. We will not use the others."),
    )
    safe_organisation = forms.CharField(
        label=_("Organisation that may pass on a message"),
        max_length=200,
        required=False,
        help_text=_("For example a women's centre, a school or a community organisation."),
    )
    safe_times = forms.CharField(
        label=_("When is it safe to contact you?"),
        max_length=300,
        required=False,
        help_text=_("For example: weekdays between 9 and 12; never in the evening."),
    )
    safe_no_messages = forms.BooleanField(
        label=_("Do not leave messages (voicemail, notes or messages with other people)"),
        required=False,
    )
    # Honeypot: hidden from people; bots fill it in.
    website = forms.CharField(label=_("Leave this field empty"), required=False)
    submission_key = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args, municipality: Municipality | None = None, **kwargs):
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("submission_key", uuid.uuid4())
        super().__init__(*args, **kwargs)
        self.fixed_municipality = municipality
        if municipality is not None:
            self.fields["municipality"].initial = municipality.pk
            self.fields["municipality"].widget = forms.HiddenInput()
            self.fields["settlement"].queryset = Settlement.objects.filter(
                municipality=municipality
            ).select_related("municipality")
        limits = settings.CSC
        # Length is checked in clean_description with a message that says how long it is.
        self.fields["description"].widget.attrs["maxlength"] = limits["DESCRIPTION_MAX_CHARS"]
        self.fields["settlement"].widget.attrs["data-municipality-select"] = self[
            "municipality"
        ].auto_id
        self.new_uploads: list[CheckedUpload] = []
        self.kept_uploads: list[StagedUpload] = []
        self.expired_uploads = 0
        if self.is_bound:
            try:
                key = uuid.UUID(str(self.data.get(self.add_prefix("submission_key"), "")))
            except ValueError:
                key = None
            wanted = set(self.data.getlist(self.add_prefix("kept")))
            self.kept_uploads = [s for s in staging.staged_uploads(key) if str(s.pk) in wanted]
            self.expired_uploads = len(wanted) - len(self.kept_uploads)

    @cached_property
    def sensitive_chosen(self) -> bool:
        """A sensitive category was chosen (a form sent back): safe contact comes first."""
        if not self.is_bound:
            return False
        chosen = str(self.data.get(self.add_prefix("category"), ""))
        return any(str(c.pk) == chosen and c.is_sensitive for c in self.categories)

    @cached_property
    def categories(self) -> list[Category]:
        """Read when the list is drawn: a cached blank form does not read it at all."""
        return list(self.fields["category"].queryset)

    def clean_description(self):
        return validate_description(self.cleaned_data["description"])

    def clean_website(self):
        if self.cleaned_data.get("website"):
            # Shown at the top: the field itself is hidden (a browser's autofill may fill it).
            self.add_error(
                None,
                ValidationError(
                    _("The form could not be sent. Please check your answers and send it again."),
                    code="honeypot",
                ),
            )
        return ""

    def clean_attachments(self) -> list[CheckedUpload]:
        files = self.cleaned_data.get("attachments") or []
        limit = settings.CSC["MAX_ATTACHMENTS"]
        if len(files) + len(self.kept_uploads) > limit:
            raise ValidationError(_("You can attach at most %(count)d files.") % {"count": limit})
        errors = []
        try:
            self.new_uploads = check_uploads(files)
        except ValidationError as exc:
            errors.extend(exc.messages)
        if self.expired_uploads:
            errors.append(_("A file you chose earlier is no longer kept. Please choose it again."))
        if errors:
            raise ValidationError(errors)
        return [staging.as_checked_upload(s) for s in self.kept_uploads] + self.new_uploads

    def clean(self):
        data = super().clean()
        municipality = self.fixed_municipality or data.get("municipality")
        if self.fixed_municipality is not None:
            data["municipality"] = self.fixed_municipality
        settlement = data.get("settlement")
        if settlement and municipality and settlement.municipality_id != municipality.pk:
            self.add_error(
                "settlement",
                _(
                    "%(place)s is in %(its_municipality)s, not in %(municipality)s. "
                    "Choose a place in %(municipality)s, or change the municipality."
                )
                % {
                    "place": settlement.display_name,
                    "its_municipality": settlement.municipality.display_name,
                    "municipality": municipality.display_name,
                },
            )
        lat, lon = data.get("latitude"), data.get("longitude")
        if (lat is None) != (lon is None):
            self.add_error(
                "longitude" if lon is None else "latitude",
                _("Give both latitude and longitude, or neither."),
            )
        occurred_on = data.get("occurred_on")
        if occurred_on:
            moment = timezone.make_aware(
                datetime.combine(occurred_on, data.get("occurred_time") or time(12, 0))
            )
            if moment.date() > timezone.localdate():
                self.add_error("occurred_on", _("This date is in the future."))
            data["occurred_at"] = moment
        else:
            data["occurred_at"] = None
        if data.get("is_anonymous"):
            for name in ("reporter_name", "reporter_phone", "reporter_email"):
                data[name] = ""
            data["consent_to_contact"] = False
            data.update(safe_channels=[], safe_organisation="", safe_times="")
            data["safe_no_messages"] = False
            return data
        self._check_safe_contact(data)
        through_organisation = SafeContact.Channel.IN_PERSON in (data.get("safe_channels") or ())
        if (
            data.get("consent_to_contact")
            and not (data.get("reporter_phone") or data.get("reporter_email"))
            and not through_organisation
            and "reporter_phone" not in self.errors
        ):
            self.add_error(
                "reporter_phone", _("Give a phone number or an email so the council can reach you.")
            )
        return data

    def _check_safe_contact(self, data: dict) -> None:
        wishes = SafeContactWishes(
            channels=frozenset(data.get("safe_channels") or ()),
            organisation=data.get("safe_organisation", ""),
            times=data.get("safe_times", ""),
            no_messages=bool(data.get("safe_no_messages")),
        )
        try:
            wishes.check(phone=data.get("reporter_phone", ""), email=data.get("reporter_email", ""))
        except ValidationError as exc:
            for name, messages in exc.message_dict.items():
                if name not in self.errors:
                    for message in messages:
                        self.add_error(name, message)


class StaffConcernForm(ConcernForm):
    """Entering a concern on someone's behalf: the channel and the reporter's language
    (for the emails they get) are recorded."""

    language = forms.ChoiceField(
        label=_("The reporter's language"),
        choices=settings.LANGUAGES,
        help_text=_("Emails to the reporter are written in this language."),
    )
    channel = forms.ChoiceField(
        label=_("How the concern reached the council"),
        choices=[
            (value, label)
            for value, label in Channel.choices
            if value in {Channel.PHONE, Channel.WALK_IN, Channel.MEETING}
        ],
    )

    def __init__(self, *args, councils=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.pop("website")
        self.fields["language"].initial = get_language()
        self.fields["consent_to_contact"].label = _("The reporter agrees to be contacted")
        self.fields["is_anonymous"].label = _("The reporter wants to stay anonymous")
        if councils is not None:
            ids = {c.municipality_id for c in councils}
            self.fields["municipality"].queryset = Municipality.objects.filter(id__in=ids)
            self.fields["settlement"].queryset = Settlement.objects.filter(
                municipality_id__in=ids
            ).select_related("municipality")
