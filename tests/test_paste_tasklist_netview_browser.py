"""The paste-and-explain widget in headless Chromium for tasklist and net view / net use: real
captures pasted into network/tasklist/, network/net-view/ and explain/ give their findings from the
very snippets, and nothing leaves 127.0.0.1."""

from __future__ import annotations

from urllib.parse import urljoin

import pytest

from conftest import FIXTURES, foreign_requests
from browser_helpers import paste_and_explain, findings, read

pytestmark = pytest.mark.browser

# Real captures, kept byte-exact in the repository (see the fixtures' SOURCES.md).
TASKLIST_WITH_NETSTAT_JA = FIXTURES / "tasklist" / "ja-hosimiya7-netstat-then-tasklist-fi-pid.txt"
TASKLIST_SVC_EN = FIXTURES / "tasklist" / "en-maku77-tasklist-svc-excerpt.txt"
NET_USE_JA = FIXTURES / "netview" / "ja-zetamatta-net-use.txt"
NET_USE_GUEST_EN = FIXTURES / "netview" / "en-pastebin-net-use-1272-guest-blocked.txt"
NET_USE_DISCONNECTED_JA = FIXTURES / "netview" / "ja-samba-memo-net-use-disconnected-yen.txt"


def test_tasklist_page_ties_netstat_pids_to_the_program(page, site_url):
    page.goto(urljoin(site_url, "network/tasklist/"))
    result = paste_and_explain(page, read(TASKLIST_WITH_NETSTAT_JA))
    assert result.get_attribute("data-state") == "done"
    assert page.locator('[data-testid="explain-tool"]').inner_text() == "tasklist"
    got = dict(findings(page))
    assert got.get("process-services") == "info" and got.get("pid-ports") == "info"
    assert "mysqld.exe" in page.locator('[data-finding-id="pid-ports"]').inner_text()
    assert foreign_requests(page.requests_seen) == []


def test_explain_page_detects_tasklist(page, site_url):
    page.goto(urljoin(site_url, "explain/"))
    paste_and_explain(page, read(TASKLIST_SVC_EN))
    assert page.locator('[data-testid="explain-tool"]').inner_text() == "tasklist"
    assert "LanmanServer" in page.locator('[data-finding-id="local-server"]').inner_text()


def test_net_view_page_reads_net_use(page, site_url):
    page.goto(urljoin(site_url, "network/net-view/"))
    paste_and_explain(page, read(NET_USE_JA))
    assert page.locator('[data-testid="explain-tool"]').inner_text() == "netview"
    assert dict(findings(page)).get("drive-mappings") == "ok"
    paste_and_explain(page, read(NET_USE_DISCONNECTED_JA))
    assert dict(findings(page)).get("disconnected-drive") == "warning"
    assert foreign_requests(page.requests_seen) == []
    assert not page.console_errors, page.console_errors


def test_explain_page_detects_a_guest_access_error(page, site_url):
    page.goto(urljoin(site_url, "explain/"))
    paste_and_explain(page, read(NET_USE_GUEST_EN))
    assert page.locator('[data-testid="explain-tool"]').inner_text() == "netview"
    assert dict(findings(page)).get("system-error") == "error"
    assert "24H2" in page.locator('[data-finding-id="system-error"]').inner_text()
    assert foreign_requests(page.requests_seen) == []
