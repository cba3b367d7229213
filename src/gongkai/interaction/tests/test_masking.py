"""Masking of personal data in message-board text (no database needed)."""

import re
import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.interaction.masking import (
    KIND_LABELS,
    KINDS,
    Span,
    apply_masks,
    find_personal_data,
    mask_personal_data,
    mask_phrases,
    phrase_spans,
)

WRITER = ["张三丰"]

# (input, names, expected output)
CASES = [
    # --- mobiles ---
    ("我的手机号13812345678，请尽快回复。", (), "我的手机号138****5678，请尽快回复。"),
    ("联系电话：139 3821 7766（白天）", (), "联系电话：139 **** 7766（白天）"),
    ("电话138-1234-5678或+8615912345678", (), "电话138-****-5678或+86159****5678"),
    ("请拨打 (+86) 177 0938 1234 联系我", (), "请拨打 (+86) 177 **** 1234 联系我"),
    ("手机１３８１２３４５６７８（全角）", (), "手机１３８****５６７８（全角）"),
    ("Call me at 18609381234 after 6pm.", (), "Call me at 186****1234 after 6pm."),
    # --- landlines ---
    ("供暖公司电话0938-8212345一直打不通。", (), "供暖公司电话0938-*******一直打不通。"),
    ("座机（0938）8212345转801", (), "座机（0938）*******转***"),
    ("北京010 62345678，兰州0931-8888888-12", (), "北京010 ********，兰州0931-*******-**"),
    ("家里电话：8212345，晚上有人", (), "家里电话：*******，晚上有人"),
    # --- resident ID numbers ---
    (
        "身份证号620502199001011235，低保至今未批。",
        (),
        "身份证号6****************5，低保至今未批。",
    ),
    ("身份证：62052219700615301x", (), "身份证：6****************x"),
    ("老身份证620502900101123还能用吗", (), "老身份证6*************3还能用吗"),
    ("证件号 620502 19851231 0025 请核实", (), "证件号 6***** ******** ***5 请核实"),
    # --- unified social credit codes of individual businesses ---
    (
        "个体户营业执照代码92620502MA71XY2KXT，罚款不合理。",
        (),
        "个体户营业执照代码92**************XT，罚款不合理。",
    ),
    (
        "公司代码91620500MA71HRJK14拖欠工资三个月",
        (),
        "公司代码91620500MA71HRJK14拖欠工资三个月",
    ),
    # --- emails ---
    ("回复请发邮件到zhangsanfeng@163.com谢谢", (), "回复请发邮件到z***@163.com谢谢"),
    ("邮箱：Li.Ming+gov@mail.example.com.cn", (), "邮箱：L***@mail.example.com.cn"),
    # --- bank cards ---
    ("低保金打到6222021234567890128这张卡上", (), "低保金打到***************0128这张卡上"),
    ("卡号 6217 0012 3456 7893 未到账", (), "卡号 **** **** **** 7893 未到账"),
    ("订单号6222021234567890123不是卡号", (), "订单号6222021234567890123不是卡号"),
    # after 银行卡/卡号/账号 any long digit run is a card or account, whatever its check digit
    ("银行卡6222021234567890123被扣款", (), "银行卡***************0123被扣款"),
    ("我的卡号是：6217 0012 3456 7890 被冻结", (), "我的卡号是：**** **** **** 7890 被冻结"),
    ("工资打到账号622848001234567890123里了", (), "工资打到账号*****************0123里了"),
    ("存折账号：60501234567890", (), "存折账号：**********7890"),
    # --- licence plates ---
    (
        "黄标车甘E·12345被限行，能否延期淘汰？",
        (),
        "黄标车甘E·*****被限行，能否延期淘汰？",
    ),
    ("新能源车甘ED12345在小区充电被收费", (), "新能源车甘E******在小区充电被收费"),
    ("我的车牌是甘e 5A123", (), "我的车牌是甘e *****"),
    ("新ABC买了吗", (), "新ABC买了吗"),
    # --- IM accounts ---
    ("QQ：123456789，微信号 zhangsf_1988", (), "QQ：*********，微信号 z***********"),
    # --- addresses ---
    (
        "我家住在秦州区民主西路街道藏家庄社区12号楼3单元502室，暖气一直不热。",
        (),
        "我家住在秦州区民主西路街道××××，暖气一直不热。",
    ),
    (
        "天水市麦积区中滩镇樊家村五组的棚户区改造补偿款还没发",
        (),
        "天水市麦积区中滩镇××××的棚户区改造补偿款还没发",
    ),
    ("家住滨河花园小区，物业乱收费", (), "家住××××，物业乱收费"),
    ("秦州区伏羲路28号门口天天堵车", (), "秦州区伏羲路××××门口天天堵车"),
    ("我住3号楼2单元，楼道灯坏了", (), "我住××××，楼道灯坏了"),
    ("5楼502室楼上漏水", (), "××××楼上漏水"),
    (
        "秦州区藏家庄社区居委会不给开证明",
        (),
        "秦州区××××社区居委会不给开证明",
    ),
    ("藏家庄社区12-3-502供暖不达标", (), "××××供暖不达标"),
    (
        "全市老旧小区改造进度如何？农村低保标准是多少？",
        (),
        "全市老旧小区改造进度如何？农村低保标准是多少？",
    ),
    ("驻村干部和乡村振兴工作队", (), "驻村干部和乡村振兴工作队"),
    (
        "3月3号以后还供暖吗？三室两厅也按面积收费吗？",
        (),
        "3月3号以后还供暖吗？三室两厅也按面积收费吗？",
    ),
    ("学校新建两栋教学楼，第3单元的课本缺货", (), "学校新建两栋教学楼，第3单元的课本缺货"),
    # --- names ---
    (
        "我叫张三丰，拖欠工资的事请回复张三丰本人。",
        WRITER,
        "我叫某某，拖欠工资的事请回复某某本人。",
    ),
    ("张先生您好：您反映的问题已转交。", WRITER, "某先生您好：您反映的问题已转交。"),
    ("三丰同学的低保问题", WRITER, "某某同学的低保问题"),
    ("来信人欧阳春晓，回复欧阳女士", ["欧阳春晓"], "来信人某某，回复某女士"),
    ("阿依古丽·买买提反映供暖问题，阿依古丽说", ["阿依古丽·买买提"], "某某反映供暖问题，某某说"),
    ("Zhang Sanfeng wrote: zhang sanfeng", ["Zhang Sanfeng"], "某某 wrote: 某某"),
    # after an explicit cue, also when the reviewer has not named them
    ("我叫王小明，电话13800001234", (), "我叫某某，电话138****1234"),
    ("本人李建国反映小区供暖问题，请李先生回复", (), "本人某某反映小区供暖问题，请某先生回复"),
    (
        "联系人：刘晓燕，家住秦州区建设路龙园小区",
        (),
        "联系人：某某，家住秦州区建设路××××",
    ),
    ("来信人欧阳春晓。", (), "来信人某某。"),
    # --- not personal data ---
    (
        "根据天政办发〔2016〕12号文件，申请编号YSQ2026-0012-00035，于2026年3月15日受理。",
        (),
        "根据天政办发〔2016〕12号文件，申请编号YSQ2026-0012-00035，于2026年3月15日受理。",
    ),
    (
        "拨打12345热线无人接听，拖欠工资共计38500元，涉及工人27名，2025-12-01开工。",
        (),
        "拨打12345热线无人接听，拖欠工资共计38500元，涉及工人27名，2025-12-01开工。",
    ),
    ("项目总投资13800000000元", (), "项目总投资13800000000元"),
    ("电话13812345678人不在家", (), "电话138****5678人不在家"),
    # A mask's own digits are not the start of a building number when masked again.
    ("13000000000供暖13000000000号楼", (), "130****0000供暖130****0000号楼"),
    ("2020 2021 2022 2023 四年的供暖费", (), "2020 2021 2022 2023 四年的供暖费"),
    ("编号123456789012345678不是身份证", (), "编号123456789012345678不是身份证"),
    ("", (), ""),
    ("😀👍 谢谢政府！🙏", (), "😀👍 谢谢政府！🙏"),
    # --- mixed ---
    (
        "我是张三丰，家住秦州区七里墩街道光明巷25号，电话13919381234，"
        "身份证620501198512310025，车牌甘E·A1234，请核查黄标车补贴为何未发放。",
        WRITER,
        "我是某某，家住秦州区七里墩街道光明巷××××，电话139****1234，"
        "身份证6****************5，车牌甘E·*****，请核查黄标车补贴为何未发放。",
    ),
]


