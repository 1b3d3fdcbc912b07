"""kg: Chinese company news in, a queryable RDF knowledge graph out."""

__version__ = "0.1.0"
