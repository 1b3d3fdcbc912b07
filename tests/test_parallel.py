import io

import pytest

from kg.build import build
from kg.ingest import InputError
from kg.model import Article
from kg.parallel import ArticleGraphData
from kg.pipeline import extract_article, extract_paths
from kg.progress import Progress
from kg.rdf.convert import from_nquads
from tests.bench.corpus import write_corpus


@pytest.fixture(scope="module")
def corpus(shared, tmp_path_factory):
    """Six corpus articles (real FinRE and CLUENER sentences, Eastmoney markup) and one bad file."""
    root = tmp_path_factory.mktemp("corpus")
    write_corpus(shared, root, 6)
    (root / "0000" / "zz-empty.txt").write_text("", "utf-8")
    return root


def _records(items) -> list:
    return [item.record() if isinstance(item, InputError) else item.records() for item in items]


@pytest.fixture(scope="module")
def one_process(corpus):
    return _records(extract_paths([str(corpus)], workers=1))


def test_worker_processes_give_the_same_output_as_one_process(corpus, one_process):
    assert len(one_process) == 7
    assert one_process[-1] == {"path": str(corpus / "0000" / "zz-empty.txt"), "reason": "empty file"}
    assert sum(1 for recs in one_process[:-1] for r in recs if r["kind"] == "fact") > 0
    assert _records(extract_paths([str(corpus)], workers=2)) == one_process


def test_a_build_with_worker_processes_writes_the_same_files_as_one_process(corpus, tmp_path):
    for workers in (1, 2):
        report = build([str(corpus)], tmp_path / str(workers), workers=workers, html=False, progress=False)
        assert report.articles == 6 and len(report.failed) == 1
    for name in ("graph.trig", "graph.ttl", "report.json"):
        assert (tmp_path / "1" / name).read_bytes() == (tmp_path / "2" / name).read_bytes(), name


def test_an_article_graph_crosses_processes_as_n_quads_unchanged():
    text = '贵州茅台董事长丁雄军表示,"i茅台"\\运行\r\n正常\x01。'
    ex = extract_article(Article("a\tb", "x.txt", text, title="“标题”\n", content_hash="h"))
    data = ArticleGraphData.of(ex)
    portable = data.portable()
    assert isinstance(portable.graph, bytes)
    assert from_nquads(portable.graph) == data.graph and len(data.graph) > 20
    assert (portable.article_id, portable.entity_types, portable.predicates) == (
        "a\tb",
        tuple((e.id, e.type) for e in ex.entities.values()),
        tuple(f.predicate for f in ex.facts),
    )
    assert "holds_position" in portable.predicates
    assert portable.portable() is portable


def test_a_dask_cluster_gives_the_same_output_as_one_process(corpus, one_process):
    distributed = pytest.importorskip(
        "distributed", reason="dask is an optional dependency: pip install 'kg[dask]'"
    )
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        assert _records(extract_paths([str(corpus)], dask=cluster.scheduler_address)) == one_process


def test_an_unreachable_dask_scheduler_is_a_clear_error(corpus):
    pytest.importorskip("distributed", reason="dask is an optional dependency: pip install 'kg[dask]'")
    with pytest.raises(RuntimeError, match="cannot reach the Dask scheduler"):
        list(extract_paths([str(corpus)], dask="tcp://127.0.0.1:9"))


def test_progress_counts_rate_and_failures_on_a_terminal():
    out = io.StringIO()
    bar = Progress(10, stream=out, enabled=True, interval=0)
    bar.advance(3)
    bar.advance(1, failed=1)
    bar.close()
    last = out.getvalue().rsplit("\r", 1)[-1]
    assert "4/10 articles" in last and "/s" in last and "left" in last and "1 failed" in last
    assert out.getvalue().endswith("\n")


def test_progress_is_silent_off_a_terminal():
    out = io.StringIO()  # not a terminal
    with Progress(5, stream=out) as bar:
        bar.advance(5)
    assert out.getvalue() == ""


def test_warming_up_loads_the_models_a_worker_would_load_with_its_first_article():
    from kg.learn import ner, relations
    from kg.pipeline import warm_up

    ner.load.cache_clear()
    relations.load.cache_clear()
    warm_up()
    assert ner.load.cache_info().currsize == 1 and relations.load.cache_info().currsize == 1


def test_the_worker_server_starts_before_the_inputs_are_read_only_when_a_pool_will_extract(monkeypatch):
    from multiprocessing import forkserver

    from kg.parallel import prepare_workers

    started = []
    monkeypatch.setattr(forkserver, "ensure_running", lambda: started.append(True))
    prepare_workers(2, None, files=1)
    prepare_workers(1, None, files=5)
    prepare_workers(2, "tcp://127.0.0.1:8786", files=5)
    assert started == []
    prepare_workers(0, None, files=2)
    assert started == [True]
