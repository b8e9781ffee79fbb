"""The paste widget with name lookups in headless Chromium: real nslookup / dig captures pasted into
network/nslookup/ and into explain/ give the explainer's findings, with nothing leaving 127.0.0.1."""

from __future__ import annotations

from urllib.parse import urljoin

import pytest

from conftest import FIXTURES, foreign_requests
from browser_helpers import paste_and_explain, findings, read

pytestmark = pytest.mark.browser

# Real captures, kept byte-exact in the repository (see tests/fixtures/nslookup/SOURCES.md).
CNAME_JA = FIXTURES / "nslookup" / "ja-boatrace-cname-akamai.txt"
NXDOMAIN_JA = FIXTURES / "nslookup" / "ja-msen-nxdomain-without-vpn.txt"
TIMEOUT_EN = FIXTURES / "nslookup" / "en-bing-timeout-unknown.txt"
REVERSE_ONLY_EN = FIXTURES / "nslookup" / "en-htb-reverse-timeout-then-answer.txt"
DIG_EN = FIXTURES / "nslookup" / "en-centos-jc-dig.txt"


def test_nslookup_page_reads_a_japanese_capture(page, site_url):
    page.goto(urljoin(site_url, "network/nslookup/"))
    result = paste_and_explain(page, read(CNAME_JA))
    assert result.get_attribute("data-state") == "done"
    assert page.locator('[data-testid="explain-tool"]').inner_text() == "nslookup"
    got = dict(findings(page))
    assert got.get("resolved") == "ok"
    assert got.get("cname-chain") == "info"
    assert got.get("non-authoritative") == "info"
    text = page.locator('[data-finding-id="non-authoritative"]').inner_text()
    assert "AA ビット" in text and "キャッシュから出た" in text  # explained as the AA bit, and "not from a cache"
    assert "23.193.119.198" in page.locator('[data-finding-id="resolved"]').inner_text()
    assert foreign_requests(page.requests_seen) == []


def test_explain_page_detects_nslookup_and_tells_failures_apart(page, site_url):
    page.goto(urljoin(site_url, "explain/"))
    paste_and_explain(page, read(NXDOMAIN_JA))
    assert page.locator('[data-testid="explain-tool"]').inner_text() == "nslookup"
    got = dict(findings(page))
    assert got.get("nxdomain") == "error" and got.get("server-unknown") == "info"
    paste_and_explain(page, read(TIMEOUT_EN))
    got = dict(findings(page))
    assert got.get("dns-timeout") == "error" and "reverse-lookup-timeout" not in got
    # Only the reverse lookup of the server timed out, and the name then resolved: no error.
    paste_and_explain(page, read(REVERSE_ONLY_EN))
    got = dict(findings(page))
    assert got.get("reverse-lookup-timeout") == "info" and got.get("resolved") == "ok"
    assert "error" not in got.values()
    assert foreign_requests(page.requests_seen) == []
    assert not page.console_errors, page.console_errors


def test_explain_page_reads_dig(page, site_url):
    page.goto(urljoin(site_url, "explain/"))
    paste_and_explain(page, read(DIG_EN))
    assert page.locator('[data-testid="explain-tool"]').inner_text() == "nslookup"
    got = dict(findings(page))
    assert got.get("resolved") == "ok" and got.get("cname-chain") == "info"
