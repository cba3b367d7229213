from datetime import timedelta

from django import template

register = template.Library()


@register.filter
def zh_duration(value) -> str:
    """A timedelta in Chinese words: 1 小时 30 分钟, 30 分钟, 不到 1 分钟."""
    if not isinstance(value, timedelta):
        return ""
    minutes = int(value.total_seconds() // 60)
    hours, minutes = divmod(minutes, 60)
    parts = []
    if hours:
        parts.append(f"{hours} 小时")
    if minutes:
        parts.append(f"{minutes} 分钟")
    return " ".join(parts) or "不到 1 分钟"