@pytest.mark.parametrize(("text", "names", "expected"), CASES)
def test_masking_table(text, names, expected):
    assert mask_personal_data(text, names=names) == expected


@pytest.mark.parametrize(("text", "names", "expected"), CASES)
def test_masking_is_idempotent(text, names, expected):
    assert mask_personal_data(expected, names=names) == expected


@pytest.mark.parametrize(("text", "names", "expected"), CASES)
def test_spans_are_the_masked_regions(text, names, expected):
    spans = find_personal_data(text, names=names)
    assert spans == sorted(spans, key=lambda s: s.start)
    rebuilt, position = [], 0
    for span in spans:
        assert span.kind in KINDS
        assert span.original == text[span.start : span.end]
        assert span.original != span.replacement
        assert span.start >= position  # no overlap
        rebuilt += [text[position : span.start], span.replacement]
        position = span.end
    rebuilt.append(text[position:])
    assert "".join(rebuilt) == expected


# Sentences of real messages (the demo's among them) with no personal data: published as
# they were written. A community, a card or a name is personal data in its context only.
ORDINARY_PROSE = [
    "建议在龙园小区附近建设社区文化广场",
    "建议在东团庄小区附近建设社区文化广场",
    "{dept}已将该片区列入今年社区文化广场建设计划，选址正在与规划部门衔接。",
    "小区门口建设社区服务站，方便居民办事",
    "我们天河小区周边没有一个像样的文化广场，老年人跳广场舞只能在马路边。",
    "园区内新建社区卫生服务站，学区附近新建小区要配套幼儿园。",
    "超市附近新开了一家药店，城市社区治理要加强。",
    "全市共有社区服务中心120个，城乡社区实现全覆盖。",
    "本人于去年3月申请了低保，至今没有答复。",
    "本人向贵局反映一个问题：本人今年已经65岁，常年在外打工。",
    "本人是江苏人，本人和家人都在天水工作。",
    "我叫了救护车，等了一个小时。",
    "补贴资金拨付到车主本人账户。",
    "订单号6222021234567890123不是卡号",
    "项目编号2026110300012345已在网站公示，投资6222021234567890元。",
    "卡上余额不足3000元，银行说要等3个工作日。",
]


