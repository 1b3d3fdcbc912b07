"""Assembles an article's clean text from paragraphs while keeping anchor offsets right."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.model import Anchor
from kg.text.chars import drop_controls

_SPACE = re.compile(r"[ \t\r\f\v\u00a0\u3000\u200b\u2028\u2029]+")


@dataclass
class Paragraph:
    """A paragraph's text and the anchors inside it, offsets relative to the paragraph."""

    text: str
    anchors: list[Anchor] = field(default_factory=list)


def squeeze(pieces: list[tuple[str, str | None]]) -> Paragraph:
    """Join (text, ticker-or-None) pieces into one paragraph, folding white space, keeping anchors."""
    text_parts: list[str] = []
    anchors: list[Anchor] = []
    length = 0
    for piece, ticker in pieces:
        piece = _SPACE.sub(" ", drop_controls(piece).replace("\n", " "))
        if length == 0:
            piece = piece.lstrip()
        elif text_parts and text_parts[-1].endswith(" ") and piece.startswith(" "):
            piece = piece[1:]
        if ticker and piece.strip():
            lead = len(piece) - len(piece.lstrip())
            start = length + lead
            anchors.append(Anchor(start, start + len(piece.strip()), ticker))
        text_parts.append(piece)
        length += len(piece)
    text = "".join(text_parts)
    stripped = text.rstrip()
    anchors = [a for a in anchors if a.end <= len(stripped)]
    return Paragraph(stripped, anchors)


class TextBuilder:
    """Collects paragraphs into one text separated by newlines, shifting anchors to text offsets."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0
        self.anchors: list[Anchor] = []

    def add(self, paragraph: Paragraph) -> None:
        """Append a paragraph (empty ones are skipped)."""
        if not paragraph.text:
            return
        if self._parts:
            self._parts.append("\n")
            self._length += 1
        base = self._length
        self._parts.append(paragraph.text)
        self._length += len(paragraph.text)
        self.anchors.extend(Anchor(a.start + base, a.end + base, a.ticker) for a in paragraph.anchors)

    @property
    def text(self) -> str:
        return "".join(self._parts)
