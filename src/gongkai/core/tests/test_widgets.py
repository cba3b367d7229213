from django import forms
from django.test.html import parse_html

from gongkai.core.widgets import FastSelect

CHOICES = [
    ("", "全部机构"),
    ("天水市", [("1", "天水市财政局"), ("2", "天水市环境保护局")]),
    ("秦州区", [("3", "秦州区财政局 <分局> & “办公室”")]),
]


def _render(widget, value):
    field = forms.ChoiceField(choices=CHOICES, required=False, widget=widget)
    form = type("F", (forms.Form,), {"department": field})({"department": value})
    form.is_valid()
    return str(form["department"])


def test_fast_select_renders_the_same_html_as_djangos_select():
    for value in ["", "2", "3"]:
        assert parse_html(_render(FastSelect, value)) == parse_html(_render(forms.Select, value))


def test_fast_select_escapes_labels_and_marks_the_chosen_option():
    html = _render(FastSelect, "3")
    assert "&lt;分局&gt; &amp;" in html
    assert '<option value="3" selected>' in html
