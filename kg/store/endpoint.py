"""A read-only SPARQL 1.1 Protocol endpoint over a store folder, with a query timeout and a row bound.

A running Oxigraph query cannot be interrupted, so each query runs in a worker process that holds the
store open read-only; a worker that overruns the timeout is killed and replaced.
"""

from __future__ import annotations

import multiprocessing
import queue
import threading
import urllib.parse
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pyoxigraph as ox

from kg.store.base import StoreError
from kg.store.oxigraph import is_store_dir
from kg.store.results import GRAPH_TYPES, SELECT_TYPES, negotiate, write_boolean, write_select, write_triples

PATH = "/sparql"
STARTUP_S = 120  # a new worker process imports kg and opens the store


@dataclass(frozen=True)
class Answer:
    """What a worker sends back: an HTTP status, a media type, the body, and whether rows were cut."""

    status: int
    media_type: str
    body: bytes
    truncated: bool = False


def answer(store: ox.Store, query: str, accept: str, wanted: str | None, max_rows: int) -> Answer:
    """Run `query` and write its results, at most `max_rows` of them."""
    try:
        result = store.query(query, use_default_graph_as_union=True)
    except SyntaxError as err:
        return Answer(400, "text/plain; charset=utf-8", f"query syntax error: {err}\n".encode())
    except (OSError, ValueError, TypeError) as err:
        return Answer(400, "text/plain; charset=utf-8", f"query failed: {err}\n".encode())
    if isinstance(result, ox.QueryBoolean):
        fmt = negotiate(accept, wanted, graph=False)
        return Answer(200, SELECT_TYPES[fmt], write_boolean(bool(result), fmt))
    graph = isinstance(result, ox.QueryTriples)
    fmt = negotiate(accept, wanted, graph=graph)
    rows = []
    try:
        for row in result:
            if len(rows) == max_rows:
                truncated = True
                break
            rows.append(row if graph else [row[i] for i in range(len(result.variables))])
        else:
            truncated = False
    except (OSError, ValueError) as err:
        return Answer(400, "text/plain; charset=utf-8", f"query failed: {err}\n".encode())
    if graph:
        return Answer(200, GRAPH_TYPES[fmt], write_triples(rows, fmt), truncated)
    names = [v.value for v in result.variables]
    return Answer(200, SELECT_TYPES[fmt], write_select(names, rows, fmt), truncated)


def _worker(location: str, conn) -> None:
    store = ox.Store.read_only(location)
    conn.send("ready")
    while True:
        try:
            request = conn.recv()
        except EOFError:
            return
        conn.send(answer(store, *request))


class QueryRunner:
    """A few worker processes, each with the store open read-only; a query that overruns is killed."""

    def __init__(self, location: str, workers: int, timeout: float, max_rows: int) -> None:
        self.location = location
        self.timeout = timeout
        self.max_rows = max_rows
        self._ctx = multiprocessing.get_context("spawn")  # the server has threads: never fork it
        self._idle: queue.Queue = queue.Queue()
        for _ in range(workers):
            self._idle.put(self._start())

    def _start(self):
        """A new worker, once it has the store open (the timeout counts query time, not start-up)."""
        parent, child = self._ctx.Pipe()
        proc = self._ctx.Process(target=_worker, args=(self.location, child), daemon=True)
        proc.start()
        child.close()
        if not parent.poll(STARTUP_S) or parent.recv() != "ready":
            proc.kill()
            raise StoreError(f"{self.location}: a query worker did not start within {STARTUP_S} s")
        return proc, parent

    def run(self, query: str, accept: str, wanted: str | None) -> Answer:
        """The answer to `query`, or a 503 answer when it ran past the timeout."""
        proc, conn = self._idle.get()
        try:
            conn.send((query, accept, wanted, self.max_rows))
            if conn.poll(self.timeout):
                result = conn.recv()
                self._idle.put((proc, conn))
                return result
        except (EOFError, OSError):
            pass
        proc.kill()
        proc.join()
        self._idle.put(self._start())
        return Answer(503, "text/plain; charset=utf-8", f"query stopped after {self.timeout:g} s\n".encode())

    def close(self) -> None:
        """Stop every worker."""
        while not self._idle.empty():
            proc, conn = self._idle.get_nowait()
            conn.close()
            proc.kill()
            proc.join()


