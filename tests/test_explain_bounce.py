"""snippets/explain_bounce.py: the readings tests/fixtures/bounce/SOURCES.md (and the shared
samples' SOURCES.md) call correct, the same mails as people paste them (only the visible text,
quoted, CRLF), the reason table on the replies FACTS.md lists, the command line, and properties
(never raises, linear time) over arbitrary and mutated real inputs."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "snippets" / "explain_bounce.py"
FIX = ROOT / "tests" / "fixtures" / "bounce"
SHARED = ROOT.parent / "shared" / "samples" / "ja" / "mail_bounce"


def _load(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


m = _load("explain_bounce", SCRIPT)


def fixture(name):
    return m.decode_bytes((FIX / name).read_bytes())


def project(report):
    return [(f["id"], f["severity"], f.get("subject")) for f in report["findings"]]


def recipient(report, address):
    (r,) = [r for r in report["data"]["recipients"] if r["address"] == address]
    return r


# ---------------------------------------------------------------------------------------------
# Readings of the real mails (SOURCES.md)
# ---------------------------------------------------------------------------------------------


def test_fixtures_are_the_shared_samples_byte_for_byte():
    for name in ("lhost-biglobe-01", "lhost-ezweb-01", "rhost-nttdocomo-01"):
        shared = SHARED / f"ja-isp-sisimai-{name}.eml.txt"
        if shared.is_file():
            assert (FIX / f"ja-isp-sisimai-{name}.txt").read_bytes() == shared.read_bytes()


def test_biglobe_mailbox_full_without_any_status_code():
    r = m.explain(fixture("ja-isp-sisimai-lhost-biglobe-01.txt"))
    assert project(r) == [("mailbox-full", "error", "postmaster@mxr.biglobe.ne.jp")]
    rec = recipient(r, "postmaster@mxr.biglobe.ne.jp")
    assert rec["status"] is None and "exceeded the local limit" in rec["diagnostic"]
    assert not rec["diagnostic"].startswith("-")
    assert r["data"]["original"]["subject"] == "Cats"
    assert r["summary"] == "相手のメールボックスがいっぱいで届きませんでした。時間をおいて送り直してください。"
    assert r["findings"][0]["page"] == "mail/bounce/"


def test_ezweb_domain_filter_not_a_missing_address():
    text = fixture("ja-isp-sisimai-lhost-ezweb-01.txt")
    assert "MIME-Virsion" in text  # the real header typo is still there
    r = m.explain(text)
    assert project(r) == [("domain-filter", "error", "this-message-rejected-by-the-domain-filter@ezweb.ne.jp")]
    f = r["findings"][0]
    assert f["page"] == "mail/spam-settings/"
    assert "指定受信" in f["title"] and "存在しないわけではありません" in f["detail"]
    assert r["data"]["original"]["subject"] == "TEST"
    assert r["data"]["format"] == "ezweb"


def test_docomo_unknown_user_after_data_names_both_possibilities():
    r = m.explain(fixture("ja-isp-sisimai-rhost-nttdocomo-01.txt"))
    assert project(r) == [("domain-filter", "error", "azumakuniyuki@ntt.docomo.example.ne.jp")]
    rec = recipient(r, "azumakuniyuki@ntt.docomo.example.ne.jp")
    assert rec["status"] == "5.2.0" and rec["reply_code"] == "550"
    assert rec["remote_mta"] == "mfsmax.docomo.ne.jp" and rec["stage"] == "DATA"
    detail = r["findings"][0]["detail"]
    assert "DATA" in detail and "指定受信" in detail and "打ち間違い" in detail
    assert "可能性が高い" in r["summary"]
    assert r["data"]["reporting_mta"] == "nijo.example.jp"
    assert r["data"]["original"]["subject"] == "TEST FROM NIJO(1)"
    # Evidence lines are the delivery-status fields of the real mail.
    lines = fixture("ja-isp-sisimai-rhost-nttdocomo-01.txt").splitlines()
    assert any(lines[n - 1].startswith("Final-Recipient:") for n in r["findings"][0]["lines"])
    assert any(lines[n - 1].startswith("Status: 5.2.0") for n in r["findings"][0]["lines"])


def test_same_unknown_user_at_rcpt_to_a_normal_domain_is_user_unknown():
    # The docomo reading depends on the carrier and the DATA stage: the same words from an
    # ordinary domain at RCPT TO are a missing address (qmail sample).
    r = m.explain(fixture("sisimai-email-qmail-01-user-unknown.txt"))
    assert project(r) == [("user-unknown", "error", "kijitora@example.ne.jp")]
    rec = recipient(r, "kijitora@example.ne.jp")
    assert rec["stage"] == "RCPT" and rec["reply_code"] == "550"
    assert r["data"]["reporting_mta"] == "mx4.example.jp" and r["data"]["format"] == "qmail"
    assert r["findings"][0]["page"] == "mail/wrong-address/"


def test_exim_two_recipients_in_order():
    r = m.explain(fixture("sisimai-email-exim-02-user-unknown.txt"))
    # 5.2.1 ("mailbox disabled") with the words "User Unknown" in reply to RCPT TO: a missing or
    # disabled address (as Sisimai: the RCPT stage decides), the detail names the disabled case.
    assert project(r) == [("user-unknown", "error", "kijitora@example.jp"), ("user-unknown", "error", "sabatora@example.jp")]
    assert recipient(r, "sabatora@example.jp")["status"] == "5.2.1"
    assert recipient(r, "sabatora@example.jp")["stage"] == "RCPT"
    assert "停止中" in r["findings"][1]["detail"]  # 5.2.1: mailbox disabled
    assert r["summary"].startswith("宛先 2 件に届きませんでした。")


def test_exim_refused_at_mail_from_is_the_sending_host():
    r = m.explain(fixture("sisimai-email-exim-04-blocked.txt"))
    assert project(r) == [("blocked", "error", "kijitora@example.ed.jp")]
    assert recipient(r, "kijitora@example.ed.jp")["stage"] == "MAIL"
    assert r["findings"][0]["page"] == "mail/smtp-auth/"  # use your provider's server, with SMTP AUTH


def test_gmail_quoted_printable_user_unknown():
    r = m.explain(fixture("sisimai-email-google-02-user-unknown.txt"))
    assert project(r) == [("user-unknown", "error", "aougoueioaldljgoiuiorghladkgke@example.fr")]
    assert recipient(r, "aougoueioaldljgoiuiorghladkgke@example.fr")["status"] == "5.1.1"


def test_postfix_dsn_two_recipients_with_their_own_status():
    r = m.explain(fixture("sisimai-email-postfix-02-two-recipients.txt"))
    assert [x["status"] for x in r["data"]["recipients"]] == ["5.2.1", "5.1.1"]
    assert all(x["remote_mta"] == "mx.example.co.jp" for x in r["data"]["recipients"])
    assert r["data"]["reporting_mta"] == "smtp.example.com"


def test_dmarc_5_7_26_and_dmarc_text_behind_a_plain_5_7_1():
    a = m.explain(fixture("sisimai-lhost-postfix-70-dmarc.txt"))
    b = m.explain(fixture("sisimai-lhost-postfix-72-dmarc-mailru.txt"))
    assert project(a) == [("policy-auth-failure", "error", "kijitora@google.example.com")]
    assert project(b) == [("policy-auth-failure", "error", "kijitora@mail.example.ru")]
    assert recipient(b, "kijitora@mail.example.ru")["status"] == "5.7.1"
    assert recipient(a, "kijitora@google.example.com")["stage"] == "DATA"
    assert a["findings"][0]["page"] == "mail/spam-settings/"


def test_crlf_hotmail_mailbox_full():
    raw = (FIX / "sisimai-rhost-outlook-01-mailbox-full.txt").read_bytes()
    assert b"\r\n" in raw
    r = m.explain(m.decode_bytes(raw))
    assert project(r) == [("mailbox-full", "error", "kijitora@example.jp")]
    assert r["data"]["reporting_mta"] == "BLU004-OMC3S13.hotmail.com"


# ---------------------------------------------------------------------------------------------
# The same real mails as people paste them
# ---------------------------------------------------------------------------------------------

REAL = sorted(p.name for p in FIX.glob("*.txt"))


def _expected(name):
    data = json.loads((FIX / name).with_suffix(".json").read_text(encoding="utf-8"))
    return [(f["id"], f["severity"], f.get("subject")) for f in data["findings"]]


@pytest.mark.parametrize("name", REAL)
def test_quoted_and_lf_versions_read_the_same(name):
    text = fixture(name)
    want = _expected(name)
    lf = text.replace("\r\n", "\n")
    assert project(m.explain(lf)) == want
    quoted = "\n".join("> " + line for line in lf.splitlines())
    assert project(m.explain(quoted)) == want
    crlf = lf.replace("\n", "\r\n")
    assert project(m.explain(crlf)) == want


def test_visible_text_only_postfix_without_headers():
    # What a mail program shows: the notification and the delivery report, no headers.
    lines = fixture("sisimai-lhost-postfix-72-dmarc-mailru.txt").replace("\r\n", "\n").splitlines()
    start = lines.index("This is the mail system at host smtp.example.jp.")
    end = [i for i, l in enumerate(lines) if l.startswith("Content-Description: Undelivered Message")][0]
    visible = "\n".join(l for l in lines[start:end] if not l.startswith(("--", "Content-")))
    r = m.explain(visible)
    assert project(r) == [("policy-auth-failure", "error", "kijitora@mail.example.ru")]
    assert all(1 <= n <= len(visible.splitlines()) for n in r["findings"][0]["lines"])


def test_visible_text_only_sendmail_notification_of_docomo():
    lines = fixture("ja-isp-sisimai-rhost-nttdocomo-01.txt").splitlines()
    start = lines.index("   ----- The following addresses had permanent fatal errors -----")
    visible = "\n".join(lines[start : start + 10])  # the human part only, no delivery-status
    r = m.explain(visible)
    assert project(r) == [("domain-filter", "error", "azumakuniyuki@ntt.docomo.example.ne.jp")]


def test_iso_2022_jp_body_is_decoded_from_the_mime_charset(tmp_path):
    raw = (FIX / "ja-isp-sisimai-lhost-biglobe-01.txt").read_bytes()
    jp = "配信できませんでした。".encode("iso-2022-jp")
    mail = raw.replace(b"   ----- The following addresses had delivery problems -----",
                       jp + b"\n   ----- The following addresses had delivery problems -----")
    r = m.explain(m.decode_bytes(mail))
    assert project(r) == [("mailbox-full", "error", "postmaster@mxr.biglobe.ne.jp")]


# ---------------------------------------------------------------------------------------------
# The reason table on the replies that FACTS.md lists (hand-made lines inside a real frame)
# ---------------------------------------------------------------------------------------------


def _postfix_with(diagnostic, status):
    """The real Postfix DSN of postfix-02 with its first recipient's reply replaced."""
    text = fixture("sisimai-email-postfix-02-two-recipients.txt")
    text = text.replace("550 5.2.1 <filtered@example.co.jp>... User Unknown", diagnostic)
    return text.replace("Status: 5.2.1", "Status: " + status)


