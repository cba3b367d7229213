"""Report-card charts (成绩单): bars proportional to the figures, 无数据 kept apart from 0,
labels escaped, a nice axis, deterministic ids, the same figures in the data table, and a
chart that prints through WeasyPrint."""

import math
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from gongkai.core.charts import NO_DATA, bar_chart, column_chart, nice_scale

SVG = "{http://www.w3.org/2000/svg}"
MONTHS = [f"{month}月" for month in range(1, 13)]
CSS = Path(__file__).resolve().parents[2] / "core" / "static" / "core" / "charts.css"


def parse(chart) -> ET.Element:
    """The whole figure as XML: it must be well-formed, SVG included."""
    return ET.fromstring(str(chart))


def svg_of(figure: ET.Element) -> ET.Element:
    return figure.find(f"div/{SVG}svg")


def bar_rows(figure: ET.Element) -> list[ET.Element]:
    return [g for g in svg_of(figure).iter(f"{SVG}g") if g.get("class") == "bar-row"]


def texts(element: ET.Element, cls: str) -> list[str]:
    return ["".join(t.itertext()) for t in element.iter(f"{SVG}text") if t.get("class") == cls]


def table_rows(figure: ET.Element) -> list[list[str]]:
    body = figure.find("details/table/tbody")
    return [["".join(cell.itertext()) for cell in row] for row in body]


def outcomes():
    return bar_chart(
        title="申请办理结果",
        rows=[("予以公开", 120), ("部分公开", 30), ("不予公开", 0), ("无法提供", None)],
    )


def test_bar_lengths_are_proportional_to_the_figures():
    rows = bar_rows(parse(outcomes()))
    widths = [float(rect.get("width")) for rect in rows[0].iter(f"{SVG}rect")] + [
        float(rect.get("width")) for rect in rows[1].iter(f"{SVG}rect")
    ]
    assert widths[0] / widths[1] == pytest.approx(120 / 30)
    # the axis tops at 150 and the plot ends where its last gridline is
    lines = list(svg_of(parse(outcomes())).iter(f"{SVG}line"))
    left, right = float(lines[0].get("x1")), float(lines[-1].get("x1"))
    assert widths[0] == pytest.approx((right - left) * 120 / 150)


def test_no_data_draws_no_bar_and_says_so_while_zero_is_written_as_zero():
    rows = bar_rows(parse(outcomes()))
    zero, missing = rows[2], rows[3]
    assert list(zero.iter(f"{SVG}rect")) == []
    assert texts(zero, "value") == ["0"]
    assert list(missing.iter(f"{SVG}rect")) == []
    assert texts(missing, "value no-data") == [NO_DATA]
    assert texts(missing, "value") == []


def test_column_chart_no_data_is_not_a_zero_column():
    figure = parse(
        column_chart(
            title="每月申请", labels=["1月", "2月", "3月"], series=[("依申请公开", [4, 0, None])]
        )
    )
    cells = [g for g in svg_of(figure).iter(f"{SVG}g") if g.get("class") == "column-cell"]
    assert len(list(cells[0].iter(f"{SVG}rect"))) == 1
    assert list(cells[1].iter(f"{SVG}rect")) == [] and texts(cells[1], "value") == ["0"]
    assert list(cells[2].iter(f"{SVG}rect")) == []
    assert texts(cells[2], "value no-data") == [NO_DATA]
    assert table_rows(figure) == [["1月", "4"], ["2月", "0"], ["3月", NO_DATA]]


def test_column_heights_are_proportional_within_and_across_series():
    figure = parse(
        column_chart(
            title="每月申请和留言",
            labels=["1月", "2月"],
            series=[("依申请公开", [10, 20]), ("留言", [40, 5])],
        )
    )
    heights = [
        float(rect.get("height"))
        for rect in svg_of(figure).iter(f"{SVG}rect")
        if rect.get("class") == "column"
    ]
    # drawn month by month, series by series: 10, 40, 20, 5
    assert [h / heights[0] for h in heights] == pytest.approx([1, 4, 2, 0.5])


def test_labels_and_titles_from_the_database_are_escaped():
    chart = bar_chart(
        title="<script>alert(1)</script>结果",
        rows=[('市<script>alert("x")</script>局', 3)],
    )
    assert "<script>" not in str(chart)
    figure = parse(chart)  # still well-formed
    assert "".join(figure.find("figcaption").itertext()) == "<script>alert(1)</script>结果"
    assert table_rows(figure) == [['市<script>alert("x")</script>局', "3"]]
    column = column_chart(title="a&b", labels=["<b>1月</b>"], series=[("<i>留言</i>", [1])])
    assert "<b>" not in str(column) and "<i>" not in str(column)
    parse(column)


@pytest.mark.parametrize(
    ("largest", "maximum", "integers", "expected"),
    [
        (37, None, True, (40, 10)),
        (120, None, True, (150, 50)),
        (3, None, True, (3, 1)),
        (0, None, True, (1, 1)),
        (0.7, None, False, (0.8, 0.2)),
        (9500, None, True, (10000, 2000)),
        (87.5, 100, False, (100, 20)),
        (130, 100, False, (150, 50)),  # a figure beyond the fixed maximum widens the axis
    ],
)
def test_the_axis_tops_at_a_nice_number(largest, maximum, integers, expected):
    top, step = nice_scale(largest, maximum=maximum, integers=integers)
    assert (top, step) == pytest.approx(expected)
    mantissa = step / 10 ** math.floor(math.log10(step))
    assert round(mantissa, 9) in (1, 2, 5)


