"""``gongkai worker``: run queued jobs and enqueue scheduled ones, in one process.

More workers (on this or other machines, same database) share the work: each
task is claimed by one of them, each schedule slot is enqueued by one of them.
"""

from __future__ import annotations

import math
from argparse import ArgumentTypeError

from django.core.management.base import BaseCommand

from gongkai.jobs.worker import JobWorker


def seconds(value: str) -> float:
    number = float(value)
    if not math.isfinite(number) or number < 0:
        raise ArgumentTypeError("必须是不小于 0 的秒数")
    return number


class Command(BaseCommand):
    help = "运行后台任务进程：执行队列中的任务，并按代码中声明的计划定时排队。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch",
            action="store_true",
            help="把到期的计划任务排队，执行完队列中所有可执行的任务后退出（用于测试和定时脚本）。",
        )
        parser.add_argument(
            "--interval",
            type=seconds,
            default=1.0,
            help="队列为空时，再次检查前等待的秒数（默认 1）。",
        )
        parser.add_argument(
            "--queue",
            default="*",
            help="要处理的队列，多个用逗号分隔；* 表示全部队列（默认）。",
        )

    def handle(self, *, batch: bool, interval: float, queue: str, **options):
        queue_names = [name.strip() for name in queue.split(",") if name.strip()] or ["*"]
        worker = JobWorker(queue_names=queue_names, interval=interval, batch=batch)
        if batch:
            worker.run()
            self.stdout.write(f"已执行 {worker.tasks_run} 个任务。")
            return
        schedules = worker.scheduler.schedules() if worker.scheduler else []
        self.stdout.write(
            f"后台任务进程已启动：队列 {','.join(queue_names)}，计划任务 {len(schedules)} 个。"
            "按 Ctrl+C 停止。"
        )
        self.stdout.flush()
        worker.configure_signals()
        try:
            worker.run()
        finally:
            worker.reset_signals()
