"""The fixed vocabularies of an application, as the law and the national report name them.

Outcomes are exactly the rows of Table 三 section 三 of the national annual
report format (国办公开办函〔2021〕30号): 予以公开; 部分公开; 不予公开 ×8;
无法提供 ×3; 不予处理 ×5; 其他处理 ×3 — 21 in all. The code of each is
``<group>.<reason>``; ``OUTCOME_GROUPS`` gives the groups in report order.
"""

from __future__ import annotations

from django.db import models


class ApplicantKind(models.TextChoices):
    NATURAL = "natural", "自然人"
    ORGANISATION = "organisation", "法人或其他组织"


class OrgSubtype(models.TextChoices):
    """The five columns of 法人或其他组织 in Table 三."""

    COMMERCIAL = "commercial", "商业企业"
    RESEARCH = "research", "科研机构"
    WELFARE = "welfare", "社会公益组织"
    LEGAL = "legal", "法律服务机构"
    OTHER = "other", "其他"


# Table 三's seven numeric columns, in order: key → heading.
REPORT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("natural", "自然人"),
    ("commercial", "商业企业"),
    ("research", "科研机构"),
    ("welfare", "社会公益组织"),
    ("legal", "法律服务机构"),
    ("other", "其他"),
    ("total", "总计"),
)


class IdType(models.TextChoices):
    RESIDENT_ID = "resident_id", "居民身份证"
    USCC = "uscc", "统一社会信用代码"
    PASSPORT = "passport", "护照"
    HK_MACAO = "hk_macao", "港澳居民来往内地通行证"
    TAIWAN = "taiwan", "台湾居民来往大陆通行证"
    OTHER = "other", "其他有效证件"


class Channel(models.TextChoices):
    """How the application reached the agency; decides the receipt date (Art. 31)."""

    ONLINE = "online", "网上申请"
    IN_PERSON = "in_person", "当面提交"
    POST = "post", "邮寄（挂号信、快递）"
    LETTER = "letter", "平信"
    FAX = "fax", "传真"


# Channels whose receipt date is the day both sides confirm (双方确认之日).
CONFIRMED_CHANNELS = frozenset({Channel.ONLINE, Channel.FAX, Channel.LETTER})


class PreferredForm(models.TextChoices):
    PAPER = "paper", "纸质"
    ELECTRONIC = "electronic", "电子"


class DeliveryMethod(models.TextChoices):
    POST = "post", "邮寄"
    EMAIL = "email", "电子邮件"
    COLLECT = "collect", "当面领取"
    ONLINE = "online", "网上下载"


class Outcome(models.TextChoices):
    DISCLOSED = "disclose", "予以公开"
    PARTIAL = "partial", "部分公开"
    WITHHELD_STATE_SECRET = "withhold.state_secret", "属于国家秘密"
    WITHHELD_BY_LAW = "withhold.prohibited_by_law", "其他法律行政法规禁止公开"
    WITHHELD_SECURITY = "withhold.security_stability", "危及“三安全一稳定”"
    WITHHELD_THIRD_PARTY = "withhold.third_party", "保护第三方合法权益"
    WITHHELD_INTERNAL = "withhold.internal_affairs", "属于三类内部事务信息"
    WITHHELD_PROCESS = "withhold.process_information", "属于四类过程性信息"
    WITHHELD_CASE_FILE = "withhold.enforcement_file", "属于行政执法案卷"
    WITHHELD_QUERY = "withhold.administrative_query", "属于行政查询事项"
    UNABLE_NOT_HELD = "unable.not_held", "本机关不掌握相关政府信息"
    UNABLE_NEEDS_CREATION = "unable.needs_creation", "没有现成信息需要另行制作"
    UNABLE_STILL_UNCLEAR = "unable.still_unclear", "补正后申请内容仍不明确"
    REFUSED_PETITION = "refuse.petition", "信访举报投诉类申请"
    REFUSED_REPEAT = "refuse.repeat", "重复申请"
    REFUSED_PUBLICATION = "refuse.publication", "要求提供公开出版物"
    REFUSED_EXCESSIVE = "refuse.excessive", "无正当理由大量反复申请"
    REFUSED_CONFIRMATION = "refuse.confirmation", "要求行政机关确认或重新出具已获取信息"
    OTHER_NO_CORRECTION = (
        "other.no_correction",
        "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    )
    OTHER_FEE_UNPAID = (
        "other.fee_unpaid",
        "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    )
    OTHER = "other.other", "其他"


# (group key, report heading, outcomes in report order)
OUTCOME_GROUPS: tuple[tuple[str, str, tuple[Outcome, ...]], ...] = (
    ("disclose", "（一）予以公开", (Outcome.DISCLOSED,)),
    (
        "partial",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        (Outcome.PARTIAL,),
    ),
    (
        "withhold",
        "（三）不予公开",
        (
            Outcome.WITHHELD_STATE_SECRET,
            Outcome.WITHHELD_BY_LAW,
            Outcome.WITHHELD_SECURITY,
            Outcome.WITHHELD_THIRD_PARTY,
            Outcome.WITHHELD_INTERNAL,
            Outcome.WITHHELD_PROCESS,
            Outcome.WITHHELD_CASE_FILE,
            Outcome.WITHHELD_QUERY,
        ),
    ),
    (
        "unable",
        "（四）无法提供",
        (Outcome.UNABLE_NOT_HELD, Outcome.UNABLE_NEEDS_CREATION, Outcome.UNABLE_STILL_UNCLEAR),
    ),
    (
        "refuse",
        "（五）不予处理",
        (
            Outcome.REFUSED_PETITION,
            Outcome.REFUSED_REPEAT,
            Outcome.REFUSED_PUBLICATION,
            Outcome.REFUSED_EXCESSIVE,
            Outcome.REFUSED_CONFIRMATION,
        ),
    ),
    (
        "other",
        "（六）其他处理",
        (Outcome.OTHER_NO_CORRECTION, Outcome.OTHER_FEE_UNPAID, Outcome.OTHER),
    ),
)

OUTCOME_GROUP_OF: dict[str, str] = {
    outcome.value: group for group, _, outcomes in OUTCOME_GROUPS for outcome in outcomes
}
GROUP_LABELS: dict[str, str] = {
    "disclose": "予以公开",
    "partial": "部分公开",
    "withhold": "不予公开",
    "unable": "无法提供",
    "refuse": "不予处理",
    "other": "其他处理",
}

# Outcomes a handler may choose in a reply. The two "abandoned" outcomes are
# reached only by the expiry of a correction or fee period (the jobs).
REPLY_OUTCOMES = tuple(
    o for o in Outcome if o not in (Outcome.OTHER_NO_CORRECTION, Outcome.OTHER_FEE_UNPAID)
)
# Outcomes that hand over information and so may carry disclosed files.
DISCLOSING_OUTCOMES = frozenset({Outcome.DISCLOSED, Outcome.PARTIAL})


def outcome_label(code: str) -> str:
    """ "不予公开 — 属于国家秘密" style label for notices and the timeline."""
    group = OUTCOME_GROUP_OF.get(code)
    if group is None:
        return code
    name = Outcome(code).label
    head = GROUP_LABELS[group]
    return head if head == name else f"{head}（{name}）"
