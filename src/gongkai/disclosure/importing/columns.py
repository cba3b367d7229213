"""The columns of an import file, by their Chinese headings.

The first row of the sheet (or CSV) holds the headings; their order does not
matter, unknown headings are refused (a misspelt heading would otherwise lose
a column silently). ``COLUMNS`` is the one list that the reader, the row
checks, the template and the documentation use.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    heading: str
    required: bool
    help: str
    example: str = ""
    width: int = 16


COLUMNS: list[Column] = [
    Column(
        "索引号",
        False,
        "原系统中的索引号；留空则由本平台按本级政府的索引号格式生成。填写的须唯一。",
        "",
        30,
    ),
    Column(
        "标题",
        True,
        "信息的标题。",
        "天水市人民政府办公室关于印发天水市2016年政务公开工作要点的通知",
        50,
    ),
    Column(
        "发布机构",
        False,
        "联合发布时填写全部发布机构的全称或简称，用“、”分隔；留空则为导入时选择的部门。",
        "天水市人民政府办公室",
        24,
    ),
    Column("文号", False, "发文字号。", "天政办发〔2016〕71号", 22),
    Column(
        "成文日期",
        False,
        "格式 2016-05-20（也可写 2016/5/20 或 2016年5月20日）。",
        "2016-05-20",
        12,
    ),
    Column("发布日期", True, "原发布日期，不能晚于今天。", "2016-05-23", 12),
    Column("主题分类", True, "22 个主题分类之一，见“填写说明”工作表。", "综合政务", 16),
    Column("体裁", True, "体裁名称，见“填写说明”工作表。", "通知", 10),
    Column("关键词", False, "多个关键词用空格或“、”分隔。", "政务公开 工作要点", 18),
    Column("内容概述", False, "一两句话说明主要内容。", "印发2016年全市政务公开工作要点。", 30),
    Column(
        "正文",
        False,
        "纯文本（按行分段）或 HTML；不安全的内容会被清除。",
        "各县区人民政府，市政府各部门：……",
        40,
    ),
    Column("信息来源", False, "如 天水市人民政府办公室。", "天水市人民政府办公室", 18),
    Column("公开属性", False, "主动公开、依申请公开或不予公开；留空为主动公开。", "主动公开", 10),
    Column(
        "不公开理由",
        False,
        "公开属性不是主动公开时必填：条例第十四至十六条的法定理由，可写关键词，如“个人隐私”“过程性信息”。",
        "",
        24,
    ),
    Column(
        "信息类型",
        False,
        "普通信息、规范性文件、规章、政策解读、回应关切、政务督查等；留空时有有效性信息的按规范性文件，其余按普通信息。",
        "普通信息",
        12,
    ),
    Column("有效性", False, "规范性文件和规章：有效、失效、废止或已修订；留空为有效。", "", 10),
    Column("生效日期", False, "规范性文件和规章的生效日期。", "", 12),
    Column("有效期至", False, "规范性文件和规章的有效期届满日期。", "", 12),
    Column("重点领域", False, "所属重点领域的名称，多个用“、”分隔，见“填写说明”工作表。", "", 20),
]

BY_HEADING = {column.heading: column for column in COLUMNS}
REQUIRED = [column.heading for column in COLUMNS if column.required]

# Names of the rule checks (``gongkai.disclosure.validation``) → the column to blame.
FIELD_COLUMNS = {
    "title": "标题",
    "document_number": "文号",
    "written_on": "成文日期",
    "subject": "主题分类",
    "genre": "体裁",
    "keywords": "关键词",
    "summary": "内容概述",
    "body": "正文",
    "source": "信息来源",
    "disclosure_attribute": "公开属性",
    "exemption_reason": "不公开理由",
    "item_type": "信息类型",
    "effective_on": "生效日期",
    "expires_on": "有效期至",
    "validity": "有效性",
    "key_areas": "重点领域",
    "publishing_departments": "发布机构",
    "index_number": "索引号",
}
