"""The module's own timeline (``Step``) moves into the one timeline, ``workflow.Entry``."""

from django.db import migrations

from gongkai.workflow.migrating import copy_steps


def forward(apps, schema_editor):
    copy_steps(
        apps,
        step_model="applications.Step",
        subject_field="application",
        subject_model="applications.Application",
        workflow="applications.application",
    )


class Migration(migrations.Migration):
    dependencies = [
        ("workflow", "0003_one_timeline"),
        ("applications", "0007_delete_extensionrequest"),
    ]

    operations = [
        migrations.RunPython(forward, migrations.RunPython.noop),
        migrations.DeleteModel(name="Step"),
    ]
