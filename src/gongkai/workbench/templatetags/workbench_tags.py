from django import template

from gongkai.workbench.chrome import chrome_for

register = template.Library()


@register.simple_tag(takes_context=True)
def workbench_chrome(context):
    """``{% workbench_chrome as chrome %}``: the layout's per-request data."""
    request = context.get("request")
    return chrome_for(request) if request is not None else None
