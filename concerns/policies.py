"""Who may see and do what with concerns.

Reporter identity is the sharpest edge: only the secretary of the concern's council sees it,
only when the reporter did not choose anonymity, and every read is logged by the service.

Sensitive categories (``Category.is_sensitive``: domestic violence, human trafficking…) are
handled apart: their concerns are read only by the council's secretary and its safeguarding
officer (``Membership.Role.SAFEGUARDING_OFFICER``). Members, co-chairs, commanders, officers, the
national coordinator and administrators do not see them. Every other app starts from these:

    exclude_sensitive(queryset, user)                       # a Concern queryset
    exclude_sensitive(agenda_items, user, through="concern") # rows with a FK to a concern
    exclude_sensitive(actions, None, through="concern")      # public output: no sensitive rows
    can_read_sensitive(user, concern)                        # the secretary or safeguarding officer
    is_sensitive(concern)                                    # its category is sensitive

Public statistics may count sensitive concerns only in cells large enough to be suppressed
safely; Open311 and published minutes never show them (``exclude_sensitive(qs, None, ...)``).
"""

from django.db.models import Q, QuerySet

from concerns.models import Concern
from policing.models import PoliceUnit
from workspace.scopes import scope_of


def sensitive_councils_of(user) -> frozenset[int]:
    """Ids of the councils whose sensitive concerns ``user`` reads (secretary, safeguarding)."""
    return scope_of(user).reads_sensitive_of


def exclude_sensitive(queryset: QuerySet, user, *, through: str = "") -> QuerySet:
    """``queryset`` without the sensitive-category concerns ``user`` may not read.

    ``through``: the path from a row to its concern (``"concern"`` for actions and agenda items;
    a foreign key, not a to-many relation); rows linked to no concern stay. ``user=None``: the
    public, which reads none. Costs no query of its own beyond the (cached) scope.
    """
    prefix = f"{through}__" if through else ""
    allowed = Q(**{f"{prefix}category__is_sensitive": False})
    readable = sensitive_councils_of(user) if user is not None else frozenset()
    if readable:
        allowed |= Q(**{f"{prefix}council_id__in": readable})
    if through:
        allowed |= Q(**{f"{through}__isnull": True})
    return queryset.filter(allowed)


def is_sensitive(concern: Concern) -> bool:
    """Its category is sensitive (select_related("category") to avoid a query)."""
    return concern.category.is_sensitive


def can_read_sensitive(user, concern: Concern) -> bool:
    """Whether ``user`` is a reader of the sensitive concerns of ``concern``'s council: its
    secretary or its safeguarding officer. True for them whatever the concern's category."""
    return concern.council_id in sensitive_councils_of(user)


def concerns_visible_to(user) -> QuerySet[Concern]:
    scope = scope_of(user)
    if not scope.is_authenticated:
        return Concern.objects.none()
    if scope.reads_everything:
        return exclude_sensitive(Concern.objects.all(), user)
    # The same rows as exclude_sensitive(member_of | safeguarding_of | referred), written so
    # that a secretary's councils carry no category condition: "council_id IN (…)" alone lets
    # PostgreSQL count and page a council's concerns from an index without the category join.
    readable = scope.reads_sensitive_of
    not_sensitive = Q(category__is_sensitive=False)
    # Only the parts the scope has: a condition on the category, even on an empty set of
    # councils, would keep its join in the query.
    parts = []
    if scope.member_of & readable:
        parts.append(Q(council_id__in=scope.member_of & readable))
    if scope.member_of - readable:
        parts.append(Q(council_id__in=scope.member_of - readable) & not_sensitive)
    if scope.safeguarding_of - scope.member_of:
        # A safeguarding officer reads their council's sensitive concerns and nothing else of it.
        parts.append(
            Q(council_id__in=scope.safeguarding_of - scope.member_of, category__is_sensitive=True)
        )
    if scope.commands:
        # Commanders read concerns referred to police: those with an action for their units.
        # Officers read the actions given to them, not the council's concerns (DOMAIN.md).
        referred = Concern.objects.filter(actions__responsible_unit_id__in=scope.commands)
        parts.append(
            Q(id__in=referred.values("id"))
            & (not_sensitive | Q(council_id__in=readable) if readable else not_sensitive)
        )
    if not parts:
        return Concern.objects.none()
    condition = parts[0]
    for part in parts[1:]:
        condition |= part
    return Concern.objects.filter(condition)


def can_view_concern(user, concern: Concern) -> bool:
    if is_sensitive(concern):
        return can_read_sensitive(user, concern)
    scope = scope_of(user)
    if scope.reads_everything or concern.council_id in scope.member_of:
        return True
    if not scope.commands:
        return False
    return concern.actions.filter(responsible_unit_id__in=scope.commands).exists()


def can_read_internal_notes(user, concern: Concern) -> bool:
    """The council's discussion (internal notes, comments) stays with the council and the
    national level; a commander reading a referred concern sees its public history only.
    A sensitive concern's: its secretary and safeguarding officer only."""
    if is_sensitive(concern):
        return can_read_sensitive(user, concern)
    scope = scope_of(user)
    return scope.reads_everything or concern.council_id in scope.member_of


def can_manage_concern(user, concern: Concern) -> bool:
    """Triage, reject, merge, refer, resolve, close, reopen, internal notes: the secretary."""
    return concern.council_id in scope_of(user).secretary_of


def can_post_public_update(user, concern: Concern) -> bool:
    """A message to the reporter speaks for the council: its secretary writes it (members,
    commanders, officers and the safeguarding officer do not)."""
    return can_manage_concern(user, concern)


def can_issue_tracking_code(user, concern: Concern) -> bool:
    """Slip, SMS text, code by email, a new code: the secretary, for concerns staff entered on a
    resident's behalf (phone, desk, meeting). A resident who reported on the web has their code;
    handing a new one to a caller nobody can identify would open a (possibly sensitive) concern
    to whoever asks. Their lost link is re-sent to their own email instead."""
    return can_manage_concern(user, concern) and concern.entered_by_id is not None


def can_see_reporter_identity(user, concern: Concern) -> bool:
    return can_manage_concern(user, concern) and not concern.is_anonymous


def can_see_safe_contact(user, concern: Concern) -> bool:
    """The reporter's safe ways to contact them, for who may act on them: the secretary (who
    sees their identity) and, on a sensitive concern, its safeguarding officer."""
    if concern.is_anonymous:
        return False
    return can_manage_concern(user, concern) or (
        is_sensitive(concern) and can_read_sensitive(user, concern)
    )


def can_comment(user, concern: Concern) -> bool:
    """Council members (secretary included) comment on their council's concerns; on a
    sensitive one only its secretary and safeguarding officer."""
    if is_sensitive(concern):
        return can_read_sensitive(user, concern)
    return concern.council_id in scope_of(user).member_of


def can_enter_concern_for(user, council_id: int) -> bool:
    """Enter a concern on a resident's behalf (phone, walk-in, meeting)."""
    return council_id in scope_of(user).secretary_of


def can_manage_categories(user) -> bool:
    scope = scope_of(user)
    return scope.is_admin or scope.is_national


def commands_unit_in(user, municipality_id: int) -> bool:
    """A commander of an active police unit in the municipality."""
    scope = scope_of(user)
    return (
        bool(scope.commands)
        and PoliceUnit.objects.filter(
            pk__in=scope.commands, municipality_id=municipality_id
        ).exists()
    )
