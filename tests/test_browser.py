"""The site in real headless Chromium (Debian's, driven by Playwright): Japanese search, no request
leaving 127.0.0.1, downloads that are the exact bytes whose SHA-256 the page shows, and the
paste-and-explain widget running the snippets in Pyodide."""

from __future__ import annotations

import hashlib
import re
from urllib.parse import urljoin

import pytest

from conftest import SNIPPETS, foreign_requests
from topics import TOPICS, UNSPACED_QUERIES

pytestmark = pytest.mark.browser


def page_url(site_url: str, source: str) -> str:
    path = source[:-3]
    path = "" if path == "index" else path.removesuffix("/index") + "/"
    return urljoin(site_url, path)


def search(page, site_url, query):
    """Type QUERY into Material's search box on a fresh page and return the result URLs once the
    list has stopped changing. (Keys typed as text fire no keyup; End is a real key press.)"""
    page.goto(site_url)
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query, delay=10)
    box.press("End")
    items = page.locator(".md-search-result__list > li.md-search-result__item > a")
    meta = page.locator(".md-search-result__meta")
    last, stable = None, 0
    for _ in range(100):
        page.wait_for_timeout(100)
        hrefs = [items.nth(i).get_attribute("href") for i in range(min(items.count(), 5))]
        current = (meta.inner_text(), hrefs)
        stable = stable + 1 if current == last else 0
        last = current
        if stable >= 4 and hrefs:
            break
    return [urljoin(site_url, h).split("#")[0].split("?")[0] for h in last[1]]


@pytest.fixture(scope="module")
def search_page(browser, site_url):
    context = browser.new_context(locale="ja-JP")
    page = context.new_page()
    page.goto(site_url)
    yield page
    context.close()


@pytest.mark.parametrize("topic,source,words,query", TOPICS, ids=[t[3] for t in TOPICS])
def test_search_finds_the_topic_page_first(search_page, site_url, topic, source, words, query):
    hits = search(search_page, site_url, query)
    assert hits, f"no result for {query}"
    assert hits[0] == page_url(site_url, source), f"{query}: {hits[:3]}"


@pytest.mark.parametrize("query,source", UNSPACED_QUERIES, ids=[q for q, _ in UNSPACED_QUERIES])
def test_unspaced_japanese_queries_find_pages(search_page, site_url, query, source):
    hits = search(search_page, site_url, query)
    assert hits, f"no result for {query}"
    if source:
        assert hits[0] == page_url(site_url, source), hits[:3]


def test_browsing_every_page_stays_on_127_0_0_1(page, site_url):
    from test_site import nav_pages

    page.goto(site_url)
    for source in nav_pages():
        page.goto(page_url(site_url, source))
        page.wait_for_load_state("networkidle")
    # And through instant navigation: click the sidebar links one after another (each click
    # re-renders the sidebar, so links are looked up again by their address every time).
    page.goto(site_url)
    page.evaluate("() => { window.__sameDocument = true; }")
    hrefs = [a.get_attribute("href") for a in page.locator("nav.md-nav--primary a.md-nav__link[href]").all()]
    clicked = 0
    for href in dict.fromkeys(h for h in hrefs if h and "#" not in h):
        link = page.locator(f'nav.md-nav--primary a.md-nav__link[href="{href}"]:visible').first
        if link.count() == 0:
            continue
        link.click()
        page.wait_for_load_state("networkidle")
        clicked += 1
    assert clicked >= 10
    assert page.evaluate("() => window.__sameDocument") is True, "the clicks should not reload the page"
    assert page.requests_seen
    assert foreign_requests(page.requests_seen) == []
    assert not [e for e in page.console_errors if "Content Security Policy" in e], page.console_errors


def test_downloads_serve_the_exact_bytes_with_the_shown_sha256(page, site_url):
    page.goto(urljoin(site_url, "downloads/"))
    links = page.locator('[data-testid="download-link"]')
    names = sorted(p.name for p in SNIPPETS.glob("*.py"))
    assert links.count() == len(names)
    for i in range(links.count()):
        link = links.nth(i)
        href = urljoin(page.url, link.get_attribute("href"))
        name = href.rsplit("/", 1)[1]
        body = page.request.get(href).body()
        want = (SNIPPETS / name).read_bytes()
        assert body == want, name
        digest = hashlib.sha256(body).hexdigest()
        assert link.get_attribute("data-sha256") == digest
        assert digest in page.locator("article").inner_text()
    # A real click downloads the file under its own name with the same bytes.
    with page.expect_download() as info:
        links.first.click()
    download = info.value
    assert download.suggested_filename == names[0]
    assert open(download.path(), "rb").read() == (SNIPPETS / names[0]).read_bytes()
