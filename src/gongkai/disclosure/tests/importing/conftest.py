"""Building import files in memory: XLSX (openpyxl) and CSV in either encoding."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.disclosure.importing.columns import COLUMNS

HEADINGS = [c.heading for c in COLUMNS]


def row(**values) -> dict:
    base = {
        "标题": "天水市财政局关于2015年市级部门预算公开的通知",
        "文号": "天财发〔2015〕21号",
        "成文日期": "2015-03-02",
        "发布日期": "2015-03-05",
        "主题分类": "财政、金融、审计",
        "体裁": "通知",
        "关键词": "预算、公开",
        "内容概述": "公开2015年市级部门预算。",
        "正文": "各县区财政局：\n现将2015年市级部门预算公开如下。",
        "信息来源": "天水市财政局",
    }
    base.update(values)
    return base


def xlsx(rows: list[dict], headings=None, name="目录.xlsx") -> SimpleUploadedFile:
    from openpyxl import Workbook

    headings = headings or HEADINGS
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headings)
    for values in rows:
        sheet.append([values.get(h) for h in headings])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def csv_file(rows: list[dict], encoding: str, name="目录.csv") -> SimpleUploadedFile:
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(HEADINGS)
    for values in rows:
        writer.writerow([values.get(h, "") for h in HEADINGS])
    return SimpleUploadedFile(name, text.getvalue().encode(encoding))


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
