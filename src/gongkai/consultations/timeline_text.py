"""A consultation's timeline (办理记录) in words: one line per staff action.

Every staff action on a consultation writes its audit event and a line on the
consultation's timeline (``gongkai.workflow.timeline``). This module says what
that line is called and what it says, from the same values the audit event
keeps; the migration that moved the older consultations' history from the audit
trail onto the timeline uses it too, so old and new lines read alike.
"""

from __future__ import annotations

WORKFLOW = "consultations.consultation"

LABELS = {
    "create": "创建",
    "update": "修改",
    "publish": "发布",
    "extend": "调整截止时间",
    "new_round": "开始新一轮征求意见",
    "schedule_vote": "安排投票",
    "attach_files": "上传附件",
    "remove_file": "删除附件",
    "moderate": "审核意见",
    "suggest_groups": "按相似度自动归类",
    "create_group": "新建归类",
    "decide_group": "确认归类及采纳情况",
    "move_comments": "移动意见",
    "merge_groups": "合并归类",
    "delete_group": "删除归类",
    "decide_entry": "作品采纳情况",
    "publish_feedback": "发布反馈",
}

_DECISIONS = {"approved": "通过", "rejected": "不予采用"}


def text_of(action: str, before: dict | None, after: dict | None) -> str:
    """What the line says, from the audit event's ``before`` and ``after``."""
    before, after = before or {}, after or {}
    parts = []
    if action == "moderate":
        counted = []
        if after.get("comments"):
            counted.append(f"意见{len(after['comments'])}条")
        if after.get("entries"):
            counted.append(f"作品{len(after['entries'])}件")
        decision = _DECISIONS.get(after.get("decision"), after.get("decision", ""))
        parts.append(f"{decision}：{'、'.join(counted)}" if counted else decision)
        if after.get("note"):
            parts.append(f"理由：{after['note']}")
    elif action == "suggest_groups" and "groups" in after:
        parts.append(f"归为{after['groups']}类")
    elif action in ("attach_files", "remove_file"):
        files = after.get("files") or ([before["file"]] if before.get("file") else [])
        parts.append("、".join(files))
    elif action in ("create_group", "decide_group", "delete_group"):
        title = after.get("title") or before.get("title")
        if title:
            parts.append(f"“{title}”")
    elif action in ("new_round", "publish_feedback") and after.get("round"):
        parts.append(f"第{after['round']}轮")
    elif action == "move_comments" and after.get("comments"):
        parts.append(f"意见{len(after['comments'])}条")
    if after.get("period"):
        was = f"{before['period']} → " if before.get("period") else ""
        parts.append(f"征集期：{was}{after['period']}")
    if action != "moderate" and after.get("reason"):
        parts.append(f"理由：{after['reason']}")
    return "；".join(p for p in parts if p)
