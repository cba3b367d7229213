"""Reference data every installation starts with (types and refusal reasons); editable afterwards.

Refilled after every ``migrate`` (also after a test database flush) without
overwriting what administrators changed: rows are created only when missing.
Reply limits are the defaults of the issue's local rule (咨询 5, 求助/建议 10,
投诉/举报 15 working days); provinces differ, so they are data.
"""

from __future__ import annotations

MESSAGE_TYPES = [
    # code, name, reply limit (working days), confidential
    ("consult", "咨询", 5, False),
    ("help", "求助", 10, False),
    ("suggest", "建议", 10, False),
    ("complain", "投诉", 15, False),
    ("report", "举报", 15, True),
]

REFUSAL_REASONS = [
    (
        "litigation",
        "已进入诉讼、仲裁、行政复议程序",
        "您反映的事项已进入诉讼、仲裁或行政复议程序，请依照相应法定程序办理。",
        False,
    ),
    (
        "petition",
        "应通过信访等法定途径解决",
        "您反映的事项依法应当通过信访、行政复议等法定途径解决，请向有权机关提出。",
        False,
    ),
    (
        "abusive",
        "含有辱骂、攻击等不文明内容",
        "留言含有辱骂、人身攻击等内容，不予受理。欢迎您文明理性地反映问题。",
        False,
    ),
    (
        "unclear",
        "内容不明确，无法办理",
        "留言内容不明确，无法确定您反映的具体问题，欢迎补充后重新留言。",
        False,
    ),
    (
        "duplicate",
        "重复留言",
        "您反映的问题已有留言正在办理或已经答复，请查看原留言的办理结果。",
        True,
    ),
    (
        "out_of_scope",
        "不属于本留言板受理范围",
        "您反映的事项不属于本留言板受理范围（如涉及国家秘密、个人隐私的事项）。",
        False,
    ),
]


def ensure_reference_data(sender=None, **kwargs) -> None:
    from .models import MessageType, RefusalReason

    using = kwargs.get("using", "default")
    for order, (code, name, limit, confidential) in enumerate(MESSAGE_TYPES, start=1):
        MessageType.objects.using(using).get_or_create(
            code=code,
            defaults={
                "name": name,
                "reply_limit_days": limit,
                "confidential": confidential,
                "sort_order": order * 10,
            },
        )
    for order, (code, name, explanation, duplicate) in enumerate(REFUSAL_REASONS, start=1):
        RefusalReason.objects.using(using).get_or_create(
            code=code,
            defaults={
                "name": name,
                "explanation": explanation,
                "is_duplicate": duplicate,
                "sort_order": order * 10,
            },
        )
