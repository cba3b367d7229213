"""The Tianshui 2016 world as data: governments, departments, staff.

Division codes are the real ones. Department names are those of 2016 (the
year of the seed report: 食品药品监管局, 安监局, 卫计委 …). Unified social
credit codes, addresses and telephone numbers are generated for the
demonstration: well-formed (check digits valid, Tianshui's 0938 area code)
but not the departments' real ones.
"""

from __future__ import annotations

from gongkai.orgs.models import DepartmentType as T

PROVINCE = ("620000", "甘肃省", "甘肃省人民政府")
CITY = ("620500", "天水市", "天水市人民政府")
COUNTIES = [
    ("620502", "秦州区", "秦州区人民政府", "qz"),
    ("620503", "麦积区", "麦积区人民政府", "mj"),
    ("620521", "清水县", "清水县人民政府", "qs"),
    ("620522", "秦安县", "秦安县人民政府", "qa"),
    ("620523", "甘谷县", "甘谷县人民政府", "gg"),
    ("620524", "武山县", "武山县人民政府", "ws"),
    ("620525", "张家川回族自治县", "张家川回族自治县人民政府", "zjc"),
]

# (slug, full name, short name, kind, street address) — the 9 key-area
# responsible units the seed names are marked in KEY_AREA_UNITS.
CITY_DEPARTMENTS = [
    ("szfb", "天水市人民政府办公室", "市政府办", T.GENERAL_OFFICE, "秦州区民主西路1号"),
    ("fgw", "天水市发展和改革委员会", "市发展改革委", T.CONSTITUENT, "秦州区民主西路1号"),
    ("jyj", "天水市教育局", "市教育局", T.CONSTITUENT, "秦州区建设路86号"),
    ("gaj", "天水市公安局", "市公安局", T.CONSTITUENT, "秦州区自由路8号"),
    ("mzj", "天水市民政局", "市民政局", T.CONSTITUENT, "秦州区岷山路12号"),
    ("sfj", "天水市司法局", "市司法局", T.CONSTITUENT, "秦州区环城西路20号"),
    ("czj", "天水市财政局", "市财政局", T.CONSTITUENT, "秦州区民主西路1号"),
    ("rsj", "天水市人力资源和社会保障局", "市人社局", T.CONSTITUENT, "秦州区双桥路35号"),
    ("gtj", "天水市国土资源局", "市国土资源局", T.CONSTITUENT, "秦州区藉河南路9号"),
    ("hbj", "天水市环境保护局", "市环保局", T.CONSTITUENT, "秦州区藉河北路58号"),
    ("jsj", "天水市住房和城乡建设局", "市建设局", T.CONSTITUENT, "秦州区青年北路21号"),
    ("jtj", "天水市交通运输局", "市交通运输局", T.CONSTITUENT, "秦州区成纪大道5号"),
    ("swj", "天水市水务局", "市水务局", T.CONSTITUENT, "秦州区藉河北路33号"),
    ("nyj", "天水市农业局", "市农业局", T.CONSTITUENT, "秦州区岷山路50号"),
    ("lyj", "天水市林业局", "市林业局", T.CONSTITUENT, "秦州区岷山路48号"),
    ("sj", "天水市商务局", "市商务局", T.CONSTITUENT, "秦州区解放路17号"),
    ("wgxj", "天水市文化广电新闻出版局", "市文广新局", T.CONSTITUENT, "秦州区大众路3号"),
    ("wjw", "天水市卫生和计划生育委员会", "市卫计委", T.CONSTITUENT, "秦州区自由路25号"),
    ("sjj", "天水市审计局", "市审计局", T.CONSTITUENT, "秦州区民主西路1号"),
    ("ajj", "天水市安全生产监督管理局", "市安监局", T.CONSTITUENT, "秦州区环城东路6号"),
    ("gsj", "天水市工商行政管理局", "市工商局", T.DIRECT, "秦州区建设路15号"),
    ("zjj", "天水市质量技术监督局", "市质监局", T.DIRECT, "秦州区建设路17号"),
    ("sypj", "天水市食品药品监督管理局", "市食品药品监管局", T.DIRECT, "秦州区岷山路30号"),
    ("tjj", "天水市统计局", "市统计局", T.DIRECT, "秦州区民主西路1号"),
    ("fpb", "天水市扶贫开发办公室", "市扶贫办", T.AGENCY, "秦州区民主西路1号"),
    ("fzb", "天水市人民政府法制办公室", "市法制办", T.AGENCY, "秦州区民主西路1号"),
    ("bb", "天水市机构编制委员会办公室", "市编办", T.AGENCY, "秦州区民主西路1号"),
    ("zwzx", "天水市政务服务中心", "市政务大厅", T.INSTITUTION, "秦州区成纪大道88号"),
    ("ggzy", "天水市公共资源交易中心", "市公共资源交易中心", T.INSTITUTION, "秦州区成纪大道88号"),
    ("yiyuan", "天水市第一人民医院", "市第一人民医院", T.PUBLIC_SERVICE, "秦州区建设路105号"),
]

