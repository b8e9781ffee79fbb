"""mkdocs-macros module: the download box shown next to every embedded script."""

from __future__ import annotations

import hashlib
import posixpath
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SNIPPETS = ROOT / "snippets"


PLACEHOLDERS = {
    "auto": "ここにコマンドの出力 (ipconfig /all、netstat -ano など) やエラーメールを貼り付けてください",
    "ipconfig": "ここに ipconfig /all の出力を貼り付けてください",
    "netstat": "ここに netstat -ano の出力を貼り付けてください",
    "ping": "ここに ping の出力を貼り付けてください",
    "route": "ここに route print の出力を貼り付けてください",
    "tracert": "ここに tracert の出力を貼り付けてください",
    "testnetconnection": "ここに Test-NetConnection の結果を、警告の行も含めて貼り付けてください",
    "nslookup": "ここに nslookup (または Resolve-DnsName、dig、host) の出力を貼り付けてください",
    "arp": "ここに arp -a (Linux では ip neigh) の出力を貼り付けてください",
    "nbtstat": "ここに nbtstat -n や nbtstat -A の出力を貼り付けてください",
    "tasklist": "ここに tasklist /svc の出力を貼り付けてください (netstat -ano の行が一緒でもかまいません)",
    "netview": "ここに net view、net use、net share の出力をエラーのメッセージも含めて貼り付けてください",
    "bounce": "ここに返ってきたエラーメールを貼り付けてください (メールのソースを表示して全部コピーすると確実です)",
    "headers": "ここにメールのヘッダー (メッセージのソースの Received: などが並んだ部分) を貼り付けてください",
}


def snippet_info(name: str) -> dict:
    path = SNIPPETS / name
    if path.parent != SNIPPETS or not path.is_file():
        raise FileNotFoundError(f"snippets/{name} does not exist")
    data = path.read_bytes()
    return {"name": name, "size": len(data), "sha256": hashlib.sha256(data).hexdigest()}


def _human_size(size: int) -> str:
    return f"{size:,} バイト" if size < 10_000 else f"{size / 1024:.1f} KB ({size:,} バイト)"


def define_env(env):
    def _rel(target: str) -> str:
        page = env.page
        src_dir = posixpath.dirname(page.file.src_uri)
        return posixpath.relpath(target, src_dir or ".")

    @env.macro
    def download(name: str) -> str:
        """A download link for snippets/NAME with its size and SHA-256."""
        info = snippet_info(name)
        href = _rel(f"downloads/{name}")
        return (
            f'<div class="download-box" markdown>\n\n'
            f':material-download: **[{name} をダウンロード]({href}){{: download="{name}" '
            f'data-testid="download-link" data-sha256="{info["sha256"]}" }}**'
            f" ({_human_size(info['size'])})\n\n"
            f'SHA-256: <code class="sha256">{info["sha256"]}</code>\n\n</div>\n'
        )

    @env.macro
    def paste_box(tool: str = "auto") -> str:
        """The paste-and-explain widget (CONTRACT.md section 4); tool="auto" detects the command."""
        placeholder = PLACEHOLDERS.get(tool, f"ここに {tool} の出力を貼り付けてください")
        # explain/ ("auto") starts Python from the <head> (overrides/main.html); a command page
        # starts it on the first sign of use (assets/js/explain.js).
        tools = env.page.meta.setdefault("paste_tools", [])
        if tool not in tools:
            tools.append(tool)
        return (
            f'<div class="paste-box" data-paste-box data-tool="{tool}">\n'
            '<p class="paste-privacy">貼り付けた文字はこのブラウザーの中だけで処理され、どこにも送信されません。</p>\n'
            f'<textarea data-testid="paste-input" rows="12" spellcheck="false" autocomplete="off" '
            f'aria-label="{placeholder}" placeholder="{placeholder}"></textarea>\n'
            '<div class="paste-actions"><button type="button" class="md-button md-button--primary" '
            'data-testid="explain-button">診断する</button>'
            '<span class="paste-status" data-testid="explain-status" aria-live="polite"></span></div>\n'
            '<div class="paste-result" data-testid="explain-result" data-state="idle" aria-live="polite"></div>\n'
            "</div>\n"
        )

    @env.macro
    def source(name: str) -> str:
        """The script's full text in a collapsible block. The highlighted code is built once into
        assets/source/NAME.html (scripts/mkdocs_hooks.py) and loaded when a reader opens the
        block: a page stays small for everyone who does not. Kept out of the search index so that
        code does not outrank the explanations."""
        snippet_info(name)  # fails the build for a missing file
        raw = _rel(f"downloads/{name}")
        return (
            f'<div class="snippet-source" data-search-exclude data-source="{name}">\n'
            f'<details class="abstract"><summary>スクリプトの中身を見る ({name})</summary>\n'
            f'<div data-source-body><p data-source-status>開くと読み込みます…</p></div>\n'
            f'<p class="snippet-source-raw"><a href="{raw}">{name} をテキストのまま開く</a></p>\n'
            "</details>\n</div>\n"
        )

    @env.macro
    def snippets_list() -> list:
        return [snippet_info(p.name) for p in sorted(SNIPPETS.glob("*.py"))]

    @env.macro
    def human_size(size: int) -> str:
        return _human_size(size)
