"""Demo data of 互动交流 (citizen messages): Tianshui's message boards in 2016.

``load_messages(ctx)`` (a loader of ``gongkai.demo.loaders``) sets up the
boards as data — 市委书记留言板, 市长留言板, 市长信箱 (never published), 市长热线
(calls recorded by the operators) and each county's or district's 县（区）长留言板,
triaged by the government's general office — and the routing rules (交办规则),
then plays a year of messages through the real actions on their historical
dates (``on=``), as a day-by-day simulation: every day the night jobs run
first (overdue clocks, closing unrated replies, the 08:30 督办 reminders and
escalations), then each message's next step happens. So clocks, timelines
(``Step``), supervision marks, notices and the audit trail are what use would
have produced; timeline lines and notices are re-dated to the simulated
moment (the services date what they write "now"), query codes are those of
the day of writing, and audit events keep the time of loading (append-only).
In-app notices about messages that are done are marked read; the query
passwords, which nobody will know, are hashed at argon2's lowest cost.

Included: every channel × type; held messages released and refused; a
refusal for each reason; duplicates merged into the original; misrouted
returns and re-assignment; co-handling opinions; extensions approved and
refused; replies returned by the office, then approved; published replies
(masked, a few with the reviewer's extra masks) and private ones (举报, the
mailbox, writers who said no); ratings of each kind online and by call-back,
不满意 reopened and answered again, unrated replies closed by the job; late
replies, escalations, and a dozen December messages still open at the end.
``BULLETIN_MONTH`` is a month whose 督办专报 (``supervision.bulletin``) lists
overdue and unsatisfied messages of several departments.

Published messages are indexed for search at the end (the reindex jobs the
approvals queued do the same again after commit, harmlessly).

Idempotent: channels by code, rules by keywords, messages by the idempotency
keys ``demo-2016-…``; when any demo message exists, no message is added.
"""

from __future__ import annotations

import heapq
import itertools
import random
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.db import connection
from django.db.models import Max
from django.test import override_settings
from django.utils import timezone

from gongkai.demo import tianshui
from gongkai.orgs.models import Department, Government
from gongkai.workdays import add_working_days, is_working_day

from . import services
from .models import (
    Channel,
    ChannelKind,
    ExtensionRequest,
    Message,
    MessageState,
    MessageType,
    RefusalReason,
    RoutingRule,
    Satisfaction,
    Step,
    SupervisionMark,
)
from .services.intake import query_code_for

YEAR = 2016
SEED = 2016_05
KEY_PREFIX = f"demo-{YEAR}-"
BEIJING = ZoneInfo("Asia/Shanghai")
ORDINARY_COUNT = (
    180  # besides one per channel × type and the scripted cases: ~290 in all, ~1 minute
)
BULLETIN_MONTH = (YEAR, 11)  # its 督办专报 is made non-empty on purpose (docs/demo.md)
DEMO_ARGON2 = {"time_cost": 1, "memory_cost": 64, "parallelism": 1}
TYPES = ["consult", "help", "suggest", "complain", "report"]
TYPE_WEIGHTS = [25, 20, 15, 28, 12]

# -- channels ---------------------------------------------------------------------------
SCOPE = (
    "受理范围：对全市经济社会发展的意见建议，反映涉及群众切身利益的问题，对政府部门及其工作人员的"
    "投诉、举报。不予受理：已进入诉讼、仲裁、行政复议程序的事项；依法应通过信访等法定途径解决的事项；"
    "含有辱骂、攻击内容的留言；涉及国家秘密、个人隐私的事项。留言由{office}受理，依照《市委书记、市长"
    "留言板办理工作规定》交办相关部门办理，咨询类5个工作日、求助和建议类10个工作日、投诉和举报类"
    "15个工作日内答复，对超期未办的整理督办专报督促办理。"
)
CITY_CHANNELS = [
    # code, name, kind, private by nature, staff recorded, description (after the scope)
    ("ts-secretary-board", "市委书记留言板", ChannelKind.BOARD, False, False,
     "市委书记留言板听取群众对全市改革发展稳定工作的意见建议。"),
    ("ts-mayor-board", "市长留言板", ChannelKind.BOARD, False, False,
     "市长留言板受理群众对市政府及其部门工作的咨询、求助、建议、投诉和举报。"),
    ("ts-mayor-mailbox", "市长信箱", ChannelKind.MAILBOX, True, False,
     "市长信箱来信只由受理办公室和承办部门查看，答复只发给来信人，一律不在网上公开。"),
    ("ts-mayor-hotline", "市长热线", ChannelKind.HOTLINE, False, True,
     "市长热线电话：12345（外地拨打 0938-12345），工作日 8:30—12:00、14:30—18:00 由话务员接听并"
     "登记来电，来电人凭告知的查询码查询办理结果。"),
]  # fmt: skip
COUNTY_BOARD_CODE = "{slug}-head-board"

# -- routing rules (交办规则): order, type code or None, keywords, lead slug, co slugs, note ---
ROUTING_RULES = [
    (10, None, "黄标车 老旧机动车 尾气排放", "hbj", ["gaj"], "黄标车淘汰：环保牵头，公安交警协办"),
    (20, "report", "非法开采 炸药 煤矿 安全隐患", "ajj", ["gtj"], "举报安全隐患：安监牵头"),
    (30, None, "拖欠工资 欠薪 农民工工资", "rsj", [], "欠薪：劳动保障监察"),
    (40, None, "社保 养老保险 医疗保险 医保 退休", "rsj", [], "社会保险"),
    (50, None, "棚户区 房屋征收 拆迁 回迁", "jsj", ["gtj"], "棚户区改造：住建牵头，国土协办"),
    (60, None, "物业 供暖 暖气 供热 电梯", "jsj", [], "物业和供热质量"),
    (70, None, "低保 救助 五保 残疾 养老院", "mzj", [], "社会救助"),
    (80, None, "学校 招生 学区 幼儿园 补课", "jyj", [], "教育"),
    (90, None, "食品 药品 过期 餐馆 保健品 作坊", "sypj", [], "食品药品安全"),
    (100, None, "排污 废气 污水 噪音 油烟 扬尘", "hbj", [], "环境污染"),
    (110, None, "公交 出租车 客运 农村公路", "jtj", [], "交通运输"),
    (120, None, "扶贫 贫困户 建档立卡 易地搬迁", "fpb", ["mzj"], "精准扶贫"),
    (130, None, "新农合 医院 看病 住院", "wjw", [], "卫生计生"),
    (140, None, "停水 自来水 供水 藉河", "swj", [], "供水和河道"),
    (150, None, "征地 宅基地 土地", "gtj", [], "土地"),
    (160, None, "营业执照 传销 商标", "gsj", [], "工商"),
    (170, None, "落户 户口 身份证 违章 交警", "gaj", [], "公安户籍和交通管理"),
]  # fmt: skip

# A city department's counterpart in a county (None: the county has none; the template
# is then used on city boards only).
COUNTY_SLUG = {
    "szfb": "zfb", "fgw": "fgj", "czj": "czj", "rsj": "rsj", "gtj": "gtj", "hbj": "hbj",
    "jsj": "jsj", "mzj": "mzj", "jyj": "jyj", "wjw": "wjj", "ajj": "ajj", "sypj": "scj",
    "gsj": "scj", "swj": "jsj", "fpb": "zfb", "jtj": "zfb",
}  # fmt: skip

