"""Who may do what, as one readable table.

A person holds roles through memberships ``(department, role)``. Each action
lists the roles that may take it and how far each role reaches:

* ``OWN``  — objects of the member's own department;
* ``TREE`` — objects of any department of the member's government or of a
  government under it (the 公开办 (disclosure office) supervises its city and
  the counties under it);
* ``ALL``  — everywhere (system administration).

An object answers two questions: which department it belongs to
(``access_department`` attribute, or a ``department`` foreign key) and, for
actions limited to some states, its ``state``. An object handled by several
departments at once (a citizen's message: the board's office and the
departments it was assigned to) lists them all in ``access_departments``;
reaching any of them is enough. Objects with no department can only be
reached by ``ALL`` roles.

Django superusers count as 系统管理员 (sysadmin) everywhere, nothing more: they
administer reference data but do not handle cases.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

from gongkai.orgs.roles import Role


class Scope(Enum):
    OWN = "own"
    TREE = "tree"
    ALL = "all"


OWN, TREE, ALL = Scope.OWN, Scope.TREE, Scope.ALL
H, R, C, OFFICE, S, SUP = (
    Role.HANDLER,
    Role.REVIEWER,
    Role.CONFIDENTIALITY,
    Role.DISCLOSURE_OFFICE,
    Role.SYSADMIN,
    Role.SUPERVISOR,
)
OPEN_CLOCK = frozenset({"running", "paused", "overdue"})


@dataclass(frozen=True)
class Rule:
    roles: dict[Role, Scope]
    states: frozenset[str] | None = None  # None: any state
    description: str = field(default="", compare=False)


RULES: dict[str, Rule] = {
    # -- administration and reference data ------------------------------------
    "admin.access": Rule({S: ALL}, description="进入系统管理后台"),
    "calendar.manage": Rule({S: ALL}, description="维护节假日日历"),
    "calendar.watch": Rule(
        {OFFICE: TREE, S: ALL}, description="看到节假日日历提醒（本年或下一年度正式安排未导入）"
    ),
    "membership.manage": Rule({S: ALL}, description="管理人员与岗位"),
    "jobs.view_failed": Rule({S: ALL}, description="查看失败的后台任务"),
    "audit.view": Rule({OFFICE: TREE, S: ALL}, description="查看审计日志"),
    "department.view": Rule(
        {H: OWN, R: OWN, C: OWN, OFFICE: TREE, S: ALL}, description="查看部门内部信息"
    ),
    "department.edit_profile": Rule(
        {R: OWN, OFFICE: TREE, S: ALL}, description="维护部门基本信息（地址、电话、办公时间）"
    ),
    # -- working-day clocks (deadlines of every case) -------------------------
    "clock.view": Rule({H: OWN, R: OWN, C: OWN, OFFICE: TREE}, description="查看办理时限"),
    "clock.pause": Rule({H: OWN, R: OWN}, frozenset({"running"}), "暂停计时（如征求第三方意见）"),
    "clock.resume": Rule({H: OWN, R: OWN}, frozenset({"paused"}), "恢复计时"),
    "clock.extend": Rule({R: OWN, OFFICE: TREE}, frozenset({"running", "paused"}), "批准延期"),
    "clock.supervise": Rule({OFFICE: TREE}, OPEN_CLOCK, "督办"),
    # -- proactive disclosure 主动公开 (gongkai.disclosure) ----------------------
    # Objects: a department (disclosure.create) or an information item, whose
    # ``access_department`` is its owning department. Item states are those of
    # gongkai.disclosure.review.REVIEW. Each review step has its own right, so
    # a 保密审查员 cannot act at the leader-approval step and vice versa.
    "disclosure.view_draft": Rule(
        {H: OWN, R: OWN, C: OWN, OFFICE: TREE},
        description="在工作台查看政府信息（含未发布的稿件）",
    ),
    "disclosure.create": Rule({H: OWN, R: OWN}, description="起草政府信息"),
    "disclosure.edit": Rule({H: OWN, R: OWN}, frozenset({"draft", "returned"}), "修改政府信息稿件"),
    "disclosure.submit": Rule(
        {H: OWN, R: OWN}, frozenset({"draft", "returned"}), "提交政府信息审核"
    ),
    "disclosure.confidentiality_review": Rule(
        {C: OWN}, frozenset({"submitted"}), "保密审查（通过或退回修改）"
    ),
    "disclosure.approve": Rule(
        {R: OWN}, frozenset({"approval", "scheduled"}), "领导审批（批准发布或退回修改）"
    ),
    "disclosure.withdraw": Rule(
        {R: OWN, OFFICE: TREE}, frozenset({"published"}), "撤回已发布的政府信息"
    ),
    "disclosure.correct": Rule({R: OWN}, frozenset({"published"}), "更正已发布的政府信息"),
    "disclosure.change_validity": Rule(
        {R: OWN}, frozenset({"published"}), "变更规范性文件的有效性（失效、废止、已修订）"
    ),
    "disclosure.supervise": Rule({OFFICE: TREE}, description="政务公开督查（超期发布、空栏目等）"),
    # -- disclosure on application 依申请公开 (gongkai.applications) --------------
    # Objects: a department (registering a paper application) or an
    # application, whose department is the agency applied to. States are those
    # of gongkai.applications.flow.FLOW. 延期 is approved by the head of the
    # disclosure office (Art. 33), i.e. the 公开办 role. A reply that releases
    # information passes the department's 保密审查员 before the reviewer may
    # approve it (条例 Art. 17; services.secrecy), as in proactive disclosure.
    "applications.view": Rule(
        {H: OWN, R: OWN, C: OWN, OFFICE: TREE}, description="查看依申请公开申请"
    ),
    "applications.intake": Rule(
        {H: OWN, R: OWN, OFFICE: TREE},
        description="登记当面、邮寄的申请；确认收到网上申请",
    ),
    "applications.handle": Rule(
        {H: OWN, R: OWN},
        frozenset({"in_progress", "awaiting_correction", "awaiting_fee", "replied"}),
        "办理申请（补正、征求意见、收费、起草答复、登记送达）",
    ),
    "applications.secrecy_review": Rule(
        {C: OWN}, frozenset({"reply_review"}), "答复保密审查（公开、部分公开的答复出具前）"
    ),
    "applications.approve_reply": Rule(
        {R: OWN}, frozenset({"reply_review"}), "审核答复（通过出具或退回修改）"
    ),
    "applications.approve_extension": Rule(
        {OFFICE: TREE},
        frozenset({"in_progress", "awaiting_correction", "awaiting_fee", "reply_review"}),
        "批准延长答复期限（第三十三条）",
    ),
    "applications.record_challenge": Rule(
        {H: OWN, R: OWN, OFFICE: TREE},
        frozenset({"replied", "closed"}),
        "登记行政复议、行政诉讼及其结果",
    ),
    "applications.supervise": Rule({OFFICE: TREE}, description="依申请公开督办与统计"),
    # -- citizen messages 互动交流 (gongkai.interaction) --------------------------
    # A message is reached through its board's office and its assigned
    # departments (``Message.access_departments``). Lead-department steps are
    # asked about the lead ``Assignment`` (its department, the message's
    # state), co-handling about a co-handler's ``Assignment``. 举报 and private
    # messages need ``messages.view_confidential``: department leaders who do
    # not handle them do not see them.
    "messages.view": Rule({H: OWN, R: OWN, OFFICE: TREE}, description="查看留言"),
    "messages.view_confidential": Rule(
        {H: OWN, OFFICE: TREE}, description="查看举报及不公开的留言"
    ),
    "messages.record_call": Rule({H: OWN, OFFICE: TREE}, description="登记热线来电"),
    "messages.triage": Rule(
        {OFFICE: TREE},
        frozenset({"held", "triage"}),
        "受理留言（受理、不予受理、合并重复留言、交办）",
    ),
    "messages.handle": Rule(
        {H: OWN, R: OWN},
        frozenset({"assigned", "handling"}),
        "主办留言（签收、退回、申请延期、起草答复）",
    ),
    "messages.co_handle": Rule(
        {H: OWN, R: OWN},
        frozenset({"assigned", "handling", "reply_review"}),
        "协办留言（提出协办意见）",
    ),
    "messages.review_reply": Rule(
        {OFFICE: TREE}, frozenset({"reply_review"}), "审核留言答复并决定公开"
    ),
    "messages.approve_extension": Rule(
        {OFFICE: TREE}, frozenset({"assigned", "handling"}), "批准留言延期"
    ),
    "messages.callback": Rule({OFFICE: TREE}, frozenset({"replied"}), "回访并登记满意度"),
    "messages.supervise": Rule({OFFICE: TREE}, description="留言督办、督办专报与统计"),
    # -- consultations 意见征集 (gongkai.consultations) ---------------------------
    # Objects: a department (consultations.create) or a consultation, whose
    # department is its owner; its state is the phase of its current round
    # (draft, planned, open, closed, voting, feedback), derived from the
    # round's period and the clock, so "open" ends at the closing minute
    # without any job running.
    "consultations.view": Rule(
        {H: OWN, R: OWN, OFFICE: TREE}, description="在工作台查看意见征集（含未发布的）"
    ),
    "consultations.create": Rule({H: OWN, R: OWN}, description="发起意见征集"),
    "consultations.edit": Rule(
        {H: OWN, R: OWN}, frozenset({"draft"}), "修改未发布的意见征集（草案条文、征集期）"
    ),
    "consultations.publish": Rule(
        {R: OWN}, frozenset({"draft"}), "发布意见征集（确定征集期后公开）"
    ),
    "consultations.extend": Rule(
        {R: OWN, OFFICE: TREE}, frozenset({"planned", "open"}), "调整已发布征集的截止时间"
    ),
    "consultations.moderate": Rule(
        {H: OWN, R: OWN},
        frozenset({"open", "closed", "voting", "feedback"}),
        "审核公众意见和征集作品（是否公开）",
    ),
    "consultations.shortlist": Rule(
        {H: OWN, R: OWN}, frozenset({"closed"}), "确定入围作品并安排公众投票"
    ),
    "consultations.feedback": Rule(
        {H: OWN, R: OWN}, frozenset({"closed", "voting"}), "归类意见并提出采纳情况"
    ),
    "consultations.publish_feedback": Rule(
        {R: OWN}, frozenset({"closed", "voting"}), "发布意见采纳情况反馈"
    ),
    "consultations.new_round": Rule(
        {H: OWN, R: OWN}, frozenset({"feedback"}), "修改草案后开始新一轮征求意见"
    ),
    "consultations.supervise": Rule({OFFICE: TREE}, description="意见征集督查与统计"),
    # -- deputies' suggestions and CPPCC proposals 建议提案 (gongkai.proposals) ---
    # Objects: a department (the office that imports a session's items), a
    # session (its office), or an item, reached through its session's office
    # and its active assignments (``access_departments``: lead and co-handling
    # units); steps of the lead unit are asked about the lead ``Assignment``,
    # a co-handler's opinion about its own one (an assignment's state is its
    # item's). Item states are those of gongkai.proposals.flow.FLOW.
    "proposals.view": Rule({H: OWN, R: OWN, OFFICE: TREE}, description="查看建议提案"),
    "proposals.import": Rule({OFFICE: TREE}, description="导入人大代表建议、政协提案"),
    "proposals.assign": Rule(
        {OFFICE: TREE}, frozenset({"pending"}), "交办建议提案（主办、会办单位，办理期限）"
    ),
    "proposals.reassign": Rule(
        {OFFICE: TREE},
        frozenset({"handling"}),
        "改办：交办有误的，改由其他单位办理（重新计算期限）",
    ),
    "proposals.handle": Rule(
        {H: OWN, R: OWN}, frozenset({"handling"}), "办理建议提案（会办意见、起草答复函）"
    ),
    "proposals.approve_reply": Rule({R: OWN}, frozenset({"approval"}), "审签答复函"),
    "proposals.record_satisfaction": Rule(
        {H: OWN, R: OWN, OFFICE: TREE}, frozenset({"replied"}), "登记代表、委员满意度"
    ),
    # 更正 of an imported item's text: the importing office, only until the reply
    # letter is sent (the letter answers the text as it stood; the service also
    # refuses re-handling rounds, whose state is "handling" again).
    "proposals.correct": Rule(
        {OFFICE: TREE},
        frozenset({"pending", "handling", "approval"}),
        "更正导入的建议提案文本（答复函签发前）",
    ),
    "proposals.record_visit": Rule({OFFICE: TREE}, description="登记现场督办"),
    "proposals.supervise": Rule({OFFICE: TREE}, description="建议提案督办、办理结果公开与统计"),
    # -- power and responsibility lists 权责清单 (gongkai.powers) -----------------
    # Objects: a department (the implementing body of the rows imported) or a
    # power, whose ``department`` is its implementing body. A department keeps
    # only its own powers; the 公开办 keeps every list of its tree.
    "powers.view": Rule({H: OWN, R: OWN, OFFICE: TREE}, description="在工作台查看权责清单"),
    "powers.import": Rule(
        {H: OWN, R: OWN, OFFICE: TREE}, description="导入权责清单（部门只能导入本部门的职权）"
    ),
    "powers.adjust": Rule(
        {R: OWN, OFFICE: TREE}, description="登记权责清单调整（新增、取消、下放、调整、合并）"
    ),
    # 工程建设领域信用信息: a department imports the records it is the source of.
    "powers.credit_import": Rule(
        {H: OWN, R: OWN, OFFICE: TREE}, description="导入工程建设领域信用信息（本部门为信息来源）"
    ),
    # -- government gazette 政府公报 (gongkai.publications) ----------------------
    # Objects: a gazette or an issue, answered for by the government's general
    # office (``access_department``), whose staff and the 公开办 compile it; a
    # reviewer of the general office publishes (numbers are assigned then).
    # Issue states are those of gongkai.publications.flow.FLOW.
    "gazette.view": Rule(
        {H: OWN, R: OWN, OFFICE: TREE}, description="查看政府公报（含未出版的期次）"
    ),
    "gazette.create": Rule({H: OWN, R: OWN, OFFICE: TREE}, description="新建政府公报期次"),
    "gazette.compile": Rule(
        {H: OWN, R: OWN, OFFICE: TREE},
        frozenset({"draft"}),
        "编辑政府公报（选定刊登文件、编写大事记）并送审",
    ),
    "gazette.approve": Rule(
        {R: OWN}, frozenset({"review"}), "审核政府公报（通过并出版，或退回修改）"
    ),
    "gazette.distribute": Rule(
        {H: OWN, R: OWN, OFFICE: TREE}, description="维护政府公报赠阅名单和赠阅册数"
    ),
    # -- annual reports 年度报告 (gongkai.reports) --------------------------------
    # Objects: a report, answered for by its agency, or for a government's
    # report by that government's general office (``access_department``).
    # Only the unit writes and submits its own report (the office: its own
    # government's, through the general office it sits in); the office reviews
    # the reports of its tree.
    "reports.view": Rule(
        {H: OWN, R: OWN, OFFICE: TREE}, description="查看政府信息公开工作年度报告"
    ),
    "reports.edit": Rule(
        {H: OWN, R: OWN, OFFICE: OWN},
        frozenset({"draft", "returned"}),
        "编写年度报告（总体情况、问题和改进、其他事项及填报数据）",
    ),
    "reports.submit": Rule({R: OWN, OFFICE: OWN}, frozenset({"draft", "returned"}), "报送年度报告"),
    "reports.review": Rule(
        {OFFICE: TREE}, frozenset({"submitted"}), "审核年度报告（通过定稿或退回修改）"
    ),
    "reports.publish": Rule(
        {H: OWN, R: OWN}, frozenset({"approved"}), "将定稿的年度报告提交公开目录发布"
    ),
    # -- supervision 督查考核 (gongkai.supervision) --------------------------------
    "supervision.inspect": Rule(
        {OFFICE: TREE, S: ALL}, description="查看本级网站的实时检查结果（单项否决、预警、栏目）"
    ),
    "supervision.record_media": Rule(
        {OFFICE: TREE}, description="登记政务新媒体账号的最近发布日期"
    ),
    # Tasks of the 工作要点: a task is answered for by its lead and co-operating
    # departments; the plan by its government's general office.
    "supervision.plan": Rule(
        {OFFICE: TREE}, description="分解政务公开工作要点、确认或退回任务完成情况"
    ),
    "supervision.view_task": Rule(
        {H: OWN, R: OWN, OFFICE: TREE}, description="查看分解任务及其落实情况"
    ),
    "supervision.report_task": Rule(
        {H: OWN, R: OWN}, frozenset({"open"}), "报送分解任务的落实情况"
    ),
    # -- government services 政务服务 (gongkai.services) --------------------------
    # Objects: a service item or a guide version, answered for by the item's
    # implementing department. Guide states are those of
    # gongkai.services.flow.GUIDE_FLOW: a department's staff edit a draft and
    # submit it; its reviewer (or the 公开办) publishes after checking.
    "services.view": Rule(
        {H: OWN, R: OWN, OFFICE: TREE, SUP: TREE},
        description="在工作台查看政务服务事项和办事指南",
    ),
    "services.new_guide": Rule(
        {H: OWN, R: OWN, OFFICE: TREE}, description="新建政务服务事项或办事指南的新版本"
    ),
    "services.edit_guide": Rule(
        {H: OWN, R: OWN, OFFICE: TREE}, frozenset({"draft"}), "编辑办事指南并送审"
    ),
    "services.publish_guide": Rule(
        {R: OWN, OFFICE: TREE}, frozenset({"review"}), "审核办事指南（发布或退回修改）"
    ),
    "services.withdraw_item": Rule(
        {R: OWN, OFFICE: TREE}, frozenset({"published"}), "停止办理政务服务事项（记录原因）"
    ),
    # Cases (办件), answered for by the item's implementing department
    # (Case.access_department). States are those of gongkai.services.case_flow.CASE_FLOW.
    # The head of the body (R) decides and approves the one extension (行政许可法
    # Art. 42); the 公开办 reads its tree.
    "services.view_case": Rule(
        {H: OWN, R: OWN, OFFICE: TREE, SUP: TREE}, description="查看办件（监察：全部办件）"
    ),
    "services.register_case": Rule(
        {H: OWN, R: OWN}, description="登记窗口收到的申请（含事后补录）"
    ),
    "services.handle_case": Rule(
        {H: OWN, R: OWN},
        frozenset({"pending", "correction", "review", "decided", "completed"}),
        "办理办件（受理、补正、特别程序、申请延期、制证、送达）",
    ),
    "services.decide_case": Rule({R: OWN}, frozenset({"review"}), "作出准予或不予许可的决定"),
    "services.approve_extension": Rule(
        {R: OWN}, frozenset({"review"}), "批准延长办结期限（行政机关负责人）"
    ),
    # 好差评: the follow-up of a named 差评 (RatingFollowUp, answered for by the case's
    # department). States are those of gongkai.services.rating_flow.FOLLOW_UP_FLOW.
    "services.view_ratings": Rule(
        {H: OWN, R: OWN, OFFICE: TREE, SUP: TREE}, description="查看办件评价和差评整改"
    ),
    "services.record_rating": Rule(
        {H: OWN, R: OWN},
        frozenset({"completed", "delivered"}),
        "登记申请人在窗口评价器作出的评价（办件）",
    ),
    "services.follow_up_rating": Rule(
        {H: OWN, R: OWN},
        frozenset({"callback", "rectifying"}),
        "差评回访和整改（记录回访、答复整改情况）",
    ),
    # Electronic supervision cards (电子监察牌), answered for by the case's department
    # (SupervisionCard.access_department). States are those of
    # gongkai.services.card_flow.CARD_FLOW. The department explains; the 监察 role
    # confirms or withdraws, and changes nothing else.
    "services.view_card": Rule(
        {H: OWN, R: OWN, OFFICE: TREE, SUP: TREE}, description="查看电子监察黄牌、红牌"
    ),
    "services.explain_card": Rule(
        {H: OWN, R: OWN}, frozenset({"issued"}), "对电子监察黄牌、红牌作出说明"
    ),
    "services.judge_card": Rule(
        {SUP: TREE}, frozenset({"issued", "explained"}), "确认或撤销电子监察黄牌、红牌（监察）"
    ),
    # -- enforcement publicity 行政执法公示 (gongkai.powers) ------------------------
    # Objects: an enforcement body, an officer or a decision, answered for by the
    # body's department (``access_department``). A decision's state is draft,
    # published, withdrawn or repaired (``Decision.state``). A body's staff keep
    # their own body's officers and decisions; the disclosure office sees and
    # supervises its tree.
    "enforcement.view": Rule(
        {H: OWN, R: OWN, OFFICE: TREE}, description="在工作台查看行政执法主体、人员和决定"
    ),
    "enforcement.edit_body": Rule(
        {R: OWN, OFFICE: TREE}, description="维护行政执法主体信息和随机抽查事项清单"
    ),
    "enforcement.edit_officers": Rule(
        {H: OWN, R: OWN, OFFICE: TREE}, description="导入、维护行政执法人员名录"
    ),
    "enforcement.record_decision": Rule({H: OWN, R: OWN}, description="录入行政执法决定"),
    "enforcement.publish_decision": Rule(
        {H: OWN, R: OWN}, frozenset({"draft"}), "公示行政执法决定"
    ),
    "enforcement.withdraw_decision": Rule(
        {R: OWN, OFFICE: TREE},
        frozenset({"draft", "published"}),
        "撤下被撤销或变更的行政执法决定（记录原因）",
    ),
    "enforcement.credit_repair": Rule(
        {R: OWN, OFFICE: TREE}, frozenset({"published"}), "批准信用修复（提前结束公示）"
    ),
    "enforcement.supervise": Rule({OFFICE: TREE}, description="行政执法公示督查（超期公示等）"),
}


def memberships_of(user) -> list:
    """The user's active memberships with department and government, cached on the user."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    cached = getattr(user, "_gongkai_memberships", None)
    if cached is None:
        from gongkai.orgs.models import Membership

        cached = list(
            Membership.objects.filter(user=user, active=True, department__active=True)
            .select_related("department__government")
            .order_by("id")
        )
        user._gongkai_memberships = cached
    return cached