HANDMADE_REPLIES = [
    ("501 5.1.3 Bad recipient address syntax", "5.1.3", "bad-address-syntax", "tools/check-address/"),
    ("555 5.5.2 Unsupported option: SMTPUTF8", "5.5.2", "smtputf8-unsupported", "tools/check-address/"),
    ("554 5.7.1 <x@example.jp>: Sender address rejected: must get POP/APOP authorization", "5.7.1", "auth-required", "mail/pop-before-smtp/"),
    ("530 5.7.0 Must issue a STARTTLS command first", "5.7.0", "auth-required", "mail/smtp-auth/"),
    ("550 5.7.30 Basic authentication is not supported for Client Submission", "5.7.30", "auth-required", "mail/smtp-auth/"),
    ("554 5.7.1 <filtered@example.co.jp>: Relay access denied", "5.7.1", "relay-denied", "mail/smtp-auth/"),
    ("550 5.1.2 Host unknown", "5.1.2", "host-unknown", "tools/check-address/"),
    ("552 5.3.4 Message size exceeds fixed limit", "5.3.4", "message-too-large", "mail/bounce/"),
    ("552 5.2.2 Mailbox full", "5.2.2", "mailbox-full", "mail/bounce/"),
    ("550 5.7.1 Message rejected as spam by Content Filtering", "5.7.1", "spam-rejected", "mail/spam-settings/"),
    ("554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org", "5.7.1", "blocked", "mail/spam-settings/"),
    ("553 5.1.8 <x@nonexistent.example>: Sender address rejected: Domain not found", "5.1.8", "sender-rejected", "mail/sender-rejected/"),
    ("550 5.7.25 The IP address sending this message does not have a PTR record setup", "5.7.25", "blocked", "mail/spam-settings/"),
    ("retry timeout exceeded", "5.4.7", "expired", "mail/bounce/"),
]


