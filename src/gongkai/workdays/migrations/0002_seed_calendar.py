"""Load the holiday calendar 2004–2026 from the chinese-calendar package (pinned 1.11.0).

Years already present are left alone; reversing removes nothing (the rows may
have been corrected by administrators since).
"""

from django.db import migrations


def seed(apps, schema_editor):
    from gongkai.workdays.seeding import seed_with_models

    seed_with_models(
        apps.get_model("workdays", "CalendarYear"),
        apps.get_model("workdays", "SpecialDay"),
        apps.get_model("workdays", "CalendarRevision"),
        only_if_empty=False,
    )


class Migration(migrations.Migration):
    dependencies = [("workdays", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