def _grants(user) -> list[tuple[Role, object | None]]:
    """(role, department) pairs the user holds; superusers hold sysadmin."""
    grants = [(Role(m.role), m.department) for m in memberships_of(user)]
    if getattr(user, "is_superuser", False) and user.is_active:
        grants.append((S, None))
    return grants


def _departments_of(obj) -> list:
    if obj is None:
        return []
    several = getattr(obj, "access_departments", None)
    if several is not None:
        return [d for d in several if d is not None]
    dept = getattr(obj, "access_department", None)
    if dept is None and hasattr(obj, "department_id"):
        dept = obj.department
    return [dept] if dept is not None else []


def _reaches(scope: Scope, member_dept, target_dept) -> bool:
    if scope is ALL:
        return True
    if target_dept is None or member_dept is None:
        return False
    if scope is OWN:
        return member_dept.pk == target_dept.pk
    return target_dept.government.path.startswith(member_dept.government.path)


def can(user, action: str, obj=None) -> bool:
    """May ``user`` take ``action`` (on ``obj``)? Unknown actions are refused."""
    rule = _rule(action)
    if (
        obj is not None
        and rule.states is not None
        and getattr(obj, "state", None) not in rule.states
    ):
        return False
    return _granted(user, rule, obj)


def may_ever(user, action: str, obj) -> bool:
    """Could ``user`` take ``action`` on ``obj`` in some state the rule allows?

    ``can`` without the state: it separates "wrong person" (HTTP 403) from "not
    now" (the object moved on, e.g. a second click on a button already acted on,
    which the staff pages answer with a message on the refreshed page)."""
    return _granted(user, _rule(action), obj)


