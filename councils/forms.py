"""Input of the council pages: scheduling, items, attendance, decisions, memberships."""

from datetime import datetime, time

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from concerns.models import Priority
from config.forms import PlainErrorMessages
from councils.models import Attendance, Council, Decision, Meeting, Membership, Person
from policing.models import PoliceUnit
from publictexts.forms import MultilingualTextFormField


def official_languages(council: Council) -> list[str]:
    municipality = council.municipality
    return list(municipality.official_languages) if municipality else ["en"]


class MeetingTimeForm(PlainErrorMessages, forms.Form):
    """When and where a meeting is: what moving it changes."""

    day = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    start = forms.TimeField(
        label=_("Time"), initial=time(17, 0), widget=forms.TimeInput(attrs={"type": "time"})
    )
    place = forms.CharField(label=_("Place"), max_length=200, required=False)

    def __init__(self, *args, council: Council, **kwargs):
        super().__init__(*args, **kwargs)
        self.council = council
        self.fields["start"].help_text = _("In the council's time zone (%(zone)s).") % {
            "zone": council.zone.key
        }

    def planned_at(self) -> datetime:
        naive = datetime.combine(self.cleaned_data["day"], self.cleaned_data["start"])
        return timezone.make_aware(naive, self.council.zone)


class ScheduleForm(MeetingTimeForm):
    kind = forms.ChoiceField(label=_("Type"), choices=Meeting.Kind.choices)

    field_order = ["kind", "day", "start", "place"]


class RescheduleForm(MeetingTimeForm):
    """A meeting keeps its type when it moves. The type is not a field here rather than one
    removed in ``__init__``: the API documents a step's body from the form's declared fields."""

    def __init__(self, *args, meeting: Meeting, **kwargs):
        local = meeting.local_planned_at
        kwargs.setdefault(
            "initial", {"day": local.date(), "start": local.time(), "place": meeting.place}
        )
        super().__init__(*args, council=meeting.council, **kwargs)


