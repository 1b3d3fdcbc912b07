"""Relation classifier for company pairs: softmax regression trained on FinRE, run with numpy/scipy."""

from __future__ import annotations

import io
import json
import logging
import time
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from kg.io import atomic_write
from kg.learn import MODEL_DIR, TRAINERS
from kg.learn.relation_features import (
    Span,
    Token,
    hash_features,
    is_planned,
    pair_features,
    sentence_words,
    tokenize,
)
from kg.schema import is_symmetric

if TYPE_CHECKING:  # the FinRE reader and scipy are needed for training only, not to predict
    import scipy.sparse

    from kg.learn.finre import PairExample

log = logging.getLogger(__name__)

NONE = "none"
FORMAT = 1
HASH_BITS = 22
# Settings compared on FinRE valid: (class balance exponent, L2 strength); the threshold is tuned per fit.
SETTINGS = ((0.0, 0.2), (0.5, 0.2), (0.5, 0.1))
THRESHOLDS = (0.15, 0.2, 0.25, 0.3, 0.35, 0.4)
SAME_AS_GOAL = 0.6
MIN_COUNT = 2  # features seen in fewer training examples are dropped
MAX_ITER = 300

# (text, sentence span, a = (start, end, type), b = (start, end, type), tokens or None)
PairInput = tuple[str, Span, tuple[int, int, str], tuple[int, int, str], Sequence[Token] | None]


@dataclass(frozen=True)
class RelationPrediction:
    """A predicted relation between spans a and b; `forward` is True when a is the subject."""

    predicate: str
    forward: bool
    confidence: float
    qualifiers: dict[str, str] = field(default_factory=dict, hash=False)


class RelationClassifier:
    """Predicts the contract predicate, if any, linking two entity spans of a sentence."""

    def __init__(
        self, classes: Sequence[str], ids: np.ndarray, weights: np.ndarray, bias: np.ndarray, threshold: float
    ) -> None:
        self.classes = list(classes)
        self.ids = ids  # sorted feature hash ids, one per row of weights
        self.weights = weights
        self.bias = bias
        self.threshold = threshold
        self._same_as = self.classes.index("same_as") if "same_as" in self.classes else -1
        # 'none' and FinRE relations outside the contract ('~' classes) are learnt but never reported
        self._reported = np.array([c != NONE and not c.startswith("~") for c in self.classes])

    def predict(
        self,
        text: str,
        sentence: Span,
        a: tuple[int, int, str],
        b: tuple[int, int, str],
        tokens: Sequence[Token] | None = None,
    ) -> RelationPrediction | None:
        """The relation of spans a and b in text[sentence], or None; tokens: (word, start, end) in text."""
        return self.predict_many([(text, sentence, a, b, tokens)])[0]

    def predict_many(self, pairs: Sequence[PairInput]) -> list[RelationPrediction | None]:
        """predict() for many pairs; sentences without tokens are tokenized once each."""
        token_cache: dict[tuple[str, Span], Sequence[Token]] = {}
        word_cache: dict[tuple[int, Span], list[Token]] = {}  # keyed by id(tokens): alive for this call
        prepared, rows = [], []
        for text, sentence, a, b, tokens in pairs:
            pair = _prepare(text, sentence, a, b)
            prepared.append(pair)
            if pair is None:
                continue
            context, first, second, _ = pair
            if tokens is None:
                key = (text, context)
                if key not in token_cache:
                    token_cache[key] = tokenize(text, context)
                tokens = token_cache[key]
            words = word_cache.get((id(tokens), context))
            if words is None:
                words = word_cache[id(tokens), context] = sentence_words(tokens, context)
            rows.append(pair_features(text, context, first, second, tokens, words))
        probs = self.probabilities(rows)
        out: list[RelationPrediction | None] = []
        it = iter(probs)
        for (text, _, a, b, _), pair in zip(pairs, prepared, strict=True):
            types = (a[2] if len(a) > 2 else None, b[2] if len(b) > 2 else None)
            out.append(None if pair is None else self._decide(next(it), text, pair, *types))
        return out

    def probabilities(self, rows: Sequence[Sequence[str]]) -> np.ndarray:
        """Class probabilities (rows x classes) of feature-name lists."""
        if not rows:
            return np.zeros((0, len(self.classes)))
        col, indptr, values = _columns(rows, self.ids)
        z = np.zeros((len(rows), len(self.classes)), np.float32)
        starts = indptr[:-1][np.diff(indptr) > 0]
        if len(starts):  # sums of the weight rows of each example's features (rows without any stay 0)
            contributions = self.weights[col] * values[:, None].astype(np.float32)
            z[np.diff(indptr) > 0] = np.add.reduceat(contributions, starts, axis=0)
        return _softmax(z + self.bias)

    def _decide(
        self, p: np.ndarray, text: str, pair: tuple, a_type: str | None, b_type: str | None
    ) -> RelationPrediction | None:
        """The prediction for class probabilities `p` of a prepared pair, or None."""
        _, first, second, swapped = pair
        p = np.where(self._reported, p, 0.0)
        if self._same_as >= 0 and a_type and b_type and a_type != b_type:
            p[self._same_as] = 0.0  # two names of one entity have one type
        best = int(np.argmax(p))
        if p[best] < self.threshold:
            return None
        predicate, _, arrow = self.classes[best].partition(":")
        forward = arrow != "<"
        if swapped and arrow:
            forward = not forward
        planned = predicate == "acquires" and is_planned(text, first, second)
        qualifiers = {"status": "planned"} if planned else {}
        return RelationPrediction(predicate, forward, round(float(p[best]), 4), qualifiers)


