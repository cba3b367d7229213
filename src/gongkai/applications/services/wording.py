"""Words of the formal notices (告知书) that depend on who applied and which agency answers.

* ``you(application)``: a natural person (自然人) is addressed as 您, a legal
  person or other organisation (法人或其他组织) as 贵单位 — never "您（单位）".
  The addressee line is the name alone followed by "：" (the notice body's
  first line, see ``documents.split_body``).
* ``quoted_request(description)``: the request quoted once in "申请获取“…”。":
  without the applicant's own 申请公开/申请获取/请求公开 in front and without
  its final 。！；… inside the quotes.
* ``remedies(department)``: the remedies paragraph (救济途径) naming the
  reconsideration body (复议机关) and the court (人民法院) from the agency's
  notice layout (``models.layouts``); 有管辖权的人民法院 when no court is set.
  Time limits: 行政复议法 (2023) Art. 20 (60 days), 行政诉讼法 Art. 46 (6 months).

The text written here is the notice's body, stored when it is issued; the
DOCX and the PDF are both made from it, so they say the same.
"""

from __future__ import annotations

from ..models import ApplicantKind, Application
from ..models.layouts import UNNAMED_COURT, layout_for

# How applicants often begin the description; the notice already says 申请获取.
REQUEST_VERBS = tuple(
    f"{ask}{verb}" for ask in ("申请", "请求", "要求") for verb in ("公开", "获取", "提供")
)
# Punctuation the quoted request must not end with (the sentence adds its own 。).
TRAILING = "。．.！!？?；;，,、：:…—～~ \t\r\n\u3000"
QUOTE_LIMIT = 200


def you(application: Application) -> str:
    """您 for a natural person, 贵单位 for a legal person or other organisation."""
    return "您" if application.applicant_kind == ApplicantKind.NATURAL else "贵单位"


def quoted_request(description: str, limit: int = QUOTE_LIMIT) -> str:
    """The description as it goes between “ ” in 申请获取“…”。 (one line, at most ``limit``)."""
    text = " ".join((description or "").split())  # one line: the body is split on newlines
    stripped = text
    for verb in REQUEST_VERBS:
        if stripped.startswith(verb):
            stripped = stripped[len(verb) :].lstrip("：: \u3000")
            break
    stripped = stripped.rstrip(TRAILING)
    text = stripped or text.rstrip(TRAILING) or text
    if len(text) > limit:
        text = text[:limit].rstrip(TRAILING) + "……"
    return text


def request_sentence(application: Application) -> str:
    return f"申请获取“{quoted_request(application.description)}”。"


def remedies(department, document: str = "本答复") -> str:
    """如对本答复不服，可以……向X申请行政复议，或者……向Y提起行政诉讼。"""
    layout = layout_for(department)
    body = layout.reconsideration_body.strip()
    court = layout.court.strip() or UNNAMED_COURT
    reconsider = f"向{body}申请行政复议" if body else "依法申请行政复议"
    return (
        f"如对{document}不服，可以自收到{document}之日起六十日内{reconsider}，"
        f"或者自收到{document}之日起六个月内向{court}提起行政诉讼。"
    )
