"""The error an input raises when it cannot be read; it names the file and the reason."""

from __future__ import annotations

from kg.text.chars import printable, replace_surrogates


class InputError(Exception):
    """An input that cannot become an article: names the file (and line) and says why."""

    def __init__(self, path: str, reason: str, line: int | None = None) -> None:
        # A file name that is not valid UTF-8 arrives with surrogate escapes, which cannot be written out.
        self.path = replace_surrogates(str(path))
        self.reason = replace_surrogates(str(reason))
        self.line = line
        super().__init__(str(self))

    def __reduce__(self):
        # Workers send errors back pickled; the default pickles str(self) as the only argument.
        return type(self), (self.path, self.reason, self.line)

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return printable(f"{where}: {self.reason}")

    def record(self) -> dict:
        """A JSON-ready description of the failure, as listed in report.json."""
        rec: dict = {"path": self.path, "reason": self.reason}
        if self.line is not None:
            rec["line"] = self.line
        return rec
