from kg.text.sentences import split_sentences


def test_sentences_keep_closing_quotes_and_skip_blanks():
    text = "他说：“好。”然后走了！\n\n  第二段；第三句"
    assert [text[s:e] for s, e in split_sentences(text)] == [
        "他说：“好。”",
        "然后走了！",
        "第二段；",
        "第三句",
    ]


def test_offsets_cover_the_text_exactly(seed_article):
    text = seed_article.text
    spans = split_sentences(text)
    assert all(text[s:e] == text[s:e].strip() and text[s:e] for s, e in spans)
    assert "".join(text[s:e] for s, e in spans) == "".join(text.split())
