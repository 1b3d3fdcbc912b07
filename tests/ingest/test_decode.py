import codecs
import zipfile
from io import BytesIO

import pytest

from kg.ingest.decode import decode_bytes
from kg.ingest.errors import InputError

TEXT = "贵州茅台董事长丁雄军表示，渠道改革最终是让茅台回归商品属性。"


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        TEXT.encode("gbk"),
        TEXT.encode("gb18030"),
        codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"),
    ],
    ids=["utf8", "utf8-bom", "gbk", "gb18030", "utf16-bom"],
)
def test_decodes_the_encodings_chinese_news_come_in(data):
    assert decode_bytes(data, "a.txt") == TEXT


def test_png_is_refused_as_binary():
    with pytest.raises(InputError, match=r"a\.txt: binary file \(a PNG image\)"):
        decode_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100), "a.txt")


def test_zip_is_refused_as_binary():
    buf = BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("x.txt", "hello")
    with pytest.raises(InputError, match="zip archive"):
        decode_bytes(buf.getvalue(), "a.txt")


def test_nul_bytes_are_binary():
    with pytest.raises(InputError, match="NUL"):
        decode_bytes(b"abc\x00def", "a.txt")


def test_bytes_valid_in_no_supported_encoding_are_refused_with_offset():
    with pytest.raises(InputError, match=r"not valid UTF-8 or GB18030 text \(invalid byte at offset 3\)"):
        decode_bytes(b"abc\xff\xfe\xff", "a.txt")
