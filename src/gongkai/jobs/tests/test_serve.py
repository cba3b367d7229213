"""``gongkai serve`` as an operator runs it: a real gunicorn and a real worker."""

import os
import signal

from gongkai.jobs.tests.sites import Prober, Serve, get, is_gone, new_site, wait_for_http


def test_serve_answers_http_and_stops_both_children_on_sigterm(migrated_template, tmp_path):
    serve = Serve.start(new_site(migrated_template, tmp_path / "var"))
    try:
        assert wait_for_http(serve.url()) == 200
    finally:
        returncode, out = serve.stop()
    assert returncode == 0, "".join(serve.stderr)
    assert "政务公开平台已停止" in out
    assert is_gone(serve.web_pid) and is_gone(serve.worker_pid)


def test_serve_restarts_a_killed_worker_and_the_site_stays_up(migrated_template, tmp_path):
    serve = Serve.start(new_site(migrated_template, tmp_path / "var"))
    try:
        wait_for_http(serve.url())
        with Prober([serve.url("/healthz")]) as prober:
            os.kill(serve.worker_pid, signal.SIGKILL)
            assert "被信号 SIGKILL 结束" in serve.wait_for_stderr("后台任务进程意外退出")
            line = serve.wait_for_stderr("后台任务进程已重新启动")
            new_worker = int(line.split("pid ")[1].split("）")[0])
            # And once more: the second pause is longer, and the site still answers.
            os.kill(new_worker, signal.SIGKILL)
            serve.wait_for_stderr("2 秒后重新启动")
        assert serve.process.poll() is None
        assert prober.answers and prober.failures() == []
        assert not is_gone(serve.web_pid)
    finally:
        returncode, _ = serve.stop()
    assert returncode == 0


def test_responses_name_no_server_software(migrated_template, tmp_path):
    serve = Serve.start(new_site(migrated_template, tmp_path / "var"))
    try:
        wait_for_http(serve.url())
        for path in ("/", "/healthz", "/static/no-such-file.css", "/no-such-page/"):
            status, headers = get(serve.url(path))
            assert "Server" not in headers, (path, status, headers.get("Server"))
            assert "gunicorn" not in str(headers).lower()
    finally:
        serve.stop()
