"""gunicorn settings of ``gongkai serve`` (``--config python:gongkai.jobs.gunicorn_config``).

gunicorn writes ``Server: gunicorn`` into every response itself, after the
application has returned, so no middleware can remove it; it names the
software to anyone probing for versions. Importing this module (in the
gunicorn master, before it forks its workers) makes gunicorn's HTTP/1
response write no ``Server`` line. (Its HTTP/2 responses, only served when
gunicorn itself terminates TLS, which ``gongkai serve`` never asks for, are
not changed.)
Settings stay on the command line (``serve.py``); gunicorn ignores names here
that are not settings.
"""

from __future__ import annotations

from gunicorn.http import wsgi as _wsgi


def _without_server_header(default_headers):
    def headers(self):
        return [line for line in default_headers(self) if not line.startswith("Server:")]

    headers.__wrapped__ = default_headers
    return headers


if not hasattr(_wsgi.Response.default_headers, "__wrapped__"):
    _wsgi.Response.default_headers = _without_server_header(_wsgi.Response.default_headers)
