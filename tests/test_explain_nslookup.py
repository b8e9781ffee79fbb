"""explain_nslookup.py: name lookups (Windows nslookup in Japanese and English, interactive
sessions, Resolve-DnsName, dig, host). Expected findings per fixture are in
tests/fixtures/nslookup/*.json (tests/test_fixtures.py); this file checks the reasoning behind them
on edited real captures, detection against every other tool's fixture (both ways), robustness
and the command line."""

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
SCRIPT = ROOT / "snippets" / "explain_nslookup.py"
FIX = ROOT / "tests" / "fixtures" / "nslookup"
ALL_FIXTURES = ROOT / "tests" / "fixtures"


def _load(name):
    spec = importlib.util.spec_from_file_location(name, ROOT / "snippets" / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


m = _load("explain_nslookup")


def fixture(name):
    return m.decode_bytes((FIX / name).read_bytes())


def ids(report):
    return [(f["id"], f["severity"], f.get("subject")) for f in report["findings"]]


def finding(report, fid):
    found = [f for f in report["findings"] if f["id"] == fid]
    assert len(found) == 1, ids(report)
    return found[0]


def no(report, fid):
    return not [f for f in report["findings"] if f["id"] == fid]


MINE = sorted(FIX.glob("*.txt"))
REAL = sorted(p.name for p in MINE if not p.name.startswith("handmade"))
OTHERS = sorted(p for p in ALL_FIXTURES.glob("*/*") if p.parent.name != "nslookup" and p.suffix in (".txt", ".out", ".eml"))
# explain_session reads a whole console window; a paste of several nslookup runs has several prompts,
# so it is checked separately (it must stay below this explainer and below its own threshold).
OTHER_EXPLAINERS = sorted(p.stem for p in (ROOT / "snippets").glob("explain_*.py")
                          if p.stem not in ("explain_nslookup", "explain_session"))


# ---------------------------------------------------------------------------------------------
# Detection: high on name lookups, low on every other tool's fixture, and the other explainers
# stay low on these
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", MINE, ids=[p.name for p in MINE])
def test_detect_is_high_on_name_lookups_and_other_explainers_stay_low(path):
    text = m.decode_bytes(path.read_bytes())
    score = m.detect(text)
    assert score >= 0.5, score
    assert m.explain(text)["recognized"]
    for name in OTHER_EXPLAINERS:
        other = _load(name)
        assert other.detect(text) < 0.2, (name, other.detect(text))
    if (ROOT / "snippets" / "explain_session.py").is_file():
        session = _load("explain_session").detect(text)
        assert session < 0.5 and session < score, session


@pytest.mark.parametrize("path", OTHERS, ids=[f"{p.parent.name}/{p.name}" for p in OTHERS])
def test_detect_is_low_on_other_outputs(path):
    text = m.decode_bytes(path.read_bytes())
    assert m.detect(text) < 0.2
    assert m.explain(text)["recognized"] is False


def test_there_are_other_outputs_to_compare_with():
    kinds = {p.parent.name for p in OTHERS}
    assert {"ipconfig", "netstat", "ping", "tracert", "route", "bounce"} <= kinds
    assert len(OTHER_EXPLAINERS) >= 6


def test_ping_and_tracert_names_and_addresses_are_not_a_lookup():
    for text in (
        "Pinging www.example.jp [203.0.113.25] with 32 bytes of data:\nReply from 203.0.113.25: bytes=32 time=9ms TTL=55\n",
        "ping 要求ではホスト www.exampel.jp が見つかりませんでした。ホスト名を確認してもう一度実行してください。\n",
        "Tracing route to www.example.jp [203.0.113.25]\nover a maximum of 30 hops:\n  1    1 ms    1 ms    1 ms  192.168.1.1\n",
        "   DNS サーバー. . . . . . . . . . . : 192.168.1.1\n   Primary Dns Suffix  . . . . . . . : \n",
        "Received: from mail.example.jp (mail.example.jp [203.0.113.25])\n\tby mx.example.net with ESMTPS\n",
        "host mx.example.jp[203.0.113.25] said: 550 5.1.1 <taro@example.jp>: Recipient address rejected\n",
    ):
        assert m.detect(text) < 0.2, text


# ---------------------------------------------------------------------------------------------
# Parsing details of the real captures (data is what a session reader compares with ping, ipconfig)
# ---------------------------------------------------------------------------------------------


def test_japanese_windows_answer_with_aliases():
    data = m.explain(fixture("ja-boatrace-cname-akamai.txt"))["data"]
    assert data["formats"] == ["nslookup"]
    assert data["server"] == {"name": "setup.netvolante.jp", "address": "192.168.1.1"}
    (q,) = data["queries"]
    assert q["name"] == "xml-sv.boatrace.jp" and q["type"] == "A+AAAA" and q["status"] == "noerror"
    assert q["authoritative"] is False
    assert q["addresses"] == ["23.193.119.198", "23.193.119.197"]
    assert all(isinstance(a, str) for a in q["addresses"])
    assert q["aliases"] == ["xml-sv.boatrace.jp", "xml-sv.boatrace.jp.edgekey.net"]
    assert q["canonical_name"] == "e121498.a.akamaiedge.net"
    assert q["lines"][0] == 1 and q["lines"][-1] == 10


def test_mx_records_and_the_extra_internet_address_lines():
    data = m.explain(fixture("ja-esmile-interactive-mx.txt"))["data"]
    first = data["queries"][0]
    assert first["name"] == "esmile-holdings.com" and first["type"] == "MX"
    mx = [(r["preference"], r["value"]) for r in first["records"] if r["type"] == "MX"]
    assert mx == [(20, "mail2.esmile-holdings.com"), (10, "mail.esmile-holdings.com")]
    assert first["addresses"] == []  # the internet address lines belong to the MX hosts
    assert data["server"]["address"] == "2400:4050:5f21:cf02::1"
    assert [q["name"] for q in data["queries"][1:]] == ["ovs-024.esmile-holdings.com", "ovs-009.esmile-holdings.com"]
    r = m.explain(fixture("ja-esmile-interactive-mx.txt"), "en")
    resolved = [f for f in r["findings"] if f["id"] == "resolved"][0]
    assert "mail.esmile-holdings.com (10), mail2.esmile-holdings.com (20)" in resolved["detail"]


def test_dig_host_and_resolve_dnsname_fill_the_same_structure():
    dig = m.explain(fixture("en-centos-jc-dig.txt"))["data"]
    assert [q["name"] for q in dig["queries"]] == ["www.cnn.com", "www.google.com"]
    assert dig["queries"][0]["server"]["address"] == "192.168.71.2"
    assert dig["queries"][0]["addresses"] == ["151.101.189.67"]
    assert dig["queries"][0]["authoritative"] is False
    host = m.explain(fixture("en-forum-beestudio-host-alias-mx.txt"))["data"]["queries"][0]
    assert host["addresses"] == ["5.12.101.175"] and host["records"][0]["preference"] == 10
    rdn = m.explain(fixture("handmade-ja-resolve-dnsname-mx.txt"))["data"]["queries"][0]
    assert [(r["value"], r["preference"]) for r in rdn["records"]] == [("mx1.example.jp", 10), ("mx2.example.jp", 20)]
    listed = m.explain(fixture("handmade-ja-resolve-dnsname-cname-list.txt"))["data"]["queries"][0]
    assert listed["addresses"] == ["203.0.113.80"] and listed["canonical_name"] == "web.example.net"
    linux = m.explain(fixture("en-system76-linux-nslookup.txt"))["data"]
    assert linux["server"]["address"] == "208.67.222.222"  # "#53" removed


def test_masked_server_address_is_not_taken_for_an_address():
    data = m.explain(fixture("ja-blog-nslookup-masked-server.txt"))["data"]
    assert data["server"] == {"name": "UnKnown", "address": None}
    assert data["queries"][0]["addresses"] == ["198.51.100.1"]


# ---------------------------------------------------------------------------------------------
# Reasoning, on edited real captures
# ---------------------------------------------------------------------------------------------


def test_reverse_lookup_timeout_then_an_answer_is_not_an_outage():
    r = m.explain(fixture("en-htb-reverse-timeout-then-answer.txt"), "en")
    assert [f["id"] for f in r["findings"] if f["severity"] == "error"] == []
    f = finding(r, "reverse-lookup-timeout")
    assert f["severity"] == "info" and f["lines"] == [2, 4] and "PTR" in f["detail"]
    # Drop the answer: now the query itself got nothing, still no timeout error is invented
    # from the PTR step alone... but a following query timeout is an error.
    text = fixture("en-htb-reverse-timeout-then-answer.txt").split("\n")
    cut = "\n".join(text[:6] + ["DNS request timed out.", "    timeout was 2 seconds.", "*** Request to UnKnown timed-out"])
    r = m.explain(cut)
    assert finding(r, "dns-timeout")["severity"] == "error" and no(r, "reverse-lookup-timeout")


def test_records_printed_before_the_server_line_belong_to_the_reverse_lookup():
    r = m.explain(fixture("ja-centos-ad-reverse-soa-before-server.txt"), "en")
    f = finding(r, "reverse-lookup-output")
    assert f["severity"] == "info" and f["lines"] == [2, 3, 4, 5, 6, 7, 8, 9, 11] and "192.168.1.33" in f["detail"]
    assert no(r, "no-mx")  # the SOA of 168.192.in-addr.arpa is not an answer to the query
    (q,) = r["data"]["queries"]
    assert q["name"] == "centosdc01.centos.local" and q["records"] == []
    assert q["addresses"] == ["240d:1a:7dd:6100:20c:29ff:fe7d:c745", "192.168.1.33"]
    assert finding(r, "resolved")["lines"] == [1, 11, 12, 14, 15, 16]


def test_a_timeout_after_the_server_line_is_an_outage_even_with_unknown():
    r = m.explain(fixture("en-bing-timeout-unknown.txt"), "en")
    f = finding(r, "dns-timeout")
    assert f["severity"] == "error" and f["subject"] == "www.bing.com" and "reverse lookup" in f["detail"]
    assert "address (2001:558:feed::1) answers" in f["next_steps"][0]
    f = finding(m.explain("$ nslookup www.example.jp\n;; connection timed out; no servers could be reached\n"), "dns-timeout")
    assert f["next_steps"][0] == "ping で DNS サーバーのアドレスに届くか確かめます。"
    assert finding(r, "server-unknown")["severity"] == "info"
    assert no(r, "reverse-lookup-timeout")
    # A retry that answers after a timed-out attempt: resolved, no error.
    lines = fixture("en-bing-timeout-unknown.txt").split("\n")
    retry = "\n".join(lines[:8] + ["Non-authoritative answer:", "Name:    www.bing.com", "Address:  203.0.113.7", ""])
    r = m.explain(retry)
    assert [f["id"] for f in r["findings"] if f["severity"] == "error"] == []
    assert finding(r, "resolved")["severity"] == "ok"


def test_each_failure_kind_says_what_it_means():
    r = m.explain(fixture("handmade-ja-servfail-refused.txt"), "en")
    assert "SERVFAIL" in finding(r, "servfail")["detail"] and "8.8.8.8" in " ".join(finding(r, "servfail")["next_steps"])
    assert "refused" in finding(r, "refused")["detail"]
    r = m.explain(fixture("ja-msen-nxdomain-without-vpn.txt"), "en")
    f = finding(r, "nxdomain")
    assert "does not exist" in f["detail"] and "not a connection problem" in f["detail"]
    r = m.explain(fixture("ja-hackroom-nxdomain-ipv6-server.txt"), "en")
    assert "internal form" in finding(r, "nxdomain")["detail"]
    for name in ("en-htb-resolve-dnsname-nxdomain.txt", "en-gitlab-docs-dig-nxdomain.txt", "en-forum-beestudio-host-nxdomain.txt"):
        assert finding(m.explain(fixture(name)), "nxdomain")["severity"] == "error"


def test_reverse_lookups():
    found = fixture("ja-stgdev-a-unknown.txt").replace("nslookup stg-development.work", "nslookup 54.199.234.1").replace(
        "名前:    stg-development.work", "名前:    ec2-54-199-234-1.ap-northeast-1.compute.amazonaws.com")
    r = m.explain(found, "en")
    f = finding(r, "resolved")
    assert f["subject"] == "54.199.234.1" and "PTR" in f["detail"] and "ec2-54-199-234-1" in f["detail"]
    assert no(r, "private-address")
    missing = fixture("ja-msen-nxdomain-without-vpn.txt").replace("portal.msen.jp", "192.168.11.20")
    f = finding(m.explain(missing, "en"), "nxdomain")
    assert f["severity"] == "warning" and "reverse DNS" in f["detail"]
    f = finding(m.explain("$ host 8.8.8.8\n8.8.8.8.in-addr.arpa domain name pointer dns.google.\n", "en"), "resolved")
    assert "dns.google" in f["detail"]


def test_resolve_dnsname_error_id_decides_over_the_message():
    text = ("Resolve-DnsName : smtp.example.jp : 何かの翻訳されたメッセージ\n"
            "    + FullyQualifiedErrorId : DNS_ERROR_RCODE_REFUSED,Microsoft.DnsClient.Commands.ResolveDnsName\n")
    assert finding(m.explain(text), "refused")["severity"] == "error"


def test_non_authoritative_is_the_aa_bit_not_a_cache():
    for lang, must in (("ja", ("AA ビット", "キャッシュから出た", "という意味ではありません")),
                       ("en", ("AA bit", "does not mean", "cache"))):
        f = finding(m.explain(fixture("ja-stgdev-a-unknown.txt"), lang), "non-authoritative")
        assert f["severity"] == "info"
        assert all(x in f["detail"] for x in must), f["detail"]
    # An answer without the heading (the company DNS is authoritative): no such finding.
    r = m.explain(fixture("ja-msen-vpn-private-address.txt"))
    assert no(r, "non-authoritative") and r["data"]["queries"][0]["authoritative"] is True


def test_unknown_server_is_harmless_and_explained():
    f = finding(m.explain(fixture("ja-stgdev-a-unknown.txt"), "en"), "server-unknown")
    assert f["severity"] == "info" and "PTR" in f["detail"] and f["subject"] == "172.20.10.1"


@pytest.mark.parametrize("address,severity,variant_word", [
    ("10.20.30.40", "warning", "split DNS"),
    ("172.31.0.9", "warning", "split DNS"),
    ("100.72.1.2", "warning", "CGNAT"),
    ("127.0.0.1", "warning", "hosts file"),
    ("0.0.0.0", "warning", "rebinding"),
    ("fd12:3456::1", "warning", "split DNS"),
])
def test_a_public_name_with_a_private_address(address, severity, variant_word):
    text = fixture("ja-stgdev-a-unknown.txt").replace("54.199.234.1", address)
    f = finding(m.explain(text, "en"), "private-address")
    assert f["severity"] == severity and variant_word in f["detail"], f["detail"]


def test_public_addresses_and_internal_names_are_not_warned():
    assert no(m.explain(fixture("ja-stgdev-a-unknown.txt")), "private-address")
    f = finding(m.explain(fixture("en-htb-reverse-timeout-then-answer.txt")), "private-address")
    assert f["severity"] == "info"
    text = fixture("ja-stgdev-a-unknown.txt").replace("stg-development.work", "s3.ap-northeast-1.amazonaws.com").replace(
        "54.199.234.1", "10.1.1.134")
    assert "private endpoint" in finding(m.explain(text, "en"), "private-address")["detail"]


def test_cname_chain_is_named_in_order():
    f = finding(m.explain(fixture("ja-boatrace-cname-akamai.txt"), "en"), "cname-chain")
    assert "xml-sv.boatrace.jp → xml-sv.boatrace.jp.edgekey.net → e121498.a.akamaiedge.net" in f["detail"]


def test_mail_domain_without_mx():
    f = finding(m.explain(fixture("handmade-ja-interactive-type-mx.txt"), "en"), "no-mx")
    assert f["severity"] == "warning" and f["subject"] == "shop.example.jp" and "own address" in f["detail"]
    host = "$ host -t mx example.jp\nexample.jp has address 203.0.113.10\nexample.jp has no MX record\n"
    f = finding(m.explain(host, "en"), "no-mx")
    assert "203.0.113.10" in f["detail"] and "RFC 5321" in f["detail"]
    null = "$ host example.jp\nexample.jp has address 203.0.113.10\nexample.jp mail is handled by 0 .\n"
    assert "null MX" in finding(m.explain(null, "en"), "no-mx")["detail"]
    # A domain with MX records: none.
    assert no(m.explain(fixture("ja-esmile-interactive-mx.txt")), "no-mx")


def test_several_queries_in_one_paste_each_get_their_finding():
    r = m.explain(fixture("en-system76-forum-quoted-timeout.txt"))
    assert [f["subject"] for f in r["findings"] if f["id"] == "dns-timeout"] == ["www.planet76.com", "www.system76.com"]
    both = fixture("ja-msen-nxdomain-without-vpn.txt") + "\n" + fixture("ja-msen-vpn-private-address.txt")
    r = m.explain(both)
    assert finding(r, "nxdomain")["lines"][-1] == 5
    assert finding(r, "private-address")["lines"][0] == 7


@pytest.mark.parametrize("name", REAL)
def test_paste_variants_give_the_same_findings(name):
    text = fixture(name)
    want = ids(m.explain(text))
    lf = text.replace("\r\n", "\n")
    for variant in (lf, lf.replace("\n", "\r\n"), "\ufeff" + lf):
        assert ids(m.explain(variant)) == want


def test_english_reports_have_english_text():
    for name in ("ja-boatrace-cname-akamai.txt", "handmade-ja-timeout-request.txt", "ja-msen-vpn-private-address.txt"):
        r = m.explain(fixture(name), "en")
        text = r["summary"] + " ".join(f["title"] + f["detail"] + " ".join(f["next_steps"]) for f in r["findings"])
        assert not re.search(r"[ぁ-んァ-ヶ]", text.replace("権限のない回答", "").replace("サーバー", "")), text


# ---------------------------------------------------------------------------------------------
# Properties: never raises, contract keys, linear time
# ---------------------------------------------------------------------------------------------

CONTRACT_KEYS = {"tool", "recognized", "locale", "summary", "data", "findings"}
FINDING_KEYS = {"id", "severity", "title", "detail", "next_steps", "lines"}
REAL_TEXTS = [fixture(n) for n in REAL]


def check_report(report, text, lang):
    assert set(report) >= CONTRACT_KEYS
    assert report["tool"] == "nslookup" and report["locale"] == lang
    assert isinstance(report["summary"], str) and report["summary"] and "\n" not in report["summary"]
    json.dumps(report, ensure_ascii=False)
    n = max(len(text.splitlines()), 1)
    for f in report["findings"]:
        assert set(f) >= FINDING_KEYS, f
        assert f["severity"] in ("error", "warning", "info", "ok")
        assert all(isinstance(x, int) and 1 <= x <= n for x in f["lines"]), (f, n)
        assert not re.search(r"\{[a-z_]+\}", f["detail"] + " ".join(f["next_steps"])), f
        if "subject" in f:
            assert isinstance(f["subject"], str) and f["subject"]
    if not report["recognized"]:
        assert report["findings"] == []
    else:
        for q in report["data"]["queries"]:
            assert all(isinstance(a, str) for a in q["addresses"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(), st.sampled_from(["ja", "en"]))
def test_arbitrary_text_never_raises(text, lang):
    report = m.analyse(text, lang)  # the unprotected core: a bug would show here
    check_report(report, text, lang)
    assert 0.0 <= m.detect(text) <= 1.0


LINE_ALPHABET = st.sampled_from(
    ["> ", "Server:  ", "サーバー:  ", "Address:  ", "Addresses:  ", "名前:    ", "Aliases:  ", "権限のない回答:",
     "DNS request timed out.", "*** UnKnown が ", " を見つけられません: ", "MX preference = ", ", mail exchanger = ",
     ";; ->>HEADER<<- opcode: QUERY, status: ", ";; ANSWER SECTION:", " has address ", "Resolve-DnsName : ",
     "Name  Type  TTL  Section  IPAddress", "primary name server = ", "set type=mx", "0.0.0.0", "\r", "\t", "\x00"]
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


def test_mixed_encodings_never_raise():
    raw = fixture("ja-boatrace-cname-akamai.txt").encode("cp932") + "名前:    x\n".encode("utf-16-le") + b"\xff\xfe\x00"
    for text in (m.decode_bytes(raw), raw.decode("latin-1"), raw.decode("utf-8", "replace")):
        check_report(m.explain(text), text, "ja")


HOSTILE = [
    "Address:  " + "1." * 500_000,
    "名前:    " + "a" * 1_000_000,
    "*** " + "x " * 500_000 + "can't find",
    "*** UnKnown が " + "が " * 300_000,
    "> " * 500_000,
    "x MX preference = " + "1" * 1_000_000,
    ";; ->>HEADER<<- " + ";" * 1_000_000,
    "Resolve-DnsName : " + ": " * 500_000,
    "$ nslookup " + "a" * 1_000_000,
    "Aliases:  " + "a.b " * 250_000,
]


def test_large_and_hostile_inputs_are_fast():
    for name in ("ja-esmile-interactive-mx.txt", "en-centos-jc-dig.txt"):
        base = fixture(name)
        big = base * (1_000_000 // len(base) + 1)
        with finishes_within(10, name):
            r = m.explain(big)
        assert r["recognized"]
    for hostile in HOSTILE:
        with finishes_within(5, hostile[:40]):
            m.explain(hostile)
            m.detect(hostile)


def test_growth_is_linear():
    base = fixture("ja-boatrace-cname-akamai.txt") + "\n" + fixture("handmade-ja-timeout-request.txt")
    small = base * 200
    large = base * 800
    assert_grows_linearly((m.explain, m.detect), small, large)
    line_small, line_large = "Address:  " + "9" * 250_000, "Address:  " + "9" * 1_000_000
    assert_grows_linearly((m.explain, m.detect), line_small, line_large, floor=1e-4,
                          label="one long line")


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
    assert "Traceback" not in err and err.count("\n") == 1 and err.startswith("explain_nslookup.py: "), err


def test_cli_encodings_give_the_same_report(tmp_path):
    text = fixture("ja-boatrace-cname-akamai.txt")
    reports = []
    for name, data in (
        ("utf8.txt", text.encode("utf-8")),
        ("cp932.txt", text.encode("cp932")),
        ("utf16.txt", codecs.BOM_UTF16_LE + text.encode("utf-16-le")),
    ):
        (tmp_path / name).write_bytes(data)
        proc = run(str(tmp_path / name), "--json")
        assert proc.returncode == 0, proc.stderr
        reports.append(json.loads(proc.stdout.decode("utf-8")))
    assert all(r == reports[0] for r in reports)
    assert reports[0]["data"]["queries"][0]["addresses"] == ["23.193.119.198", "23.193.119.197"]


def test_cli_exit_status_follows_the_severity():
    proc = run(str(FIX / "ja-stgdev-a-unknown.txt"))
    out = proc.stdout.decode("utf-8")
    assert proc.returncode == 0 and "[正常] 名前解決できました" in out and "54.199.234.1" in out
    proc = run(str(FIX / "ja-msen-nxdomain-without-vpn.txt"), "--lang", "en")
    assert proc.returncode == 1 and "[ERROR] The name does not exist (NXDOMAIN)" in proc.stdout.decode("utf-8")
    proc = run(str(FIX / "en-bing-timeout-unknown.txt"), "--json")
    assert proc.returncode == 1 and json.loads(proc.stdout)["findings"][0]["id"] == "dns-timeout"
    assert run(str(FIX / "en-htb-reverse-timeout-then-answer.txt")).returncode == 0
    assert run(str(FIX / "ja-msen-vpn-private-address.txt")).returncode == 0  # a warning is not an error


def test_cli_bare_with_piped_stdin_reads_it():
    proc = run(stdin=(FIX / "en-centos-jc-dig.txt").read_bytes())
    assert proc.returncode == 0 and "151.101.189.67" in proc.stdout.decode("utf-8")


def test_cli_usage_and_input_errors():
    assert_one_line_error(run(str(FIX / "does-not-exist.txt")))
    assert_one_line_error(run("--lang", "de", str(FIX / "ja-stgdev-a-unknown.txt")))
    assert_one_line_error(run("a", "b"))
    assert_one_line_error(run("-", stdin=b""))
    proc = run("-", stdin=(ALL_FIXTURES / "ipconfig" / "ja-win10-vuls.txt").read_bytes())
    assert_one_line_error(proc)
    assert proc.stdout == b"" and "nslookup" in proc.stderr.decode("utf-8")
    proc = run("-", "--lang", "en", stdin=b"hello\n")
    assert_one_line_error(proc)
    assert "does not look like the output of a name lookup" in proc.stderr.decode("utf-8")
    proc = run("-", "--json", stdin=b"hello\n")
    assert proc.returncode == 2 and json.loads(proc.stdout)["recognized"] is False


@pytest.mark.skipif(os.name == "nt", reason="a terminal on Windows behaves differently")
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
    assert "nslookup smtp.example.jp > nslookup.txt" in proc.stderr.decode("utf-8")


def test_cli_broken_pipe_is_quiet():
    proc = subprocess.run(f'"{sys.executable}" "{SCRIPT}" "{FIX / "ja-esmile-interactive-mx.txt"}" | head -c 1',
                          shell=True, capture_output=True, timeout=60)
    assert b"Traceback" not in proc.stderr and b"Error" not in proc.stderr


def test_snippet_is_standalone_and_stdlib_only():
    src = SCRIPT.read_text(encoding="utf-8")
    block = (ROOT / "scripts" / "common_block.py").read_text(encoding="utf-8").strip("\n")
    assert block in src
    top_imports = [line for line in src.splitlines() if line.startswith(("import ", "from "))]
    assert not [line for line in top_imports if "subprocess" in line or "ctypes" in line or "ipaddress" in line]
