"""`kg serve`: a read-only SPARQL endpoint with a query timeout and a bound on rows."""

import csv
import io
import json
import urllib.error
import urllib.parse
import urllib.request

import pytest

from kg.cli import main
from kg.store import StoreError, open_store
from kg.store.endpoint import make_server, serve_in_thread
from tests.store.conftest import article_graph

PEOPLE = """SELECT ?name WHERE { GRAPH ?g { ?m <http://www.w3.org/ns/org#member> ?p .
  ?p <http://www.w3.org/2000/01/rdf-schema#label> ?name } } ORDER BY ?name"""
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory, seed_extraction):
    root = tmp_path_factory.mktemp("serve") / "store"
    with open_store(root) as s:
        s.put_article(article_graph(seed_extraction))
    server, runner = make_server(root, port=0, workers=1, timeout=2, max_rows=2)
    serve_in_thread(server)
    yield f"http://127.0.0.1:{server.server_address[1]}/sparql"
    server.shutdown()
    server.server_close()
    runner.close()


def _get(url: str, query: str, accept: str = "", **params):
    full = f"{url}?{urllib.parse.urlencode({'query': query, **params})}"
    req = urllib.request.Request(full, headers={"Accept": accept} if accept else {})
    try:
        with urllib.request.urlopen(req, timeout=60) as resp:
            return resp.status, dict(resp.headers), resp.read()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), err.read()


def test_select_answers_in_json_with_rows_bounded(endpoint):
    status, headers, body = _get(endpoint, PEOPLE)
    assert status == 200 and headers["Content-Type"] == "application/sparql-results+json"
    doc = json.loads(body)
    assert doc["head"]["vars"] == ["name"]
    assert [b["name"] for b in doc["results"]["bindings"]] == [
        {"type": "literal", "value": "丁雄军"},
        {"type": "literal", "value": "李静仁"},
    ]
    assert headers["KG-Results-Truncated"] == "2"  # three people, two rows allowed


def test_formats_are_negotiated(endpoint):
    status, headers, body = _get(endpoint, PEOPLE, accept="text/csv")
    assert status == 200 and headers["Content-Type"] == "text/csv"
    assert list(csv.reader(io.StringIO(body.decode("utf-8")))) == [["name"], ["丁雄军"], ["李静仁"]]
    status, _, body = _get(endpoint, "ASK { ?s ?p ?o }", format="xml")
    assert b"<boolean>true</boolean>" in body
    status, headers, body = _get(
        endpoint, "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 1", accept="text/turtle"
    )
    assert status == 200 and headers["Content-Type"] == "text/turtle" and body


def test_updates_and_bad_queries_are_refused(endpoint):
    req = urllib.request.Request(
        endpoint, data=b"update=CLEAR+ALL", headers={"Content-Type": "application/x-www-form-urlencoded"}
    )
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(req, timeout=30)
    assert err.value.code == 403
    status, _, body = _get(endpoint, "SELECT WHERE {")
    assert status == 400 and b"syntax error" in body


def test_a_query_past_the_timeout_is_stopped_and_the_endpoint_goes_on(endpoint):
    status, _, body = _get(endpoint, SLOW)
    assert status == 503 and b"stopped after 2 s" in body
    status, _, body = _get(endpoint, "ASK { ?s ?p ?o }")
    assert status == 200 and json.loads(body)["boolean"] is True


def test_serving_a_folder_that_is_no_store_is_one_line(tmp_path, capsys):
    with pytest.raises(StoreError, match="no kg store here"):
        make_server(tmp_path)
    assert main(["serve", str(tmp_path)]) == 1
    assert "no kg store here" in capsys.readouterr().err
