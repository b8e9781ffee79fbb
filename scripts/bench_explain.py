"""Benchmark of the explainers: prints figures, asserts nothing.

    .venv/bin/python scripts/bench_explain.py [--seconds S] [--big-lines N] [--visits N] [--no-jc] [--no-browser]

1. CPython lines/second of each explainer and of jc's parser for the same command on the same
   inputs (jc's own English Windows fixtures), with the ratio. jc is installed only in the
   benchmark's own environment (.venv-bench, pinned), never in the project's .venv.
2. Time for one input of about 100,000 lines (explainer and jc).
3. In headless Chromium (Debian's) on a link throttled through the DevTools protocol (9 Mbit/s
   down, 40 ms latency), against scripts/serve_site.py as a host with gzip and max-age=600 and
   as one without compression: bytes and time of a reading page, of a paste page whose box is
   never touched, of the first paste page with a paste at once, and from a paste to findings
   after moving to explain/ by the site's own link (issue 11's goals); the pastes are the median
   of --visits cold visits.
4. Unthrottled: page open to Python ready on explain/, Pyodide's own bare start-up in a worker
   on the same server for comparison, and click to rendered findings once ready (< 50 ms), also
   for each explainer's largest fixture.
5. Bounce mails against Sisimai's corpus (../shared/sisimai): agreement and time per mail
   (scripts/bench_bounce.py).
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from conftest import CHROMIUM, CHROMIUM_ARGS, _QuietHandler, _Server, load_snippet  # noqa: E402

JC_VERSION = "1.26.1"
BENCH_VENV = ROOT / ".venv-bench"
FIX = ROOT / "tests" / "fixtures"
INPUTS = {
    "ipconfig": sorted(FIX.glob("ipconfig/en-win*-jc-ipconfig-all.txt")),
    "netstat": sorted(FIX.glob("netstat/en-win10-jc-netstat-a*.txt")),
}

# Both sides are timed the same way: the best (least disturbed) of many passes over the same
# inputs, so that load from other processes on the machine skews neither figure.
BEST_OF = r"""
def best_lines_per_s(fn, texts, seconds):
    import time
    lines = sum(t.count("\n") + 1 for t in texts)
    for t in texts:
        fn(t)  # warm up
    best, deadline = float("inf"), time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        start = time.perf_counter()
        for t in texts:
            fn(t)
        best = min(best, time.perf_counter() - start)
    return lines / best
