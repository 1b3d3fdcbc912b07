import json

from kg.ingest import read_inputs
from kg.ingest.errors import InputError
from kg.model import Article

TEXT = "  东方航空AH股临时停牌传将与上航合并\n（文章来源：新华社）\n"


def test_text_file_is_kept_exactly(write):
    (a,) = list(read_inputs([str(write("news.txt", TEXT))]))
    assert a.text == TEXT and a.source == "新华社" and a.id == "news"


def test_jsonl_bad_line_is_reported_with_its_number_and_the_rest_read(write):
    lines = [
        json.dumps({"id": "a1", "text": "中信证券增持万科。"}, ensure_ascii=False),
        "{not json",
        json.dumps({"id": "a3", "html": "<p>九州通承担技术服务。</p>", "title": "标题"}, ensure_ascii=False),
        json.dumps({"id": "a4"}),
        json.dumps(["a list"]),
    ]
    path = write("dump.jsonl", "\n".join(lines) + "\n")
    items = list(read_inputs([str(path)]))
    assert [type(i).__name__ for i in items] == [
        "Article",
        "InputError",
        "Article",
        "InputError",
        "InputError",
    ]
    assert items[0].text == "中信证券增持万科。" and items[0].line == 1
    assert str(items[1]).startswith(f"{path}:2: invalid JSON")
    assert items[2].text == "标题\n九州通承担技术服务。"
    assert 'neither a "text" nor an "html"' in str(items[3]) and items[3].line == 4


def test_empty_file_is_an_error(write):
    (err,) = list(read_inputs([str(write("empty.txt", ""))]))
    assert isinstance(err, InputError) and str(err).endswith("empty.txt: empty file")


def test_folders_are_read_recursively_in_a_stable_order(write, tmp_path):
    write("b/2.txt", "乙。")
    write("a/1.txt", "甲。")
    write("a/skip.pdf", "x")
    write("c.md", "丙。")
    items = list(read_inputs([str(tmp_path)]))
    assert all(isinstance(i, Article) for i in items)
    assert [i.text for i in items] == ["丙。", "甲。", "乙。"]


def test_missing_path_and_symlink_loop_are_reported(write, tmp_path):
    write("d/1.txt", "甲。")
    (tmp_path / "d" / "loop").symlink_to(tmp_path / "d")
    items = list(read_inputs([str(tmp_path / "d"), str(tmp_path / "nope")]))
    errors = [str(i) for i in items if isinstance(i, InputError)]
    assert [i.text for i in items if isinstance(i, Article)] == ["甲。"]
    assert any("directory loop" in e for e in errors)
    assert any(e.endswith("nope: no such file or directory") for e in errors)


def test_jsonl_records_end_only_at_line_feeds(write):
    # U+2028, U+0085 and raw tabs may stand inside JSON strings (many scrapers write raw tabs).
    text = "九州通\t董事长刘宝林\u2028表示\u0085看好。"
    path = write(
        "raw.jsonl", '{"id": "r", "text": "' + text + '"}\n' + json.dumps({"id": "s", "text": "乙。"}) + "\n"
    )
    a, b = list(read_inputs([str(path)]))
    assert (a.text, a.line, b.text, b.line) == (text, 1, "乙。", 2)


def test_jsonl_metadata_that_is_not_text_is_ignored(write):
    line = json.dumps({"id": {"x": 1}, "text": "甲。", "title": ["a"], "url": 5, "source": None})
    path = write("odd.jsonl", line + "\n" + json.dumps({"id": "b", "text": " \n "}) + "\n")
    a, err = list(read_inputs([str(path)]))
    assert (a.id, a.title, a.url) == (f"{path}:1", None, "5")
    assert str(err) == f"{path}:2: empty article text"


def test_jsonl_unpaired_surrogates_become_replacement_characters(write):
    path = write("s.jsonl", '{"id": "a\\udfff", "text": "\\ud800甲\\ud83d\\ude00乙", "title": "\\udc00"}\n')
    (a,) = list(read_inputs([str(path)]))
    assert (a.id, a.text, a.title) == ("a\ufffd", "\ufffd甲😀乙", "\ufffd")


def test_text_files_keep_control_characters_and_line_ends(write):
    text = "贵州茅台\x01董事长\x1b[31m丁雄军\r\n表示\u2028。\x0c"
    (a,) = list(read_inputs([str(write("c.txt", text))]))
    assert a.text == text


def test_pipes_and_devices_are_not_read(tmp_path):
    import os

    os.mkfifo(tmp_path / "pipe.txt")
    (err,) = list(read_inputs([str(tmp_path / "pipe.txt")]))
    assert str(err) == f"{tmp_path / 'pipe.txt'}: not a regular file (a named pipe)"
    (err,) = list(read_inputs(["/dev/null"]))
    assert "unsupported file type" in str(err)
