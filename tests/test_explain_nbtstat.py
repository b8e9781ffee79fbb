"""explain_nbtstat.py: nbtstat -n, -a / -A, -c, -r, -S in Japanese and English. Expected findings
per fixture are in tests/fixtures/nbtstat/*.json (tests/test_fixtures.py); this file checks the reasoning behind them on edited real captures,
detection both ways against every other tool's fixtures, robustness and the command line."""

from __future__ import annotations

import codecs
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
SCRIPT = ROOT / "snippets" / "explain_nbtstat.py"
FIX = ROOT / "tests" / "fixtures" / "nbtstat"
ALL_FIXTURES = ROOT / "tests" / "fixtures"


def _load(name):
    spec = importlib.util.spec_from_file_location(name, ROOT / "snippets" / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


m = _load("explain_nbtstat")
OTHER_EXPLAINERS = {p.stem[len("explain_"):]: _load(p.stem) for p in sorted((ROOT / "snippets").glob("explain_*.py"))
                    if p.stem != "explain_nbtstat"}


def fixture(name):
    return m.decode_bytes((FIX / name).read_bytes())


def ids(report):
    return [(f["id"], f["severity"], f.get("subject")) for f in report["findings"]]


def finding(report, fid, subject=None):
    found = [f for f in report["findings"] if f["id"] == fid and (subject is None or f.get("subject") == subject)]
    assert len(found) == 1, ids(report)
    return found[0]


def edit(text, replace=(), drop=(), add_after=None, add=()):
    """The capture with (old, new) replacements, lines containing any of `drop` removed and
    `add` inserted after the first line containing `add_after` (line endings kept)."""
    nl = "\r\n" if "\r\n" in text else "\n"
    for old, new in replace:
        assert old in text, old
        text = text.replace(old, new)
    out = []
    inserted = False
    for line in text.split(nl):
        if any(d in line for d in drop):
            continue
        out.append(line)
        if add_after is not None and not inserted and add_after in line:
            out.extend(add)
            inserted = True
    assert add_after is None or inserted
    return nl.join(out)


REAL = sorted(p.name for p in FIX.glob("*.txt") if not p.name.startswith("handmade"))
MINE = sorted(FIX.glob("*.txt"))


# ---------------------------------------------------------------------------------------------
# Detection: high on nbtstat output, below the paste box's threshold on every other tool, and
# every other explainer below it on nbtstat output
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", MINE, ids=[p.name for p in MINE])
def test_detect_is_high_and_no_other_explainer_claims_it(path):
    text = m.decode_bytes(path.read_bytes())
    score = m.detect(text)
    assert score >= 0.5, score
    assert m.explain(text)["recognized"]
    for name, other in OTHER_EXPLAINERS.items():
        assert other.detect(text) < 0.2, name


OTHERS = sorted(p for p in ALL_FIXTURES.glob("*/*") if p.parent.name != "nbtstat" and p.suffix in (".txt", ".out"))


@pytest.mark.parametrize("path", OTHERS, ids=[f"{p.parent.name}/{p.name}" for p in OTHERS])
def test_detect_is_low_on_other_outputs(path):
    text = m.decode_bytes(path.read_bytes())
    assert m.detect(text) < 0.2
    assert m.explain(text)["recognized"] is False


def test_there_are_other_outputs_to_compare_with():
    kinds = {p.parent.name for p in OTHERS}
    assert {"ipconfig", "netstat", "ping", "route", "arp"} <= kinds


# ---------------------------------------------------------------------------------------------
# Parsing details of the real captures
# ---------------------------------------------------------------------------------------------

JA = "handmade-ja-nbtstat-n-conflict.txt"
SAMBA = "en-samba-ubuntuforums-nbtstat-a.txt"
PROPNET = "en-propnet-nbtstat-a.txt"
DC = "en-dc-entraconnect-nbtstat-n.txt"


def test_remote_table_and_the_node_address_is_the_asking_pc():
    r = m.explain(fixture(PROPNET), "en")
    (adapter,) = r["data"]["adapters"]
    assert adapter == {"name": "Local Area Connection", "node_ip": "192.168.1.103", "line": 4,
                       "host_not_found": False, "no_names": False}
    (table,) = r["data"]["tables"]
    assert table["kind"] == "remote" and table["mac"] == "00:08:dc:16:f8:01" and table["mac_raw"] == "00-08-DC-16-F8-01"
    assert table["names"][0] == {"name": "PROPNET", "suffix": "00", "type": "unique", "status": "registered",
                                 "status_raw": "Registered", "ip": None, "line": 10}
    f = finding(r, "node-status")
    # The same file pings PROPNET at 192.168.1.107: 192.168.1.103 is the PC that asked.
    assert "192.168.1.103" in f["detail"] and "this computer, which asked" in f["detail"]
    assert f["subject"] == "PROPNET" and 4 in f["lines"] and 13 in f["lines"]


def test_samba_zero_mac_is_normal():
    r = m.explain(fixture(SAMBA), "en")
    f = finding(r, "node-status")
    assert f["severity"] == "ok" and "Samba" in f["detail"] and "normal" in f["detail"]
    assert "Node IpAddress" not in f["detail"]  # the author cut the heading: nothing to say about it
    assert finding(r, "file-server-present")["subject"] == "LINUX"
    # A real MAC: no Samba note.
    assert "Samba" not in finding(m.explain(fixture(PROPNET), "en"), "node-status")["detail"]


def test_suffix_meanings():
    d = finding(m.explain(fixture(DC), "en"), "local-names")["detail"]
    for text in ("ENTRACONNECTDC<00> (Workstation", "IRON<00> (Workgroup or domain", "IRON<1C> (Domain controllers",
                 "<20> (File sharing", "IRON<1B> (Domain master browser"):
        assert text in d, text
    d = finding(m.explain(fixture("en-nt351-kb-nbtstat-n.txt"), "en"), "local-names")["detail"]
    assert "NEWUSER<03> (Messenger" in d and "NTWINSDOM<1E> (Browser election" in d


def test_glued_msbrowse_name_and_master_browser():
    text = edit(fixture(DC), add_after="IRON           <1B>",
                add=["    IRON           <1D>  UNIQUE      Registered", "    ..__MSBROWSE__.<01>  GROUP       Registered"])
    r = m.explain(text, "en")
    names = r["data"]["tables"][0]["names"]
    assert names[-1]["name"] == "..__MSBROWSE__." and names[-1]["suffix"] == "01" and names[-1]["type"] == "group"
    assert "IRON<1D> (Master browser of this segment)" in finding(r, "local-names")["detail"]


def test_japanese_labels():
    r = m.explain(fixture("handmade-ja-nbtstat-A-nas.txt"))
    assert [a["name"] for a in r["data"]["adapters"]] == ["イーサネット", "vEthernet (Default Switch)"]
    assert r["data"]["adapters"][1]["host_not_found"] is True
    table = r["data"]["tables"][0]
    assert table["kind"] == "remote" and table["names"][3]["type"] == "group" and table["names"][0]["status"] == "registered"
    assert not [f for f in r["findings"] if f["id"] == "host-not-found"]  # the other adapter got the answer
    assert "Samba" in finding(r, "node-status")["detail"]


# ---------------------------------------------------------------------------------------------
# Reasoning, on edited real captures
# ---------------------------------------------------------------------------------------------


def test_conflict_on_a_real_capture_is_an_error():
    text = edit(fixture(DC), replace=[("ENTRACONNECTDC <00>  UNIQUE      Registered", "ENTRACONNECTDC <00>  UNIQUE      Conflict")])
    r = m.explain(text, "en")
    f = finding(r, "name-conflict")
    assert f["severity"] == "error" and f["subject"] == "ENTRACONNECTDC<00>" and f["lines"] == [8]
    assert "Rename" in " ".join(f["next_steps"])
    assert run("-", stdin=text.encode()).returncode == 1
    # Conflict on the other computer's table: the same finding, worded for the other computer.
    text = edit(fixture(PROPNET), replace=[("PROPNET        <00>  UNIQUE      Registered", "PROPNET        <00>  UNIQUE      Conflict")])
    assert "On the computer asked" in finding(m.explain(text, "en"), "name-conflict")["detail"]


def test_japanese_conflict_exit_status():
    proc = run(str(FIX / JA))
    assert proc.returncode == 1 and "[エラー] NetBIOS 名が競合しています" in proc.stdout.decode("utf-8")


def test_deregistered_is_not_a_conflict():
    text = edit(fixture(DC), replace=[("IRON           <1B>  UNIQUE      Registered", "IRON           <1B>  UNIQUE      Deregistered")])
    r = m.explain(text)
    assert r["data"]["tables"][0]["names"][-1]["status"] == "deregistered"
    assert not [f for f in r["findings"] if f["id"] == "name-conflict"]


def test_host_not_found_only_when_nobody_answered():
    r = m.explain(fixture("en-wifi-host-not-found.txt"), "en")
    f = finding(r, "host-not-found")
    assert f["severity"] == "warning" and f["subject"] == "WiFi" and f["lines"] == [5]
    ja = fixture("en-wifi-host-not-found.txt").replace("Host not found.", "ホストが見つかりません。").replace(
        "Node IpAddress", "ノード IpAddress").replace("Scope Id", "スコープ ID")
    assert finding(m.explain(ja), "host-not-found")["severity"] == "warning"


def test_no_names_in_cache():
    text = "\r\nEthernet:\r\nNode IpAddress: [192.168.1.23] Scope Id: []\r\n\r\n    No names in cache\r\n"
    r = m.explain(text, "en")
    assert ids(r) == [("no-names", "info", None)]
    assert ids(m.explain(text.replace("No names in cache", "キャッシュに名前がありません"))) == ids(r)


def test_cache_resolution_and_sessions():
    r = m.explain(fixture("handmade-en-nbtstat-c-r-S.txt"), "en")
    assert r["data"]["statistics"]["resolved_by_broadcast"] == 3
    assert r["data"]["statistics"]["resolved_by_name_server"] == 0
    assert "NAS-01<20> → 192.168.1.40" in finding(r, "name-cache")["detail"]
    assert "no WINS" in finding(r, "resolution-stats")["detail"] or "none by WINS" in finding(r, "resolution-stats")["detail"]
    assert "192.168.1.40" in finding(r, "sessions")["detail"]


@pytest.mark.parametrize("name", REAL)
def test_paste_variants_give_the_same_findings(name):
    text = fixture(name)
    want = ids(m.explain(text))
    lf = text.replace("\r\n", "\n")
    for variant in (lf, lf.replace("\n", "\r\n"), "\ufeff" + lf, "\n".join("    " + ln for ln in lf.split("\n"))):
        assert ids(m.explain(variant)) == want


def test_english_output_is_english():
    for name in sorted(p.name for p in MINE):
        r = m.explain(fixture(name), "en")
        for f in r["findings"]:
            text = f["title"] + f["detail"] + "".join(f["next_steps"])
            for word in ("イーサネット", "一意", "グループ", "登録済", "競合", "NAS-01"):
                text = text.replace(word, "")
            assert not re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", text), (name, text)


# ---------------------------------------------------------------------------------------------
# Properties: never raises, contract keys, linear time
# ---------------------------------------------------------------------------------------------

CONTRACT_KEYS = {"tool", "recognized", "locale", "summary", "data", "findings"}
FINDING_KEYS = {"id", "severity", "title", "detail", "next_steps", "lines"}
REAL_TEXTS = [fixture(n) for n in sorted(p.name for p in MINE)]


def check_report(report, text, lang):
    assert set(report) >= CONTRACT_KEYS
    assert report["tool"] == "nbtstat" and report["locale"] == lang
    assert isinstance(report["summary"], str) and report["summary"] and "\n" not in report["summary"]
    json.dumps(report, ensure_ascii=False)
    n = max(len(text.splitlines()), 1)
    for f in report["findings"]:
        assert set(f) >= FINDING_KEYS, f
        assert f["severity"] in ("error", "warning", "info", "ok")
        assert all(isinstance(x, int) and 1 <= x <= n for x in f["lines"]), (f, n)
        assert not re.search(r"\{[a-z_]+\}", f["detail"]), f["detail"]
        if "subject" in f:
            assert isinstance(f["subject"], str) and f["subject"]
    if not report["recognized"]:
        assert report["findings"] == []


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(), st.sampled_from(["ja", "en"]))
def test_arbitrary_text_never_raises(text, lang):
    report = m.analyse(text, lang)  # the unprotected core: a bug would show here
    check_report(report, text, lang)
    assert 0.0 <= m.detect(text) <= 1.0


