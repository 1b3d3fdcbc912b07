"""Character-level CRF entity recogniser trained on CLUENER and FinRE: people, companies, positions, bodies,
places."""

from __future__ import annotations

import functools
import logging
import re
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pycrfsuite

from kg.learn import MODEL_DIR, TRAINERS, dictionary
from kg.learn.cluener import CONTRACT_TYPES, TARGET_LABELS, Example, read_cluener, split
from kg.learn.crf import LinearChainCrf
from kg.learn.features import (
    SHIPPED_FEATURES,
    FeatureSet,
    Lexicon,
    Token,
    feature_columns,
    project_lexicons,
    sentence_features,
    tokenize,
)
from kg.text.sentences import split_sentences

log = logging.getLogger(__name__)

MODEL_NAME = "ner.crfsuite"
WEIGHTS_NAME = "ner.weights.npz"  # the same model as arrays, what the tagger loads
LEXICON_NAME = "ner.lexicon.tsv"
PROJECT_LEXICONS = Path(__file__).resolve().parent.parent / "data" / "lexicons"
OTHER = "other"  # the class of the CLUENER classes outside the contract when they are merged
MAX_SEGMENT = 300  # characters tagged at once; longer sentences are cut at a clause break


@dataclass(frozen=True)
class Span:
    """An entity mention found by the tagger: text[start:end] is a `type` (contract name)."""

    start: int
    end: int
    type: str
    confidence: float


@dataclass(frozen=True)
class Settings:
    """Training settings of the shipped model, chosen on the held-out part. Its micro-F1 (CRF alone):
    0.765 with c1 0.2, BIO, all classes; c1 0.5: 0.772 (0.05: 0.754, 1.0: 0.774); + BIOES and the
    jieba HMM characters: 0.782; + one class for book, game, movie and scene: 0.788. No gain from
    250 iterations (0.760), distributional character/word clusters (0.764) or labelled-share bins, nor
    from c2 0.1 (0.787), c1 1.0 (0.787), feature.minfreq 1 (0.774), 10 folds (0.779), a lexicon list
    of FinRE's training names (0.782), a copy of each example with its names swapped for others of their
    class (0.787; people and organisations only: 0.782), or adding the spans outside the best labelling
    that the model gives a probability of 0.3 to 0.5 (0.786 to 0.788).

    The shipped model also learns FinRE's training sentences (kg.learn.finre_mentions), which costs the
    CLUENER hold-out (CRF alone 0.770, was 0.788; Company 0.70) and brings FinRE valid end to end from
    0.362 to 0.468 and same_as from 0.53 to 0.66 (the recogniser finds both names of 73% of FinRE's
    pairs, was 50%). Variants: whole sentences 0.766 (0.773 with a person over a FinRE name kept; 0.769
    without Latin names), CLUENER's examples twice 0.735 (each is then in a fold other than its copy's:
    the learnt lexicons leak)."""

    c1: float = 0.5
    c2: float = 0.01
    max_iterations: int = 100
    min_entity_count: int = 1  # learnt gazetteer: how often a string must be labelled to enter it
    min_suffix_count: int = 5  # learnt suffix lists: how many distinct entities must end with a suffix
    folds: int = 5  # training features see gazetteers learnt from the other folds only
    feature_min_freq: int = 2
    scheme: str = "BIOES"  # or BIO
    hmm_characters: bool = True  # lexicon lists of name-like characters from jieba's POS HMM
    merge_other: bool = True  # the classes outside the contract learnt as one (also fewer labels: faster)
    features: FeatureSet = SHIPPED_FEATURES


# --- labels -------------------------------------------------------------------------------------


def encode(n: int, spans: Iterable[tuple[int, int, str]], scheme: str = "BIO") -> list[str]:
    """BIO or BIOES labels of n characters; a span overlapping an earlier (longer-first) one is dropped."""
    labels = ["O"] * n
    for start, end, label in sorted(spans, key=lambda s: (s[0], -(s[1] - s[0]), s[2])):
        if any(x != "O" for x in labels[start:end]):
            continue
        labels[start] = "B-" + label
        for i in range(start + 1, end):
            labels[i] = "I-" + label
        if scheme == "BIOES":
            labels[start] = ("S-" if end - start == 1 else "B-") + label
            if end - start > 1:
                labels[end - 1] = "E-" + label
    return labels


def decode(labels: Sequence[str]) -> list[tuple[int, int, str]]:
    """Spans (start, end, label) of a BIO or BIOES label sequence; a stray I or E starts a span."""
    spans = []
    start, current = -1, ""
    for i, tag in enumerate([*labels, "O"]):
        prefix, _, label = tag.partition("-")
        continues = prefix in ("I", "E") and label == current and start >= 0
        if start >= 0 and not continues:
            spans.append((start, i, current))
            start = -1
        if prefix != "O" and not continues:
            start, current = i, label
        if prefix in ("E", "S"):
            spans.append((start, i + 1, current))
            start = -1
    return spans


