"""Public response, rejection reason and the reporter's texts on events in each official language.

The texts written before were in one language, not recorded: they are kept as written in the
municipality's first official language (the one the form offered first). Events that were public
with a note (rejection reasons, duplicate pointers) move the note to ``public_text``: from now on
``note`` is staff's text only. Reversible: the first official language's text goes back.
"""

import publictexts.fields
from django.db import migrations, models


def _first_language(municipality) -> str:
    return (municipality.official_languages or ["sq"])[0]


def _as_multilingual(text, language):
    text = (text or "").strip()
    return {language: text} if text else {}


def _as_plain(value, language):
    if not isinstance(value, dict) or not value:
        return ""
    return value.get(language) or next(iter(value.values()), "")


def forwards(apps, schema_editor):
    Concern = apps.get_model("concerns", "Concern")
    ConcernEvent = apps.get_model("concerns", "ConcernEvent")
    concerns = Concern.objects.select_related("municipality").exclude(
        models.Q(public_response_old="") & models.Q(rejection_reason_old="")
    )
    for concern in concerns.iterator(chunk_size=500):
        language = _first_language(concern.municipality)
        concern.public_response = _as_multilingual(concern.public_response_old, language)
        concern.rejection_reason = _as_multilingual(concern.rejection_reason_old, language)
        concern.save(update_fields=["public_response", "rejection_reason"])
    events = ConcernEvent.objects.filter(is_public=True).exclude(note="")
    for event in events.select_related("concern__municipality").iterator(chunk_size=500):
        event.public_text = _as_multilingual(
            event.note, _first_language(event.concern.municipality)
        )
        event.note = ""
        event.save(update_fields=["public_text", "note"])


def backwards(apps, schema_editor):
    Concern = apps.get_model("concerns", "Concern")
    ConcernEvent = apps.get_model("concerns", "ConcernEvent")
    for concern in Concern.objects.select_related("municipality").iterator(chunk_size=500):
        language = _first_language(concern.municipality)
        concern.public_response_old = _as_plain(concern.public_response, language)
        concern.rejection_reason_old = _as_plain(concern.rejection_reason, language)
        concern.save(update_fields=["public_response_old", "rejection_reason_old"])
    events = ConcernEvent.objects.exclude(public_text={})
    for event in events.select_related("concern__municipality").iterator(chunk_size=500):
        event.note = _as_plain(event.public_text, _first_language(event.concern.municipality))
        event.save(update_fields=["note"])
    ConcernEvent.objects.filter(kind="public_update").update(kind="note", is_public=True)


class Migration(migrations.Migration):
    dependencies = [
        ("concerns", "0008_open_by_council_index"),
        ("councils", "0003_municipality_languages_emergency_number"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="concern", name="concern_rejection_has_reason"),
        migrations.RenameField("concern", "public_response", "public_response_old"),
        migrations.RenameField("concern", "rejection_reason", "rejection_reason_old"),
        migrations.AddField(
            model_name="concern",
            name="public_response",
            field=publictexts.fields.MultilingualTextField(
                max_length=5000, verbose_name="public response"
            ),
        ),
        migrations.AddField(
            model_name="concern",
            name="rejection_reason",
            field=publictexts.fields.MultilingualTextField(
                max_length=2000, verbose_name="reason for rejecting"
            ),
        ),
        migrations.AddField(
            model_name="concernevent",
            name="public_text",
            field=publictexts.fields.MultilingualTextField(
                max_length=5000, verbose_name="text for the reporter"
            ),
        ),
        migrations.AlterField(
            model_name="concernevent",
            name="kind",
            field=models.CharField(
                choices=[
                    ("submitted", "Submitted"),
                    ("status", "Status changed"),
                    ("note", "Note"),
                    ("comment", "Comment"),
                    ("referred", "Referred"),
                    ("updated", "Details updated"),
                    ("public_update", "Message to the reporter"),
                ],
                max_length=16,
                verbose_name="kind",
            ),
        ),
        migrations.RunPython(forwards, backwards, elidable=False),
        migrations.RemoveField("concern", "public_response_old"),
        migrations.RemoveField("concern", "rejection_reason_old"),
        migrations.AddConstraint(
            model_name="concern",
            constraint=models.CheckConstraint(
                condition=models.Q(("status", "rejected"), _negated=True)
                | models.Q(("rejection_reason", {}), _negated=True),
                name="concern_rejection_has_reason",
            ),
        ),
        migrations.AddConstraint(
            model_name="concernevent",
            constraint=models.CheckConstraint(
                condition=models.Q(("is_public", True)) | models.Q(("public_text", {})),
                name="concern_event_public_text_is_public",
            ),
        ),
        migrations.AddConstraint(
            model_name="concernevent",
            constraint=models.CheckConstraint(
                condition=models.Q(("kind", "public_update"), _negated=True)
                | (
                    models.Q(("is_public", True))
                    & models.Q(("public_text", {}), _negated=True)
                ),
                name="concern_event_public_update_has_text",
            ),
        ),
    ]