@pytest.mark.parametrize("text", ORDINARY_PROSE)
def test_ordinary_prose_is_published_as_written(text):
    assert find_personal_data(text) == []
    assert mask_personal_data(text) == text


# The words of the demo's messages that are personal data once filled in.
_PERSONAL_FIELDS = {"community", "addr", "name", "phone", "plate", "village"}


def _fill(template: str, words: dict) -> tuple[str, list[tuple[int, int]]]:
    """The template filled in, and where the personal words went."""
    text, personal = "", []
    for literal, field, _spec, _conversion in string.Formatter().parse(template):
        text += literal
        if field is not None:
            value = str(words.get(field, field))
            if field in _PERSONAL_FIELDS:
                personal.append((len(text), len(text) + len(value)))
            text += value
    return text, personal


def test_the_demo_messages_are_masked_only_where_personal_data_was_filled_in():
    from gongkai.interaction.demo import texts

    templates = [t for rows in texts.T.values() for row in rows for t in row[2:5]]
    templates += [row[2] for row in texts.REFUSALS] + [row[3] for row in texts.HELD_RELEASED]
    for community, street, place in zip(
        texts.COMMUNITIES, texts.CITY_STREETS * 2, ["秦州区", "甘谷县"] * 5, strict=False
    ):
        words = {
            "place": place, "town": "中滩镇", "village": "东关村", "street": street,
            "community": community, "addr": f"{place}{street}{community}3号楼2单元502室",
            "name": "王建国", "phone": "13800012345", "plate": "甘E·1234A", "dept": "市住建局",
            "school": f"{place}第一中学", "company": "宏达建材厂", "money": "3000", "n": 5,
            "month": 3, "day": 4, "age": 50, "area": 80,
        }  # fmt: skip
        for template in templates:
            text, personal = _fill(template, words)
            for span in find_personal_data(text, names=["王建国"]):
                inside = any(start < span.end and span.start < end for start, end in personal)
                assert inside, f"{span.original!r} masked in {text!r}"


