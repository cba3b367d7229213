# Delivery references (one per notice, given to the provider with every
# attempt), the claiming worker, and the uncertain state.

import uuid

from django.db import migrations, models


def fill_references(apps, schema_editor):
    Notice = apps.get_model("notices", "Notice")
    for pk in Notice.objects.filter(reference__isnull=True).values_list("pk", flat=True).iterator():
        Notice.objects.filter(pk=pk).update(reference=uuid.uuid4())


class Migration(migrations.Migration):
    dependencies = [
        ("notices", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="notice",
            name="reference",
            field=models.UUIDField(editable=False, null=True, verbose_name="发送参考号"),
        ),
        migrations.RunPython(fill_references, migrations.RunPython.noop, elidable=True),
        migrations.AlterField(
            model_name="notice",
            name="reference",
            field=models.UUIDField(
                default=uuid.uuid4, editable=False, unique=True, verbose_name="发送参考号"
            ),
        ),
        migrations.AddField(
            model_name="notice",
            name="claimed_by",
            field=models.CharField(blank=True, max_length=64, verbose_name="发送进程"),
        ),
        migrations.AlterField(
            model_name="notice",
            name="state",
            field=models.CharField(
                choices=[
                    ("pending", "待发送"),
                    ("sending", "发送中"),
                    ("sent", "已发送"),
                    ("failed", "发送失败"),
                    ("uncertain", "待人工核实"),
                ],
                default="pending",
                max_length=10,
                verbose_name="状态",
            ),
        ),
    ]
