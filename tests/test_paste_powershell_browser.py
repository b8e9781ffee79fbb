"""The PowerShell commands the site recommends, pasted in headless Chromium: Test-NetConnection
into network/port-check/ and into explain/ (where it must be detected on its own), and
Get-NetIPConfiguration / Get-NetTCPConnection into explain/, which hands them to the ipconfig and
netstat explainers. Real captures, kept in tests/fixtures/ (see the SOURCES.md files)."""

from __future__ import annotations

from urllib.parse import urljoin

import pytest

from conftest import FIXTURES, foreign_requests
from browser_helpers import paste_and_explain, findings, read

pytestmark = pytest.mark.browser

TNC_ZH_TWO_CLOSED = FIXTURES / "testnetconnection" / "zh-win-gloom-two-ports-closed.txt"
TNC_JA_OPEN = FIXTURES / "testnetconnection" / "ja-win10-miumo6329-port443-open.txt"
TNC_JA_UTF16 = FIXTURES / "testnetconnection" / "ja-win10-miumo6329-port443-open-utf16le-bom-reencoded.txt"
TNC_NAME_FAILED = FIXTURES / "testnetconnection" / "en-name-resolution-failed-asas.txt"
TNC_PORT25 = FIXTURES / "testnetconnection" / "handmade-ja-port25-op25b.txt"
NETIPCONFIG_APIPA = FIXTURES / "ipconfig" / "ps-pl-kuc-six-adapters.txt"
NETTCP_LISTEN = FIXTURES / "netstat" / "ps-en-ws2016-thm-getnettcpconnection-listen.txt"


def test_port_check_page_reads_two_closed_ports(page, site_url):
    page.goto(urljoin(site_url, "network/port-check/"))
    result = paste_and_explain(page, read(TNC_ZH_TWO_CLOSED))
    assert result.get_attribute("data-state") == "done"
    assert page.locator('[data-testid="explain-tool"]').inner_text() == "testnetconnection"
    assert findings(page) == [("port-closed", "error"), ("port-closed", "error")]
    # The ping answered, so the detail says the server itself is reachable.
    assert "応答時間 4 ms" in page.locator('[data-finding-id="port-closed"]').first.inner_text()
    assert foreign_requests(page.requests_seen) == [], page.requests_seen


def test_port_check_page_explains_op25b(page, site_url):
    page.goto(urljoin(site_url, "network/port-check/"))
    paste_and_explain(page, read(TNC_PORT25))
    text = page.locator('[data-finding-id="port-closed"]').inner_text()
    assert "OP25B" in text and "587" in text


def test_explain_page_detects_test_netconnection(page, site_url):
    page.goto(urljoin(site_url, "explain/"))
    for path, want in ((TNC_JA_OPEN, ("port-open", "ok")), (TNC_JA_UTF16, ("port-open", "ok")),
                       (TNC_NAME_FAILED, ("name-not-resolved", "error"))):
        result = paste_and_explain(page, read(path))
        assert result.get_attribute("data-state") == "done", path.name
        assert page.locator('[data-testid="explain-tool"]').inner_text() == "testnetconnection", path.name
        assert want in findings(page), path.name
    assert foreign_requests(page.requests_seen) == [], page.requests_seen


def test_explain_page_reads_get_netipconfiguration_and_get_nettcpconnection(page, site_url):
    page.goto(urljoin(site_url, "explain/"))
    paste_and_explain(page, read(NETIPCONFIG_APIPA))
    assert page.locator('[data-testid="explain-tool"]').inner_text() == "ipconfig"
    got = dict(findings(page))
    assert got.get("apipa") == "error" and got.get("virtual-adapter-apipa") == "info"
    paste_and_explain(page, read(NETTCP_LISTEN))
    assert page.locator('[data-testid="explain-tool"]').inner_text() == "netstat"
    got = dict(findings(page))
    assert got.get("listening-ports") == "info" and got.get("remote-desktop-exposed") == "info"
