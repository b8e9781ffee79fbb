"""The built site: strict build, navigation, topics, downloads, privacy (no foreign requests)."""

from __future__ import annotations

import hashlib
import html as html_mod
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, SNIPPETS
from topics import TOPICS

DOCS = ROOT / "docs"


def nav_pages() -> list[str]:
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("tag:yaml.org,2002:python/name:", lambda *a: None)
    Loader.add_multi_constructor("!", lambda *a: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    found: list[str] = []

    def walk(node):
        if isinstance(node, str):
            found.append(node)
        elif isinstance(node, list):
            for item in node:
                walk(item)
        elif isinstance(node, dict):
            for value in node.values():
                walk(value)

    walk(config["nav"])
    return found


def doc_pages() -> list[str]:
    return sorted(
        p.relative_to(DOCS).as_posix()
        for p in DOCS.rglob("*.md")
        if not p.relative_to(DOCS).as_posix().startswith("includes/")
    )


def test_build_is_strict_and_clean(site_dir):
    log = (site_dir.parent / f"{site_dir.name}.build.log").read_text(encoding="utf-8")
    assert "Documentation built" in log
    assert "WARNING" not in log and "ERROR" not in log, log


def test_every_page_is_in_the_nav():
    nav = nav_pages()
    assert sorted(set(nav)) == doc_pages()
    assert len(nav) == len(set(nav)), "a page appears twice in the nav"


def test_page_file_names_are_ascii_kebab_case():
    for page in doc_pages():
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*(/[a-z0-9]+(-[a-z0-9]+)*)*\.md", page), page


@pytest.mark.parametrize("topic,page,words,query", TOPICS, ids=[t[1] for t in TOPICS])
def test_topic_has_a_page_with_its_words(topic, page, words, query):
    path = DOCS / page
    assert path.is_file(), f"{topic}: {page} is missing"
    assert page in nav_pages()
    text = path.read_text(encoding="utf-8")
    assert "(未執筆)" not in text, f"{page} is still a placeholder"
    for word in words:
        assert word in text, f"{page} does not mention {word!r} ({topic})"


def test_no_page_is_a_placeholder():
    left = [p for p in doc_pages() if "(未執筆)" in (DOCS / p).read_text(encoding="utf-8")]
    assert not left


def test_source_text_errors_are_corrected():
    pages = {p: (DOCS / p).read_text(encoding="utf-8") for p in doc_pages()}
    everything = "\n".join(pages.values())
    # The seed's "172.0.0.1" loopback and "169254.255.254" typo must not be repeated as facts.
    assert "169254." not in everything
    for page, text in pages.items():
        if "172.0.0.1" in text:
            assert "127.0.0.1" in text and "誤" in text, f"{page} mentions 172.0.0.1 without correcting it"
    assert "169.254.0.1" in pages["network/ipconfig.md"] and "169.254.255.254" in pages["network/ipconfig.md"]
    assert "127.0.0.1" in pages["network/ping.md"]
    assert "Test-NetConnection" in pages["network/port-check.md"]


class _Refs(HTMLParser):
    """Collects the URLs a page makes the browser load (not plain links)."""

    def __init__(self):
        super().__init__()
        self.loads: list[str] = []
        self.csp: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta" and (a.get("http-equiv") or "").lower() == "content-security-policy":
            self.csp.append(a.get("content") or "")
        if tag in ("script", "img", "iframe", "audio", "video", "source") and a.get("src"):
            self.loads.append(a["src"])
        if tag == "link" and a.get("href") and set((a.get("rel") or "").split()) & {
            "stylesheet", "preload", "preconnect", "dns-prefetch", "icon", "manifest", "modulepreload"
        }:
            self.loads.append(a["href"])


def _html_pages(site_dir: Path):
    """The pages (assets/source/ holds highlighted code fragments that pages load, not pages)."""
    return sorted(p for p in site_dir.rglob("*.html") if "assets/source/" not in p.as_posix())


def test_every_page_loads_only_from_its_own_origin_and_has_a_csp(site_dir):
    pages = _html_pages(site_dir)
    assert len(pages) >= len(doc_pages())
    for page in pages:
        parser = _Refs()
        parser.feed(page.read_text(encoding="utf-8"))
        foreign = [u for u in parser.loads if re.match(r"^(https?:)?//", u)]
        assert not foreign, f"{page}: loads {foreign}"
        assert len(parser.csp) == 1, f"{page}: CSP meta missing"
        csp = parser.csp[0]
        assert "default-src 'self'" in csp and "'wasm-unsafe-eval'" in csp
        assert "script-src 'self'" in csp and "unsafe-eval'" not in csp.replace("'wasm-unsafe-eval'", "")
        assert "http" not in csp, "the policy must not allow another origin"
    css = "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in site_dir.rglob("*.css"))
    assert "fonts.googleapis" not in css and "fonts.gstatic" not in css


def test_pyodide_runtime_is_published(site_dir):
    for name in ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json"):
        built = site_dir / "assets" / "pyodide" / name
        assert built.read_bytes() == (ROOT / "node_modules" / "pyodide" / name).read_bytes()


def test_downloads_are_the_snippets_byte_for_byte(site_dir):
    snippets = sorted(SNIPPETS.glob("*.py"))
    assert snippets, "no snippets"
    listing = (site_dir / "downloads" / "index.html").read_text(encoding="utf-8")
    for path in snippets:
        data = path.read_bytes()
        assert (site_dir / "downloads" / path.name).read_bytes() == data
        digest = hashlib.sha256(data).hexdigest()
        assert digest in listing, f"downloads page does not show the SHA-256 of {path.name}"
        assert f'href="{path.name}"' in listing


def test_each_snippet_is_embedded_and_offered_on_a_page(site_dir):
    for path in sorted(SNIPPETS.glob("*.py")):
        pages = [p for p in doc_pages() if f'download("{path.name}")' in (DOCS / p).read_text(encoding="utf-8")]
        assert pages, f"{path.name} has no page with its download box"
        embedded = [p for p in doc_pages() if f'source("{path.name}")' in (DOCS / p).read_text(encoding="utf-8")]
        assert embedded, f"{path.name} is not embedded on any page"
        # The built page shows the size and the SHA-256 of exactly this file, and its full text.
        built = site_dir / pages[0].replace(".md", "").removesuffix("/index") / "index.html"
        html = built.read_text(encoding="utf-8")
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        assert digest in html and f"{path.stat().st_size:,}" in html
        # The page carries the block; the highlighted text itself is loaded when it is opened.
        assert f'<div class="snippet-source" data-search-exclude data-source="{path.name}">' in html
        fragment = (site_dir / "assets" / "source" / f"{path.name}.html").read_text(encoding="utf-8")
        code = re.search(r"<code>(.*?)</code>", fragment, re.S)
        assert code, f"{path.name}: highlighted source not built"
        shown = html_mod.unescape(re.sub(r"<[^>]+>", "", code.group(1)))
        assert shown.strip() == path.read_text(encoding="utf-8").strip()


def test_explainer_manifest_lists_every_explainer(site_dir):
    import json

    manifest = json.loads((site_dir / "assets" / "explainers.json").read_text(encoding="utf-8"))
    assert manifest["files"] == sorted(p.name for p in SNIPPETS.glob("explain_*.py"))


def test_readme_gives_exactly_two_commands_and_ci_runs_the_test_one():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = re.findall(r"^\s*(bash scripts/dev\.sh \w+)\s*$", readme, re.M)
    assert sorted(set(commands)) == ["bash scripts/dev.sh serve", "bash scripts/dev.sh test"]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "bash scripts/dev.sh test" in ci


def test_no_stray_spaces_inside_japanese_sentences(site_dir):
    """A source line break between two Japanese characters would render as a space."""
    import sys

    sys.path.insert(0, str(ROOT / "scripts"))
    import mkdocs_hooks

    for page in _html_pages(site_dir):
        text = page.read_text(encoding="utf-8")
        outside = mkdocs_hooks.PRE_BLOCK.split(text)[::2]
        assert not any(mkdocs_hooks.SOFT_BREAK.search(part) for part in outside), page
    code = (site_dir / "network" / "ipconfig" / "index.html").read_text(encoding="utf-8")
    assert "Windows IP 構成</span>\n" in code or "Windows IP 構成\n" in code, "code blocks keep their lines"


def test_only_explain_starts_python_from_the_head(site_dir):
    """explain/ is opened to paste: Python starts with the page. Command pages start it on the
    first sign of use (assets/js/explain.js), so a reader who never pastes never downloads it."""
    boxes = {p for p in doc_pages() if "paste_box(" in (DOCS / p).read_text(encoding="utf-8")}
    assert {"explain/index.md", "network/ipconfig.md", "network/netstat.md"} <= boxes
    auto = {p for p in boxes if 'paste_box("auto")' in (DOCS / p).read_text(encoding="utf-8")}
    assert "explain/index.md" in auto
    for page in doc_pages():
        built = site_dir / page.replace(".md", "").removesuffix("index").rstrip("/") / "index.html"
        html = built.read_text(encoding="utf-8")
        head = html.split("</head>", 1)[0]
        assert ("explain-boot.js" in head) == (page in auto), page
        assert ('name="explain-tools"' in head) == (page in auto), page
        if page in boxes:
            assert "data-paste-box" in html and "explain.js" in html, page
