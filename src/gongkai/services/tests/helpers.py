"""Service items of 天水市财政局 in the test world, with complete guides."""

from __future__ import annotations

from itertools import count

from gongkai.services.models import GuideVersion, Material, Question, ServiceItem, Step

_serial = count(1)


def item(world, *, department=None, name="政府采购代理机构资格认定", **fields) -> ServiceItem:
    department = department or world.finance
    n = next(_serial)
    return ServiceItem.objects.create(
        government=department.government,
        department=department,
        code=fields.pop("code", f"11620500TEST-XK-{n:04d}"),
        name=name,
        level=fields.pop("level", "city"),
        power_code=fields.pop("power_code", f"62050000CZ-XK-{n:04d}"),
        **fields,
    )


def complete_guide(service: ServiceItem, *, number: int = 1, **fields) -> GuideVersion:
    values = {
        "basis": "《中华人民共和国行政许可法》第十二条",
        "conditions": "申请人为依法设立的法人或其他组织。",
        "legal_limit": 20,
        "promised_limit": 10,
        "visits": 1,
        "place": "天水市政务服务中心二楼12号窗口",
        "hours": "工作日 上午8:30—12:00，下午14:30—18:00",
        "consult_phone": "0938-8211234",
        "complaint_phone": "0938-12345",
        **fields,
    }
    guide = GuideVersion.objects.create(item=service, number=number, **values)
    Material.objects.create(guide=guide, position=1, name="申请书")
    Material.objects.create(
        guide=guide, position=2, name="营业执照", shared_from="天水市市场监督管理局"
    )
    for position, name in enumerate(("受理", "审查", "决定", "送达"), start=1):
        Step.objects.create(guide=guide, position=position, name=name, limit=5)
    Question.objects.create(guide=guide, position=1, question="可以网上申请吗？", answer="可以。")
    return guide