def test_gridlines_carry_the_tick_labels():
    figure = parse(bar_chart(title="按时答复率", rows=[("市财政局", 87.5)], unit="%", maximum=100))
    grid = next(g for g in svg_of(figure).iter(f"{SVG}g") if g.get("class") == "grid")
    assert ["".join(t.itertext()) for t in grid.iter(f"{SVG}text")] == [
        "0",
        "20",
        "40",
        "60",
        "80",
        "100",
    ]
    assert len(list(grid.iter(f"{SVG}line"))) == 6


def test_ids_are_deterministic_and_differ_between_charts():
    first, again = str(outcomes()), str(outcomes())
    assert first == again
    other = str(bar_chart(title="申请办理结果", rows=[("予以公开", 121)]))
    ids = set(re.findall(r'id="([^"]+)"', first))
    assert ids and ids.isdisjoint(re.findall(r'id="([^"]+)"', other))
    # every id used by aria-labelledby / aria-describedby / url(#…) exists in the same chart
    svg = svg_of(parse(first))
    assert svg.get("role") == "img"
    assert svg.find(f"{SVG}title").get("id") == svg.get("aria-labelledby")
    assert svg.find(f"{SVG}desc").get("id") == svg.get("aria-describedby")
    column = str(column_chart(title="t", labels=["1月"], series=[("a", [1]), ("b", [2])]))
    assert set(re.findall(r"url\(#([^)]+)\)", column)) <= set(re.findall(r'id="([^"]+)"', column))


def test_long_labels_are_cut_in_the_svg_and_kept_whole_in_title_and_table():
    long = "天水市人力资源和社会保障局政府信息公开工作领导小组办公室"
    figure = parse(bar_chart(title="按时答复率", rows=[(long, 90)], unit="%", maximum=100))
    (row,) = bar_rows(figure)
    (shown,) = texts(row, "label")
    assert shown.endswith("…") and long.startswith(shown[:-1]) and len(shown) <= 11
    assert row.find(f"{SVG}title").text == f"{long}：90"
    assert table_rows(figure) == [[long, "90"]]


def test_the_data_table_holds_every_figure_of_a_column_chart():
    applications = [3, 5, 0, 12, None, 8, 7, 9, 10, 4, 2, 1]
    messages = [30, 41, 22, 0, 17, None, 25, 33, 38, 40, 21, 19]
    figure = parse(
        column_chart(
            title="2016年每月收到的申请和留言",
            labels=MONTHS,
            series=[("依申请公开", applications), ("留言", messages)],
        )
    )
    table = figure.find("details/table")
    assert figure.find("details/summary").text == "查看数据"
    assert table.find("caption").text == "2016年每月收到的申请和留言（单位：件）"
    assert [th.text for th in table.find("thead/tr")] == ["项目", "依申请公开", "留言"]
    assert all(th.get("scope") == "col" for th in table.find("thead/tr"))
    assert all(row[0].get("scope") == "row" for row in table.find("tbody"))

    def text(v):
        return NO_DATA if v is None else str(v)

    assert table_rows(figure) == [
        [month, text(a), text(m)] for month, a, m in zip(MONTHS, applications, messages)
    ]


def test_the_legend_tells_series_apart_by_pattern_not_colour_alone():
    svg = svg_of(
        parse(column_chart(title="t", labels=["1月"], series=[("申请", [1]), ("留言", [2])]))
    )
    legend = next(g for g in svg.iter(f"{SVG}g") if g.get("class") == "legend")
    fills = [rect.get("fill") for rect in legend.iter(f"{SVG}rect")]
    assert len(fills) == 2 and fills[0].startswith("#") and fills[1].startswith("url(#")
    assert texts(legend, None) == ["申请", "留言"]


def test_empty_input_says_no_data_yet():
    for chart in (
        bar_chart(title="各部门按时答复率", rows=[]),
        column_chart(title="每月申请", labels=[], series=[("依申请公开", [])]),
    ):
        figure = parse(chart)
        assert "chart" in figure.get("class").split()
        assert "暂无数据" in "".join(figure.itertext())
        assert figure.find(f"{SVG}svg") is None


def test_a_series_of_the_wrong_length_is_refused():
    with pytest.raises(ValueError, match="2 figures for 3 labels"):
        column_chart(title="t", labels=["1月", "2月", "3月"], series=[("留言", [1, 2])])


def test_a_chart_prints_through_weasyprint():
    from weasyprint import HTML

    def no_fetching(url, *args, **kwargs):
        raise ValueError(f"charts reference nothing outside: {url}")

    chart = bar_chart(
        title="申请办理结果统计",
        rows=[("予以公开", 120), ("部分公开", 30), ("无法提供", None)],
    )
    html = (
        f'<html lang="zh-CN"><head><meta charset="utf-8"><style>{CSS.read_text()}</style>'
        f"</head><body>{chart}</body></html>"
    )
    pdf = HTML(string=html, url_fetcher=no_fetching, base_url="about:blank").write_pdf()
    assert pdf.startswith(b"%PDF")
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    assert "申请办理结果统计" in text
    # the labels and figures come from the SVG: the data table is left out in print
    assert "部分公开" in text and "120" in text and NO_DATA in text
    assert "查看数据" not in text


def test_the_chart_sits_in_a_focusable_box_that_scrolls_on_a_phone():
    figure = parse(bar_chart(title="按期答复率", rows=[("市财政局", 90)], unit="%"))
    box = figure.find("div")
    assert box.get("class") == "chart-scroll" and box.get("tabindex") == "0"
    assert box.get("aria-label") == "按期答复率（图表，可左右滚动）"
