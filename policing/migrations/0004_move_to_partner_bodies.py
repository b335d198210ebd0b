from django.db import migrations


def move_to_partner_bodies(apps, schema_editor):
    """The free-text "other responsible body" becomes a partner body of the municipality; the
    status steps progress updates carried become action events."""
    FollowUpAction = apps.get_model("policing", "FollowUpAction")
    PartnerBody = apps.get_model("policing", "PartnerBody")
    ActionEvent = apps.get_model("policing", "ActionEvent")
    ProgressUpdate = apps.get_model("policing", "ProgressUpdate")
    bodies = {}
    actions = FollowUpAction.objects.exclude(responsible_body_name="").select_related(
        "council", "concern"
    )
    for action in actions.iterator():
        municipality_id = action.council.municipality_id or (
            action.concern.municipality_id if action.concern_id else None
        )
        key = (municipality_id, action.responsible_body_name)
        if key not in bodies:
            bodies[key], _ = PartnerBody.objects.get_or_create(
                municipality_id=municipality_id, name=action.responsible_body_name[:150]
            )
        action.responsible_body = bodies[key]
        action.save(update_fields=["responsible_body"])
    events = [
        ActionEvent(
            action_id=update.action_id,
            kind=update.to_status if update.to_status != "in_progress" else "started",
            actor_id=update.author_id,
            from_status=update.from_status,
            to_status=update.to_status,
            note=update.text,
            created_at=update.created_at,
        )
        for update in ProgressUpdate.objects.exclude(to_status="").iterator()
    ]
    ActionEvent.objects.bulk_create(events, batch_size=1000)
    ProgressUpdate.objects.exclude(to_status="").delete()


class Migration(migrations.Migration):
    dependencies = [("policing", "0003_partner_bodies_events_attachments")]

    operations = [migrations.RunPython(move_to_partner_bodies, migrations.RunPython.noop)]
