"""What of 督查考核 the public sees, for the whole-page cache (``gongkai.core.pagecache``):
the published 工作要点, their tasks and the progress reports."""

from gongkai.core.pagecache import watch

from .models import Task, TaskReport, WorkPlan


def register() -> None:
    for model in (WorkPlan, Task, TaskReport):
        watch(model)
