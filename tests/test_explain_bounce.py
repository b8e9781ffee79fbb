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
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timing import assert_grows_linearly, finishes_within

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
        with finishes_within(10, name):
            r = m.explain(text)
        _check_report(r, text)


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


# ---------------------------------------------------------------------------------------------
# Issue 8: SMTP stage first, receiver corrections, new reasons, decoding, other kinds of mail
# ---------------------------------------------------------------------------------------------

_EXIM = (
    "From: Mail Delivery System <Mailer-Daemon@mx.example.jp>\nTo: taro@example.jp\n"
    "Subject: Mail delivery failed: returning message to sender\nAuto-Submitted: auto-replied\n\n"
    "This message was created automatically by mail delivery software.\n\n"
    "A message that you sent could not be delivered to one or more of its\n"
    "recipients. This is a permanent error. The following address(es) failed:\n\n"
    "  hanako@example.com\n    host mx.example.com [192.0.2.25]\n"
    "    SMTP error from remote mail server after {stage}:\n    {reply}\n"
)


@pytest.mark.parametrize("stage,reply,fid,variant_word", [
    # A reply to MAIL FROM is about the sender, whatever its words say about "unknown" or "domain".
    ("MAIL FROM:<taro@example.jp> SIZE=1234", "550 5.1.0 <taro@example.jp>: Sender address rejected: User unknown",
     "sender-rejected", "MAIL FROM"),
    ("MAIL FROM:<taro@example.jp>", "550 5.1.7 No such domain example.jp", "sender-rejected", "MAIL FROM"),
    # The same words in reply to RCPT TO are about the recipient.
    ("RCPT TO:<hanako@example.com>", "550 5.1.1 <hanako@example.com>: User unknown", "user-unknown", None),
    # Refused at the greeting / EHLO: the sending host.
    ("EHLO mx.example.jp", "550 Rejected", "blocked", "HELO/EHLO"),
    ("initial connection", "554 Your access to this mail system has been rejected", "blocked", "HELO/EHLO"),
    # "User unknown" only after the message was sent: the recipient's filter.
    ("end of data", "550 Unknown user hanako@example.com", "domain-filter", "DATA"),
])
def test_the_smtp_stage_decides_whose_problem_it_is(stage, reply, fid, variant_word):
    r = m.explain(_EXIM.format(stage=stage, reply=reply))
    f = r["findings"][0]
    assert (f["id"], f["subject"]) == (fid, "hanako@example.com")
    if variant_word:
        assert variant_word in f["detail"]
    assert recipient(r, "hanako@example.com")["reason"] == fid


def test_summary_never_contradicts_the_detail():
    # content review 6.4: "存在しないアドレスでした" in the summary while the detail says carrier filter.
    for name in REAL:
        r = m.explain(fixture(name))
        f = r["findings"][0]
        if f["id"] == "domain-filter" or "指定受信" in f["detail"]:
            assert "存在しないアドレスでした" not in r["summary"], name
    r = m.explain(fixture("ja-isp-sisimai-rhost-nttdocomo-01.txt"))
    assert "受信設定" in r["summary"] and "受信リスト" in r["findings"][0]["detail"]


