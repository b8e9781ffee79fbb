"""explain_headers.py: the Received timeline (delays, clock skew, greylisting), whose
Authentication-Results to trust, DMARC alignment, and the redacted copy (shared with the bounce
reader through the redact block)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES, SNIPPETS, load_snippet
from timing import assert_grows_linearly

H = load_snippet("explain_headers")
FIX = FIXTURES / "headers"


def text(name):
    return H.decode_bytes((FIX / name).read_bytes())


def test_the_receivers_results_are_trusted_and_lower_ones_are_not():
    r = H.explain(text("sisimai-amazonses-09-forwarded-spf-fail.txt"))
    assert r["data"]["authentication"]["authserv"] == "mx.google.com"
    assert r["data"]["authentication"]["results"]["spf"] == "fail"
    only_sender = H.explain(text("sisimai-sendmail-55-original-sender-side-auth.txt"))
    assert only_sender["data"]["authentication"]["results"] == {}
    assert [f["id"] for f in only_sender["findings"]] == ["lower-auth-results"]


def test_clock_skew_is_never_a_delay_and_the_total_is_unknown():
    r = H.explain(text("sisimai-postfix-43-original-clock-skew.txt"))
    assert "hop-delay" not in [f["id"] for f in r["findings"]]
    assert r["data"]["total_seconds"] is None and "?" in r["summary"]


def test_delay_is_placed_at_the_server_where_the_mail_waited():
    r = H.explain(text("sisimai-yandex-02-original-12-min.txt"))
    delay = next(f for f in r["findings"] if f["id"] == "hop-delay")
    assert delay["subject"] == "web20h.yandex.ru" and "12 分" in delay["detail"]
    assert "別の組織" not in delay["detail"]  # web20h and web21h are both Yandex
    grey = H.explain(text("handmade-greylisting-delay.txt"))
    assert "グレーリスティング" in next(f for f in grey["findings"] if f["id"] == "hop-delay")["detail"]


def test_sending_as_gmail_through_the_isp_explains_the_alignment():
    r = H.explain(text("handmade-isp-smtp-from-gmail-dmarc-fail.txt"))
    found = {f["id"]: f for f in r["findings"]}
    assert found["dmarc-fail"]["severity"] == "error"
    assert "プロバイダーの送信サーバー" in found["dmarc-alignment"]["detail"]
    assert "smtp.gmail.com" in " ".join(found["dmarc-alignment"]["next_steps"])


def test_org_domain_knows_japanese_second_level_names():
    assert H.org_domain("mail.example.co.jp") == "example.co.jp"
    assert H.org_domain("smtp.example.ne.jp") == "example.ne.jp"
    assert H.org_domain("mx.google.com") == "google.com"


def test_a_bounce_is_left_to_the_bounce_reader():
    for path in sorted((FIXTURES / "bounce").glob("*.txt")):
        t = H.decode_bytes(path.read_bytes())
        assert H.detect(t) < 0.5, path
        assert "バウンス" in H.explain(t)["summary"] or not H.explain(t)["recognized"]


def test_redacted_copy_replaces_people_and_keeps_providers_and_line_breaks():
    t = text("handmade-isp-smtp-from-gmail-dmarc-fail.txt")
    red = H.redact_text(t)
    assert red.count("\n") == t.count("\n")
    assert "taro.example" not in red and "hanako.example" not in red and "198.51.100.77" in red
    assert "203.0.113.25" in red  # documentation addresses identify no one and stay
    assert "mx.google.com" in red and "@gmail.com" in red  # providers stay
    assert "Subject: [件名]" in red
    # Stable: the same address gets the same placeholder everywhere.
    assert red.count("user1@gmail.com") >= 2
    real = "Received: from mail.kaisha-abc.co.jp (mail.kaisha-abc.co.jp [133.7.1.2])\nFrom: 山田 <taro@kaisha-abc.co.jp>\n"
    out = H.redact_text(real)
    assert "kaisha-abc" not in out and "133.7.1.2" not in out and "山田" not in out
    assert "host1.domain1.example" in out and "user1@domain1.example" in out


@pytest.mark.parametrize("script", ["explain_headers.py", "explain_bounce.py"])
def test_redact_on_the_command_line(script, tmp_path):
    source = FIXTURES / "bounce" / "sisimai-email-postfix-02-two-recipients.txt" if "bounce" in script else FIX / "handmade-isp-smtp-from-gmail-dmarc-fail.txt"
    proc = subprocess.run([sys.executable, str(SNIPPETS / script), "--redact", str(source)], capture_output=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout.decode("utf-8")
    assert out.count("\n") == source.read_bytes().decode("utf-8", "replace").count("\n")
    assert "[件名]" in out


def test_command_line_json_and_exit_status():
    proc = subprocess.run([sys.executable, str(SNIPPETS / "explain_headers.py"), "--json",
                           str(FIX / "handmade-isp-smtp-from-gmail-dmarc-fail.txt")], capture_output=True, timeout=60)
    assert proc.returncode == 1  # dmarc-fail is an error
    assert json.loads(proc.stdout)["tool"] == "headers"


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(["Received: from a by b; Mon, 30 Nov 2026 09:12:10 +0900", "Received: by x;",
                                 "Authentication-Results: a; dmarc=fail header.from=gmail.com", "From: <a@gmail.com>",
                                 "DKIM-Signature: d=", " folded", "", "Date: x", "\x00\u2028", "> Subject: y"]),
                max_size=40), st.text(max_size=300))
def test_never_raises(lines, noise):
    t = "\n".join(lines) + noise
    for lang in ("ja", "en"):
        json.dumps(H.explain(t, lang), ensure_ascii=False)
    H.redact_text(t)


def test_one_megabyte_header_line_and_linear_time():
    huge = "Received: from " + "a" * 1_000_000 + " by b; Mon, 30 Nov 2026 09:12:10 +0900\nFrom: <a@b.jp>\nTo: c\n"
    H.explain(huge)
    H.redact_text(huge)
    unit = text("sisimai-exchange2007-06-original-7-hops.txt")

    # 4x the headers must cost well under 16x (quadratic): less than 8x, in CPU time.
    assert_grows_linearly((H.explain, H.redact_text), unit * 10, unit * 40)