@pytest.mark.parametrize("diagnostic,status,fid,page", HANDMADE_REPLIES, ids=[h[2] + "-" + h[1] for h in HANDMADE_REPLIES])
def test_handmade_reply_gives_the_reason(diagnostic, status, fid, page):
    r = m.explain(_postfix_with(diagnostic, status))
    f = r["findings"][0]
    assert (f["id"], f["subject"], f["page"]) == (fid, "filtered@example.co.jp", page)
    assert f["severity"] == "error"
    # The other recipient keeps its own reading.
    assert project(r)[1] == ("user-unknown", "error", "userunknown@example.co.jp")
    # The English report has the same findings with English text.
    en = m.explain(_postfix_with(diagnostic, status), "en")
    assert project(en) == project(r) and en["findings"][0]["title"] != f["title"]


def test_temporary_failure_is_a_warning_with_the_reason_kept():
    text = _postfix_with("451 4.7.1 Greylisted, please try again later", "4.7.1").replace("Action: failed", "Action: delayed", 1)
    r = m.explain(text)
    f = r["findings"][0]
    assert (f["id"], f["severity"]) == ("temporary-failure", "warning")
    assert recipient(r, "filtered@example.co.jp")["action"] == "delayed"


def test_exchange_japanese_ndr_visible_text():
    text = (
        "配信不能: 打ち合わせの件\n\n"
        "次の受信者またはグループへの配信に失敗しました:\n\n"
        "tanaka@example.co.jp (tanaka@example.co.jp)\n"
        "入力した電子メール アドレスが見つかりませんでした。\n\n"
        "管理者向けの診断情報:\n\n"
        "生成サーバー: TY2PR01MB0000.jpnprd01.prod.outlook.com\n\n"
        "tanaka@example.co.jp\n"
        "Remote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup'\n"
    )
    r = m.explain(text)
    assert project(r) == [("user-unknown", "error", "tanaka@example.co.jp")]
    assert r["data"]["reporting_mta"] == "TY2PR01MB0000.jpnprd01.prod.outlook.com"
    assert r["data"]["format"] == "exchange"
    assert recipient(r, "tanaka@example.co.jp")["status"] == "5.1.10"