# -- what people write: type → [(lead slug, co slugs, subject, text, reply, months)] -----------
# Placeholders: {place} county/district, {town}, {village}, {street}, {community}, {addr}
# (down to the room), {name}, {phone}, {plate}, {school}, {company}, {money}, {n}, {month},
# {day}, {age}, {area}; {dept} in replies is the replying department.
HEATING = (1, 2, 3, 10, 11, 12)
T = {
    "consult": [
        ("hbj", ["gaj"], "黄标车淘汰补贴什么时候能发放",
         "我的车{plate}是2005年登记的黄标车，今年{month}月已按《天水市淘汰尾气排放不达标黄标车和老旧机动车实施细则》"
         "报废注销，补贴申请材料交了一个多月还没有到账，请问审核到哪一步了？联系电话{phone}。",
         "经{dept}会同公安交警部门核实，您的黄标车淘汰补贴申请已审核通过，补贴资金已拨付代发银行，"
         "预计10个工作日内发放到您申请时登记的银行账户。如有疑问，可持报废证明到机动车排污监控中心窗口查询。",
         range(3, 13)),
        ("rsj", [], "城乡居民养老保险能否补缴",
         "我今年{age}岁，户口在{place}{town}，以前在外地打工没有参加城乡居民养老保险，现在想补缴，"
         "请问政策允许补缴几年、到哪里办理？我叫{name}，电话{phone}。",
         "根据城乡居民基本养老保险有关规定，距领取年龄不足15年的参保人员可以按规定补缴。请携带身份证、"
         "户口簿到户籍所在地乡镇（街道）社会保障服务中心办理，具体补缴年限和标准由{dept}经办机构核定。",
         None),
        ("jyj", [], "{place}小学一年级招生划片范围咨询",
         "孩子今年9月上小学，我们家住{addr}，房子是去年买的二手房，请问属于哪个学校的学区？需要准备哪些"
         "入学材料？联系人{name}，电话{phone}。",
         "{place}2016年义务教育阶段招生划片范围已在{dept}网站公布。按您提供的住址属于就近入学范围，请于7月中旬"
         "携带户口簿、房产证明和儿童预防接种证到学校报名登记。划片以教育部门公布的为准。",
         range(4, 9)),
        ("jsj", [], "外地户籍能否申请公共租赁住房",
         "我和爱人在天水打工多年，没有住房，租住在{addr}，请问外地户籍能否申请公共租赁住房？需要什么条件？"
         "电话{phone}。",
         "在本地连续稳定就业满一年并缴纳社会保险的外来务工人员可以申请公共租赁住房。请携带身份证、劳动合同、"
         "社保缴费证明到{dept}住房保障窗口申请，审核通过后按轮候顺序配租。",
         None),
        ("gaj", [], "新生儿落户需要哪些材料",
         "孩子在市第一人民医院出生，父母户口分别在{place}和外省，请问孩子落户到哪边、需要哪些材料？"
         "我叫{name}，电话{phone}。",
         "新生儿可以随父或者随母落户。在本市落户的，请携带出生医学证明、父母双方户口簿和身份证、结婚证到户籍"
         "所在地派出所户籍窗口办理，材料齐全的当场办结。{dept}感谢您的来信。",
         None),
        ("wjw", [], "新农合省外住院报销比例是多少",
         "我母亲在西安住院做了手术，户口在{place}{town}{village}，参加了新型农村合作医疗，请问省外住院报销比例"
         "是多少、需要带哪些单据？电话{phone}。",
         "参合农民经转诊到省外定点医疗机构住院的，按规定比例报销；未办理转诊手续的，报销比例相应降低。请携带"
         "住院发票原件、费用清单、出院记录和转诊证明到县区合管办办理。{dept}已将政策要点在网站公开。",
         None),
        ("fgw", [], "今年集中供暖收费标准是多少",
         "我家住{addr}，面积{area}平方米，供热公司的收费和去年不一样，请问今年{place}集中供热价格是多少？"
         "是否经过物价部门核定？电话{phone}。",
         "城区居民集中供热价格由价格主管部门依法核定，本采暖期居民供热价格没有调整。若供热企业超标准收费，"
         "{dept}将依法查处，您也可以拨打12358价格举报电话反映。",
         HEATING),
        ("gtj", [], "农村宅基地翻建需要办什么手续",
         "我家在{place}{town}{village}，老房子是土坯房，想原地翻建，请问需要到哪里办理宅基地审批手续？"
         "电话{phone}。",
         "农村村民在原宅基地上翻建住房，应向村民委员会提出申请，经乡镇人民政府审核后报{dept}审批。请携带身份证、"
         "户口簿和原宅基地使用证明到乡镇国土资源所咨询办理。",
         None),
        ("gsj", [], "个体工商户营业执照可以网上办理吗",
         "我想在{place}{street}开一家小超市，请问个体工商户营业执照能不能在网上申请？需要准备什么材料？"
         "电话{phone}。",
         "个体工商户登记可以通过网上登记系统提交，也可以到政务大厅窗口办理，需准备经营者身份证、经营场所证明和"
         "登记申请书；经营预包装食品的还需办理食品经营许可。{dept}将在3个工作日内办结。",
         None),
    ],
    "help": [
        ("mzj", [], "家庭困难申请低保迟迟没有回音",
         "我叫{name}，是{place}{town}{village}村民，丈夫去年因病去世，两个孩子上学，家里没有收入来源，向村里申请"
         "低保几个月了一直没有回音，请领导帮帮我们。电话{phone}。",
         "经{dept}会同乡镇入户调查核实，您家庭符合农村最低生活保障条件，已按程序纳入农村低保，从下月起按月发放"
         "保障金；孩子上学可以申请教育救助，乡镇民政干部将上门指导办理。",
         None),
        ("rsj", [], "{n}名农民工工资被拖欠请求帮助",
         "我们{n}名工人在{place}{community}工地干活，包工头拖欠工资{money}元至今未付，找了好几次都推脱，年底了"
         "家里等着用钱，请政府帮忙。联系人{name}，电话{phone}。",
         "{dept}劳动保障监察机构已约谈施工总承包企业和劳务分包负责人，责令限期支付拖欠的工资。施工企业已从"
         "农民工工资保证金中先行垫付，工人工资已全部结清。",
         None),
        ("swj", [], "{community}连续停水三天无人管",
         "{place}{street}{community}从{month}月{day}日开始停水，已经三天了，供水公司说是管网维修，但一直没有"
         "通知什么时候恢复，家里老人孩子用水困难。我家在{addr}，电话{phone}。",
         "经{dept}协调，停水系供水主管道爆管抢修所致，已于次日恢复供水。供水企业已就未及时发布停水通知向用户"
         "致歉，并建立了计划停水提前公告制度。",
         None),
        ("jsj", [], "家里暖气不热室温只有十几度",
         "我家住{addr}，今年供暖以来室温一直只有十三四度，给供热公司打了好几次电话，说是管道问题，一直没人"
         "上门处理，家里有老人，请帮忙协调。电话{phone}。",
         "经{dept}督促，供热企业已派人上门检查，系单元供暖管道堵塞所致，已于次日清洗疏通，经回访室温已达到"
         "18℃以上。供热企业对处置不及时作了检讨。",
         HEATING),
        ("fpb", ["mzj"], "建档立卡贫困户产业扶持资金没有到位",
         "我家是{place}{town}{village}的建档立卡贫困户，去年说有产业扶持资金发展养殖，到现在还没有到位，请问"
         "什么时候能落实？我叫{name}，电话{phone}。",
         "经{dept}核查，您所在村的产业扶持资金已下达乡镇，因部分农户养殖项目未验收暂缓拨付。乡镇已组织验收，"
         "您家的扶持资金将于本月内打入惠农“一折统”账户。",
         None),
        ("mzj", ["wjw"], "孩子患白血病医疗费用无力承担",
         "我孩子今年8岁，在兰州确诊白血病，已经花了二十多万元，家住{addr}，家里实在拿不出钱了，请问有没有"
         "大病救助政策？电话{phone}。",
         "经{dept}核实，您家庭符合重特大疾病医疗救助条件，已启动救助程序，新农合大病保险将按规定报销；"
         "民政部门已联系市慈善总会为患儿开展慈善救助。",
         None),
        ("gaj", [], "身份证丢失急需补办",
         "我在外地务工，身份证丢了，过几天要回{place}办事，请问补办需要多长时间？能不能先办临时身份证？"
         "我叫{name}，电话{phone}。",
         "可以在户籍所在地派出所申请补领居民身份证，同时申领临时居民身份证，临时身份证当场制发。{dept}已通知"
         "辖区派出所为您开通绿色通道。",
         None),
        ("jtj", [], "{village}通村道路被冲毁请求修复",
         "{place}{town}{village}的通村道路去年雨季被冲毁一段，至今没有修复，村民出行和运苹果都很困难，请求帮助"
         "修复。电话{phone}。",
         "经{dept}现场查看，该路段已列入今年农村公路水毁修复计划，已于本月开工，预计月底完工通车。",
         range(3, 11)),
    ],
    "suggest": [
        ("jtj", [], "建议开通成纪新城至市区的公交线路",
         "成纪新城入住的居民越来越多，但公交线路很少，到市区只有一条线，高峰期等车半小时以上，建议增开或者"
         "延伸公交线路。我家住{addr}，电话{phone}。",
         "感谢您的建议。{dept}已会同公交公司对成纪新城客流进行了调查，下月起延伸2条公交线路至成纪新城，并在"
         "高峰时段加密发车班次。",
         None),
        ("jsj", ["jtj"], "建议公开成纪新城道路建设进度",
         "成纪新城19条道路已经命名，但部分道路迟迟没有完工，附近施工扬尘大，建议在政府网站公开道路建设进度和"
         "完工时间，方便市民监督。",
         "成纪新城道路建设项目的进度已在市政府网站“重点项目”栏目公开，每月更新。{dept}已督促施工单位落实洒水"
         "降尘、围挡等扬尘防治措施。感谢您的监督。",
         None),
        ("swj", [], "建议加强藉河{street}段垃圾清理",
         "藉河{street}段河道里垃圾较多，夏天有异味，建议增加保洁频次，设置垃圾桶和警示牌。",
         "{dept}已将该河段纳入每日保洁范围，增设了垃圾桶和警示牌，并将加强巡查。欢迎您继续监督。",
         range(4, 11)),
        ("gaj", ["jyj"], "建议在{school}门口设置减速带和护学岗",
         "{school}门口就是主干道，上下学时段车辆很多，孩子过马路很危险，建议设置减速带、人行横道和交警"
         "护学岗。我是学生家长{name}，电话{phone}。",
         "{dept}已在该校门口施划人行横道、设置减速带和警示标志，上下学时段安排交警和学校护学岗共同值守。",
         None),
        ("szfb", [], "建议公开各部门留言办理情况",
         "建议在留言板上公开各部门的办理时限和满意率，让群众知道哪个部门办得好、哪个部门拖拉。",
         "感谢您的建议。{dept}每月整理督办专报，对超期未办和群众不满意的留言进行督办，并将各部门按时办结率和"
         "满意率纳入政务公开考核。",
         None),
        ("wgxj", [], "建议在{community}附近建设社区文化广场",
         "我们{community}周边没有一个像样的文化广场，老年人跳广场舞只能在马路边，既不安全又影响交通，建议规划"
         "建设社区文化活动场所。",
         "{dept}已将该片区列入今年社区文化广场建设计划，选址正在与规划部门衔接，建成后配备健身器材。",
         None),
        ("nyj", [], "建议加大对花牛苹果品牌的扶持",
         "我在{place}{town}种了二十多亩苹果，今年收购价低，建议政府加大花牛苹果品牌宣传和冷库建设扶持，"
         "帮助果农稳定销路。电话{phone}。",
         "{dept}今年安排专项资金扶持果品冷链仓储建设，并组织企业参加农产品展销会推介花牛苹果品牌，欢迎您"
         "关注乡镇农技站发布的扶持政策。",
         range(8, 13)),
        ("sypj", [], "建议公开餐饮单位的食品安全检查结果",
         "建议像外地一样，在网上公开餐馆的食品安全检查结果和等级，让市民吃得放心。",
         "{dept}已在网站开设“食品安全监督抽检”专栏，按月公开餐饮服务单位量化分级和抽检结果。感谢您的建议。",
         None),
        ("rsj", [], "建议多举办面向高校毕业生的招聘会",
         "我是今年毕业的大学生，回天水找工作，感觉招聘信息很少，建议人社部门多举办面向高校毕业生的专场招聘会。",
         "{dept}将于每月第二周举办高校毕业生专场招聘会，招聘信息在人社局网站和“天水发布”公众号同步发布。",
         range(3, 10)),
        ("hbj", ["gaj"], "对黄标车淘汰实施细则的几点建议",
         "看到《天水市淘汰尾气排放不达标黄标车和老旧机动车实施细则》征求意见，建议对低收入家庭的车辆提高补贴"
         "标准，并延长提前淘汰的补贴期限。",
         "您的建议{dept}已在细则修改中研究吸纳，正式印发的细则对提前淘汰的车辆按淘汰时间分档给予补贴，并已在"
         "市政府网站公开。",
         range(1, 6)),
    ],
    "complain": [
        ("jsj", [], "{community}物业服务差还擅自涨价",
         "我住在{addr}，物业公司今年把物业费从每平方米0.5元涨到0.8元，没有经过业主大会，电梯经常坏也不修，"
         "请有关部门查处。我叫{name}，电话{phone}。",
         "经{dept}调查，该小区物业费调整未履行业主大会表决程序，已责令物业企业暂停执行新标准、退还多收费用；"
         "电梯已经检验并维修。",
         None),
        ("hbj", [], "{company}夜间排放刺鼻废气",
         "{place}{street}附近的{company}每天晚上十点以后排放刺鼻的废气，周边居民晚上不敢开窗，我们多次反映"
         "没有效果。我家住{addr}，电话{phone}。",
         "{dept}执法人员夜间突击检查，发现该企业废气处理设施未正常运行，已依法立案查处并责令整改，安装在线"
         "监测设备。后续将加强夜间巡查。",
         None),
        ("hbj", ["gaj"], "楼下烧烤摊油烟噪音扰民",
         "{place}{street}{community}楼下的烧烤摊每天营业到凌晨两三点，噪音很大，油烟直接进屋，多次打110都没有"
         "解决。电话{phone}。",
         "{dept}会同公安、城管部门对该烧烤摊进行了整治，责令其安装油烟净化设施，晚上十点后停止露天经营。",
         range(5, 10)),
        ("sypj", [], "{company}出售过期食品",
         "{month}月{day}日在{place}{street}的{company}买的牛奶已经过期三天，找超市理论他们只退钱不赔偿。"
         "小票还在，我叫{name}，电话{phone}。",
         "{dept}执法人员到该超市调查，确认其销售超过保质期的食品，已依法立案，责令下架并按规定赔偿消费者。",
         None),
        ("jtj", [], "出租车拒载还绕路多收费",
         "{month}月{day}日晚上在火车站打车，出租车{plate}拒载，说不顺路，后来另一辆车绕路多收了二十元。请查处。"
         "电话{phone}。",
         "{dept}已核实车辆，对驾驶员拒载、绕道行为依法作出处罚，并责令出租车公司加强教育，多收的车费已退还。",
         None),
        ("jsj", ["gtj"], "{place}棚户区改造回迁房迟迟不能交房",
         "我家是{place}棚户区改造项目的拆迁户，按协议应该去年年底回迁，到现在还没交房，过渡费也停发了几个月，"
         "请政府督促。我叫{name}，电话{phone}，原住址{addr}。",
         "经{dept}调查，项目因配套工程未完成延期交房。已约谈开发企业，明确了交房时间，并责令其补发拖欠的"
         "临时安置补助费。",
         None),
        ("wjw", [], "住院费用清单收费不透明",
         "我父亲在市第一人民医院住院十天，费用清单上有好几项没有做过的检查，问护士也说不清楚。我叫{name}，"
         "电话{phone}。",
         "{dept}已责成医院逐项核查费用清单，对重复计费的两项检查已予退费，并要求医院落实每日费用清单制度。",
         None),
        ("jyj", [], "{school}违规收取补课费",
         "{school}初三年级组织学生周末补课，每人收费{money}元，不交的学生被老师点名。",
         "经{dept}调查属实，已责令学校停止有偿补课并清退所收费用，对相关责任人作了处理。",
         None),
        ("rsj", [], "单位不给缴纳社会保险",
         "我在{company}工作三年，单位一直没有给缴纳养老保险和医疗保险，问了几次都说以后再办。我叫{name}，"
         "电话{phone}。",
         "{dept}劳动保障监察机构已对该单位下达整改指令书，责令其为您补缴社会保险费，逾期不改将依法处罚。",
         None),
        ("gtj", [], "{village}征地补偿款发放不公开",
         "我们{place}{town}{village}去年被征地，村里说补偿款按每亩三万元发放，但没有公开政府批复的标准和发放"
         "明细，群众有疑问。电话{phone}。",
         "{dept}已督促乡镇和村委会将征地补偿标准、安置方案和补偿款发放明细在村务公开栏张榜公布，接受群众监督。",
         None),
    ],
    "report": [
        ("ajj", ["gtj"], "举报{village}后山有人非法开采石料",
         "{place}{town}{village}后山有人晚上非法开采石料，还用炸药，村民房屋都有裂缝，存在很大安全隐患。",
         "{dept}会同国土资源部门现场检查，查封了非法开采点，没收了爆炸物品和设备，已移交公安机关处理。",
         None),
        ("sypj", [], "举报{street}无证豆制品加工作坊",
         "{place}{street}一个院子里有人无证加工豆腐豆芽，卫生条件很差，每天早上往菜市场送货。",
         "{dept}执法人员现场检查，该作坊未取得食品生产许可，已依法取缔，没收了生产工具和产品。",
         None),
        ("fpb", ["mzj"], "举报村干部优亲厚友评定贫困户",
         "{place}{town}{village}村干部把自己的亲戚评为建档立卡贫困户，真正困难的人家却没评上，请调查。",
         "{dept}会同乡镇调查核实，对不符合条件的2户已取消建档立卡资格，对村干部进行了诫勉谈话，并重新公示了名单。",
         None),
        ("gaj", ["gsj"], "举报{community}疑似传销窝点",
         "{place}{community}有一栋楼里住着很多外地年轻人，每天集中上课，不让随便出门，疑似传销。",
         "{dept}会同工商部门对该处进行了清查，确认系传销窝点，已依法处理，遣散参与人员。",
         None),
        ("hbj", [], "举报{company}暗管排放污水",
         "{company}通过暗管往藉河排放污水，晚上尤其严重，河水发黑发臭。",
         "{dept}现场检查发现暗管属实，已依法立案处罚，责令企业封堵暗管、限期整改，并移送公安机关调查。",
         None),
        ("jsj", [], "举报{community}楼顶违章搭建",
         "{addr}楼顶有住户私自加盖房屋，施工已经一个多月，存在安全隐患，楼下住户房顶漏水。",
         "{dept}已会同街道办事处下达限期拆除通知，违章建筑已由当事人自行拆除，屋面防水已修复。",
         None),
        ("gaj", ["hbj"], "举报黄标车违规进入限行区",
         "每天早上七点左右有一辆黄标车{plate}在{street}限行区域行驶，冒黑烟。",
         "{dept}交警部门已通过电子警察核实，对该车辆违反限行规定的行为依法处罚，并通知车主按规定淘汰。",
         range(3, 13)),
        ("zwzx", [], "举报窗口工作人员故意刁难",
         "{month}月{day}日到政务大厅办理业务，窗口工作人员以材料不全为由让我跑了三次，还暗示找熟人。",
         "{dept}调取了窗口监控和办件记录，对该工作人员进行了批评教育并调离窗口岗位，您的业务已当场办结。",
         None),
    ],
}  # fmt: skip

