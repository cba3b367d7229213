"""StateChange becomes the one timeline, Entry: notes as well as state changes.

Existing rows are state changes: their kind is their action and their legal
date the local date of when they happened.
"""

import django.db.models.deletion
from django.db import migrations, models
from django.utils import timezone


def backfill(apps, schema_editor):
    Entry = apps.get_model("workflow", "Entry")
    changed = []
    for entry in Entry.objects.only("id", "action", "at").iterator(chunk_size=2000):
        entry.kind = entry.action
        entry.on = timezone.localdate(entry.at)
        changed.append(entry)
        if len(changed) == 2000:
            Entry.objects.bulk_update(changed, ["kind", "on"])
            changed = []
    Entry.objects.bulk_update(changed, ["kind", "on"])


class Migration(migrations.Migration):
    dependencies = [
        ("workflow", "0002_alter_statechange_at"),
        ("orgs", "0002_department_version"),
    ]

    operations = [
        migrations.RenameModel("StateChange", "Entry"),
        migrations.AlterModelOptions(
            name="entry",
            options={
                "ordering": ["at", "id"],
                "verbose_name": "流程记录",
                "verbose_name_plural": "流程记录",
            },
        ),
        migrations.RenameIndex(
            model_name="entry", new_name="entry_subject_idx", old_name="statechange_subject_idx"
        ),
        migrations.AddField(
            model_name="entry",
            name="kind",
            field=models.CharField(default="", max_length=40, verbose_name="环节"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="entry",
            name="label",
            field=models.CharField(blank=True, max_length=100, verbose_name="环节名称"),
        ),
        migrations.AddField(
            model_name="entry",
            name="text",
            field=models.TextField(blank=True, verbose_name="说明"),
        ),
        migrations.AddField(
            model_name="entry",
            name="on",
            field=models.DateField(null=True, verbose_name="日期"),
        ),
        migrations.AddField(
            model_name="entry",
            name="public",
            field=models.BooleanField(default=False, verbose_name="对外公开"),
        ),
        migrations.AddField(
            model_name="entry",
            name="department",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="orgs.department",
                verbose_name="部门",
            ),
        ),
        migrations.AlterField(
            model_name="entry",
            name="action",
            field=models.CharField(blank=True, max_length=40, verbose_name="操作"),
        ),
        migrations.AlterField(
            model_name="entry",
            name="from_state",
            field=models.CharField(blank=True, max_length=40, verbose_name="原状态"),
        ),
        migrations.AlterField(
            model_name="entry",
            name="to_state",
            field=models.CharField(blank=True, max_length=40, verbose_name="新状态"),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop, elidable=True),
        migrations.AlterField(
            model_name="entry",
            name="on",
            field=models.DateField(verbose_name="日期"),
        ),
    ]
