"""Demo data of the construction credit column (工程建设领域信用信息共享专栏) of 天水市,
imported through the real import (``services.credit``) from generated XLSX files by
the departments that are the sources: 市建设局 (companies, practitioners,
qualifications, performance, ratings, conduct, rulings, penalties), 市人社局
(wage arrears) and 市安监局 (quality and safety). Three companies are the parties of
penalty decisions already published in 行政执法公示, and their penalty records
name those decisions. One seeded ``random.Random``; idempotent."""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.core.files.base import ContentFile

from gongkai.core.validators import org_code_check_char, uscc_check_char
from gongkai.orgs.models import Department

from .models import Company, Decision
from .services.credit import import_credit
from .services.workbook import COMPANIES, CREDIT_SHEETS, PRACTITIONERS, RECORDS, write_workbook

SEED = 2016
TRADE_NAMES = ("麦积", "伏羲", "陇原", "秦岭", "渭水", "成纪", "羲皇", "藉河", "天河", "卦台",
               "玉泉", "南郭", "仙人崖", "街亭", "清水", "武山", "甘谷")  # fmt: skip
KINDS = (
    ("施工企业", "建筑工程有限公司", ("建筑工程施工总承包二级", "市政公用工程施工总承包三级")),
    ("施工企业", "建设集团有限公司", ("建筑工程施工总承包一级", "公路工程施工总承包二级")),
    ("监理企业", "工程监理有限公司", ("房屋建筑工程监理乙级",)),
    ("勘察设计企业", "勘察设计研究院有限公司", ("工程勘察专业类乙级", "建筑行业（建筑工程）设计乙级")),
    ("招标代理机构", "招标代理有限公司", ("工程招标代理机构乙级",)),
    ("造价咨询企业", "工程造价咨询有限公司", ("工程造价咨询企业乙级",)),
)  # fmt: skip
QUALIFICATIONS = ("一级建造师（建筑工程）", "二级建造师（市政公用工程）", "注册监理工程师",
                  "一级注册造价工程师", "注册土木工程师（岩土）")  # fmt: skip
# enforcement fields whose penalties concern construction companies
BUILDING_FIELDS = ("住房城乡建设", "城市管理", "应急管理", "交通运输", "自然资源")
SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗"
GIVEN = (
    "建国",
    "志强",
    "海燕",
    "晓东",
    "文军",
    "丽娟",
    "永刚",
    "春梅",
    "红兵",
    "玉兰",
    "国庆",
    "小平",
)


def _uscc(serial: int) -> str:
    body = f"MC{serial:06d}"
    org = body + org_code_check_char(body)
    first17 = "91620500" + org
    return first17 + uscc_check_char(first17)


def _day(rng, start=date(2016, 1, 4), span=330) -> date:
    return start + timedelta(days=rng.randint(0, span))


