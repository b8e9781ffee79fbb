"""Every fixture tests/fixtures/<tool>/<name>.txt with a paired <name>.json expectation:
explain_<tool>.explain() gives exactly the expected findings (id, severity, subject, in order).
The same fixtures run under real Pyodide in Node.js and must give the same full reports."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from conftest import FIXTURES, ROOT, SNIPPETS, load_snippet

PAIRS = sorted(
    p for p in FIXTURES.glob("*/*.txt")
    if p.with_suffix(".json").is_file() and (SNIPPETS / f"explain_{p.parent.name}.py").is_file()
)


def project(report: dict) -> dict:
    return {
        "tool": report["tool"],
        "recognized": report["recognized"],
        "findings": [{k: f.get(k) for k in ("id", "severity", "subject")} for f in report["findings"]],
    }


def test_there_are_fixture_pairs():
    assert PAIRS


@pytest.mark.parametrize("path", PAIRS, ids=[f"{p.parent.name}/{p.name}" for p in PAIRS])
def test_fixture_gives_the_expected_findings(path):
    mod = load_snippet(f"explain_{path.parent.name}")
    text = mod.decode_bytes(path.read_bytes())
    expected = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    report = mod.explain(text, "ja")
    got = project(report)
    want = {k: expected[k] for k in ("tool", "recognized", "findings")}
    for finding in want["findings"]:
        finding.setdefault("subject", None)
    assert got == want
    # Evidence lines point into the input, and pages exist on the site.
    n_lines = len(text.splitlines())
    for finding in report["findings"]:
        assert all(1 <= n <= max(n_lines, 1) for n in finding.get("lines", [])), finding
        if finding.get("page"):
            page = finding["page"].rstrip("/")
            assert (ROOT / "docs" / f"{page}.md").is_file() or (ROOT / "docs" / page / "index.md").is_file(), finding["page"]
    # English has the same findings, with English text.
    english = mod.explain(text, "en")
    assert project(english) == got
    assert english["summary"] != report["summary"] or not report["summary"]


def _all_inputs():
    """Every fixture of every explainer (paired or not), plus the shared samples."""
    jobs = []
    for path in sorted(FIXTURES.glob("*/*.txt")):
        if (SNIPPETS / f"explain_{path.parent.name}.py").is_file():
            for lang in ("ja", "en"):
                jobs.append({"module": f"explain_{path.parent.name}", "file": str(path), "lang": lang})
    return jobs


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_pyodide_gives_the_same_reports_as_cpython():
    jobs = _all_inputs()
    assert jobs
    if not (ROOT / "node_modules" / "pyodide" / "pyodide.asm.wasm").is_file():
        pytest.fail("node_modules/pyodide missing: run bash scripts/dev.sh setup")
    proc = subprocess.run(["node", str(ROOT / "tests" / "pyodide_run.mjs")], input=json.dumps(jobs),
                          capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr[-3000:]
    out = json.loads(proc.stdout)
    assert out["python"].startswith("3.")
    for job, got in zip(jobs, out["reports"], strict=True):
        mod = load_snippet(job["module"])
        with open(job["file"], "rb") as handle:
            text = mod.decode_bytes(handle.read())
        assert got["detect"] == mod.detect(text), job
        assert got["report"] == mod.explain(text, job["lang"]), job
