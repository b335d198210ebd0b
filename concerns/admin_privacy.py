"""Fields the Django admin never queries: reporter identity, tracking tokens, emails to reporters.

The admin does not show these fields, but a changelist URL is a query: ``?reporter_email=…``,
``?reporter_name__startswith=d`` or ``?concern__reporter_phone__contains=…`` answer "some rows"
or "none", which extracts a value one character at a time. Django allows any lookup on a
model's own fields; ``PrivateFieldsAdmin.lookup_allowed`` refuses every lookup path that
touches a private field, on the model or through relations, and the changelist answers 400.

Every registered admin whose model is related (however far) to a model with private fields
uses the mixin, and none of them searches, filters, orders or builds a date hierarchy on a
private field: the system check below fails otherwise, so a new admin cannot forget.
"""

from django.contrib import admin
from django.core import checks
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models.constants import LOOKUP_SEP

# Model label -> fields no admin lookup may touch.
PRIVATE_FIELDS: dict[str, frozenset[str]] = {
    # DOMAIN.md: the reporter's identity is for the council secretary only, never the admin;
    # the token hash (with the reference) opens the citizen's tracking page; the code hash is
    # keyed, but a lookup on it still has nothing to tell an administrator.
    # ``safe_contact``: even whether a reporter asked to be reached safely says who is at risk.
    "concerns.Concern": frozenset(
        {
            "reporter_name",
            "reporter_phone",
            "reporter_email",
            "tracking_token_hash",
            "tracking_code_hash",
            "safe_contact",
        }
    ),
    "concerns.SafeContact": frozenset(
        {
            "concern",
            "by_call",
            "by_sms",
            "by_email",
            "in_person",
            "organisation",
            "times",
            "no_messages",
        }
    ),
    # Addresses are the reporter's; bodies hold the tracking link; subjects name concerns.
    "notifications.OutgoingEmail": frozenset({"to", "subject", "body"}),
    # An Open311 client's key hash: no lookup may narrow it down.
    "open311.Client": frozenset({"key_hash"}),
    # A resident following a priority: the address, and the token of its confirm/stop links.
    "plans.PriorityFollower": frozenset({"email", "token"}),
}


# Models the admin never registers: reporters' safe ways to be contacted are for the council's
# secretary and safeguarding officer (DOMAIN.md); even a list of them says who is at risk.
NEVER_IN_ADMIN: frozenset[str] = frozenset({"concerns.SafeContact"})


def private_field_in(model: type[models.Model], lookup: str) -> str | None:
    """The private field a lookup path reaches (``"concerns.Concern.reporter_email"``), or None.

    The path is followed through forward and reverse relations; the first part that is not a
    field of the model reached is a lookup or a transform (``startswith``, ``year``), which
    ends the path.
    """
    for part in lookup.split(LOOKUP_SEP):
        if part == "pk":
            return None
        try:
            field = model._meta.get_field(part)
        except FieldDoesNotExist:
            return None
        if field.name in PRIVATE_FIELDS.get(model._meta.label, ()):
            return f"{model._meta.label}.{field.name}"
        if not field.is_relation or field.related_model is None:
            return None
        model = field.related_model
    return None


def reaches_private_fields(model: type[models.Model]) -> bool:
    """Whether any relation path from ``model`` leads to a model with private fields."""
    seen, todo = set(), [model]
    while todo:
        current = todo.pop()
        if current._meta.label in PRIVATE_FIELDS:
            return True
        seen.add(current)
        for field in current._meta.get_fields(include_hidden=True):
            related = field.related_model if field.is_relation else None
            if related is not None and related not in seen and isinstance(related, type):
                todo.append(related)
    return False


class PrivateFieldsAdmin:
    """Mix into a ModelAdmin: changelist lookups touching PRIVATE_FIELDS are refused (400)."""

    def lookup_allowed(self, lookup, value, request):
        if private_field_in(self.model, lookup) is not None:
            return False
        return super().lookup_allowed(lookup, value, request)


def _lookups_of(model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
    """(option, lookup path) for the options that query: search, filters, order, dates."""
    found = []
    for entry in model_admin.search_fields or ():
        found.append(("search_fields", entry.lstrip("^=@")))
    for entry in model_admin.list_filter or ():
        if isinstance(entry, str):
            found.append(("list_filter", entry))
        elif isinstance(entry, tuple | list) and isinstance(entry[0], str):
            found.append(("list_filter", entry[0]))
    for entry in model_admin.ordering or ():
        if isinstance(entry, str):
            found.append(("ordering", entry.lstrip("-?")))
    if model_admin.date_hierarchy:
        found.append(("date_hierarchy", model_admin.date_hierarchy))
    return found


def private_field_errors(site: admin.AdminSite) -> list[checks.CheckMessage]:
    errors = []
    for model, model_admin in site._registry.items():
        name = type(model_admin).__qualname__
        if model._meta.label in NEVER_IN_ADMIN:
            errors.append(
                checks.Error(
                    f"{model._meta.label} must never be registered in the admin ({name}).",
                    obj=type(model_admin),
                    id="csc.E003",
                )
            )
        if reaches_private_fields(model) and not isinstance(model_admin, PrivateFieldsAdmin):
            errors.append(
                checks.Error(
                    f"{name} ({model._meta.label}) can reach private fields through relations "
                    "but does not use PrivateFieldsAdmin.",
                    obj=type(model_admin),
                    id="csc.E001",
                )
            )
        for option, lookup in _lookups_of(model_admin):
            private = private_field_in(model, lookup)
            if private is not None:
                errors.append(
                    checks.Error(
                        f"{name}.{option} queries {lookup!r}, which reaches {private}.",
                        obj=type(model_admin),
                        id="csc.E002",
                    )
                )
    return errors


@checks.register(checks.Tags.admin)
def check_private_fields(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    return private_field_errors(admin.site)
