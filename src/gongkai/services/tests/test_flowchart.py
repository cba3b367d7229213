"""The flow chart drawn on the server: one box per step in order, wrapped Chinese
labels, each step's limit, a labelled image that fits a phone."""

import re
from xml.etree import ElementTree

from gongkai.services.flowchart import WIDTH, StepLabel, limit_text, render, wrap

SVG = "{http://www.w3.org/2000/svg}"
STEPS = [
    StepLabel(1, "受理", "综合受理窗口", 0),
    StepLabel(2, "审查", "行政审批科", 8),
    StepLabel(3, "决定", "分管局领导", 2),
    StepLabel(4, "制证送达", "", None),
]


def parsed(markup: str):
    return ElementTree.fromstring(str(markup))


def test_one_box_per_step_in_order_with_arrows_between():
    svg = parsed(render(STEPS))
    assert len(svg.findall(f"{SVG}rect")) == 4
    assert len(svg.findall(f"{SVG}polygon")) == 3  # arrowheads between boxes
    texts = [t.text for t in svg.findall(f"{SVG}text")]
    assert texts == [
        "1. 受理",
        "承办：综合受理窗口",
        "时限：即办",
        "2. 审查",
        "承办：行政审批科",
        "时限：8个工作日",
        "3. 决定",
        "承办：分管局领导",
        "时限：2个工作日",
        "4. 制证送达",
    ]
    tops = [float(r.get("y")) for r in svg.findall(f"{SVG}rect")]
    assert tops == sorted(tops)  # a vertical layout, top to bottom


def test_it_is_a_labelled_image():
    svg = parsed(render(STEPS, chart_id="guide-7"))
    assert svg.get("role") == "img"
    assert svg.get("aria-labelledby") == "guide-7-title"
    title = svg.find(f"{SVG}title")
    assert title.get("id") == "guide-7-title"
    assert title.text == "办理流程图：受理→审查→决定→制证送达（文字说明见流程列表）"


def test_long_labels_wrap_inside_the_box_and_the_chart_fits_a_phone():
    long_name = "对申请材料进行实质审查并组织现场核查和专家评审"
    svg = parsed(render([StepLabel(1, long_name, "", 10), StepLabel(2, "决定")]))
    assert int(svg.get("width")) == WIDTH <= 343  # 375 px less the page's margins
    lines = [t.text for t in svg.findall(f"{SVG}text")]
    assert lines[:2] == [
        "1. 对申请材料进行实质审查",
        "并组织现场核查和专家评审",
    ]  # 26 characters, 2 lines
    assert lines[2] == "时限：10个工作日"
    box = svg.findall(f"{SVG}rect")[0]
    assert float(box.get("height")) >= 20 * 3  # two name lines and the limit


def test_labels_are_escaped():
    markup = str(render([StepLabel(1, "<审查>&决定", "", 1), StepLabel(2, "送达")]))
    assert "&lt;审查&gt;&amp;决定" in markup and "<审查>" not in markup
    parsed(markup)  # still well-formed


def test_no_steps_no_chart():
    assert render([]) == ""


def test_wrapping_and_limits_in_words():
    assert wrap("一二三四五六七", 3) == ["一二三", "四五六", "七"]
    assert wrap("  ", 3) == [""]
    assert (limit_text(0), limit_text(5), limit_text(None)) == ("即办", "5个工作日", "")


def test_no_inline_style_for_the_content_security_policy():
    markup = str(render(STEPS))
    assert "style=" not in markup and not re.search(r"<script", markup)
