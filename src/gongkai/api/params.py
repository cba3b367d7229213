"""What every hand-checked query of the API raises: ``BadParameter`` (HTTP 400).

Endpoints that read ``request.GET`` themselves (``GET /api/v1/documents``,
``/api/v1/messages``, ``/api/v1/consultations`` …) refuse an unknown name, a
repeated single-valued parameter or a bad value with one clear Chinese
sentence naming the parameter, never a 422 in English from the schema layer.
"""

from __future__ import annotations


class BadParameter(ValueError):
    """A query parameter the API refuses (HTTP 400)."""

    def __init__(self, parameter: str, message: str):
        self.parameter = parameter
        super().__init__(message)


def single_values(querydict, allowed) -> dict[str, str]:
    """The non-empty values of ``querydict`` by name, stripped: an unknown name, a
    parameter given twice or a control character is refused (``BadParameter``)."""
    unknown = [name for name in querydict if name not in allowed]
    if unknown:
        raise BadParameter(
            unknown[0], f"未知的查询参数“{unknown[0][:40]}”。可用的参数：{'、'.join(allowed)}。"
        )
    found: dict[str, str] = {}
    for name in allowed:
        values = [v.strip() for v in querydict.getlist(name)]
        if not values or not values[0]:
            continue
        if len(values) > 1:
            raise BadParameter(name, f"参数 {name} 只能出现一次。")
        if any(ch in values[0] for ch in "\x00\r\n"):
            raise BadParameter(name, f"参数 {name} 含有不可见的控制字符，请检查后重试。")
        found[name] = values[0]
    return found


def integer(name: str, raw: str, low: int, high: int) -> int:
    """``raw`` as an integer in [low, high], else ``BadParameter`` naming the range."""
    if not (raw.isascii() and raw.isdigit() and len(raw) <= 10 and low <= int(raw) <= high):
        raise BadParameter(name, f"参数 {name} 的值“{raw[:40]}”无效：应为 {low}–{high} 的整数。")
    return int(raw)
