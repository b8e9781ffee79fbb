"""explain_netview.py: net view / net use / net share and their system errors (ja/en). Expected
findings per fixture are in tests/fixtures/netview/*.json (tests/test_fixtures.py); this file checks
parsing details, the meaning given to each error, detection against every other fixture (both ways),
robustness and the command line."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timing import assert_grows_linearly, finishes_within

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "snippets" / "explain_netview.py"
FIX = ROOT / "tests" / "fixtures" / "netview"
ALL_FIXTURES = ROOT / "tests" / "fixtures"
# explain_session reads a whole console window (several commands with their prompts); it is meant to
# score high on such pastes, so it is not one of the single-command explainers compared here.
OTHER_EXPLAINERS = sorted(p.stem for p in (ROOT / "snippets").glob("explain_*.py")
                          if p.stem not in ("explain_netview", "explain_session"))


def _load(name):
    spec = importlib.util.spec_from_file_location(name, ROOT / "snippets" / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


m = _load("explain_netview")


def fixture(name):
    return m.decode_bytes((FIX / name).read_bytes())


def finding(report, fid):
    found = [f for f in report["findings"] if f["id"] == fid]
    assert len(found) == 1, [f["id"] for f in report["findings"]]
    return found[0]


OWN = sorted(FIX.glob("*.txt"))
OTHERS = sorted(p for p in ALL_FIXTURES.glob("*/*") if p.parent.name != "netview" and p.suffix in (".txt", ".out"))


@pytest.mark.parametrize("path", OWN, ids=[p.name for p in OWN])
def test_detect_is_high_on_net_output_and_other_explainers_are_low(path):
    text = m.decode_bytes(path.read_bytes())
    assert m.detect(text) >= 0.9
    for name in OTHER_EXPLAINERS:
        assert _load(name).detect(text) < 0.2, name


@pytest.mark.parametrize("path", OTHERS, ids=[f"{p.parent.name}/{p.name}" for p in OTHERS])
def test_detect_is_low_on_other_outputs(path):
    text = m.decode_bytes(path.read_bytes())
    assert m.detect(text) < 0.2
    assert m.explain(text)["recognized"] is False


def test_server_list():
    data = m.explain(fixture("en-survol-net-view-servers.txt"))["data"]
    assert [s["name"] for s in data["servers"]][:2] == ["\\\\LONW000063245", "\\\\LONW00050624"]
    assert data["commands"] == ["net view"]


def test_share_list_with_hidden_shares():
    r = m.explain(fixture("handmade-ja-net-view-host-all.txt"))
    shares = r["data"]["shares"]
    assert [(s["name"], s["type"], s["hidden"]) for s in shares][:3] == [("ADMIN$", "disk", True), ("C$", "disk", True), ("IPC$", "ipc", True)]
    assert [s for s in shares if s["name"] == "share"][0]["used_as"] == "Z:"
    assert [s for s in shares if s["name"] == "printer"][0]["comment"] == "Office Printer"
    f = finding(r, "shares")
    assert f["subject"] == "\\\\NAS-01" and "IPC$" in f["detail"] and "隠し共有" in f["detail"]
    en = m.explain(fixture("handmade-en-net-view-host.txt"), "en")
    assert [s["name"] for s in en["data"]["shares"]] == ["Public", "Backup Data"]


def test_net_use_rows():
    data = m.explain(fixture("handmade-en-net-use-mixed.txt"))["data"]["uses"]
    assert [(u["status"], u["local"]) for u in data] == [("ok", "Z:"), ("unavailable", "Y:"), ("disconnected", "X:")]
    assert data[2]["network"] == "Microsoft Windows Network"
    yen = m.explain(fixture("ja-samba-memo-net-use-disconnected-yen.txt"))
    assert yen["data"]["uses"][0] == {"status": "disconnected", "local": None, "remote": "\\\\192.168.100.58\\教材",
                                      "network": "Microsoft Windows Network", "line": 5}
    assert finding(yen, "disconnected-drive")["severity"] == "warning"


def test_net_share():
    r = m.explain(fixture("handmade-ja-net-share.txt"))
    shares = r["data"]["local_shares"]
    assert shares[1] == {"name": "IPC$", "resource": None, "remark": "Remote IPC", "hidden": True, "line": 7}
    assert "scan" in finding(r, "local-shares")["detail"]


@pytest.mark.parametrize("code,words", [
    (53, "445"), (67, "share name"), (5, "administrator"), (64, "SMB 1.0"), (85, "drive letter"), (86, "password"),
    (1219, "one user name"), (1231, "VPN"), (1272, "24H2"), (1326, "Microsoft account"), (2250, "already gone"),
    (6118, "Windows 10 (1709)"), (87, "net helpmsg 87"),
])
def test_each_system_error_is_explained(code, words):
    for text in ("System error {0} has occurred.\n\nSomething.\n".format(code),
                 "システム エラー {0} が発生しました。\n\n何か。\n".format(code)):
        r = m.explain(text, "en")
        f = finding(r, "system-error")
        assert words in f["detail"] + " ".join(f["next_steps"]), f
        assert f["severity"] == ("warning" if code in (6118, 2250) else "error")
        assert f["lines"] == [1, 3]


def test_error_exit_and_warning_exit():
    assert run(str(FIX / "handmade-ja-net-view-53.txt")).returncode == 1
    assert run(str(FIX / "handmade-ja-net-view-6118.txt")).returncode == 0


def test_share_path_given_to_net_view():
    r = m.explain(fixture("handmade-ja-net-view-share-path-67.txt"))
    assert "net view に共有フォルダーのパス" in finding(r, "system-error")["detail"]
    f = finding(r, "share-path-given")
    assert f["severity"] == "warning" and "net view \\\\NAS-01" in " ".join(f["next_steps"])


def test_guest_access_and_signing_messages_without_a_code():
    text = "You can't access this shared folder because your organization's security policies block unauthenticated guest access.\n"
    f = finding(m.explain(text, "en"), "system-error")
    assert "24H2" in f["detail"] and f["severity"] == "error"
    r = m.explain("C:\\>net use Z: \\\\nas\\share\nThe cryptographic signature is invalid.\n", "en")
    s = finding(r, "smb-signing")
    assert s["lines"] == [2] and "24H2" in s["detail"] and "Home" in s["detail"]


def test_empty_lists_depend_on_the_command():
    assert [f["id"] for f in m.explain(fixture("handmade-ja-net-view-empty.txt"))["findings"]] == ["no-servers"]
    text = "新しい接続は記憶されます。\n\n一覧にエントリが存在しません。\n"
    assert [f["id"] for f in m.explain(text)["findings"]] == ["no-connections"]


def test_lists_under_header_spellings_we_do_not_know():
    servers = "C:\\>net view\nサーバー名            コメント欄\n\n" + "-" * 79 + "\n\\\\NAS-01                NAS\n\\\\DESKTOP-AB12\n"
    assert [s["name"] for s in m.explain(servers)["data"]["servers"]] == ["\\\\NAS-01", "\\\\DESKTOP-AB12"]
    shares = "\\\\NAS-01 の共有リソース\n\nNAS\n\n共有リソース名  種別  使用  注釈\n\n" + "-" * 40 + "\nphoto  ディスク\nprinter  プリント  Office\n"
    got = m.explain(shares)["data"]["shares"]
    assert [(s["name"], s["type"], s["comment"]) for s in got] == [("photo", "disk", ""), ("printer", "print", "Office")]
    # A \\host\share line under a dashed line is not taken for a server.
    assert m.explain("net use\n" + "-" * 40 + "\n\\\\a\\b x\nシステム エラー 5 が発生しました。\n")["data"]["servers"] == []


def test_syntax_error():
    text = "C:\\>net view NAS-01\nこのコマンドの構文は次のとおりです:\n\nNET VIEW\n[\\\\computername [/CACHE] | [/ALL] | /DOMAIN[:domainname]]\n"
    r = m.explain(text)
    f = finding(r, "syntax-error")
    assert f["severity"] == "warning" and f["subject"] == "net view NAS-01" and f["lines"] == [2]
    shared = "C:\\>net view \\\\NAS-01\\share\nThe syntax of this command is:\n\nNET VIEW\n"
    assert [x["id"] for x in m.explain(shared, "en")["findings"]] == ["share-path-given"]


def test_just_a_success_line_is_not_enough():
    assert m.detect("The command completed successfully.\n") < 0.2


@pytest.mark.parametrize("path", OWN, ids=[p.name for p in OWN])
def test_paste_variants_give_the_same_findings(path):
    text = m.decode_bytes(path.read_bytes())
    ids = lambda r: [(f["id"], f["severity"], f.get("subject")) for f in r["findings"]]  # noqa: E731
    want = ids(m.explain(text))
    lf = text.replace("\r\n", "\n")
    for variant in (lf, lf.replace("\n", "\r\n"), "\ufeff" + lf, "\n".join("    " + ln for ln in lf.split("\n")),
                    "\n".join("> " + ln for ln in lf.split("\n"))):
        assert ids(m.explain(variant)) == want


def test_line_numbers_count_as_splitlines():
    text = m.decode_bytes(OWN[0].read_bytes()).replace("\n", "\u2028\n", 1)
    report = m.explain(text)
    plain = m.explain(m.decode_bytes(OWN[0].read_bytes()))
    shift = [[n + 1 if n > 1 else n for n in f["lines"]] for f in plain["findings"]]
    assert [f["lines"] for f in report["findings"]] == shift


# ---------------------------------------------------------------------------------------------
# Properties: never raises, contract keys, linear time
# ---------------------------------------------------------------------------------------------

REAL_TEXTS = [fixture(p.name) for p in OWN]


def check_report(report, text, lang):
    assert set(report) >= {"tool", "recognized", "locale", "summary", "data", "findings"}
    assert report["tool"] == "netview" and report["locale"] == lang
    assert isinstance(report["summary"], str) and report["summary"] and "\n" not in report["summary"]
    json.dumps(report, ensure_ascii=False)
    n = len(text.replace("\u00a5", "\\").splitlines()) or 1
    for f in report["findings"]:
        assert f["severity"] in ("error", "warning", "info", "ok")
        assert all(isinstance(x, int) and 1 <= x <= n for x in f["lines"]), (f, n)
        assert not re.search(r"\{[a-z_]+\}", f["detail"] + f["title"]), f
    if not report["recognized"]:
        assert report["findings"] == []


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(), st.sampled_from(["ja", "en"]))
def test_arbitrary_text_never_raises(text, lang):
    check_report(m.analyse(text, lang), text, lang)
    assert 0.0 <= m.detect(text) <= 1.0


PIECES = st.sampled_from(["System error 5 has occurred.\n", "システム エラー 99999 が発生しました。\n", "net view \\\\a\\b\n",
                          "Share name  Type\n", "共有名 リソース\n", "----------\n", "OK Z: \\\\x\n", "\\\\SRV x\n",
                          "新しい接続は記憶されます。\n", "¥¥", "\r", "一覧にエントリが存在しません。\n"])


@st.composite
def mutated(draw):
    lines = draw(st.sampled_from(REAL_TEXTS)).split("\n")
    for _ in range(draw(st.integers(0, 6))):
        if not lines:
            lines.append("")
        i = draw(st.integers(0, len(lines) - 1))
        op = draw(st.sampled_from(["delete", "insert", "truncate", "splice"]))
        if op == "delete":
            del lines[i]
        elif op == "insert":
            lines.insert(i, draw(PIECES) + draw(st.text(max_size=20)))
        elif op == "truncate":
            lines[i] = lines[i][: draw(st.integers(0, len(lines[i])))]
        else:
            j = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:j] + draw(PIECES) + lines[i][j:]
    return "\n".join(lines)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated(), st.sampled_from(["ja", "en"]))
def test_mutated_real_samples_never_raise(text, lang):
    check_report(m.analyse(text, lang), text, lang)


def test_mixed_encodings_and_huge_lines():
    raw = (FIX / "handmade-ja-net-use-1272-guest.txt").read_bytes() + "共有名".encode("utf-8") + b"\xff\xfe\x00"
    text = m.decode_bytes(raw)
    check_report(m.explain(text), text, "ja")
    for hostile in ("x" * 1_000_000, "net view " * 100_000, "-" * 1_000_000, "\\\\" * 500_000,
                    "System error 5 has occurred.\n" * 30_000, "システム エラー " + "9" * 1_000_000,
                    "Share name Type\n" + "a " * 400_000 + "Disk\n"):
        with finishes_within(5, hostile[:40]):
            report = m.explain(hostile)
            m.detect(hostile)
        check_report(report, hostile, "ja")


def test_time_grows_linearly():
    base = fixture("handmade-ja-net-view-host-all.txt") + fixture("handmade-en-net-use-mixed.txt")
    assert_grows_linearly(m.explain, base * 800, base * 3200)


# ---------------------------------------------------------------------------------------------
# Command line
# ---------------------------------------------------------------------------------------------


def run(*args, stdin=None):
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    return subprocess.run([sys.executable, str(SCRIPT), *args], input=stdin, capture_output=True, timeout=60, env=env)


def assert_one_line_error(proc):
    err = proc.stderr.decode("utf-8")
    assert proc.returncode == 2, (proc.returncode, err)
    assert "Traceback" not in err and err.count("\n") == 1 and err.startswith("explain_netview.py: "), err


def test_cli_exit_codes_and_outputs():
    proc = run(str(FIX / "handmade-ja-net-use-1272-guest.txt"))
    assert proc.returncode == 1 and "[エラー] ゲスト アクセスがブロックされています" in proc.stdout.decode("utf-8")
    proc = run(str(FIX / "ja-zetamatta-net-use.txt"), "--json", "--lang", "en")
    data = json.loads(proc.stdout)
    assert proc.returncode == 0 and data["locale"] == "en" and data["findings"][0]["id"] == "drive-mappings"
    proc = run("-", stdin=(FIX / "en-survol-net-view-servers.txt").read_bytes())
    assert proc.returncode == 0 and "7 台" in proc.stdout.decode("utf-8")
    assert_one_line_error(run(str(FIX / "missing.txt")))
    assert_one_line_error(run("--lang", "de", str(FIX / "ja-zetamatta-net-use.txt")))
    assert_one_line_error(run("-", stdin=b""))
    proc = run("-", "--lang", "en", stdin=b"hello\n")
    assert_one_line_error(proc)
    assert "does not look like net view" in proc.stderr.decode("utf-8")


def test_cli_bare_never_runs_a_command():
    import pty

    master, slave = pty.openpty()
    try:
        proc = subprocess.run([sys.executable, str(SCRIPT)], stdin=slave, capture_output=True, timeout=60,
                              env=dict(os.environ, PYTHONIOENCODING="utf-8"))
    finally:
        os.close(master)
        os.close(slave)
    assert_one_line_error(proc)
    assert "2>&1" in proc.stderr.decode("utf-8")
    assert "None, hint" in SCRIPT.read_text(encoding="utf-8")  # explainer_main(..., command=None, ...)
