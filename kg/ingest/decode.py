"""Bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM, GB18030/GBK; binary files refused.

A file is decoded as a whole when it is valid in one encoding. A file that mixes them (lines of GBK
pasted into a UTF-8 file) is decoded line by line; a line that is itself damaged fails the file with its
line and byte offset. A character cut off by truncation at the very end of the file is dropped.
"""

from __future__ import annotations

import codecs
import re

from kg.ingest.errors import InputError

_MAGIC = {
    b"\x89PNG": "a PNG image",
    b"GIF8": "a GIF image",
    b"\xff\xd8\xff": "a JPEG image",
    b"PK\x03\x04": "a zip archive",
    b"%PDF": "a PDF document",
    b"\x1f\x8b": "a gzip archive",
    b"\x7fELF": "an executable",
}
_HIGH_BYTES = bytes(range(0x80, 0x100))
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f]")
_MAX_CONTROL_SHARE = 0.3  # text with a few stray control characters is text; a file of them is not
_REPLACEMENT_UTF8 = "\ufffd".encode()


class _Undecodable(Exception):
    """A chunk that no supported encoding reads; `offset` is the first bad byte within the chunk."""

    def __init__(self, offset: int, utf8_like: bool) -> None:
        super().__init__(offset)
        self.offset = offset
        self.utf8_like = utf8_like


def decode_bytes(data: bytes, path: str) -> str:
    """Decode `data` read from `path`, or raise InputError saying why it is not text."""
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise InputError(path, f"binary file ({what}), not text")
    if data.startswith(codecs.BOM_UTF8):
        return _with_bom(data[3:], "utf-8", path)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _with_bom(data, "utf-16", path)
    if b"\x00" in data[:4096]:
        raise InputError(path, "binary file (contains NUL bytes; UTF-16 needs a byte-order mark), not text")
    text = _decode(data, path)
    head = text[:4096]
    if len(_CONTROL.findall(head)) > len(head) * _MAX_CONTROL_SHARE:
        raise InputError(path, "binary file (mostly control characters), not text")
    return text


def _decode(data: bytes, path: str) -> str:
    """`data` decoded as a whole, else line by line; InputError names the first line that fails."""
    try:
        return _decode_chunk(data, final=False)
    except _Undecodable:
        pass
    # GBK and GB18030 never use the bytes of CR or LF inside a character, so lines split safely.
    lines = data.splitlines(keepends=True)
    out: list[str] = []
    offset = 0
    for number, line in enumerate(lines, start=1):
        try:
            out.append(_decode_chunk(line, final=number < len(lines)))
        except _Undecodable as err:
            where = f"offset {offset + err.offset}, line {number}"
            if err.utf8_like:
                reason = f"invalid UTF-8 byte at {where} (mixed encodings or a damaged file)"
                raise InputError(path, reason) from None
            raise InputError(path, f"not valid UTF-8 or GB18030 text (invalid byte at {where})") from None
        offset += len(line)
    return "".join(out)


def _decode_chunk(chunk: bytes, final: bool) -> str:
    """`chunk` as UTF-8, else as GB18030 when it does not look like UTF-8; `final` False drops a cut tail."""
    try:
        return _incremental(chunk, "utf-8", final)
    except UnicodeDecodeError as utf8_error:
        utf8_like = _looks_like_utf8(chunk)
        if not utf8_like:
            try:
                return _incremental(chunk, "gb18030", final)
            except UnicodeDecodeError:
                pass
        raise _Undecodable(utf8_error.start, utf8_like) from None


def _incremental(chunk: bytes, encoding: str, final: bool) -> str:
    # Not final: an incomplete multi-byte sequence at the end is held back, which drops it.
    return codecs.getincrementaldecoder(encoding)("strict").decode(chunk, final=final)


def _looks_like_utf8(chunk: bytes) -> bool:
    """More valid multi-byte UTF-8 characters than invalid bytes (GBK text has few of the former)."""
    text = chunk.decode("utf-8", "replace")
    bad = text.count("\ufffd") - chunk.count(_REPLACEMENT_UTF8)
    ascii_bytes = len(chunk.translate(None, _HIGH_BYTES))
    good = len(text) - ascii_bytes - bad
    return good > bad


def _with_bom(data: bytes, encoding: str, path: str) -> str:
    try:
        return _incremental(data, encoding, final=False)
    except UnicodeDecodeError as err:
        reason = f"invalid {encoding} despite its byte-order mark (offset {err.start})"
        raise InputError(path, reason) from None