"""
exec(BEST_OF)

JC_TIMER = BEST_OF + r"""
import json, sys, jc
tool, seconds, paths = sys.argv[1], float(sys.argv[2]), sys.argv[3:]
texts = [open(p, encoding="utf-8", newline="").read() for p in paths]
print(json.dumps({"lines_per_s": best_lines_per_s(lambda t: jc.parse(tool, t, quiet=True), texts, seconds)}))
"""


def ensure_jc() -> Path | None:
    python = BENCH_VENV / "bin" / "python"
    if not python.exists():
        print(f"creating {BENCH_VENV.name} with jc=={JC_VERSION} (benchmark only)", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", str(BENCH_VENV)], check=True)
    probe = subprocess.run([str(python), "-c", "import jc; print(jc.__version__)"], capture_output=True, text=True)
    if probe.stdout.strip() != JC_VERSION:
        subprocess.run([str(python), "-m", "pip", "install", "-q", f"jc=={JC_VERSION}"], check=True)
    return python


def read(path: Path) -> str:
    return path.read_bytes().decode("utf-8")


def ours_lines_per_s(tool: str, texts: list[str], seconds: float) -> float:
    mod = load_snippet(f"explain_{tool}")
    return best_lines_per_s(mod.explain, texts, seconds)  # noqa: F821 - defined by exec(BEST_OF)


def jc_lines_per_s(python: Path, tool: str, paths: list[Path], seconds: float) -> float:
    out = subprocess.run([str(python), "-c", JC_TIMER, tool, str(seconds), *map(str, paths)],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout)["lines_per_s"]


def big_input(tool: str, lines_wanted: int) -> str:
    """One output of about N lines: the header once, then the body (adapters or rows) repeated."""
    text = read(INPUTS[tool][0]).replace("\r\n", "\n")
    rows = text.split("\n")
    if tool == "ipconfig":
        first = next(i for i, r in enumerate(rows) if r.strip().lower().endswith(":") and "adapter" in r.lower())
    else:
        first = next(i for i, r in enumerate(rows) if r.strip().startswith(("TCP", "UDP")))
    head, body = rows[:first], [r for r in rows[first:] if r.strip()] + [""]
    out = list(head)
    while len(out) < lines_wanted:
        out.extend(body)
    return "\n".join(out[:lines_wanted]) + "\n"


def time_once(fn, *args) -> float:
    """Best of three runs (one run of 100k lines is at the mercy of the machine's load)."""
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        fn(*args)
        best = min(best, time.perf_counter() - start)
    return best


def jc_time_big(python: Path, tool: str, text: str) -> float:
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as handle:
        handle.write(text)
    code = ("import sys, time, jc; t = open(sys.argv[2], encoding='utf-8').read(); best = 1e9\n"
            "for _ in range(3):\n s = time.perf_counter(); jc.parse(sys.argv[1], t, quiet=True); "
            "best = min(best, time.perf_counter() - s)\nprint(best)")
    try:
        out = subprocess.run([str(python), "-c", code, tool, handle.name], capture_output=True, text=True, check=True)
        return float(out.stdout)
    finally:
        os.unlink(handle.name)


BARE_HTML = """<!doctype html><meta charset="utf-8"><title>bare pyodide</title>
<script type="module" src="main.js"></script>"""
BARE_MAIN = """const w = new Worker(new URL("bare-worker.js", location.href), {type: "module"});
w.onmessage = () => { window.__bareReadyAt = performance.now(); };"""
BARE_WORKER = """import { loadPyodide } from "../assets/pyodide/pyodide.mjs";
await loadPyodide({ indexURL: new URL("../assets/pyodide/", import.meta.url).href });
postMessage("ready");"""

# A 4G-class link (issue 11): 9 Mbit/s down, 40 ms latency.
LINK = {"offline": False, "latency": 40, "downloadThroughput": 9_000_000 / 8, "uploadThroughput": 4_000_000 / 8}
RESULT_DONE = "() => ['done','unrecognized','error'].includes(document.querySelector('[data-testid=explain-result]').dataset.state)"


def build_site(url: str | None = None) -> Path:
    site = Path(tempfile.mkdtemp(prefix="bench-site-"))
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SITE_URL=url or "http://127.0.0.1:8000/")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "--site-dir", str(site)],
                   cwd=ROOT, env=env, check=True)
    (site / "bench").mkdir()
    (site / "bench" / "index.html").write_text(BARE_HTML, encoding="utf-8")
    (site / "bench" / "bare-worker.js").write_text(BARE_WORKER, encoding="utf-8")
    (site / "bench" / "main.js").write_text(BARE_MAIN, encoding="utf-8")
    return site


def _throttled(browser, url: str, service_workers: str = "allow"):
    context = browser.new_context(locale="ja-JP", service_workers=service_workers)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": False})
    cdp.send("Network.emulateNetworkConditions", LINK)
    return context, page


def _paste(page, text: str) -> float:
    """Paste as a person does (focus, then the paste event) and return ms until findings."""
    box = page.locator('[data-testid="paste-input"]')
    box.focus()
    start = time.perf_counter()
    page.evaluate("""(text) => {
        const box = document.querySelector('[data-testid=paste-input]');
        box.value = text;
        box.dispatchEvent(new ClipboardEvent('paste', {bubbles: true}));
    }""", text)
    page.wait_for_function(RESULT_DONE, timeout=180_000, polling=20)
    return (time.perf_counter() - start) * 1000


def _cold_paste(page, handler, url: str, text: str) -> tuple[float, int]:
    """Open URL and paste TEXT as soon as the page is there: (ms to findings, bytes the server sent)."""
    handler.bytes_sent = 0
    start = time.perf_counter()
    page.goto(url, wait_until="domcontentloaded")
    _paste(page, text)
    return (time.perf_counter() - start) * 1000, handler.bytes_sent


