"""MkDocs hooks: everything a plain ``mkdocs build`` needs beyond Markdown pages.

* Every ``snippets/*.py`` becomes a download at ``downloads/<name>`` (the very bytes, no copy
  kept in ``docs/``), which the Pyodide worker also loads.
* The self-hosted Pyodide core from ``node_modules/pyodide`` is published at ``assets/pyodide/``.
* A line break inside a Japanese sentence is dropped (browsers render it as a stray space).
* The standard library the explainers use (``scripts/stdlib_files.txt``) becomes
  ``assets/pyodide/python_stdlib.min.zip`` (comments and docstrings dropped where the syntax tree
  round-trips exactly, then compiled to bytecode by Pyodide itself: ``scripts/stdlib_pyc.mjs``),
  and the big runtime files get ``.xz`` twins (Python's lzma: the worker unpacks them with the
  self-hosted xz decoder, 12 KB of WebAssembly from the npm package ``xz-decompress``, published
  at ``assets/xz/``) and ``.gz`` twins (unpacked with ``DecompressionStream`` where the decoder
  cannot run): the same bytes on every host, whether it compresses or not.
* The embedded script sources are highlighted once into ``assets/source/<name>.html``, loaded
  when a reader opens them (the page itself stays small).
* Every HTML page gets a Content-Security-Policy ``<meta>`` that allows only this origin (plus
  ``'wasm-unsafe-eval'`` for Pyodide, ``blob:`` for the worker's unpacked ``pyodide.asm.mjs``
  and the hashes of Material's own inline scripts); the same policy goes into ``_headers``
  (Netlify / Cloudflare Pages) and ``deploy/nginx.conf`` from :func:`security_headers`, so the
  header files never drift from the pages.
* ``sw.js`` at the site root: the service worker that keeps the site working offline, with the
  build's own id and file list (``docs/assets/js/service-worker.js`` is its code).
"""

from __future__ import annotations

import ast
import base64
import gzip
import hashlib
import io
import json
import logging
import lzma
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

log = logging.getLogger("mkdocs.hooks")

ROOT = Path(__file__).resolve().parent.parent
SNIPPETS = ROOT / "snippets"
PYODIDE = ROOT / "node_modules" / "pyodide"
PYODIDE_FILES = (
    "pyodide.mjs",
    "pyodide.asm.mjs",
    "pyodide.asm.wasm",
    "python_stdlib.zip",
    "pyodide-lock.json",
)
DOWNLOADS_DIR = "downloads"
PYODIDE_DIR = "assets/pyodide"
SOURCE_DIR = "assets/source"
STDLIB_LIST = ROOT / "scripts" / "stdlib_files.txt"
STDLIB_MIN = "python_stdlib.min.zip"
STDLIB_PYC = ROOT / "scripts" / "stdlib_pyc.mjs"
SW_SOURCE = "assets/js/service-worker.js"
CACHE = ROOT / "node_modules" / ".cache" / "site-build"
# Runtime files the worker fetches itself and unpacks when the host does not compress them.
# pyodide.asm.mjs (Pyodide's JavaScript half, 1.25 MB) is among them: the worker runs it from a
# blob: URL of the unpacked bytes (script-src allows blob:), so a host that compresses nothing
# sends a sixth of it too.
GZ_TWINS = ("pyodide.asm.wasm", STDLIB_MIN, "pyodide.asm.mjs")
XZ_TWINS = GZ_TWINS
# The xz decoder: xz-embedded (public domain) compiled to WebAssembly by the npm package
# xz-decompress (MIT), which carries it as a data: URL inside its script; the build publishes the
# binary itself (the worker has its own small reader of it: the package's stream class decodes
# one stream at a time, and three arrive at once).
XZ_PACKAGE = ROOT / "node_modules" / "xz-decompress"
XZ_SCRIPT = XZ_PACKAGE / "dist" / "package" / "xz-decompress.js"
XZ_DIR = "assets/xz"
# All explainers as bytecode (build_explainer_bundle), for explain/ and the background imports.
BUNDLE = "explainers.pyc.zip"
XZ_WASM = "xz-decompress.wasm"
# Files in site/ that get a precompressed .gz twin for hosts that serve them (gzip_static).
PRECOMPRESS = (".html", ".css", ".js", ".mjs", ".json", ".py", ".svg", ".xml", ".wasm", ".txt")

