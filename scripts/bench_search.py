"""Benchmark the site's search in headless Chromium: index size, and the time from the last
keystroke to the rendered results, with a cold index (first query of a fresh browser context:
the index is downloaded and prepared) and a warm one (later queries).

    .venv/bin/python scripts/bench_search.py                 # builds the site into a temp dir
    .venv/bin/python scripts/bench_search.py --site-dir site # an existing build
    .venv/bin/python scripts/bench_search.py --table         # also the first-hit rate of
                                                             # tests/search_queries.py

Everything stays on 127.0.0.1. Exit status: 0 done, 1 the build or the browser failed (one line
on stderr), 2 bad arguments.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import socketserver
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from urllib.parse import urljoin

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
COLD_QUERIES = ["名前解決できない", "ｉｐｃｏｎｆｉｇ", "メールが戻ってくる", "ドコモ 受信拒否", "550 5.1.1"]
WARM_QUERIES = [
    "ping", "インターネットにつながらない", "送信済みにあるのに届かない", "SMTP AUTH",
    "会社からメールが送れない", "ＩＰアドレス 確認", "迷惑メールフォルダに入る", "5.7.26",
    "宛先不明で戻ってきた", "プロバイダ ID パスワード", "tracert", "ネットに繋がらない",
]

# Time from the keyup Material listens to until the result list's first item is rendered.
MEASURE = """
async (query) => {
  const box = document.querySelector("input.md-search__input");
  const list = document.querySelector(".md-search-result__list");
  box.focus();
  /* An empty query first: Material ignores a repeat of the same value. */
  box.value = "";
  box.dispatchEvent(new KeyboardEvent("keyup", { key: "Backspace", bubbles: true }));
  await new Promise(r => setTimeout(r, 60));
  box.value = query;
  const done = new Promise(resolve => {
    const observer = new MutationObserver(() => {
      if (list.querySelector("li.md-search-result__item")) { observer.disconnect(); resolve(performance.now()); }
    });
    observer.observe(list, { childList: true });
  });
  const start = performance.now();
  box.dispatchEvent(new KeyboardEvent("keyup", { key: "End", bubbles: true }));
  const end = await Promise.race([done, new Promise(r => setTimeout(() => r(null), 10000))]);
  return end === null ? null : end - start;
}
"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".js": "text/javascript",
                      ".json": "application/json", ".wasm": "application/wasm", ".mjs": "text/javascript"}

    def log_message(self, *args):
        pass


class _Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True


def build(out: Path, url: str) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SITE_URL=url)
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    if proc.returncode:
        tail = (proc.stdout + proc.stderr).strip().splitlines()[-1:] or ["?"]
        raise RuntimeError(f"mkdocs build failed: {tail[0]}")


def wait_results(page, query: str, site_url: str) -> list[str]:
    """Type QUERY as keystrokes and return the result URLs once the list is stable."""
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("")
    box.press_sequentially(query, delay=5)
    box.press("End")
    items = page.locator(".md-search-result__list > li.md-search-result__item > a")
    last, stable = None, 0
    for _ in range(100):
        page.wait_for_timeout(80)
        hrefs = [items.nth(i).get_attribute("href") for i in range(min(items.count(), 3))]
        stable = stable + 1 if hrefs == last else 0
        last = hrefs
        if stable >= 4 and hrefs:
            break
    return [urljoin(site_url, h).split("#")[0].split("?")[0] for h in last or []]


def run(site: Path, url: str, table: bool) -> None:
    from playwright.sync_api import sync_playwright

    sizes = {p.name: p.stat().st_size for p in sorted((site / "search").glob("*.json"))}
    for name, size in sizes.items():
        print(f"index  search/{name}: {size / 1024:.1f} KiB")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"])
        cold, fetched_at_load = [], []
        for query in COLD_QUERIES:
            context = browser.new_context(locale="ja-JP", service_workers="block")
            page = context.new_page()
            seen = []
            page.on("request", lambda r: seen.append(r.url))
            page.goto(url)
            page.wait_for_load_state("networkidle")
            fetched_at_load.append(sorted({u.split("?")[0].rsplit("/", 1)[-1] for u in seen if "/search/" in u and ".json" in u}))
            ms = page.evaluate(MEASURE, query)
            cold.append(ms)
            context.close()
        context = browser.new_context(locale="ja-JP", service_workers="block")
        page = context.new_page()
        page.goto(url)
        page.evaluate(MEASURE, "ping")
        warm = [page.evaluate(MEASURE, q) for q in WARM_QUERIES for _ in range(3)]
        loaded = sorted({name for names in fetched_at_load for name in names})
        print("page load fetches (before any query): " + (", ".join(f"search/{n}" for n in loaded) or "nothing"))
        for label, values in (("cold", cold), ("warm", warm)):
            ok = [v for v in values if v is not None]
            if not ok:
                print(f"{label}: no results")
                continue
            print(f"{label}  keystroke -> results: median {statistics.median(ok):.1f} ms, "
                  f"max {max(ok):.1f} ms ({len(ok)}/{len(values)} queries)")
        if table:
            sys.path.insert(0, str(ROOT / "tests"))
            from search_queries import PENDING, QUERIES

            rows = [(q, s) for q, s, _ in QUERIES if not (s in PENDING and not (ROOT / "docs" / s).is_file())]
            good = 0
            for query, source in rows:
                path = source[:-3]
                want = urljoin(url, "" if path == "index" else path.removesuffix("/index") + "/")
                hits = wait_results(page, query, url)
                if hits and hits[0] == want:
                    good += 1
                else:
                    print(f"  miss {query!r}: want {source}, got {[h.removeprefix(url) for h in hits[:2]]}")
            print(f"first hit right: {good}/{len(rows)} = {good / len(rows):.1%}")
        context.close()
        browser.close()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Search index size and keystroke-to-results time")
    parser.add_argument("--site-dir", type=Path, help="an existing build (default: build into a temp dir)")
    parser.add_argument("--table", action="store_true", help="also type the query table and report the first-hit rate")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site_dir or Path(tmp) / "site"
        if args.site_dir and not (site / "search").is_dir():
            print(f"bench_search: {site} has no search/ directory", file=sys.stderr)
            return 2
        handler = functools.partial(_Quiet, directory=str(site))
        site.mkdir(parents=True, exist_ok=True)
        server = _Server(("127.0.0.1", 0), handler)
        url = f"http://127.0.0.1:{server.server_address[1]}/"
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            if not args.site_dir:
                build(site, url)
            run(site, url, args.table)
        except Exception as exc:  # one line, no traceback
            print(f"bench_search: {type(exc).__name__}: {exc}".splitlines()[0], file=sys.stderr)
            return 1
        finally:
            server.shutdown()
            server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
