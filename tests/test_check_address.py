"""snippets/check_address.py: what a Japanese user types into an address field (full-width
characters, Outlook's quoting, old docomo/au addresses, mistyped domains) and the MX look-up,
asked of a real DNS server (dnsmasq) that the tests start on 127.0.0.1. Nothing here sends
traffic anywhere else."""

from __future__ import annotations

import importlib.util
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timing import finishes_within

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "snippets" / "check_address.py"
FIXTURES = ROOT / "tests" / "fixtures" / "check_address"
VENV_PYTHON = ROOT / ".venv" / "bin" / "python"
PYTHON = str(VENV_PYTHON) if VENV_PYTHON.exists() else sys.executable
DNSMASQ = "/usr/sbin/dnsmasq"


def _load():
    spec = importlib.util.spec_from_file_location("check_address", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules["check_address"] = module
    spec.loader.exec_module(module)
    return module


ca = _load()


def offline(address, lang="ja"):
    return ca.check(address, lang, dns=False)


def ids(report):
    return [f["id"] for f in report["findings"]]


def the(report, fid):
    found = [f for f in report["findings"] if f["id"] == fid]
    assert len(found) == 1, (fid, ids(report))
    return found[0]


def has_error(report):
    return any(f["severity"] == "error" for f in report["findings"])


def run(*args, timeout=30):
    return subprocess.run([PYTHON, str(SCRIPT), *args], capture_output=True, timeout=timeout,
                          stdin=subprocess.DEVNULL, env=dict(os.environ, PYTHONIOENCODING="utf-8"))


# ------------------------------------------------------------------------------------------------
# Full-width and other characters typed with the input method on
# ------------------------------------------------------------------------------------------------
def test_full_width_at_sign_and_letters_are_named_with_position_and_fixed():
    report = offline("ｔａｒｏ＠example.jp")
    finding = the(report, "full-width-characters")
    assert finding["severity"] == "error"
    assert report["data"]["suggestion"] == "taro@example.jp"
    at = [i for i in report["data"]["full_width"] if i["char"] == "＠"]
    assert at == [{"position": 5, "char": "＠", "codepoint": "U+FF20", "replacement": "@", "kind": "full-width"}]
    assert "「＠」(全角, 5 文字目) → 「@」" in finding["detail"]
    assert "taro@example.jp" in finding["detail"] and "taro@example.jp" in report["summary"]
    assert "invalid-syntax" not in ids(report) and "address-ok" not in ids(report)


def test_full_width_in_english():
    finding = the(offline("taro＠example.jp", "en"), "full-width-characters")
    assert "'＠' (full-width, position 5) -> '@'" in finding["detail"]
    assert finding["title"] == "The address contains full-width characters"


def test_trailing_full_width_space_is_found_and_removed():
    report = offline("taro@example.jp\u3000")
    the(report, "full-width-characters")
    assert report["data"]["full_width"] == [{"position": 16, "char": "\u3000", "codepoint": "U+3000",
                                             "replacement": "", "kind": "space"}]
    assert report["data"]["suggestion"] == "taro@example.jp"
    assert "全角スペース (16 文字目)" in the(report, "full-width-characters")["detail"]


def test_full_width_dots_hyphens_and_ideographic_full_stop():
    report = offline("taro－yamaーda．1@example。co。jp")
    assert report["data"]["suggestion"] == "taro-yama-da.1@example.co.jp"
    kinds = {i["char"]: i["replacement"] for i in report["data"]["full_width"]}
    assert kinds == {"－": "-", "ー": "-", "．": ".", "。": "."}
    assert "invalid-syntax" not in ids(report)


def test_ascii_spaces_around_are_trimmed_silently():
    report = offline("  taro@example.jp \n")
    assert ids(report) == ["address-ok"]


def test_japanese_in_the_local_part_needs_smtputf8():
    report = offline("たろう@example.jp")
    finding = the(report, "non-ascii-local-part")
    assert finding["severity"] == "error" and "SMTPUTF8" in finding["detail"]
    assert [i["char"] for i in report["data"]["non_ascii"]] == ["た", "ろ", "う"]


def test_japanese_domain_is_information_with_its_ascii_form():
    report = offline("taro@例え.jp")
    finding = the(report, "international-domain")
    assert finding["severity"] == "info"
    assert report["data"]["domain_ascii"] == "xn--r8jz45g.jp"
    assert not has_error(report)


def test_invisible_character_from_a_web_page():
    report = offline("taro\u200b@example.jp")
    the(report, "invisible-characters")
    assert report["data"]["suggestion"] == "taro@example.jp"


# ------------------------------------------------------------------------------------------------
# What Outlook and web pages put around an address
# ------------------------------------------------------------------------------------------------
def test_outlook_quoted_name_and_address():
    report = offline("'山田 太郎' <'taro@example.jp'>")
    quoted = the(report, "quotes-in-address")
    assert quoted["severity"] == "error" and "501 5.1.3 Bad recipient address syntax" in quoted["detail"]
    assert the(report, "quoted-address")["severity"] == "warning"
    assert report["data"]["suggestion"] == "taro@example.jp"
    assert report["data"]["removed"] == ["display-name"]


def test_display_name_without_quotes_inside_is_only_a_warning():
    report = offline('"山田 太郎" <taro@example.jp>')
    assert sorted(ids(report)) == ["address-ok", "quoted-address"]
    assert not has_error(report)


def test_quotes_around_a_bare_address():
    report = offline("'taro@example.jp'")
    assert ids(report)[0] == "quotes-in-address"
    assert report["data"]["suggestion"] == "taro@example.jp"


def test_mailto_link():
    report = offline("mailto:taro@example.jp?subject=%E4%BB%B6%E5%90%8D")
    assert report["data"]["removed"] == ["mailto"] and report["data"]["suggestion"] == "taro@example.jp"
    assert not has_error(report)


def test_apostrophe_inside_the_local_part_is_valid():
    assert ids(offline("o'brien@example.com")) == ["address-ok"]


def test_quoted_local_part_is_legal_but_warned():
    report = offline('"taro yamada"@example.jp')
    assert the(report, "quoted-local-part")["severity"] == "warning"
    assert "quotes-in-address" not in ids(report) and not has_error(report)


# ------------------------------------------------------------------------------------------------
# Syntax, and the old docomo/au addresses
# ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("address", ["taro..yamada@docomo.ne.jp", "taro.@ezweb.ne.jp", "taro..@au.com"])
def test_legacy_carrier_addresses_are_a_warning_not_a_syntax_error(address):
    report = offline(address)
    assert the(report, "legacy-carrier-address")["severity"] == "warning"
    assert "invalid-syntax" not in ids(report)
    assert not has_error(report)


@pytest.mark.parametrize("address", ["taro..yamada@example.com", "taro.@gmail.com", ".taro@docomo.ne.jp"])
def test_dots_break_the_rules_elsewhere(address):
    report = offline(address)
    assert "local-dots" in report["data"]["syntax_problems"]
    assert "legacy-carrier-address" not in ids(report)


@pytest.mark.parametrize("address, problem", [
    ("taro.example.jp", "no-at"),
    ("taro@@example.jp", "many-at"),
    ("taro@example.jp,hanako@example.jp", "many-at"),
    ("taro yamada@example.jp", "space"),
    ("@example.jp", "empty-local"),
    ("taro@", "empty-domain"),
    ("taro@localhost", "domain-no-dot"),
    ("taro@192.168.1.1", "numeric-tld"),
    ("taro@-example.jp", "hyphen-label"),
    ("taro@example.jp.", "domain-dots"),
    ("taro@example..jp", "domain-dots"),
    ("taro,yamada@example.jp", "bad-local-chars"),
    ("taro@exa_mple.jp", "bad-domain-chars"),
    ("a" * 65 + "@example.jp", "local-too-long"),
    ("taro@" + "a" * 64 + ".jp", "label-too-long"),
    ("taro@" + ".".join(["a" * 60] * 5) + ".jp", "domain-too-long"),
])
def test_syntax_problems(address, problem):
    report = offline(address)
    assert the(report, "invalid-syntax")["severity"] == "error"
    assert problem in report["data"]["syntax_problems"]


def test_longest_legal_local_part_is_fine():
    assert ids(offline("a" * 64 + "@example.jp")) == ["address-ok"]


def test_address_literal():
    report = offline("taro@[192.0.2.1]")
    assert ids(report) == ["address-literal", "address-ok"]


# ------------------------------------------------------------------------------------------------
# Mistyped domains
# ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("domain, meant", [
    ("gmial.com", "gmail.com"), ("gmai.com", "gmail.com"), ("gmail.co", "gmail.com"),
    ("gmail.con", "gmail.com"), ("yahoo.co.jo", "yahoo.co.jp"), ("yahoo.co.j", "yahoo.co.jp"),
    ("docomo.ne.jo", "docomo.ne.jp"), ("docomo.co.jp", "docomo.ne.jp"), ("ezweb.ne.jo", "ezweb.ne.jp"),
    ("softbank.ne.jo", "softbank.ne.jp"), ("i.softbank.jo", "i.softbank.jp"), ("icloud.co", "icloud.com"),
    ("hotmial.com", "hotmail.com"),
])
def test_known_typos_are_errors(domain, meant):
    report = offline("taro@" + domain)
    finding = the(report, "domain-typo")
    assert finding["severity"] == "error"
    assert report["data"]["domain_suggestion"] == meant
    assert report["data"]["address_suggestion"] == "taro@" + meant