# The 9 key areas (重点领域) and the units the seed says they link to.
KEY_AREA_UNITS = {
    "财政预决算和“三公”经费": "czj",
    "行政审批": "zwzx",
    "环境保护": "hbj",
    "社会保障": "rsj",
    "食品药品安全": "sypj",
    "价格和收费": "fgw",
    "征地拆迁": "gtj",
    "安全生产": "ajj",
    "保障性住房": "jsj",
}

# Each county's main departments: (slug, name suffix, short name, kind)
COUNTY_DEPARTMENTS = [
    ("zfb", "人民政府办公室", "政府办", T.GENERAL_OFFICE),
    ("fgj", "发展和改革局", "发改局", T.CONSTITUENT),
    ("czj", "财政局", "财政局", T.CONSTITUENT),
    ("rsj", "人力资源和社会保障局", "人社局", T.CONSTITUENT),
    ("gtj", "国土资源局", "国土局", T.CONSTITUENT),
    ("hbj", "环境保护局", "环保局", T.CONSTITUENT),
    ("jsj", "住房和城乡建设局", "住建局", T.CONSTITUENT),
    ("mzj", "民政局", "民政局", T.CONSTITUENT),
    ("jyj", "教育局", "教育局", T.CONSTITUENT),
    ("wjj", "卫生和计划生育局", "卫计局", T.CONSTITUENT),
    ("ajj", "安全生产监督管理局", "安监局", T.CONSTITUENT),
    ("scj", "市场监督管理局", "市场监管局", T.DIRECT),
]

# People: plausible names for the staff of the demonstration.
SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程"
GIVEN_NAMES = [
    "建国",
    "文静",
    "志强",
    "晓燕",
    "海涛",
    "丽娟",
    "永红",
    "国栋",
    "玉兰",
    "宏伟",
    "雪梅",
    "立新",
    "春花",
    "卫东",
    "秀英",
    "小军",
    "彦明",
    "慧敏",
    "振华",
    "亚平",
    "红霞",
    "鹏飞",
    "淑珍",
    "德胜",
    "瑞雪",
    "金山",
    "桂芳",
    "子涵",
    "世杰",
    "思远",
]

OFFICE_HOURS = "工作日 上午8:30—12:00，下午14:30—18:00（法定节假日除外）"
DEMO_PASSWORD = "Tianshui-2016"  # noqa: S105 - printed demo login, refused in production mode

SITE_PROFILE = {
    "site_name": "天水市人民政府",
    "site_code": "6205000001",
    "icp_record": "陇ICP备05000001号",
    "police_record": "甘公网安备 62050202000001号",
    "police_record_code": "62050202000001",
    "sponsor": "天水市人民政府办公室",
    "operator": "天水市政务公开领导小组办公室",
    "phone": "0938-8212345",
    "email": "gongkai@tianshui.example.gov.cn",
    "address": "甘肃省天水市秦州区民主西路1号",
}
# The seed: 天水发布 on WeChat and Weibo. The addresses are examples for the
# demonstration; operators replace them with the accounts' real addresses.
NEW_MEDIA = [
    (
        "天水发布",
        "wechat",
        "https://mp.weixin.qq.com/mp/profile_ext?action=home&__biz=tianshuifabu",
    ),
    ("天水发布", "weibo", "https://weibo.com/tianshuifabu"),
]
