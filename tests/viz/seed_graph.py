"""The seed article's facts (as its gold file states them) as an RDF dataset, for tests of the graph views.

The article is read from the bundled sample (the real seed article); mentions are located in its text and
the facts are made by hand, so the graph is what a correct extraction of that article yields, whatever
the extractors do today.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from rdflib import Dataset

from kg.build import sample_dir
from kg.ingest import read_inputs
from kg.model import Article, Entity, Extraction, Fact, Mention
from kg.pipeline import build_dataset
from kg.rdf.vocab import entity_iri
from kg.text.sentences import split_sentences

# name, type, key (ticker or name), aliases
ENTITIES = [
    ("贵州茅台", "Company", "SH600519", ["茅台"]),
    ("九州通", "Company", "SH600998", []),
    ("i茅台", "Product", "i茅台", []),
    ("李静仁", "Person", "李静仁", []),
    ("丁雄军", "Person", "丁雄军", []),
    ("杭州互联网公证处", "Organization", "杭州互联网公证处", []),
    ("黑猫投诉平台", "Organization", "黑猫投诉平台", []),
    ("财联社", "Organization", "财联社", []),
    ("贵州省", "Location", "贵州省", []),
    ("茅台数字营销平台", "Project", "茅台数字营销平台", []),
]
TICKERS = {"SH600519", "SH600998"}

# subject name, subject text, predicate, object name, object text, a phrase of the evidence, qualifiers
FACTS = [
    ("九州通", "九州通", "provides_service_to", "i茅台", "i茅台", "相关技术服务主要由他们承担", {}),
    (
        "李静仁",
        "李静仁",
        "holds_position",
        "贵州茅台",
        "贵州茅台",
        "董事、代行总经理职责李静仁",
        {"position": "董事"},
    ),
    (
        "李静仁",
        "李静仁",
        "holds_position",
        "贵州茅台",
        "贵州茅台",
        "董事、代行总经理职责李静仁",
        {"position": "总经理", "acting": True, "as_written": "代行总经理职责"},
    ),
    (
        "丁雄军",
        "丁雄军",
        "holds_position",
        "贵州茅台",
        "贵州茅台",
        "董事长丁雄军也表示",
        {"position": "董事长"},
    ),
    ("贵州茅台", "茅台", "owns", "i茅台", "i茅台", "茅台旗下自营电商APP", {}),
    ("九州通", "公司", "wins_bid", "茅台数字营销平台", "茅台数字营销平台", "物流技术板块中标", {}),
]


def seed_article() -> Article:
    """The real seed article as the ingest step reads it."""
    (article,) = list(read_inputs([sample_dir()]))
    assert isinstance(article, Article), article
    return article


def seed_extraction(article: Article | None = None) -> Extraction:
    """The seed article's entities and facts (see the gold file), located in `article`'s text."""
    article = article or seed_article()
    entities = {}
    for name, type_, key, aliases in ENTITIES:
        eid = str(entity_iri(type_, key))
        entities[name] = Entity(eid, type_, name, aliases, key if key in TICKERS else None)
    ex = Extraction(article=article, entities={e.id: e for e in entities.values()})
    for subj, subj_text, pred, obj, obj_text, phrase, qualifiers in FACTS:
        ex.facts.append(
            _fact(article.text, entities, subj, subj_text, pred, obj, obj_text, phrase, qualifiers)
        )
    return ex


def _fact(text, entities, subj, subj_text, pred, obj, obj_text, phrase, qualifiers) -> Fact:
    at = text.index(phrase)
    sentence = next((s, e) for s, e in split_sentences(text) if s <= at < e)
    s_mention = _mention(text, sentence, subj_text, entities[subj])
    o_mention = _mention(text, sentence, obj_text, entities[obj])
    return Fact(pred, s_mention, o_mention, sentence, "hand", 0.9, dict(qualifiers))


def _mention(text: str, sentence: tuple[int, int], surface: str, entity: Entity) -> Mention:
    start = text.index(surface, sentence[0], sentence[1])
    return Mention(start, start + len(surface), surface, entity.type, "hand", 0.9, entity.ticker, entity.id)


# An article whose title and text carry markup that must stay text wherever the graph is shown.
XSS_TITLE = '茅台"><img src=x onerror="window.__xss=1">公告<script>window.__xss=2</script>'
XSS_SENTENCE = '九州通与贵州茅台签署协议<script>window.__xss=3</script><img src=y onerror=window.__xss=4>"。'


def hostile_extraction() -> Extraction:
    """A second article, published later, whose title and evidence sentence are XSS payloads."""
    text = f"{XSS_SENTENCE}其余正文。"
    article = replace(
        seed_article(),
        id="hostile-1",
        path="hostile.md",
        text=text,
        title=XSS_TITLE,
        published="2022-06-01T09:00:00+08:00",
        url="javascript:window.__xss=5",
        anchors=[],
    )
    ents = {
        name: Entity(str(entity_iri(t, k)), t, name, a, k if k in TICKERS else None)
        for name, t, k, a in ENTITIES
    }
    jzt, mt = ents["九州通"], ents["贵州茅台"]
    sentence = (0, len(XSS_SENTENCE))
    fact = Fact(
        "signs_agreement_with",
        _mention(text, sentence, "九州通", jzt),
        _mention(text, sentence, "贵州茅台", mt),
        sentence,
        "hand",
        0.6,
    )
    return Extraction(article=article, entities={jzt.id: jzt, mt.id: mt}, facts=[fact])


def seed_dataset(hostile: bool = False) -> Dataset:
    """The seed article's graph, with the hostile article's too when asked."""
    return build_dataset([seed_extraction(), *([hostile_extraction()] if hostile else [])])


def write_seed_graph(path: Path, hostile: bool = False) -> Path:
    """The seed article's graph written as a built graph file (TriG, one named graph per article)."""
    seed_dataset(hostile).serialize(str(path), format="trig")
    return path
