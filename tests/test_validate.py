"""Validating built graphs against the shapes: correct graphs conform, each kind of defect is named."""

from __future__ import annotations

import copy
import json

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, XSD

from kg.cli import main
from kg.model import Article, Entity, Extraction, Fact, Mention
from kg.pipeline import build_dataset
from kg.rdf.vocab import ID, KG, ORG, SCHEMA, article_iri, bind_prefixes, entity_iri
from kg.validate import Report, ontology, shapes, validate

# The seed article's entities: name -> (type, ticker, aliases)
SEED_ENTITIES = {
    "贵州茅台": ("Company", "SH600519", ["茅台"]),
    "九州通": ("Company", "SH600998", []),
    "i茅台": ("Product", None, []),
    "李静仁": ("Person", None, []),
    "丁雄军": ("Person", None, []),
    "杭州互联网公证处": ("Organization", None, []),
    "贵州省": ("Location", None, []),
    "茅台数字营销平台": ("Project", None, []),
}

# (subject, subject text, predicate, object, object text, a snippet of the evidence sentence, qualifiers)
SEED_FACTS = [
    ("贵州茅台", "茅台", "owns", "i茅台", "i茅台", "茅台旗下自营电商APP", {}),
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
        {"position": "总经理", "as_written": "代行总经理职责", "acting": True},
    ),
    ("丁雄军", "丁雄军", "holds_position", "贵州茅台", "贵州茅台", "董事长丁雄军", {"position": "董事长"}),
    ("九州通", "九州通", "provides_service_to", "i茅台", "i茅台", "相关技术服务主要由他们承担", {}),
    ("九州通", "公司", "wins_bid", "茅台数字营销平台", "茅台数字营销平台", "中标", {"date": "2021-11-01"}),
]


def _sentence(text: str, snippet: str) -> tuple[int, int]:
    at = text.index(snippet)
    start = max(text.rfind("。", 0, at), text.rfind("\n", 0, at)) + 1
    return start, text.index("。", at) + 1


def hand_made(article: Article, facts=SEED_FACTS, confidence: float = 0.9) -> Extraction:
    """A correct extraction of the seed article, built by hand as the contract describes it."""
    entities = {}
    by_name = {}
    for name, (type_name, ticker, aliases) in SEED_ENTITIES.items():
        entity = Entity(str(entity_iri(type_name, ticker or name)), type_name, name, list(aliases), ticker)
        entities[entity.id] = by_name[name] = entity
    text = article.text
    out = []
    for subj, subj_text, predicate, obj, obj_text, snippet, qualifiers in facts:
        start, end = _sentence(text, snippet)

        def mention(name: str, surface: str, start: int = start, end: int = end) -> Mention:
            at = text.index(surface, start, end)
            e = by_name[name]
            return Mention(at, at + len(surface), surface, e.type, "lexicon", entity=e.id)

        out.append(
            Fact(
                predicate,
                mention(subj, subj_text),
                mention(obj, obj_text),
                (start, end),
                "patterns",
                confidence,
                dict(qualifiers),
            )
        )
    return Extraction(article, [], entities, out)


@pytest.fixture(scope="module")
def correct(seed_article) -> Extraction:
    return hand_made(seed_article)


@pytest.fixture
def built(correct) -> Dataset:
    """A fresh built graph of the hand-made seed extraction, safe to modify."""
    return build_dataset([correct])


def _fact_node(ds: Dataset, predicate: str) -> URIRef:
    return sorted(ds.subjects(RDF.predicate, KG[predicate]))[0]


def _replace(ds: Dataset, s, p, o) -> None:
    (graph,) = [g for g in ds.graphs() if (s, p, None) in g]
    graph.set((s, p, o))


def _results(report: Report, constraint: str | None = None) -> list:
    return [v for v in report.violations if constraint is None or v.constraint == constraint]


# Correct graphs


def test_the_hand_made_seed_graph_conforms(built):
    report = validate(built)
    assert report.conforms, report.text()
    assert report.violations == []
    assert report.triples == len(set(built.triples((None, None, None))))
    assert report.text() == f"conforms: {report.triples} triples, 0 violations"