# --- gazetteers learnt from training data -----------------------------------------------------


def learn_lexicon(examples: Iterable[Example], settings: Settings) -> dict[str, list[str]]:
    """Entity strings per CLUENER label and frequent entity endings per label, from labelled examples."""
    names: Counter[tuple[str, str]] = Counter()
    for ex in examples:
        for start, end, label in ex.spans:
            if end - start >= 2:
                names[(label, ex.text[start:end])] += 1
    entries: dict[str, list[str]] = {}
    endings: Counter[tuple[str, str]] = Counter()
    for (label, surface), count in sorted(names.items()):
        if count >= settings.min_entity_count:
            entries.setdefault(label, []).append(surface)
        if len(surface) >= 3:
            endings[(label, surface[-2:])] += 1
    for (label, ending), count in sorted(endings.items()):
        if count >= settings.min_suffix_count:
            entries.setdefault("end-" + label, []).append(ending)
    return entries


def training_spans(ex: Example, settings: Settings) -> list[tuple[int, int, str]]:
    """The spans of an example as the tagger learns them: with settings.merge_other, every class outside
    the contract's types is OTHER."""
    if not settings.merge_other:
        return list(ex.spans)
    return [(a, b, label if label in CONTRACT_TYPES else OTHER) for a, b, label in ex.spans]


def build_lexicon(examples: Sequence[Example], settings: Settings) -> Lexicon:
    """Project word lists plus what was learnt from `examples`."""
    entries: dict[str, list[str]] = {f"lex-{k}": v for k, v in project_lexicons(PROJECT_LEXICONS).items()}
    if settings.hmm_characters:
        entries.update(dictionary.character_ranks())
    entries.update(learn_lexicon(examples, settings))
    return Lexicon(entries)


# --- tagging -----------------------------------------------------------------------------------


_CLAUSE_BREAK = re.compile(r"[，,、：:\s]")


