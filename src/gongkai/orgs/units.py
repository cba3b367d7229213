"""A government's units, for figures by unit: each department of the government itself,
and each government directly under it (its departments, and those of every government
under that one, together)."""

from __future__ import annotations

from collections.abc import Iterable

from .models import Department, Government


def rates_by_unit(government: Government, rows: Iterable[tuple[int, int, int]]) -> list:
    """[[unit, rate %], …] from (department id, replied, on time) rows of departments of
    ``government`` and of the governments under it: one row per unit with anything
    replied, lowest rate first (the units to act on lead), then by name. A rate is per
    cent with one decimal."""
    rows = [(pk, replied, on_time) for pk, replied, on_time in rows if replied]
    places = {
        pk: (path, short or name)
        for pk, path, short, name in Department.objects.filter(
            pk__in={pk for pk, _r, _o in rows}
        ).values_list("pk", "government__path", "short_name", "name")
    }
    children = dict(Government.objects.filter(parent=government).values_list("code", "name"))
    units: dict[tuple, list] = {}
    for pk, replied, on_time in rows:
        if pk not in places:
            continue
        path, label = places[pk]
        if path == government.path:
            key = ("department", pk)
        else:
            code = path[len(government.path) :].split("/")[0]
            key, label = ("government", code), children.get(code, code)
        unit = units.setdefault(key, [label, 0, 0])
        unit[1] += replied
        unit[2] += on_time
    by_unit = [[label, round(met * 100 / n, 1)] for label, n, met in units.values()]
    by_unit.sort(key=lambda row: (row[1], row[0]))
    return by_unit
