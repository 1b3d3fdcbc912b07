"""A seeded, deterministic corpus of realistic articles for benchmarks, made of real sentences.

Each article of about 2,000 characters leads with a company of a FinRE sentence, continues with FinRE
sentences (financial news with company relations) and CLUENER news sentences, and marks up listed
companies the way Eastmoney does (`<span id="stock_1.600519"><a class="keytip" ...>`), so markup,
known names across articles, positions and relations all get exercised. Files are Jekyll posts, 1,000
to a folder.
"""

from __future__ import annotations

import hashlib
import json
import random
import sys
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

CLUENER_TYPES = {"company", "name", "position", "government", "organization"}
ARTICLE_CHARS = 2000
PER_FOLDER = 1000


@dataclass
class Pools:
    """The sentences and company names the articles are assembled from."""

    finre: list[tuple[str, str, str]]  # (head, tail, sentence)
    by_company: dict[str, list[int]]  # company -> indexes of its FinRE sentences
    cluener: list[tuple[str, list[str]]]  # (sentence, companies named in it)
    companies: list[str]


def load_pools(shared: Path) -> Pools:
    """FinRE training sentences and CLUENER training sentences about companies, people and bodies."""
    seen: set[str] = set()
    finre: list[tuple[str, str, str]] = []
    for line in (shared / "data" / "finre" / "train.txt").read_text("utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) < 4 or parts[3] in seen:
            continue
        seen.add(parts[3])
        sentence = _numbers(parts[3].strip().rstrip("。，,；;：:")) + "。"
        finre.append((parts[0], parts[1], sentence))
    by_company: dict[str, list[int]] = {}
    for i, (head, tail, _) in enumerate(finre):
        for name in (head, tail):
            by_company.setdefault(name, []).append(i)
    cluener: list[tuple[str, list[str]]] = []
    for line in (shared / "data" / "cluener" / "train.json").read_text("utf-8").splitlines():
        obj = json.loads(line)
        if not CLUENER_TYPES & set(obj["label"]):
            continue
        text = obj["text"].strip()
        if not text.endswith(("。", "！", "？")):
            text = text.rstrip("，,；;：:") + "。"
        cluener.append((text, sorted(obj["label"].get("company", {}))))
    companies = sorted(
        {c for c in by_company if len(c) >= 2} | {c for _, cs in cluener for c in cs if len(c) >= 2}
    )
    return Pools(finre, by_company, cluener, companies)


def _numbers(sentence: str) -> str:
    """FinRE hides numbers as <N>; put plausible ones back (stable per sentence)."""
    parts = sentence.split("<N>")
    h = int(hashlib.sha1(sentence.encode("utf-8")).hexdigest()[:8], 16)
    return "".join(p + (str(2 + (h >> i) % 97) if i < len(parts) - 1 else "") for i, p in enumerate(parts))


def ticker_of(name: str) -> tuple[str, str] | None:
    """A stable (market, code) for a third of the companies, as if they were listed; None for the rest."""
    h = int(hashlib.sha1(name.encode("utf-8")).hexdigest()[:8], 16)
    if h % 3:
        return None
    if h % 2:
        return "1", f"{600000 + h % 5000:06d}"
    return "0", f"{h % 3000 + 1:06d}"


def markup(sentence: str, names: list[str], marked: set[str]) -> str:
    """The sentence as Eastmoney HTML: the first mention of each listed company wrapped in stock markup."""
    for name in sorted(set(names), key=len, reverse=True):
        tick = ticker_of(name)
        if tick is None or name in marked or name not in sentence:
            continue
        market, code = tick
        span = (
            f'<span id="stock_{market}.{code}"><a href="http://quote.eastmoney.com/unify/r/{market}.{code}" '
            f'class="keytip" data-code="{market},{code}">{name}</a></span><span id="quote_{market}.{code}"></span>'
        )
        sentence = sentence.replace(name, span, 1)
        marked.add(name)
    return sentence


def article(pools: Pools, number: int, seed: int = 0) -> tuple[str, str]:
    """The file name and text of article `number` of the corpus."""
    rng = random.Random(f"{seed}:{number}")
    lead = pools.finre[rng.randrange(len(pools.finre))]
    company = lead[0]
    own = [pools.finre[i] for i in pools.by_company.get(company, []) if pools.finre[i] != lead]
    rng.shuffle(own)
    sentences: list[tuple[str, list[str]]] = [(lead[2], [lead[0], lead[1]])]
    sentences += [(s, [h, t]) for h, t, s in own[:4]]
    length = sum(len(s) for s, _ in sentences)
    while length < ARTICLE_CHARS:
        if rng.random() < 0.5:
            h, t, s = pools.finre[rng.randrange(len(pools.finre))]
            item = (s, [h, t])
        else:
            item = pools.cluener[rng.randrange(len(pools.cluener))]
        sentences.append(item)
        length += len(item[0])
    marked: set[str] = set()
    paragraphs, para = [], []
    for sentence, names in sentences:
        para.append(markup(sentence, names, marked))
        if len(para) >= rng.randint(2, 4):
            paragraphs.append("".join(para))
            para = []
    if para:
        paragraphs.append("".join(para))
    when = datetime(2021, 1, 1, 8, 0) + timedelta(minutes=7 * number + rng.randrange(7))
    ident = f"{when:%Y%m%d}{number:010d}"
    title = lead[2][:30].rstrip("。，")
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    text = (
        "---\nlayout: post\n"
        f"title: {json.dumps(title, ensure_ascii=False)}\n"
        f"date: {when:%Y-%m-%d %H:%M:%S} +0800\n"
        "categories: emnews\ntags: 东财滚动新闻\n---\n"
        f"> {lead[2]}\n\n{body}<p>（文章来源：财联社）</p>\n"
    )
    return f"{when:%Y-%m-%d}-{ident}.md", text


def write_corpus(shared: Path, out: Path, n: int, seed: int = 0, start: int = 0) -> list[Path]:
    """Write articles `start` .. `start + n - 1` under `out`, 1,000 to a folder; returns the folders."""
    pools = load_pools(shared)
    folders: list[Path] = []
    for number in range(start, start + n):
        folder = out / f"{number // PER_FOLDER:04d}"
        if not folders or folders[-1] != folder:
            folder.mkdir(parents=True, exist_ok=True)
            folders.append(folder)
        name, text = article(pools, number, seed)
        (folder / name).write_text(text, "utf-8")
    return folders


if __name__ == "__main__":
    # python tests/bench/corpus.py OUT N [SEED]
    shared = Path(__file__).resolve().parents[3] / "shared"
    write_corpus(shared, Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]) if len(sys.argv) > 3 else 0)