def test_a_community_name_with_an_upper_level_is_still_masked():
    # 社区 is an upper level of a 小区 in it, but no 小区 is one of a 社区.
    assert mask_personal_data("家住藏家庄社区龙园小区") == "家住××××××××"
    assert mask_personal_data("秦州区建设社区居委会") == "秦州区××××社区居委会"
    assert mask_personal_data("建议在龙园小区附近建设社区文化广场") == (
        "建议在龙园小区附近建设社区文化广场"
    )


def test_find_personal_data_reports_each_kind():
    text = (
        "张三丰 13812345678 0938-8212345 620502199001011235 92620502MA71XY2KXT "
        "a@b.cn 6222021234567890128 甘E12345 QQ：12345678 藏家庄社区3号楼"
    )
    spans = find_personal_data(text, names=WRITER)
    assert [s.kind for s in spans] == [
        "name",
        "mobile",
        "landline",
        "id_number",
        "uscc",
        "email",
        "bank_card",
        "plate",
        "im_account",
        "address",
    ]
    assert {s.kind: s.original for s in spans}["address"] == "藏家庄社区3号楼"
    assert all(KIND_LABELS[s.kind] for s in spans)
    assert spans[1].label == "手机号码"


def test_full_width_characters_are_kept_outside_the_mask():
    text = "ＱＱ：１２３４５６７８，邮箱ＡＢＣ＠ＱＱ．ＣＯＭ，车牌甘Ｅ１２３４５"
    assert mask_personal_data(text) == "ＱＱ：********，邮箱Ａ***＠ＱＱ．ＣＯＭ，车牌甘Ｅ*****"


def test_bare_number_is_a_phone_only_after_a_phone_word():
    assert mask_personal_data("共有8212345户") == "共有8212345户"
    assert mask_personal_data("座机8212345") == "座机*******"


def test_check_digit_is_not_required_for_ids_but_a_birth_date_is():
    # a mistyped check digit still identifies the person
    assert mask_personal_data("620502199001011230") == "6****************0"
    # 1990-13-01 is no birth date
    assert mask_personal_data("620502199013011235") == "620502199013011235"
    # born in the future
    assert mask_personal_data("620502209901011235") == "620502209901011235"


def test_uscc_with_a_wrong_check_character_stays():
    assert mask_personal_data("92620502MA71XY2KXA") == "92620502MA71XY2KXA"


def test_names_shorter_than_two_characters_and_blank_names_are_ignored():
    text = "张先生说李四的事"
    assert mask_personal_data(text, names=["张", "", "  ", None]) == text
    assert mask_personal_data(text, names="李四") == "张先生说某某的事"


def test_manual_masks_by_phrase_and_by_selection():
    text = "藏家庄的王大爷反映，王大爷家电话13812345678"
    assert mask_phrases(text, ["王大爷", "  "]) == "藏家庄的××××反映，××××家电话13812345678"
    combined = find_personal_data(text) + phrase_spans(text, ["王大爷"])
    assert apply_masks(text, combined) == "藏家庄的××××反映，××××家电话138****5678"
    # a reviewer's selection as (start, end): "电话" and the first digits, overlapping the
    # automatic mobile span: the two are merged into one block
    assert text[14:18] == "电话13"
    merged = apply_masks(text, [*find_personal_data(text), (14, 18)])
    assert merged == "藏家庄的王大爷反映，王大爷家××××"
    # a selection inside the automatic span: the automatic mask covers it
    inside = apply_masks(text, [*find_personal_data(text), (17, 19)])
    assert inside == "藏家庄的王大爷反映，王大爷家电话138****5678"
    # a selection alone
    assert apply_masks(text, [(0, 3)]) == "××××的王大爷反映，王大爷家电话13812345678"


@pytest.mark.parametrize(
    ("spans", "message"),
    [
        ([(5, 3)], "不在文本范围内"),
        ([(0, 999)], "不在文本范围内"),
        ([(-1, 2)], "不在文本范围内"),
        ([("a", "b")], "两个整数"),
        ([(1, 2, 3)], "两个整数"),
        ([Span(0, 2, "manual", "不对", "××××")], "与原文不符"),
    ],
)
def test_apply_masks_rejects_bad_spans_with_a_chinese_message(spans, message):
    with pytest.raises(ValueError, match=message):
        apply_masks("藏家庄的王大爷反映", spans)


