"""The indicator table and the serious-wording list, seeded with their defaults."""

from decimal import Decimal

from django.db import migrations

# Examples of the wording errors the national checks name (misspelt fixed terms); an
# administrator keeps the list.
WORDINGS = [
    ("中华人民共合国", "中华人民共和国"),
    ("社会主义核心价直观", "社会主义核心价值观"),
    ("国务院办公室", "国务院办公厅"),
]


def seed(apps, schema_editor):
    from gongkai.supervision.rules import DEFAULTS

    Indicator = apps.get_model("supervision", "Indicator")
    for code, (kind, label, threshold, points, cap, explanation, confirmed) in DEFAULTS.items():
        Indicator.objects.get_or_create(
            code=code,
            defaults={
                "kind": kind,
                "label": label,
                "threshold": Decimal(threshold),
                "points": Decimal(points),
                "cap": Decimal(cap),
                "explanation": explanation,
                "confirmed": confirmed,
            },
        )
    SeriousWording = apps.get_model("supervision", "SeriousWording")
    for wrong, right in WORDINGS:
        SeriousWording.objects.get_or_create(wrong=wrong, defaults={"right": right})


class Migration(migrations.Migration):
    dependencies = [("supervision", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
