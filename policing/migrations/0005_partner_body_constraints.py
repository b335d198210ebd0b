import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("policing", "0004_move_to_partner_bodies")]

    operations = [
        migrations.RemoveField(
            model_name="followupaction",
            name="responsible_body_name",
        ),
        migrations.RemoveField(
            model_name="progressupdate",
            name="from_status",
        ),
        migrations.RemoveField(
            model_name="progressupdate",
            name="to_status",
        ),
        migrations.AddIndex(
            model_name="followupaction",
            index=models.Index(
                fields=["responsible_unit", "status", "due_date"],
                name="policing_fo_respons_7c429a_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="followupaction",
            index=models.Index(
                fields=["responsible_body", "status", "due_date"],
                name="policing_fo_respons_e719ea_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="followupaction",
            index=models.Index(
                fields=["assignee", "status", "due_date"], name="policing_fo_assigne_0e6333_idx"
            ),
        ),
        migrations.AddConstraint(
            model_name="followupaction",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(
                        ("responsible_body__isnull", True), ("responsible_unit__isnull", False)
                    ),
                    models.Q(
                        ("responsible_body__isnull", False), ("responsible_unit__isnull", True)
                    ),
                    _connector="OR",
                ),
                name="action_one_responsible",
            ),
        ),
        migrations.AddConstraint(
            model_name="followupaction",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("assignee__isnull", True), ("responsible_unit__isnull", False), _connector="OR"
                ),
                name="action_assignee_needs_unit",
            ),
        ),
        migrations.AddConstraint(
            model_name="followupaction",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("status__in", ["completed", "verified"]), _negated=True),
                    ("completed_at__isnull", False),
                    _connector="OR",
                ),
                name="action_completed_has_date",
            ),
        ),
        migrations.AddField(
            model_name="progressattachment",
            name="update",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="attachments",
                to="policing.progressupdate",
            ),
        ),
        migrations.AddConstraint(
            model_name="partnerbody",
            constraint=models.UniqueConstraint(
                fields=("municipality", "name"), name="partner_body_unique_name"
            ),
        ),
        migrations.AddConstraint(
            model_name="focalpoint",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("end_date__isnull", True),
                    ("end_date__gte", models.F("start_date")),
                    _connector="OR",
                ),
                name="focal_point_ends_after_start",
            ),
        ),
        migrations.AddConstraint(
            model_name="focalpoint",
            constraint=models.UniqueConstraint(
                condition=models.Q(("end_date__isnull", True)),
                fields=("body", "user"),
                name="focal_point_one_open_term",
            ),
        ),
    ]
