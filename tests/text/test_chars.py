from kg.text.chars import clean_label, drop_controls, printable, replace_surrogates


def test_each_lone_surrogate_becomes_one_replacement_character():
    text = "\ud800贵州茅台\udfff\ud83d"
    out = replace_surrogates(text)
    assert out == "\ufffd贵州茅台\ufffd\ufffd" and len(out) == len(text)
    out.encode("utf-8")
    assert replace_surrogates("贵州茅台😀") == "贵州茅台😀"


def test_control_characters_are_dropped_but_line_breaks_and_tabs_kept():
    assert drop_controls("贵州\x00茅台\x01\x1b[31m\x7f\x85\x9f\ufffe\uffff\n\t\r") == "贵州茅台[31m\n\t\r"
    assert drop_controls("\u2028😀👨\u200d👩") == "\u2028😀👨\u200d👩"  # not controls


def test_printable_fits_one_terminal_line():
    assert printable("a\nb\r\x1b[2Jc\u2028d\x85\ud800中") == "a\\nb\\r\\x1b[2Jc\\u2028d\\x85\\ud800中"


def test_clean_label():
    assert clean_label("  标题\x01\ud800 ") == "标题\ufffd"
    assert clean_label(" \x01 ") is None and clean_label(None) is None