def _handler(runner: QueryRunner):
    class Handler(BaseHTTPRequestHandler):
        server_version = "kg-sparql"

        def log_message(self, format: str, *args) -> None:  # noqa: A002  (quiet: one line per error only)
            pass

        def _reply(self, status: int, media_type: str, body: bytes, truncated: bool = False) -> None:
            self.send_response(status)
            self.send_header("Content-Type", media_type)
            self.send_header("Content-Length", str(len(body)))
            if truncated:
                self.send_header("KG-Results-Truncated", str(runner.max_rows))
            self.end_headers()
            self.wfile.write(body)

        def _text(self, status: int, text: str) -> None:
            self._reply(status, "text/plain; charset=utf-8", (text + "\n").encode("utf-8"))

        def _dispatch(self, params: dict[str, list[str]], body_query: str | None = None) -> None:
            if "update" in params:
                return self._text(403, "this endpoint is read-only: SPARQL updates are refused")
            query = body_query if body_query is not None else (params.get("query") or [None])[0]
            if not query:
                return self._text(400, f"no query: send ?query=... to {PATH}")
            wanted = (params.get("format") or [None])[0]
            result = runner.run(query, self.headers.get("Accept", ""), wanted)
            self._reply(result.status, result.media_type, result.body, result.truncated)

        def do_GET(self) -> None:  # noqa: N802
            url = urllib.parse.urlsplit(self.path)
            if url.path != PATH:
                return self._text(404, f"not found; the SPARQL endpoint is {PATH}")
            self._dispatch(urllib.parse.parse_qs(url.query))

        def do_POST(self) -> None:  # noqa: N802
            url = urllib.parse.urlsplit(self.path)
            if url.path != PATH:
                return self._text(404, f"not found; the SPARQL endpoint is {PATH}")
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length).decode("utf-8", "replace")
            media = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
            params = urllib.parse.parse_qs(url.query)
            if media == "application/sparql-query":
                return self._dispatch(params, body)
            if media == "application/sparql-update":
                return self._text(403, "this endpoint is read-only: SPARQL updates are refused")
            if media == "application/x-www-form-urlencoded":
                return self._dispatch({**params, **urllib.parse.parse_qs(body)})
            self._text(415, "send application/sparql-query or a form with query=")

        def do_PUT(self) -> None:  # noqa: N802
            self._text(405, "this endpoint is read-only")

        do_DELETE = do_PUT

    return Handler


def make_server(
    store_dir: str | Path,
    host: str = "127.0.0.1",
    port: int = 7878,
    *,
    workers: int = 2,
    timeout: float = 30.0,
    max_rows: int = 10_000,
) -> tuple[ThreadingHTTPServer, QueryRunner]:
    """An HTTP server (not yet serving) answering SPARQL queries on the store at `store_dir`."""
    root = Path(store_dir)
    if not is_store_dir(root):
        raise StoreError(f"{root}: no kg store here (make one with kg build --store {root})")
    location = str(root / "oxigraph")
    try:
        ox.Store.read_only(location)  # fail here, clearly, rather than in every worker
    except OSError as err:
        raise StoreError(f"{root}: cannot open the store read-only ({err})") from None
    runner = QueryRunner(location, workers, timeout, max_rows)
    try:
        server = ThreadingHTTPServer((host, port), _handler(runner))
    except OSError as err:
        runner.close()
        raise StoreError(f"cannot listen on {host}:{port} ({err.strerror or err})") from None
    server.daemon_threads = True
    return server, runner


def serve_in_thread(server: ThreadingHTTPServer) -> threading.Thread:
    """Serve `server` from a background thread (for tests and embedding)."""
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return thread
