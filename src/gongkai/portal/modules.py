"""The platform's public sections, as the 2016 Tianshui report names them.

A section not built yet links to an honest "建设中" page that says what it
will offer. When a section lands, its entry gets the URL name of its real
home page (``url_name``) and the portal links there instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.urls import reverse


@dataclass(frozen=True)
class PortalModule:
    slug: str
    title: str
    summary: str
    offers: tuple[str, ...] = field(default=())
    url_name: str | None = None  # the section's real home, once it exists

    @property
    def url(self) -> str:
        if self.url_name:
            return reverse(self.url_name)
        return reverse("portal:module", args=[self.slug])

    @property
    def built(self) -> bool:
        return self.url_name is not None


MODULES: tuple[PortalModule, ...] = (
    PortalModule(
        "disclosure",
        "政府信息公开",
        "主动公开目录、重点领域、政策解读、规范性文件",
        (
            "政府信息公开指南、公开目录和索引号，按主题、机构和文种查阅",
            "财政预决算和“三公”经费、行政审批、环境保护等 9 个重点领域专栏",
            "政策文件与对应的政策解读相互关联",
            "规范性文件专栏，标明有效、失效和废止状态",
            "回应关切栏目",
        ),
        url_name="xxgk:home",
    ),
    PortalModule(
        "applications",
        "依申请公开",
        "在线提交政府信息公开申请，查询办理进度和答复",
        (
            "在线填写并提交政府信息公开申请",
            "凭受理编号和查询密码查询办理进度、答复期限和答复结果",
            "法定办理时限按工作日计算并公开",
            "依申请公开办法和办事指南",
        ),
        url_name="applications_portal:index",
    ),
    PortalModule(
        "interaction",
        "互动交流",
        "市委书记、市长留言板，市长信箱，市长热线",
        (
            "给市委书记、市长留言，给市长信箱写信",
            "市长热线受理情况",
            "查询留言的办理部门、办理进度和答复",
            "公开已办结的留言和答复（隐去个人信息），对答复进行满意度评价",
        ),
        url_name="interaction_portal:index",
    ),
    PortalModule(
        "consultations",
        "意见征集",
        "重大决策、城市规划和规范性文件草案公开征求意见",
        (
            "重大行政决策和重要政策草案公开征求意见",
            "城市规划公众参与，道路名称、设计方案、标识、吉祥物等征集",
            "在征集期内在线提交意见",
            "征集结束后公布意见采纳情况和反馈",
        ),
        url_name="consultations_portal:index",
    ),
    PortalModule(
        "proposals",
        "建议提案办理",
        "人大代表建议和政协委员提案办理结果公开",
        (
            "人大代表建议、政协提案的承办单位和办理进度",
            "办理复文和办理结果公开",
            "现场督办情况",
        ),
        url_name="proposals_portal:index",
    ),
    PortalModule(
        "powers",
        "权责清单与执法公示",
        "权力清单、责任清单，行政执法主体和执法人员，信用与行政处罚信息",
        (
            "市、县区政府部门的行政权力清单和责任清单，追责情形",
            "行政执法主体和执法人员名录",
            "行政许可和行政处罚信息公示（“双公示”）",
            "工程建设领域信用信息",
        ),
        url_name="powers_portal:index",
    ),
    PortalModule(
        "services",
        "政务服务",
        "审批服务事项办事指南、网上办理和办件进度查询",
        (
            "审批服务事项目录：依据、条件、收费、材料、流程图、时限、表格和常见问题",
            "网上受理、网上审批，办件状态查询",
            "取消、调整和下放的行政审批事项",
            "服务评价",
        ),
        url_name="services_portal:index",
    ),
    PortalModule(
        "gazette",
        "政府公报",
        "市政府公报各期目录和全文",
        (
            "按年份和期号浏览政府公报",
            "公报刊登的政府文件、大事记和发文要目",
            "政务公开栏各期内容和新闻发布会",
        ),
        url_name="publications_portal:index",
    ),
    PortalModule(
        "annual-reports",
        "年度报告",
        "政府信息公开工作年度报告和政务公开“成绩单”",
        (
            "按国家规定格式编制的政府信息公开工作年度报告",
            "由平台数据生成的主动公开、依申请公开、复议诉讼等统计",
            "历年年度报告",
        ),
        url_name="reports_portal:index",
    ),
    PortalModule(
        "supervision",
        "督查考核",
        "政府网站督查、政务公开考核和通报排名",
        (
            "县区、部门政府网站和公开专栏的检查情况",
            "政务公开工作考核结果和通报排名",
            "重点任务分解和落实进度",
        ),
        url_name="supervision_portal:index",
    ),
)

MODULES_BY_SLUG = {module.slug: module for module in MODULES}
