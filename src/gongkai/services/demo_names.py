"""Words of the demo catalogue: themes (主题), which departments serve which
themes, and the guide texts by power type (行政许可 XK, 行政确认 QR, 行政给付 JF)."""

from __future__ import annotations

# (audience, slug, name) in the order shown
THEMES = (
    ("person", "shengyu", "生育收养"),
    ("person", "huji", "户籍办理"),
    ("person", "jiaoyu", "教育科研"),
    ("person", "jiuye", "就业创业"),
    ("person", "shebao", "社会保障"),
    ("person", "hunyin", "婚姻登记"),
    ("person", "zhufang", "住房保障"),
    ("person", "yiliao", "医疗卫生"),
    ("person", "jiaotong", "交通出行"),
    ("person", "nongye", "农业农村"),
    ("person", "binzang", "死亡殡葬"),
    ("legal", "sheli", "设立变更"),
    ("legal", "zhunying", "准营准办"),
    ("legal", "zizhi", "资质认证"),
    ("legal", "jianshe", "投资建设"),
    ("legal", "huanbao", "环保绿化"),
    ("legal", "anquan", "安全生产"),
    ("legal", "caishui", "财务税务"),
    ("legal", "renli", "人力资源"),
    ("legal", "zhuxiao", "注销清算"),
)

# department slug → themes of its items (person themes make an item 个人办事 too)
DEPARTMENT_THEMES = {
    "fgw": ("jianshe",),
    "jyj": ("jiaoyu", "sheli", "zizhi"),
    "gaj": ("huji", "jiaotong", "zhunying"),
    "mzj": ("hunyin", "binzang", "shengyu", "sheli"),
    "sfj": ("zizhi", "sheli"),
    "czj": ("caishui", "zizhi"),
    "rsj": ("jiuye", "shebao", "renli"),
    "gtj": ("zhufang", "jianshe"),
    "hbj": ("huanbao",),
    "jsj": ("zhufang", "jianshe", "zizhi"),
    "jtj": ("jiaotong", "zhunying"),
    "swj": ("nongye", "jianshe"),
    "nyj": ("nongye", "zhunying"),
    "lyj": ("nongye", "huanbao"),
    "sj": ("zhunying", "sheli"),
    "wgxj": ("zhunying", "sheli"),
    "wjw": ("yiliao", "shengyu", "zizhi"),
    "ajj": ("anquan", "zhunying"),
    "gsj": ("sheli", "zhuxiao", "jiuye"),
    "zjj": ("zizhi", "zhunying"),
    "sypj": ("zhunying", "yiliao"),
}

CONDITIONS = {
    "XK": "1. 申请人为依法设立的法人、其他组织或具有完全民事行为能力的自然人；\n"
    "2. 具备与申请事项相适应的场所、设施设备和专业技术人员；\n"
    "3. 有健全的管理制度和安全保障措施；\n"
    "4. 法律、法规规定的其他条件。",
    "QR": "1. 申请人为与申请事项有直接利害关系的公民、法人或其他组织；\n"
    "2. 申请确认的事实清楚，证明材料真实有效；\n"
    "3. 法律、法规规定的其他条件。",
    "JF": "1. 申请人符合国家和本省规定的给付对象条件；\n"
    "2. 户籍或经营地在本市；\n"
    "3. 未重复享受同类补助。",
}

MATERIALS = {
    "XK": (
        ("{name}申请表", True, "either", "original", 1, "", True),
        (
            "申请人身份证明（营业执照或居民身份证）",
            True,
            "either",
            "copy",
            1,
            "天水市工商行政管理局",
            False,
        ),
        ("场所使用权证明", True, "paper", "copy", 1, "", False),
        ("专业技术人员资格证书", True, "paper", "both", 1, "", False),
        ("管理制度文本", True, "either", "original", 1, "", False),
        ("委托他人办理的，授权委托书", False, "paper", "original", 1, "", False),
    ),
    "QR": (
        ("{name}申请表", True, "either", "original", 1, "", True),
        ("申请人居民身份证或营业执照", True, "either", "copy", 1, "天水市公安局", False),
        ("申请确认事项的证明材料", True, "paper", "both", 1, "", False),
        ("委托他人办理的，授权委托书", False, "paper", "original", 1, "", False),
    ),
    "JF": (
        ("{name}申请表", True, "either", "original", 1, "", True),
        ("申请人居民身份证", True, "either", "copy", 1, "天水市公安局", False),
        ("户口簿", True, "paper", "copy", 1, "", False),
        ("本人银行账户（一卡通）", True, "paper", "copy", 1, "", False),
    ),
}

STEPS = {
    "XK": (
        (
            "受理",
            "政务大厅{short}窗口",
            1,
            "审查申请材料是否齐全、符合法定形式，当场或5个工作日内作出受理决定",
        ),
        ("审查", "{short}承办科室", None, "对申请材料的实质内容进行审查，必要时现场核查"),
        ("决定", "{short}分管负责人", 2, "作出准予或不予许可的书面决定"),
        ("送达", "政务大厅{short}窗口", 1, "颁发、送达许可证件或不予许可决定书"),
    ),
    "QR": (
        ("受理", "政务大厅{short}窗口", 1, "审查申请材料，作出受理或不予受理决定"),
        ("审核", "{short}承办科室", None, "核实申请确认的事实"),
        ("确认", "{short}负责人", 1, "作出确认决定"),
        ("发证", "政务大厅{short}窗口", 1, "发放确认文书或证件"),
    ),
    "JF": (
        ("申请", "政务大厅{short}窗口", 1, "接收申请材料"),
        ("审核", "{short}承办科室", None, "审核给付条件"),
        ("公示", "{short}承办科室", 5, "在单位网站公示审核结果"),
        ("给付", "{short}财务科", 2, "将资金发放至申请人账户"),
    ),
}

QUESTIONS = (
    (
        "办理{name}需要多长时间？",
        "法定办结时限为{legal}个工作日，承诺{promised}个工作日内办结。"
        "听证、检验、检测、检疫、鉴定和专家评审所需时间不计算在内，我们会书面告知所需时间。",
    ),
    (
        "材料不齐全怎么办？",
        "窗口当场或者在5个工作日内一次性告知需要补正的全部内容；逾期不告知的，自收到申请材料之日起即为受理。",
    ),
    (
        "可以委托他人办理吗？",
        "可以。受托人须提交授权委托书和本人居民身份证原件。",
    ),
)

# The basis of a guide whose power names no specific law in the demo list.
BASIS = {
    "XK": "《中华人民共和国行政许可法》第十二条",
    "QR": "《中华人民共和国行政许可法》第十二条；《甘肃省行政权力运行监督办法》",
    "JF": "《社会救助暂行办法》（国务院令第649号）；《甘肃省财政专项资金管理办法》",
}