@pytest.mark.parametrize("reply,status,fid,word", [
    # Review M3: reverse DNS / PTR is a rejection of the sending host (CONTRACT: blocked).
    ("554 5.7.1 Client host rejected: Reverse DNS lookup failed", "5.7.1", "blocked", "PTR"),
    ("550 5.7.1 Rejected: no reverse DNS for 192.0.2.1", "5.7.1", "blocked", "PTR"),
    ("550-5.7.25 [192.0.2.1] The IP address sending this message does not have a PTR record setup", "5.7.25",
     "blocked", "PTR"),
    # Review M3: Exchange Online's Directory-Based Edge Blocking: the recipient does not exist.
    ("550 5.4.1 Recipient address rejected: Access denied. AS(201806281)", "5.4.1", "user-unknown",
     "ディレクトリ"),
    # Gmail: sender authentication (2024 requirements) and rate limits.
    ("550-5.7.26 This mail has been blocked because the sender is unauthenticated. Gmail requires all senders to "
     "authenticate with either SPF or DKIM.", "5.7.26", "policy-auth-failure", "SPF"),
    ("550 5.7.28 There is an unusual rate of unsolicited mail originating from your IP address", "5.7.28",
     "rate-limited", "短時間"),
    # Outlook.com high-volume sender requirements (May 2025).
    ("550 5.7.515 Access denied, sending domain [example.co.jp] does not meet the required authentication level.",
     "5.7.515", "policy-auth-failure", "5.7.515"),
    ("550 5.1.6 Recipient has moved", "5.1.6", "has-moved", "移った"),
    ("550 5.2.1 This mailbox is disabled", "5.2.1", "suspended", "停止"),
    ("554 5.7.1 Virus found in message", "5.7.1", "virus", "ウイルス"),
    ("550 5.7.1 Messages with multiple addresses in From: header are not accepted", "5.7.1", "not-rfc-compliant",
     "RFC 5322"),
    ("552 5.7.0 This message was blocked because its content presents a potential security issue", "5.7.0",
     "content-rejected", "添付"),
    ("452 4.3.1 Insufficient system storage", "5.3.1", "system-error", "容量"),
    ("554 5.4.6 Hop count exceeded - possible mail loop", "5.4.6", "network-error", "ループ"),
    # Amazon SES (lhost-postfix-77): an unverified identity, not SMTP AUTH.
    ("554 Message rejected: Email address is not verified. The following identities failed the check in region "
     "AP-NORTHEAST-1: nekochan@example.jp", "5.0.0", "relay-denied", "検証"),
    # lhost-postfix-44 / lhost-v5sendmail-07: refusing to relay for us vs. refusing us as an open relay.
    ("501 Rcpt-To validation failed: RCPT TO not accepted: 5.7.1 This system is not configured to relay mail",
     "5.7.1", "relay-denied", "中継"),
    ("501 <x@example.co.jp>... no access from mail server [192.0.2.55] which is an open relay", "5.0.0",
     "blocked", "ブロックリスト"),
    # Orange / La Poste labelled codes (lhost-einsundeins-03): the label's number decides.
    ("550 5.2.0 Mail rejete. Mail rejected. ofr_506 [506]", "5.2.0", "spam-rejected", "迷惑メール"),
    ("550 5.5.0 Boite du destinataire archivee. Archived recipient. LPN007_420", "5.5.0", "suspended", "停止"),
    ("421 mwinf5c79 ME Trop de connexions, veuillez verifier votre configuration. Too many connections, slow "
     "down. OFR005_104 [104]", "5.0.0", "rate-limited", "短時間"),
])
def test_new_reasons_and_the_review_m3_readings(reply, status, fid, word):
    r = m.explain(_postfix_with(reply, status))
    f = r["findings"][0]
    assert (f["id"], f["subject"], f["severity"]) == (fid, "filtered@example.co.jp", "error")
    assert word in f["detail"], f["detail"]
    rec = recipient(r, "filtered@example.co.jp")
    assert rec["side"] in ("sender", "recipient", "server") and rec["resend"] in ("after-fix", "later")


def test_gmail_421_4_7_28_in_a_delay_notice_is_a_temporary_failure_with_the_reason():
    text = _postfix_with("421-4.7.28 Gmail has detected an unusual rate of unsolicited mail", "4.7.28").replace(
        "Action: failed", "Action: delayed", 1)
    f = m.explain(text)["findings"][0]
    assert (f["id"], f["severity"]) == ("temporary-failure", "warning")
    assert m.TEXTS["rate-limited"]["ja"]["title"] in f["detail"]


