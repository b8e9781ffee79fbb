"""MkDocs hook: the site's Japanese search (Material's look, our own matching).

Material's search (lunr + TinySegmenter) needs every query word in the index, so Japanese
queries with other endings (できない / できません), widths (ｉｐｃｏｎｆｉｇ), long-vowel spellings
(サーバ / サーバー) or a reader's own words (戻ってきた for バウンス) found nothing or the wrong
page. This hook keeps Material's search box, result list, suggestions and on-page highlighting,
and gives it a different worker and index:

* ``search/search_ja.json``: one compact UTF-8 file built from Material's own index, with the
  HTML stripped, code blocks kept apart (they weigh little), each page's title and front-matter
  ``keywords`` carried to its sections, and the synonym table ``scripts/search_synonyms.yml``.
* ``search/search_index.json`` becomes a stub with only Material's ``config`` (the on-page
  highlighter needs the separator) and no documents, so the page load fetches a few hundred
  bytes; the worker downloads the real index only when someone types a query.
* Material's lunr worker and lunr files are removed from the build (nothing loads them).
* Every HTML page's ``__config`` names ``assets/js/search-worker.js`` (content-hashed query
  string) instead of Material's lunr worker. The worker normalizes both sides the same way
  (NFKC, case, katakana-final ー, ヶ/ヵ), matches Japanese by character bigrams, latin words and
  codes (0x800ccc0f, 5.7.26) as written, expands synonyms, drops inflected endings, and ranks
  title > headings > keywords > body > code.
"""

from __future__ import annotations

import hashlib
import html
import json
import logging
import re
from pathlib import Path

import yaml
from mkdocs.exceptions import PluginError

log = logging.getLogger("mkdocs.hooks.search")

ROOT = Path(__file__).resolve().parent.parent
SYNONYMS = ROOT / "scripts" / "search_synonyms.yml"
INDEX_NAME = "search/search_ja.json"
WORKER = "assets/js/search-worker.js"
MATERIAL_WORKER = re.compile(r"assets/javascripts/workers/search\.[0-9a-f]+\.min\.js")
CONFIG_BLOCK = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)

PRE = re.compile(r"<pre\b[^>]*>(.*?)</pre>", re.S | re.I)
TAG = re.compile(r"<[^>]+>")
SPACE = re.compile(r"\s+")

LINK = re.compile(r'<a\b[^>]*\bhref="(?![a-z]+:|#|/)([^"]*)"[^>]*>(.*?)</a>', re.S | re.I)

_keywords: dict[str, str] = {}
_link_texts: dict[str, list[str]] = {}
_descriptions: dict[str, str] = {}


def load_synonyms(path: Path = SYNONYMS) -> list[list[str]]:
    """The synonym groups: each a list of two or more spellings a reader may type for one
    thing. A malformed file stops the build with one clear message."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise PluginError(f"{path.name}: cannot read the synonym table ({exc})") from None
    groups = data.get("groups") if isinstance(data, dict) else None
    if not isinstance(groups, list):
        raise PluginError(f"{path.name}: expected a mapping with a 'groups' list")
    out = []
    for i, group in enumerate(groups, 1):
        if not (isinstance(group, list) and len(group) >= 2 and all(isinstance(w, str) and w.strip() for w in group)):
            raise PluginError(f"{path.name}: group {i} must be a list of at least two words")
        out.append([w.strip() for w in group])
    return out


def plain(fragment: str) -> tuple[str, str]:
    """(text, code) of one index entry's HTML: code blocks apart, tags dropped, entities
    decoded, white space collapsed."""
    code = " ".join(PRE.findall(fragment))
    text = PRE.sub(" ", fragment)

    def clean(s: str) -> str:
        return SPACE.sub(" ", html.unescape(TAG.sub(" ", s))).strip()

    return clean(text), clean(code)


def build_index(material: dict, keywords: dict[str, str], synonyms: list[list[str]],
                descriptions: dict[str, str] | None = None,
                link_texts: dict[str, list[str]] | None = None) -> dict:
    """Group Material's entries (a page, then its sections) into pages with sections."""
    pages: list[dict] = []
    by_path: dict[str, dict] = {}
    for doc in material.get("docs", []):
        location = doc.get("location", "")
        path, _, anchor = location.partition("#")
        text, code = plain(doc.get("text", ""))
        if link_texts and link_texts.get(path):
            text = drop_link_texts(text, link_texts[path])
        title = html.unescape(TAG.sub("", doc.get("title", ""))).strip()
        page = by_path.get(path)
        if page is None:
            page = {"l": path, "t": title, "s": []}
            if keywords.get(path):
                page["k"] = keywords[path]
            if descriptions and descriptions.get(path):
                page["d"] = descriptions[path]
            if doc.get("boost"):
                page["b"] = doc["boost"]
            by_path[path] = page
            pages.append(page)
            section = ["", "", text]
        else:
            section = ["#" + anchor, title, text]
        if code:
            section.append(code)
        page["s"].append(section)
    return {"v": 1, "syn": synonyms, "pages": pages}


