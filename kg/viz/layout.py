"""Node positions computed before the page opens, so that the browser need not simulate large graphs.

Entities named in one fact only (leaves: most people and products) are set aside; each connected
component of the rest gets a global shape from Pivot MDS (graph distances from a few spread-out pivot
nodes, Brandes and Pich 2006), its leaves go on a sunflower disc around their one neighbour, and
components are packed in rows, largest first. A force refinement then evens out the spacing; its
repulsion only acts between nodes less than two ideal edge lengths apart (the grid variant of
Fruchterman-Reingold), found with a k-d tree. Time grows about linearly with nodes and edges.
"""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
from scipy.sparse import coo_matrix, csr_matrix
from scipy.sparse.csgraph import connected_components, shortest_path
from scipy.spatial import cKDTree

PIVOTS = 30
ITERATIONS = 50
GRAVITY = 0.0005
LEAF_SPACING = 0.55  # sunflower constant: about one unit between neighbouring leaves
GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))


def layout(graph: nx.Graph, spacing: float = 100.0, seed: int = 0) -> dict:
    """Positions {node: (x, y)}, neighbours about `spacing` apart; the same graph gives the same result."""
    nodes = list(graph)
    n = len(nodes)
    if n == 0:
        return {}
    index = {v: i for i, v in enumerate(nodes)}
    pairs = sorted({(min(index[u], index[v]), max(index[u], index[v])) for u, v in graph.edges() if u != v})
    edges = np.array(pairs, dtype=np.int64).reshape(-1, 2)
    adjacency = coo_matrix((np.ones(len(edges)), (edges[:, 0], edges[:, 1])), shape=(n, n)).tocsr()
    adjacency = (adjacency + adjacency.T).tocsr()
    rng = np.random.default_rng(seed)
    pos, centre = _initial(adjacency, rng)
    pos = _refine(pos, centre, edges, rng)
    pos *= spacing
    return {v: (round(float(pos[i, 0]), 1), round(float(pos[i, 1]), 1)) for v, i in index.items()}