@pytest.mark.parametrize("domain, meant", [
    ("gmaik.com", "gmail.com"), ("yahooo.co.jp", "yahoo.co.jp"), ("docomo.ne.pj", "docomo.ne.jp"),
    ("ezwbe.ne.jp", "ezweb.ne.jp"), ("biglobe.ne.jpp", "biglobe.ne.jp"), ("outlok.jp", "outlook.jp"),
    ("softbnk.ne.jp", "softbank.ne.jp"),
])
def test_unlisted_typos_are_caught_by_similarity(domain, meant):
    assert domain not in ca.KNOWN_TYPOS
    report = offline("taro@" + domain)
    assert the(report, "domain-typo")["severity"] == "warning"
    assert report["data"]["domain_suggestion"] == meant


@pytest.mark.parametrize("domain", [
    "gmail.com", "yahoo.co.jp", "docomo.ne.jp", "ezweb.ne.jp", "au.com", "softbank.ne.jp",
    "i.softbank.jp", "icloud.com", "me.com", "outlook.jp", "outlook.com", "hotmail.co.jp", "hotmail.com",
    "ymail.ne.jp", "biglobe.ne.jp", "nifty.com", "ocn.ne.jp", "odn.ne.jp", "mail.com", "email.com",
    "yahoo.co.uk", "yahoo.co.in", "outlook.fr", "hotmail.co.uk", "example.jp", "example.co.jp",
    "nttdocomo.co.jp", "softbank.co.jp", "au.jp",
])
def test_real_domains_are_never_flagged(domain):
    report = offline("taro@" + domain)
    assert "domain-typo" not in ids(report)
    assert ids(report) == ["address-ok"]