def on_pre_build(config):
    _keywords.clear()
    _link_texts.clear()
    _descriptions.clear()
    load_synonyms()  # fail early, before the pages are rendered


def on_page_markdown(markdown, page, config, files):
    """Front matter ``description`` (the page's own summary) and ``keywords`` (a string or a
    list: words a reader types that the page does not use itself) weigh like a heading in the
    page's first entry (the description a little less)."""
    words = page.meta.get("keywords")
    if isinstance(words, (list, tuple)):
        words = " ".join(str(w) for w in words)
    if words:
        _keywords[page.url] = str(words).strip()
    description = str(page.meta.get("description") or "").strip()
    if description:
        _descriptions[page.url] = description
    return markdown


def on_page_content(html_text, page, config, files):
    """Remember the text of links to other pages: a link titled 英語のエラーメールが返ってきた
    is about the page it points to, and should not make the linking page match that phrase."""
    texts = []
    for href, inner in LINK.findall(html_text):
        text = SPACE.sub(" ", html.unescape(TAG.sub(" ", inner))).strip()
        if href and len(text) >= 4:
            texts.append(text)
    if texts:
        _link_texts[page.url] = texts
    return html_text


def drop_link_texts(text: str, links: list[str]) -> str:
    """TEXT without the words of its links to other pages (longest first)."""
    for link in sorted(set(links), key=len, reverse=True):
        text = text.replace(link, " ")
    return SPACE.sub(" ", text).strip()


def on_post_build(config):
    site = Path(config["site_dir"])
    stub_path = site / "search" / "search_index.json"
    if not stub_path.is_file():
        raise PluginError("search/search_index.json was not written: is the 'search' plugin enabled?")
    material_text = stub_path.read_text(encoding="utf-8")
    material = json.loads(material_text)
    index = build_index(material, _keywords, load_synonyms(), _descriptions, _link_texts)
    data = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
    (site / INDEX_NAME).write_text(data, encoding="utf-8")
    stub = {"config": material.get("config", {}), "docs": []}
    stub_path.write_text(json.dumps(stub, separators=(",", ":")), encoding="utf-8")

    worker = site / WORKER
    if not worker.is_file():
        raise PluginError(f"{WORKER} is missing from the build")
    digest = hashlib.sha256(worker.read_bytes() + data.encode("utf-8")).hexdigest()[:10]
    replacement = f"{WORKER}?v={digest}"

    def fix_config(match: re.Match) -> str:
        return match.group(1) + MATERIAL_WORKER.sub(replacement, match.group(2)) + match.group(3)

    count = 0
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        new = CONFIG_BLOCK.sub(fix_config, text)
        if new != text:
            page.write_text(new, encoding="utf-8")
            count += 1
    # Material's lunr worker and its language files are no longer used by any page: leave
    # them out of the site (and so out of the offline cache).
    removed = 0
    for path in [*site.glob("assets/javascripts/workers/search.*"), *site.glob("assets/javascripts/lunr/**/*")]:
        if path.is_file():
            path.unlink()
            removed += 1
    for folder in sorted(site.glob("assets/javascripts/lunr/**/"), key=lambda p: len(p.parts), reverse=True):
        if folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
    workers = site / "assets" / "javascripts" / "workers"
    if workers.is_dir() and not any(workers.iterdir()):
        workers.rmdir()
    log.info(
        "Search: %s %d bytes (Material's index was %d), %d pages, worker set on %d pages, "
        "%d unused lunr files removed",
        INDEX_NAME, len(data.encode("utf-8")), len(material_text.encode("utf-8")), len(index["pages"]), count, removed,
    )