_CJK = "\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff01-\uff60"
SOFT_BREAK = re.compile(f"(?<=[{_CJK}])\n[ \t]*(?=[{_CJK}])")
PRE_BLOCK = re.compile(r"(<pre\b.*?</pre>|<textarea\b.*?</textarea>)", re.S | re.I)
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", re.S | re.I)
HEAD_OPEN = re.compile(r"<head[^>]*>", re.I)


def snippet_paths() -> list[Path]:
    return sorted(p for p in SNIPPETS.glob("*.py") if p.is_file())


def explainer_tools() -> dict[str, str]:
    """{file name: TOOL} of every explain_*.py, read without importing it."""
    tools = {}
    for path in snippet_paths():
        if not path.name.startswith("explain_"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in tree.body:
            if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "TOOL" for t in node.targets):
                tools[path.name] = ast.literal_eval(node.value)
        if path.name not in tools:
            raise PluginError(f"snippets/{path.name} has no TOOL = '...' assignment")
    return tools


def _cached(key: str, make) -> bytes:
    """MAKE() once per KEY (a content hash) and keep it in node_modules/.cache: the tests build
    the site several times, and compressing Pyodide takes seconds."""
    path = CACHE / key
    try:
        return path.read_bytes()
    except OSError:
        pass
    data = make()
    try:
        CACHE.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except OSError:
        pass
    return data


def _gzip(data: bytes) -> bytes:
    if len(data) < 1_000_000:
        return gzip.compress(data, 9, mtime=0)
    return _cached("gz-" + hashlib.sha256(data).hexdigest(), lambda: gzip.compress(data, 9, mtime=0))


def _xz(data: bytes) -> bytes:
    """DATA as .xz: LZMA2 at preset 9e with a dictionary just big enough for the file (the
    decoder allocates what the header asks for), CRC-32 check (the decoder verifies it). Measured
    smaller than brotli at quality 11 for pyodide.asm.wasm: 2.64 MB against 2.74."""
    dict_size = max(1 << 20, len(data))
    filters = [{"id": lzma.FILTER_LZMA2, "preset": 9 | lzma.PRESET_EXTREME, "dict_size": dict_size}]
    key = hashlib.sha256(data + repr(filters).encode()).hexdigest()
    return _cached("xz-" + key, lambda: lzma.compress(data, format=lzma.FORMAT_XZ, check=lzma.CHECK_CRC32, filters=filters))


def xz_decoder() -> tuple[bytes, str] | None:
    """The decoder's WebAssembly and the notice at the head of the package's script (authors and
    licences), or None where the package is not installed (the worker takes the .gz twins)."""
    try:
        script = XZ_SCRIPT.read_text(encoding="utf-8")
    except OSError:
        return None
    found = re.search(r'"data:application/wasm;base64,([A-Za-z0-9+/=]+)"', script)
    notice = re.match(r"/\*!(.*?)\*/", script, re.S)
    if not found or not notice:
        raise PluginError(f"{XZ_SCRIPT}: no embedded WebAssembly or notice (a new version of xz-decompress?)")
    version = json.loads((XZ_PACKAGE / "package.json").read_text(encoding="utf-8"))["version"]
    text = (f"{XZ_WASM}: the WebAssembly of the npm package xz-decompress {version} (MIT),\n"
            "https://github.com/httptoolkit/xz-decompress\n\n"
            + "\n".join(line.strip(" *") for line in notice.group(1).strip().splitlines()) + "\n")
    return base64.b64decode(found.group(1)), text


