"""Similar-message suggestions (相似留言) against one full-text query, on the same data.

* Generation: N answered, published citizen messages (masked subject, text
  and reply, as the board shows them) on the city's and the counties' boards,
  written with ``bulk_create`` in batches of 500 — the intake, assignment and
  review actions are bypassed on purpose: this is benchmark data, not a
  workflow test. Themes (黄标车淘汰补贴, 棚户区改造, 冬季供暖 …) are drawn with
  Zipf-like weights, each with its own aspects, and the texts carry a long
  tail of names (roads, towns, bus lines, schools, companies), so the words'
  document frequencies look like a real board's: a few very common, most rare.
  Then indexed through ``gongkai.search.index_entries`` (source
  ``interaction.message``, ``gongkai.interaction.indexing.entry_for``) in
  batches of 500. Messages/s of both.
* Queries: Q new messages from the same generator with another seed (none
  identical to a stored one). For each, interleaved: ``similar_messages()``
  (what the message form calls), ``search.search()`` of a 1–2 word query from
  the new message's subject restricted to the source (page 1 by relevance
  with total, facets and snippets), and the bare ``raw_fulltext_sql()`` of the
  same query. p50/p95 of each and the ratios p50/p50 and p95/p95.

Default: 20,000 messages on a throw-away SQLite file under /tmp that it
migrates itself (a couple of minutes within ``make bench``); the issue's
figure is ``--size 200000 --postgres URL`` (docs/benchmarks.md). ``--postgres URL`` runs on that (dedicated) PostgreSQL
database instead; the messages stay there, and a second run on it only adds
what is missing (``--size`` more) before measuring. Run
``python -m benchmarks.messages [--size N] [--queries Q] [--postgres URL]``.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from benchmarks import analyze_after_load
from benchmarks.search import COUNTIES

SEED = 20161128
QUERY_SEED = 20270101  # the new messages: another stream, none equal to a stored one
BATCH = 500
PROGRESS = 50_000
TZ = ZoneInfo("Asia/Shanghai")
COUNTY_CODES = ["620502", "620503", "620521", "620522", "620523", "620524", "620525"]

# (department, theme, aspects): a board's recurring subjects, most frequent first.
THEMES = [
    ("市住建局", "冬季供暖", ["温度不达标", "供暖费收取", "管网漏水", "停暖", "暖气不热"]),
    ("市人社局", "拖欠工资", ["农民工工资", "工程款结算", "劳务费", "加班费"]),
    ("市住建局", "棚户区改造", ["安置房交房", "过渡费发放", "拆迁补偿标准", "回迁安置"]),
    ("市住建局", "物业管理", ["物业费上涨", "电梯故障", "停车位收费", "垃圾清运"]),
    ("市交通运输局", "公交线路", ["增开线路", "末班车时间", "站点设置", "发车间隔"]),
    ("市人社局", "养老保险", ["补缴", "转移接续", "待遇领取", "缴费基数"]),
    ("市教育局", "义务教育", ["划片入学", "学位紧张", "校车接送", "课后服务"]),
    ("市民政局", "城乡低保", ["申请条件", "被取消", "保障标准", "复核"]),
    ("市住建局", "道路破损", ["坑洼积水", "路灯不亮", "井盖缺失", "人行道"]),
    ("市环保局", "噪音扰民", ["夜间施工", "广场舞", "商铺音响", "工厂噪声"]),
    ("市卫计委", "医疗保险报销", ["异地就医", "门诊慢特病", "报销比例", "住院费用"]),
    ("市公安局", "户口迁移", ["落户条件", "身份证办理", "户籍证明", "集体户口"]),
    ("市水务局", "自来水", ["停水", "水压低", "水质浑浊", "水费"]),
    ("市国土资源局", "不动产登记", ["房产证办理", "办证延期", "契税", "分户"]),
    ("市环保局", "黄标车淘汰补贴", ["发放时间", "到账", "申请材料", "补贴标准"]),
    ("市工商局", "消费维权", ["预付卡退费", "虚假宣传", "售后服务", "霸王条款"]),
    ("市食品药品监管局", "食品安全", ["过期食品", "无证经营", "校园周边", "外卖餐饮"]),
    ("市扶贫办", "精准扶贫", ["建档立卡", "易地扶贫搬迁", "产业扶持资金", "帮扶干部"]),
    ("市环保局", "油烟污染", ["餐馆油烟", "烧烤摊", "露天焚烧", "异味"]),
    ("市公安局", "交通秩序", ["违章停车", "电动车上牌", "红绿灯设置", "渣土车"]),
    ("市民政局", "高龄补贴", ["申领", "发放标准", "停发", "认证"]),
    ("市财政局", "惠农补贴", ["耕地地力保护补贴", "粮食直补", "农机购置补贴", "一卡通"]),
    ("市住建局", "老旧小区改造", ["加装电梯", "外墙保温", "管网改造", "改造范围"]),
    ("市国土资源局", "征地补偿", ["补偿款发放", "安置方案", "青苗补偿", "社保安置"]),
    ("市卫计委", "计划生育奖励扶助", ["独生子女", "特别扶助金", "申报", "发放"]),
    ("市民政局", "残疾人两项补贴", ["护理补贴", "生活补贴", "残疾证", "评定"]),
    ("市发展改革委", "天然气价格", ["阶梯气价", "开户费", "价格调整", "听证"]),
    ("市水务局", "河道治理", ["排污口", "河道垃圾", "防洪堤", "采砂"]),
    ("市住建局", "成纪新城建设", ["道路通车", "学校建设", "配套设施", "公交开通"]),
    ("市教育局", "幼儿园", ["收费标准", "普惠性幼儿园", "入园难", "安全管理"]),
    ("市人社局", "失业保险金", ["申领条件", "领取期限", "稳岗补贴", "技能提升补贴"]),
    ("市交通运输局", "出租车", ["拒载", "绕路", "网约车", "计价器"]),
    ("市审计局", "村级财务", ["账目公开", "集体资金", "村干部", "审计"]),
    ("市安监局", "安全隐患", ["燃气泄漏", "消防通道", "违规用电", "危化品"]),
    ("市公共资源交易中心", "招标投标", ["围标串标", "保证金退还", "资质要求", "评标结果"]),
    ("市政务服务中心", "办事效率", ["窗口排队", "材料繁琐", "网上办理", "一次办好"]),
    ("市质监局", "电梯安全", ["年检", "困人", "维保单位", "老旧电梯"]),
    ("市卫计委", "医院服务", ["挂号难", "收费不合理", "医生态度", "药品价格"]),
    ("市水务局", "农田灌溉", ["灌溉用水", "水渠维修", "机井", "水费分摊"]),
    ("市民政局", "殡葬管理", ["公墓价格", "殡葬服务收费", "骨灰安放", "散埋乱葬"]),
    ("市住建局", "违章建筑", ["私搭乱建", "楼顶加盖", "占用绿地", "拆除"]),
    ("市人社局", "社保卡", ["办理进度", "激活", "补办", "金融功能"]),
    ("市教育局", "教师招聘", ["特岗教师", "报名条件", "成绩公布", "编制"]),
    ("市公安局", "养犬管理", ["流浪狗", "犬只伤人", "办证", "遛狗不牵绳"]),
]
TOWNS = [
    "玉泉镇", "太京镇", "中梁镇", "皂郊镇", "天水镇", "社棠镇", "马跑泉镇", "甘泉镇", "渭南镇",
    "伯阳镇", "麦积镇", "花牛镇", "红山镇", "永清镇", "白驼镇", "莲花镇", "兴国镇", "郭嘉镇",
    "大像山镇", "新兴镇", "六峰镇", "洛门镇", "城关镇", "龙山镇", "张家川镇", "恭门镇", "马鹿镇",
    "西关街道", "东关街道", "大城街道", "七里墩街道", "石马坪街道", "道北街道", "北道埠街道",
]  # fmt: skip
ROADS = [
    "民主西路", "民主东路", "建设路", "岷山路", "藉河南路", "藉河北路", "罗玉路", "成纪大道",
    "迎宾路", "羲皇大道", "双桥路", "自由路", "大众路", "青年路", "光明巷", "解放路", "人民路",
    "天河路", "环城西路", "伏羲路", "滨河路", "飞将巷", "泉湖路", "马跑泉路", "桥南路",
]  # fmt: skip
SCHOOL_KINDS = ["中心小学", "第一中学", "第二中学", "实验小学", "幼儿园", "职业中学"]
COMPANY_WORDS = [
    "鑫源", "华泰", "宏达", "金鼎", "瑞丰", "恒通", "盛世", "陇原", "麦积山", "伏羲", "天河",
    "永盛", "祥和", "聚福", "腾飞", "立信", "博远", "中兴", "嘉禾", "同心",
]  # fmt: skip
COMPANY_KINDS = ["建筑工程有限公司", "物业服务有限公司", "房地产开发有限公司", "劳务有限公司", "商贸有限公司"]  # fmt: skip
SUBJECTS = [
    "{theme}{aspect}问题", "关于{place}{theme}{aspect}的咨询", "{town}{theme}{aspect}何时解决",
    "{road}{theme}问题", "反映{theme}{aspect}", "{theme}相关问题", "{aspect}的问题",
    "{theme}{aspect}", "{place}{aspect}能否解决", "{company}{theme}{aspect}",
]  # fmt: skip
OPENERS = ["尊敬的领导：", "市长您好！", "您好，", "", "领导好，", "尊敬的书记：", ""]
CONTEXTS = [
    "我是{place}{town}的居民，", "我家住在{place}{road}××××，", "本人在{town}务工多年，",
    "我们是{place}{town}的村民，", "我是{company}的职工，", "我家孩子在{school}上学，",
    "我们小区位于{road}附近，", "",
]  # fmt: skip
PROBLEMS = [
    "{theme}{aspect}的问题一直没有解决。",
    "关于{theme}，{aspect}至今没有落实。",
    "{month}月份就反映过{theme}{aspect}的事，到现在还没有消息。",
    "{theme}方面{aspect}存在问题，已经{n}个月了。",
    "{company}在{theme}中{aspect}，群众意见很大。",
    "{road}一带{theme}{aspect}，给大家带来很大不便。",
]  # fmt: skip
DETAILS = [
    "多次找过社区和街道，都说不归他们管。", "打过12345热线，答复说会转交相关部门。",
    "家里有老人和孩子，生活受到很大影响。", "周边很多住户都有同样的情况。",
    "去年也出现过类似情况，后来不了了之。", "相关手续都已经按要求提交了。",
    "工作人员态度还可以，但就是拖着不办。", "听说别的县区已经解决了。",
    "现在天气越来越冷，情况更加严重。", "附近的学生上下学也很不安全。",
    "我们也理解政府的难处，但是希望给个明确的说法。", "相关材料我已经拍照留存。",
    "联系电话138****{tail}。", "某某答应过一周内处理，到现在也没有动静。",
]  # fmt: skip
ASKS = [
    "请问什么时候能解决？", "希望有关部门尽快核实处理。", "恳请领导关注此事。",
    "请相关部门给予答复，谢谢！", "希望能尽快给我们一个说法。", "请问应该找哪个部门办理？",
    "盼复。", "",
]  # fmt: skip
REPLY_OPENERS = ["您好：", "网友您好：", "某某您好：", "尊敬的网友：", "您好！"]
REPLY_ACTIONS = [
    "经{dept}核实，{theme}{aspect}问题属实，已责成{company}于{month}月底前整改到位",
    "经{dept}调查，{place}{theme}{aspect}已列入今年工作计划，预计{month}月底前完成",
    "{dept}已会同{town}对{theme}{aspect}进行了现场核查，并制定了处理方案",
    "根据有关政策，{theme}{aspect}须由本人携带相关材料到{place}政务服务中心窗口办理",
    "经{dept}了解，您反映的{theme}{aspect}情况与实际有出入，具体政策已向您电话解释",
]  # fmt: skip
REPLY_CLOSINGS = [
    "如有疑问，可拨打{dept}咨询电话0938-*******。", "感谢您对我市工作的关注和支持。",
    "下一步将加强监督检查，防止类似问题再次发生。", "办理结果将在{place}政府网站公开。", "",
]  # fmt: skip


def _theme_weights() -> list[float]:
    """Zipf-like: the first theme about 14 times as frequent as the last."""
    return [1 / (rank**0.7) for rank in range(1, len(THEMES) + 1)]


_WEIGHTS = _theme_weights()


def compose(rng: random.Random) -> dict:
    """One message: subject, text and reply (masked forms), its department and the
    1–2 word full-text query a person would type for the same subject."""
    dept, theme, aspects = rng.choices(THEMES, weights=_WEIGHTS)[0]
    aspect = rng.choice(aspects)
    place = rng.choice(["天水市", *COUNTIES])
    words = {
        "theme": theme,
        "aspect": aspect,
        "place": place,
        "town": rng.choice(TOWNS),
        "road": rng.choice(ROADS),
        "school": rng.choice(TOWNS)[:-1] + rng.choice(SCHOOL_KINDS),
        "company": "天水" + rng.choice(COMPANY_WORDS) + rng.choice(COMPANY_KINDS),
        "month": rng.randint(1, 12),
        "n": rng.randint(2, 18),
        "tail": f"{rng.randrange(10_000):04d}",
        "dept": "天水市" + dept[1:] if place == "天水市" else place + dept[1:],
        "line": f"{rng.randint(1, 60)}路公交车",
    }
    subject = rng.choice(SUBJECTS).format(**words)
    sentences = [rng.choice(OPENERS), rng.choice(CONTEXTS), rng.choice(PROBLEMS)]
    sentences += rng.sample(DETAILS, rng.randint(1, 4))
    if rng.random() < 0.2:
        sentences.append("平时出行都坐{line}，")
    sentences.append(rng.choice(ASKS))
    reply = (
        rng.choice(REPLY_OPENERS)
        + "您反映的{theme}{aspect}问题已收悉。".format(**words)
        + rng.choice(REPLY_ACTIONS).format(**words)
        + "。"
        + rng.choice(REPLY_CLOSINGS).format(**words)
    )
    query = rng.choice([theme, f"{theme} {aspect}", aspect])
    return {
        "subject": subject[:100],
        "text": "".join(sentences).format(**words),
        "reply": reply,
        "department": dept,
        "query": query,
    }


def _setup_django(database_url: str, var_dir: Path) -> None:
    os.environ["GONGKAI_ENV"] = "test"
    os.environ["GONGKAI_DATABASE_URL"] = database_url
    os.environ["GONGKAI_VAR_DIR"] = str(var_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


def _progress(what: str, done: int, total: int, began: float) -> None:
    if done % PROGRESS and done != total:
        return
    rate = done / (time.perf_counter() - began)
    eta = (total - done) / rate if rate else 0
    print(
        f"  … {what} {done:,} of {total:,} ({rate:,.0f}/s, {eta / 60:,.0f} min to go)",
        file=sys.stderr,
        flush=True,
    )


def _boards():
    """天水市 and its seven counties, each with a general office and a message board;
    the departments of the themes in the city."""
    from gongkai.interaction.models import Channel, ChannelKind, MessageType
    from gongkai.orgs.models import DepartmentType, GovernmentLevel
    from gongkai.testing.factories import department, government

    city = government("620500", "天水市")
    governments = [city] + [
        government(code, name, level=GovernmentLevel.COUNTY, parent=city)
        for code, name in zip(COUNTY_CODES, COUNTIES, strict=True)
    ]
    channels = []
    for gov in governments:
        office = department(
            gov,
            f"{gov.name}人民政府办公室",
            short_name="政府办",
            kind=DepartmentType.GENERAL_OFFICE,
        )
        names = ["市长留言板", "市委书记留言板"] if gov == city else [f"{gov.name}领导留言板"]
        for j, name in enumerate(names):
            channel, _ = Channel.objects.get_or_create(
                code=f"bench-{gov.code}-{j}",
                defaults={
                    "government": gov,
                    "name": name,
                    "kind": ChannelKind.BOARD,
                    "office": office,
                },
            )
            channels.append(channel)
    departments = {
        dept: department(city, "天水市" + dept[1:], short_name=dept) for dept, _, _ in THEMES
    }
    types = list(MessageType.objects.filter(confidential=False))
    return governments, channels, departments, types


def generate(size: int) -> float | None:
    """Write answered, published messages until the database holds ``size``; messages/s."""
    from django.db import transaction

    from gongkai.interaction.models import Message, MessageState

    existing = Message.objects.count()
    missing = size - existing
    if missing <= 0:
        return None
    governments, channels, departments, types = _boards()
    rng = random.Random(SEED + existing)
    start = datetime(2016, 1, 1, 9, tzinfo=TZ)
    span = int((datetime(2026, 10, 1, tzinfo=TZ) - start).total_seconds() // 60)
    began = time.perf_counter()
    serial = existing
    for first in range(0, missing, BATCH):
        rows = []
        for _ in range(min(BATCH, missing - first)):
            serial += 1
            m = compose(rng)
            channel = rng.choice(channels)
            submitted = start + timedelta(minutes=rng.randrange(span))
            replied = submitted + timedelta(days=rng.randint(2, 25), minutes=rng.randrange(600))
            dept = departments[m["department"]]
            rows.append(
                Message(
                    channel=channel,
                    message_type=rng.choice(types),
                    query_code=f"BENCH{serial:010d}",
                    password_hash="!",
                    state=MessageState.CLOSED,
                    subject=m["subject"],
                    text=m["text"],
                    place=rng.choice(governments),
                    writer_name="某某",
                    writer_phone="13800000000",
                    wants_public=True,
                    submitted_at=submitted,
                    fingerprint=f"bench-{serial}",
                    accepted_at=submitted + timedelta(hours=20),
                    lead_department=dept,
                    reply_text=m["reply"],
                    replied_at=replied,
                    replied_by_department=dept,
                    masked_subject=m["subject"],
                    masked_text=m["text"],
                    masked_reply=m["reply"],
                    published_at=replied + timedelta(hours=2),
                )
            )
        with transaction.atomic():
            Message.objects.bulk_create(rows)
        _progress("generated", first + len(rows), missing, began)
    return missing / (time.perf_counter() - began)


def index() -> float | None:
    """Index the published messages the index does not hold yet (after the highest
    indexed id, so a stopped run resumes); messages/s, None when nothing was missing."""
    from django.db import connection
    from django.db.models import BigIntegerField, Max
    from django.db.models.functions import Cast

    from gongkai.interaction.indexing import SEARCH_SOURCE, entry_for
    from gongkai.interaction.models import Message
    from gongkai.search import index_entries
    from gongkai.search.backends import get_backend
    from gongkai.search.models import SearchEntry

    last = (
        SearchEntry.objects.filter(source=SEARCH_SOURCE).aggregate(
            last=Max(Cast("object_id", BigIntegerField()))
        )["last"]
        or 0
    )
    public = Message.objects.published().select_related("channel", "message_type")
    total = public.filter(pk__gt=last).count()
    if not total:
        return None
    began = time.perf_counter()
    done = 0
    while batch := list(public.filter(pk__gt=last).order_by("pk")[:BATCH]):
        done += index_entries(SEARCH_SOURCE, [entry_for(m) for m in batch])
        last = batch[-1].pk
        _progress("indexed", done, total, began)
    with connection.cursor() as cursor:
        get_backend().optimise(cursor)
    return done / (time.perf_counter() - began)


def new_messages(count: int) -> list[dict]:
    """``count`` new messages, none identical (subject and text) to a stored one."""
    from gongkai.interaction.models import Message

    rng = random.Random(QUERY_SEED)
    out = []
    while len(out) < count:
        m = compose(rng)
        if not Message.objects.filter(subject=m["subject"], text=m["text"]).exists():
            out.append(m)
    return out


def measure(n_queries: int) -> dict:
    """Time ``similar_messages`` against ``search()`` and the raw full-text SQL of a
    1–2 word query from the same subject, interleaved message by message."""
    from django.db import connection

    from gongkai import search
    from gongkai.interaction.indexing import SEARCH_SOURCE
    from gongkai.interaction.similar import similar_messages

    messages = new_messages(n_queries)
    load = ", ".join(f"{v:.1f}" for v in os.getloadavg())
    print(f"  measuring, load average {load}", flush=True)
    only_messages = {"source": [SEARCH_SOURCE]}
    for m in messages[:5]:  # warm caches and jieba
        similar_messages(m["subject"], m["text"])
        search.search(m["query"], filters=only_messages)
    similar, searched, raw = [], [], []
    found, top, matches = [], [], []
    for m in messages:
        began = time.perf_counter()
        suggestions = similar_messages(m["subject"], m["text"])
        similar.append(time.perf_counter() - began)
        began = time.perf_counter()
        results = search.search(m["query"], filters=only_messages)
        searched.append(time.perf_counter() - began)
        sql, params = search.raw_fulltext_sql(m["query"])
        began = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            cursor.fetchall()
        raw.append(time.perf_counter() - began)
        found.append(len(suggestions))
        top.append(suggestions[0].score if suggestions else 0.0)
        matches.append(results.total)

    def ms(values, q):
        return _pct(values, q) * 1000

    figures = {
        name: (ms(values, 0.5), ms(values, 0.95))
        for name, values in (("similar", similar), ("search", searched), ("raw", raw))
    }
    print(
        f"  {len(messages)} new messages: {sum(found) / len(found):.1f} suggestions each on "
        f"average (none for {found.count(0)}), median best score {_pct(top, 0.5):.2f}; "
        f"their 1–2 word queries find {_pct(matches, 0.5):,} messages (median)",
        flush=True,
    )
    s50, s95 = figures["similar"]
    q50, q95 = figures["search"]
    r50, r95 = figures["raw"]
    print(
        f"  similar_messages(): p50 {s50:.1f} ms, p95 {s95:.1f} ms\n"
        f"  search() of 1–2 words in the messages: p50 {q50:.1f} ms, p95 {q95:.1f} ms"
        f" — similar/search ratio p50 {s50 / q50:.2f}x, p95 {s95 / q95:.2f}x\n"
        f"  raw full-text SQL of the same words: p50 {r50:.1f} ms, p95 {r95:.1f} ms"
        f" — similar/raw ratio p50 {s50 / r50:.1f}x, p95 {s95 / r95:.1f}x",
        flush=True,
    )
    return figures


def run(size: int, n_queries: int, *, measure_only: bool = False) -> dict:
    """Build (what is missing) and measure, on the database Django is connected to."""
    from django.db import connection

    from gongkai.interaction.indexing import SEARCH_SOURCE
    from gongkai.search.models import SearchEntry

    load = ", ".join(f"{v:.1f}" for v in os.getloadavg())
    print(
        f"messages — {connection.vendor}, {size:,} published messages, "
        f"{os.cpu_count()} CPU cores, load average {load}",
        flush=True,
    )
    if measure_only:
        held = SearchEntry.objects.filter(source=SEARCH_SOURCE).count()
        print(f"  generation and indexing: skipped (--measure-only); the index holds {held:,}")
        return measure(n_queries)
    generated = generate(size)
    if generated is None:
        print("  generation: skipped, the database already holds the messages", flush=True)
    else:
        print(f"  generation: {generated:,.0f} messages/s (bulk_create, batches of {BATCH})", flush=True)  # fmt: skip
    analyze_after_load()
    indexed = index()
    if indexed is None:
        print("  indexing: skipped, the index already holds every message", flush=True)
    else:
        print(f"  indexing: {indexed:,.0f} messages/s (index_entries, batches of {BATCH})", flush=True)  # fmt: skip
    if n_queries < 1:
        print("  queries: none asked for (--queries 0)", flush=True)
        return {}
    return measure(n_queries)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--size",
        type=int,
        default=20_000,
        help="published messages (default 20,000; the issue's run: 200,000)",
    )
    parser.add_argument("--queries", type=int, default=50, help="new messages (default 50)")
    parser.add_argument("--postgres", metavar="URL", help="run on this PostgreSQL database")
    parser.add_argument(
        "--sqlite", metavar="PATH", help="run on this SQLite file, kept (default: a throw-away one)"
    )
    parser.add_argument(
        "--measure-only",
        action="store_true",
        help="with --postgres or --sqlite: neither generate nor index, measure on what is there",
    )
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    if args.measure_only and not (args.postgres or args.sqlite):
        parser.error("--measure-only needs --postgres or --sqlite")
    with tempfile.TemporaryDirectory(prefix="gongkai-bench-messages-") as tmp:
        sqlite = Path(args.sqlite).resolve() if args.sqlite else Path(tmp) / "bench.sqlite3"
        url = args.postgres or f"sqlite:///{sqlite}"
        _setup_django(url, Path(tmp))
        run(args.size, args.queries, measure_only=args.measure_only)


if __name__ == "__main__":
    main()
