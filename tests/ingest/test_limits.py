from kg.ingest.limits import BYTES_PER_CHAR, article_too_long, file_too_large
from kg.ingest.plain import text_article


def test_an_article_over_the_limit_is_named_with_its_size_and_line():
    article = text_article("dump.jsonl", "甲" * 11, "a", 4)
    err = article_too_long(article, 10)
    assert (
        str(err)
        == "dump.jsonl:4: article too long (11 characters; the limit is 10, raise it with --max-chars)"
    )
    assert article_too_long(article, 11) is None
    assert article_too_long(article, 0) is None  # 0: no limit


def test_a_file_is_refused_unread_above_its_byte_ceiling():
    assert file_too_large("a.html", 10 * BYTES_PER_CHAR, 10) is None
    err = file_too_large("a.html", 10 * BYTES_PER_CHAR + 1, 10)
    assert err is not None and err.reason.startswith("file too large (501 bytes; at most 500")
    assert file_too_large("a.html", 10**12, 0) is None
