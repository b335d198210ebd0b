from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext_lazy as _

from notifications.selectors import unread_count
from workspace.scopes import Role, scope_of

# (label, url name, roles that see it; None = every signed-in user)
_STAFF_LINKS = [
    (_("Home"), "workspace:home", None),
    (
        _("Concerns"),
        "concerns:inbox",
        {
            Role.SECRETARY,
            Role.MEMBER,
            Role.CO_CHAIR,
            Role.SAFEGUARDING_OFFICER,
            Role.NATIONAL_COORDINATOR,
            Role.ADMINISTRATOR,
        },
    ),
    (_("Meetings"), "councils:meetings", {Role.SECRETARY, Role.MEMBER, Role.CO_CHAIR}),
    (
        _("Plan and priorities"),
        "plans:plans",
        {Role.SECRETARY, Role.MEMBER, Role.CO_CHAIR, Role.NATIONAL_COORDINATOR},
    ),
    (
        _("Actions"),
        "policing:actions",
        {
            Role.COMMANDER,
            Role.OFFICER,
            Role.FOCAL_POINT,
            Role.SECRETARY,
            Role.MEMBER,
            Role.CO_CHAIR,
            Role.NATIONAL_COORDINATOR,
        },
    ),
    (
        _("Statistics"),
        "monitoring:dashboard",
        {
            Role.NATIONAL_COORDINATOR,
            Role.ADMINISTRATOR,
            Role.SECRETARY,
            Role.CO_CHAIR,
            Role.MEMBER,
            Role.COMMANDER,
            Role.FOCAL_POINT,
        },
    ),
    (_("Administration"), "admin:index", {Role.ADMINISTRATOR}),
]


def is_public_page(request) -> bool:
    """Residents' pages (the ``public`` namespace, an app's ``public_*`` views) and error pages
    (no URL matched): they carry the quick-exit button."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        return True
    return match.namespace == "public" or (match.url_name or "").startswith("public_")


def _badge(count: int) -> str:
    return "" if not count else ("99+" if count > 99 else str(count))


def navigation(request):
    """Navigation per role; links to pages not installed yet are left out."""
    user = getattr(request, "user", None)
    scope = scope_of(user)
    roles = set(scope.roles)
    links = []
    if scope.is_authenticated:
        for label, name, allowed in _STAFF_LINKS:
            if allowed is not None and not (roles & allowed):
                continue
            try:
                links.append({"label": label, "url": reverse(name)})
            except NoReverseMatch:
                continue
    return {
        "quick_exit_url": settings.CSC["QUICK_EXIT_URL"] if is_public_page(request) else "",
        "language_choices": [
            (code, settings.LANGUAGE_NAMES_LOCAL.get(code, name))
            for code, name in settings.LANGUAGES
        ],
        "staff_links": links,
        "user_roles": [Role(r).label for r in scope.roles],
        "text_direction": "rtl" if get_language_bidi() else "ltr",
        # Counted only when a staff page's header shows it (public pages never do).
        "unread_notifications": SimpleLazyObject(lambda: _badge(unread_count(user)))
        if scope.is_authenticated
        else "",
    }