def _median_range(visits: list[tuple[float, int]]) -> tuple[float, int, float, float]:
    """(median ms, most bytes, fastest ms, slowest ms) of cold visits."""
    times = [t for t, _ in visits]
    return statistics.median(times), max(b for _, b in visits), min(times), max(times)


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def throttled_figures(site: Path, port: int, compress: str, sample: str, second: str, visits: int = 3) -> dict:
    """The visits of issue 11 on a throttled link, against a host that compresses (gzip,
    max-age=600) or one that does not. Bytes are counted by the server (body bytes sent). The
    first paste (and the paste after moving to explain/, and a paste on explain/ opened first) is
    the median of VISITS cold visits: one visit alone varies by a few tenths of a second on a
    shared machine."""
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(ROOT / "scripts"))
    from serve_site import make_server

    server = make_server(site, port, compress)
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    handler = server.RequestHandlerClass
    threading.Thread(target=server.serve_forever, daemon=True).start()
    fig = {}
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            # 1. A reading page, and a paste page whose box is never touched (the page itself; the
            #    service worker's one-time offline copy is measured next).
            for key, path in (("reading", "mail/smtp-auth/"), ("untouched", "network/ipconfig/")):
                context, page = _throttled(browser, url, "block")
                handler.bytes_sent = 0
                start = time.perf_counter()
                page.goto(url + path, wait_until="load")
                page.wait_for_load_state("networkidle")
                page.wait_for_timeout(1500)
                page.wait_for_load_state("networkidle")
                fig[key] = ((time.perf_counter() - start) * 1000, handler.bytes_sent)
                context.close()
            # The service worker's offline copy of the site (once per build, in the background).
            context, page = _throttled(browser, url)
            handler.bytes_sent = 0
            page.goto(url + "mail/smtp-auth/", wait_until="load")
            start = time.perf_counter()
            has_sw = page.evaluate("""() => new Promise((resolve) => {
                if (!navigator.serviceWorker) return resolve(false);
                const give_up = setTimeout(() => resolve(false), 60000);
                navigator.serviceWorker.ready.then(() => { clearTimeout(give_up); resolve(true); });
            })""")
            page.wait_for_load_state("networkidle")
            # The same page without the service worker sent fig["reading"] bytes: the rest is the copy.
            fig["sw"] = (has_sw, (time.perf_counter() - start) * 1000, handler.bytes_sent - fig["reading"][1])
            context.close()
            # 2. First paste page: paste at once, then move by the site's own link and paste again
            #    (VISITS cold visits, each in a new browser context: the median is printed).
            firsts, nexts = [], []
            for _ in range(visits):
                context, page = _throttled(browser, url)
                firsts.append(_cold_paste(page, handler, url + "network/ipconfig/", sample))
                page.evaluate("() => { window.__sameDocument = true; }")
                page.locator('a[href$="explain/"]').first.click()
                page.wait_for_url("**/explain/")
                page.wait_for_function("() => document.querySelector('[data-testid=explain-result]') && document.querySelector('[data-testid=explain-result]').dataset.state === 'idle'")
                instant = page.evaluate("() => window.__sameDocument === true")
                nexts.append((_paste(page, second), instant))
                context.close()
            fig["first_paste"] = _median_range(firsts)
            fig["next_paste"] = (statistics.median(t for t, _ in nexts), all(i for _, i in nexts))
            # 3. explain/ as the first page (the page people are sent to), paste at once.
            explains = []
            for _ in range(visits):
                context, page = _throttled(browser, url)
                explains.append(_cold_paste(page, handler, url + "explain/", sample))
                context.close()
            fig["explain_first"] = _median_range(explains)
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return fig