def test_the_pipelines_seed_graph_conforms(seed_extraction):
    report = validate(build_dataset([seed_extraction]))
    assert report.conforms, report.text()
    assert report.count("Violation") == 0


def test_named_graphs_are_validated_together(correct, seed_article):
    # The fact of one article may name an entity typed in another only through the union.
    second = copy.deepcopy(correct)
    second.article.id = "second"
    report = validate(build_dataset([correct, second]))
    assert report.conforms, report.text()


def test_a_plain_graph_and_a_graph_read_back_from_trig_give_the_same_report(built, tmp_path):
    path = tmp_path / "graph.trig"
    bind_prefixes(built)
    built.serialize(str(path), format="trig")
    reread = Dataset(default_union=True)
    reread.parse(str(path), format="trig")
    plain = Graph()
    for s, p, o in built.triples((None, None, None)):
        plain.add((s, p, o))
    assert validate(reread).text() == validate(plain).text() == validate(built).text()


def test_validation_leaves_the_input_ontology_and_shapes_untouched(built):
    sizes = len(list(built.quads((None, None, None, None)))), len(ontology()), len(shapes())
    validate(built)
    assert (len(list(built.quads((None, None, None, None)))), len(ontology()), len(shapes())) == sizes


def test_names_differing_between_articles_warn_but_conform(correct):
    second = copy.deepcopy(correct)
    second.article.id = "second"
    moutai = str(entity_iri("Company", "SH600519"))
    second.entities[moutai].name = "茅台"
    report = validate(build_dataset([correct, second]))
    assert report.conforms
    (warning,) = report.violations
    assert (warning.severity, warning.focus) == ("Warning", URIRef(moutai))
    assert "more than one rdfs:label" in warning.message
    assert report.summary().endswith("0 violations, 1 warning")


# Defects


def test_a_fact_without_its_sentence(built):
    node = _fact_node(built, "owns")
    built.remove((node, KG.sentence, None, None))
    report = validate(built)
    assert not report.conforms
    (v,) = report.violations
    assert (v.focus, v.path, v.constraint) == (node, KG.sentence, "MinCount")
    assert "kg:sentence" in v.line() and "kgid:fact/" in v.line()


def test_a_fact_whose_evidence_starts_after_it_ends(built):
    node = _fact_node(built, "owns")
    end = built.value(node, KG.end)
    _replace(built, node, KG.start, Literal(end.toPython() + 1))
    (v,) = validate(built).violations
    assert (v.focus, v.path, v.constraint) == (node, KG.start, "LessThanOrEquals")
    assert "kg:start > kg:end" in v.message


@pytest.mark.parametrize("ticker", ["600519", "SH60051", "sh600519", "HK700", "US.baba", "NASDAQ:BABA"])
def test_a_malformed_ticker(seed_article, ticker):
    ex = hand_made(seed_article)
    moutai = str(entity_iri("Company", "SH600519"))
    ex.entities[moutai].ticker = ticker
    (v,) = validate(build_dataset([ex])).violations
    assert (v.focus, v.path, v.constraint, v.value) == (URIRef(moutai), KG.ticker, "Pattern", Literal(ticker))


@pytest.mark.parametrize("ticker", ["SH600519", "SZ000858", "BJ430047", "HK00700", "US.BABA", "US.BRK.B"])
def test_well_formed_tickers(seed_article, ticker):
    ex = hand_made(seed_article)
    ex.entities[str(entity_iri("Company", "SH600519"))].ticker = ticker
    assert validate(build_dataset([ex])).conforms


def test_a_ticker_on_something_other_than_a_company(seed_article):
    ex = hand_made(seed_article)
    product = str(entity_iri("Product", "i茅台"))
    ex.entities[product].ticker = "SH600519"
    (v,) = validate(build_dataset([ex])).violations
    assert (v.focus, v.constraint) == (URIRef(product), "Class")