def test_edit_distance():
    assert ca.edit_distance("gmial.com", "gmail.com") == 1      # transposition counts once
    assert ca.edit_distance("gmai.com", "gmail.com") == 1
    assert ca.edit_distance("kitten", "sitting", 3) == 3
    assert ca.edit_distance("outlook.jp", "outlook.com") == 3    # limit 2 -> "more than 2"
    assert ca.edit_distance("a" * 200, "b" * 200) == 3


# ------------------------------------------------------------------------------------------------
# Bad input and the report shape
# ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["", "   ", "\u3000\u3000", "a" * 1001, "taro\x01@example.jp"])
def test_unusable_input_is_not_recognized(text):
    report = offline(text)
    assert report["recognized"] is False and report["findings"] == [] and report["summary"]


def test_report_shape():
    report = offline("taro@example.jp", "en")
    assert set(report) == {"tool", "recognized", "locale", "summary", "data", "findings"}
    assert report["tool"] == "address" and report["locale"] == "en" and report["recognized"] is True
    for finding in report["findings"]:
        assert finding["severity"] in ("error", "warning", "info", "ok")
        assert finding["title"] and finding["detail"] and isinstance(finding["next_steps"], list)


def test_every_page_is_in_the_site():
    nav = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for page in set(ca.PAGES.values()):
        assert page.rstrip("/") + ".md" in nav, page


def test_every_text_exists_in_both_languages():
    for key, entry in ca.TEXTS.items():
        assert set(entry) == {"ja", "en"}, key
        assert set(entry["ja"]) == set(entry["en"]), key


def test_no_dns_sends_nothing(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("a socket was opened")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(ca, "system_dns_server", refuse)
    assert ids(ca.check("taro@example.jp", dns=False)) == ["address-ok"]


_TYPED = st.text(alphabet=st.sampled_from(list("taro@.-_'\"<> ＠ｔａｒｏ．。ー－\u3000\u200b山田:,;mailto")), max_size=60)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=200), _TYPED))
def test_check_never_raises(text):
    report = ca.check(text, dns=False)
    assert report["tool"] == "address"
    assert "internal-error" not in ids(report)
    json.dumps(report, ensure_ascii=False)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.text(min_size=1000, max_size=1000))
def test_1000_characters_are_quick(text):
    with finishes_within(1.0, text[:40]):
        report = ca.check(text, dns=False)
    assert "internal-error" not in ids(report)


