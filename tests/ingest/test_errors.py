import json
import pickle

from kg.ingest.errors import InputError


def test_message_names_file_and_line():
    assert str(InputError("dump.jsonl", "invalid JSON", 3)) == "dump.jsonl:3: invalid JSON"
    assert InputError("dump.jsonl", "invalid JSON", 3).record() == {
        "path": "dump.jsonl",
        "reason": "invalid JSON",
        "line": 3,
    }


def test_message_is_one_printable_line_whatever_the_file_name():
    err = InputError("in/a\nb\x1b[2J\ud8ff.txt", "empty file")
    assert str(err) == "in/a\\nb\\x1b[2J\ufffd.txt: empty file"
    json.dumps(err.record(), ensure_ascii=False).encode("utf-8")


def test_errors_survive_pickling_to_and_from_worker_processes():
    err = pickle.loads(pickle.dumps(InputError("a.md", "broken YAML front matter", 7)))
    assert (err.path, err.reason, err.line, str(err)) == (
        "a.md",
        "broken YAML front matter",
        7,
        "a.md:7: broken YAML front matter",
    )
