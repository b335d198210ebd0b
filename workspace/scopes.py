"""Who a user is in the domain: their roles and the councils and units they act for.

Every app's policies ask this module; it costs a few queries once per request and is cached on
the user object, so list pages don't repeat it per row.
"""

from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import User


class Role(models.TextChoices):
    """The roles of DOMAIN.md that a signed-in user can hold.

    Secretary, member, commander and officer are scoped (by council or unit) and derived from
    memberships and units; national coordinator and administrator are global flags on the user.
    """

    SECRETARY = "secretary", _("Council secretary")
    MEMBER = "member", _("Council member")
    CO_CHAIR = "co_chair", _("Council co-chair")
    COMMANDER = "commander", _("Police commander")
    OFFICER = "officer", _("Police officer")
    SAFEGUARDING_OFFICER = "safeguarding_officer", _("Safeguarding officer")
    FOCAL_POINT = "focal_point", _("Partner focal point")
    NATIONAL_COORDINATOR = "national_coordinator", _("National coordinator")
    ADMINISTRATOR = "administrator", _("Administrator")


_CACHE_ATTR = "_csc_scope"


@dataclass(frozen=True)
class Scope:
    is_authenticated: bool = False
    is_admin: bool = False
    is_national: bool = False
    secretary_of: frozenset[int] = field(default_factory=frozenset)
    co_chair_of: frozenset[int] = field(default_factory=frozenset)
    # Any current membership but safeguarding officer: that designation reads the council's
    # sensitive concerns only (safeguarding_of), not its other concerns, meetings or minutes.
    member_of: frozenset[int] = field(default_factory=frozenset)
    safeguarding_of: frozenset[int] = field(default_factory=frozenset)
    commands: frozenset[int] = field(default_factory=frozenset)  # unit ids
    officer_id: int | None = None
    officer_unit_id: int | None = None
    focal_point_of: frozenset[int] = field(default_factory=frozenset)  # partner body ids

    @property
    def reads_everything(self) -> bool:
        """Everything but sensitive-category concerns (see ``reads_sensitive_of``)."""
        return self.is_admin or self.is_national

    @property
    def reads_sensitive_of(self) -> frozenset[int]:
        """Councils whose sensitive-category concerns this user reads: secretary and
        safeguarding officer only — not members, commanders, national or administrators."""
        return self.secretary_of | self.safeguarding_of

    @property
    def roles(self) -> list[str]:
        roles = []
        if self.secretary_of:
            roles.append(Role.SECRETARY)
        if self.co_chair_of - self.secretary_of:
            roles.append(Role.CO_CHAIR)
        if self.member_of - self.secretary_of - self.co_chair_of:
            roles.append(Role.MEMBER)
        if self.commands:
            roles.append(Role.COMMANDER)
        if self.officer_id and not self.commands:
            roles.append(Role.OFFICER)
        if self.safeguarding_of:
            roles.append(Role.SAFEGUARDING_OFFICER)
        if self.focal_point_of:
            roles.append(Role.FOCAL_POINT)
        if self.is_national:
            roles.append(Role.NATIONAL_COORDINATOR)
        if self.is_admin:
            roles.append(Role.ADMINISTRATOR)
        return roles


ANONYMOUS = Scope()


def scope_of(user: User | AnonymousUser | None) -> Scope:
    if user is None or not user.is_authenticated or not user.is_active:
        return ANONYMOUS
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached

    from councils.models import Membership
    from policing.models import FocalPoint, Officer, PoliceUnit

    memberships = list(
        Membership.objects.current()
        .filter(person__user=user, council__is_active=True)
        .values_list("council_id", "role")
    )
    secretary_of = {c for c, r in memberships if r == Membership.Role.SECRETARY}
    co_chair_of = {c for c, r in memberships if r == Membership.Role.CO_CHAIR}
    safeguarding_of = {c for c, r in memberships if r == Membership.Role.SAFEGUARDING_OFFICER}
    commands = set(
        PoliceUnit.objects.filter(commander=user, is_active=True).values_list("id", flat=True)
    )
    # A station's commander also commands the units under it.
    frontier = set(commands)
    while frontier:
        frontier = (
            set(
                PoliceUnit.objects.filter(parent_id__in=frontier, is_active=True).values_list(
                    "id", flat=True
                )
            )
            - commands
        )
        commands |= frontier
    officer = Officer.objects.filter(user=user, is_active=True).values("id", "unit_id").first()
    focal_point_of = FocalPoint.objects.current().filter(user=user, body__is_active=True)
    scope = Scope(
        is_authenticated=True,
        is_admin=user.is_superuser,
        is_national=user.is_national_coordinator,
        secretary_of=frozenset(secretary_of),
        co_chair_of=frozenset(co_chair_of),
        member_of=frozenset(c for c, r in memberships if r != Membership.Role.SAFEGUARDING_OFFICER),
        safeguarding_of=frozenset(safeguarding_of),
        commands=frozenset(commands),
        officer_id=officer["id"] if officer else None,
        officer_unit_id=officer["unit_id"] if officer else None,
        focal_point_of=frozenset(focal_point_of.values_list("body_id", flat=True)),
    )
    setattr(user, _CACHE_ATTR, scope)
    return scope


def forget_scope(user: User) -> None:
    """Drop the cached scope (after memberships or units change within one request/test)."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def is_staff_user(user) -> bool:
    """Signed in with any role at all: the staff area is for them."""
    return bool(scope_of(user).roles)


def any_member_of(council_id: int) -> User:
    """A stand-in for "any member of this council": an unsaved user whose scope is that one
    membership and nothing else, to count what every member may read (a council report is
    read by all its members: sensitive categories stay out of it, as of every member view)."""
    reader = User(username="", is_active=True)
    setattr(reader, _CACHE_ATTR, Scope(is_authenticated=True, member_of=frozenset({council_id})))
    return reader
