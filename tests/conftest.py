"""Shared test fixtures: the built site, a static server on 127.0.0.1, headless Chromium, and
loading a snippet as a module the way pytest, the download and Pyodide all see the same file."""

from __future__ import annotations

import functools
import http.server
import importlib.util
import os
import shutil
import socketserver
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parent.parent
SNIPPETS = ROOT / "snippets"
FIXTURES = ROOT / "tests" / "fixtures"
SHARED = ROOT.parent / "shared"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def load_snippet(name: str):
    """Import snippets/NAME.py as a fresh module (snippets/ is not a package)."""
    path = SNIPPETS / f"{name}.py"
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".mjs": "text/javascript",
        ".js": "text/javascript",
        ".wasm": "application/wasm",
        ".json": "application/json",
        ".py": "text/x-python; charset=utf-8",
    }

    def log_message(self, *args):
        pass


class _Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True


@pytest.fixture(scope="session")
def _site(tmp_path_factory):
    """Bind a static server on 127.0.0.1, then `mkdocs build --strict` with site_url set to the
    server's own address (as a real deployment sets its URL: Material's instant navigation only
    follows links listed in sitemap.xml under site_url), then serve the build."""
    out = tmp_path_factory.mktemp("site")
    handler = functools.partial(_QuietHandler, directory=str(out))
    server = _Server(("127.0.0.1", 0), handler)
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SITE_URL=url)
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if proc.returncode != 0:
        server.server_close()
        pytest.fail("mkdocs build --strict failed:\n" + proc.stdout + proc.stderr)
    (out.parent / f"{out.name}.build.log").write_text(proc.stdout + proc.stderr, encoding="utf-8")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield out, url
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def site_dir(_site) -> Path:
    """A fresh `mkdocs build --strict` of the repository (warnings fail the build)."""
    return _site[0]


@pytest.fixture(scope="session")
def site_url(_site) -> str:
    return _site[1]


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is not installed (bash scripts/dev.sh setup installs Debian's chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture()
def page(browser, site_url):
    """A fresh browser context; every request it makes is recorded in page.requests_seen."""
    context = browser.new_context(locale="ja-JP", service_workers="block")
    page = context.new_page()
    page.requests_seen = []
    page.console_errors = []
    page.on("request", lambda request: page.requests_seen.append(request.url))
    page.on("console", lambda msg: msg.type == "error" and page.console_errors.append(msg.text))
    page.on("pageerror", lambda exc: page.console_errors.append(str(exc)))
    yield page
    context.close()


def foreign_requests(urls) -> list[str]:
    """The URLs that went anywhere but 127.0.0.1 (data: and blob: stay in the page)."""
    bad = []
    for url in urls:
        parts = urlsplit(url)
        if parts.scheme in ("data", "blob", "about"):
            continue
        if parts.hostname != "127.0.0.1":
            bad.append(url)
    return bad


def have(binary: str) -> bool:
    return shutil.which(binary) is not None or Path(binary).exists()