def test_odd_input_does_not_raise():
    assert mask_personal_data(None) == ""
    with pytest.raises(TypeError, match="文本"):
        mask_personal_data(12345)
    odd = "\x00\ufeff\u200b𠀀𪚥👨‍👩‍👧 ١٢٣ Ω≈ç√ \u202e13812345678\u202c" + "号楼" * 50 + "社区" * 50
    masked = mask_personal_data(odd, names=["𠀀𪚥"])
    assert "13812345678" not in masked
    assert mask_personal_data(masked, names=["𠀀𪚥"]) == masked
    # digits of other scripts are not numbers here (found by Hypothesis: masking them was
    # not idempotent)
    other_digits = "508318෫꣒᧙႘൭᪖1۲૭17൩00000000 ٦٢٢٢٠٢١٢٣٤٥٦٧٨٩٠١٢٨"
    assert mask_personal_data(other_digits) == other_digits


def test_ten_thousand_characters_are_masked_throughout():
    # Speed is not asserted here (benchmarks measure speed; on an idle machine this
    # text of 203 spans takes about 5 ms of CPU).
    paragraph = (
        "尊敬的领导：我是秦州区七里墩街道居民，家住光明巷25号，电话13919381234。"
        "我们小区的供暖一直不达标，2025年12月至今室温不到16度，按天政办发〔2016〕12号"
        "文件应退还部分供暖费3800元。另外，黄标车甘E·A1234的淘汰补贴也未发放，"
        "拖欠工资的事拨打12345热线也没有结果。"
    )
    text = (paragraph * (10_000 // len(paragraph) + 1))[:10_000]
    masked = mask_personal_data(text, names=WRITER)
    assert "13919381234" not in masked
    assert masked.count("139****1234") == text.count("13919381234") > 40
    assert masked.count("天政办发〔2016〕12号") == text.count("天政办发〔2016〕12号")
    assert masked.count("12345热线") == text.count("12345热线")


# --- properties ------------------------------------------------------------------------------

_MOBILE_RUN = re.compile(r"(?<![0-9])1[3-9][0-9]{9}(?![0-9])")
_FOLD = {cp: cp - 0xFEE0 for cp in range(0xFF10, 0xFF1A)}

mobiles = st.from_regex(r"1[3-9]\d{9}", fullmatch=True)
words = st.sampled_from(
    [
        "供暖",
        "低保",
        "黄标车",
        "棚户区改造",
        "拖欠工资",
        "电话",
        "社区",
        "小区",
        "村",
        "号楼",
        "单元",
        "室",
        "元",
        "秦州区",
        "路",
        "甘E",
        "+86",
        "-",
        " ",
        "，",
        "@",
        "QQ",
        "×",
        "*",
        "某",
        "张先生",
    ]
)
pieces = st.one_of(
    mobiles,
    words,
    st.text(alphabet="0123456789０１２３４５６７８９ -Xx", max_size=20),
    st.text(max_size=5),
)
texts = st.lists(pieces, max_size=25).map("".join)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_no_mobile_from_the_input_survives(text):
    masked = mask_personal_data(text)
    folded_input, folded_output = text.translate(_FOLD), masked.translate(_FOLD)
    amount = r"\s*(?:元|万|亿|美元|块|平方|㎡|吨|公斤|千克|%)"
    for m in _MOBILE_RUN.finditer(folded_input):
        if re.match(amount, folded_input[m.end() :]):
            continue  # an amount or a count followed by its unit, by design
        assert m.group() not in _MOBILE_RUN.findall(folded_output)


@settings(max_examples=300, deadline=None)
@given(texts, st.lists(st.sampled_from(["张三丰", "李四", "欧阳春晓", "A1"]), max_size=2))
def test_text_outside_the_spans_is_preserved_and_masking_is_idempotent(text, names):
    spans = find_personal_data(text, names=names)
    masked = mask_personal_data(text, names=names)
    position, pieces_ = 0, []
    for span in spans:
        assert position <= span.start < span.end <= len(text)
        pieces_ += [text[position : span.start], span.replacement]
        position = span.end
    pieces_.append(text[position:])
    assert masked == "".join(pieces_)
    assert mask_personal_data(masked, names=names) == masked