def test_a_position_held_by_a_company(seed_article):
    facts = [
        ("九州通", "公司", "holds_position", "贵州茅台", "茅台", "茅台数字营销平台", {"position": "供应商"})
    ]
    report = validate(build_dataset([hand_made(seed_article, facts)]))
    assert not report.conforms
    jzt = URIRef(entity_iri("Company", "SH600998"))
    (v,) = report.violations
    assert (v.focus, v.constraint) == (jzt, "Class")
    assert "kg:Person" in v.message


def test_a_position_held_at_a_product(seed_article):
    facts = [("李静仁", "李静仁", "holds_position", "i茅台", "i茅台", "i茅台”5月9日", {"position": "负责人"})]
    (v,) = validate(build_dataset([hand_made(seed_article, facts)])).violations
    assert (v.focus, v.constraint) == (URIRef(entity_iri("Product", "i茅台")), "Or")


def test_a_membership_whose_member_is_not_a_person(built):
    node = _fact_node(built, "holds_position")
    product = URIRef(entity_iri("Product", "i茅台"))
    _replace(built, node, ORG.member, product)
    found = {(v.focus, v.path, v.constraint) for v in validate(built).violations}
    assert found == {(product, None, "Class"), (node, ORG.member, "Equals")}


def test_a_membership_without_a_title(seed_article):
    facts = [("丁雄军", "丁雄军", "holds_position", "贵州茅台", "贵州茅台", "董事长丁雄军", {"position": ""})]
    found = {
        (v.path, v.constraint) for v in validate(build_dataset([hand_made(seed_article, facts)])).violations
    }
    assert (KG.positionTitle, "MinLength") in found


@pytest.mark.parametrize("confidence", [1.5, -0.1])
def test_a_confidence_outside_zero_to_one(seed_article, confidence):
    report = validate(build_dataset([hand_made(seed_article, SEED_FACTS[:1], confidence=confidence)]))
    (v,) = report.violations
    assert (v.path, v.constraint) == (KG.confidence, "MaxInclusive" if confidence > 1 else "MinInclusive")
    assert v.value == Literal(str(confidence), datatype=XSD.decimal)


def test_a_confidence_that_is_not_a_decimal(built):
    node = _fact_node(built, "owns")
    _replace(built, node, KG.confidence, Literal("high"))
    found = {(v.focus, v.path, v.constraint) for v in validate(built).violations}
    assert (node, KG.confidence, "Datatype") in found
    assert {(focus, path) for focus, path, _ in found} == {(node, KG.confidence)}


def test_a_month_without_a_day_is_a_valid_date(seed_article):
    facts = [SEED_FACTS[-1][:-1] + ({"date": "2021-11"},)]
    assert validate(build_dataset([hand_made(seed_article, facts)])).conforms


@pytest.mark.parametrize("date", ["2021-11-31", "2021年1月", "2021-13", "11月9日"])
def test_a_malformed_date(seed_article, date):
    facts = [SEED_FACTS[-1][:-1] + ({"date": date},)]
    (v,) = validate(build_dataset([hand_made(seed_article, facts)])).violations
    assert (v.path, v.constraint, str(v.value)) == (KG.date, "Or", date)


def test_a_predicate_outside_the_contract(seed_article):
    facts = [("九州通", "九州通", "employs", "i茅台", "i茅台", "相关技术服务主要由他们承担", {})]
    (v,) = validate(build_dataset([hand_made(seed_article, facts)])).violations
    assert (v.focus, v.path, v.constraint) == (KG.employs, RDFS.subPropertyOf, "HasValue")


def test_a_fact_naming_an_entity_without_a_record(built):
    node = _fact_node(built, "owns")
    ghost = ID["product/ghost"]
    _replace(built, node, RDF.object, ghost)
    found = {(v.focus, v.constraint) for v in validate(built).violations}
    assert (ghost, "Class") in found


def test_a_fact_not_derived_from_an_article(built):
    node = _fact_node(built, "owns")
    built.remove((node, PROV.wasDerivedFrom, None, None))
    (v,) = validate(built).violations
    assert (v.focus, v.constraint) == (node, "MinCount")


