"""The modules' demo loaders, registered in their ``AppConfig.ready()``.

::

    from gongkai.demo.registry import register_loader

    register_loader(
        "applications",
        "gongkai.applications.demo.load_applications",
        order=110,
        jobs=(("gongkai.applications.jobs.render_notice_files", "告知书文件"),),
    )

``gongkai demo`` runs the world's loaders (``gongkai.demo.loaders.LOADERS``),
then each registered loader by ``order`` (a module whose data refers to
another's registers a higher order), then the registered ``jobs`` (task path,
what they make) whose results the demo's pages show. This module imports
nothing, so registering costs a process nothing until the demo runs.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ModuleLoader:
    name: str
    path: str  # dotted path of ``load(ctx: DemoContext)``
    order: int
    jobs: tuple[tuple[str, str], ...] = ()


_MODULE_LOADERS: dict[str, ModuleLoader] = {}


def register_loader(
    name: str, path: str, *, order: int, jobs: tuple[tuple[str, str], ...] = ()
) -> None:
    _MODULE_LOADERS[name] = ModuleLoader(name, path, order, tuple(jobs))


def module_loaders() -> list[ModuleLoader]:
    return sorted(_MODULE_LOADERS.values(), key=lambda m: (m.order, m.name))
