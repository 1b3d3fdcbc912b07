from kg.learn.finre import Record
from kg.learn.finre_mentions import finre_examples


class Reading:
    """A stand-in tagger that reads fixed spans (start, end, CLUENER label) in every sentence."""

    def __init__(self, *spans):
        self.spans = spans

    def predict_labels(self, text, tokens=None):
        return [(a, b, label, 0.9) for a, b, label in self.spans]


def record(head, tail, sentence, label="unknown"):
    return Record(head, tail, label, sentence, 1)


def labelled(example):
    return [(example.text[a:b], label) for a, b, label in example.spans]


def span(text, name, label):
    start = text.index(name)
    return start, start + len(name), label


def test_finre_names_replace_what_the_tagger_read_over_them_in_the_clauses_that_hold_them():
    text = "据公告,董事长阮伟祥称浙江龙盛拟以0万元受让闰土股份,次日复牌"
    tagger = Reading(
        span(text, "公告", "other"),
        span(text, "董事长", "position"),
        span(text, "阮伟祥", "name"),
        span(text, "浙江", "address"),
    )
    [example] = finre_examples(tagger, [record("浙江龙盛", "闰土股份", text)])
    assert example.text == "董事长阮伟祥称浙江龙盛拟以0万元受让闰土股份,"
    assert labelled(example) == [
        ("董事长", "position"),
        ("阮伟祥", "name"),
        ("浙江龙盛", "company"),
        ("闰土股份", "company"),
    ]


def test_a_name_the_tagger_read_exactly_keeps_its_class_and_every_occurrence_is_taught():
    text = "国资委同意,国资委旗下中粮入股蒙牛"
    tagger = Reading((0, 3, "government"))
    [example] = finre_examples(tagger, [record("国资委", "中粮", text), record("中粮", "蒙牛", text)])
    assert labelled(example) == [
        ("国资委", "government"),
        ("国资委", "company"),
        ("中粮", "company"),
        ("蒙牛", "company"),
    ]


def test_a_person_over_the_name_or_a_longer_name_opening_with_it_is_kept():
    text = "本报记者获悉中石化集团与李宁文化、百丽签约"
    tagger = Reading(span(text, "中石化集团", "company"), span(text, "李宁", "name"))
    records = [record("中石化", "百丽", text), record("李宁文化", "百丽", text)]
    [example] = finre_examples(tagger, records)
    assert labelled(example) == [("中石化集团", "company"), ("李宁", "name"), ("百丽", "company")]


def test_sentences_with_nothing_to_teach_give_no_example():
    text = "中石化集团获悉"
    assert finre_examples(Reading((0, 5, "company")), [record("中石化", "中石化", text)]) == []
