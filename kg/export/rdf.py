"""The RDF export formats: turtle, trig, nt, nquads, jsonld and xml, one file each."""

from __future__ import annotations

from pathlib import Path

from rdflib import Dataset

from kg.export import EXPORTERS, Exporter
from kg.io import atomic_open
from kg.rdf.serialize import FORMATS, serialize

# export format name -> kg.rdf.serialize format name
NAMES = {
    "turtle": "turtle",
    "trig": "trig",
    "nt": "nt",
    "nquads": "nquads",
    "jsonld": "json-ld",
    "xml": "xml",
}


def _exporter(fmt: str) -> Exporter:
    def export(dataset: Dataset, path: Path) -> list[Path]:
        data = serialize(dataset, fmt)
        with atomic_open(path, "wb") as fh:
            fh.write(data)
        return [Path(path)]

    export.__doc__ = f"Write the graph to `path` as {FORMATS[fmt].label}."
    return export


def _register_all() -> None:
    for name, fmt in NAMES.items():
        spec = FORMATS[fmt]
        EXPORTERS.register(name, suffix=spec.suffix, help=spec.label)(_exporter(fmt))


_register_all()