class ReasonForm(PlainErrorMessages, forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class HoldForm(PlainErrorMessages, forms.Form):
    held_on = forms.DateField(
        label=_("Held on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Empty: the planned date."),
    )


class FreeItemForm(PlainErrorMessages, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=250)


class ItemForm(PlainErrorMessages, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=250)
    discussion = forms.CharField(
        label=_("Discussion (internal minutes)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    public_summary = MultilingualTextFormField(
        label=_("Public summary"), required=False, max_length=4000
    )

    def __init__(self, *args, council: Council, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["public_summary"].for_municipality(council.municipality)
        self.fields["public_summary"].required = False


class AnnotationForm(PlainErrorMessages, forms.Form):
    annotation = forms.CharField(
        label=_("Police commander's note"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )


class DecisionForm(PlainErrorMessages, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"))
    text = forms.CharField(label=_("Decision"), widget=forms.Textarea(attrs={"rows": 3}))
    public_text = MultilingualTextFormField(
        label=_("Public text of the decision"), required=False, max_length=4000
    )
    referred_to = forms.CharField(label=_("Referred to (body)"), max_length=200, required=False)
    public_response = forms.CharField(
        label=_("Public response to the reporter"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    action_title = forms.CharField(label=_("Action"), max_length=250, required=False)
    responsible_unit = forms.ModelChoiceField(
        label=_("Police unit responsible"), queryset=PoliceUnit.objects.none(), required=False
    )
    due_date = forms.DateField(
        label=_("Due date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    priority = forms.ChoiceField(
        label=_("Priority"), choices=Priority.choices, initial=Priority.NORMAL, required=False
    )
    plan = forms.ModelChoiceField(
        label=_("Action plan adopted"), queryset=Council.objects.none(), required=False
    )
    priority_title = MultilingualTextFormField(
        label=_("Priority: the issue"), required=False, max_length=200, single_line=True
    )
    priority_settlements = forms.ModelMultipleChoiceField(
        label=_("Priority: settlements"),
        queryset=Council.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, item, **kwargs):
        super().__init__(*args, **kwargs)
        council = item.meeting.council
        kinds = [Decision.Kind.RECOMMENDATION, Decision.Kind.ACTION, Decision.Kind.DEFERRAL]
        if item.concern_id:
            kinds += [Decision.Kind.RESOLUTION, Decision.Kind.REFERRAL]
        if council.referral_target is not None:
            kinds.append(Decision.Kind.REFER_UP)
        kinds.append(Decision.Kind.PRIORITY)
        self._add_plans(council, kinds)
        self.fields["kind"].choices = [(k.value, k.label) for k in kinds]
        self.fields["public_text"].for_municipality(council.municipality)
        self.fields["public_text"].required = False
        self.fields["responsible_unit"].queryset = PoliceUnit.objects.filter(
            municipality_id=council.municipality_id, is_active=True
        )
        self._add_partner_bodies(council)

    def _add_plans(self, council, kinds):
        from councils.models import Settlement
        from plans.models import SafetyPlan

        drafts = SafetyPlan.objects.filter(
            council=council, status=SafetyPlan.Status.DRAFT
        ).select_related("council__municipality")
        self.fields["plan"].queryset = drafts
        self.fields["plan"].label_from_instance = plan_label
        if drafts.exists():
            kinds.append(Decision.Kind.PLAN_ADOPTION)
        self.fields["priority_title"].for_municipality(council.municipality)
        self.fields["priority_title"].required = False
        self.fields["priority_settlements"].queryset = Settlement.objects.filter(
            municipality_id=council.municipality_id
        ).order_by("name")

    def _add_partner_bodies(self, council):
        try:
            from policing.models import PartnerBody
        except ImportError:
            return
        self.fields["responsible_body"] = forms.ModelChoiceField(
            label=_("Or a partner body responsible"),
            queryset=PartnerBody.objects.filter(municipality_id=council.municipality_id),
            required=False,
        )

    def clean(self):
        data = super().clean()
        if data.get("kind") == Decision.Kind.ACTION:
            if not data.get("action_title"):
                self.add_error("action_title", _("Say what is to be done."))
            if not data.get("due_date"):
                self.add_error("due_date", _("Give a due date."))
            if not data.get("responsible_unit") and not data.get("responsible_body"):
                self.add_error(
                    "responsible_unit", _("Choose who is responsible: a police unit or a body.")
                )
        if data.get("kind") == Decision.Kind.PLAN_ADOPTION and not data.get("plan"):
            self.add_error("plan", _("Choose the plan the meeting adopts."))
        if data.get("kind") == Decision.Kind.PRIORITY and not data.get("priority_title"):
            self.add_error("priority_title", _("Name the issue the priority is about."))
        return data

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        arguments = {
            "kind": data["kind"],
            "text": data["text"],
            "public_text": data.get("public_text") or {},
            "referred_to": data.get("referred_to", ""),
            "public_response": data.get("public_response", ""),
        }
        if data["kind"] == Decision.Kind.ACTION:
            arguments["action"] = {
                "title": data["action_title"],
                "description": data["text"],
                "responsible_unit": data.get("responsible_unit"),
                "responsible_body": data.get("responsible_body"),
                "due_date": data["due_date"],
                "priority": data.get("priority") or Priority.NORMAL,
            }
        if data["kind"] == Decision.Kind.PLAN_ADOPTION:
            arguments["plan"] = data["plan"]
        if data["kind"] == Decision.Kind.PRIORITY:
            arguments["priority"] = {
                "title": data["priority_title"],
                "settlements": list(data.get("priority_settlements") or []),
            }
        return arguments


def plan_label(plan) -> str:
    from publictexts.text import pick

    chosen = pick(plan.title, official=plan.council.municipality.official_languages)
    return f"{chosen.text if chosen else plan} ({plan.starts_on:%Y}–{plan.ends_on:%Y})"


class MinutesForm(PlainErrorMessages, forms.Form):
    minutes_summary = forms.CharField(
        label=_("Summary (internal minutes)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    public_summary = MultilingualTextFormField(
        label=_("Public summary"), required=False, max_length=4000
    )

    def __init__(self, *args, council: Council, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["public_summary"].for_municipality(council.municipality)
        self.fields["public_summary"].required = False


class CorrectionForm(MinutesForm):
    """What ``correct_minutes`` takes: the summaries, each item's discussion and public
    summary, and the reason. Shown filled with the approved text."""

    reason = forms.CharField(
        label=_("What the correction corrects"), widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, meeting: Meeting, items, **kwargs):
        kwargs.setdefault(
            "initial",
            {"minutes_summary": meeting.minutes_summary, "public_summary": meeting.public_summary},
        )
        super().__init__(*args, council=meeting.council, **kwargs)
        self.items = list(items)
        reason = self.fields.pop("reason")
        for item in self.items:
            self.fields[f"item_{item.pk}_discussion"] = forms.CharField(
                label=_("Discussion (internal minutes)"),
                required=False,
                initial=item.discussion,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
            summary = MultilingualTextFormField(
                label=_("Public summary"), required=False, max_length=4000
            )
            summary.for_municipality(meeting.council.municipality)
            summary.required = False
            summary.initial = item.public_summary
            self.fields[f"item_{item.pk}_public_summary"] = summary
        self.fields["reason"] = reason

    def item_rows(self):
        return [
            (item, self[f"item_{item.pk}_discussion"], self[f"item_{item.pk}_public_summary"])
            for item in self.items
        ]

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "reason": data["reason"],
            "minutes_summary": data["minutes_summary"],
            "public_summary": data["public_summary"],
            "items": {
                item.pk: {
                    "discussion": data[f"item_{item.pk}_discussion"],
                    "public_summary": data[f"item_{item.pk}_public_summary"] or {},
                }
                for item in self.items
            },
        }


class AttendanceForm(PlainErrorMessages, forms.Form):
    """One choice per member current on the day, plus up to five guest rows."""

    GUEST_ROWS = 5

    def __init__(
        self, *args, members: list[Membership], recorded: dict[int, str], guests, **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.members = members
        for membership in members:
            self.fields[f"member_{membership.pk}"] = forms.ChoiceField(
                label=str(membership.person),
                choices=Attendance.Status.choices,
                initial=recorded.get(membership.pk, Attendance.Status.PRESENT),
                widget=forms.RadioSelect,
            )
        for i in range(self.GUEST_ROWS):
            guest = guests[i] if i < len(guests) else None
            self.fields[f"guest_{i}_name"] = forms.CharField(
                label=_("Guest"),
                max_length=200,
                required=False,
                initial=guest.guest_name if guest else "",
            )
            self.fields[f"guest_{i}_organisation"] = forms.CharField(
                label=_("Organisation"),
                max_length=200,
                required=False,
                initial=guest.guest_organisation if guest else "",
            )

    def member_rows(self):
        return [(m, self[f"member_{m.pk}"]) for m in self.members]

    def guest_rows(self):
        return [
            (self[f"guest_{i}_name"], self[f"guest_{i}_organisation"])
            for i in range(self.GUEST_ROWS)
        ]

    def statuses(self) -> dict[int, str]:
        return {m.pk: self.cleaned_data[f"member_{m.pk}"] for m in self.members}

    def guests(self) -> list[tuple[str, str]]:
        return [
            (self.cleaned_data[f"guest_{i}_name"], self.cleaned_data[f"guest_{i}_organisation"])
            for i in range(self.GUEST_ROWS)
            if self.cleaned_data[f"guest_{i}_name"].strip()
        ]


class AppointForm(PlainErrorMessages, forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    email = forms.EmailField(label=_("Email"), required=False)
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices)
    represents = forms.CharField(
        label=_("Organisation or community represented"), max_length=200, required=False
    )
    community = forms.CharField(label=_("Community"), max_length=100, required=False)
    gender = forms.ChoiceField(
        label=_("Gender"),
        choices=[("", "—"), *Person.Gender.choices],
        required=False,
        help_text=_("Optional; used only for representation statistics."),
    )
    start_date = forms.DateField(
        label=_("Start date"),
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    appointment_number = forms.CharField(
        label=_("Assembly decision number"), max_length=60, required=False
    )
    appointment_date = forms.DateField(
        label=_("Assembly decision date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )


class EndMembershipForm(PlainErrorMessages, forms.Form):
    end_date = forms.DateField(
        label=_("End date"),
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    reason = forms.CharField(label=_("Reason"), max_length=250)
