"""Write reference data by natural key, touching a row only when something differs."""

from django.db import models


def upsert(
    model: type[models.Model],
    lookup: dict,
    values: dict | None = None,
    *,
    on_create: dict | None = None,
) -> tuple[models.Model, bool]:
    """Like ``update_or_create``, but an unchanged row is not written at all.

    ``on_create`` holds values set only on a new row (e.g. dates relative to today), so a second
    run on another day does not move them.
    """
    values = values or {}
    instance = model.objects.filter(**lookup).first()
    if instance is None:
        return model.objects.create(**lookup, **values, **(on_create or {})), True
    changed = [field for field, value in values.items() if getattr(instance, field) != value]
    for field in changed:
        setattr(instance, field, values[field])
    if changed:
        instance.save(update_fields=changed)
    return instance, False