def load_credit(city) -> str:
    if Company.objects.filter(government=city).exists():
        return ""
    rng = random.Random(SEED)  # noqa: S311 - varied demo data, not security
    departments = {d.name: d for d in Department.objects.filter(government=city)}
    companies, practitioners, records = [], [], []
    punished = list(
        Decision.objects.filter(
            body__government=city, kind="penalty", published_on__isnull=False,
            withdrawn_on__isnull=True, field__in=BUILDING_FIELDS,
        ).exclude(party_uscc="").order_by("decided_on", "pk")[:3]
    )  # fmt: skip
    for serial in range(1, 33):
        kind, suffix, grades = KINDS[serial % len(KINDS)]
        uscc, name = _uscc(serial), f"天水{TRADE_NAMES[serial % len(TRADE_NAMES)]}{suffix}"
        if serial <= len(punished):
            uscc, name = punished[serial - 1].party_uscc, punished[serial - 1].party_name
        companies.append((uscc, name, kind, SURNAMES[serial % 20] + GIVEN[serial % 12],
                          f"天水市秦州区{TRADE_NAMES[serial % 17]}路{serial}号",
                          f"{2000 + serial % 15}-0{1 + serial % 9}-1{serial % 9}",
                          str(rng.choice((600, 1000, 2000, 5000, 10000)))))  # fmt: skip
        for grade in grades:
            records.append(
                (
                    uscc,
                    "资质",
                    grade,
                    "",
                    f"{2014 + serial % 3}-03-01",
                    f"{2019 + serial % 3}-03-01",
                    "",
                )
            )
        records.append((uscc, "项目业绩", f"天水市{rng.choice(('秦州区', '麦积区'))}{rng.choice(('棚户区改造', '中学教学楼', '城市道路', '污水处理厂'))}工程",
                        f"合同金额{rng.randint(800, 9000)}万元，{rng.choice(('已竣工验收', '在建'))}", _day(rng).isoformat(), "", ""))  # fmt: skip
        records.append((uscc, "信用评价", f"2016年度信用等级：{rng.choice(('AAA', 'AA', 'AA', 'A', 'B'))}",
                        "依据《天水市建筑市场主体信用评价办法》", "2016-12-20", "2017-12-31", ""))  # fmt: skip
        if rng.random() < 0.3:
            records.append(
                (uscc, "良好行为", "获评“陇原杯”优质工程", "", _day(rng).isoformat(), "", "")
            )
        if rng.random() < 0.2:
            records.append((uscc, "不良行为", "未按规定办理施工许可擅自开工", "责令停工整改，记不良行为一次",
                            _day(rng).isoformat(), "2017-12-31", ""))  # fmt: skip
        if serial % 11 == 0:
            records.append(
                (
                    uscc,
                    "行政裁决（定）",
                    "工程款结算争议行政裁决",
                    "裁决按合同约定结算",
                    _day(rng).isoformat(),
                    "",
                    "",
                )
            )
        for n in range(1 + serial % 2):
            certificate = f"甘16208{serial:03d}{n}"
            practitioners.append((certificate, SURNAMES[(serial + n) % 20] + GIVEN[(serial * 3 + n) % 12],
                                  QUALIFICATIONS[(serial + n) % len(QUALIFICATIONS)], uscc))  # fmt: skip
            records.append((certificate, "执业资格", QUALIFICATIONS[(serial + n) % len(QUALIFICATIONS)],
                            f"注册于{name}", "2015-06-30", "2018-06-29", ""))  # fmt: skip
    for decision, (uscc, *_rest) in zip(punished, companies, strict=False):
        records.append((uscc, "行政处罚", decision.case_name, decision.content,
                        decision.decided_on.isoformat(), "", decision.document_number))  # fmt: skip
    builders = departments["天水市住房和城乡建设局"]
    done = import_credit(
        builders, _file({COMPANIES: companies, PRACTITIONERS: practitioners, RECORDS: records})
    )
    arrears = [(companies[i][0], "欠薪及欠缴社保金", "拖欠农民工工资", f"涉及农民工{12 + i}人，已责令限期支付",
                _day(rng).isoformat(), "2017-06-30", "") for i in (4, 9)]  # fmt: skip
    more = import_credit(departments["天水市人力资源和社会保障局"], _file({RECORDS: arrears}))
    safety = [(companies[i][0], "质量安全", "施工现场安全隐患整改通知", "脚手架搭设不规范，已限期整改",
               _day(rng).isoformat(), "", "") for i in (2, 7, 13)]  # fmt: skip
    safe = import_credit(departments["天水市安全生产监督管理局"], _file({RECORDS: safety}))
    total = done.records + more.records + safe.records
    return f"  工程建设领域信用信息：企业{done.companies}家、从业人员{done.practitioners}名、信用记录{total}条"


def _file(sheets) -> ContentFile:
    return ContentFile(write_workbook(sheets, CREDIT_SHEETS), name="信用信息.xlsx")
