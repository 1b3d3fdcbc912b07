"""`kg serve STORE`: a read-only SPARQL 1.1 endpoint over a store folder, on 127.0.0.1."""

from __future__ import annotations

import argparse
import sys

from kg.commands import command


def _args(p: argparse.ArgumentParser) -> None:
    p.add_argument("store", metavar="STORE", help="a store folder made by kg build --store")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    p.add_argument("--port", type=int, default=7878, help="port (default: 7878; 0 picks a free one)")
    p.add_argument("--timeout", type=float, default=30.0, help="seconds a query may run (default: 30)")
    p.add_argument("--max-rows", type=int, default=10_000, help="rows returned at most (default: 10000)")
    p.add_argument("--workers", type=int, default=2, help="queries run at once (default: 2)")


@command("serve", "Serve a store read-only as a SPARQL 1.1 endpoint, with a query timeout", _args)
def run(args: argparse.Namespace) -> int:
    from kg.store import StoreError
    from kg.store.endpoint import PATH, make_server

    if args.timeout <= 0 or args.max_rows < 1 or args.workers < 1:
        print("kg serve: --timeout, --max-rows and --workers must be positive", file=sys.stderr)
        return 2
    try:
        server, runner = make_server(
            args.store,
            args.host,
            args.port,
            workers=args.workers,
            timeout=args.timeout,
            max_rows=args.max_rows,
        )
    except StoreError as err:
        print(f"kg serve: {err}", file=sys.stderr)
        return 1
    host, port = server.server_address[:2]
    print(
        f"Serving {args.store} read-only at http://{host}:{port}{PATH} "
        f"(queries stop after {args.timeout:g} s, at most {args.max_rows:,} rows); Ctrl-C stops",
        flush=True,
    )
    try:
        server.serve_forever()
    finally:
        server.server_close()
        runner.close()
    return 0
