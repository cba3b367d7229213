"""Settings of ``benchmarks.pages``: gongkai's own, plus the bare baseline view's URLconf.

The database, var directory and mode come from the same ``GONGKAI_*``
variables as always (the benchmark sets ``GONGKAI_ENV=test`` and a throw-away
database); this module only adds what the benchmark needs on top.
"""

from gongkai.settings import *  # noqa: F403

ROOT_URLCONF = "benchmarks.bench_urls"
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
# Plain HTTP on 127.0.0.1: never redirect to HTTPS, whatever GONGKAI_HTTPS says.
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SECURE_PROXY_SSL_HEADER = None
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
DEBUG = False
