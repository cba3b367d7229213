"""Building 权责清单 workbooks for tests."""

from __future__ import annotations

from django.core.files.base import ContentFile

from gongkai.powers.services.workbook import (
    ACCOUNTABILITIES,
    BASES,
    POWERS,
    RESPONSIBILITIES,
    write_workbook,
)

FINANCE_BODY = "62050000CZ"


def power_row(seq: int = 1, *, type_name="行政许可", abbreviation="XK", **fields):
    code = fields.pop("code", f"{FINANCE_BODY}-{abbreviation}-{seq:04d}")
    row = {
        "code": code,
        "name": f"设立会计代理记账机构审批{seq}",
        "type": type_name,
        "department": "天水市财政局",
        "level": "市级",
        "process": "受理—审查—决定—送达",
        "time_limit": "20个工作日",
        "fees": "不收费",
        "phone": "0938-8212345",
    } | fields
    return tuple(
        row[k]
        for k in (
            "code",
            "name",
            "type",
            "department",
            "level",
            "process",
            "time_limit",
            "fees",
            "phone",
        )
    )


def children(code: str, responsibilities: int = 2, accountabilities: int = 2):
    bases = [(code, 1, "中华人民共和国会计法", "第三十六条", "……")]
    resp = [
        (code, n, name, f"{name}的内容")
        for n, name in enumerate(["受理", "审查", "决定", "送达"][:responsibilities], 1)
    ]
    acc = [
        (code, n, f"因不履行或不正确履行{name}职责的情形{m}")
        for n, name in enumerate(["受理", "审查", "决定", "送达"][:responsibilities], 1)
        for m in range(1, accountabilities + 1)
    ]
    return bases, resp, acc


def workbook(powers, *, bases=(), responsibilities=(), accountabilities=(), name="清单.xlsx"):
    data = write_workbook(
        {
            POWERS: list(powers),
            BASES: list(bases),
            RESPONSIBILITIES: list(responsibilities),
            ACCOUNTABILITIES: list(accountabilities),
        }
    )
    return ContentFile(data, name=name)


def full_workbook(count: int = 3, **kwargs):
    powers, bases, resp, acc = [], [], [], []
    for seq in range(1, count + 1):
        row = power_row(seq, **kwargs)
        powers.append(row)
        b, r, a = children(row[0])
        bases += b
        resp += r
        acc += a
    return workbook(powers, bases=bases, responsibilities=resp, accountabilities=acc)
