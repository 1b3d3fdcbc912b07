"""`kg remove STORE ARTICLE...`: drop articles (their whole named graphs) from a persistent store."""

from __future__ import annotations

import argparse
import os
import sys

from kg.commands import command


def _args(p: argparse.ArgumentParser) -> None:
    p.add_argument("store", metavar="STORE", help="a store folder or sparql+http://HOST:PORT/PATH")
    p.add_argument(
        "articles",
        nargs="+",
        metavar="ARTICLE",
        help="an article id or IRI, or the path it was built from (a folder: every article under it)",
    )
    p.add_argument("-n", "--dry-run", action="store_true", help="list what would be removed, remove nothing")


def matches(article, wanted: str) -> bool:
    """Whether a stored article is the one `wanted` names (id, IRI, path, or a folder above its path)."""
    if wanted in (article.iri, article.article_id, article.path):
        return True
    folder = os.path.normpath(wanted) + os.sep
    return bool(article.path) and os.path.normpath(article.path).startswith(folder)


@command("remove", "Remove articles from a persistent store (kg build --store)", _args)
def run(args: argparse.Namespace) -> int:
    from kg.store import StoreError, open_store

    try:
        with open_store(args.store, read_only=args.dry_run) as store:
            stored = list(store.articles())
            chosen = {a.iri: a for w in args.articles for a in stored if matches(a, w)}
            unknown = [w for w in args.articles if not any(matches(a, w) for a in stored)]
            for a in sorted(chosen.values(), key=lambda a: a.iri):
                if not args.dry_run:
                    store.remove_article(a.iri)
                print(f"{'would remove' if args.dry_run else 'removed'} {a.article_id or a.iri} ({a.path})")
    except StoreError as err:
        print(f"kg remove: {err}", file=sys.stderr)
        return 1
    for w in unknown:
        print(f"kg remove: {w}: no such article in {args.store}", file=sys.stderr)
    return 1 if unknown else 0