def _initial(adjacency: csr_matrix, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Starting positions, and for each node the place of its component."""
    n = adjacency.shape[0]
    degree = np.diff(adjacency.indptr)
    parent = np.full(n, -1)
    for leaf in np.flatnonzero(degree == 1):
        neighbour = adjacency.indices[adjacency.indptr[leaf]]
        if degree[neighbour] > 1:
            parent[leaf] = neighbour
    core = np.flatnonzero(parent < 0)
    count, labels = connected_components(adjacency[core][:, core], directed=False)
    members = [core[labels == c] for c in range(count)]
    leaves_of: dict[int, list[int]] = {}
    for leaf in np.flatnonzero(parent >= 0):
        leaves_of.setdefault(int(parent[leaf]), []).append(int(leaf))
    local = np.full(n, -1)  # a core node's index within its component
    shapes = []
    for m in members:
        local[m] = np.arange(len(m))
        radius = np.array([1.0 + LEAF_SPACING * math.sqrt(len(leaves_of.get(int(p), ()))) for p in m])
        xy = _core_shape(adjacency[m][:, m] if len(m) > 3 else None, radius, rng)
        ids, coords = [m], [xy]
        for k, p in enumerate(m):
            leaves = leaves_of.get(int(p))
            if leaves:
                ids.append(np.array(leaves))
                around = adjacency.indices[adjacency.indptr[p] : adjacency.indptr[p + 1]]
                around = local[around[parent[around] < 0]]
                centre = xy[k] + _outwards(xy, k, around) * (radius[k] - 1.0)
                coords.append(_sunflower(len(leaves), rng.uniform(0, 2 * math.pi)) + centre)
        shapes.append((np.concatenate(ids), np.vstack(coords)))
    pos = np.zeros((n, 2))
    centre = np.zeros((n, 2))
    for (ids, xy), offset in zip(shapes, _pack([xy for _ids, xy in shapes]), strict=True):
        pos[ids] = xy + offset
        centre[ids] = (xy + offset).mean(axis=0)
    return pos, centre


def _core_shape(sub: csr_matrix | None, radius: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Coordinates of a component without its leaves, edges long enough for the leaf discs at both ends
    (`sub`, its adjacency, is needed from four nodes up)."""
    size = len(radius)
    if size == 1:
        return np.zeros((1, 2))
    if size <= 3:
        angles = np.arange(size) * 2 * math.pi / size
        r = max(radius) * 1.2 / math.sin(math.pi / size)
        return 0.5 * r * np.column_stack([np.cos(angles), np.sin(angles)])
    xy = _pivot_mds(sub, rng)
    rows, cols = sub.nonzero()
    lengths = np.linalg.norm(xy[rows] - xy[cols], axis=1)
    wanted = radius[rows] + radius[cols]
    scale = float(np.median(wanted / np.maximum(lengths, 1e-6)))
    return xy * scale + rng.normal(scale=0.05, size=xy.shape)  # nodes at one spot must not coincide


def _pivot_mds(sub: csr_matrix, rng: np.random.Generator) -> np.ndarray:
    """2-D coordinates that keep graph distances from a set of spread-out pivot nodes."""
    size = sub.shape[0]
    degree = np.diff(sub.indptr)
    first = int(np.argmax(degree))
    nearest = shortest_path(sub, unweighted=True, directed=False, indices=first)
    dist = [nearest]
    for _ in range(min(PIVOTS, size) - 1):
        nxt = int(np.argmax(nearest))
        if nearest[nxt] == 0:
            break
        d = shortest_path(sub, unweighted=True, directed=False, indices=nxt)
        dist.append(d)
        nearest = np.minimum(nearest, d)
    if len(dist) < 2:
        return rng.normal(size=(size, 2))
    c = np.column_stack(dist) ** 2
    c = -0.5 * (c - c.mean(axis=0) - c.mean(axis=1, keepdims=True) + c.mean())
    _values, vectors = np.linalg.eigh(c.T @ c)
    xy = c @ vectors[:, [-1, -2]]
    return xy if np.ptp(xy) > 0 else rng.normal(size=(size, 2))


def _outwards(xy: np.ndarray, k: int, neighbours: np.ndarray) -> np.ndarray:
    """The unit vector from node k's neighbours towards node k (zero when it has none or sits amid them),
    so that its leaves go on its far side."""
    if not len(neighbours):
        return np.zeros(2)
    away = xy[k] - xy[neighbours].mean(axis=0)
    norm = np.linalg.norm(away)
    return away / norm if norm > 1e-9 else np.zeros(2)


def _sunflower(count: int, turn: float) -> np.ndarray:
    """`count` points evenly filling a disc around (0, 0), starting one unit out."""
    k = np.arange(count)
    r = 1.0 + LEAF_SPACING * np.sqrt(k)
    a = turn + k * GOLDEN_ANGLE
    return np.column_stack([r * np.cos(a), r * np.sin(a)])


def _pack(shapes: list[np.ndarray]) -> list[np.ndarray]:
    """An offset for each shape so that the shapes sit in rows, largest first, without overlapping."""
    order = sorted(range(len(shapes)), key=lambda i: -len(shapes[i]))
    boxes = []
    for i in order:
        lo, hi = shapes[i].min(axis=0), shapes[i].max(axis=0)
        boxes.append((i, lo, hi - lo + 1.5))
    area = sum(float(w * h) for _i, _lo, (w, h) in boxes)
    row_width = max(math.sqrt(area) * 1.3, float(boxes[0][2][0]))
    offsets: dict[int, np.ndarray] = {}
    x = y = row_height = 0.0
    for i, lo, (w, h) in boxes:
        if x > 0 and x + w > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        offsets[i] = np.array([x, y]) - lo
        x += w
        row_height = max(row_height, h)
    return [offsets[i] for i in range(len(shapes))]


def _refine(pos: np.ndarray, centre: np.ndarray, edges: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Fruchterman-Reingold steps with local repulsion and a weak pull towards each component's place."""
    n = len(pos)
    if n < 2:
        return pos
    src, dst = edges[:, 0], edges[:, 1]
    step = 1.0
    for _ in range(ITERATIONS):
        disp = np.zeros_like(pos)
        close = cKDTree(pos).query_pairs(r=2.0, output_type="ndarray")
        if len(close):
            i, j = close[:, 0], close[:, 1]
            delta = pos[i] - pos[j]
            push = delta / np.maximum((delta**2).sum(axis=1), 1e-4)[:, None]  # magnitude 1/d
            _accumulate(disp, i, push)
            _accumulate(disp, j, -push)
        if len(src):
            delta = pos[src] - pos[dst]
            pull = delta * np.linalg.norm(delta, axis=1)[:, None]  # magnitude d^2
            _accumulate(disp, src, -pull)
            _accumulate(disp, dst, pull)
        disp -= GRAVITY * (pos - centre)
        length = np.maximum(np.linalg.norm(disp, axis=1), 1e-9)
        pos = pos + disp * (np.minimum(length, step) / length)[:, None]
        step = max(0.05, step * 0.94)
    return pos


def _accumulate(disp: np.ndarray, index: np.ndarray, values: np.ndarray) -> None:
    n = len(disp)
    disp[:, 0] += np.bincount(index, weights=values[:, 0], minlength=n)
    disp[:, 1] += np.bincount(index, weights=values[:, 1], minlength=n)
