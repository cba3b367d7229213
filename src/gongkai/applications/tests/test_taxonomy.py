from gongkai.applications.models import OUTCOME_GROUPS, REPLY_OUTCOMES, Outcome, outcome_label


def test_outcomes_are_exactly_the_national_rows():
    sizes = [(group, len(outcomes)) for group, _, outcomes in OUTCOME_GROUPS]
    assert sizes == [
        ("disclose", 1),
        ("partial", 1),
        ("withhold", 8),
        ("unable", 3),
        ("refuse", 5),
        ("other", 3),
    ]
    listed = [o for _, _, outcomes in OUTCOME_GROUPS for o in outcomes]
    assert sorted(listed) == sorted(Outcome)
    assert len(listed) == 21
    assert [o.label for o in OUTCOME_GROUPS[2][2]] == [
        "属于国家秘密",
        "其他法律行政法规禁止公开",
        "危及“三安全一稳定”",
        "保护第三方合法权益",
        "属于三类内部事务信息",
        "属于四类过程性信息",
        "属于行政执法案卷",
        "属于行政查询事项",
    ]


def test_abandonment_outcomes_are_not_chosen_by_hand():
    assert Outcome.OTHER_NO_CORRECTION not in REPLY_OUTCOMES
    assert Outcome.OTHER_FEE_UNPAID not in REPLY_OUTCOMES
    assert len(REPLY_OUTCOMES) == 19


def test_labels_name_the_group():
    assert outcome_label("withhold.state_secret") == "不予公开（属于国家秘密）"
    assert outcome_label("disclose") == "予以公开"
