"""Which required elements a guide lacks (办事指南要素).

A guide that lacks any of them cannot be submitted or published, and the
workbench lists them by name. The list follows the national guide elements the
issue names: basis, 受理条件, 申请材料, fees (or 不收费), 办理流程, both time
limits (the promise not longer than the law's), 到现场次数, place and hours, the
online address for an item done without a visit, both phones and 常见问题.
"""

from __future__ import annotations

from .models import GuideVersion


def missing_elements(guide: GuideVersion) -> list[str]:
    """The Chinese names of the elements ``guide`` lacks, in guide order; [] when complete."""
    missing: list[str] = []
    item = guide.item
    if not item.code.strip():
        missing.append("事项编码")
    if not item.name.strip():
        missing.append("事项名称")
    if not item.power_code.strip():
        missing.append("对应职权")
    if not guide.basis.strip():
        missing.append("设定和实施依据")
    if not guide.conditions.strip():
        missing.append("受理条件")
    if not guide.materials.exists():
        missing.append("申请材料")
    if not guide.free and not (guide.fee_basis.strip() and guide.fee_standard.strip()):
        missing.append("收费依据和标准")
    if guide.steps.count() < 2:
        missing.append("办理流程（至少两个环节）")
    if guide.legal_limit is None:
        missing.append("法定办结时限")
    if guide.promised_limit is None:
        missing.append("承诺办结时限")
    elif guide.legal_limit is not None and guide.promised_limit > guide.legal_limit:
        missing.append("承诺办结时限（不得长于法定办结时限）")
    if guide.visits is None:
        missing.append("到办事现场次数")
    elif guide.visits == 0 and not guide.online_url:
        missing.append("网上办理地址（零跑动事项）")
    if not guide.place.strip():
        missing.append("办理地点")
    if not guide.hours.strip():
        missing.append("办理时间")
    if not guide.consult_phone.strip():
        missing.append("咨询电话")
    if not guide.complaint_phone.strip():
        missing.append("监督投诉电话")
    if not guide.questions.exists():
        missing.append("常见问题")
    return missing