def test_a_pasted_reply_line_alone_is_read():
    r = m.explain("550 5.1.1 <hanoko@example.com>: Recipient address rejected: User unknown in local recipient table")
    assert r["recognized"] and r["findings"][0]["id"] == "user-unknown"


# ---------------------------------------------------------------------------------------------
# detect(): high for bounces, low for everything else; other explainers stay low on bounces
# ---------------------------------------------------------------------------------------------

OTHER = sorted(p for p in (ROOT / "tests" / "fixtures").glob("*/*.txt") if p.parent.name != "bounce")


def test_detect_is_high_for_every_bounce():
    for name in REAL:
        assert m.detect(fixture(name)) >= 0.8, name


@pytest.mark.parametrize("path", OTHER, ids=[f"{p.parent.name}/{p.name}" for p in OTHER])
def test_detect_is_low_for_other_tools(path):
    text = m.decode_bytes(path.read_bytes())
    assert m.detect(text) < 0.2
    assert not m.explain(text)["recognized"]


def test_other_explainers_stay_low_on_bounces():
    for other in sorted((ROOT / "snippets").glob("explain_*.py")):
        if other.name == SCRIPT.name:
            continue
        mod = _load(other.stem + "_for_bounce", other)
        for name in REAL:
            assert mod.detect(fixture(name)) < 0.2, (other.name, name)


# ---------------------------------------------------------------------------------------------
# Never raises, bounded time
# ---------------------------------------------------------------------------------------------


def _check_report(r, text):
    assert r["tool"] == "bounce" and isinstance(r["recognized"], bool)
    n_lines = max(len(text.splitlines()), 1)
    for f in r["findings"]:
        assert f["severity"] in ("error", "warning", "info", "ok")
        assert all(1 <= n <= n_lines for n in f["lines"])
    json.dumps(r, ensure_ascii=False)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=3000))
def test_arbitrary_text_never_raises(text):
    _check_report(m.explain(text), text)
    assert 0.0 <= m.detect(text) <= 1.0


_SAMPLES = [fixture(n) for n in REAL]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, len(_SAMPLES) - 1), st.integers(0, 4000), st.integers(0, 4000),
       st.text(alphabet=st.sampled_from(list("<>@:;\n\r\t -=\"boundary5.1.1Final-Recipient:\x1b$B")), max_size=200))
def test_mutated_real_samples_never_raise(i, a, b, junk):
    s = _SAMPLES[i]
    a, b = sorted((a % (len(s) + 1), b % (len(s) + 1)))
    text = s[:a] + junk + s[b:]
    for lang in ("ja", "en"):
        _check_report(m.explain(text, lang), text)


