"""A gazetteer of organisation names learnt from the training splits (FinRE train, CLUENER's first 90%).

A name is kept only when the annotators marked most of its occurrences in the training texts, so common
words that are sometimes part of a name do not become names everywhere.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from functools import cache
from pathlib import Path

from kg.extract.lexicon import Matcher, wordset
from kg.io import atomic_write
from kg.learn import MODEL_DIR, TRAINERS

FILENAME = "gazetteer.tsv"
CLUENER_TYPES = {"company": "Company", "organization": "Organization", "government": "GovernmentBody"}
MIN_MARKED_SHARE = 0.5
MIN_LENGTH = 2


def _cluener(data_dir: Path) -> tuple[list[str], dict[str, Counter]]:
    """CLUENER training texts and the types each annotated name was given."""
    from kg.learn.cluener import read_cluener, split

    train, _ = split(read_cluener(data_dir / "cluener" / "train.json"))
    names: dict[str, Counter] = defaultdict(Counter)
    for ex in train:
        for start, end, label in ex.spans:
            names[ex.text[start:end]][CLUENER_TYPES.get(label, label)] += 1
    return [ex.text for ex in train], names


def _finre(data_dir: Path) -> tuple[list[str], dict[str, Counter], Counter]:
    """FinRE training sentences, their pair names, and how many sentences annotate each name."""
    from kg.learn.finre import read_records

    sentences: dict[str, set[str]] = defaultdict(set)
    for rec in read_records(data_dir / "finre" / "train.txt"):
        sentences[rec.sentence].update((rec.head, rec.tail))
    marked: Counter = Counter(name for names in sentences.values() for name in names)
    return list(sentences), {n: Counter() for n in marked}, marked


def _marked_share(texts: list[str], names: dict, marked: Counter) -> dict[str, float]:
    """For each name, the share of the texts holding it in which it was annotated."""
    holding: Counter = Counter()
    matcher = Matcher((n, n) for n in sorted(names))
    for text in texts:
        holding.update({name for _, _, name in matcher.find(text)})
    return {n: min(1.0, marked[n] / holding[n]) if holding[n] else 1.0 for n in names}


@TRAINERS.register("gazetteer")
def train(data_dir: Path, out_dir: Path) -> dict:
    """Learn the gazetteer from the training splits and write out_dir/gazetteer.tsv."""
    c_texts, c_names = _cluener(data_dir)
    f_texts, f_names, f_marked = _finre(data_dir)
    c_share = _marked_share(c_texts, c_names, Counter({n: sum(c.values()) for n, c in c_names.items()}))
    f_share = _marked_share(f_texts, f_names, f_marked)
    excluded = wordset("generic_orgs") | wordset("not_names") | wordset("locations") | wordset("positions")
    rows = []
    for name in sorted(set(c_names) | set(f_names)):
        types = c_names.get(name) or Counter({"Company": 0})
        type_ = types.most_common(1)[0][0]
        if type_ not in ("Company", "Organization", "GovernmentBody"):
            continue
        if len(name) < MIN_LENGTH or name in excluded or "<N>" in name:
            continue
        if min(c_share.get(name, 1.0), f_share.get(name, 1.0)) < MIN_MARKED_SHARE:
            continue
        rows.append(f"{name}\t{type_}\t{sum(types.values()) + f_marked[name]}")
    out = Path(out_dir) / FILENAME
    atomic_write(out, "# name\ttype\ttimes annotated in the training splits\n" + "\n".join(rows) + "\n")
    return {"names": len(rows), "file": str(out)}


@cache
def load(path: Path | None = None) -> Matcher | None:
    """A matcher over the shipped gazetteer (payload: the type), or None when it is absent."""
    path = path or MODEL_DIR / FILENAME
    if not path.exists():
        return None
    entries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, type_, _ = line.split("\t")
            entries.append((name, type_))
    return Matcher(entries)