def _rule(action: str) -> Rule:
    rule = RULES.get(action)
    if rule is None:
        raise KeyError(f"unknown action {action!r}: add it to gongkai.access.policy.RULES")
    return rule


def _granted(user, rule: Rule, obj) -> bool:
    targets = _departments_of(obj)
    for role, member_dept in _grants(user):
        scope = rule.roles.get(role)
        if scope is None:
            continue
        if obj is None or scope is ALL:
            return True
        if any(_reaches(scope, member_dept, target) for target in targets):
            return True
    return False


def require(user, action: str, obj=None) -> None:
    """Raise PermissionDenied (HTTP 403) unless ``can(user, action, obj)``."""
    if not can(user, action, obj):
        rule = RULES[action]
        raise PermissionDenied(f"无权执行此操作：{rule.description or action}。")


def scope(
    user,
    action: str,
    queryset: QuerySet,
    *,
    department_field: str | None = "department",
    also_via: dict[str, dict] | None = None,
    member_of=None,
) -> QuerySet:
    """The objects of ``queryset`` on which ``user`` may take ``action``.

    The same rule as ``can``, as one SQL filter: ``scope(u, a, qs)`` holds
    exactly the objects ``o`` of ``qs`` with ``can(u, a, o)``. Pass
    ``department_field=None`` for a queryset of departments themselves.

    ``member_of`` (a department) counts only the memberships held in that
    department: what the person may do in that post, e.g. the workbench's
    current department — their own department for a handler, the departments
    of the government tree for the 公开办. A superuser's sysadmin grant, held in
    no department, does not count then.

    ``also_via`` names further department paths of objects that list several
    ``access_departments``, each with the extra conditions that make a related
    row count, e.g. ``{"assignments__department": {"assignments__active": True}}``
    (conditions in one ``Q`` apply to the same related row). The result is then
    made distinct.
    """
    rule = RULES.get(action)
    if rule is None:
        raise KeyError(f"unknown action {action!r}: add it to gongkai.access.policy.RULES")
    paths: list[tuple[str | None, dict]] = [(department_field, {})]
    paths += list((also_via or {}).items())
    condition = Q(pk__in=[])
    grants = _grants(user)
    if member_of is not None:
        grants = [(r, d) for r, d in grants if d is not None and d.pk == member_of.pk]
    for role, member_dept in grants:
        reach = rule.roles.get(role)
        if reach is ALL:
            condition = Q()
            break
        for path, extra in paths:
            if reach is OWN:
                field = f"{path}__pk" if path else "pk"  # a foreign key or a many-to-many
                condition |= Q(**{field: member_dept.pk}, **extra)
            elif reach is TREE:
                field = (
                    f"{path}__government__path__startswith"
                    if path
                    else "government__path__startswith"
                )
                condition |= Q(**{field: member_dept.government.path}, **extra)
    queryset = queryset.filter(condition)
    if rule.states is not None:
        queryset = queryset.filter(state__in=rule.states)
    if also_via:
        queryset = queryset.distinct()
    return queryset