@pytest.mark.parametrize("phrase,fid", [
    ("送信先のメールボックスが一杯のため、送信できませんでした。", "mailbox-full"),
    ("相手のメールボックスの容量がいっぱいです。", "mailbox-full"),
    ("宛先のドメインが見つかりません。", "host-unknown"),
    ("宛先のドメインが存在しません。", "host-unknown"),
    ("メールサイズが大きすぎるため送信できませんでした。", "message-too-large"),
    ("宛先のアドレスは存在しません。", "user-unknown"),
])
@pytest.mark.parametrize("cte", ["8bit", "7bit", "base64", "quoted-printable"])
def test_japanese_bounce_in_any_encoding_is_read_h1(phrase, fid, cte):
    import base64
    import quopri

    body = f"次の宛先へのメールは配信できませんでした。\n\nhanako@example.ne.jp\n{phrase}\n"
    head = "From: MAILER-DAEMON@mail.example.ne.jp\nTo: taro@example.jp\nSubject: x\nMIME-Version: 1.0\n"
    if cte == "7bit":
        payload, charset = body.encode("iso-2022-jp").decode("latin-1"), "ISO-2022-JP"
    elif cte == "base64":
        payload, charset = base64.encodebytes(body.encode("utf-8")).decode(), "UTF-8"
    elif cte == "quoted-printable":
        payload, charset = quopri.encodestring(body.encode("shift_jis")).decode(), "Shift_JIS"
    else:
        payload, charset = body, "UTF-8"
    text = head + f"Content-Type: text/plain; charset={charset}\nContent-Transfer-Encoding: {cte}\n\n" + payload
    assert m.detect(text) >= 0.7
    r = m.explain(text)
    assert r["recognized"] and [f["id"] for f in r["findings"]] == [fid]


def test_euc_jp_part_is_decoded_from_its_charset():
    body = "以下のアドレスへの送信に失敗しました。\n\nhanako@example.ne.jp\nメールボックスが一杯です。\n"
    text = ("From: postmaster@example.ne.jp\nSubject: Returned mail\nMIME-Version: 1.0\n"
            "Content-Type: text/plain; charset=EUC-JP\nContent-Transfer-Encoding: base64\n\n"
            + __import__("base64").encodebytes(body.encode("euc-jp")).decode())
    assert [f["id"] for f in m.explain(text)["findings"]] == ["mailbox-full"]


def test_auto_reply_and_feedback_report_are_told_apart_from_bounces():
    auto = ("From: Hanako <hanako@example.com>\nTo: taro@example.jp\nSubject: 自動応答: 打ち合わせの件\n"
            "Auto-Submitted: auto-replied\n\n12 月 28 日〜1 月 5 日は休暇のため不在です。\n")
    r = m.explain(auto)
    assert r["recognized"] and [(f["id"], f["severity"]) for f in r["findings"]] == [("auto-reply", "info")]
    assert m.detect(auto) >= 0.7
    arf = ("From: <abuse@example.net>\nTo: <abuse@example.jp>\nSubject: FW: Earn money\nMIME-Version: 1.0\n"
           "Content-Type: multipart/report; report-type=feedback-report;\n boundary=\"part1\"\n\n--part1\n"
           "Content-Type: text/plain\n\nThis is an email abuse report for an email message.\n\n--part1\n"
           "Content-Type: message/feedback-report\n\nFeedback-Type: abuse\nUser-Agent: SomeGenerator/1.0\n"
           "Version: 1\n\n--part1--\n")
    r = m.explain(arf)
    assert [(f["id"], f["severity"]) for f in r["findings"]] == [("feedback-report", "info")]
    # A bounce that carries "Auto-Submitted: auto-replied" (Exim) stays a bounce.
    assert m.explain(fixture("sisimai-email-exim-02-user-unknown.txt"))["findings"][0]["id"] == "user-unknown"


def test_double_spaced_paste_reads_the_same_l8():
    for name in ("sisimai-email-exim-02-user-unknown.txt", "sisimai-email-postfix-02-two-recipients.txt",
                 "sisimai-lhost-opensmtpd-17-two-recipients.txt"):
        text = fixture(name).replace("\r\n", "\n")
        doubled = text.replace("\n", "\r\r\n")
        a, b = m.explain(text), m.explain(doubled)
        assert project(b) == project(a) == _expected(name)
        lines = doubled.splitlines()
        for f in b["findings"]:
            assert f["subject"] in "\n".join(lines[n - 1] for n in f["lines"]) or f["lines"] == []


def test_deep_message_rfc822_nesting_is_no_internal_error_l16():
    head = "From: MAILER-DAEMON@mx.example.jp\nSubject: Undelivered Mail Returned to Sender\n"
    nest = (head + "Content-Type: message/rfc822\n\n") * 1000 + "x\n"
    r = m.explain(nest + fixture("sisimai-email-qmail-01-user-unknown.txt"))
    assert r["recognized"] and r["summary"] != m.TEXTS["internal-error"]["ja"]["title"]