# Scripted cases -----------------------------------------------------------------------------
REFUSALS = [  # reason code, subject, text
    ("litigation", "请市长督促法院尽快判决",
     "我与{company}的劳动合同纠纷已于{month}月向法院起诉，法院已经立案，希望市长过问一下，让法院尽快判我胜诉。电话{phone}。"),
    ("litigation", "行政复议案件请领导关注",
     "我对征收决定不服，已向市政府申请行政复议，复议机关已经受理，请领导关注，让复议结果对我有利。"),
    ("petition", "要求重新处理征地补偿问题",
     "我家的征地补偿问题已经过信访复查和复核，我仍然不服，要求市政府重新调查处理，并追究有关人员责任。"),
    ("petition", "要求撤销多年前的处分决定",
     "我在1998年受到单位处分，一直认为不公，要求市领导出面撤销处分，恢复名誉，补发工资。"),
    ("abusive", "你们到底管不管",
     "反映了多少次都没人管，你们这些人就是混日子的废物，一群饭桶！{street}的路灯坏了半年了！"),
    ("abusive", "气死人了",
     "当官的没有一个好东西，统统都该滚蛋，我要天天在这里骂，看你们能把我怎么样！"),
    ("unclear", "有事反映",
     "领导你好，我有很重要的事情要反映，请尽快给我回电话，电话里说。"),
    ("unclear", "问一下进展",
     "请问那个事情现在怎么样了？上次说好的，到现在也没有消息。"),
    ("out_of_scope", "请帮我查一下前妻的住址",
     "我想查询我前妻现在的住址和工作单位，她叫李某某，请政府帮我查一下告诉我。"),
    ("out_of_scope", "咨询外省购房落户政策",
     "我想在西安买房，请问西安的购房落户政策是什么？需要什么条件？"),
]  # fmt: skip
HELD_RELEASED = [  # subject, text, lead slug, reply
    ("路面塌陷照片", "http://bbs.tianshui.example.com/thread-{n}-1-1.html 路面塌陷",
     "jsj", "经{dept}核实，帖子反映的{street}路面塌陷系地下管网渗漏所致，已设置围挡并完成修复。"),
    ("看看这个视频", "https://v.example.com/tianshui/{n}.mp4 垃圾堆在河边",
     "swj", "{dept}已组织人员清理视频中藉河边的垃圾，并在该处设置了禁止倾倒的警示牌。"),
    ("帖子链接", "www.tianshui-bbs.example.com/t/{n} 工地半夜施工",
     "hbj", "{dept}已对该工地夜间违规施工进行了查处，责令其夜间22时后停止产生噪声的作业。"),
]  # fmt: skip
HELD_REFUSED = [  # subject, text, reason
    ("低息贷款", "http://www.example.com/loan?id={n} 低息贷款", "out_of_scope"),
    ("还我血汗钱", "还我血汗钱还我血汗钱还我血汗钱还我血汗钱还我血汗钱", "unclear"),
    ("顶顶顶顶", "顶顶顶顶顶顶顶顶顶顶顶顶顶顶顶顶顶顶顶顶顶顶顶顶", "unclear"),
]  # fmt: skip
MISROUTES = [  # right slug, wrong slug, the wrong department's reason
    ("fgw", "jsj", "供热价格由价格主管部门核定，本局负责供热质量监管，请改交市发展改革委办理。"),
    ("gaj", "jtj", "留言反映的是交通违法和道路交通秩序问题，属公安交警职责，请改交市公安局。"),
    ("swj", "jsj", "该片区供水管网由水务部门所属供水企业管理，请改交市水务局。"),
    ("mzj", "rsj", "留言人反映的是最低生活保障和医疗救助问题，属民政部门职责，请改交市民政局。"),
    ("hbj", "ajj", "反映的是企业排污问题，属环保部门监管，请改交市环保局。"),
    ("sypj", "gsj", "反映的是食品安全问题，由食品药品监管部门负责，请改交市食品药品监管局。"),
]
RETURN_COMMENTS = [
    "答复没有回应留言人提出的具体问题，请补充办理结果。",
    "请写明整改的具体时限和责任单位。",
    "答复引用的政策文件请写明文号，语气再平和一些。",
    "答复内容与留言反映的地点不符，请核实后重新答复。",
]
REOPEN_REASONS = [
    "问题至今没有解决，答复说的和实际情况不一样",
    "只是电话沟通了一下，没有实际处理",
    "答复避重就轻，没有回应我提出的问题",
    "答复说已经整改，但现场还是老样子",
]
SECOND_REPLY = (
    "收到您的评价后，{dept}负责同志与您当面沟通，再次核查了您反映的问题：前次答复不够具体，现已明确由"
    "{dept}相关科室牵头，于本月底前办结，并将办理结果电话告知您。感谢您的监督。"
)
CO_OPINIONS = [
    "经本单位核查，同意主办单位的处理意见，将配合做好后续工作。",
    "本单位已安排人员配合现场核查，相关情况已函告主办单位。",
    "涉及本单位职责的部分已落实，建议主办单位在答复中一并说明。",
]
EXTENSION_REASONS = [
    "涉及多个部门和历史遗留问题，需要进一步调查核实",
    "需要委托第三方检测机构出具检测报告",
    "涉及的项目资料在档案馆，需调阅核实",
]

