"""``gongkai serve``: the web server and the job worker, together.

Starts gunicorn (``gongkai.wsgi:application``) and ``gongkai worker`` as child
processes, each in its own process group so that Ctrl+C reaches them once,
through this process. SIGINT and SIGTERM are forwarded to both; when either
child exits, the other is stopped and this command exits with a message
saying which one ended.

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
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "gongkai.settings"}
        web_cmd = [
            sys.executable, "-m", "gunicorn", "gongkai.wsgi:application",
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

        # Handlers first: a signal arriving while the children start is forwarded, too.
        signal.signal(signal.SIGINT, forward)
        signal.signal(signal.SIGTERM, forward)
        for label, cmd in (("网站服务", web_cmd), ("后台任务进程", worker_cmd)):
            if not received:
                children[label] = subprocess.Popen(cmd, env=env, start_new_session=True)  # noqa: S603

        pids = "，".join(f"{label} pid {child.pid}" for label, child in children.items())
        self.stdout.write(f"政务公开平台已启动：http://{bind_host}:{port}/ （{pids}）")
        self.stdout.write("按 Ctrl+C 停止。")
        self.stdout.flush()

        ended = None
        while not received and ended is None:
            ended = next((label for label, c in children.items() if c.poll() is not None), None)
            if ended is None:
                time.sleep(0.2)
        if ended is not None:
            self.stderr.write(
                f"{ended}已退出（退出码 {children[ended].returncode}），正在停止其他进程……"
            )
            self._stop(children)
            self._wait(children)
            raise CommandError(f"{ended}意外退出，政务公开平台已停止。")
        self._wait(children)
        self.stdout.write("政务公开平台已停止。")

    @staticmethod
    def _stop(children: dict[str, subprocess.Popen]) -> None:
        for child in children.values():
            if child.poll() is None:
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
