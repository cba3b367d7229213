"""The supervision demo: the 2016 工作要点 decomposed and done, the county sites registered
without probes (no Internet here), and nothing added when loaded again."""

import pytest

from gongkai.supervision import demo as supervision_demo
from gongkai.supervision.models import Site, Task, TaskState, WorkPlan

pytestmark = pytest.mark.django_db


def test_the_2016_plan_and_the_county_sites_once(world_loaded):
    ctx, printed = world_loaded
    plan = WorkPlan.objects.get()
    assert plan.title == "2016年天水市政务公开工作要点" and plan.year == 2016
    assert Task.objects.filter(plan=plan, state=TaskState.DONE).count() == len(
        supervision_demo.TASKS
    )
    assert all(task.reports.filter(completed=True).exists() for task in plan.tasks.all())
    sites = Site.objects.all()
    assert sites.count() == 7 and not sites.filter(active=True).exists()
    assert {site.government.code for site in sites} == {
        "620502", "620503", "620521", "620522", "620523", "620524", "620525",
    }  # fmt: skip
    assert "分解任务 8 项" in printed[-1]
    supervision_demo.load_supervision(ctx)
    assert WorkPlan.objects.count() == 1 and Site.objects.count() == 7
    assert printed[-1] == "  督查考核：已存在，未重复载入"


@pytest.fixture
def world_loaded(db):
    from gongkai.demo.loaders import DemoContext, load_departments_and_staff, load_governments

    printed: list[str] = []
    ctx = DemoContext(out=printed.append)
    load_governments(ctx)
    load_departments_and_staff(ctx)
    supervision_demo.load_supervision(ctx)
    return ctx, printed
