"""Helpers shared by the browser tests of the paste box (tests/test_paste_*_browser.py,
tests/test_offline.py): read a fixture as the text a reader pastes, paste it, wait for the
widget's answer, and read the findings it shows. Kept in one place so that a change to the
widget's test ids or states is made once. Imported as `from browser_helpers import ...` (tests/ is
on sys.path the same way it is for `conftest`, `topics`)."""

from __future__ import annotations

from pathlib import Path

# The result box reaches one of these states when a run has ended (whatever its outcome).
RESULT_DONE = ("() => ['done','unrecognized','error'].includes("
               "document.querySelector('[data-testid=explain-result]').dataset.state)")

# Long enough for a cold start (Pyodide downloaded and started) on a busy 2-core machine.
TIMEOUT_MS = 120_000


def read(path: Path) -> str:
    """A fixture as text: UTF-16 when it starts with the UTF-16 LE byte-order mark (PowerShell's
    `>` redirection saves that), UTF-8 otherwise."""
    data = path.read_bytes()
    if data.startswith(b"\xff\xfe"):
        return data.decode("utf-16")
    return data.decode("utf-8")


def wait_ready(page, timeout: int = TIMEOUT_MS) -> None:
    """Wait until the page's Python has started (the widget sets window.__explainReadyMs)."""
    page.wait_for_function("() => window.__explainReadyMs !== undefined", timeout=timeout)


def paste_and_explain(page, text: str, timeout: int = TIMEOUT_MS, via: str = "button"):
    """Put TEXT in the paste box and wait until the run has ended; returns the result locator
    (its data-state is done, unrecognized or error).

    via="button": fill the box and click the explain button (what a reader who types does).
    via="paste": set the box's value and dispatch a paste event on it, with no click (what a
    reader who pastes does: the widget runs on paste by itself)."""
    if via == "button":
        page.locator('[data-testid="paste-input"]').fill(text)
        page.locator('[data-testid="explain-button"]').click()
    elif via == "paste":
        page.evaluate("""(text) => {
            const box = document.querySelector('[data-testid=paste-input]');
            box.focus();
            box.value = text;
            box.dispatchEvent(new ClipboardEvent('paste', {bubbles: true}));
        }""", text)
    else:
        raise ValueError(f"via must be 'button' or 'paste', not {via!r}")
    page.wait_for_function(RESULT_DONE, timeout=timeout)
    return page.locator('[data-testid="explain-result"]')


def findings(page) -> list[tuple[str, str]]:
    """The findings shown, in page order, as (id, severity) pairs."""
    items = page.locator("[data-finding-id]")
    return [(items.nth(i).get_attribute("data-finding-id"), items.nth(i).get_attribute("data-severity"))
            for i in range(items.count())]