LINE_ALPHABET = st.sampled_from(
    ["Node IpAddress: [", "ノード IpAddress: [", "]", " <20> ", "<1D>", "UNIQUE ", "一意", "グループ", "競合", "Conflict",
     "MAC Address = ", "Host not found.", "No names in cache", "NetBIOS Local Name Table", "NetBIOS リモート",
     " = ", "Resolved By Broadcast = ", "\r", "\x85", "Ethernet:", "192.168.1.1 "]
)


@st.composite
def mutated(draw):
    text = draw(st.sampled_from(REAL_TEXTS))
    lines = text.split("\n")
    for _ in range(draw(st.integers(0, 6))):
        if not lines:
            break
        op = draw(st.sampled_from(["delete", "duplicate", "truncate", "crlf", "insert", "splice"]))
        i = draw(st.integers(0, len(lines) - 1))
        if op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "truncate":
            lines[i] = lines[i][: draw(st.integers(0, len(lines[i])))]
            del lines[i + 1:]
        elif op == "crlf":
            lines[i] = lines[i] + "\r" if not lines[i].endswith("\r") else lines[i][:-1]
        elif op == "insert":
            lines.insert(i, draw(LINE_ALPHABET) + draw(st.text(max_size=20)))
        else:
            j = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:j] + draw(LINE_ALPHABET) + lines[i][j:]
    return "\n".join(lines)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated(), st.sampled_from(["ja", "en"]))
