import io
import json
import sys

from kg.cli import main


def _records(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines()]


def test_extract_prints_contract_records(capsys, seed_article):
    assert main(["extract", seed_article.path, "--format", "jsonl"]) == 0
    records = _records(capsys.readouterr().out)
    kinds = [r["kind"] for r in records]
    assert kinds[0] == "article" and {"entity", "mention", "fact"} <= set(kinds)
    fact = next(r for r in records if r["kind"] == "fact")
    assert set(fact) >= {
        "article",
        "predicate",
        "subject",
        "object",
        "qualifiers",
        "evidence",
        "confidence",
        "extractor",
    }
    assert set(fact["subject"]) >= {"id", "name", "type", "text"}


def test_extract_reads_jsonl_from_stdin(capsys, monkeypatch):
    line = json.dumps({"id": "x1", "text": "九州通董事长刘长云表示看好医药物流。"}, ensure_ascii=False)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO((line + "\n").encode())))
    assert main(["extract", "-"]) == 0
    records = _records(capsys.readouterr().out)
    assert records[0]["article"] == "x1" and records[0]["text"] == "九州通董事长刘长云表示看好医药物流。"


def test_every_finre_valid_sentence_goes_through_with_exact_offsets(shared, tmp_path, capsys):
    sentences: dict[str, None] = {}
    for line in (shared / "data" / "finre" / "valid.txt").read_text("utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) == 4:
            sentences.setdefault(parts[3])
    src = tmp_path / "valid.jsonl"
    src.write_text(
        "".join(
            json.dumps({"id": f"v{i}", "text": s}, ensure_ascii=False) + "\n" for i, s in enumerate(sentences)
        ),
        "utf-8",
    )
    assert main(["extract", str(src)]) == 0
    captured = capsys.readouterr()
    assert "kg:" not in captured.err
    records = _records(captured.out)
    texts = {r["article"]: r["text"] for r in records if r["kind"] == "article"}
    assert list(texts.values()) == list(sentences)
    for r in records:
        if r["kind"] == "mention":
            assert texts[r["article"]][r["start"] : r["end"]] == r["text"]
