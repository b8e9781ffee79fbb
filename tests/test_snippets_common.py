"""Rules every file in snippets/ obeys: standard library only, Python 3.9 floor, the common
block unchanged, the CONTRACT's module API, and no traceback on bad command lines."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SNIPPETS, load_snippet

sys.path.insert(0, str(ROOT / "scripts"))
import sync_common  # noqa: E402

SNIPPET_FILES = sorted(SNIPPETS.glob("*.py"))
EXPLAINERS = [p for p in SNIPPET_FILES if p.name.startswith("explain_")]
ids = [p.name for p in SNIPPET_FILES]


def test_there_are_snippets():
    assert SNIPPET_FILES


@pytest.mark.parametrize("path", SNIPPET_FILES, ids=ids)
def test_only_the_standard_library(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    mods = {a.name.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    mods |= {n.module.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module and n.level == 0}
    extra = sorted(m for m in mods if m not in sys.stdlib_module_names and m != "__future__")
    assert not extra, f"{path.name} imports {extra}"


def test_python_39_floor():
    """vermin checks the minimum Python version every snippet needs."""
    proc = subprocess.run(
        [str(Path(sys.executable).with_name("vermin")), "--no-tips", "--violations", "-t=3.9-", "--backport", "typing",
         "--eval-annotations", *map(str, SNIPPET_FILES)],
        capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.parametrize("path", SNIPPET_FILES, ids=ids)
def test_common_block_is_identical(path):
    parts = sync_common.split(path.read_text(encoding="utf-8"))
    assert parts is not None, f"{path.name} lacks the common block"
    assert parts[1] == sync_common.block(), f"{path.name}: common block drifted; run python scripts/sync_common.py"


NAMED_BLOCKS = [(p, name) for p in SNIPPET_FILES for name in sync_common.blocks_in(p.read_text(encoding="utf-8"))
                if name != "common"]


def test_ping_block_is_shared():
    """check_connection.py and explain_ping.py read ping output with the same block."""
    carriers = {p.name for p, name in NAMED_BLOCKS if name == "ping"}
    assert {"check_connection.py", "explain_ping.py"} <= carriers


@pytest.mark.parametrize("path,name", NAMED_BLOCKS, ids=[f"{p.name}:{n}" for p, n in NAMED_BLOCKS])
def test_named_block_is_identical(path, name):
    assert name in sync_common.block_names(), f"{path.name}: no scripts/{name}_block.py"
    parts = sync_common.split(path.read_text(encoding="utf-8"), name)
    assert parts is not None, f"{path.name}: the {name} block has no end marker"
    assert parts[1] == sync_common.block(name), f"{path.name}: {name} block drifted; run python scripts/sync_common.py"


def test_a_drifted_named_block_is_found_and_repaired(tmp_path, monkeypatch):
    """sync_common --check fails on a changed copy of the ping block, and a plain run restores it."""
    snippets = tmp_path / "snippets"
    snippets.mkdir()
    original = (SNIPPETS / "explain_ping.py").read_text(encoding="utf-8")
    drifted = original.replace("PING_MAX_LINE = 400", "PING_MAX_LINE = 401", 1)
    assert drifted != original
    (snippets / "explain_ping.py").write_text(drifted, encoding="utf-8")
    monkeypatch.setattr(sync_common, "ROOT", tmp_path)
    assert sync_common.split(drifted, "ping")[1] != sync_common.block("ping")
    assert sync_common.main(["--check"]) == 1
    assert sync_common.main([]) == 0
    assert (snippets / "explain_ping.py").read_text(encoding="utf-8") == original
    assert sync_common.main(["--check"]) == 0


@pytest.mark.parametrize("path", EXPLAINERS, ids=[p.name for p in EXPLAINERS])
def test_explainers_share_one_command_line(path):
    """Every explainer's command line is the explainer block (one mechanism, not five copies)."""
    text = path.read_text(encoding="utf-8")
    parts = sync_common.split(text, "explainer")
    assert parts is not None, f"{path.name} lacks the explainer block"
    assert parts[1] == sync_common.block("explainer")
    assert "explainer_main(" in parts[2], f"{path.name}: main() should call explainer_main"


@pytest.mark.parametrize("path", EXPLAINERS, ids=[p.name for p in EXPLAINERS])
def test_explainer_api(path):
    mod = load_snippet(path.stem)
    assert isinstance(mod.TOOL, str) and path.stem == f"explain_{mod.TOOL}"
    for bad in (None, b"ipconfig", 42):
        assert mod.explain(bad, "ja")["recognized"] is False
    assert mod.explain("", "xx")["locale"] == "ja"

    def boom(text, lang):
        raise RuntimeError("a bug")

    summaries = {"unrecognized": {"ja": "u", "en": "u"}, "internal-error": {"ja": "内部", "en": "internal"}}
    report = mod.guarded_explain(mod.TOOL, boom, "text", "en", summaries)
    assert report == {"tool": mod.TOOL, "recognized": False, "locale": "en", "summary": "internal", "data": {}, "findings": []}
    for text in ("", " ", "\x00", "hello\r\n" * 3):
        score = mod.detect(text)
        assert 0.0 <= score <= 1.0
        report = mod.explain(text, "ja")
        assert report["tool"] == mod.TOOL and report["recognized"] is False and report["findings"] == []
        assert report["summary"]


@pytest.mark.parametrize("path", SNIPPET_FILES, ids=ids)
@pytest.mark.parametrize("args", [["--no-such-option"], ["--lang", "xx"]])
def test_bad_command_line_is_one_line_exit_2(path, args):
    proc = subprocess.run([sys.executable, str(path), *args], capture_output=True, text=True, timeout=60,
                          stdin=subprocess.DEVNULL)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert proc.stdout == ""


@pytest.mark.parametrize(
    "tool,command,fixture",
    [
        ("ipconfig", "ipconfig", "ipconfig/handmade-encoding-cp932-crlf.txt"),
        ("netstat", "netstat", "netstat/handmade-encoding-cp932-netstat-ano.txt"),
        ("route", "route", "route/en-win10-jc-route-print.txt"),
        ("arp", "arp", "arp/ja-win-ytakefuji-arp-a.txt"),
        ("nbtstat", "nbtstat", "nbtstat/handmade-ja-nbtstat-n-conflict.txt"),
    ],
)
def test_bare_run_on_windows_runs_the_command_and_decodes_it(tool, command, fixture, tmp_path, monkeypatch, capsys):
    """With no FILE on Windows the explainer runs the command itself; its cp932 output is read
    like a saved file (here a stand-in command on PATH prints a capture's bytes)."""
    from conftest import FIXTURES

    data = (FIXTURES / fixture).read_bytes()
    (tmp_path / "out.bin").write_bytes(data)
    fake = tmp_path / command
    fake.write_text(f"#!/bin/sh\ncat '{tmp_path / 'out.bin'}'\n", encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{tmp_path}:{os.environ['PATH']}")
    mod = load_snippet(f"explain_{tool}")
    monkeypatch.setattr(mod.os, "name", "nt")
    status = mod.main(["--json"])
    out = capsys.readouterr()
    report = json.loads(out.out)
    assert report == mod.explain(mod.decode_bytes(data), "ja")
    assert status in (0, 1) and out.err == ""