# Readings where we knowingly differ from Sisimai (tests/fixtures/bounce/SOURCES.md, "Where we
# read a mail differently"): the delay notice, the pipelined RCPT reply, and "user unknown"
# without a stage.
@pytest.mark.parametrize("name,want", [
    ("sisimai-lhost-gmail-09-delay-notice.txt", ("temporary-failure", "warning")),
    ("sisimai-lhost-sendmail-48-pipelining.txt", ("user-unknown", "error")),
    ("ja-isp-sisimai-lhost-sendmail-49-au-pipelining.txt", ("user-unknown", "error")),
    ("sisimai-lhost-x2-01-user-unknown-no-stage.txt", ("user-unknown", "error")),
    ("sisimai-lhost-zoho-04-delay-notice.txt", ("temporary-failure", "warning")),
])
def test_pinned_disagreements_with_sisimai(name, want):
    f = m.explain(fixture(name))["findings"][0]
    assert (f["id"], f["severity"]) == want


def test_kddi_bare_user_unknown_is_the_filter_with_the_address_a_missing_user():
    # SOURCES.md rule 2: au names the address at RCPT TO, not after DATA.
    bare = m.explain(fixture("ja-isp-sisimai-lhost-yahoo-06-kddi-bare-user-unknown.txt"))
    named = m.explain(fixture("ja-isp-sisimai-lhost-yahoo-07-kddi-user-unknown.txt"))
    assert bare["findings"][0]["id"] == "domain-filter" and "KDDI" in bare["findings"][0]["detail"]
    assert named["findings"][0]["id"] == "user-unknown"
    assert recipient(named, "otsu-sakaba-hunter-neko-nyaaaaaaan@ezweb.ne.jp")["reply_code"] == "550"
    # The bare form elsewhere (not au) stays a missing address; at au after RCPT TO too.
    other = fixture("ja-isp-sisimai-lhost-yahoo-06-kddi-bare-user-unknown.txt").replace("ezweb.ne.jp", "example.jp")
    assert m.explain(other)["findings"][0]["id"] == "user-unknown"
    rcpt = "Final-Recipient: rfc822; a@ezweb.ne.jp\nAction: failed\nStatus: 5.0.0\n" \
           "Diagnostic-Code: smtp; 550 : User unknown (in reply to RCPT TO command)\n"
    assert m.explain(rcpt)["findings"][0]["id"] == "user-unknown"


@pytest.mark.skipif(not (ROOT.parent / "shared" / "sisimai" / "maildir").is_dir(), reason="shared Sisimai corpus not present")
@pytest.mark.parametrize("name,want", [
    ("lhost-mfilter-04.eml", {"kijitora@libisismai.org": "user-unknown"}),  # DBEB, Sisimai: rejected
    ("lhost-sendmail-21.eml", {"kijitora@cat.example.ne.jp": "expired"}),  # gave up, Sisimai: blocked
    ("lhost-v5sendmail-05.eml", {"kijitora@example.edu": "network-error", "kuroneko@example.or.jp": "host-unknown",
                                 "kijitora@example.org": "host-unknown", "mikeneko@example.co.jp": "user-unknown"}),
])
def test_pinned_single_disagreements_in_the_corpus(name, want):
    # SOURCES.md, "Where we read a mail differently", rule 4.
    raw = (ROOT.parent / "shared" / "sisimai" / "maildir" / name).read_bytes()
    r = m.explain(m.decode_bytes(raw))
    assert {rec["address"]: rec["reason"] for rec in r["data"]["recipients"]} == want


@pytest.mark.skipif(not (ROOT.parent / "shared" / "sisimai" / "maildir").is_dir(), reason="shared Sisimai corpus not present")
@pytest.mark.parametrize("name,addresses", [
    ("lhost-exchange2003-02.eml", ["kijitora@example.co.jp", "mikeneko@example.co.jp"]),  # "x on <date>"
    ("lhost-activehunter-01.eml", ["kijitora@example.org"]),  # ">>> x <x>"
    ("lhost-imailserver-01.eml", ["kijitora@example.com"]),  # "Unknown user: x"
    ("lhost-x3-01.eml", ["kijitora@example.com"]),  # "   * x"
])
def test_recipients_named_in_older_notice_forms(name, addresses):
    raw = (ROOT.parent / "shared" / "sisimai" / "maildir" / name).read_bytes()
    r = m.explain(m.decode_bytes(raw))
    assert [rec["address"] for rec in r["data"]["recipients"]] == addresses
    assert all(f["id"] == "user-unknown" for f in r["findings"])