# -- words --------------------------------------------------------------------------------------
TOWNS = {
    "秦州区": ["皂郊镇", "中梁镇", "玉泉镇", "天水镇"],
    "麦积区": ["社棠镇", "甘泉镇", "马跑泉镇", "花牛镇"],
    "清水县": ["永清镇", "红堡镇", "白沙镇"],
    "秦安县": ["兴国镇", "莲花镇", "西川镇"],
    "甘谷县": ["大像山镇", "新兴镇", "磐安镇"],
    "武山县": ["城关镇", "洛门镇", "鸳鸯镇"],
    "张家川回族自治县": ["张家川镇", "龙山镇", "恭门镇"],
}
CITY_STREETS = [
    "藉河南路",
    "成纪大道",
    "民主西路",
    "岷山路",
    "建设路",
    "环城西路",
    "罗玉路",
    "羲皇大道",
]
COUNTY_STREETS = ["人民路", "建设路", "解放路", "东大街", "西大街", "新华路"]
COMMUNITIES = ["天河小区", "泰山路小区", "龙园小区", "双桥家属院", "建新小区", "金龙花园", "七里墩小区",
               "颍川家园", "华西新村", "东团庄小区"]  # fmt: skip
VILLAGES = [
    "东关村",
    "吕二村",
    "中梁村",
    "甘泉村",
    "石佛村",
    "西十里村",
    "王家庄村",
    "杨家寺村",
    "柳家河村",
]
COMPANIES = [
    "宏达建材厂",
    "鑫源化工有限公司",
    "兴旺超市",
    "华联生活超市",
    "长青塑料制品厂",
    "瑞丰食品有限公司",
]
SCHOOLS = ["第一中学", "第三中学", "实验小学", "逸夫实验中学", "育英小学", "建二小学"]
GREETING = {
    "ts-secretary-board": "尊敬的书记：",
    "ts-mayor-board": "市长您好！",
    "ts-mayor-mailbox": "尊敬的市长：您好！",
}


