"""One voice: the pages and the scripts' Japanese messages use the preferred form of each term.

The list of terms is data (tests/style_terms.json), explained for people in STYLE-JA.md. A page is
checked as prose: fenced code, inline code, URLs, link targets, HTML tags and macro calls are left
out (they show what a program prints or what a person types). A script is checked only in its
string literals that contain Japanese. Text quoted in 「」 or as a UI label in [ ] is exempt for the
rules marked "quoted_ok" (vendors' own spellings such as iPhone's 「サーバポート」).
"""

import ast
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
SNIPPETS = ROOT / "snippets"
RULES = json.loads((ROOT / "tests" / "style_terms.json").read_text(encoding="utf-8"))["rules"]

# Pages other helpers were rewriting while the style sheet was written (issue 9). Their remaining
# violations are listed in the report for the coordinator, who fixes them at merge and then empties
# this set. The test still runs on them and reports what it finds (xfail, not skip).
PENDING_ELSEWHERE = {
}

JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff66-\uff9f]")
FENCE = re.compile(r"^\s*(```|~~~)")
INLINE_CODE = re.compile(r"(`+)(?:(?!\1).)+?\1")
LINK_TARGET = re.compile(r"\]\([^)\s]*(?:\s+\"[^\"]*\")?\)")
URL = re.compile(r"https?://\S+")
MACRO = re.compile(r"\{\{.*?\}\}|\{%.*?%\}")
HTML_TAG = re.compile(r"<[^>\n]*>")
ATTR_LIST = re.compile(r"\{\s*[:#.][^}\n]*\}")
QUOTED = re.compile(r"「[^「」\n]*」|\[[^\[\]\n]*\](?![(\[:])")


def compiled(scope):
    for rule in RULES:
        if scope in rule["scope"]:
            for pattern in rule["rejected"]:
                yield rule, re.compile(pattern)


def prose_lines(text):
    """(line number, prose) for every line of a Markdown page, code and markup removed."""
    in_fence = None
    for number, line in enumerate(text.splitlines(), 1):
        fence = FENCE.match(line)
        if in_fence:
            if fence and fence.group(1) == in_fence:
                in_fence = None
            continue
        if fence:
            in_fence = fence.group(1)
            continue
        for pattern in (INLINE_CODE, LINK_TARGET, URL, MACRO, HTML_TAG, ATTR_LIST):
            line = pattern.sub(" ", line)
        yield number, line


def violations_in_text(lines, scope):
    found = []
    for number, line in lines:
        unquoted = QUOTED.sub(" ", line)
        for rule, pattern in compiled(scope):
            target = unquoted if rule.get("quoted_ok") else line
            for match in pattern.finditer(target):
                found.append("{0}: {1!r} → {2}".format(number, match.group(0), rule["preferred"]))
    return found


def page_violations(path):
    return violations_in_text(prose_lines(path.read_text(encoding="utf-8")), "pages")


def japanese_strings(path):
    """(line number, text) of every string literal in a Python file that contains Japanese, but
    docstrings: they are English documentation for programmers that quotes Japanese output."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef))
                  and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    for node in ast.walk(tree):
        if id(node) in docstrings:
            continue
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and JAPANESE.search(node.value):
            for offset, line in enumerate(node.value.splitlines() or [node.value]):
                yield node.lineno + offset, line


def script_violations(path):
    return violations_in_text(japanese_strings(path), "scripts")


PAGES = sorted(p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md"))
SCRIPTS = sorted(p.name for p in SNIPPETS.glob("*.py"))


@pytest.mark.parametrize("page", PAGES)
def test_page_uses_the_preferred_terms(page):
    if page in PENDING_ELSEWHERE:
        found = page_violations(DOCS / page)
        if found:
            pytest.xfail("being rewritten elsewhere; left: " + "; ".join(found))
    assert page_violations(DOCS / page) == []


@pytest.mark.parametrize("script", SCRIPTS)
def test_script_messages_use_the_preferred_terms(script):
    assert script_violations(SNIPPETS / script) == []


def test_the_checker_finds_what_it_should_and_nothing_else():
    page = "\n".join([
        "プロバイダの設定を メール ソフト で確かめます。",           # 2 violations
        "```text",
        "プロバイダ メールソフト",                                  # code: ignored
        "```",
        "`メールソフト` と [読みかた](https://example.jp/プロバイダ) 10~20",  # link text + range
        "iPhone の「サーバポート」と [サーバ設定] は画面の表記です。",   # quoted UI labels: allowed
        "プロバイダー、メールアプリ、169.254.0.1〜169.254.255.254",  # preferred forms
    ])
    found = violations_in_text(prose_lines(page), "pages")
    assert [f.split(":")[0] for f in found] == ["1", "1", "5", "5"], found
    source = 'X = "プロバイダ"\nY = "provider ~ 5"\nZ = "5~10 件"  # メールソフト\n'
    tmp = ROOT / "tests" / ".style_probe.py"
    try:
        tmp.write_text(source, encoding="utf-8")
        found = script_violations(tmp)
    finally:
        tmp.unlink()
    assert [f.split(":")[0] for f in found] == ["1", "3"], found
