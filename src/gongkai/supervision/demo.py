"""The demo's 督查考核: the 2016 工作要点 decomposed as the seed describes ("将政务公开任务
分解到相关职能部门，明确了责任部门、公开范围、公开主体、公开形式、公开时限"), each
task reported with its evidence and confirmed by the office; and the seven county
sites registered for inspection. This machine has no Internet, so the demo registers
them without availability probes (``active`` off); an operator switches them on."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from gongkai.orgs.models import Department, Government

from .models import Site, Task, TaskReport, TaskState, WorkPlan

TITLE = "2016年天水市政务公开工作要点"
# (task, lead, co-operating, 公开范围, 公开形式, 公开时限, done on)
TASKS = [
    ("公开市级权责清单，并随职能调整动态更新", "天水市机构编制委员会办公室", ["天水市人民政府法制办公室"],
     "市级政府部门保留的行政权力、责任事项和追责情形", "政府网站“权责清单”专栏", date(2016, 6, 30),
     date(2016, 5, 26)),
    ("公开市级部门预决算和“三公”经费", "天水市财政局", [],
     "市级一级预算单位", "政府网站信息公开专栏", date(2016, 4, 20), date(2016, 4, 18)),
    ("公开行政执法主体和执法人员名录", "天水市人民政府法制办公室", [],
     "市、县区行政执法主体和执法人员", "政府网站“行政执法公示”专栏", date(2016, 9, 30),
     date(2016, 9, 12)),
    ("公开环境空气质量、重点污染源监测信息", "天水市环境保护局", [],
     "城区空气质量、国控重点污染源", "政府网站、政务新媒体", date(2016, 12, 31), date(2016, 12, 20)),
    ("公开保障性住房分配和棚户区改造进展", "天水市住房和城乡建设局", ["天水市国土资源局"],
     "年度建设计划、分配对象和结果", "政府网站重点领域专栏", date(2016, 11, 30), date(2016, 11, 25)),
    ("公开食品药品抽检结果和行政处罚信息", "天水市食品药品监督管理局", [],
     "抽检结果、处罚决定", "政府网站“双公示”专栏", date(2016, 12, 31), date(2016, 12, 28)),
    ("每月编辑出版《天水市人民政府公报》", "天水市人民政府办公室", [],
     "市政府规章、规范性文件和重要文件", "政府公报、政府网站", date(2016, 12, 31), date(2016, 12, 30)),
    ("办理市长信箱和政府网站留言并公开答复", "天水市人民政府办公室", [],
     "公开的留言和答复", "市长信箱、留言板", date(2016, 12, 31), date(2016, 12, 31)),
]  # fmt: skip
COUNTY_SITES = [
    ("620502", "秦州区人民政府网", "http://www.qinzhou.gov.cn/"),
    ("620503", "麦积区人民政府网", "http://www.maiji.gov.cn/"),
    ("620521", "清水县人民政府网", "http://www.qingshui.gov.cn/"),
    ("620522", "秦安县人民政府网", "http://www.qinan.gov.cn/"),
    ("620523", "甘谷县人民政府网", "http://www.gangu.gov.cn/"),
    ("620524", "武山县人民政府网", "http://www.wushan.gov.cn/"),
    ("620525", "张家川回族自治县人民政府网", "http://www.zjc.gov.cn/"),
]


def load_supervision(ctx) -> None:
    city = ctx.city
    if WorkPlan.objects.filter(government=city, title=TITLE).exists():
        ctx.out("  督查考核：已存在，未重复载入")
        return
    office = Department.objects.get(government=city, name="天水市人民政府办公室")
    author = _office_person(office)
    with transaction.atomic():
        plan = WorkPlan.objects.create(government=city, year=2016, title=TITLE, published=True)
        for number, (title, lead, co, scope, form, due, done) in enumerate(TASKS, start=1):
            lead_department = Department.objects.get(government=city, name=lead)
            task = Task.objects.create(
                plan=plan,
                number=number,
                title=title,
                lead=lead_department,
                scope=scope,
                publisher=lead,
                form=form,
                due_on=due,
                evidence_required="公开目录中的相关信息",
                state=TaskState.DONE,
                done_on=done,
            )
            task.co_departments.set(Department.objects.filter(government=city, name__in=co))
            TaskReport.objects.create(
                task=task,
                department=lead_department,
                text=f"已于{done.year}年{done.month}月{done.day}日按要求公开。",
                evidence=["/xxgk/catalog/?year=2016"],
                completed=True,
                author=author,
            )
        for code, name, url in COUNTY_SITES:
            Site.objects.get_or_create(
                home_url=url,
                defaults={
                    "name": name,
                    "government": Government.objects.filter(code=code).first(),
                    "active": False,
                },
            )
    ctx.out(
        f"  督查考核：{TITLE} 分解任务 {len(TASKS)} 项（均已完成）；"
        f"登记县区网站 {len(COUNTY_SITES)} 个（本机不连外网，未启用监测）"
    )


def _office_person(office):
    from gongkai.orgs.models import Membership
    from gongkai.orgs.roles import Role

    member = (
        Membership.objects.filter(department=office, role=Role.DISCLOSURE_OFFICE, active=True)
        .select_related("user")
        .first()
    )
    return member.user