def _prepare(text: str, sentence: Span, a: tuple, b: tuple) -> tuple[Span, Span, Span, bool] | None:
    """(context span, first span, second span, whether a came second), or None for unusable spans."""
    n = len(text)
    spans = []
    for start, end, *_ in (a, b):
        start, end = max(0, min(int(start), n)), max(0, min(int(end), n))
        if start >= end:
            return None
        spans.append((start, end))
    if spans[0] == spans[1]:
        return None
    s0, s1 = sentence
    s0 = max(0, min(int(s0), spans[0][0], spans[1][0]))
    s1 = min(n, max(int(s1), spans[0][1], spans[1][1]))
    first, second = sorted(spans)
    return (s0, s1), first, second, spans[0] != first


def _columns(rows: Sequence[Sequence[str]], ids: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(columns, row starts, values) of feature rows over the model's feature ids; rows have unit length."""
    lengths = [len(feats) for feats in rows]
    hashed = hash_features(list(chain.from_iterable(rows)), HASH_BITS, distinct=False)
    # one sorted pass over (row, hash) keys: each row's distinct hashes, rows in order
    keys = np.unique((np.repeat(np.arange(len(rows), dtype=np.int64), lengths) << HASH_BITS) | hashed)
    row_of, hashed = keys >> HASH_BITS, keys & ((1 << HASH_BITS) - 1)
    pos = np.searchsorted(ids, hashed)
    known = (pos < len(ids)) & (ids[np.minimum(pos, len(ids) - 1)] == hashed) if len(ids) else pos < 0
    col, counts = pos[known], np.bincount(row_of[known], minlength=len(rows))
    values = 1.0 / np.sqrt(np.repeat(np.maximum(counts, 1), counts))
    return col, np.concatenate([[0], np.cumsum(counts)]), values


def _design(rows: Sequence[Sequence[str]], ids: np.ndarray) -> scipy.sparse.csr_matrix:
    """Sparse matrix of feature rows over the model's feature ids, each row scaled to unit length."""
    import scipy.sparse  # training only: prediction needs numpy alone

    col, indptr, values = _columns(rows, ids)
    return scipy.sparse.csr_matrix((values, col, indptr), shape=(len(rows), len(ids)))


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


@cache
def load(directory: Path | None = None) -> RelationClassifier | None:
    """The shipped relation classifier (cached), or None with a warning when its files are missing."""
    directory = Path(directory) if directory else MODEL_DIR
    try:
        meta = json.loads((directory / "relations.json").read_text(encoding="utf-8"))
        if meta.get("format") != FORMAT or meta.get("hash_bits") != HASH_BITS:
            raise ValueError(f"model format {meta.get('format')} does not match this version ({FORMAT})")
        with np.load(directory / "relations.npz") as arrays:
            ids, weights, bias = arrays["ids"], arrays["weights"].astype(np.float32), arrays["bias"]
    except (OSError, ValueError, KeyError, AttributeError) as exc:
        log.warning("relation model not available in %s (%s); statistical relations are off", directory, exc)
        return None
    return RelationClassifier(meta["classes"], ids, weights, bias.astype(np.float32), meta["threshold"])


# ---- training -------------------------------------------------------------------------------------------


def class_name(predicate: str, subject_first: bool) -> str:
    """The class of a predicate between an earlier and a later span: 'p:>' earlier is subject, 'p:<' later."""
    return predicate if is_symmetric(predicate) else f"{predicate}:{'>' if subject_first else '<'}"


def example_targets(example: PairExample, unmapped: bool = True) -> list[str]:
    """The classes an example teaches: one per gold fact, else its labels outside the contract, or 'none'."""
    from kg.evaluate.finre import label_rules

    targets = {class_name(f.predicate, f.subject == example.a_name) for f in example.facts}
    if not targets and unmapped:
        meanings = label_rules()
        for head, label, _ in example.labels:
            if label == "unknown" or label.startswith("被"):
                continue
            directed = f"被{label}" in meanings
            targets.add(f"~{label}:{'>' if head == example.a_name else '<'}" if directed else f"~{label}")
    return sorted(targets) or [NONE]


def example_features(example: PairExample) -> list[str]:
    """Feature names of a FinRE example, tokenized as at run time."""
    span = (0, len(example.sentence))
    return pair_features(example.sentence, span, example.a, example.b, tokenize(example.sentence, span))


def predicted_fact(
    example: PairExample, prediction: RelationPrediction | None
) -> tuple[str, str, str] | None:
    """A prediction on an example as (predicate, subject name, object name)."""
    if prediction is None:
        return None
    names = (example.a_name, example.b_name) if prediction.forward else (example.b_name, example.a_name)
    return prediction.predicate, *names


def fit(
    rows: Sequence[Sequence[str]],
    targets: Sequence[Sequence[str]],
    classes: Sequence[str],
    balance: float,
    l2: float,
) -> RelationClassifier:
    """A softmax regression fitted with L-BFGS; rare classes weigh (largest count / count) ** balance."""
    counts: dict[int, int] = {}
    for hashed in (hash_features(r, HASH_BITS) for r in rows):
        for i in hashed.tolist():
            counts[i] = counts.get(i, 0) + 1
    ids = np.array(sorted(i for i, c in counts.items() if c >= MIN_COUNT), dtype=np.int64)
    index = {c: i for i, c in enumerate(classes)}
    x_rows, y_list, w_list = [], [], []
    for r, ts in zip(rows, targets, strict=True):
        for t in ts:  # an example with several gold facts teaches each of them with a share of its weight
            x_rows.append(r)
            y_list.append(index[t])
            w_list.append(1.0 / len(ts))
    x, y, w = _design(x_rows, ids), np.array(y_list), np.array(w_list)
    frequency = np.bincount(y, weights=w, minlength=len(classes))
    w = w * ((frequency.max() / np.maximum(frequency, 1.0)) ** balance)[y]
    n, d, k = x.shape[0], x.shape[1], len(classes)
    xt = x.T.tocsr()
    onehot = np.zeros((n, k))
    onehot[np.arange(n), y] = 1.0

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        weights, bias = theta[: d * k].reshape(d, k), theta[d * k :]
        z = x @ weights + bias
        z -= z.max(axis=1, keepdims=True)
        log_norm = np.log(np.exp(z).sum(axis=1))
        value = -np.sum(w * (z[np.arange(n), y] - log_norm)) + 0.5 * l2 * np.sum(weights * weights)
        g = (np.exp(z - log_norm[:, None]) - onehot) * w[:, None]
        return float(value), np.concatenate([(xt @ g + l2 * weights).ravel(), g.sum(axis=0)])

    theta = _minimize(loss, np.zeros(d * k + k), MAX_ITER)
    weights = theta[: d * k].reshape(d, k).astype(np.float16).astype(np.float32)  # as stored
    return RelationClassifier(classes, ids, weights, theta[d * k :].astype(np.float32), threshold=0.5)


def _dot(a: np.ndarray, b: np.ndarray) -> float:
    """Inner product by numpy's own summation, which (unlike BLAS) does not depend on the thread count."""
    return float(np.sum(a * b))


def _minimize(
    fun: Callable[[np.ndarray], tuple[float, np.ndarray]],
    x: np.ndarray,
    max_iter: int,
    memory: int = 10,
    tol: float = 1e-7,
) -> np.ndarray:
    """Limited-memory BFGS with a backtracking line search: the minimiser of a smooth convex `fun`."""
    value, grad = fun(x)
    history: list[tuple[np.ndarray, np.ndarray, float]] = []  # (step, gradient change, 1 / their product)
    iteration = 0
    while iteration < max_iter:
        iteration += 1
        q = grad.copy()
        alphas = []
        for s, y, rho in reversed(history):
            alphas.append(rho * _dot(s, q))
            q -= alphas[-1] * y
        if history:
            s, y, _ = history[-1]
            q *= _dot(s, y) / _dot(y, y)
        else:
            q /= max(1.0, float(np.sqrt(_dot(grad, grad))))
        for (s, y, rho), alpha in zip(history, reversed(alphas), strict=True):
            q += (alpha - rho * _dot(y, q)) * s
        slope = -_dot(grad, q)
        if slope >= 0:  # not a descent direction: start over from the gradient
            history.clear()
            q, slope = grad.copy(), -_dot(grad, grad)
        step = 1.0
        while True:
            candidate = x - step * q
            new_value, new_grad = fun(candidate)
            if new_value <= value + 1e-4 * step * slope or step < 1e-8:
                break
            step *= 0.5
        s, y = candidate - x, new_grad - grad
        if _dot(s, y) > 1e-12:
            history = [*history[-(memory - 1) :], (s, y, 1.0 / _dot(s, y))]
        done = value - new_value <= tol * max(abs(value), 1.0)
        x, value, grad = candidate, new_value, new_grad
        if done:
            break
    log.info("fit: %d iterations, loss %.4f", iteration, value)
    return x


def decide_examples(
    model: RelationClassifier, examples: Sequence[PairExample], rows: Sequence[Sequence[str]]
) -> list[RelationPrediction | None]:
    """The model's predictions on FinRE examples whose feature rows are already computed."""
    probs = model.probabilities(rows)
    return [
        model._decide(p, ex.sentence, ((0, len(ex.sentence)), ex.a, ex.b, False), None, None)
        for ex, p in zip(examples, probs, strict=True)
    ]


def evaluate(
    model: RelationClassifier, examples: Sequence[PairExample], rows: Sequence[Sequence[str]]
) -> dict:
    """FinRE scores of the model on examples with gold entity pairs."""
    from kg.learn.finre import score

    predictions = decide_examples(model, examples, rows)
    return score(examples, [predicted_fact(ex, p) for ex, p in zip(examples, predictions, strict=True)])


def planned_agreement(
    model: RelationClassifier, examples: Sequence[PairExample], rows: Sequence[Sequence[str]]
) -> dict:
    """How often status=planned agrees with FinRE (拟收购 or not) on correctly predicted acquisitions."""
    from kg.evaluate.scoring import fact_key

    agree = total = 0
    for ex, prediction in zip(examples, decide_examples(model, examples, rows), strict=True):
        guess = predicted_fact(ex, prediction)
        gold = [f for f in ex.facts if f.predicate == "acquires" and guess and f.key() == fact_key(*guess)]
        if prediction is not None and gold:
            total += 1
            said = prediction.qualifiers.get("status") == "planned"
            agree += said == (("status", "planned") in gold[0].qualifiers)
    return {"agree": agree, "of": total}


def _objective(figures: dict) -> tuple[bool, float]:
    """What tuning maximises: micro-F1 without same_as, among settings whose same_as F1 meets the goal."""
    return same_as_f1(figures) >= SAME_AS_GOAL, figures["micro"]["f1"]


def same_as_f1(figures: dict) -> float:
    """same_as F1 of a score() result."""
    return figures["apart"].get("same_as", {}).get("f1", 0.0)


@TRAINERS.register(
    "relations", help="relation classifier (softmax regression) on FinRE train, tuned on valid"
)
def train(data_dir: Path, out_dir: Path) -> dict:
    """Train on FinRE train.txt, tune on valid.txt, write relations.npz/.json to out_dir; return figures."""
    from kg.learn.finre import read_examples

    started = time.perf_counter()
    data_dir, out_dir = Path(data_dir), Path(out_dir)
    finre = data_dir / "finre" if (data_dir / "finre" / "train.txt").exists() else data_dir
    train_ex, valid_ex = read_examples(finre / "train.txt"), read_examples(finre / "valid.txt")
    train_rows = [example_features(e) for e in train_ex]
    valid_rows = [example_features(e) for e in valid_ex]
    targets = [example_targets(e) for e in train_ex]
    classes = [NONE] + sorted({t for ts in targets for t in ts} - {NONE})
    best: tuple[tuple[bool, float], dict, RelationClassifier, dict] | None = None
    tried = []
    for balance, l2 in SETTINGS:
        model = fit(train_rows, targets, classes, balance, l2)
        for threshold in THRESHOLDS:
            model.threshold = threshold
            figures = evaluate(model, valid_ex, valid_rows)
            setting = {"balance": balance, "l2": l2, "threshold": threshold}
            tried.append(
                {
                    **setting,
                    "micro_f1": figures["micro"]["f1"],
                    "same_as_f1": same_as_f1(figures),
                }
            )
            if best is None or _objective(figures) > best[0]:
                best = (_objective(figures), setting, model, figures)
    assert best is not None
    _, setting, model, figures = best
    model.threshold = setting["threshold"]
    report = {
        "train_pairs": len(train_ex),
        "valid_pairs": len(valid_ex),
        "features": len(model.ids),
        "setting": setting,
        "valid_gold_pairs": figures,
        "valid_planned_status": planned_agreement(model, valid_ex, valid_rows),
        "tried": tried,
    }
    save(model, out_dir, setting)
    atomic_write(out_dir / "relations.figures.json", json.dumps(report, ensure_ascii=False, indent=1) + "\n")
    sizes = {ext: (out_dir / f"relations.{ext}").stat().st_size for ext in ("npz", "json")}
    return {**report, "seconds": round(time.perf_counter() - started, 1), "model_bytes": sum(sizes.values())}


def save(model: RelationClassifier, out_dir: Path, setting: dict) -> None:
    """Write relations.npz (arrays) and relations.json (classes, threshold), byte-reproducibly."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        arrays = {
            "ids": model.ids.astype(np.int32),
            "weights": model.weights.astype(np.float16),
            "bias": model.bias.astype(np.float32),
        }
        for name, array in arrays.items():
            member = io.BytesIO()
            np.lib.format.write_array(member, array, allow_pickle=False)
            info = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, member.getvalue())
    meta = {
        "format": FORMAT,
        "classes": model.classes,
        "threshold": model.threshold,
        "hash_bits": HASH_BITS,
        "setting": setting,
    }
    atomic_write(out_dir / "relations.npz", buffer.getvalue())
    atomic_write(out_dir / "relations.json", json.dumps(meta, ensure_ascii=False, indent=1) + "\n")
