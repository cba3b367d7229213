"""The 2016 events that more than one part of the demo tells, on one timeline.

The catalogue (``gongkai.disclosure.demo``) publishes the notices of the
seed's consultations and the rules that came out of them; the consultations
demo (``gongkai.consultations.demo``) runs the consultations themselves. Both
take their dates and texts from here, so that every page tells one story:

* 黄标车 rules: the draft open for comments 14 March – 13 April → the feedback
  (意见采纳情况) published 28 April → the final rules published 8 June, in
  force from 1 July, containing what the feedback says was adopted → their
  interpretation 12 June.
* 成纪新城 road names: the call 6 April – 5 May → experts' shortlist and a
  public vote 20–29 May → the feedback 15 June → the 拟命名方案 公示 20 July.
* The other calls (designs, logo, texts, mascot, master plan): the catalogue's
  notice of each is published the day its consultation opens and names its period.
"""

from __future__ import annotations

from datetime import date

from gongkai.core.dates import cn_date

YELLOW_TITLE = "天水市淘汰尾气排放不达标黄标车和老旧机动车实施细则"
YELLOW_COMMENTS = (date(2016, 3, 14), date(2016, 4, 13))
YELLOW_FEEDBACK_ON = date(2016, 4, 28)
YELLOW_RULES_ON = date(2016, 6, 8)
YELLOW_INTERPRETATION_ON = date(2016, 6, 12)
YELLOW_IN_FORCE = date(2016, 7, 1)
YELLOW_EXPIRES = date(2021, 6, 30)

YELLOW_DRAFT = f"""{YELLOW_TITLE}（征求意见稿）

第一条 为改善城市环境空气质量，加快淘汰尾气排放不达标的黄标车和老旧机动车，根据《中华人民共和国大气污染防治法》等规定，结合本市实际，制定本细则。

第二条 本细则适用于在本市登记注册的黄标车和老旧机动车。黄标车是指排放达不到国Ⅰ标准的汽油车和达不到国Ⅲ标准的柴油车；老旧机动车是指达到国家强制报废标准或使用年限较长、排放较差的机动车。

第三条 2016年12月31日前提前淘汰黄标车和老旧机动车的，按车辆类型给予一次性补贴：小型载客汽车每辆3000元，中型载客汽车每辆6000元，大型载客汽车每辆12000元，重型载货汽车每辆18000元。

第四条 自2016年10月1日起，黄标车禁止在城市主城区以下道路通行：羲皇大道、藉河南路、藉河北路、成纪大道及其围合区域。

第五条 车主应持机动车登记证书、行驶证和报废回收证明，到车辆登记地的环境保护部门申请补贴。环境保护部门应在收到申请之日起20个工作日内完成核查。

第六条 补贴资金由市、区两级财政按比例承担，由市财政局统一拨付到车主本人账户。

第七条 本细则自2016年7月1日起施行，有效期五年。
"""

# The rules as published: the draft with what the feedback adopted. The feedback's
# reasons (``gongkai.consultations.demo.YELLOW_THEMES``) quote these words “…”.
YELLOW_RULES = [
    "第一条 为加快淘汰尾气排放不达标的黄标车和老旧机动车，减少机动车污染物排放，改善城市环境空气质量，"
    "根据《中华人民共和国大气污染防治法》等规定，结合本市实际，制定本细则。",
    "第二条 本细则适用于在本市登记注册的黄标车和老旧机动车。黄标车是指排放达不到国Ⅰ标准的汽油车和"
    "达不到国Ⅲ标准的柴油车；老旧机动车是指达到国家强制报废标准或使用年限较长、排放较差的机动车。",
    "第三条 2016年12月31日前提前淘汰黄标车和老旧机动车的，按车辆类型给予一次性补贴：小型载客汽车每辆"
    "3000元，中型载客汽车每辆6000元，大型载客汽车每辆12000元，重型载货汽车每辆20000元。补贴按淘汰时间"
    "分档：2016年9月30日前淘汰的，按上述标准全额补贴；2016年10月1日至12月31日淘汰的，按上述标准的80%补贴。",
    "第四条 自2016年11月1日起，黄标车禁止在城市主城区以下道路通行：羲皇大道、藉河南路、藉河北路、"
    "成纪大道及其围合区域。",
    "第五条 车主在报废回收企业一次性提交申请材料（机动车登记证书、行驶证和报废回收证明），由环境保护部门"
    "内部流转核查，并在收到申请之日起20个工作日内完成核查。",
    "第六条 补贴资金由市、区两级财政按比例承担，由市财政局自核查完成之日起15个工作日内拨付到车主本人账户。",
    f"第七条 本细则自{cn_date(YELLOW_IN_FORCE)}起施行，有效期五年。",
]

ROAD_NAMES_CALL = (date(2016, 4, 6), date(2016, 5, 5))
ROAD_NAMES_VOTE = (date(2016, 5, 20), date(2016, 5, 29))
ROAD_NAMES_FEEDBACK_ON = date(2016, 6, 15)
ROAD_NAMES_PUBLICITY_ON = date(2016, 7, 20)

# The other calls, by the subject the catalogue's notice names: (opens, closes).
CALL_PERIODS = {
    "西关片区名城保护（棚户区改造）一期项目设计方案": (date(2016, 7, 1), date(2016, 7, 31)),
    "伏羲庙标识": (date(2016, 3, 1), date(2016, 4, 15)),
    "伏羲大典祭文和宣传语": (date(2016, 4, 1), date(2016, 5, 10)),
    "甘肃省第三届中学生运动会吉祥物设计方案": (date(2016, 5, 15), date(2016, 6, 15)),
    "天水市城市总体规划公众意见": (date(2016, 10, 10), date(2016, 11, 10)),
}


def period(opens: date, closes: date) -> str:
    """2016年3月14日至4月13日."""
    return f"{cn_date(opens)}至{closes.month}月{closes.day}日"