@pytest.mark.skipif(not (ROOT.parent / "shared" / "sisimai" / "maildir").is_dir(), reason="shared Sisimai corpus not present")
def test_a_notice_without_a_reason_uses_the_rcpt_reply_for_that_address():
    raw = (ROOT.parent / "shared" / "sisimai" / "maildir" / "lhost-interscanmss-03.eml").read_bytes()
    text = m.decode_bytes(raw)
    r = m.explain(text)
    rec = recipient(r, "kijitora@example.jp")
    assert (rec["reason"], rec["stage"], rec["status"]) == ("user-unknown", "RCPT", "5.1.1")
    lines = text.splitlines()
    assert any("<<< 550 5.1.1" in lines[n - 1] for n in r["findings"][0]["lines"])
    # A session for another address decides nothing.
    other = m.explain(text.replace("RCPT To:<kijitora@example.jp>", "RCPT To:<someone@example.jp>"))
    assert other["findings"][0]["id"] == "undetermined"


def test_a_final_give_up_inside_a_delay_template_is_expired():
    # OpenSMTPD deletes an expired envelope but words the notice as a delay (SOURCES.md, rule 1).
    text = fixture("sisimai-lhost-opensmtpd-15-envelope-expired.txt")
    assert "Action: delayed" in text and "temporary failure report" in text
    f = m.explain(text)["findings"][0]
    assert (f["id"], f["severity"]) == ("expired", "error")
    # The same template with a recipient line that does not say so stays a delay.
    f = m.explain(text.replace("Envelope expired", "Connection refused"))["findings"][0]
    assert (f["id"], f["severity"]) == ("temporary-failure", "warning")


# ---------------------------------------------------------------------------------------------
# Bad input: malformed MIME, huge parts and lines, undecodable bytes; linear time
# ---------------------------------------------------------------------------------------------

_MIME_BITS = st.sampled_from([
    "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\n",
    "Content-Type: multipart/mixed; boundary=\n", "--b\n", "--b--\n", "--c\n",
    "Content-Type: message/rfc822\n", "Content-Type: message/delivery-status\n",
    "Content-Transfer-Encoding: base64\n", "Content-Transfer-Encoding: quoted-printable\n",
    "Content-Type: text/plain; charset=iso-2022-jp\n", "Content-Type: text/plain; charset=x-unknown\n",
    "Final-Recipient: rfc822; a@b.example\n", "Status: 5.1.1\n", "Action: failed\n",
    "Diagnostic-Code: smtp; 550 5.1.1 user unknown\n", "\x1b$B$3$s\x1b(B\n", "=E3=81=\n", "AAAA====\n", "\n",
    "\r\r\n", "From: MAILER-DAEMON@x.example\n", "Subject: Undelivered Mail\n",
])


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_MIME_BITS, max_size=60))
def test_malformed_mime_never_raises(parts):
    text = "".join(parts)
    _check_report(m.explain(text), text)
    assert 0.0 <= m.detect(text) <= 1.0


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=4000))
def test_undecodable_bytes_never_raise(data):
    raw = fixture("sisimai-email-postfix-02-two-recipients.txt").encode("utf-8")
    text = m.decode_bytes(raw[:1500] + data + raw[1500:])
    _check_report(m.explain(text), text)


def test_ten_megabyte_attachment_and_one_megabyte_header_line():
    base = fixture("sisimai-email-postfix-02-two-recipients.txt")
    big = base.replace("Content-Type: message/rfc822", "Content-Type: application/octet-stream\n"
                       "Content-Transfer-Encoding: base64\n\n" + ("QUJD" * 19 + "\n") * 130000 + "\n--x\n"
                       "Content-Type: message/rfc822", 1)
    assert len(big) > 10_000_000
    for text in (big, "X-Long: " + "a" * 1_000_000 + "\n" + base, base.replace("Subject:", "Subject: " + "é" * 1_000_000, 1)):
        r = m.explain(text)
        _check_report(r, text)
        assert r["recognized"]


