"""The modules' API routers, registered in their ``AppConfig.ready()``.

::

    from gongkai.api.registry import register_router

    register_router("gongkai.applications.api.router", order=50)

``gongkai.api.urls`` adds the kernel's own routers (organisations, working
days), then every registered router by ``order`` (operations appear in the
schema in that order; a router whose fixed paths must win over another's
patterns registers a lower order). Registering imports nothing: the router is
imported when the URLconf is built.
"""

from __future__ import annotations

_ROUTERS: dict[str, int] = {}


def register_router(path: str, *, order: int) -> None:
    _ROUTERS[path] = order


def registered_routers() -> list[str]:
    return sorted(_ROUTERS, key=lambda path: (_ROUTERS[path], path))
