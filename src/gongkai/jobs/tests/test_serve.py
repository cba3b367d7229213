"""``gongkai serve`` as an operator runs it: a real gunicorn and a real worker."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest


@pytest.fixture(scope="module")
def site_env(tmp_path_factory):
    """Environment of a development site with a migrated SQLite database."""
    var = tmp_path_factory.mktemp("var")
    env = {
        **os.environ,
        "GONGKAI_ENV": "development",
        "GONGKAI_VAR_DIR": str(var),
        "GONGKAI_DATABASE_URL": f"sqlite:///{var / 'gongkai.sqlite3'}",
        "GONGKAI_LOG_LEVEL": "WARNING",
    }
    subprocess.run(
        [sys.executable, "-m", "gongkai", "migrate", "--noinput", "-v", "0"],
        env=env,
        check=True,
        timeout=300,
    )
    return env


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start(env):
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "gongkai", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    banner = process.stdout.readline()
    assert f"http://127.0.0.1:{port}/" in banner, banner
    pids = [int(part.split()[-1]) for part in banner.split("（", 1)[1].rstrip("）\n").split("，")]
    return process, port, pids


def wait_for_http(port: int, timeout: float = 30) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code
        except OSError:
            time.sleep(0.2)
    raise AssertionError("the web server did not answer")


def is_gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


def test_serve_answers_http_and_stops_both_children_on_sigterm(site_env):
    process, port, (web_pid, worker_pid) = start(site_env)
    try:
        assert wait_for_http(port) < 600
        process.send_signal(signal.SIGTERM)
        out, err = process.communicate(timeout=60)
    finally:
        process.kill()
    assert process.returncode == 0, err
    assert "政务公开平台已停止" in out
    assert is_gone(web_pid) and is_gone(worker_pid)


def test_serve_stops_the_web_server_when_the_worker_dies(site_env):
    process, port, (web_pid, worker_pid) = start(site_env)
    try:
        wait_for_http(port)
        os.kill(worker_pid, signal.SIGKILL)
        _, err = process.communicate(timeout=60)
    finally:
        process.kill()
    assert process.returncode != 0
    assert "后台任务进程已退出" in err
    assert "后台任务进程意外退出" in err
    assert is_gone(web_pid)
