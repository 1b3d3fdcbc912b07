"""Data files shipped with kg: lexicons, rules, schema tables, samples."""

from importlib import resources


def tsv_rows(package: str, filename: str) -> list[list[str]]:
    """The tab-separated fields of each line of a data file in `package`, blank and `#` lines left out."""
    text = resources.files(package).joinpath(filename).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]
