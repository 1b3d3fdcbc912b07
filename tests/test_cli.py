import subprocess
import sys

import pytest

from kg.cli import main

LOADED = "import sys; from kg.cli import parser; parser({!r}); print('networkx' in sys.modules, 'kg.viz' in sys.modules)"


def test_a_command_loads_only_its_own_libraries():
    out = subprocess.run([sys.executable, "-c", LOADED.format("extract")], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["False", "False"]


def test_an_unknown_command_is_refused_with_every_command_listed(capsys):
    with pytest.raises(SystemExit):
        main(["nosuch"])
    err = capsys.readouterr().err
    assert "invalid choice: 'nosuch'" in err and "'viz'" in err and "'path'" in err


def test_a_command_registered_by_a_module_of_another_name_still_runs(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["path", "--help"])
    assert exit_.value.code == 0
    assert "usage: kg path" in capsys.readouterr().out