def test_time_grows_linearly():
    unit = fixture("sisimai-lhost-opensmtpd-17-two-recipients.txt")

    assert_grows_linearly((m.explain, m.detect), unit * 25, unit * 100)


# ---------------------------------------------------------------------------------------------
# The Sisimai corpus (../shared/sisimai, when present): agreement and recognition
# ---------------------------------------------------------------------------------------------

CORPUS = ROOT.parent / "shared" / "sisimai"


@pytest.mark.skipif(not (CORPUS / "expected.json").is_file(), reason="shared Sisimai corpus not present")
def test_sisimai_corpus_agreement_and_recognition():
    bench = _load("bench_bounce", ROOT / "scripts" / "bench_bounce.py")
    res = bench.measure(CORPUS, m)
    assert res["raised"] == 0
    assert res["recognized"] >= 0.99 * res["mails"], res
    # Every documented disagreement still reads as documented (no silent drift) ...
    assert not res["documented_drift"], res["documented_drift"]
    # ... and agreement, counting the documented readings (SOURCES.md), is at least 95 %.
    assert res["agreed"] + res["documented"] >= 0.95 * res["with_mapped_reason"], res
    assert res["agreed"] >= 0.91 * res["with_mapped_reason"], res


@pytest.mark.parametrize("phrase,fid", [
    ("入力した電子メール アドレスが見つかりませんでした。", "user-unknown"),
    ("受信者のメールボックスがいっぱいです。", "mailbox-full"),
    ("hanako@example.com のメール サーバーが見つかりませんでした。", "host-unknown"),
    ("メールボックスが満杯です。", "mailbox-full"),
])
def test_microsoft_365_japanese_ndr_phrases(phrase, fid):
    text = ("配信不能: 打ち合わせの件\n\n次の受信者またはグループへの配信に失敗しました:\n\n"
            f"hanako@example.com\n{phrase}\n")
    assert [(f["id"], f["subject"]) for f in m.explain(text)["findings"]] == [(fid, "hanako@example.com")]


def test_postfix_reply_to_mail_from_is_the_sender_never_the_recipient():
    # Issue 8: 「送信者のアドレスが拒否される」 was reported as "the recipient does not exist".
    text = ("This is the mail system at host mail.example.jp.\n\nI'm sorry to have to inform you that your message "
            "could not\nbe delivered to one or more recipients.\n\n<hanako@example.com>: host mx.example.com[192.0.2.25] "
            "said: 550 5.1.0\n    <taro@example.jp>: Sender address rejected: User unknown in local recipient table "
            "(in reply to\n    MAIL FROM command)\n")
    r = m.explain(text)
    f = r["findings"][0]
    assert (f["id"], f["subject"]) == ("sender-rejected", "hanako@example.com")
    assert "差出人" in r["summary"] and "MAIL FROM" in f["detail"]
    assert recipient(r, "hanako@example.com")["stage"] == "MAIL"


def test_gmail_japanese_visible_text():
    text = ("メールを配信できませんでした\ntaro@example.jp のメールサーバーがメールを拒否しました。\n\n詳細\n"
            "550 5.7.26 Unauthenticated email from example.jp is not accepted due to domain's DMARC policy.\n")
    r = m.explain(text)
    assert [(f["id"], f["subject"]) for f in r["findings"]] == [("policy-auth-failure", "taro@example.jp")]


def test_eight_bit_euc_jp_body_of_a_saved_eml_is_read_as_japanese():
    text = fixture("ja-isp-sisimai-lhost-ezweb-05-expired-euc-jp.txt")  # decode_bytes: not UTF-8 -> cp932
    mail = m.read_mail(m._strip_quoting(text.splitlines()))
    assert "次のあて先へのメッセージはエラーのため送信できませんでした" in "\n".join(mail["texts"])
    # Real Japanese text (a paste) is never re-decoded.
    assert m._redecode_euc_jp("メールボックスがいっぱいです。" * 3, "euc-jp") == "メールボックスがいっぱいです。" * 3
