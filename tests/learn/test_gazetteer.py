from kg.extract import run
from kg.extract.doc import Doc
from kg.ingest.plain import text_article
from kg.learn.gazetteer import load, train


def test_shipped_gazetteer_knows_training_names():
    matcher = load()
    assert matcher is not None
    found = {(m[2]) for m in matcher.find("腾讯") if (m[0], m[1]) == (0, 2)}
    assert found == {"Company"}


def test_short_names_match_only_as_whole_words():
    doc = run(Doc(text_article("t.txt", "腾讯与阿里巴巴展开竞争。")), frozenset({"ner", "relmodel"}))
    assert ("腾讯", "Company") in [(m.text, m.type) for m in doc.mentions]


def test_training_keeps_names_annotators_marked_and_drops_common_words(tmp_path):
    data = tmp_path / "data"
    (data / "cluener").mkdir(parents=True)
    (data / "finre").mkdir()
    lines = ['{"text": "腾讯发布财报", "label": {"company": {"腾讯": [[0, 1]]}}}'] * 9
    lines += ['{"text": "发布会在北京", "label": {}}', '{"text": "held out", "label": {}}']
    (data / "cluener" / "train.json").write_text("\n".join(lines) + "\n", "utf-8")
    (data / "finre" / "train.txt").write_text(
        "东方航空\t上航\t合并\t东方航空传将与上航合并\n\n上航\t东方航空\t合并\t东方航空传将与上航合并\n"
        "东方航空\t上航\tunknown\t东方航空和上航\n",
        "utf-8",
    )
    figures = train(data, tmp_path)
    rows = (tmp_path / "gazetteer.tsv").read_text("utf-8").splitlines()[1:]
    names = {r.split("\t")[0]: r.split("\t")[1] for r in rows}
    assert names == {"腾讯": "Company", "东方航空": "Company", "上航": "Company"}
    assert figures["names"] == 3


def test_training_leaves_out_words_that_never_name_an_entity(tmp_path):
    data = tmp_path / "data"
    (data / "cluener").mkdir(parents=True)
    (data / "finre").mkdir()
    line = '{"text": "监管部门约谈腾讯", "label": {"government": {"监管部门": [[0, 3]]}, "company": {"腾讯": [[6, 7]]}}}'
    (data / "cluener" / "train.json").write_text("\n".join([line] * 10) + "\n", "utf-8")
    (data / "finre" / "train.txt").write_text("", "utf-8")
    train(data, tmp_path)
    rows = (tmp_path / "gazetteer.tsv").read_text("utf-8").splitlines()[1:]
    assert [r.split("\t")[0] for r in rows] == ["腾讯"]
