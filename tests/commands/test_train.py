"""`kg train`: lists the registered trainers and rejects unknown names and data folders clearly."""

from __future__ import annotations

from kg.cli import main


def test_lists_trainers(capsys):
    assert main(["train"]) == 0
    assert "ner\t" in capsys.readouterr().out


def test_unknown_model(capsys):
    assert main(["train", "nope"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("kg train: unknown model 'nope'") and "ner" in err


def test_missing_data_folder(tmp_path, capsys):
    assert main(["train", "ner", "--data", str(tmp_path / "none"), "--out", str(tmp_path)]) == 2
    assert "no such data folder" in capsys.readouterr().err


def test_data_folder_without_cluener(tmp_path, capsys):
    assert main(["train", "ner", "--data", str(tmp_path), "--out", str(tmp_path / "out")]) == 1
    assert "no cluener/train.json" in capsys.readouterr().err


def test_bad_cluener_file(tmp_path, capsys):
    (tmp_path / "train.json").write_text('{"text": "好"', encoding="utf-8")
    assert main(["train", "ner", "--data", str(tmp_path), "--out", str(tmp_path / "out")]) == 1
    assert "train.json:1: bad CLUENER line: not JSON" in capsys.readouterr().err