@pytest.mark.parametrize("text", [
    "a" * 1000, "＠" * 1000, "a@" + "b." * 499, ("taro@" + "gmail.co" * 125)[:1000], "." * 500 + "@" + "-" * 499,
    "\u3000" * 999 + "a", "'" * 1000, "<" * 500 + ">" * 500,
])
def test_worst_cases_are_quick(text):
    assert len(text) == 1000
    with finishes_within(1.0, text[:40]):
        report = ca.check(text, dns=False)
    assert "internal-error" not in ids(report)


# ------------------------------------------------------------------------------------------------
# The DNS message decoder and the Windows resolver discovery
# ------------------------------------------------------------------------------------------------
@settings(max_examples=500, deadline=None)
@given(st.binary(max_size=600))
def test_decoder_raises_only_dns_error(data):
    try:
        ca.parse_response(data)
    except ca.DNSError:
        pass


def test_compression_pointer_loop_is_refused():
    message = bytes(12) + b"\xc0\x0c"
    with pytest.raises(ca.DNSError):
        ca.read_name(message, 12)


def test_ipconfig_all_lists_real_servers_not_placeholders():
    text = ca.decode_bytes((FIXTURES / "jc-windows-10-ipconfig-all.out").read_bytes())
    assert ca._dns_servers_from_ipconfig(text) == ["10.50.13.1"]
    text = ca.decode_bytes((FIXTURES / "jc-windows-11-ipconfig-all.out").read_bytes())
    assert ca._dns_servers_from_ipconfig(text)[0] == "192.168.1.1"


def test_ipconfig_all_japanese_labels_handmade():
    text = ca.decode_bytes((FIXTURES / "handmade-ipconfig-all-ja-fragment.txt").read_bytes())
    assert ca._dns_servers_from_ipconfig(text) == ["192.168.1.1", "2001:db8::53"]


# ------------------------------------------------------------------------------------------------
# The command line
# ------------------------------------------------------------------------------------------------
def test_cli_ok_address_exits_0():
    proc = run("taro@example.jp", "--no-dns")
    assert proc.returncode == 0, proc.stderr
    assert "taro@example.jp" in proc.stdout.decode("utf-8")


def test_cli_full_width_exits_1_and_json_parses():
    proc = run("taro＠example.jp\u3000", "--no-dns", "--json")
    assert proc.returncode == 1
    report = json.loads(proc.stdout.decode("utf-8"))
    assert report["data"]["suggestion"] == "taro@example.jp"
    assert "full-width-characters" in ids(report)
    assert proc.stderr == b""


def test_cli_english():
    proc = run("taro@gmial.com", "--no-dns", "--lang", "en")
    assert proc.returncode == 1
    out = proc.stdout.decode("utf-8")
    assert "The domain is mistyped" in out and "taro@gmail.com" in out
    assert not any("\u3040" <= c <= "\u30ff" for c in out.replace("指定受信", ""))


def test_cli_warning_only_exits_0():
    assert run("taro..yamada@docomo.ne.jp", "--no-dns").returncode == 0


@pytest.mark.parametrize("args", [[""], ["   "], ["a" * 5000], ["taro\x01@example.jp"],
                                  ["taro@example.jp", "--dns-server", "dns.example"],
                                  ["taro@example.jp", "--timeout", "0"]])
def test_cli_bad_input_is_one_line_exit_2(args):
    proc = run(*args, "--no-dns")
    assert proc.returncode == 2
    err = proc.stderr.decode("utf-8")
    assert "Traceback" not in err and proc.stdout == b""
    if args[0].strip() and len(args) == 1:
        assert err.count("\n") == 1


@pytest.mark.parametrize("args", [[""], ["a" * 5000]])
def test_cli_empty_and_enormous_are_exactly_one_line(args):
    proc = run(*args)
    assert proc.returncode == 2
    assert proc.stderr.decode("utf-8").count("\n") == 1 and "Traceback" not in proc.stderr.decode("utf-8")


def test_cli_help_shows_the_default_timeout():
    proc = run("--help", "--lang", "en")
    assert proc.returncode == 0
    assert "(default: 3.0)" in proc.stdout.decode("utf-8")


