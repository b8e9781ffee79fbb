# ---- common block: begin -------------------------------------------------------------------
# Identical in every file of snippets/ (each file must run on its own, so it cannot import a
# shared module). tests/test_snippets_common.py fails when a copy drifts; change all at once
# with `python scripts/sync_common.py`.
import codecs
import json
import os
import sys

SEVERITY_ORDER = ("error", "warning", "info", "ok")
_SEVERITY_LABEL = {
    "ja": {"error": "エラー", "warning": "注意", "info": "情報", "ok": "正常"},
    "en": {"error": "ERROR", "warning": "WARNING", "info": "INFO", "ok": "OK"},
}
_UI = {
    "ja": {
        "steps": "次にすること",
        "lines": "該当する行",
        "page": "このサイトの説明ページ",
        "subject": "対象",
        "not_found": "ファイルが見つかりません: {0}",
        "unreadable": "ファイルを読めません: {0}",
        "too_large": "入力が大きすぎます ({0:,} バイト)。{1:,} バイトまでにしてください。",
        "empty": "入力が空です。",
        "interrupted": "中断しました。",
    },
    "en": {
        "steps": "Next steps",
        "lines": "Lines",
        "page": "Page on the site",
        "subject": "About",
        "not_found": "file not found: {0}",
        "unreadable": "cannot read the file: {0}",
        "too_large": "the input is too large ({0:,} bytes); the limit is {1:,} bytes.",
        "empty": "the input is empty.",
        "interrupted": "interrupted.",
    },
}
MAX_INPUT_BYTES = 16 * 1024 * 1024


class UserError(Exception):
    """A failure to report as one line on stderr (exit status 2), never as a traceback."""


def decode_bytes(data):
    """Text of a saved output: UTF-8 (BOM or not), UTF-16 with BOM (Windows PowerShell 5.1),
    UTF-16 LE without BOM, or the Japanese Windows console code page cp932."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", "replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", "replace")
    if len(data) >= 4 and data[1] == 0 and data[3] == 0 and data[0] != 0:
        return data.decode("utf-16-le", "replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp932", "replace")


def read_input(path, lang):
    """Bytes from FILE or from stdin ('-'), decoded; raises UserError with a one-line reason."""
    ui = _UI[lang]
    try:
        if path == "-":
            data = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
        else:
            with open(path, "rb") as handle:
                data = handle.read(MAX_INPUT_BYTES + 1)
    except FileNotFoundError:
        raise UserError(ui["not_found"].format(path)) from None
    except OSError as exc:
        raise UserError(ui["unreadable"].format(exc.strerror or exc)) from None
    if len(data) > MAX_INPUT_BYTES:
        raise UserError(ui["too_large"].format(len(data), MAX_INPUT_BYTES))
    text = decode_bytes(data)
    if not text.strip():
        raise UserError(ui["empty"])
    return text


def render_text(report, lang):
    """The report as plain text for a person (the same content as --json)."""
    ui = _UI[lang]
    labels = _SEVERITY_LABEL[lang]
    out = [report.get("summary", "")]
    for finding in report.get("findings", []):
        out.append("")
        head = "[{0}] {1}".format(labels.get(finding.get("severity"), "?"), finding.get("title", ""))
        if finding.get("subject"):
            head += "  ({0}: {1})".format(ui["subject"], finding["subject"])
        out.append(head)
        if finding.get("detail"):
            out.append("  " + finding["detail"])
        steps = finding.get("next_steps") or []
        if steps:
            out.append("  {0}:".format(ui["steps"]))
            out.extend("    {0}. {1}".format(n, step) for n, step in enumerate(steps, 1))
        if finding.get("lines"):
            out.append("  {0}: {1}".format(ui["lines"], ", ".join(str(n) for n in finding["lines"])))
        if finding.get("page"):
            out.append("  {0}: {1}".format(ui["page"], finding["page"]))
    return "\n".join(out) + "\n"


def emit(report, lang, as_json, render=None):
    """Print the report (as text with RENDER, default render_text) and return the exit status
    (1 when any finding is an error)."""
    text = json.dumps(report, ensure_ascii=False, indent=2) + "\n" if as_json else (render or render_text)(report, lang)
    stream = sys.stdout
    try:
        if as_json and hasattr(stream, "buffer"):
            stream.buffer.write(text.encode("utf-8"))
        else:
            encoding = getattr(stream, "encoding", None) or "utf-8"
            stream.write(text.encode(encoding, "replace").decode(encoding, "replace"))
        stream.flush()
    except BrokenPipeError:
        # The reader (e.g. `| head`) went away: stop quietly, as CPython's json.tool does.
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, stream.fileno())
        except (OSError, ValueError, AttributeError):
            pass
    return 1 if any(f.get("severity") == "error" for f in report.get("findings", [])) else 0


def add_common_options(parser):
    parser.add_argument("--json", action="store_true", help="print the report as JSON (UTF-8) and nothing else")
    parser.add_argument("--lang", choices=("ja", "en"), default="ja", help="language of the report (default: %(default)s)")


def fail(prog, message):
    """One line on stderr, exit status 2."""
    try:
        sys.stderr.write("{0}: {1}\n".format(prog, message))
    except Exception:
        pass
    return 2
# ---- common block: end ---------------------------------------------------------------------
