"""arp -a and nbtstat pasted in headless Chromium: real captures pasted into network/arp/,
network/nbtstat/ and explain/ are detected as their tool and give the findings the snippets give,
with nothing leaving 127.0.0.1."""

from __future__ import annotations

from urllib.parse import urljoin

import pytest

from conftest import FIXTURES, foreign_requests, load_snippet
from browser_helpers import paste_and_explain, findings, read

pytestmark = pytest.mark.browser

# Real captures, kept byte-exact in the repository (tests/fixtures/*/SOURCES.md).
ARP_JA = FIXTURES / "arp" / "ja-win-ytakefuji-arp-a.txt"
ARP_NEIGH = FIXTURES / "arp" / "en-linux-alexbook-ip-neigh.txt"
NBT_SAMBA = FIXTURES / "nbtstat" / "en-samba-ubuntuforums-nbtstat-a.txt"
NBT_PROPNET = FIXTURES / "nbtstat" / "en-propnet-nbtstat-a.txt"


def expected(module, path, lang="ja"):
    mod = load_snippet(module)
    report = mod.explain(mod.decode_bytes(path.read_bytes()), lang)
    return [(f["id"], f["severity"]) for f in report["findings"]]


def test_arp_page_reads_a_japanese_arp_a(page, site_url):
    page.goto(urljoin(site_url, "network/arp/"))
    assert page.locator('[data-testid="explain-result"]').get_attribute("data-state") == "idle"
    result = paste_and_explain(page, read(ARP_JA))
    assert result.get_attribute("data-state") == "done"
    assert page.locator('[data-testid="explain-tool"]').inner_text() == "arp"
    got = findings(page)
    assert got == expected("explain_arp", ARP_JA)
    assert ("arp-entries", "ok") in got
    entry = page.locator('[data-finding-id="arp-entries"]').inner_text()
    assert "192.168.1.1" in entry and "末尾が .1" in entry  # the router it took, and why
    assert foreign_requests(page.requests_seen) == []


def test_explain_page_detects_arp_and_ip_neigh(page, site_url):
    page.goto(urljoin(site_url, "explain/"))
    result = paste_and_explain(page, read(ARP_JA))
    assert result.get_attribute("data-state") == "done"
    assert page.locator('[data-testid="explain-tool"]').inner_text() == "arp"
    paste_and_explain(page, read(ARP_NEIGH))
    assert page.locator('[data-testid="explain-tool"]').inner_text() == "arp"
    got = findings(page)
    assert got == expected("explain_arp", ARP_NEIGH)
    assert ("incomplete-entries", "info") in got
    assert foreign_requests(page.requests_seen) == []
    assert not page.console_errors, page.console_errors


def test_explain_page_detects_nbtstat_and_explains_samba(page, site_url):
    page.goto(urljoin(site_url, "explain/"))
    paste_and_explain(page, read(NBT_SAMBA))
    assert page.locator('[data-testid="explain-tool"]').inner_text() == "nbtstat"
    got = findings(page)
    assert got == expected("explain_nbtstat", NBT_SAMBA)
    assert "Samba" in page.locator('[data-finding-id="node-status"]').inner_text()
    assert foreign_requests(page.requests_seen) == []


def test_nbtstat_page_says_the_node_address_is_the_asking_pc(page, site_url):
    page.goto(urljoin(site_url, "network/nbtstat/"))
    paste_and_explain(page, read(NBT_PROPNET))
    assert page.locator('[data-testid="explain-tool"]').inner_text() == "nbtstat"
    text = page.locator('[data-finding-id="node-status"]').inner_text()
    assert "192.168.1.103" in text and "自身のアドレス" in text
    assert foreign_requests(page.requests_seen) == []
