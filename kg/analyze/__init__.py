"""Graph analytics over the entity network: central entities, communities, components, shortest chains."""

from kg.analyze.centrality import Analysis, analyze, pagerank, undirected
from kg.analyze.paths import Hop, NoPath, shortest_chains

__all__ = ["Analysis", "Hop", "NoPath", "analyze", "pagerank", "shortest_chains", "undirected"]
