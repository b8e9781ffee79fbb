"""Copy the shared blocks into every snippets/*.py that carries them.

A block is the text between `# ---- <name> block: begin` and `# ---- <name> block: end`; its
source of truth is scripts/<name>_block.py (scripts/common_block.py for the common block every
snippet has, scripts/ping_block.py for the ping-reading block of check_connection.py and
explain_ping.py). Each snippet must run as one downloaded file, so blocks are repeated rather
than imported; this script and tests/test_snippets_common.py keep the copies identical.
Usage: python scripts/sync_common.py [--check]
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = ROOT / "scripts"
_BEGIN_RE = re.compile(r"^# ---- ([a-z][a-z0-9_]*) block: begin", re.M)
# Kept for callers that know only the common block.
BEGIN = "# ---- common block: begin"
END = "# ---- common block: end"


def markers(name: str = "common") -> tuple[str, str]:
    return f"# ---- {name} block: begin", f"# ---- {name} block: end"


def block_names() -> list[str]:
    """Every block that has a source of truth: scripts/<name>_block.py."""
    return sorted(p.name[: -len("_block.py")] for p in SCRIPTS.glob("*_block.py"))


def blocks_in(text: str) -> list[str]:
    """Names of the blocks a snippet's text carries (by their begin markers)."""
    return sorted(set(_BEGIN_RE.findall(text)))


def block(name: str = "common") -> str:
    return (SCRIPTS / f"{name}_block.py").read_text(encoding="utf-8").strip("\n")


def split(text: str, name: str = "common"):
    """(before, block, after) of a snippet's text, or None when it has no such block."""
    begin, end_marker = markers(name)
    start = text.find(begin)
    end = text.find(end_marker)
    if start < 0 or end < start:
        return None
    end = text.index("\n", end) if "\n" in text[end:] else len(text)
    return text[:start], text[start:end], text[end:]


def main(argv: list[str]) -> int:
    check = "--check" in argv
    known = set(block_names())
    stale = []
    problems = []
    for path in sorted((ROOT / "snippets").glob("*.py")):
        text = path.read_text(encoding="utf-8")
        new = text
        for name in blocks_in(text):
            if name not in known:
                problems.append(f"{path.name}: no scripts/{name}_block.py for the {name} block")
                continue
            parts = split(new, name)
            if parts is None:
                problems.append(f"{path.name}: the {name} block has no end marker")
                continue
            want = block(name)
            if parts[1] != want:
                stale.append(f"{path.name} ({name})")
                new = parts[0] + want + parts[2]
        if new != text and not check:
            path.write_text(new, encoding="utf-8", newline="\n")
    for problem in problems:
        print(problem, file=sys.stderr)
    if stale:
        print(("stale: " if check else "updated: ") + ", ".join(stale))
    return 1 if (problems or (check and stale)) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