@dataclass
class Plan:
    """One message and what happens to it."""

    n: int
    channel: Channel
    type_code: str
    on: date
    subject: str
    text: str
    place: Government | None
    writer: tuple[str, str]
    wants_public: bool
    lead: Department | None = None
    co: list[Department] = field(default_factory=list)
    reply: str = ""
    company: str = ""
    held: str = ""  # "" | "release" | "refuse" | "open"
    refusal: str = ""  # RefusalReason code
    duplicate_of: int | None = None  # plan number of the original
    misroute: tuple[Department, str] | None = None  # (wrong department, its reason)
    co_opinion: bool = False
    extension: str = ""  # "" | "approved" | "rejected"
    returned: bool = False
    late: int = 0  # working days after the due date that the reply is approved
    late_sign: bool = False
    rating: str = ""  # Satisfaction value, "" = never rated (closed by the job)
    callback: bool = False
    second_rating: str = ""
    publish: bool = True  # the office's choice where publication is allowed
    stop: str = ""  # "" | "triage" | "assigned" | "handling" | "reply_review": open at the end
    identity_visible: bool = False  # the office shows a 举报's writer to the department


class _Setting:
    """The demo world's governments, departments, staff, channels and types."""

    def __init__(self):
        from gongkai.accounts.models import User

        self.city = Government.objects.get(code=tianshui.CITY[0])
        self.counties = {
            code: (Government.objects.get(code=code), name, slug)
            for code, name, _full, slug in tianshui.COUNTIES
        }
        depts = {
            d.name: d
            for d in Department.objects.filter(government__path__startswith=self.city.path)
        }
        self.dept: dict[tuple[str, str], Department] = {}
        prefix: dict[int, str] = {}
        for slug, name, *_ in tianshui.CITY_DEPARTMENTS:
            self.dept[(self.city.code, slug)] = depts[name]
            prefix[depts[name].pk] = f"ts_{slug}"
        for code, (_gov, name, cslug) in self.counties.items():
            for slug, suffix, *_ in tianshui.COUNTY_DEPARTMENTS:
                self.dept[(code, slug)] = depts[f"{name}{suffix}"]
                prefix[depts[f"{name}{suffix}"].pk] = f"{cslug}_{slug}"
        names = [f"{p}_handler" for p in prefix.values()] + [
            f"{p}_gkb" for p in prefix.values() if p.endswith("zfb")
        ]
        users = User.objects.in_bulk(names, field_name="username")
        self.handler = {pk: users[f"{p}_handler"] for pk, p in prefix.items()}
        self.office_user = {
            pk: users[f"{p}_gkb"] for pk, p in prefix.items() if f"{p}_gkb" in users
        }
        self.types = {t.code: t for t in MessageType.objects.all()}
        self.reasons = {r.code: r for r in RefusalReason.objects.all()}

    def general_office(self, government: Government) -> Department:
        slug = "szfb" if government.pk == self.city.pk else "zfb"
        return self.dept[(government.code, slug)]


def ensure_channels(setting: _Setting) -> list[Channel]:
    """The boards, mailbox and hotline as data; existing channels (by code) are left as they are."""
    channels = []
    city_office = setting.general_office(setting.city)
    scope = SCOPE.format(office=city_office.name)
    for order, (code, name, kind, private, recorded, about) in enumerate(CITY_CHANNELS, 1):
        channel, _ = Channel.objects.get_or_create(
            code=code,
            defaults={
                "government": setting.city,
                "name": name,
                "kind": kind,
                "office": city_office,
                "private_by_nature": private,
                "staff_recorded": recorded,
                "description": f"{about}{scope}",
                "sort_order": order * 10,
            },
        )
        channels.append(channel)
    for order, (gov, name, slug) in enumerate(setting.counties.values(), 1):
        office = setting.general_office(gov)
        head = "区长" if name.endswith("区") else "县长"
        channel, _ = Channel.objects.get_or_create(
            code=COUNTY_BOARD_CODE.format(slug=slug),
            defaults={
                "government": gov,
                "name": f"{name}{head}留言板",
                "kind": ChannelKind.BOARD,
                "office": office,
                "description": f"{name}{head}留言板受理群众对{name}政府及其部门工作的咨询、求助、建议、"
                f"投诉和举报。"
                + SCOPE.format(office=office.name).replace("《市委书记、市长留言板办理工作规定》", "留言板办理工作规定"),
                "sort_order": 100 + order,
            },
        )  # fmt: skip
        channels.append(channel)
    return channels


def ensure_routing_rules(setting: _Setting) -> int:
    """The routing rules as data, identified by their keywords; returns how many were added."""
    added = 0
    for order, type_code, keywords, lead, co, note in ROUTING_RULES:
        if RoutingRule.objects.filter(keywords=keywords).exists():
            continue
        rule = RoutingRule.objects.create(
            order=order,
            message_type=setting.types[type_code] if type_code else None,
            keywords=keywords,
            department=setting.dept[(setting.city.code, lead)],
            note=note,
        )
        rule.co_departments.set([setting.dept[(setting.city.code, s)] for s in co])
        added += 1
    return added


# -- planning -------------------------------------------------------------------------------------
def _any_day(rng: random.Random, first: date, last: date, working: bool = False) -> date:
    while True:
        day = first + timedelta(days=rng.randrange((last - first).days + 1))
        if not working or is_working_day(day):
            return day


def _wd_before(day: date, n: int) -> date:
    while n > 0:
        day -= timedelta(days=1)
        if is_working_day(day):
            n -= 1
    return day


