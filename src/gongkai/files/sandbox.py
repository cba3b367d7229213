"""Text extraction in a child process with memory and time limits.

``run(fileobj, kind, ...)`` hands the file to an *extraction server*: a
separate interpreter (``python -m gongkai.files.sandbox``) started once per
worker process, with no environment but ``PYTHONPATH`` (no secrets), that has
imported the readers (lxml, pypdf, openpyxl) and forks one child per file. A
file thus costs a fork (milliseconds), not an interpreter start and the
imports (half a second); the worker itself never forks.

The child sends its output nowhere and limits itself before reading
anything: address space (``RLIMIT_AS``, which includes the ~100 MB of the
interpreter and libraries it inherits), CPU time, no file writes, no new
processes, no core dumps. It opens the file by path (read-only), runs
``readers.read_text`` and writes one JSON answer to a pipe. The server kills
it after ``timeout`` seconds (monotonic clock); the worker waits a few seconds
more for the server and, should the server not answer, kills the server and
starts another next time. Whatever the file does (inflates, loops, crashes
the library), the worker only waits: its own memory does not grow.

An ``Outcome`` is the text and a problem code: "" (read), ``too_large``
(a part past the XML limit; the text before it is kept), ``unreadable``,
``memory``, ``timeout`` or ``crashed``.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

DETAIL_MAX = 300
OUTPUT_MAX_BYTES = 8 * 1024 * 1024  # the answer of one file: 200,000 characters as JSON
SERVER_GRACE_SECONDS = 5  # past the child's timeout, before the server is given up

UNREADABLE = "unreadable"
MEMORY = "memory"
TIMEOUT = "timeout"
CRASHED = "crashed"

# What the server imports once, so that children need not.
PRELOAD = ("gongkai.files.readers", "zipfile", "lxml.etree", "pypdf", "openpyxl")


@dataclass(frozen=True)
class Outcome:
    text: str
    problem: str = ""  # "" or one of readers.TOO_LARGE, UNREADABLE, MEMORY, TIMEOUT, CRASHED
    detail: str = ""  # for the log: the exception or the exit status


def _answer(data) -> Outcome:
    return Outcome(str(data["text"]), str(data["problem"]), str(data["detail"])[:DETAIL_MAX])


# -- the worker side -------------------------------------------------------------------


class _Server:
    """The extraction server of this process, started on first use."""

    def __init__(self):
        self.lock = threading.Lock()
        self.process: subprocess.Popen | None = None
        self.owner = 0  # the process that started it: a forked copy of the worker starts its own

    def _start(self) -> subprocess.Popen:
        if self.owner != os.getpid():
            self.process = None  # the parent's server: not ours to use or to stop
        if self.process is not None and self.process.poll() is None:
            return self.process
        self.owner = os.getpid()
        self.process = subprocess.Popen(
            [sys.executable, "-B", "-m", "gongkai.files.sandbox"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env={
                "PYTHONPATH": str(Path(__file__).resolve().parents[2]),
                "PYTHONDONTWRITEBYTECODE": "1",
                "LANG": "C.UTF-8",
            },
            cwd="/",
            start_new_session=True,
        )
        return self.process

    def stop(self) -> None:
        process, self.process = self.process, None
        if process is None or self.owner != os.getpid():
            return
        with contextlib.suppress(OSError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        for stream in (process.stdin, process.stdout):
            if stream is not None:
                stream.close()

    def ask(self, request: dict, timeout: float) -> Outcome:
        line = (json.dumps(request) + "\n").encode()
        with self.lock:
            for attempt in (1, 2):
                process = self._start()
                try:
                    process.stdin.write(line)
                    process.stdin.flush()
                    break
                except (BrokenPipeError, OSError):
                    self.stop()  # it died since the last file: start another, once
                    if attempt == 2:
                        return Outcome("", CRASHED, "extraction server not running")
            reply = self._read_line(process, timeout + SERVER_GRACE_SECONDS)
            if reply is None:
                self.stop()
                return Outcome("", CRASHED, "extraction server did not answer")
        try:
            return _answer(json.loads(reply))
        except (ValueError, KeyError, TypeError):
            return Outcome("", CRASHED, "extraction server gave no answer")

    @staticmethod
    def _read_line(process: subprocess.Popen, timeout: float) -> bytes | None:
        deadline = time.monotonic() + timeout
        fd = process.stdout.fileno()
        received = bytearray()
        while not received.endswith(b"\n"):
            left = deadline - time.monotonic()
            if left <= 0 or len(received) > OUTPUT_MAX_BYTES:
                return None
            ready, _, _ = select.select([fd], [], [], left)
            if ready:
                chunk = os.read(fd, 1024 * 1024)
                if not chunk:
                    return None
                received += chunk
        return bytes(received)


_server = _Server()
atexit.register(_server.stop)


def _local_path(fileobj):
    """A path of the file's content the child can open, and a temporary copy to remove (or None)."""
    name = getattr(getattr(fileobj, "file", fileobj), "name", None)
    if isinstance(name, str) and os.path.isabs(name) and os.path.isfile(name):
        return name, None
    copy = tempfile.NamedTemporaryFile(prefix="gongkai-extract-", delete=False)  # noqa: SIM115
    with copy:
        fileobj.seek(0)
        shutil.copyfileobj(fileobj, copy, 1024 * 1024)
    return copy.name, copy.name


