"""A trained CRFsuite linear-chain model as numpy arrays: Viterbi labels and marginals for many texts at once.

CRFsuite's own tagger spends most of its time converting feature strings; here each feature template
has a value -> weight-row table, so a text's features never become strings at tagging time.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from itertools import chain, repeat
from pathlib import Path

import numpy as np
from scipy import sparse

from kg.learn.features import CharFeatures, code_points, lexicon_feature_names, ngram_keys

_EPOCH = (1980, 1, 1, 0, 0, 0)  # fixed zip member time: the same model gives the same file


class LinearChainCrf:
    """State weights per (attribute, label) and transition weights per (label, label)."""

    def __init__(self, labels: list[str], attributes: list[str], state: np.ndarray, transitions: np.ndarray):
        self.labels = labels
        self.attributes = attributes
        # one extra all-zero row for attributes the model does not know
        self.state = np.vstack([state, np.zeros((1, len(labels)))])
        self.transitions = transitions
        self.unknown = len(attributes)
        self.by_name = {a: i for i, a in enumerate(attributes)}
        self.templates: dict[str, dict[str, int]] = {}
        for i, a in enumerate(attributes):
            template, _, value = a.partition("|")
            self.templates.setdefault(template, {})[value] = i
        self._exp_transitions = np.exp(transitions)
        self._windows: dict[tuple[str, int, tuple[int, ...]], tuple[np.ndarray, np.ndarray]] = {}
        self._lexicon: dict[str, _LexiconRows] = {}

    @classmethod
    def from_crfsuite(cls, model_path: Path) -> LinearChainCrf:
        """The weights of a model file written by pycrfsuite.Trainer."""
        import pycrfsuite

        tagger = pycrfsuite.Tagger()
        tagger.open(str(model_path))
        info = tagger.info()
        labels = sorted(info.labels, key=lambda y: int(info.labels[y]))
        index = {y: i for i, y in enumerate(labels)}
        attributes = sorted({a for a, _ in info.state_features})
        row = {a: i for i, a in enumerate(attributes)}
        state = np.zeros((len(attributes), len(labels)))
        for (a, y), w in info.state_features.items():
            state[row[a], index[y]] = w
        transitions = np.zeros((len(labels), len(labels)))
        for (y1, y2), w in info.transitions.items():
            transitions[index[y1], index[y2]] = w
        tagger.close()
        return cls(labels, attributes, state, transitions)

    def save(self, path: Path) -> None:
        """Write the weights as a byte-reproducible .npz file (sparse state weights)."""
        from kg.io import atomic_open

        state = self.state[:-1]
        rows, cols = np.nonzero(state)
        arrays = {
            "labels": np.frombuffer("\n".join(self.labels).encode("utf-8"), dtype=np.uint8),
            "attributes": np.frombuffer("\n".join(self.attributes).encode("utf-8"), dtype=np.uint8),
            "rows": rows.astype(np.int32),
            "cols": cols.astype(np.int16),
            "weights": state[rows, cols],
            "transitions": self.transitions,
        }
        with atomic_open(path, "wb") as fh, zipfile.ZipFile(fh, "w", zipfile.ZIP_DEFLATED) as zf:
            for name, array in arrays.items():
                buf = io.BytesIO()
                np.lib.format.write_array(buf, np.ascontiguousarray(array), allow_pickle=False)
                zf.writestr(zipfile.ZipInfo(name + ".npy", _EPOCH), buf.getvalue(), zipfile.ZIP_DEFLATED)

    @classmethod
    def load(cls, path: Path) -> LinearChainCrf:
        """Read weights written by save()."""
        with np.load(path, allow_pickle=False) as z:
            labels = z["labels"].tobytes().decode("utf-8").split("\n")
            attributes = z["attributes"].tobytes().decode("utf-8").split("\n")
            state = np.zeros((len(attributes), len(labels)))
            state[z["rows"], z["cols"]] = z["weights"]
            return cls(labels, attributes, state, z["transitions"])

    def _window_table(
        self, prefix: str, order: int, shifts: tuple[int, ...]
    ) -> tuple[np.ndarray, np.ndarray]:
        """For templates prefix+shift over n-grams of `order`: the sorted n-gram keys the model knows, and
        a (1 + keys x shifts) table of weight rows, row 0 for an n-gram it does not know."""
        key = (prefix, order, shifts)
        if key not in self._windows:
            tables = [self.templates.get(f"{prefix}{k}", {}) for k in shifts]
            values = sorted(v for v in set().union(*tables) if len(v) == order)
            keys = ngram_keys(code_points("".join(values)), order)[::order]
            rows = np.full((len(values) + 1, len(shifts)), self.unknown, dtype=np.int64)
            for j, table in enumerate(tables):
                for i, v in enumerate(values):
                    if v in table:
                        rows[i + 1, j] = table[v]
            self._windows[key] = (keys, rows)
        return self._windows[key]

    def emissions(self, feats: CharFeatures) -> np.ndarray:
        """Per character and label, the summed state weights of its features (characters x labels)."""
        n, unknown = len(feats.positions), self.unknown
        positions = feats.positions
        codes = code_points(feats.layout)
        blocks = []
        for prefix, order, shifts in feats.windows:
            keys, rows = self._window_table(prefix, order, shifts)
            grams = ngram_keys(codes, order)
            at = np.minimum(np.searchsorted(keys, grams), max(len(keys) - 1, 0))
            found = np.where(keys[at] == grams, at + 1, 0) if len(keys) else np.zeros(len(grams), np.int64)
            for j, k in enumerate(shifts):
                blocks.append(rows[found[positions + k], j])
        for template, values in feats.columns:
            table = self.templates.get(template)
            if table is not None:
                blocks.append(np.fromiter(map(table.get, values, repeat(unknown)), dtype=np.int64, count=n))
        # one feature per template and character, then any number of lexicon features per character
        width = len(blocks)
        cols = np.stack(blocks, axis=1).ravel() if blocks else np.zeros(0, dtype=np.int64)
        scores = self._summed(cols, np.arange(0, n * width + 1, width) if width else np.zeros(n + 1, int))
        for template, tags in feats.lexicon:
            table = self._lexicon.get(template)
            if table is None:
                table = self._lexicon[template] = _LexiconRows(template, self.by_name)
            found = list(map(table.__getitem__, tags))
            counts = np.fromiter(map(len, found), dtype=np.int64, count=n)
            cols = np.fromiter(chain.from_iterable(found), dtype=np.int64, count=counts.sum())
            scores += self._summed(cols, np.concatenate([[0], np.cumsum(counts)]))
        return scores

    def _summed(self, cols: np.ndarray, starts: np.ndarray) -> np.ndarray:
        """Per row, the sum of the state weights at cols[starts[i]:starts[i + 1]] (rows x labels)."""
        shape = (len(starts) - 1, self.state.shape[0])
        x = sparse.csr_matrix((np.ones(len(cols)), cols, starts), shape=shape)
        return np.asarray(x @ self.state)

    def _batch(self, emissions: Sequence[np.ndarray]) -> tuple[list[int], np.ndarray, list[int], np.ndarray]:
        """The non-empty texts longest first (so the texts still running at step t are the first
        alive[t]), their lengths, alive, and their scores padded into one array."""
        order = sorted((k for k, e in enumerate(emissions) if len(e)), key=lambda k: -len(emissions[k]))
        lengths = np.array([len(emissions[k]) for k in order], dtype=np.int64)
        t_max = int(lengths[0]) if order else 0
        alive = [int(np.sum(lengths > t)) for t in range(t_max + 1)]
        score = np.zeros((len(order), t_max, len(self.labels)))
        for j, k in enumerate(order):
            score[j, : lengths[j]] = emissions[k]
        return order, lengths, alive, score

    def viterbi(self, emissions: Sequence[np.ndarray]) -> list[np.ndarray]:
        """For each text's emission matrix, the label indices of its best labelling."""
        out = [np.zeros(0, dtype=np.int64)] * len(emissions)
        order, lengths, alive, score = self._batch(emissions)
        if not order:
            return out
        s, t_max, n_labels = score.shape
        # candidates laid out [text, to, from]: the reductions then run over contiguous memory
        trans = np.ascontiguousarray(self.transitions.T)[None]
        delta = score[:, 0].copy()
        back = np.zeros((s, t_max, n_labels), dtype=np.int64)
        for t in range(1, t_max):
            k = alive[t]
            cand = delta[:k, None, :] + trans
            best = cand.argmax(axis=2)
            back[:k, t] = best
            delta[:k] = np.take_along_axis(cand, best[:, :, None], axis=2)[:, :, 0] + score[:k, t]
        path = np.zeros((s, t_max), dtype=np.int64)
        final = delta.argmax(axis=1)
        texts = np.arange(s)
        for t in range(t_max - 1, -1, -1):
            k, ending = alive[t], alive[t + 1]
            path[ending:k, t] = final[ending:k]
            if t:
                path[:k, t - 1] = back[texts[:k], t, path[:k, t]]
        for j, k in enumerate(order):
            out[k] = path[j, : lengths[j]]
        return out

    def marginals(self, emissions: Sequence[np.ndarray], paths: Sequence[np.ndarray]) -> list[np.ndarray]:
        """For each text, the marginal probability of each label of `paths` (forward-backward)."""
        out = [np.zeros(0)] * len(emissions)
        order, lengths, alive, score = self._batch(emissions)
        if not order:
            return out
        s, t_max, n_labels = score.shape
        # probability space, each step rescaled to sum to 1
        ex = np.exp(score - score.max(axis=2, keepdims=True))
        et = self._exp_transitions
        alpha = np.ones((s, t_max, n_labels))
        alpha[:, 0] = ex[:, 0] / ex[:, 0].sum(axis=1, keepdims=True)
        for t in range(1, t_max):
            k = alive[t]
            a = (alpha[:k, t - 1] @ et) * ex[:k, t]
            alpha[:k, t] = a / a.sum(axis=1, keepdims=True)
        beta = np.ones((s, t_max, n_labels))
        for t in range(t_max - 2, -1, -1):
            k = alive[t + 1]
            b = (beta[:k, t + 1] * ex[:k, t + 1]) @ et.T
            beta[:k, t] = b / b.sum(axis=1, keepdims=True)
        path = np.zeros((s, t_max), dtype=np.int64)
        for j, k in enumerate(order):
            path[j, : lengths[j]] = paths[k]
        marg = alpha * beta
        chosen = np.take_along_axis(marg, path[:, :, None], axis=2)[:, :, 0] / marg.sum(axis=2)
        for j, k in enumerate(order):
            out[k] = chosen[j, : lengths[j]]
        return out

    def decode(self, emissions: Sequence[np.ndarray]) -> list[tuple[np.ndarray, np.ndarray]]:
        """For each text's emission matrix: the best label indices and the marginal of each chosen label."""
        paths = self.viterbi(emissions)
        return list(zip(paths, self.marginals(emissions, paths), strict=True))


class _LexiconRows(dict):
    """Lexicon tags -> the weight rows of the features template|tag a model knows (characters share tags,
    so each set of tags is looked up once)."""

    def __init__(self, template: str, by_name: dict[str, int]) -> None:
        super().__init__()
        self.template = template
        self.by_name = by_name

    def __missing__(self, tags: tuple[str, ...]) -> tuple[int, ...]:
        names = lexicon_feature_names(self.template, tags)
        rows = tuple(self.by_name[f] for f in names if f in self.by_name)
        if len(self) < 100_000:
            self[tags] = rows
        return rows
