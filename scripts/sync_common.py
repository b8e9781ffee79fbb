"""Copy the common block (scripts/common_block.py) into every snippets/*.py that carries it.

Each snippet must run as one downloaded file, so the block is repeated rather than imported;
this script and tests/test_snippets_common.py keep the copies identical.
Usage: python scripts/sync_common.py [--check]
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BEGIN = "# ---- common block: begin"
END = "# ---- common block: end"


def block() -> str:
    return (ROOT / "scripts" / "common_block.py").read_text(encoding="utf-8").strip("\n")


def split(text: str):
    """(before, block, after) of a snippet's text, or None when it has no block."""
    start = text.find(BEGIN)
    end = text.find(END)
    if start < 0 or end < start:
        return None
    end = text.index("\n", end) if "\n" in text[end:] else len(text)
    return text[:start], text[start:end], text[end:]


def main(argv: list[str]) -> int:
    check = "--check" in argv
    want = block()
    stale = []
    for path in sorted((ROOT / "snippets").glob("*.py")):
        text = path.read_text(encoding="utf-8")
        parts = split(text)
        if parts is None or parts[1] == want:
            continue
        stale.append(path.name)
        if not check:
            path.write_text(parts[0] + want + parts[2], encoding="utf-8", newline="\n")
    if stale:
        print(("stale: " if check else "updated: ") + ", ".join(stale))
    return 1 if (check and stale) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
