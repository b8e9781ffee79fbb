"""The paste widget with a whole console window (one block per command, tied together) and with
mail (headers and bounces, and the redacted copy made in the browser), in headless Chromium."""

from __future__ import annotations

from urllib.parse import urljoin

import pytest

from conftest import FIXTURES, foreign_requests
from browser_helpers import paste_and_explain, read

pytestmark = pytest.mark.browser

IPCONFIG_JA = FIXTURES / "ipconfig" / "ja-wsl2-wireless.txt"  # real, gateway 172.16.0.1
NSLOOKUP_JA = FIXTURES / "nslookup" / "ja-boatrace-cname-akamai.txt"  # real, starts with its own prompt line
HEADERS = FIXTURES / "headers" / "handmade-isp-smtp-from-gmail-dmarc-fail.txt"
CARRIER_BOUNCE = FIXTURES / "bounce" / "ja-isp-sisimai-rhost-nttdocomo-01.txt"


def console_window():
    """A window ASSEMBLED from real captures: ipconfig /all, the nslookup capture (its own prompt
    line kept) and a ping to the gateway ipconfig shows (hand-made lines in the real format)."""
    ping = ("\r\n172.16.0.1 に ping を送信しています 32 バイトのデータ:\r\n"
            + "172.16.0.1 からの応答: バイト数 =32 時間 =2ms TTL=64\r\n" * 4
            + "\r\n172.16.0.1 の ping 統計:\r\n    パケット数: 送信 = 4、受信 = 4、損失 = 0 (0% の損失)、\r\n")
    return ("C:\\Users\\taro>ipconfig /all\r\n" + read(IPCONFIG_JA) + "\r\n" + read(NSLOOKUP_JA)
            + "\r\nC:\\Users\\taro>ping 172.16.0.1\r\n" + ping + "\r\nC:\\Users\\taro>")


def test_a_three_command_console_window_is_read_part_by_part(page, site_url):
    page.goto(urljoin(site_url, "explain/"))
    result = paste_and_explain(page, console_window())
    assert result.get_attribute("data-state") == "done"
    assert page.locator('[data-testid="explain-tool"]').first.inner_text() == "session"
    sections = page.locator('[data-testid="explain-section"]')
    assert [sections.nth(i).get_attribute("data-tool") for i in range(sections.count())] == ["ipconfig", "nslookup", "ping"]
    # Each part carries its own findings; the ties and the verdict are on top.
    assert sections.nth(1).locator('[data-finding-id="resolved"]').count() == 1
    assert sections.nth(2).locator('[data-finding-id="reply-ok"]').count() == 1
    assert page.locator('[data-finding-id="session-verdict"]').count() == 1
    assert page.locator('[data-finding-id="gateway-replies"]').count() == 1
    assert foreign_requests(page.requests_seen) == []


def test_a_header_block_on_explain_and_its_redacted_copy(page, site_url):
    page.goto(urljoin(site_url, "explain/"))
    paste_and_explain(page, read(HEADERS))
    assert page.locator('[data-testid="explain-tool"]').inner_text() == "headers"
    assert page.locator('[data-finding-id="dmarc-fail"]').get_attribute("data-severity") == "error"
    page.locator('[data-testid="redact-button"]').click()
    output = page.locator('[data-testid="redact-output"]')
    output.wait_for(timeout=30_000)
    copy = output.input_value()
    assert "taro.example" not in copy and "hanako.example" not in copy and "Subject: [件名]" in copy
    assert "user1@gmail.com" in copy and copy.count("\n") == read(HEADERS).count("\n")
    assert foreign_requests(page.requests_seen) == []


def test_mail_boxes_offer_the_redacted_copy_and_read_a_carrier_bounce(page, site_url):
    page.goto(urljoin(site_url, "mail/bounce/"))
    assert page.locator('[data-testid="redact-button"]').count() == 1  # before anything is pasted
    paste_and_explain(page, read(CARRIER_BOUNCE))
    assert page.locator('[data-testid="explain-tool"]').inner_text() == "bounce"
    assert page.locator('[data-finding-id]').count() >= 1
    page.locator('[data-testid="redact-button"]').click()
    page.locator('[data-testid="redact-output"]').wait_for(timeout=30_000)
    assert page.locator('[data-testid="redact-output"]').input_value().count("\n") >= 5
    page.goto(urljoin(site_url, "mail/spam-settings/"))
    assert page.locator('[data-testid="redact-button"]').count() == 1
    assert foreign_requests(page.requests_seen) == []