def browser_figures(runs: int, site: Path) -> dict:
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_QuietHandler, directory=str(site))
    server = _Server(("127.0.0.1", 0), handler)
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    sample = read(INPUTS["ipconfig"][0])
    bare, ours, clicks = [], [], []
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for _ in range(runs):
                for target, flag, store in ((f"{url}bench/", "__bareReadyAt", bare), (f"{url}explain/", "__explainReadyAt", ours)):
                    context = browser.new_context()
                    page = context.new_page()
                    page.goto(target)
                    page.wait_for_function(f"() => window.{flag} !== undefined", timeout=180_000)
                    store.append(page.evaluate(f"() => window.{flag}"))
                    if store is ours:
                        # Every explainer imported (in the background after ready, when it does that).
                        try:
                            page.wait_for_function("() => window.__explainWarmAt !== undefined", timeout=30_000)
                        except Exception:
                            pass  # a version that imports everything before it is ready
                        page.wait_for_timeout(300)
                        for _ in range(5):
                            page.fill('[data-testid="paste-input"]', sample)
                            page.click('[data-testid="explain-button"]')
                            page.wait_for_function("() => document.querySelector('[data-testid=explain-result]').dataset.state === 'done'")
                            clicks.append(float(page.get_attribute('[data-testid="explain-result"]', "data-render-ms")))
                            page.evaluate("() => { document.querySelector('[data-testid=explain-result]').dataset.state = 'idle'; }")
                    context.close()
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return {"bare_ms": statistics.median(bare), "ours_ms": statistics.median(ours), "click_ms": statistics.median(clicks),
            "runs": runs, "per_tool": per_tool_clicks(url_site=site)}


def largest_fixtures() -> dict:
    """{tool: the largest fixture (bytes) of each explainer}."""
    out = {}
    for path in FIX.glob("*/*"):
        tool = path.parent.name
        if path.suffix not in (".txt", ".out"):
            continue
        if (ROOT / "snippets" / f"explain_{tool}.py").is_file():
            if tool not in out or path.stat().st_size > out[tool].stat().st_size:
                out[tool] = path
    return dict(sorted(out.items()))