def test_mutated_real_samples_never_raise(text, lang):
    report = m.analyse(text, lang)
    check_report(report, text, lang)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000))
def test_mixed_encodings_never_raise(data):
    for text in (m.decode_bytes(data), data.decode("latin-1"), fixture(PROPNET) + data.decode("cp932", "replace")):
        check_report(m.analyse(text, "ja"), text, "ja")


def test_growth_is_linear():
    base = fixture(JA) + fixture("handmade-en-nbtstat-c-r-S.txt") + fixture(SAMBA)
    small = base * 60
    big = small * 4
    assert_grows_linearly((m.explain, m.detect), small, big)


def test_hostile_one_megabyte_inputs():
    row = "    OFFICE-PC01    <00>  一意        競合\n"
    for hostile in (
        row * (1_000_000 // len(row)),
        "x" * 1_000_000,
        "Node IpAddress: [" * 60_000,
        "NAME <20> " * 100_000,
        "<00>" * 250_000,
        "=" * 1_000_000,
        "NetBIOS Remote Cache Name Table\n" + "".join("N{0} <20> UNIQUE 10.0.{1}.{2} 600\n".format(i, i // 256 % 256, i % 256)
                                                       for i in range(30_000)),
        "Ethernet:\n" * 100_000,
    ):
        with finishes_within(10, hostile[:40]):
            report = m.explain(hostile)
            m.detect(hostile)
        json.dumps(report, ensure_ascii=False)


# ---------------------------------------------------------------------------------------------
# Command line
# ---------------------------------------------------------------------------------------------


def run(*args, stdin=None, **kw):
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    return subprocess.run([sys.executable, str(SCRIPT), *args], input=stdin, capture_output=True, timeout=60,
                          env=env, **kw)


def assert_one_line_error(proc):
    err = proc.stderr.decode("utf-8")
    assert proc.returncode == 2, (proc.returncode, err)
    assert "Traceback" not in err and err.count("\n") == 1 and err.startswith("explain_nbtstat.py: "), err


def test_cli_encodings_give_the_same_report(tmp_path):
    text = fixture("handmade-ja-nbtstat-A-nas.txt")
    reports = []
    for name, data in (
        ("utf8.txt", text.encode("utf-8")),
        ("cp932.txt", text.replace("\n", "\r\n").encode("cp932")),
        ("utf16.txt", codecs.BOM_UTF16_LE + text.encode("utf-16-le")),
    ):
        (tmp_path / name).write_bytes(data)
        proc = run(str(tmp_path / name), "--json")
        assert proc.returncode == 0, proc.stderr
        reports.append(json.loads(proc.stdout.decode("utf-8")))
    assert all(ids(r) == ids(reports[0]) for r in reports)
    assert reports[0]["data"]["tables"][0]["names"][0]["name"] == "NAS-01"


def test_cli_text_lang_and_exit_codes():
    proc = run(str(FIX / DC))
    out = proc.stdout.decode("utf-8")
    assert proc.returncode == 0 and "[正常] このパソコンの NetBIOS 名" in out
    proc = run(str(FIX / DC), "--lang", "en")
    assert proc.returncode == 0 and "[OK] This computer's NetBIOS names" in proc.stdout.decode("utf-8")
    proc = run(str(FIX / JA), "--json", "--lang", "en")
    data = json.loads(proc.stdout)
    assert proc.returncode == 1 and data["locale"] == "en" and data["findings"][0]["id"] == "name-conflict"


def test_cli_bare_with_piped_stdin_reads_it():
    proc = run(stdin=(FIX / PROPNET).read_bytes())
    assert proc.returncode == 0 and "192.168.1.103" in proc.stdout.decode("utf-8")


def test_cli_usage_and_input_errors():
    assert_one_line_error(run(str(FIX / "does-not-exist.txt")))
    assert_one_line_error(run("--lang", "de", str(FIX / DC)))
    assert_one_line_error(run("a", "b"))
    assert_one_line_error(run("-", stdin=b""))
    proc = run("-", stdin=(ALL_FIXTURES / "ipconfig" / "ja-win10-vuls.txt").read_bytes())
    assert_one_line_error(proc)
    assert proc.stdout == b"" and "nbtstat -n" in proc.stderr.decode("utf-8")
    proc = run("-", "--lang", "en", stdin=b"hello\n")
    assert_one_line_error(proc)
    assert "does not look like nbtstat output" in proc.stderr.decode("utf-8")
    proc = run("-", "--json", stdin=b"hello\n")
    assert proc.returncode == 2 and json.loads(proc.stdout)["recognized"] is False


@pytest.mark.skipif(os.name == "nt", reason="on Windows a bare run executes nbtstat -n")
def test_cli_bare_on_a_terminal_explains_how_to_paste():
    import pty

    master, slave = pty.openpty()
    try:
        proc = subprocess.run([sys.executable, str(SCRIPT)], stdin=slave, capture_output=True, timeout=60,
                              env=dict(os.environ, PYTHONIOENCODING="utf-8"))
    finally:
        os.close(master)
        os.close(slave)
    assert_one_line_error(proc)
    assert "nbtstat -n > nbtstat.txt" in proc.stderr.decode("utf-8")


def test_snippet_is_standalone_and_stdlib_only():
    src = SCRIPT.read_text(encoding="utf-8")
    block = (ROOT / "scripts" / "common_block.py").read_text(encoding="utf-8").strip("\n")
    assert block in src
    top_imports = [line for line in src.splitlines() if line.startswith(("import ", "from "))]
    assert not [line for line in top_imports if "subprocess" in line or "ctypes" in line]


def test_the_same_names_on_two_adapters_are_said_once():
    one = fixture(DC)
    two = one + "\n" + one.replace("Ethernet0:", "Wi-Fi:").replace("192.168.50.90", "192.168.50.91")
    assert ids(m.explain(two)) == ids(m.explain(one))
    assert len(m.explain(two)["data"]["tables"]) == 2
    conflict = edit(two, replace=[("ENTRACONNECTDC <00>  UNIQUE      Registered", "ENTRACONNECTDC <00>  UNIQUE      Conflict")])
    assert [f["id"] for f in m.explain(conflict)["findings"]].count("name-conflict") == 1
