"""MkDocs hooks: everything a plain ``mkdocs build`` needs beyond Markdown pages.

* Every ``snippets/*.py`` becomes a download at ``downloads/<name>`` (the very bytes, no copy
  kept in ``docs/``), which the Pyodide worker also loads.
* The self-hosted Pyodide core from ``node_modules/pyodide`` is published at ``assets/pyodide/``.
* A line break inside a Japanese sentence is dropped (browsers render it as a stray space).
* Every HTML page gets a Content-Security-Policy ``<meta>`` that allows only this origin (plus
  ``'wasm-unsafe-eval'`` for Pyodide and the hashes of Material's own inline scripts).
"""

from __future__ import annotations

import ast
import base64
import hashlib
import json
import logging
import re
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


def on_files(files, config):
    for path in snippet_paths():
        files.append(File.generated(config, f"{DOWNLOADS_DIR}/{path.name}", abs_src_path=str(path)))
    tools = explainer_tools()
    manifest = {"files": sorted(tools), "tools": sorted(tools.values())}
    files.append(File.generated(config, "assets/explainers.json", content=json.dumps(manifest)))
    missing = [name for name in PYODIDE_FILES if not (PYODIDE / name).is_file()]
    if missing:
        raise PluginError(
            "node_modules/pyodide is missing "
            + ", ".join(missing)
            + ": run 'bash scripts/dev.sh setup' (or 'npm ci') first"
        )
    for name in PYODIDE_FILES:
        files.append(File.generated(config, f"{PYODIDE_DIR}/{name}", abs_src_path=str(PYODIDE / name)))
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
            f"script-src 'self' 'wasm-unsafe-eval' {hashes}".rstrip(),
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
        text = page.read_text(encoding="utf-8")
        texts[page] = text
        for attrs, body in INLINE_SCRIPT.findall(text):
            if "application/json" in attrs or not body.strip():
                continue  # data blocks are not executed and need no hash
            digest = hashlib.sha256(body.encode("utf-8")).digest()
            hashes.add(base64.b64encode(digest).decode("ascii"))
    meta = f'<meta http-equiv="Content-Security-Policy" content="{_csp(hashes)}">'
    for page, text in texts.items():
        match = HEAD_OPEN.search(text)
        if not match:
            continue
        page.write_text(text[: match.end()] + meta + text[match.end() :], encoding="utf-8")
    log.info("Content-Security-Policy added to %d pages (%d inline script hashes)", len(texts), len(hashes))