def per_tool_clicks(url_site: Path) -> dict:
    """Click to rendered findings on explain/ for each explainer's largest fixture (best of 3)."""
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_QuietHandler, directory=str(url_site))
    server = _Server(("127.0.0.1", 0), handler)
    url = f"http://127.0.0.1:{server.server_address[1]}/explain/"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    result = {}
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.goto(url)
            page.wait_for_function("() => window.__explainReadyAt !== undefined", timeout=180_000)
            try:
                page.wait_for_function("() => window.__explainWarmAt !== undefined", timeout=60_000)
            except Exception:
                pass
            for tool, path in largest_fixtures().items():
                text = path.read_bytes().decode("utf-8", "replace")
                times = []
                for _ in range(3):
                    page.fill('[data-testid="paste-input"]', text)
                    page.click('[data-testid="explain-button"]')
                    page.wait_for_function("() => ['done','unrecognized'].includes(document.querySelector('[data-testid=explain-result]').dataset.state)", timeout=60_000)
                    times.append(float(page.get_attribute('[data-testid="explain-result"]', "data-render-ms") or "nan"))
                    page.evaluate("() => { document.querySelector('[data-testid=explain-result]').dataset.state = 'idle'; }")
                result[tool] = (path.name, path.stat().st_size, min(times))
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=2.0, help="time per throughput measurement (default: %(default)s)")
    parser.add_argument("--big-lines", type=int, default=100_000, help="lines of the big input (default: %(default)s)")
    parser.add_argument("--browser-runs", type=int, default=3, help="cold page loads per figure (default: %(default)s)")
    parser.add_argument("--visits", type=int, default=3, help="throttled cold first pastes per host (default: %(default)s)")
    parser.add_argument("--no-jc", action="store_true", help="skip jc")
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium figures")
    args = parser.parse_args(argv)

    python = None if args.no_jc else ensure_jc()
    print(f"Python {sys.version.split()[0]} on {sys.platform}; jc {JC_VERSION if python else '(skipped)'}")
    print()
    print("Throughput on jc's own English Windows fixtures (best pass of each; ours parses and")
    print("interprets, jc only parses):")
    print(f"{'tool':<10}{'inputs':>7}{'ours lines/s':>15}{'jc lines/s':>14}{'ours/jc':>9}")
    for tool, paths in INPUTS.items():
        texts = [read(p) for p in paths]
        ours = ours_lines_per_s(tool, texts, args.seconds)
        theirs = jc_lines_per_s(python, tool, paths, args.seconds) if python else float("nan")
        print(f"{tool:<10}{len(paths):>7}{ours:>15,.0f}{theirs:>14,.0f}{ours / theirs:>8.2f}x")
    print()
    print(f"{'tool':<10}{'big input':>12}{'ours s':>10}{'jc s':>10}")
    for tool in INPUTS:
        text = big_input(tool, args.big_lines)
        mod = load_snippet(f"explain_{tool}")
        ours = time_once(mod.explain, text)
        theirs = jc_time_big(python, tool, text) if python else float("nan")
        print(f"{tool:<10}{text.count(chr(10)):>12,}{ours:>10.3f}{theirs:>10.3f}")
    if not args.no_browser:
        port = free_port()
        site = build_site(f"http://127.0.0.1:{port}/")
        sample = read(FIX / "ipconfig" / "ja-wsl2-wireless.txt")
        second = read(FIX / "netstat" / "en-win10-jc-netstat-aon.txt")
        for compress, label in (("gzip", "gzip, max-age=600"), ("none", "no compression")):
            t = throttled_figures(site, port, compress, sample, second, args.visits)
            print()
            print(f"Chromium, 9 Mbit/s down, 40 ms latency, host: {label} (cold visits; pastes: median of {args.visits}):")
            print(f"  reading page (mail/smtp-auth/)           : {t['reading'][0] / 1000:6.2f} s {t['reading'][1] / 1e6:6.2f} MB")
            print(f"  paste page, box never touched (ipconfig) : {t['untouched'][0] / 1000:6.2f} s {t['untouched'][1] / 1e6:6.2f} MB  (target <= 1 MB)")
            print(f"  first paste page, paste at once -> found : {t['first_paste'][0] / 1000:6.2f} s {t['first_paste'][1] / 1e6:6.2f} MB  "
                  f"(range {t['first_paste'][2] / 1000:.2f}-{t['first_paste'][3] / 1000:.2f} s; target <= 5 s gzip / 8 s none, <= 4 MB)")
            print(f"  then explain/ by link, paste -> found    : {t['next_paste'][0] / 1000:6.2f} s  (instant navigation: {t['next_paste'][1]}; target <= 1.5 s)")
            e = t["explain_first"]
            print(f"  explain/ as first page, paste -> found   : {e[0] / 1000:6.2f} s {e[1] / 1e6:6.2f} MB  "
                  f"(range {e[2] / 1000:.2f}-{e[3] / 1000:.2f} s)")
            if t["sw"][0]:
                print(f"  offline copy of the site (service worker): {t['sw'][1] / 1000:6.2f} s {t['sw'][2] / 1e6:6.2f} MB  (once per build; time from the page's load)")
            else:
                print("  offline copy of the site (service worker): none")
        fig = browser_figures(args.browser_runs, site)
        print()
        print(f"Chromium (median of {fig['runs']} cold loads):")
        print(f"  Pyodide bare start-up in a worker : {fig['bare_ms']:8.0f} ms")
        print(f"  paste page open to Python ready   : {fig['ours_ms']:8.0f} ms  ({fig['ours_ms'] / fig['bare_ms']:.2f}x bare; target <= 1.30x)")
        print(f"  click to rendered findings        : {fig['click_ms']:8.1f} ms  (target < 50 ms)")
        print()
        print("Click to rendered findings on explain/, each explainer's largest fixture (best of 3):")
        for tool, (name, size, ms) in fig["per_tool"].items():
            print(f"  {tool:<18}{size:>9,} bytes {ms:8.1f} ms  {name}")
    corpus = ROOT.parent / "shared" / "sisimai"
    if (corpus / "expected.json").is_file():
        import bench_bounce

        res = bench_bounce.measure(corpus, bench_bounce.load(str(ROOT / "snippets" / "explain_bounce.py")))
        mapped = max(res["with_mapped_reason"], 1)
        secs = res["seconds"]
        print()
        print(f"Bounce mails vs Sisimai's corpus ({res['mails']} mails; scripts/bench_bounce.py for details):")
        print(f"  recognized {res['recognized']}/{res['mails']}, raised {res['raised']}; agreement {res['agreed']}/{mapped} "
              f"({100 * res['agreed'] / mapped:.1f}%), with documented disagreements "
              f"{res['agreed'] + res['documented']}/{mapped} ({100 * (res['agreed'] + res['documented']) / mapped:.1f}%)")
        print(f"  time per mail: median {1000 * statistics.median(secs):.2f} ms, max {1000 * max(secs):.1f} ms, "
              f"all {sum(secs):.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
