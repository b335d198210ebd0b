from django.db import migrations, models

import notifications.models


def give_each_email_its_message_id(apps, schema_editor):
    OutgoingEmail = apps.get_model("notifications", "OutgoingEmail")
    for email in OutgoingEmail.objects.filter(message_id__isnull=True).only("pk"):
        email.message_id = notifications.models.new_message_id()
        email.save(update_fields=["message_id"])


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0002_outbox_backoff"),
    ]

    operations = [
        # A callable default gives every existing row the same value: they get theirs first.
        migrations.AddField(
            model_name="outgoingemail",
            name="message_id",
            field=models.CharField(editable=False, max_length=255, null=True),
        ),
        migrations.RunPython(give_each_email_its_message_id, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="outgoingemail",
            name="message_id",
            field=models.CharField(
                default=notifications.models.new_message_id,
                editable=False,
                max_length=255,
                unique=True,
                verbose_name="Message-ID",
            ),
        ),
    ]
