"""The display periods (公示期限) of published enforcement decisions, as data.

From the national credit-repair rules (国家发展改革委令2023年第58号《失信行为纠正后的
信用信息修复管理办法（试行）》): a general penalty is shown at least 3 months and at
most 1 year, a serious one at least 1 year and at most 3 years; a licence is shown
3 years. Operators may add rows for a field with a longer minimum."""

from django.db import migrations

CREDIT_RULES = "《失信行为纠正后的信用信息修复管理办法（试行）》"
ROWS = (
    ("penalty", "general", "", 3, 12, f"{CREDIT_RULES}：一般失信行为行政处罚信息最短3个月、最长1年"),
    ("penalty", "serious", "", 12, 36, f"{CREDIT_RULES}：严重失信行为行政处罚信息最短1年、最长3年"),
    ("licence", "general", "", 36, 36, "行政许可信息公示3年"),
    ("licence", "serious", "", 36, 36, "行政许可信息公示3年"),
    ("other", "general", "", 3, 12, "其他行政执法决定公示最短3个月、最长1年"),
    ("other", "serious", "", 12, 36, "其他行政执法决定（情节严重）公示最短1年、最长3年"),
)


def seed(apps, schema_editor):
    period = apps.get_model("powers", "DisplayPeriod")
    if period.objects.exists():
        return
    period.objects.bulk_create(
        period(kind=k, severity=s, field=f, min_months=lo, max_months=hi, basis=b)
        for k, s, f, lo, hi, b in ROWS
    )


class Migration(migrations.Migration):
    dependencies = [("powers", "0003_enforcement")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
