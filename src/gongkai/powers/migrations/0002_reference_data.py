"""The national ten power types (职权类型) and the publication periods of 行政执法公示."""

from django.db import migrations

NATIONAL_TYPES = [
    ("XK", "行政许可"),
    ("CF", "行政处罚"),
    ("QZ", "行政强制"),
    ("ZS", "行政征收"),
    ("JF", "行政给付"),
    ("JC", "行政检查"),
    ("QR", "行政确认"),
    ("JL", "行政奖励"),
    ("CJ", "行政裁决"),
    ("QT", "其他行政权力"),
]

PERIODS = [
    ("licence", 7, "国办发〔2015〕51号：行政许可决定作出之日起7个工作日内公示"),
    ("penalty", 7, "国办发〔2015〕51号：行政处罚决定作出之日起7个工作日内公示"),
    ("other", 20, "国办发〔2018〕118号：其他行政执法决定作出之日起20个工作日内公开"),
    ("withdrawal", 3, "行政处罚法第四十八条、第八十五条：决定被撤销或变更的，3个工作日内撤下"),
]


def seed(apps, schema_editor):
    """Add the rows that are missing; never change existing ones."""
    PowerType = apps.get_model("powers", "PowerType")
    PublicationPeriod = apps.get_model("powers", "PublicationPeriod")
    if not PowerType.objects.filter(government__isnull=True).exists():
        PowerType.objects.bulk_create(
            PowerType(abbreviation=abbreviation, name=name, sort_order=order * 10)
            for order, (abbreviation, name) in enumerate(NATIONAL_TYPES, start=1)
        )
    if not PublicationPeriod.objects.exists():
        PublicationPeriod.objects.bulk_create(
            PublicationPeriod(kind=kind, working_days=days, basis=basis)
            for kind, days, basis in PERIODS
        )


class Migration(migrations.Migration):
    dependencies = [("powers", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