def test_cli_help_in_japanese_with_lang_ja_or_a_japanese_locale():
    for args, env in ((["--help", "--lang", "ja"], {"LANG": "C"}), (["--help"], {"LANG": "ja_JP.UTF-8"})):
        proc = subprocess.run([PYTHON, str(SCRIPT), *args], capture_output=True, timeout=30, stdin=subprocess.DEVNULL,
                              env=dict(os.environ, PYTHONIOENCODING="utf-8", LC_ALL="", LC_MESSAGES="", **env))
        out = proc.stdout.decode("utf-8")
        assert proc.returncode == 0, proc.stderr
        assert out.startswith("使い方: check_address.py") and "オプション:" in out and "この説明を表示して終わります" in out
        assert "(既定: 3.0)" in out and "130 = Ctrl+C" in out and "usage:" not in out and "show this help" not in out
        assert "-q, --quiet" in out


@pytest.mark.parametrize("args,expected", [
    ([], "次の引数が必要です: ADDRESS"),
    (["taro@example.jp", "--bogus"], "知らない引数です: --bogus"),
    (["taro@example.jp", "--timeout", "x"], "数ではありません: x"),
    (["taro@example.jp", "--dns-port", "70000"], "1〜65535 のポート番号"),
])
def test_cli_usage_errors_are_one_line(args, expected):
    """L15: a usage error is one line on stderr (no usage block), in the language asked for."""
    proc = run(*args, "--lang", "ja")
    err = proc.stderr.decode("utf-8")
    assert proc.returncode == 2 and proc.stdout == b""
    assert err.count("\n") == 1 and err.startswith("check_address.py: ") and expected in err, err


@pytest.mark.parametrize("extra", [[], ["--json"]])
def test_non_utf8_argument_is_one_line_not_a_traceback(extra):
    """L5: bytes that are not UTF-8 on the command line (surrogateescape) give a one-line reason."""
    proc = subprocess.run([PYTHON.encode(), str(SCRIPT).encode(), b"taro\xff@example.jp", b"--no-dns",
                           *[e.encode() for e in extra]], capture_output=True, timeout=30, stdin=subprocess.DEVNULL,
                          env=dict(os.environ, PYTHONIOENCODING="utf-8", LC_ALL="C.UTF-8"))
    err = proc.stderr.decode("utf-8", "replace")
    assert proc.returncode == 2 and "Traceback" not in err and err.count("\n") == 1, err
    assert "5 文字目" in err and proc.stdout == b""
    report = ca.check("taro\udcff@example.jp", dns=False)
    assert report["recognized"] is False and "internal-error" not in ids(report)


def test_legacy_docomo_summary_does_not_call_it_well_formed():
    report = offline("taro..yamada@docomo.ne.jp")
    assert ids(report)[0] == "legacy-carrier-address"
    assert "正しい" not in report["summary"] and "RFC の決まりには合いません" in report["summary"]
    assert "well-formed" not in offline("taro..yamada@docomo.ne.jp", "en")["summary"]