class _Planner:
    def __init__(self, setting: _Setting, channels: list[Channel], rng: random.Random):
        self.s = setting
        self.channels = channels
        self.rng = rng
        self.plans: list[Plan] = []
        self.writers = 0

    # words
    def _writer(self) -> tuple[str, str]:
        self.writers += 1
        name = self.rng.choice(tianshui.SURNAMES) + self.rng.choice(tianshui.GIVEN_NAMES)
        return name, f"138000{self.writers * 37 % 100000:05d}"

    def _words(self, *, place: Government | None, writer, on: date, company: str) -> dict:
        """One set of words for a message's subject and text (the same street in both)."""
        rng = self.rng
        place_name = place.name if place else rng.choice(list(TOWNS))
        streets = CITY_STREETS if place_name in ("秦州区", "麦积区") else COUNTY_STREETS
        street, community = rng.choice(streets), rng.choice(COMMUNITIES)
        plate = "甘E·" + "".join(rng.choice("0123456789") for _ in range(4)) + rng.choice("ABCDK")
        return {
            "place": place_name,
            "town": rng.choice(TOWNS[place_name]),
            "village": rng.choice(VILLAGES),
            "street": street,
            "community": community,
            "addr": f"{place_name}{street}{community}{rng.randint(1, 24)}号楼{rng.randint(1, 6)}单元"
            f"{rng.randint(1, 7)}0{rng.randint(1, 4)}室",
            "name": writer[0],
            "phone": writer[1],
            "plate": plate,
            "school": f"{place_name.removesuffix('回族自治县')}{rng.choice(SCHOOLS)}",
            "company": company,
            "money": str(rng.randint(3, 40) * 1000),
            "n": rng.randint(3, 25),
            "month": on.month,
            "day": max(1, on.day - rng.randint(0, 5)),
            "age": rng.randint(45, 58),
            "area": rng.randint(60, 140),
        }

    def _county_of(self, channel: Channel) -> str | None:
        return None if channel.government_id == self.s.city.pk else channel.government.code

    def _dept(self, channel: Channel, slug: str) -> Department | None:
        county = self._county_of(channel)
        if county is None:
            return self.s.dept[(self.s.city.code, slug)]
        mapped = COUNTY_SLUG.get(slug)
        return self.s.dept[(county, mapped)] if mapped else None

    def _templates(self, channel: Channel, type_code: str, on: date):
        fits = [
            t
            for t in T[type_code]
            if self._dept(channel, t[0]) is not None and (t[5] is None or on.month in t[5])
        ]
        return fits or [t for t in T[type_code] if self._dept(channel, t[0]) is not None]

    def _on(self, channel: Channel, first: date, last: date) -> date:
        return _any_day(self.rng, first, last, working=channel.staff_recorded)

    def plan(
        self,
        channel: Channel,
        type_code: str,
        *,
        on: date | None = None,
        template=None,
        **kw,
    ) -> Plan:
        rng = self.rng
        on = on or self._on(channel, date(YEAR, 1, 1), date(YEAR, 12, 20))
        slug, co_slugs, subject, text, reply, _months = template or rng.choice(
            self._templates(channel, type_code, on)
        )
        if channel.government_id == self.s.city.pk:
            place = rng.choice([None, *(g for g, _n, _s in self.s.counties.values())])
            if place is None or place.name in ("秦州区", "麦积区"):
                place = place or rng.choice(
                    [g for g, n, _s in self.s.counties.values() if n in ("秦州区", "麦积区")]
                )
        else:
            place = channel.government
        writer = kw.pop("writer", None) or self._writer()
        company = rng.choice(COMPANIES)
        words = self._words(place=place, writer=writer, on=on, company=company)
        subject = subject.format(**words)[:60]
        body = text.format(**words)
        greeting = GREETING.get(channel.code) or (
            "" if channel.staff_recorded else f"{channel.name.removesuffix('留言板')}您好！"
        )
        body = f"来电人反映：{body}" if channel.staff_recorded else f"{greeting}{body}"
        lead = self._dept(channel, slug)
        co = [d for d in (self._dept(channel, s) for s in co_slugs) if d and d != lead]
        rating = rng.choices(
            [Satisfaction.SATISFIED, Satisfaction.BASICALLY, Satisfaction.UNSATISFIED, ""],
            [46, 26, 5, 23],
        )[0]
        p = Plan(
            n=len(self.plans),
            channel=channel,
            type_code=type_code,
            on=on,
            subject=subject,
            text=body,
            place=place,
            writer=writer,
            wants_public=rng.random() < (0.5 if channel.staff_recorded else 0.82),
            lead=lead,
            co=co if rng.random() < 0.5 else [],
            reply=reply,
            company=company if "{company}" in text else "",
            returned=rng.random() < 0.08,
            late=rng.choice([1, 2, 3, 5, 8]) if rng.random() < 0.07 else 0,
            late_sign=rng.random() < 0.03,
            rating=rating,
            callback=bool(rating) and rng.random() < (0.6 if channel.staff_recorded else 0.15),
            second_rating=rng.choice(["satisfied", "basically", "basically", "unsatisfied", ""]),
            publish=rng.random() > 0.03,
        )
        p.co_opinion = bool(p.co)
        for key, value in kw.items():
            setattr(p, key, value)
        self.plans.append(p)
        return p

    def special(self, channel: Channel, type_code: str, subject: str, text: str, on: date, **kw):
        """A scripted message with its own words (refusals, held messages)."""
        writer = self._writer()
        company = self.rng.choice(COMPANIES)
        place = channel.government if channel.government_id != self.s.city.pk else None
        words = self._words(place=place, writer=writer, on=on, company=company)
        words["n"] = self.rng.randint(1000, 9999)
        p = Plan(
            n=len(self.plans),
            channel=channel,
            type_code=type_code,
            on=on,
            subject=subject.format(**words),
            text=text.format(**words),
            place=place,
            writer=writer,
            wants_public=True,
            **kw,
        )
        self.plans.append(p)
        return p

    def all(self) -> list[Plan]:
        rng = self.rng
        boards = [c for c in self.channels if not c.staff_recorded]
        city = {c.code: c for c in self.channels}
        # One message per channel and type, then the year's ordinary messages.
        for channel in self.channels:
            for type_code in TYPES:
                self.plan(channel, type_code)
        weights = [
            {"ts-secretary-board": 20, "ts-mayor-board": 30, "ts-mayor-mailbox": 11,
             "ts-mayor-hotline": 13}.get(c.code, 3)
            for c in self.channels
        ]  # fmt: skip
        for _ in range(ORDINARY_COUNT):
            channel = rng.choices(self.channels, weights)[0]
            self.plan(channel, rng.choices(TYPES, TYPE_WEIGHTS)[0])
        ordinary = list(self.plans)
        # Held for a person: links only or repeated text; released, or refused.
        for i, (subject, text, slug, reply) in enumerate(HELD_RELEASED):
            channel = boards[i % 2]
            self.special(channel, "complain", subject, text,
                             _any_day(rng, date(YEAR, 3, 1), date(YEAR, 10, 31)), held="release",
                             lead=self._dept(channel, slug), reply=reply, rating="satisfied")  # fmt: skip
        for i, (subject, text, reason) in enumerate(HELD_REFUSED):
            self.special(boards[i % 3], "consult", subject, text,
                         _any_day(rng, date(YEAR, 2, 1), date(YEAR, 11, 30)), held="refuse",
                         refusal=reason)  # fmt: skip
        # A refusal for each reason of the acceptance scope (twice).
        for i, (reason, subject, text) in enumerate(REFUSALS):
            channel = self.channels[i % len(self.channels)]
            self.special(channel, rng.choice(["consult", "help", "complain"]), subject, text,
                         self._on(channel, date(YEAR, 1, 10), date(YEAR, 12, 10)), refusal=reason)  # fmt: skip
        # Duplicates merged into the original (the same writer again, or a neighbour).
        originals = [
            p for p in ordinary
            if p.type_code in ("complain", "help") and not p.channel.private_by_nature
            and not p.channel.staff_recorded and p.on.month < 12
        ]  # fmt: skip
        for original in rng.sample(originals, 8):
            writer = original.writer if rng.random() < 0.6 else None
            on = original.on + timedelta(days=rng.randint(2, 10))
            dup = self.plan(original.channel, original.type_code, on=on, writer=writer,
                            duplicate_of=original.n)  # fmt: skip
            dup.subject, dup.text = (
                original.subject,
                original.text.replace(original.writer[1], dup.writer[1]),
            )
        # Misrouted: the first department returns it, the office assigns it again.
        for right, wrong, reason in MISROUTES:
            channel = city[rng.choice(["ts-mayor-board", "ts-secretary-board", "ts-mayor-hotline"])]
            templates = [t for ts in T.values() for t in ts if t[0] == right]
            template = rng.choice(templates)
            type_code = next(k for k, ts in T.items() if template in ts)
            self.plan(channel, type_code, template=template,
                      misroute=(self.s.dept[(self.s.city.code, wrong)], reason))  # fmt: skip
        # Extensions: approved four times, refused twice (then replied late).
        for i in range(6):
            channel = rng.choice(self.channels)
            self.plan(channel, rng.choice(["complain", "report", "help"]),
                      extension="approved" if i < 4 else "rejected", late=0 if i < 5 else 3)  # fmt: skip
        # 督办专报 of BULLETIN_MONTH: replies overdue then, and messages still 不满意 then
        # after re-handling (the second rating is the one that stays).
        year, month = BULLETIN_MONTH
        start = date(year, month, 1)
        for i in range(4):
            channel = rng.choice([city["ts-mayor-board"], city["ts-secretary-board"], *boards[4:]])
            on = _any_day(rng, start - timedelta(days=7), start + timedelta(days=10))
            self.plan(channel, "consult" if i % 2 else "help", on=on, late=rng.choice([2, 4, 6]))
        for _ in range(3):
            channel = rng.choice(boards)
            on = _any_day(rng, start - timedelta(days=12), start - timedelta(days=3))
            self.plan(channel, "consult", on=on, rating=Satisfaction.UNSATISFIED, callback=False,
                      second_rating=Satisfaction.UNSATISFIED)  # fmt: skip
        # One 举报 whose writer the office lets the department see.
        self.plan(city["ts-mayor-board"], "report", identity_visible=True)
        # Open at the end of the year (and at the demo's today).
        for stop, first, last, count in [
            ("triage", date(YEAR, 12, 29), date(YEAR, 12, 31), 2),
            ("assigned", date(YEAR, 12, 22), date(YEAR, 12, 27), 2),
            ("handling", date(YEAR, 11, 28), date(YEAR, 12, 16), 4),
            ("reply_review", date(YEAR, 12, 12), date(YEAR, 12, 20), 1),
        ]:
            for _ in range(count):
                channel = rng.choice(self.channels)
                self.plan(channel, rng.choice(TYPES), on=self._on(channel, first, last), stop=stop)
        self.special(boards[0], "complain", "请看链接", "http://weibo.example.com/{n} 求转发",
                     date(YEAR, 12, 30), held="open")  # fmt: skip
        return sorted(self.plans, key=lambda p: (p.on, p.n))


# -- playing the year -----------------------------------------------------------------------------
def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=BEIJING)