def test_one_megabyte_inputs_are_quick():
    cases = {
        "no-at": "x" * 1_000_000,
        "at-runs": ("a" * 200 + "@") * 5000,
        "repeated-bounce": (fixture("sisimai-email-postfix-02-two-recipients.txt") * 400)[:1_000_000],
        "header-lines": "Final-Recipient: rfc822; a@b.example\nStatus: 5.1.1\n" * 20000,
        "nested": "Content-Type: multipart/mixed; boundary=\"b\"\nFrom: x\nSubject: Undelivered\n\n"
        + "".join(f"--b{i}\nContent-Type: multipart/mixed; boundary=\"b{i + 1}\"\n\n" for i in range(3000)),
        "deep-quote": "> " * 200000 + "550 5.1.1 user unknown",
    }
    for name, text in cases.items():
        t0 = time.perf_counter()
        r = m.explain(text)
        elapsed = time.perf_counter() - t0
        _check_report(r, text)
        assert elapsed < 10, (name, elapsed)


def test_nested_mime_is_read_without_the_parser():
    text = fixture("sisimai-email-postfix-02-two-recipients.txt") + "".join(
        f"\n--x{i}\nContent-Type: multipart/mixed; boundary=\"x{i + 1}\"\n" for i in range(50))
    r = m.explain(text)
    assert project(r)[:2] == _expected("sisimai-email-postfix-02-two-recipients.txt")


def test_pages_exist():
    for page in set(m.PAGES.values()) | set(m.VARIANT_PAGES.values()) | {m.PAGE_BOUNCE}:
        p = page.rstrip("/")
        assert (ROOT / "docs" / f"{p}.md").is_file() or (ROOT / "docs" / p / "index.md").is_file(), page


def test_every_finding_has_both_languages():
    for fid, langs in m.TEXTS.items():
        assert set(langs) == {"ja", "en"}, fid


# ---------------------------------------------------------------------------------------------
# Command line
# ---------------------------------------------------------------------------------------------


def run(*args, stdin=None):
    return subprocess.run([sys.executable, str(SCRIPT), *args], input=stdin, capture_output=True, timeout=60,
                          env={**os.environ, "PYTHONIOENCODING": "utf-8"})


def test_cli_reads_an_eml_file_and_exits_1():
    p = run(str(FIX / "ja-isp-sisimai-lhost-biglobe-01.txt"))
    assert p.returncode == 1
    out = p.stdout.decode("utf-8")
    assert out.startswith("相手のメールボックスがいっぱいで届きませんでした。")
    assert "postmaster@mxr.biglobe.ne.jp" in out and p.stderr == b""


def test_cli_json_and_english(tmp_path):
    eml = tmp_path / "bounce.eml"
    eml.write_bytes((FIX / "sisimai-lhost-postfix-70-dmarc.txt").read_bytes())
    p = run(str(eml), "--json", "--lang", "en")
    assert p.returncode == 1
    r = json.loads(p.stdout.decode("utf-8"))
    assert r["locale"] == "en" and r["findings"][0]["id"] == "policy-auth-failure"


def test_cli_stdin_cp932_and_utf16(tmp_path):
    text = "配信不能\n\n" + fixture("ja-isp-sisimai-rhost-nttdocomo-01.txt")
    for enc in ("cp932", "utf-16"):
        p = run("-", "--json", stdin=text.encode(enc))
        assert p.returncode == 1, enc
        assert json.loads(p.stdout.decode("utf-8"))["findings"][0]["id"] == "domain-filter"


def test_cli_errors_are_one_line_exit_2(tmp_path):
    p = run(str(tmp_path / "missing.eml"))
    assert p.returncode == 2 and len(p.stderr.decode("utf-8").strip().splitlines()) == 1
    other = tmp_path / "ipconfig.txt"
    other.write_bytes(next(iter(OTHER)).read_bytes())
    p = run(str(other))
    assert p.returncode == 2 and "エラーメール" in p.stderr.decode("utf-8")
    p = run("--bogus")
    assert p.returncode == 2 and b"Traceback" not in p.stderr


def test_cli_bare_on_a_terminal_prints_a_hint(monkeypatch, capsys):
    class Tty:
        def isatty(self):
            return True

    monkeypatch.setattr(sys, "stdin", Tty())
    assert m.main([]) == 2
    err = capsys.readouterr().err
    assert ".eml" in err and len(err.strip().splitlines()) == 1


def test_cli_bare_with_piped_input_reads_it():
    p = run(stdin=(FIX / "sisimai-email-qmail-01-user-unknown.txt").read_bytes())
    assert p.returncode == 1 and "kijitora@example.ne.jp" in p.stdout.decode("utf-8")
