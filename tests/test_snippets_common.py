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


# ---------------------------------------------------------------------------------------------
# The common block: terminal safety, encodings, --help language, argv that is not UTF-8
# ---------------------------------------------------------------------------------------------
def test_render_text_neutralizes_terminal_controls_but_json_stays_exact(capsys):
    """M1: ESC, BEL, CR, DEL, C1 (U+009B = CSI) and bidi overrides/isolates/marks are shown, not
    obeyed; newline and tab stay. --json carries the exact strings."""
    mod = load_snippet("explain_ping")
    hostile = "a\x1b]0;PWNED\x07b\x1b[2K\rc\x7fd\x9be\u202ef\u2066g\u200fh\u061ci\tj"
    report = {"summary": hostile, "findings": [{"severity": "error", "title": hostile, "subject": hostile,
                                                "detail": hostile + "\nsecond", "next_steps": [hostile]}]}
    text = mod.render_text(report, "en")
    assert "\x1b" not in text and "\x07" not in text and "\r" not in text and "\x7f" not in text
    assert not any(ch in text for ch in "\x9b\u202e\u2066\u200f\u061c")
    assert "a\\x1b]0;PWNED\\x07b\\x1b[2K\\x0dc\\x7fd\\x9be\\u202ef\\u2066g\\u200fh\\u061ci\tj" in text
    assert "\nsecond" in text
    assert mod.emit(report, "en", True) == 1
    assert json.loads(capsys.readouterr().out) == report


def test_json_output_of_a_non_utf8_argument_is_valid_utf8(capsys, monkeypatch):
    """L5: a lone surrogate (a byte of a non-UTF-8 argv) is written as its JSON escape."""
    import io

    mod = load_snippet("explain_ping")
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    monkeypatch.setattr(mod.sys, "stdout", out)
    report = {"summary": "taro\udcff@example.jp", "findings": []}
    assert mod.emit(report, "ja", True) == 0
    raw = out.buffer.getvalue()
    assert json.loads(raw.decode("utf-8")) == report


def test_utf16_without_bom_is_found_when_the_first_character_is_not_ascii():
    """L6: 「イーサネット アダプター」 starts A4 30 FC 30: no NUL in the first bytes."""
    mod = load_snippet("explain_ipconfig")
    text = (ROOT / "tests" / "fixtures" / "ipconfig" / "ja-wsl2-wired.txt").read_bytes().decode("utf-8")
    part = text[text.index("イーサネット アダプター"):]
    assert part.encode("utf-16-le")[:4] == bytes.fromhex("a430fc30")
    assert mod.decode_bytes(part.encode("utf-16-le")) == part
    assert mod.decode_bytes(part.encode("utf-16-be")) == part
    assert mod.decode_bytes("Windows IP 構成\r\n".encode("utf-16-le")) == "Windows IP 構成\r\n"
    assert mod.explain(mod.decode_bytes(part.encode("utf-16-le")))["recognized"] is True
    # never a misreading of UTF-8 or cp932 (which hold no NUL), short or long
    for sample in ("イーサネット アダプター", part, "a", "ｱｲｳ 半角カナ", "\u3000全角スペース\u3000" * 50):
        assert mod.decode_bytes(sample.encode("utf-8")) == sample
        assert mod.decode_bytes(sample.encode("cp932")) == sample


@pytest.mark.parametrize("path", EXPLAINERS, ids=[p.name for p in EXPLAINERS])
def test_explainer_help_speaks_japanese_with_lang_ja(path):
    proc = subprocess.run([sys.executable, str(path), "--help", "--lang", "ja"], capture_output=True, timeout=60,
                          stdin=subprocess.DEVNULL, env=dict(os.environ, PYTHONIOENCODING="utf-8"))
    out = proc.stdout.decode("utf-8")
    assert proc.returncode == 0
    assert out.startswith("使い方: " + path.name) and "オプション:" in out and "この説明を表示して終わります" in out
    assert "130 = Ctrl+C" in out and "show this help" not in out


@pytest.mark.parametrize("path", SNIPPET_FILES, ids=ids)
@pytest.mark.parametrize("extra", [[], ["--json"]])
def test_non_utf8_argument_never_gives_a_traceback(path, extra):
    """L5: bytes that are not UTF-8 on the command line (a file name, a host, an address)."""
    arg = b"mail\xff.example.jp" if path.name.startswith("check_mail") else b"taro\xff@example.jp"
    if path.name == "check_connection.py":
        args = [b"--external-name", arg]
    else:
        args = [arg]
    if path.name == "check_address.py":
        args.append(b"--no-dns")
    proc = subprocess.run([sys.executable.encode(), str(path).encode(), *args, *[e.encode() for e in extra]],
                          capture_output=True, timeout=60, stdin=subprocess.DEVNULL,
                          env=dict(os.environ, PYTHONIOENCODING="utf-8", LC_ALL="C.UTF-8"))
    err = proc.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err and proc.returncode == 2, err
    assert err.count("\n") == 1


def test_a_pipe_is_read_before_the_command_is_run_on_windows(tmp_path, monkeypatch, capsys):
    """L10: `type other_pc.txt | python explain_ipconfig.py` explains that file, not this PC."""
    from conftest import FIXTURES

    ran = tmp_path / "ran"
    fake = tmp_path / "ipconfig"
    fake.write_text(f"#!/bin/sh\ntouch '{ran}'\n", encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{tmp_path}:{os.environ['PATH']}")
    data = (FIXTURES / "ipconfig" / "ja-wsl2-wired.txt").read_bytes()
    read_end, write_end = os.pipe()
    os.write(write_end, data)
    os.close(write_end)
    mod = load_snippet("explain_ipconfig")
    monkeypatch.setattr(mod.os, "name", "nt")
    with open(read_end, "r", encoding="utf-8", closefd=True) as pipe:
        monkeypatch.setattr(mod.sys, "stdin", pipe)
        status = mod.main(["--json"])
    out = capsys.readouterr()
    assert not ran.exists()
    assert json.loads(out.out) == mod.explain(mod.decode_bytes(data), "ja") and status in (0, 1)


def test_a_forged_bounce_cannot_drive_the_terminal(tmp_path):
    """M1, the bounce route: anyone can send a fake bounce; its diagnostic text reaches the
    text report through render_text and must not carry ESC/BEL/CR to the terminal."""
    from conftest import FIXTURES

    raw = (FIXTURES / "bounce" / "sisimai-email-exim-02-user-unknown.txt").read_bytes()
    hostile = raw.replace(b"User Unknown", b"User Unknown \x1b]0;PWNED\x07\x1b[2K \x1b[1A\x1b[2K[OK] delivered", 1)
    assert hostile != raw
    path = tmp_path / "bounce.eml"
    path.write_bytes(hostile)
    script = str(SNIPPETS / "explain_bounce.py")
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    text = subprocess.run([sys.executable, script, str(path), "--lang", "en"], capture_output=True, timeout=60, env=env)
    as_json = subprocess.run([sys.executable, script, str(path), "--json"], capture_output=True, timeout=60, env=env)
    out = text.stdout.decode("utf-8")
    assert text.returncode == 1 and "\x1b" not in out and "\x07" not in out
    assert "User Unknown \\x1b]0;PWNED\\x07\\x1b[2K \\x1b[1A\\x1b[2K[OK] delivered" in out
    report = json.loads(as_json.stdout.decode("utf-8"))                  # JSON keeps the exact text
    assert "\x1b]0;PWNED\x07\x1b[2K" in report["findings"][0]["detail"]