class _Player:
    """Runs the plans day by day through the real actions, with the night and morning jobs."""

    def __init__(self, setting: _Setting, channels: list[Channel], rng: random.Random):
        from gongkai.notices.models import Notice

        self.s = setting
        self.office_of = {c.pk: setting.office_user[c.office_id] for c in channels}
        self.rng = rng
        self.messages: dict[int, Message] = {}
        self.slot: dict[date, int] = {}
        self.step_mark = Step.objects.aggregate(m=Max("pk"))["m"] or 0
        self.notice_mark = Notice.objects.aggregate(m=Max("pk"))["m"] or 0
        self.first_notice = self.notice_mark
        self.counts: dict[str, int] = {}
        self.warning_days: int | None = None

    def count(self, what: str) -> None:
        self.counts[what] = self.counts.get(what, 0) + 1

    # -- time ---------------------------------------------------------------------------------
    def _office_time(self, day: date) -> datetime:
        k = self.slot.get(day, 0)
        self.slot[day] = k + 1
        return _at(day, 9) + timedelta(minutes=(k * 3) % 540)

    def _stamp(self, moment: datetime) -> None:
        """Timeline lines and notices written just now belong to ``moment``.

        Plain SQL (a few hundred thousand ORM round trips less): only rows
        above the last mark, which this loader wrote since the last stamp.
        """
        from gongkai.notices.models import Notice

        ops = connection.ops
        at, on = ops.adapt_datetimefield_value(moment), ops.adapt_datefield_value(moment.date())
        q = connection.ops.quote_name
        with connection.cursor() as cursor:
            for model, sets, params, mark in [
                (Step, f"{q('on')} = %s, {q('at')} = %s", [on, at], "step_mark"),
                (Notice, f"{q('created_at')} = %s, {q('sent_at')} = CASE WHEN {q('sent_at')} "
                 "IS NULL THEN NULL ELSE %s END", [at, at], "notice_mark"),
            ]:  # fmt: skip
                table = q(model._meta.db_table)
                cursor.execute(
                    f"UPDATE {table} SET {sets} WHERE {q('id')} > %s",  # noqa: S608 (names from the models)
                    [*params, getattr(self, mark)],
                )
                if cursor.rowcount:
                    cursor.execute(f"SELECT MAX({q('id')}) FROM {table}")  # noqa: S608
                    setattr(self, mark, cursor.fetchone()[0])

    def _act(self, m: Message, day: date, action, **fields) -> datetime:
        """Run ``action`` on a fresh copy of the message at an office moment of ``day``."""
        moment = self._office_time(day)
        m.refresh_from_db()
        action(m)
        self._stamp(moment)
        if fields:
            Message.objects.filter(pk=m.pk).update(
                **{k: moment if v is True else v for k, v in fields.items()}
            )
        return moment

    def jobs(self, day: date) -> None:
        """The night and morning jobs of ``day``: 00:05 overdue clocks, 00:10 unrated replies,
        08:30 督办 (skipped on days when it would find nothing to send, see ``_quiet``)."""
        from gongkai.workdays.recompute import mark_overdue_clocks

        from .supervision import supervise

        mark_overdue_clocks(today=day)
        if services.close_unrated(on=day):
            self._stamp(_at(day, 0, 10))
        if self._quiet(day):
            return
        sent = supervise(on=day)
        if any(sent.values()):
            moment = _at(day, 8, 30)
            self._stamp(moment)
            SupervisionMark.objects.filter(on=day).update(at=moment)
            for point, n in sent.items():
                self.counts[f"supervise:{point}"] = self.counts.get(f"supervise:{point}", 0) + n

    def _quiet(self, day: date) -> bool:
        """True when ``supervise(on=day)`` would send nothing: no open reply clock is due within
        the warning days, and every overdue one has been escalated already. (It runs in
        production every day; here, skipping the quiet days saves most of its cost.)"""
        from .models import InteractionRules, SupervisionPoint
        from .supervision import open_reply_clocks

        if self.warning_days is None:
            stored = InteractionRules.objects.aggregate(m=Max("due_soon_days"))["m"]
            self.warning_days = max(stored or 0, InteractionRules().due_soon_days)
        escalated = SupervisionMark.objects.filter(point=SupervisionPoint.ESCALATED)
        return not (
            open_reply_clocks()
            .filter(due_date__lte=add_working_days(day, self.warning_days))
            .exclude(pk__in=escalated.values("clock_id"))
            .exists()
        )

    # -- people ----------------------------------------------------------------------------------
    def office(self, m: Message):
        return self.office_of[m.channel_id]

    def handler(self, dept: Department):
        return self.s.handler[dept.pk]

    # -- the story of one message (a generator: yields the day of its next step) -----------------
    def story(self, p: Plan):
        rng = self.rng
        day = yield p.on
        m = self.submit(p)
        if p.held:
            if p.held == "open":
                return
            day = yield add_working_days(day, 1)
            if p.held == "refuse":
                self._act(m, day, lambda m: services.refuse(
                    m, reason=self.s.reasons[p.refusal], actor=self.office(m)))  # fmt: skip
                self.count("held_refused")
                return
            self._act(m, day, lambda m: services.release(m, actor=self.office(m)))
            self.count("held_released")
        else:
            if p.stop == "triage":
                return
            day = yield add_working_days(day, rng.choice([1, 1, 1, 2]))
        if p.refusal:
            self._act(m, day, lambda m: services.refuse(
                m, reason=self.s.reasons[p.refusal], actor=self.office(m),
                note="" if rng.random() < 0.5 else "如有新的情况，欢迎重新留言。"))  # fmt: skip
            self.count(f"refused:{p.refusal}")
            return
        if p.duplicate_of is not None:
            original = self.messages[p.duplicate_of]
            self._act(m, day, lambda m: services.merge(m, original=original, actor=self.office(m)))
            self.count("merged")
            return
        if p.identity_visible:
            self._act(m, day, lambda m: services.set_identity_visibility(
                m, visible=True, actor=self.office(m)))  # fmt: skip
        if p.misroute:
            wrong, reason = p.misroute
            self._act(m, day, lambda m: services.assign(
                m, lead=wrong, actor=self.office(m), on=day), accepted_at=True)  # fmt: skip
            day = yield add_working_days(day, rng.choice([1, 2]))
            self._act(m, day, lambda m: services.return_misrouted(
                m, reason=reason, actor=self.handler(wrong), on=day))  # fmt: skip
            self.count("misrouted")
        assigned_on = day
        self._act(
            m, day,
            lambda m: services.assign(m, lead=p.lead, co=p.co, actor=self.office(m), on=day),
            **({} if p.misroute else {"accepted_at": True}),
        )  # fmt: skip
        self.count("assigned")
        if p.stop == "assigned":
            return
        day = yield add_working_days(day, rng.choice([2, 3]) if p.late_sign else 1)
        self._act(m, day, lambda m: services.sign(m, actor=self.handler(p.lead), on=day))
        due = m.reply_clock().due_date
        if p.co_opinion:
            day = yield min(add_working_days(day, rng.randint(1, 3)), max(day, _wd_before(due, 2)))
            for co in p.co:
                self._act(m, day, lambda m, co=co: services.give_co_opinion(
                    m, department=co, opinion=rng.choice(CO_OPINIONS), actor=self.handler(co)))  # fmt: skip
            self.count("co_opinion")
        if p.extension:
            day = yield max(day, _wd_before(due, 3))
            request = None

            def ask(m):
                nonlocal request
                request = services.request_extension(
                    m, days=rng.choice([5, 10]), reason=rng.choice(EXTENSION_REASONS),
                    actor=self.handler(p.lead))  # fmt: skip

            moment = self._act(m, day, ask)
            ExtensionRequest.objects.filter(pk=request.pk).update(requested_at=moment)
            day = yield add_working_days(day, 1)
            approve = p.extension == "approved"
            moment = self._act(m, day, lambda m: services.decide_extension(
                request, approve=approve, actor=self.office(m),
                comment="" if approve else "该事项不复杂，请在原期限内办结。"))  # fmt: skip
            ExtensionRequest.objects.filter(pk=request.pk).update(decided_at=moment)
            self.count(f"extension:{p.extension}")
            due = m.reply_clock().due_date
        if p.stop == "handling":
            return
        yield from self.reply(m, p, day, due, p.late, first_day=assigned_on)
        if p.stop == "reply_review":
            return
        yield from self.rate(m, p, p.rating, p.callback)
        m.refresh_from_db()
        if m.round == 2 and m.state == MessageState.HANDLING:
            self.count("reopened")
            day = m.rated_on
            due = m.reply_clock().due_date
            late = 2 if rng.random() < 0.2 else 0
            yield from self.reply(m, p, day, due, late, first_day=day, second=True)
            yield from self.rate(m, p, p.second_rating, False)

    def submit(self, p: Plan) -> Message:
        kind = self.s.types[p.type_code]
        data = {
            "channel": p.channel.pk,
            "message_type": kind.pk,
            "subject": p.subject,
            "text": p.text,
            "place": p.place.pk if p.place else "",
            "writer_name": p.writer[0],
            "writer_phone": p.writer[1],
            "wants_public": p.wants_public,
        }
        key = f"{KEY_PREFIX}{p.n:04d}"
        if p.channel.staff_recorded:
            recorder = self.handler(p.channel.office)
            message = services.record_call(data, actor=recorder).message
            moment = _at(p.on, 9) + timedelta(minutes=self.rng.randint(0, 540))
        else:
            message = services.submit_message(data, idempotency_key=key).message
            moment = _at(p.on, 7) + timedelta(minutes=self.rng.randint(0, 16 * 60))
        Message.objects.filter(pk=message.pk).update(
            submitted_at=moment,
            created_at=moment,
            idempotency_key=key,
            query_code=query_code_for(p.channel, p.on),
        )
        self._stamp(moment)
        message.refresh_from_db()
        self.messages[p.n] = message
        self.count(f"channel:{p.channel.code}")
        return message

    def reply(
        self, m: Message, p: Plan, day: date, due: date, late: int, *, first_day, second=False
    ):
        """Draft (maybe returned once by the office), then approval on time or ``late`` days late."""
        rng = self.rng
        if late:
            approve_on = add_working_days(due, late)
        else:
            earliest = add_working_days(max(day, first_day), 1)
            span = [d for d in (add_working_days(earliest, i) for i in range(12)) if d <= due]
            approve_on = rng.choice(span) if span else max(day, due)
        approve_on = max(approve_on, day)
        steps = 3 if p.returned and not second else 1
        draft_on = max(day, _wd_before(approve_on, steps))
        dept = p.lead
        words = (SECOND_REPLY if second else p.reply).format(
            dept=dept.name,
            place=(p.place.name if p.place else "天水市"),
            street=rng.choice(CITY_STREETS),
        )
        day = yield draft_on

        def draft(text):
            return lambda m: services.submit_reply(
                m, text=text, actor=self.handler(dept), expected_version=m.version
            )

        if p.returned and not second:
            first = (
                "经核查，您反映的问题已转相关单位处理，请耐心等待。"
                + "感谢您对我们工作的关心和支持。"
            )
            self._act(m, day, draft(first))
            day = yield max(day, _wd_before(approve_on, 2))
            self._act(m, day, lambda m: services.return_reply(
                m, actor=self.office(m), comment=rng.choice(RETURN_COMMENTS)))  # fmt: skip
            self.count("reply_returned")
            day = yield max(day, _wd_before(approve_on, 1))
        self._act(m, day, draft(words))
        if p.stop == "reply_review":
            return
        day = yield max(day, approve_on)
        m.refresh_from_db()
        publish = p.publish and not m.is_confidential
        masked = None
        if publish and p.company:
            auto = services.masked_versions(m)
            masked = {k: v.replace(p.company, "某企业") for k, v in auto.items()}
            self.count("masked_by_hand")
        fields = {"replied_at": True, **({"published_at": True} if publish else {})}
        self._act(m, day, lambda m: services.approve_reply(
            m, actor=self.office(m), publish=publish, masked=masked, on=day), **fields)  # fmt: skip
        self.count("published" if publish else "replied_private")
        if late:
            self.count("late")

    def rate(self, m: Message, p: Plan, satisfaction: str, callback: bool):
        m.refresh_from_db()
        if not satisfaction:
            self.count("unrated")
            return
        replied_on = timezone.localtime(m.replied_at).date()
        day = yield add_working_days(replied_on, self.rng.randint(1, 6))
        reason = self.rng.choice(REOPEN_REASONS) if satisfaction == Satisfaction.UNSATISFIED else ""
        if callback:
            self._act(m, day, lambda m: services.record_callback(
                m, satisfaction=satisfaction, reason=reason, actor=self.office(m), on=day),
                rated_at=True)  # fmt: skip
        else:
            moment = _at(day, 19) + timedelta(minutes=self.rng.randint(0, 180))
            m.refresh_from_db()
            services.rate(m, satisfaction=satisfaction, reason=reason, on=day)
            self._stamp(moment)
            Message.objects.filter(pk=m.pk).update(rated_at=moment)
        self.count(f"rated:{satisfaction}" + (":callback" if callback else ""))

    # -- the year ----------------------------------------------------------------------------------
    def play(self, plans: list[Plan]) -> date:
        heap: list = []
        order = itertools.count()
        for p in plans:
            story = self.story(p)
            heapq.heappush(heap, (next(story), next(order), story))
        day = heap[0][0]
        tail_end = None
        while heap or day <= tail_end:
            self.jobs(day)
            while heap and heap[0][0] == day:
                _, _, story = heapq.heappop(heap)
                try:
                    following = story.send(day)
                except StopIteration:
                    continue
                if following < day:  # pragma: no cover - a planning mistake
                    raise AssertionError(f"step on {following} after {day}")
                heapq.heappush(heap, (following, next(order), story))
            if not heap and tail_end is None:
                tail_end = self._quiet_after(day)
            day += timedelta(days=1)
        self._read_notices()
        return day - timedelta(days=1)

    def _read_notices(self) -> None:
        """Staff read the in-app notices of the messages they dealt with: those of messages
        still open stay unread (what the workbench shows a newcomer to the demo)."""
        from django.contrib.contenttypes.models import ContentType
        from django.db.models import F

        from gongkai.notices.models import Notice, NoticeChannel

        from .models import OPEN_STATES

        still_open = Message.objects.filter(
            idempotency_key__startswith=KEY_PREFIX, state__in=OPEN_STATES
        ).values_list("pk", flat=True)
        Notice.objects.filter(
            pk__gt=self.first_notice, channel=NoticeChannel.INAPP, read_at__isnull=True
        ).exclude(
            content_type=ContentType.objects.get_for_model(Message),
            object_id__in=[str(pk) for pk in still_open],
        ).update(read_at=F("created_at"))

    def _quiet_after(self, day: date) -> date:
        """The day after which the jobs change nothing more: every open reply clock past due
        (reminded and escalated) and every unrated reply past its rating period."""
        from .supervision import open_reply_clocks

        last_due = open_reply_clocks().aggregate(m=Max("due_date"))["m"] or day
        last_rating = (
            Message.objects.filter(state=MessageState.REPLIED).aggregate(m=Max("rating_due"))["m"]
            or day
        )
        return max(day, last_due + timedelta(days=3), last_rating + timedelta(days=1))


