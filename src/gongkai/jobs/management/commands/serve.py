"""``gongkai serve``: the web server and the job worker, together.

Starts gunicorn (``gongkai.wsgi:application``) and ``gongkai worker`` as child
processes, each in its own process group so that Ctrl+C reaches them once,
through this process. SIGINT and SIGTERM are forwarded to both.

The worker is supervised: when it exits (killed, out of memory, a bug), the
site keeps serving and the worker is started again after a pause that doubles
from 1 second to at most a minute, and starts again at 1 second once a worker
has run for a minute. Its interrupted job is returned to the queue by the
lease (``gongkai.jobs.lease``). Only gunicorn's exit stops everything: the
site is what this command is for, and gunicorn restarts its own workers.

gunicorn is configured by ``gongkai.jobs.gunicorn_config`` (no ``Server``
header).

The console shows the address, then warnings and errors and at most a line
per job (``GONGKAI_LOG_LEVEL``, default INFO): gunicorn's own start-up lines
(which repeat the address) and its access log (a line per request, static
files included) only at DEBUG.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import gunicorn.config
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

# Two cores: two gunicorn processes with two threads each, and the worker.
WEB_WORKERS = 2
WEB_THREADS = 2
STOP_TIMEOUT = 30  # seconds a child gets to finish before it is killed
# The worker's restart pause: doubles from the first to the longest, back to
# the first after a worker has run STABLE_AFTER seconds.
RESTART_FIRST = 1.0
RESTART_LONGEST = 60.0
STABLE_AFTER = 60.0
POLL = 0.2

WEB = "网站服务"
WORKER = "后台任务进程"


def describe_exit(returncode: int) -> str:
    """退出码 1, or 被信号 SIGKILL 结束 for a negative return code."""
    if returncode < 0:
        try:
            name = signal.Signals(-returncode).name
        except ValueError:
            name = str(-returncode)
        return f"被信号 {name} 结束"
    return f"退出码 {returncode}"


def gunicorn_log_level(level: str) -> str:
    """gunicorn's level for ours: its INFO lines are start-up chatter, shown only at DEBUG."""
    return {"DEBUG": "debug", "ERROR": "error", "CRITICAL": "critical"}.get(level, "warning")


class Command(BaseCommand):
    help = "启动网站（gunicorn）和后台任务进程。"

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1", help="监听地址（默认 127.0.0.1）。")
        parser.add_argument("--port", type=int, default=8000, help="监听端口（默认 8000）。")

    def handle(self, *, host: str, port: int, **options):
        if not 0 < port < 65536:
            raise CommandError(f"端口号不正确：{port}")
        bind_host = f"[{host}]" if ":" in host and not host.startswith("[") else host
        # Pages stored before this start may show a database since replaced (a restore,
        # a new demo): the site starts on a new content version.
        from gongkai.core import pagecache

        pagecache.bump()
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "gongkai.settings"}
        web_cmd = [
            sys.executable, "-m", "gunicorn", "gongkai.wsgi:application",
            "--config", "python:gongkai.jobs.gunicorn_config",
            "--bind", f"{bind_host}:{port}",
            "--workers", str(WEB_WORKERS),
            "--threads", str(WEB_THREADS),
            "--graceful-timeout", str(STOP_TIMEOUT - 5),
            "--log-level", gunicorn_log_level(settings.LOG_LEVEL),
        ]  # fmt: skip
        if settings.LOG_LEVEL == "DEBUG":
            web_cmd += ["--access-logfile", "-"]
        if hasattr(gunicorn.config, "ControlSocketDisable"):
            # gunicorn 24+ opens a control socket at one fixed path per user;
            # two sites on one machine would fight over it, and nothing uses it.
            web_cmd.append("--no-control-socket")
        worker_cmd = [sys.executable, "-m", "gongkai", "worker"]
        children: dict[str, subprocess.Popen] = {}
        received: list[int] = []

        def forward(signum, frame):
            received.append(signum)
            self._stop(children)

        def spawn(label: str, cmd: list[str]) -> None:
            if not received:
                children[label] = subprocess.Popen(cmd, env=env, start_new_session=True)  # noqa: S603

        # Handlers first: a signal arriving while the children start is forwarded, too.
        signal.signal(signal.SIGINT, forward)
        signal.signal(signal.SIGTERM, forward)
        spawn(WEB, web_cmd)
        spawn(WORKER, worker_cmd)

        pids = "，".join(f"{label} pid {child.pid}" for label, child in children.items())
        self.stdout.write(f"政务公开平台已启动：http://{bind_host}:{port}/ （{pids}）")
        self.stdout.write("按 Ctrl+C 停止。")
        self.stdout.flush()

        pause = RESTART_FIRST
        worker_started = time.monotonic()
        restart_at: float | None = None
        while not received:
            web = children.get(WEB)
            if web is None or web.poll() is not None:
                break
            worker = children.get(WORKER)
            now = time.monotonic()
            if restart_at is None and worker is not None and worker.poll() is not None:
                if now - worker_started >= STABLE_AFTER:
                    pause = RESTART_FIRST
                del children[WORKER]
                restart_at = now + pause
                self.stderr.write(
                    f"{WORKER}意外退出（{describe_exit(worker.returncode)}），"
                    f"{pause:g} 秒后重新启动；网站继续运行。"
                )
                self.stderr.flush()
                pause = min(pause * 2, RESTART_LONGEST)
            elif restart_at is not None and now >= restart_at:
                restart_at = None
                worker_started = now
                spawn(WORKER, worker_cmd)
                if WORKER in children:
                    self.stderr.write(f"{WORKER}已重新启动（pid {children[WORKER].pid}）。")
                    self.stderr.flush()
            time.sleep(POLL)

        web = children.get(WEB)
        if not received and web is not None and web.poll() is not None:
            self.stderr.write(f"{WEB}已退出（{describe_exit(web.returncode)}），正在停止其他进程……")
            self._stop(children)
            self._wait(children)
            raise CommandError(f"{WEB}意外退出，政务公开平台已停止。")
        # Once per child: a second SIGTERM would make the worker abandon its job.
        self._stop(children)
        self._wait(children)
        self.stdout.write("政务公开平台已停止。")

    def _stop(self, children: dict[str, subprocess.Popen]) -> None:
        """SIGTERM to each running child, once."""
        signalled = self.__dict__.setdefault("_signalled", set())
        for child in list(children.values()):
            if child.poll() is None and child.pid not in signalled:
                signalled.add(child.pid)
                child.send_signal(signal.SIGTERM)

    def _wait(self, children: dict[str, subprocess.Popen]) -> None:
        deadline = time.monotonic() + STOP_TIMEOUT
        for label, child in children.items():
            try:
                child.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                self.stderr.write(f"{label}在 {STOP_TIMEOUT} 秒内未停止，强制结束。")
                child.kill()
                child.wait()
