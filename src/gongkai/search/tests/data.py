"""A small index of plausible Tianshui government texts, for the search tests.

Department ids: 12 财政局, 13 环保局, 14 住建局, 15 民政局, 16 发展改革委,
17 公安局, 18 地名办（民政）, 19 安监局, 20 政府办公室, 21 统计局.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

SOURCE = "test.item"
BEIJING = ZoneInfo("Asia/Shanghai")


def _at(year: int, month: int, day: int) -> datetime:
    return datetime(year, month, day, 9, 30, tzinfo=BEIJING)


ITEMS = [
    {
        "object_id": "budget-2026",
        "title": "天水市财政局2026年部门预算公开",
        "summary": "公开天水市财政局2026年部门收支预算及“三公”经费预算安排。",
        "body": (
            "根据《中华人民共和国预算法》和市政府关于全面推进预决算公开工作的要求，现将天水市财政局"
            "2026年部门预算公开如下：一、部门主要职责；二、部门收支总体情况，收入预算合计3862.5万元；"
            "三、“三公”经费预算安排情况，较上年下降6.2%。"
        ),
        "published_at": _at(2026, 2, 10),
        "facets": {
            "department": [12],
            "subject": "czjr",
            "genre": "gk",
            "year": 2026,
            "key_area": "budget",
        },
    },
    {
        "object_id": "yellow-label-draft",
        "title": "关于淘汰尾气排放不达标黄标车的实施细则（征求意见稿）",
        "summary": "向社会公开征求对淘汰黄标车实施细则的意见。",
        "body": (
            "为改善城区环境空气质量，加快淘汰尾气排放不达标车辆，市环保局会同市公安局起草了本细则。"
            "黄标车是指尾气排放达不到国Ⅰ标准的汽油车和国Ⅲ标准的柴油车。意见反馈截止日期为2016年9月30日。"
        ),
        "published_at": _at(2016, 9, 1),
        "facets": {
            "department": [13, 17],
            "subject": "hjbh",
            "genre": "gfxwj",
            "year": 2016,
            "validity": "draft",
            "key_area": "environment",
        },
    },
    {
        "object_id": "road-names",
        "title": "成纪新城19条道路名称征集公告",
        "summary": "面向社会征集成纪新城19条规划道路的名称。",
        "body": (
            "为规范成纪新城道路命名，传承伏羲文化和秦州历史文脉，市地名委员会办公室面向社会公开征集"
            "19条规划道路名称。应征者可通过市政府门户网站、信函或电子邮件提交命名建议。"
        ),
        "published_at": _at(2016, 6, 15),
        "facets": {"department": [14, 18], "subject": "csjs", "genre": "gg", "year": 2016},
    },
    {
        "object_id": "xiguan-compensation",
        "title": "西关片区旧城改造项目房屋征收补偿方案公示",
        "summary": "公示西关片区房屋征收补偿方案，征求被征收人意见。",
        "body": (
            "西关片区是我市列入省级计划的棚户区改造项目，涉及居民1260户。本方案明确了货币补偿与"
            "产权调换两种方式，公示期为30日，被征收人可向秦州区房屋征收办公室反映意见。"
        ),
        "published_at": _at(2025, 4, 3),
        "facets": {
            "department": [14],
            "subject": "csjs",
            "genre": "gs",
            "year": 2025,
            "key_area": "housing",
        },
    },
    {
        "object_id": "shantytown-opinion",
        "title": "天水市人民政府关于加快推进城市棚户区改造工作的实施意见",
        "summary": "",
        "body": (
            "各县区人民政府，市政府各部门：为加快城市棚户区改造，改善群众居住条件，现提出如下意见。"
            "到2026年底，基本完成城市棚户区改造任务，住建局负责统筹协调，发展改革委负责项目审批。"
        ),
        "published_at": _at(2024, 3, 20),
        "facets": {
            "department": [14, 16],
            "subject": "csjs",
            "genre": "gfxwj",
            "year": 2024,
            "validity": "valid",
            "key_area": "housing",
        },
    },
    {
        "object_id": "avenue-cleanup",
        "title": "秦州区成纪大道沿线环境整治工作通报",
        "summary": "通报成纪大道沿线环境整治进展。",
        "body": (
            "按照市委、市政府统一部署，秦州区对成纪大道沿线开展环境卫生集中整治，清理乱堆乱放"
            "312处。下一步将把整治经验推广到麦积区的新城片区和各县城区主干道。"
        ),
        "published_at": _at(2025, 8, 12),
        "facets": {"department": [13], "subject": "hjbh", "genre": "tb", "year": 2025},
    },
    {
        "object_id": "budget-execution-2025",
        "title": "关于2025年全市财政预算执行情况的报告",
        "summary": "",
        "body": (
            "受市政府委托，天水市财政局向市人大常委会报告2025年全市财政预算执行情况：全市一般公共"
            "预算收入完成48.6亿元，增长5.1%；民生支出占一般公共预算支出的80%以上。"
        ),
        "published_at": _at(2025, 12, 26),
        "facets": {
            "department": [12],
            "subject": "czjr",
            "genre": "bg",
            "year": 2025,
            "key_area": "budget",
        },
    },
    {
        "object_id": "subsistence-allowance",
        "title": "市民政局2026年第一季度城乡低保资金发放情况",
        "summary": "",
        "body": (
            "第一季度全市共发放城乡最低生活保障资金1.26亿元，惠及困难群众8.3万人，所需资金已列入"
            "年度预算并足额拨付到位。"
        ),
        "published_at": _at(2026, 4, 8),
        "facets": {
            "department": [15],
            "subject": "mz",
            "genre": "gk",
            "year": 2026,
            "key_area": "social",
        },
    },
    {
        "object_id": "safety-inspection",
        "title": "关于开展安全生产大检查的通知",
        "summary": "",
        "body": (
            "检查内容见附件。<script>alert('安全生产')</script> 各单位要高度重视安全生产工作，"
            "对检查发现的隐患建立台账、限期整改。"
        ),
        "published_at": _at(2026, 3, 2),
        "facets": {
            "department": [19],
            "subject": "aqsc",
            "genre": "tz",
            "year": 2026,
            "key_area": "safety",
        },
    },
    {
        "object_id": "air-pollution-summary",
        "title": "市环保局2016年大气污染防治工作总结",
        "summary": "",
        "body": "全年淘汰黄标车辆3126辆，全市黄标车淘汰任务提前完成，城区空气质量优良天数达到298天。",
        "published_at": _at(2017, 1, 18),
        "facets": {
            "department": [13],
            "subject": "hjbh",
            "genre": "zj",
            "year": 2017,
            "key_area": "environment",
        },
    },
    {
        "object_id": "statistics-2016",
        "title": "2016年天水市国民经济和社会发展统计公报",
        "summary": "",
        "body": "初步核算，全市实现生产总值（GDP）553.8亿元，比上年增长7.5%。全年粮食总产量115.9万吨。",
        "published_at": _at(2017, 3, 28),
        "facets": {"department": [21], "subject": "tj", "genre": "gb", "year": 2017},
    },
    {
        "object_id": "demolition-rules-2010",
        "title": "天水市城市房屋拆迁管理办法",
        "summary": "已被《天水市国有土地上房屋征收与补偿办法》废止。",
        "body": "为加强城市房屋拆迁管理，维护拆迁当事人的合法权益，保障建设项目顺利进行，制定本办法。",
        "published_at": _at(2010, 5, 6),
        "facets": {
            "department": [14],
            "subject": "csjs",
            "genre": "gz",
            "year": 2010,
            "validity": "repealed",
            "key_area": "housing",
        },
    },
]


def entries() -> list[dict]:
    """The items as ``index_entry`` arguments (with their URLs)."""
    return [{**item, "url": f"/xxgk/{item['object_id']}/"} for item in ITEMS]
