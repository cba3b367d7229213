from django import template

from ..rendering import report_html as _report_html

register = template.Library()


@register.filter
def report_html(data):
    """The annual report's sections and tables as HTML (escaped)."""
    return _report_html(data)
