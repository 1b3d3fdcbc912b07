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
    with pytest.raises(
        InputError, match=r"not valid UTF-8 or GB18030 text \(invalid byte at offset 3, line 1\)"
    ):
        decode_bytes(b"abc\xff\xfe\xff", "a.txt")


@pytest.mark.parametrize("encoding", ["utf-8", "gbk", "utf-8-sig"])
def test_a_character_cut_off_at_the_end_is_dropped(encoding):
    data = TEXT.encode(encoding)[:-1]
    assert decode_bytes(data, "a.txt") == TEXT[:-1]


def test_lines_in_gbk_inside_a_utf8_file_are_read_line_by_line():
    gbk = "九州通称承担i茅台技术服务\r\n"
    data = (TEXT + "\n").encode() + gbk.encode("gbk") + TEXT.encode()
    assert decode_bytes(data, "a.txt") == TEXT + "\n" + gbk + TEXT


def test_a_damaged_line_in_utf8_text_is_refused_with_its_line_and_offset():
    data = (TEXT + "\n").encode() * 2 + TEXT.encode()[:9] + b"\xff" + TEXT.encode()[9:]
    offset = 2 * len((TEXT + "\n").encode()) + 9
    with pytest.raises(InputError) as err:
        decode_bytes(data, "a.txt")
    assert str(err.value) == (
        f"a.txt: invalid UTF-8 byte at offset {offset}, line 3 (mixed encodings or a damaged file)"
    )


def test_a_file_of_control_characters_is_binary():
    with pytest.raises(InputError, match="mostly control characters"):
        decode_bytes(bytes(range(1, 32)) * 10, "a.txt")
    assert decode_bytes(b"\x01" + TEXT.encode(), "a.txt") == "\x01" + TEXT  # a stray one is kept


def test_utf16_without_byte_order_mark_is_refused():
    with pytest.raises(InputError, match="UTF-16 needs a byte-order mark"):
        decode_bytes(TEXT.encode("utf-16-le"), "a.txt")  # 最 is U+6700: a NUL byte
    with pytest.raises(InputError, match="not valid UTF-8 or GB18030"):
        decode_bytes("中信证券董事长张佑君表示，公司将继续服务实体经济。".encode("utf-16-le"), "a.txt")


def test_real_news_sentences_in_gb18030_decode_exactly(shared):
    rows = (shared / "data" / "finre" / "valid.txt").read_text("utf-8").splitlines()
    sentences = [row.split("\t")[3] for row in rows if row.count("\t") == 3]
    assert len(sentences) > 1000
    for sentence in sentences:
        assert decode_bytes(sentence.encode("gb18030"), "a.txt") == sentence
    document = "\n".join(sentences)
    assert decode_bytes(document.encode("gb18030"), "a.txt") == document