def stdlib_files() -> list[str]:
    return [line.strip() for line in STDLIB_LIST.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


def _strip_source(data: bytes) -> bytes:
    """Comments and docstrings out, when the syntax tree comes back exactly the same (the
    builder's Python may be older than Pyodide's: anything it cannot parse stays as it is)."""
    import warnings

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tree = ast.parse(data.decode("utf-8"))
            for node in ast.walk(tree):
                if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                    body = node.body
                    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
                            and isinstance(body[0].value.value, str):
                        node.body = body[1:] or [ast.Pass()]
            text = ast.unparse(tree)
            if ast.dump(ast.parse(text)) != ast.dump(tree):
                return data
            compile(text, "<stdlib>", "exec", dont_inherit=True)
    except (SyntaxError, ValueError, UnicodeDecodeError, RecursionError):
        return data
    return text.encode("utf-8")


def _pyc_zip(source: bytes, *options: str) -> bytes | None:
    """SOURCE (a zip of .py files) compiled to .pyc by Pyodide's own Python
    (scripts/stdlib_pyc.mjs, with OPTIONS), or None where node is missing."""
    node = shutil.which("node")
    if node is None:
        return None

    def make() -> bytes:
        import tempfile

        with tempfile.TemporaryDirectory() as tmp:
            src, out = Path(tmp) / "source.zip", Path(tmp) / "out.zip"
            src.write_bytes(source)
            proc = subprocess.run([node, str(STDLIB_PYC), str(src), str(out), *options], capture_output=True, timeout=600)
            if proc.returncode != 0 or not out.is_file():
                raise PluginError("scripts/stdlib_pyc.mjs failed: " + proc.stderr.decode(errors="replace")[-500:])
            return out.read_bytes()

    key = hashlib.sha256(source + repr(options).encode() + STDLIB_PYC.read_bytes()
                         + (PYODIDE / "package.json").read_bytes()).hexdigest()
    return _cached("pyc-" + key, make)


def build_stdlib_zip(names: list[str] | None = None) -> bytes:
    """The standard-library zip with only NAMES (default: scripts/stdlib_files.txt) as bytecode
    compiled by Pyodide's own Python (scripts/stdlib_pyc.mjs), stored uncompressed so that the
    .gz and .xz of the whole file compress well. Where node is missing, the sources (Python
    compiles them in the browser then: a second more before the first answer)."""
    source = stdlib_source_zip(names)
    return _pyc_zip(source) or source


def build_explainer_bundle(names: list[str]) -> bytes | None:
    """The explainers NAMES (snippets/explain_*.py, the published bytes) as bytecode in one stored
    zip, compiled by Pyodide's own Python with exact line numbers: explain/ asks every
    explainer's detect(), and compiling all of them from source takes the browser about 0.7 s.
    Each .pyc carries the hash of its source (PEP 552), which a test compares with the snippet.
    None where node is missing (the worker then compiles the sources)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as bundle:
        for name in sorted(names):
            bundle.writestr(zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0)), (SNIPPETS / name).read_bytes())
    return _pyc_zip(buffer.getvalue(), "--exact-lines", "--prefix", f"/home/pyodide/{BUNDLE}")


def stdlib_source_zip(names: list[str] | None = None) -> bytes:
    """The standard-library zip with only NAMES (default: scripts/stdlib_files.txt), sources with
    comments and docstrings out, stored uncompressed."""
    names = stdlib_files() if names is None else names
    full = (PYODIDE / "python_stdlib.zip").read_bytes()
    key = hashlib.sha256(full + "\n".join(names).encode() + Path(__file__).read_bytes()).hexdigest()

    def make() -> bytes:
        buf = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(full)) as src, zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as out:
            present = set(src.namelist())
            missing = [n for n in names if n not in present]
            if missing:
                raise PluginError("scripts/stdlib_files.txt names files Pyodide's zip does not have: "
                                  + ", ".join(missing[:5]) + " (run scripts/stdlib_set.py)")
            for name in names:
                data = src.read(name)
                if name.endswith(".py"):
                    data = _strip_source(data)
                out.writestr(zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0)), data)
        return buf.getvalue()

    return _cached("stdlib-" + key, make)


def _check_explainer_imports() -> None:
    """A module-level import the list lacks would fail only in the browser: stop the build."""
    have = {n.split("/")[0].removesuffix(".py") for n in stdlib_files()}
    builtin = set(sys.builtin_module_names) | {"__future__", "unicodedata", "_codecs_jp", "math", "binascii", "zlib"}
    for path in snippet_paths():
        if not path.name.startswith("explain_"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            for name in names:
                root = name.split(".")[0]
                if root not in have and root not in builtin:
                    raise PluginError(f"snippets/{path.name} imports {name}, which is not in "
                                      "scripts/stdlib_files.txt: run .venv/bin/python scripts/stdlib_set.py")


def render_source(name: str, config) -> str:
    """The highlighted script, exactly as a fenced block on a page would render it."""
    import markdown

    code = (SNIPPETS / name).read_text(encoding="utf-8")
    fence = "`" * max(3, max((len(m) for m in re.findall(r"`{3,}", code)), default=0) + 1)
    md = markdown.Markdown(extensions=[e for e in config["markdown_extensions"] if e != "pymdownx.snippets"],
                           extension_configs={k: v for k, v in config["mdx_configs"].items() if k != "pymdownx.snippets"})
    return md.convert(f'{fence}python title="{name}"\n{code}\n{fence}\n')


def on_files(files, config):
    for path in snippet_paths():
        files.append(File.generated(config, f"{DOWNLOADS_DIR}/{path.name}", abs_src_path=str(path)))
        files.append(File.generated(config, f"{SOURCE_DIR}/{path.name}.html", content=render_source(path.name, config)))
    missing = [name for name in PYODIDE_FILES if not (PYODIDE / name).is_file()]
    if missing:
        raise PluginError(
            "node_modules/pyodide is missing "
            + ", ".join(missing)
            + ": run 'bash scripts/dev.sh setup' (or 'npm ci') first"
        )
    for name in PYODIDE_FILES:
        files.append(File.generated(config, f"{PYODIDE_DIR}/{name}", abs_src_path=str(PYODIDE / name)))
    _check_explainer_imports()
    tools = explainer_tools()
    runtime = {
        "pyodide.asm.wasm": (PYODIDE / "pyodide.asm.wasm").read_bytes(),
        STDLIB_MIN: build_stdlib_zip(),
        "pyodide.asm.mjs": (PYODIDE / "pyodide.asm.mjs").read_bytes(),
    }
    files.append(File.generated(config, f"{PYODIDE_DIR}/{STDLIB_MIN}", content=runtime[STDLIB_MIN]))
    sizes = {}
    for name in GZ_TWINS:
        packed = _gzip(runtime[name])
        files.append(File.generated(config, f"{PYODIDE_DIR}/{name}.gz", content=packed))
        sizes[name] = {"size": len(runtime[name]), "gz": len(packed)}
    decoder = xz_decoder()
    xz = None
    if decoder is not None:
        wasm, notice = decoder
        files.append(File.generated(config, f"{XZ_DIR}/{XZ_WASM}", content=wasm))
        files.append(File.generated(config, f"{XZ_DIR}/NOTICE.txt", content=notice))
        xz = {"wasm": XZ_WASM, "size": len(wasm)}
        for name in XZ_TWINS:
            packed = _xz(runtime[name])
            files.append(File.generated(config, f"{PYODIDE_DIR}/{name}.xz", content=packed))
            sizes[name]["xz"] = len(packed)
        bundle = build_explainer_bundle(list(tools))
        if bundle is not None:
            # Only as .xz: where it cannot be unpacked, the worker takes the sources.
            packed = _xz(bundle)
            files.append(File.generated(config, f"{PYODIDE_DIR}/{BUNDLE}.xz", content=packed))
            sizes[BUNDLE] = {"size": len(bundle), "xz": len(packed)}
    else:
        # Without the decoder package (npm ci not run since it was added): the .gz path.
        log.info("no .xz twins (node_modules/xz-decompress missing): the worker uses the .gz ones")
    lock = json.loads((PYODIDE / "pyodide-lock.json").read_text(encoding="utf-8"))
    manifest = {
        "files": sorted(tools),
        "tools": sorted(tools.values()),
        "modules": {tool: name for name, tool in tools.items()},
        "sizes": {**sizes, **{name: {"size": (SNIPPETS / name).stat().st_size} for name in tools}},
        # The worker loads no Pyodide packages: the lock file's header is all it needs.
        "lock": {"info": lock["info"], "packages": {}},
        "xz": xz,
    }
    files.append(File.generated(config, "assets/explainers.json", content=json.dumps(manifest)))
    # The service worker's code is published as /sw.js with this build's list (on_post_build).
    sw = files.get_file_from_path(SW_SOURCE)
    if sw is not None:
        files.remove(sw)
    return files


def on_page_content(html, page, config, files):
    """Join lines that were wrapped inside Japanese text; code blocks keep their line breaks."""
    parts = PRE_BLOCK.split(html)
    return "".join(part if i % 2 else SOFT_BREAK.sub("", part) for i, part in enumerate(parts))


def on_serve(server, config, builder):
    server.watch(str(SNIPPETS))
    return server


def _csp(script_hashes: set[str]) -> str:
    hashes = " ".join(f"'sha256-{h}'" for h in sorted(script_hashes))
    return "; ".join(
        [
            "default-src 'self'",
            # blob: for the worker's pyodide.asm.mjs, unpacked from its twin (only script of this
            # origin can make a blob: URL).
            f"script-src 'self' blob: 'wasm-unsafe-eval' {hashes}".rstrip(),
            "worker-src 'self'",
            "connect-src 'self'",
            "img-src 'self' data:",
            # Material sets style attributes from its scripts (e.g. the header shadow).
            "style-src 'self' 'unsafe-inline'",
            "font-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
        ]
    )


# Headers for every response. The CSP is the pages' own policy plus what only a header can say.
def security_headers(csp: str) -> dict[str, str]:
    return {
        "Content-Security-Policy": f"{csp}; frame-ancestors 'none'",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    }


# Material's bundles carry their content hash in the name: cached for a year. Everything else
# (pages, our scripts, Pyodide under a stable name) for ten minutes; the service worker is
# revalidated on every check, as the browser requires for updates to arrive.
HASHED_ASSETS = ("/assets/javascripts/*", "/assets/stylesheets/*")


def headers_file(csp: str) -> str:
    """``_headers`` for Netlify and Cloudflare Pages. Both merge every rule that matches a path,
    so each header is set by one rule only (pages keep the host's own revalidating default)."""
    lines = ["/*"]
    lines += [f"  {k}: {v}" for k, v in security_headers(csp).items()]
    lines.append("")
    for pattern in HASHED_ASSETS:
        lines += [pattern, "  Cache-Control: public, max-age=31536000, immutable", ""]
    for pattern in ("/assets/js/*", "/assets/pyodide/*", "/assets/source/*", "/downloads/*"):
        lines += [pattern, "  Cache-Control: public, max-age=600", ""]
    lines += ["/sw.js", "  Cache-Control: no-cache", ""]
    lines += ["/assets/pyodide/pyodide.asm.wasm", "  Content-Type: application/wasm", ""]
    for name in ("pyodide.mjs", "pyodide.asm.mjs"):
        lines += [f"/assets/pyodide/{name}", "  Content-Type: text/javascript; charset=utf-8", ""]
    return "\n".join(lines)


def nginx_conf(csp: str) -> str:
    """The same headers as an nginx ``server`` snippet (deploy/nginx.conf)."""
    def add(headers: dict[str, str], indent: str) -> list[str]:
        return [f"{indent}add_header {k} \"{v}\" always;" for k, v in headers.items()]

    sec = security_headers(csp)
    out = [
        "# Generated by scripts/mkdocs_hooks.py (nginx_conf) from the same policy as the pages' CSP",
        "# meta tag: do not edit by hand, run",
        "#   .venv/bin/mkdocs build && .venv/bin/python scripts/mkdocs_hooks.py nginx site > deploy/nginx.conf",
        "# Include it inside the server { } block that serves the built site/ as its root.",
        "",
        "charset utf-8;",
        "charset_types text/css text/javascript application/javascript application/json text/plain;",
        "gzip on;",
        "gzip_static on;",
        "gzip_types text/css text/javascript application/javascript application/json application/wasm image/svg+xml application/xml text/plain;",
        "",
        "# nginx drops inherited add_header lines in a location that adds its own: every location",
        "# repeats the security headers.",
    ]
    out += add(sec, "")
    out += ['add_header Cache-Control "public, max-age=600" always;', ""]
    out += ["location ~ ^/assets/(javascripts|stylesheets)/ {"]
    out += add(sec, "    ")
    out += ['    add_header Cache-Control "public, max-age=31536000, immutable" always;', "}", ""]
    out += ["location = /sw.js {"]
    out += add(sec, "    ")
    out += ['    add_header Cache-Control "no-cache" always;', "}", ""]
    # Content types that older mime.types files lack (a types { } block here would replace them all).
    for ext, ctype in (("wasm", "application/wasm"), ("mjs", "text/javascript")):
        out += [f"location ~ \\.{ext}$ {{", "    types { }", f"    default_type {ctype};"]
        out += add(sec, "    ")
        out += ['    add_header Cache-Control "public, max-age=600" always;', "}", ""]
    return "\n".join(out)


def _page_url(site: Path, page: Path) -> str:
    rel = page.relative_to(site).as_posix()
    if rel == "index.html":
        return "./"
    if rel.endswith("/index.html"):
        return rel[: -len("index.html")]
    return rel


# What the service worker keeps for offline use. SHELL is cached when the worker installs. The
# Python runtime is large: it is cached when a reader first uses a paste box (the page asks for
# it), not for every reader of a page; the highlighted script sources when first opened.
SW_SKIP = (".map", ".gz", ".xz")


def _worker_twins(site: Path) -> set[str]:
    """The twins the worker fetches: the .xz ones where the build made them (the .gz ones are its
    fallback on the network only, not worth a second copy offline), else the .gz ones."""
    out = set()
    for name in GZ_TWINS:
        xz = f"{PYODIDE_DIR}/{name}.xz"
        out.add(xz if name in XZ_TWINS and (site / xz).is_file() else f"{PYODIDE_DIR}/{name}.gz")
    return out


def service_worker(site: Path, sw_code: str, csp: str) -> str:
    shell, runtime = [], []
    fetched_by_worker = _worker_twins(site) | {f"{PYODIDE_DIR}/{BUNDLE}.xz"}
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        rel = path.relative_to(site).as_posix()
        if rel in fetched_by_worker:
            runtime.append(rel)  # what the worker fetches (and unpacks itself)
            continue
        if rel.startswith(f"{XZ_DIR}/"):
            if rel.endswith(".wasm"):
                runtime.append(rel)  # the xz decoder the worker loads
            continue
        if rel.startswith(f"{DOWNLOADS_DIR}/explain_") and rel.endswith(".py.gz"):
            runtime.append(rel)  # the worker fetches the explainers' gzip twins and unpacks them
            continue
        if rel.endswith(SW_SKIP) or rel in ("sw.js", "_headers") or rel.startswith("bench/"):
            continue
        if rel.startswith("assets/javascripts/lunr/") and not re.search(r"lunr\.(ja|stemmer\.support|multi)\.|tinyseg", rel):
            continue  # search languages this site does not use
        if rel.startswith(f"{PYODIDE_DIR}/"):
            name = rel.rsplit("/", 1)[1]
            if name == "pyodide.mjs":
                runtime.append(rel)
            continue
        if rel.startswith(f"{SOURCE_DIR}/"):
            runtime.append(rel)  # the highlighted script sources: kept once opened
            continue
        if rel.endswith(".html"):
            rel = _page_url(site, path)
        shell.append(rel)
    digest = hashlib.sha256()
    for rel in sorted(shell + runtime):
        target = site / (rel + "index.html" if rel.endswith("/") else rel)
        if rel == "./":
            target = site / "index.html"
        digest.update(rel.encode() + b"\0" + hashlib.sha256(target.read_bytes()).digest())
    digest.update(sw_code.encode())
    build = digest.hexdigest()[:16]
    def has_twin(rel: str) -> bool:
        target = site / ("index.html" if rel == "./" else rel + "index.html" if rel.endswith("/") else rel)
        return target.suffix in PRECOMPRESS and target.stat().st_size > 4096 and not rel.endswith(".gz")

    packed = {rel: ("index.html.gz" if rel == "./" else rel + "index.html.gz" if rel.endswith("/") else rel + ".gz")
              for rel in shell + runtime if has_twin(rel)}
    head = (f"const BUILD = {json.dumps(build)};\n"
            f"const SHELL = {json.dumps(shell)};\n"
            f"const RUNTIME = {json.dumps(runtime)};\n"
            f"const PACKED = {json.dumps(packed)};\n"
            f"const HEADERS = {json.dumps(security_headers(csp))};\n")
    return head + sw_code


def on_post_build(config):
    """Give every page the same CSP, listing the hash of each inline script the site uses.

    One policy for all pages matters: with instant navigation the policy of the page a
    person opened first stays in force while they move around the site.
    """
    site = Path(config["site_dir"])
    pages = sorted(site.rglob("*.html"))
    hashes: set[str] = set()
    texts = {}
    for page in pages:
        if page.parent.name == "source" and page.parent.parent.name == "assets":
            continue  # highlighted code fragments, not pages
        text = page.read_text(encoding="utf-8")
        texts[page] = text
        for attrs, body in INLINE_SCRIPT.findall(text):
            if "application/json" in attrs or not body.strip():
                continue  # data blocks are not executed and need no hash
            digest = hashlib.sha256(body.encode("utf-8")).digest()
            hashes.add(base64.b64encode(digest).decode("ascii"))
    csp = _csp(hashes)
    meta = f'<meta http-equiv="Content-Security-Policy" content="{csp}">'
    for page, text in texts.items():
        match = HEAD_OPEN.search(text)
        if not match:
            continue
        page.write_text(text[: match.end()] + meta + text[match.end() :], encoding="utf-8")
    log.info("Content-Security-Policy added to %d pages (%d inline script hashes)", len(texts), len(hashes))
    (site / "_headers").write_text(headers_file(csp), encoding="utf-8")
    # Precompressed twins for hosts that send them as they are (nginx gzip_static), and for the
    # workers, which fetch some of them on purpose and unpack them themselves.
    for path in list(site.rglob("*")):
        if path.is_file() and path.suffix in PRECOMPRESS and path.stat().st_size > 4096:
            twin = path.with_name(path.name + ".gz")
            if not twin.exists():
                twin.write_bytes(_gzip(path.read_bytes()))
    sw_code = (Path(config["docs_dir"]) / SW_SOURCE).read_text(encoding="utf-8")
    (site / "sw.js").write_text(service_worker(site, sw_code, csp), encoding="utf-8")


def _site_csp(site: Path) -> str:
    html = (site / "index.html").read_text(encoding="utf-8")
    match = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', html)
    if not match:
        raise SystemExit(f"{site}/index.html has no CSP meta: build the site first")
    return match.group(1)


if __name__ == "__main__":
    # .venv/bin/python scripts/mkdocs_hooks.py nginx|headers SITE_DIR: print a header file for
    # the policy of the build in SITE_DIR.
    if len(sys.argv) != 3 or sys.argv[1] not in ("nginx", "headers"):
        print("usage: mkdocs_hooks.py nginx|headers SITE_DIR", file=sys.stderr)
        sys.exit(2)
    policy = _site_csp(Path(sys.argv[2]))
    sys.stdout.write(nginx_conf(policy) if sys.argv[1] == "nginx" else headers_file(policy))