def test_an_article_with_an_invalid_publication_time(seed_article):
    article = copy.deepcopy(seed_article)
    article.published = "2022年5月13日"
    found = {
        (v.focus, v.path, v.constraint) for v in validate(build_dataset([hand_made(article)])).violations
    }
    assert (article_iri(article.id), SCHEMA.datePublished, "Datatype") in found
    # Positions are reported on the publication day, so their kg:reportedOn is just as malformed.
    assert {path for _, path, _ in found} == {SCHEMA.datePublished, KG.reportedOn}


def test_results_are_sorted_and_rendered_one_per_line(built):
    for predicate in ("owns", "wins_bid"):
        built.remove((_fact_node(built, predicate), KG.extractor, None, None))
    report = validate(built)
    lines = report.text().splitlines()
    assert (
        len(lines) == 3 and lines[-1].startswith("does not conform:") and lines[-1].endswith("2 violations")
    )
    assert lines[:2] == sorted(lines[:2])
    assert all(line.startswith("Violation: kgid:fact/") for line in lines[:2])
    assert validate(built).text() == report.text()
    record = json.loads(json.dumps(report.as_dict()))
    assert record["conforms"] is False
    assert record["violations"][0]["path"] == str(KG.extractor)
    assert set(record["violations"][0]) == {"severity", "focus", "path", "message", "value", "constraint"}


# The command line


@pytest.fixture
def graph_file(built, tmp_path):
    def write(ds: Dataset = built, name: str = "graph.trig"):
        path = tmp_path / name
        bind_prefixes(ds)
        ds.serialize(str(path), format="trig" if name.endswith(".trig") else "nquads")
        return path

    return write


def test_cli_on_a_correct_graph(graph_file, capsys):
    path = graph_file()
    assert main(["validate", str(path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("conforms: ") and out.endswith(" triples, 0 violations\n")
    assert main(["validate", str(path.parent)]) == 0  # a build folder holding graph.trig


def test_cli_reports_each_violation_and_exits_1(built, graph_file, capsys):
    built.remove((_fact_node(built, "owns"), KG.sentence, None, None))
    assert main(["validate", str(graph_file(built, "graph.nq"))]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("Violation: kgid:fact/") and "kg:sentence" in lines[0]
    assert lines[1].startswith("does not conform:") and lines[1].endswith("1 violation")


def test_cli_json(built, graph_file, capsys):
    _replace(built, _fact_node(built, "owns"), KG.confidence, Literal("1.5", datatype=XSD.decimal))
    assert main(["validate", str(graph_file(built)), "--format", "json"]) == 1
    record = json.loads(capsys.readouterr().out)
    assert record["conforms"] is False and record["triples"] > 100
    (v,) = record["violations"]
    assert (v["path"], v["value"], v["constraint"]) == (str(KG.confidence), "1.5", "MaxInclusive")


def test_cli_ill_typed_literal_gives_a_report_not_a_traceback(built, graph_file, capsys):
    _replace(built, _fact_node(built, "owns"), KG.start, Literal("four", datatype=XSD.integer))
    assert main(["validate", str(graph_file(built))]) == 1
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    assert "kg:start" in captured.out


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("garbage.trig", b"this is not RDF {{{", "cannot parse as trig"),
        ("binary.ttl", bytes(range(256)), "cannot parse as turtle"),
        ("empty.trig", b"", "holds no triples"),
        ("graph.csv", b"a,b,c\n", "unknown RDF format"),
    ],
)
def test_cli_unreadable_files_exit_2_with_one_line(write, capsys, name, content, reason):
    path = write(name, content)
    assert main(["validate", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    (line,) = captured.err.splitlines()
    assert line.startswith(f"kg validate: {path}") and reason in line


def test_cli_missing_file_and_folder_without_graph(tmp_path, capsys):
    assert main(["validate", str(tmp_path / "nope.trig")]) == 2
    assert main(["validate", str(tmp_path)]) == 2
    missing, folder = capsys.readouterr().err.splitlines()
    assert missing == f"kg validate: {tmp_path / 'nope.trig'}: no such file or directory"
    assert folder.startswith(f"kg validate: {tmp_path}: ")