def _index_published() -> int:
    from gongkai.search import index_entries

    from .indexing import SEARCH_SOURCE, iter_entries

    return index_entries(SEARCH_SOURCE, iter_entries())


def load_messages(ctx) -> None:
    started = time.monotonic()
    setting = _Setting()
    channels = ensure_channels(setting)
    rules = ensure_routing_rules(setting)
    if Message.objects.filter(idempotency_key__startswith=KEY_PREFIX).exists():
        ctx.out("  互动交流：演示留言已存在，未重复添加")
        return
    rng = random.Random(SEED)  # noqa: S311 - varied demo data, not security
    plans = _Planner(setting, channels, rng).all()
    player = _Player(setting, channels, rng)
    # The query passwords made for the demo's messages are thrown away (nobody can use
    # them); hashing each at the production cost would add ~12 s to the load.
    with override_settings(QUERY_PASSWORD_ARGON2=DEMO_ARGON2):
        last_day = player.play(plans)
    indexed = _index_published()
    from .supervision import bulletin

    year, month = BULLETIN_MONTH
    start = date(year, month, 1)
    end = (start + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    report = bulletin(setting.city, start, end)
    c = player.counts
    open_now = Message.objects.filter(
        idempotency_key__startswith=KEY_PREFIX,
        state__in=[MessageState.HELD, MessageState.TRIAGE, MessageState.ASSIGNED,
                   MessageState.HANDLING, MessageState.REPLY_REVIEW],
    ).count()  # fmt: skip
    ctx.out(
        f"  互动交流：{len(channels)} 个留言渠道，交办规则新增 {rules} 条；{len(plans)} 件{YEAR}年留言"
        f"（公开答复 {c.get('published', 0)}，不公开答复 {c.get('replied_private', 0)}，"
        f"不予受理 {sum(v for k, v in c.items() if k.startswith('refused:')) + c.get('held_refused', 0)}，"
        f"合并 {c.get('merged', 0)}，退回重新交办 {c.get('misrouted', 0)}，延期 "
        f"{c.get('extension:approved', 0)}+{c.get('extension:rejected', 0)}（不同意），超期答复 "
        f"{c.get('late', 0)}，不满意重办 {c.get('reopened', 0)}，催办督办 "
        f"{sum(v for k, v in c.items() if k.startswith('supervise:'))} 次，至今未办结 {open_now}）；"
        f"模拟至 {last_day:%Y-%m-%d}，检索索引 {indexed} 条；"
        f"{year}年{month}月督办专报：超期 {report.overdue_count} 件、不满意 {report.unsatisfied_count} 件；"
        f"用时 {time.monotonic() - started:.0f} 秒"
    )