def segments(text: str, limit: int = MAX_SEGMENT) -> list[tuple[int, int]]:
    """Sentence offsets of text, sentences longer than `limit` cut at their last clause break before it."""
    out = []
    for start, end in split_sentences(text):
        while end - start > limit:
            cut = max(
                (m.end() for m in _CLAUSE_BREAK.finditer(text, start + limit // 2, start + limit)), default=0
            )
            cut = cut or start + limit
            out.append((start, cut))
            start = cut
        out.append((start, end))
    return out


class NerTagger:
    """A trained model and its lexicon; predict() finds entity mentions in any text."""

    def __init__(
        self, crf: LinearChainCrf, lexicon: Lexicon, features: FeatureSet = SHIPPED_FEATURES
    ) -> None:
        self.crf = crf
        self.lexicon = lexicon
        self.features = features

    def predict_labels(
        self, text: str, tokens: Sequence[Token] | None = None
    ) -> list[tuple[int, int, str, float]]:
        """Mentions (start, end, CLUENER label, confidence) in text, its sentences tagged independently."""
        parts = segments(text)
        if not parts:
            return []
        scores = self.crf.emissions(feature_columns(text, parts, tokens, self.lexicon, self.features))
        pieces = np.split(scores, np.cumsum([b - a for a, b in parts])[:-1])
        paths = self.crf.viterbi(pieces)
        # marginals only for the sentences where something was found
        outside = self.crf.labels.index("O")
        busy = [k for k, path in enumerate(paths) if (path != outside).any()]
        probs = self.crf.marginals([pieces[k] for k in busy], [paths[k] for k in busy])
        labels = self.crf.labels
        found = []
        for k, p in zip(busy, probs, strict=True):
            start = parts[k][0]
            for a, b, label in decode([labels[y] for y in paths[k]]):
                found.append((start + a, start + b, label, float(p[a:b].mean())))
        return found

    def predict(self, text: str, tokens: list[tuple[str, int, int]] | None = None) -> list[Span]:
        """Entity mentions of the contract's types in `text`; tokens: jieba tokens of the same text."""
        return [
            Span(a, b, CONTRACT_TYPES[label], round(p, 4))
            for a, b, label, p in self.predict_labels(text, tokens)
            if label in CONTRACT_TYPES
        ]


@functools.cache
def load(model_dir: Path = MODEL_DIR) -> NerTagger | None:
    """The shipped tagger (loaded once), or None with a warning when its model files are missing."""
    weights, lexicon = model_dir / WEIGHTS_NAME, model_dir / LEXICON_NAME
    if not weights.is_file() or not lexicon.is_file():
        log.warning("no entity model at %s; run `kg train ner`", weights)
        return None
    return NerTagger(LinearChainCrf.load(weights), Lexicon.load(lexicon))


# --- training ----------------------------------------------------------------------------------


def fit(examples: Sequence[Example], out_dir: Path, settings: Settings = Settings()) -> NerTagger:
    """Train a tagger on examples and write its model and lexicon to out_dir."""
    k = settings.folds
    fold_lexicons = [
        build_lexicon([ex for i, ex in enumerate(examples) if i % k != f], settings) for f in range(k)
    ]
    trainer = pycrfsuite.Trainer(verbose=False)
    trainer.set_params(
        {
            "c1": settings.c1,
            "c2": settings.c2,
            "max_iterations": settings.max_iterations,
            "feature.minfreq": settings.feature_min_freq,
            "feature.possible_transitions": True,
        }
    )
    for i, ex in enumerate(examples):
        xseq = sentence_features(ex.text, tokenize(ex.text), fold_lexicons[i % k], settings.features)
        trainer.append(xseq, encode(len(ex.text), training_spans(ex, settings), settings.scheme))
    out_dir.mkdir(parents=True, exist_ok=True)
    model_path = out_dir / MODEL_NAME
    tmp = out_dir / (MODEL_NAME + ".tmp")
    trainer.train(str(tmp))
    tmp.replace(model_path)
    crf = LinearChainCrf.from_crfsuite(model_path)
    crf.save(out_dir / WEIGHTS_NAME)
    lexicon = build_lexicon(examples, settings)
    lexicon.save(out_dir / LEXICON_NAME)
    return NerTagger(crf, lexicon, settings.features)


def score(tagger: NerTagger, examples: Sequence[Example]) -> dict[str, dict[str, float]]:
    """Per label of the contract's types: precision, recall, F1 and counts on examples (exact offsets and
    label), plus `micro` over the target labels."""
    tp: Counter[str] = Counter()
    n_pred: Counter[str] = Counter()
    n_gold: Counter[str] = Counter()
    for ex in examples:
        gold = set(ex.spans)
        pred = {(a, b, label) for a, b, label, _ in tagger.predict_labels(ex.text)}
        for _a, _b, label in gold:
            n_gold[label] += 1
        for span in pred:
            n_pred[span[2]] += 1
            tp[span[2]] += span in gold
    out = {label: _prf(tp[label], n_pred[label], n_gold[label]) for label in sorted(CONTRACT_TYPES)}
    out["micro"] = _prf(*(sum(c[label] for label in TARGET_LABELS) for c in (tp, n_pred, n_gold)))
    return out


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "precision": round(p, 4),
        "recall": round(r, 4),
        "f1": round(f, 4),
        "gold": n_gold,
        "predicted": n_pred,
    }


def data_file(data_dir: Path) -> Path:
    """The CLUENER training file under data_dir (data_dir/cluener/train.json or data_dir/train.json)."""
    for candidate in (data_dir / "cluener" / "train.json", data_dir / "train.json"):
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(f"{data_dir}: no cluener/train.json")


def finre_file(data_dir: Path) -> Path:
    """FinRE's training file under data_dir (data_dir/finre/train.txt)."""
    path = data_dir / "finre" / "train.txt"
    if not path.is_file():
        raise FileNotFoundError(f"{data_dir}: no finre/train.txt")
    return path


@TRAINERS.register(
    "ner", help="entity recogniser (CRF) on CLUENER and FinRE train, held out: last 10% of CLUENER"
)
def train(data_dir: Path, out_dir: Path) -> dict:
    """Train the shipped entity model on the first 90% of CLUENER and FinRE's training sentences (labelled
    by a first model on CLUENER alone and FinRE's names), and score it on the rest of CLUENER."""
    from kg.learn.finre import read_records  # training only, as is the FinRE reader's scoring
    from kg.learn.finre_mentions import finre_examples

    train_part, dev_part = split(read_cluener(data_file(data_dir)))
    records = read_records(finre_file(data_dir))
    began, began_cpu = time.perf_counter(), time.process_time()
    first = fit(train_part, out_dir)
    extra = finre_examples(first, records)
    tagger = fit([*train_part, *extra], out_dir)
    seconds, cpu_seconds = time.perf_counter() - began, time.process_time() - began_cpu
    scores = score(tagger, dev_part)
    return {
        "train_examples": len(train_part),
        "finre_examples": len(extra),
        "held_out_examples": len(dev_part),
        "train_seconds": round(seconds, 1),
        "train_cpu_seconds": round(cpu_seconds, 1),
        "model_bytes": (out_dir / MODEL_NAME).stat().st_size,
        "weights_bytes": (out_dir / WEIGHTS_NAME).stat().st_size,
        "lexicon_bytes": (out_dir / LEXICON_NAME).stat().st_size,
        "held_out": scores,
    }