def test_keyboard_interrupt_is_one_line_exit_130(monkeypatch, capsys):
    def interrupt(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(ca, "check", interrupt)
    assert ca.main(["taro@example.jp", "--no-dns", "--lang", "en"]) == 130
    assert capsys.readouterr().err == "check_address.py: interrupted.\n"


# ------------------------------------------------------------------------------------------------
# DNS against dnsmasq on 127.0.0.1
# ------------------------------------------------------------------------------------------------
needs_dnsmasq = pytest.mark.skipif(not os.access(DNSMASQ, os.X_OK),
                                   reason="/usr/sbin/dnsmasq is missing (Debian package dnsmasq-base)")


def _free_port():
    """A port free for both UDP and TCP on 127.0.0.1."""
    for _ in range(50):
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
            udp.bind(("127.0.0.1", 0))
            port = udp.getsockname()[1]
            try:
                with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as tcp:
                    tcp.bind(("127.0.0.1", port))
            except OSError:
                continue
        return port
    raise RuntimeError("no free port")


BIG_MX = ["--mx-host=big.test,mail-exchanger-number-{0}.big.test,{0}".format(n) for n in range(1, 41)]


@pytest.fixture(scope="module")
def dns_port(tmp_path_factory):
    if not os.access(DNSMASQ, os.X_OK):
        pytest.skip("/usr/sbin/dnsmasq is missing (Debian package dnsmasq-base)")
    port = _free_port()
    log = tmp_path_factory.mktemp("dnsmasq") / "dnsmasq.log"
    args = [
        DNSMASQ, "--no-daemon", "--port={0}".format(port), "--listen-address=127.0.0.1",
        "--bind-interfaces", "--no-resolv", "--no-hosts", "--conf-file=/dev/null", "--pid-file",
        "--local=/test/",                       # answer for .test itself: NXDOMAIN for unknown names
        "--mx-host=example-mail.test,mx2.example-mail.test,20",
        "--mx-host=example-mail.test,mx1.example-mail.test,10",
        "--host-record=aonly.test,127.0.0.5",
        "--txt-record=txtonly.test,no mail here",
        "--dns-rr=nullmx.test,15,000000",       # RFC 7505: preference 0, exchange "." (root)
        "--log-queries",
        *BIG_MX,
    ]
    with open(log, "wb") as handle:
        proc = subprocess.Popen(args, stdout=handle, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                ca.dns_query("example-mail.test", ca.TYPE_MX, "127.0.0.1", port, 0.5)
                break
            except ca.DNSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("dnsmasq did not start: " + log.read_text(errors="replace"))
                time.sleep(0.1)
        yield port
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def dns_check(address, port, lang="ja", timeout=3.0):
    return ca.check(address, lang, dns=True, dns_server="127.0.0.1", dns_port=port, timeout=timeout)


@needs_dnsmasq
def test_mx_found_sorted_by_preference(dns_port):
    report = dns_check("taro@example-mail.test", dns_port)
    assert report["data"]["dns"]["status"] == "mx"
    assert report["data"]["dns"]["mx"] == [{"preference": 10, "host": "mx1.example-mail.test"},
                                          {"preference": 20, "host": "mx2.example-mail.test"}]
    assert ids(report) == ["address-ok"]
    assert "mx1.example-mail.test (10)" in the(report, "address-ok")["detail"]


@needs_dnsmasq
def test_no_mx_but_an_address_is_the_implicit_mx(dns_port):
    report = dns_check("taro@aonly.test", dns_port)
    assert report["data"]["dns"]["status"] == "implicit"
    assert report["data"]["dns"]["addresses"] == ["127.0.0.5"]
    assert the(report, "implicit-mx")["severity"] == "info" and not has_error(report)


@needs_dnsmasq
def test_nxdomain_is_no_mail_server(dns_port):
    report = dns_check("taro@no-such-domain.test", dns_port)
    finding = the(report, "no-mail-server")
    assert finding["severity"] == "error" and "NXDOMAIN" in finding["detail"]
    assert report["data"]["dns"]["rcode"] == "NXDOMAIN"


@needs_dnsmasq
def test_neither_mx_nor_address(dns_port):
    report = dns_check("taro@txtonly.test", dns_port)
    assert report["data"]["dns"]["status"] == "no-records"
    assert the(report, "no-mail-server")["severity"] == "error"


@needs_dnsmasq
def test_null_mx(dns_port):
    report = dns_check("taro@nullmx.test", dns_port, "en")
    assert report["data"]["dns"]["status"] == "null-mx"
    assert report["data"]["dns"]["mx"] == [{"preference": 0, "host": "."}]
    assert "RFC 7505" in the(report, "no-mail-server")["detail"]


@needs_dnsmasq
def test_truncated_answer_is_asked_again_over_tcp(dns_port, monkeypatch):
    calls = []
    real = ca._query_tcp

    def spy(*args):
        calls.append(args)
        return real(*args)

    monkeypatch.setattr(ca, "_query_tcp", spy)
    report = dns_check("taro@big.test", dns_port)
    assert len(calls) == 1
    assert [m["preference"] for m in report["data"]["dns"]["mx"]] == list(range(1, 41))


@needs_dnsmasq
def test_refused_answer_is_a_dns_error_not_no_mail_server(dns_port):
    report = dns_check("taro@example.org", dns_port)    # outside --local: dnsmasq answers REFUSED
    assert report["data"]["dns"]["rcode"] == "REFUSED"
    assert the(report, "dns-error")["severity"] == "warning"
    assert "no-mail-server" not in ids(report) and not has_error(report)


@needs_dnsmasq
def test_cli_against_dnsmasq(dns_port):
    port = str(dns_port)
    ok = run("taro@example-mail.test", "--dns-server", "127.0.0.1", "--dns-port", port, "--json")
    assert ok.returncode == 0
    assert json.loads(ok.stdout.decode("utf-8"))["data"]["dns"]["mx"][0]["host"] == "mx1.example-mail.test"
    bad = run("taro@no-such-domain.test", "--dns-server", "127.0.0.1", "--dns-port", port)
    assert bad.returncode == 1
    assert "no-such-domain.test は存在しません" in bad.stdout.decode("utf-8")


def test_silent_server_times_out_within_the_timeout():
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as silent:
        silent.bind(("127.0.0.1", 0))
        port = silent.getsockname()[1]
        start = time.monotonic()
        report = ca.check("taro@example-mail.test", dns=True, dns_server="127.0.0.1", dns_port=port, timeout=1.0)
        elapsed = time.monotonic() - start
        received = 0
        silent.setblocking(False)
        try:
            while silent.recv(512):
                received += 1
        except BlockingIOError:
            pass
    assert 0.9 <= elapsed < 2.0
    assert report["data"]["dns"]["error_kind"] == "timeout"
    assert the(report, "dns-error")["severity"] == "warning" and not has_error(report)
    assert received == 2        # the question, and once more half way


def test_cli_timeout_exits_0_with_a_warning():
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as silent:
        silent.bind(("127.0.0.1", 0))
        port = str(silent.getsockname()[1])
        start = time.monotonic()
        proc = run("taro@example-mail.test", "--dns-server", "127.0.0.1", "--dns-port", port,
                   "--timeout", "0.5", "--lang", "en")
        assert time.monotonic() - start < 10
    assert proc.returncode == 0
    assert "did not answer within 0.5 seconds" in proc.stdout.decode("utf-8")


def test_nothing_listening_is_refused_quickly():
    port = _free_port()
    start = time.monotonic()
    report = ca.check("taro@example-mail.test", dns=True, dns_server="127.0.0.1", dns_port=port, timeout=3.0)
    assert report["data"]["dns"]["error_kind"] in ("refused", "timeout")
    assert "dns-error" in ids(report)
    if report["data"]["dns"]["error_kind"] == "refused":
        assert time.monotonic() - start < 1.0


# ------------------------------------------------------------------------------------------------
# The page
# ------------------------------------------------------------------------------------------------
def test_trailing_space_step_only_when_there_is_a_space():
    with_space = the(offline("taro＠example.jp\u3000"), "full-width-characters")["next_steps"]
    without = the(offline("taro＠example.jp"), "full-width-characters")["next_steps"]
    assert any("全角スペース" in step for step in with_space)
    assert not any("全角スペース" in step for step in without) and len(without) == len(with_space) - 1


def test_page_example_is_the_real_output():
    page = (ROOT / "docs" / "tools" / "check-address.md").read_text(encoding="utf-8")
    block = page.split('```text hl_lines="1 4 6 7"\n', 1)[1].split("\n```", 1)[0]
    proc = run("ｔａｒｏ＠example.jp\u3000", "--no-dns")
    assert proc.returncode == 1
    assert proc.stdout.decode("utf-8").rstrip("\n") == block
    assert '{{ download("check_address.py") }}' in page and 'source("check_address.py")' in page
    assert "../mail/sender-rejected.md" in page and "../mail/wrong-address.md" in page


# ------------------------------------------------------------------------------------------------
# A hostile or broken DNS server on 127.0.0.1 (a few lines of UDP, answering what each test says)
# ------------------------------------------------------------------------------------------------
import struct  # noqa: E402
import threading  # noqa: E402


class FakeDNS:
    """Answers every UDP question on 127.0.0.1 with answer(query) -> bytes (or None: silence).
    Nothing listens on TCP at the same port, so a TCP retry is refused."""

    def __init__(self, answer):
        self.answer = answer
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(("127.0.0.1", _free_port()))
        self.port = self.sock.getsockname()[1]
        self.sock.settimeout(0.2)
        self.stop = False
        self.thread = threading.Thread(target=self._serve, daemon=True)

    def _serve(self):
        while not self.stop:
            try:
                query, peer = self.sock.recvfrom(4096)
            except socket.timeout:
                continue
            except OSError:
                return
            reply = self.answer(query)
            if reply is not None:
                self.sock.sendto(reply, peer)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stop = True
        self.thread.join(2)
        self.sock.close()


def _labels(name):
    return b"".join(bytes((len(p),)) + p for p in name.split(b".") if p) + b"\x00"


def _question(query):
    """(id, question section bytes) of a query."""
    end = 12
    while query[end]:
        end += query[end] + 1
    return struct.unpack("!H", query[:2])[0], query[12:end + 5]


def _response(qid, question, records, flags=0x8180, qdcount=1):
    head = struct.pack("!HHHHHH", qid, flags, qdcount, len(records), 0, 0)
    return head + question + b"".join(records)


def _mx(pref, exchange, owner=b"\xc0\x0c", rdlength=None):
    rdata = struct.pack("!H", pref) + exchange
    return owner + struct.pack("!HHIH", 15, 1, 300, len(rdata) if rdlength is None else rdlength) + rdata


def _ask(server, address="taro@example.com", lang="en", timeout=1.0):
    return ca.check(address, lang, dns=True, dns_server="127.0.0.1", dns_port=server.port, timeout=timeout)


def test_escape_sequences_in_an_mx_name_do_not_reach_the_terminal():
    """M1: a DNS label may carry any byte. The report keeps it exactly (JSON), the text printed for
    a person shows it as \\x1b etc., so a domain owner cannot rewrite the reader's terminal."""
    evil = b"\x1b]0;PWNED-title\x07\x1b[2K\r\x1b[32mOK mx\xc2\x9b\xe2\x80\xae"

    def answer(query):
        qid, question = _question(query)
        return _response(qid, question, [_mx(10, bytes((len(evil),)) + evil + b"\xc0\x0c")])

    with FakeDNS(answer) as server:
        report = _ask(server)
        proc = run("taro@example.com", "--dns-server", "127.0.0.1", "--dns-port", str(server.port), "--lang", "en")
        as_json = run("taro@example.com", "--dns-server", "127.0.0.1", "--dns-port", str(server.port), "--json")
    host = report["data"]["dns"]["mx"][0]["host"]
    assert host.startswith("\x1b]0;PWNED-title\x07")
    out = proc.stdout.decode("utf-8")
    assert proc.returncode == 0 and "\x1b" not in out and "\x07" not in out and "\r" not in out
    assert "\\x1b]0;PWNED-title\\x07\\x1b[2K\\x0d\\x1b[32mOK mx" in out
    assert "\x9b" not in out and "\u202e" not in out      # C1 CSI and RIGHT-TO-LEFT OVERRIDE
    assert json.loads(as_json.stdout.decode("utf-8"))["data"]["dns"]["mx"][0]["host"] == host   # exact in JSON


def test_a_name_longer_than_255_octets_is_refused():
    """L4: 5 labels of 63 octets (320 octets) broke the 255-octet rule; compression let one 64 KB
    answer repeat such a name thousands of times."""
    long_name = b"".join(bytes((63,)) + bytes([97 + n]) * 63 for n in range(5)) + b"\x00"

    def answer(query):
        qid, question = _question(query)
        first = _mx(10, long_name)
        pointer = struct.pack("!H", 0xC000 | (12 + len(question) + 12 + 2))
        return _response(qid, question, [first] + [_mx(n, pointer) for n in range(1, 3000)])[:65000]

    with FakeDNS(answer) as server:
        report = _ask(server)
    dns = report["data"]["dns"]
    assert dns["status"] == "error" and dns["error_kind"] == "timeout"   # unreadable answers are ignored
    assert len(json.dumps(report)) < 5000


def test_many_records_are_capped():
    def answer(query):
        qid, question = _question(query)
        return _response(qid, question, [_mx(n, b"\x02mx" + struct.pack("!H", 0xC00C)) for n in range(1000)])

    with FakeDNS(answer) as server:
        report = _ask(server)
    assert report["data"]["dns"]["status"] == "mx"
    assert len(report["data"]["dns"]["mx"]) == ca.MAX_ANSWERS


def test_an_answer_to_another_question_is_not_taken():
    """L4: the question section must repeat ours; an answer for other.example is ignored."""
    def answer(query):
        qid, _ = _question(query)
        other = _labels(b"other.example") + struct.pack("!HH", 15, 1)
        return _response(qid, other, [_mx(10, _labels(b"mx.attacker.example"))])

    with FakeDNS(answer) as server:
        report = _ask(server, timeout=0.6)
    assert report["data"]["dns"]["error_kind"] == "timeout" and report["data"]["dns"]["mx"] == []
    assert "attacker" not in json.dumps(report)


def test_an_mx_name_running_past_its_record_is_refused():
    def answer(query):
        qid, question = _question(query)
        # rdlength says 4 (preference + 2 octets), but the name goes on for 16 octets.
        return _response(qid, question, [_mx(10, _labels(b"mx.example.com"), rdlength=4)])

    with FakeDNS(answer) as server:
        report = _ask(server, timeout=0.6)
    assert report["data"]["dns"]["status"] == "error" and report["data"]["dns"]["mx"] == []


def test_truncated_answer_without_tcp_says_so():
    """L4: TC set and nothing on TCP: reported as a cut-short answer, not as 'refused'."""
    def answer(query):
        qid, question = _question(query)
        return _response(qid, question, [], flags=0x8380)     # QR, TC, RD, RA

    with FakeDNS(answer) as server:
        report = _ask(server)
        ja = _ask(server, lang="ja")
    assert report["data"]["dns"]["error_kind"] == "truncated"
    assert "truncated (TC)" in the(report, "dns-error")["detail"]
    assert "途中で切れていました" in the(ja, "dns-error")["detail"]
