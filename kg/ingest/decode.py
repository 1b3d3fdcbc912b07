"""Bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM, GB18030/GBK; binary files refused."""

from __future__ import annotations

import codecs

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


def decode_bytes(data: bytes, path: str) -> str:
    """Decode `data` read from `path`, or raise InputError saying why it is not text."""
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise InputError(path, f"binary file ({what}), not text")
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8", path)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16", path)
    if b"\x00" in data[:4096]:
        raise InputError(path, "binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as utf8_error:
        try:
            return data.decode("gb18030")
        except UnicodeDecodeError:
            raise InputError(
                path, f"not valid UTF-8 or GB18030 text (invalid byte at offset {utf8_error.start})"
            ) from None


def _strict(data: bytes, encoding: str, path: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as err:
        raise InputError(
            path, f"invalid {encoding} despite its byte-order mark (offset {err.start})"
        ) from None
