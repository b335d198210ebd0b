"""The secretary's inbox filters."""

from django import forms
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from concerns import form_cache, selectors
from concerns.forms.dates import BoundedDateField
from concerns.models import Category, Channel, Concern
from config.forms import PlainErrorMessages
from councils.models import Council, Municipality, Settlement
from councils.policies import councils_visible_to
from workspace.scopes import scope_of


class InboxFilterForm(PlainErrorMessages, forms.Form):
    """The filters of the inbox. A filter that cannot be read is shown as an error and left
    out; the others still apply."""

    q = forms.CharField(
        label=_("Search"),
        required=False,
        help_text=_("A reference or part of it (00157), or words of the description."),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any")), ("open", _("Open"))] + list(Concern.Status.choices),
    )
    category = forms.ModelChoiceField(
        label=_("Category"), required=False, queryset=Category.objects.all()
    )
    settlement = forms.ModelChoiceField(
        label=_("Settlement"), required=False, queryset=Settlement.objects.none()
    )
    channel = forms.ChoiceField(
        label=_("Channel"),
        required=False,
        choices=[("", _("Any"))] + list(Channel.choices),
    )
    council = forms.ModelChoiceField(
        label=_("Council"), required=False, queryset=Council.objects.none()
    )
    municipality = forms.ModelChoiceField(
        label=_("Municipality"), required=False, queryset=Municipality.objects.none()
    )
    received_from = BoundedDateField(
        label=_("Received from"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    received_to = BoundedDateField(
        label=_("Received until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    waiting = forms.BooleanField(label="", required=False)
    reopened = forms.BooleanField(label=_("Reopened at some point"), required=False)
    sort = forms.ChoiceField(
        label=_("Sort"),
        required=False,
        choices=[
            ("-created_at", _("Newest first")),
            ("created_at", _("Oldest first")),
            ("priority", _("Priority")),
            ("status", _("Status")),
            ("reference", _("Reference")),
        ],
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        councils = councils_visible_to(user).filter(is_active=True).select_related("municipality")
        self.fields["council"].queryset = councils
        self.fields["settlement"].queryset = Settlement.objects.filter(
            municipality__in=councils.values("municipality")
        ).select_related("municipality")
        self.fields["municipality"].queryset = Municipality.objects.filter(
            pk__in=councils.values("municipality")
        ).order_by("name")
        # The lists come from memory (they change a few times a year); a value sent is still
        # looked up in the querysets above, so a filter outside the scope stays refused.
        scope = scope_of(user)
        lists = form_cache.cached_choices(
            ("inbox-filters", get_language(), scope.reads_everything, scope.member_of),
            self._read_choices,
        )
        for name in self.CACHED_CHOICES:
            field = self.fields[name]
            field.choices = [("", field.empty_label), *lists[name]]
        self.fields["waiting"].label = gettext("Waiting for triage more than %(days)d days") % {
            "days": selectors.waiting_for_triage_days()
        }
        for field in self.fields.values():
            field.widget.attrs.setdefault("form", "inbox-filters")

    CACHED_CHOICES = ("category", "settlement", "council", "municipality")

    def _read_choices(self) -> dict[str, list]:
        choices = {
            name: [
                (obj.pk, self.fields[name].label_from_instance(obj))
                for obj in self.fields[name].queryset
            ]
            for name in self.CACHED_CHOICES
            if name != "municipality"
        }
        # The councils' municipalities, from the councils just read: no query of their own.
        municipalities = {c.municipality for c in self.fields["council"].queryset}
        choices["municipality"] = [
            (m.pk, self.fields["municipality"].label_from_instance(m))
            for m in sorted(municipalities, key=lambda m: m.name)
        ]
        return choices

    def clean(self):
        data = super().clean()
        start, end = data.get("received_from"), data.get("received_to")
        if start and end and end < start:
            self.add_error(
                "received_to",
                gettext("“Received until” is before “Received from”: swap the two dates."),
            )
        return data

    @property
    def active_count(self) -> int:
        """How many filters are set (the sort order is not one), to say so when folded."""
        if not self.is_bound:
            return 0
        return sum(1 for name in self.fields if name != "sort" and self.data.get(name))

    def to_filters(self) -> selectors.InboxFilters:
        data = {}
        if self.is_bound:
            self.is_valid()  # fields with errors are left out of cleaned_data
            data = self.cleaned_data
        return selectors.InboxFilters(
            status=data.get("status") or "",
            category=data["category"].pk if data.get("category") else None,
            settlement=data["settlement"].pk if data.get("settlement") else None,
            channel=data.get("channel") or "",
            council=data["council"].pk if data.get("council") else None,
            municipality=data["municipality"].pk if data.get("municipality") else None,
            reopened=bool(data.get("reopened")),
            received_from=data.get("received_from"),
            received_to=data.get("received_to"),
            waiting_days=selectors.waiting_for_triage_days() if data.get("waiting") else None,
            q=(data.get("q") or "")[:200],
            sort=data.get("sort") or "-created_at",
        )
