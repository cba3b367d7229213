"""The module's own timeline (``Step``) moves into the one timeline, ``workflow.Entry``."""

from django.db import migrations

from gongkai.workflow.migrating import copy_steps


def forward(apps, schema_editor):
    copy_steps(
        apps,
        step_model="interaction.Step",
        subject_field="message",
        subject_model="interaction.Message",
        workflow="interaction.message",
    )


class Migration(migrations.Migration):
    dependencies = [
        ("workflow", "0003_one_timeline"),
        ("interaction", "0004_delete_extensionrequest"),
    ]

    operations = [
        migrations.RunPython(forward, migrations.RunPython.noop),
        migrations.DeleteModel(name="Step"),
    ]
