"""Who may see and do what with councils, meetings and minutes."""

from django.db.models import Q, QuerySet

from councils.models import Council, Meeting
from workspace.scopes import scope_of


def councils_visible_to(user) -> QuerySet[Council]:
    scope = scope_of(user)
    if scope.reads_everything:
        return Council.objects.all()
    return Council.objects.filter(id__in=scope.member_of)


def is_secretary_of(user, council: Council | int) -> bool:
    council_id = council if isinstance(council, int) else council.pk
    return council_id in scope_of(user).secretary_of


def is_member_of(user, council: Council | int) -> bool:
    council_id = council if isinstance(council, int) else council.pk
    return council_id in scope_of(user).member_of


def is_co_chair_of(user, council: Council | int) -> bool:
    council_id = council if isinstance(council, int) else council.pk
    return council_id in scope_of(user).co_chair_of


def meetings_visible_to(user) -> QuerySet[Meeting]:
    """Members read their councils' meetings, drafts included; everyone reads published ones."""
    scope = scope_of(user)
    if scope.reads_everything:
        return Meeting.objects.all()
    return Meeting.objects.filter(
        Q(council_id__in=scope.member_of) | Q(status=Meeting.Status.PUBLISHED)
    )


def can_manage_meetings(user, council: Council) -> bool:
    """Plan, hold, cancel meetings; agenda, attendance and minutes: the council's secretary."""
    return is_secretary_of(user, council)


def can_read_draft_minutes(user, meeting: Meeting) -> bool:
    scope = scope_of(user)
    return scope.reads_everything or meeting.council_id in scope.member_of


def can_approve_minutes(user, meeting: Meeting) -> bool:
    """A co-chair approves; the secretary records an approval given at the next meeting."""
    scope = scope_of(user)
    return meeting.council_id in scope.co_chair_of or meeting.council_id in scope.secretary_of


def can_publish_minutes(user, meeting: Meeting) -> bool:
    return is_secretary_of(user, meeting.council_id)


def can_manage_members(user, council: Council) -> bool:
    """Appoint and end memberships: the council's secretary."""
    return is_secretary_of(user, council)


def can_correct_minutes(user, meeting: Meeting) -> bool:
    scope = scope_of(user)
    return meeting.council_id in scope.co_chair_of or meeting.council_id in scope.secretary_of


def can_annotate_police_report(user, meeting: Meeting) -> bool:
    """The commander of a police unit of the council's municipality, or the secretary."""
    from concerns.policies import commands_unit_in

    if is_secretary_of(user, meeting.council_id):
        return True
    municipality_id = meeting.council.municipality_id
    return municipality_id is not None and commands_unit_in(user, municipality_id)


def meetings_for_staff(user) -> QuerySet[Meeting]:
    """The staff pages' meetings: the user's councils (drafts included), or all for national."""
    scope = scope_of(user)
    if scope.reads_everything:
        return Meeting.objects.all()
    return Meeting.objects.filter(council_id__in=scope.member_of)


def public_meetings() -> QuerySet[Meeting]:
    """What anyone may read: published minutes, and the published agenda of a planned meeting
    (a draft agenda, and minutes before publication, are for members)."""
    return Meeting.objects.filter(
        Q(status=Meeting.Status.PUBLISHED)
        | Q(status=Meeting.Status.PLANNED, agenda_published_at__isnull=False),
        council__is_active=True,
    )
