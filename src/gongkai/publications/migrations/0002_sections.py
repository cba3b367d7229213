"""The gazette's sections, as data (operators may rename or reorder them)."""

from django.db import migrations

SECTIONS = [
    ("rules", "市政府规章", 10, False),
    ("government", "市政府文件", 20, False),
    ("office", "市政府办公室文件", 30, False),
    ("departments", "部门文件", 40, False),
    ("appointments", "人事任免", 50, False),
    ("chronicle", "政府大事记", 60, True),
    ("documents_list", "发文要目", 70, True),
]


def add(apps, schema_editor):
    Section = apps.get_model("publications", "Section")
    for code, name, order, holds_text in SECTIONS:
        Section.objects.update_or_create(
            code=code, defaults={"name": name, "sort_order": order, "holds_text": holds_text}
        )


def remove(apps, schema_editor):
    apps.get_model("publications", "Section").objects.filter(
        code__in=[s[0] for s in SECTIONS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("publications", "0001_initial")]
    operations = [migrations.RunPython(add, remove)]