def run(
    fileobj,
    kind: str,
    *,
    limit: int,
    memory_bytes: int,
    timeout: float,
    xml_max_bytes: int,
    zip_max_total_bytes: int,
) -> Outcome:
    """Extract the text of ``fileobj`` (a binary file) in a limited child process."""
    path, temporary = _local_path(fileobj)
    try:
        return _server.ask(
            {
                "path": path,
                "kind": kind,
                "limit": limit,
                "memory_bytes": memory_bytes,
                "timeout": timeout,
                "xml_max_bytes": xml_max_bytes,
                "zip_max_total_bytes": zip_max_total_bytes,
            },
            timeout,
        )
    finally:
        if temporary is not None:
            os.unlink(temporary)


# -- the server side --------------------------------------------------------------------


def _limit_self(memory_bytes: int, cpu_seconds: int) -> None:
    import resource

    limits = [
        (resource.RLIMIT_AS, memory_bytes),
        (resource.RLIMIT_CPU, cpu_seconds),
        (resource.RLIMIT_CORE, 0),
        (resource.RLIMIT_FSIZE, 0),
        (resource.RLIMIT_NPROC, 0),
    ]
    for which, value in limits:
        _soft, hard = resource.getrlimit(which)
        if hard != resource.RLIM_INFINITY:
            value = min(value, hard)
        resource.setrlimit(which, (value, value))


def _child(request: dict, out: int) -> None:
    """Read one file and write the answer to ``out``; runs in the forked child."""
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(devnull, fd)
    _limit_self(int(request["memory_bytes"]), max(1, int(request["timeout"]) + 1))
    text, problem, detail = "", "", ""
    try:
        from gongkai.files import readers

        with open(request["path"], "rb") as stream:
            text, problem = readers.read_text(
                stream,
                request["kind"],
                limit=int(request["limit"]),
                xml_max_bytes=int(request["xml_max_bytes"]),
                zip_max_total_bytes=int(request["zip_max_total_bytes"]),
            )
    except MemoryError:
        text, problem, detail = "", MEMORY, "MemoryError"
    except Exception as exc:
        text, problem = "", UNREADABLE
        detail = f"{type(exc).__name__}: {exc}"[:DETAIL_MAX]
    try:
        answer = json.dumps({"text": text, "problem": problem, "detail": detail}).encode()
    except MemoryError:
        answer = json.dumps({"text": "", "problem": MEMORY, "detail": "MemoryError"}).encode()
    view = memoryview(answer)
    while view:
        view = view[os.write(out, view) :]


def _died(status: int) -> dict:
    if os.WIFSIGNALED(status):
        number = os.WTERMSIG(status)
        name = signal.Signals(number).name if number in signal.valid_signals() else str(number)
        problem = TIMEOUT if number == signal.SIGXCPU else CRASHED
        return {"text": "", "problem": problem, "detail": f"child died of signal {name}"}
    code = os.WEXITSTATUS(status) if os.WIFEXITED(status) else status
    return {"text": "", "problem": CRASHED, "detail": f"child exited with status {code}"}


def _serve_one(request: dict) -> dict:
    timeout = float(request["timeout"])
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        code = 1
        try:
            os.close(read_end)
            _child(request, write_end)
            code = 0
        finally:
            os._exit(code)
    os.close(write_end)
    deadline = time.monotonic() + timeout
    received = bytearray()
    timed_out = False
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                timed_out = True
                break
            ready, _, _ = select.select([read_end], [], [], left)
            if ready:
                chunk = os.read(read_end, 1024 * 1024)
                if not chunk or len(received) > OUTPUT_MAX_BYTES:
                    break
                received += chunk
    finally:
        os.close(read_end)
    if timed_out:
        os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    if timed_out:
        return {"text": "", "problem": TIMEOUT, "detail": f"killed after {timeout:g} s"}
    try:
        answer = json.loads(bytes(received))
        _answer(answer)
        return answer
    except (ValueError, KeyError, TypeError):
        return _died(status)


def serve(requests, replies) -> None:
    """Answer each request line with one reply line, until the worker goes."""
    for line in requests:
        try:
            request = json.loads(line)
            reply = _serve_one(request)
        except Exception as exc:  # a request the server cannot handle: say so, keep serving
            reply = {"text": "", "problem": CRASHED, "detail": f"{type(exc).__name__}: {exc}"}
        replies.write(json.dumps(reply).encode() + b"\n")
        replies.flush()


def main() -> None:
    import importlib
    import logging
    import warnings

    logging.disable(logging.CRITICAL)
    warnings.simplefilter("ignore")
    for module in PRELOAD:
        with contextlib.suppress(ImportError):
            importlib.import_module(module)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the worker's Ctrl-C is the worker's
    serve(sys.stdin.buffer, sys.stdout.buffer)


if __name__ == "__main__":
    main()
