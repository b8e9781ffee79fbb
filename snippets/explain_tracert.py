#!/usr/bin/env python3
"""Read the output of `tracert` (Windows) or `traceroute` (macOS, Linux) and explain it: did the
trace reach the target, where does it stop answering, and where does the delay jump.

Windows (Japanese and English), macOS and Linux (traditional and modern traceroute, -n, AS
numbers, several addresses per hop, !H/!N/!X marks) are understood, as saved by cmd.exe,
PowerShell or a terminal, or pasted from a web page or mail (quoted with "> ").

    python explain_tracert.py FILE     reads a saved output (UTF-8, UTF-16, cp932)
    python explain_tracert.py -        reads standard input (tracert -d 8.8.8.8 | python explain_tracert.py -)
        --json        the report as JSON
        --lang en     English instead of Japanese

tracert needs a target, so this script never runs it itself: save its output first, e.g.
`tracert -d 8.8.8.8 > tracert.txt` on Windows, `traceroute -n 8.8.8.8 > tracert.txt` elsewhere.

How it reads a trace:
    a hop "answers" when at least one of its probes came back; "*" is a probe with no answer.
    route-complete   a hop's address (or name) is the target's
    silent-hops      hops with only "*" that are followed by answering hops: not a break
    route-breaks     not reached, and the trace ends with 3 or more silent hops (or ends silent at
                     its maximum / "Trace complete"): it breaks after the last answering hop
    latency-jump     from one hop on, the fastest probe of that hop and of every later answering hop
                     is at least 40 ms and twice slower than the hop before it
    interrupted      ^C: stopped by the user, not a failure

Exit status: 0 no error found, 1 an error-level finding, 2 usage error / unreadable /
not tracert output. Standard library only; also runs inside Pyodide (detect/explain).
"""

from __future__ import annotations

import ipaddress

TOOL = "tracert"
PROG = "explain_tracert.py"

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
        "usage": "使い方: ",
        "positionals": "引数",
        "optionals": "オプション",
        "help": "この説明を表示して終わります",
        "json": "結果を JSON (UTF-8) で出力し、ほかには何も出力しません",
        "lang": "結果の言語 (ja または en。既定: ja)",
        "exit_status": "終了ステータス: 0 = エラーは見つからなかった、1 = エラーが見つかった、"
                       "2 = コマンドラインの誤りや使えない入力、130 = Ctrl+C で中断した。",
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
        "usage": "usage: ",
        "positionals": "arguments",
        "optionals": "options",
        "help": "show this help and exit",
        "json": "print the report as JSON (UTF-8) and nothing else",
        "lang": "language of the report (ja or en; default: ja)",
        "exit_status": "Exit status: 0 = no error found, 1 = an error was found, "
                       "2 = bad command line or unusable input, 130 = interrupted with Ctrl+C.",
    },
}
MAX_INPUT_BYTES = 16 * 1024 * 1024
# What a terminal would obey rather than show: C0 and C1 controls (newline and tab excepted),
# DEL, and the bidirectional overrides, embeddings, isolates and marks (Trojan Source). Text from
# a DNS answer, a mail server or a forged bounce is printed with these shown as \xNN / \uNNNN.
_TERMINAL_UNSAFE = dict(
    [(c, "\\x{0:02x}".format(c)) for c in list(range(0x20)) + list(range(0x7F, 0xA0)) if c not in (0x09, 0x0A)]
    + [(c, "\\u{0:04x}".format(c)) for c in (0x061C, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E,
                                              0x2066, 0x2067, 0x2068, 0x2069)]
)


class UserError(Exception):
    """A failure to report as one line on stderr (exit status 2), never as a traceback."""


def decode_bytes(data):
    """Text of a saved output: UTF-8 (BOM or not), UTF-16 with BOM (Windows PowerShell 5.1),
    UTF-16 LE without BOM, or the Japanese Windows console code page cp932."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", "replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", "replace")
    codec = _utf16_without_bom(data)
    if codec:
        return data.decode(codec, "replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp932", "replace")


def _utf16_without_bom(data):
    """'utf-16-le' / 'utf-16-be' for UTF-16 saved without a BOM, else None. UTF-8 and cp932 text
    never holds a NUL byte, while UTF-16 of a command's output has one in the high byte of every
    ASCII character (spaces, digits, line ends): the half with more NULs is the high half, whatever
    the first character is (「イーサネット アダプター」 starts A4 30 FC 30). The sample must also
    decode to text (ASCII, kana, kanji, full-width forms), so binary noise is not taken for it."""
    sample = data[:4096]
    sample = sample[: len(sample) - len(sample) % 2]
    if len(sample) < 4 or b"\x00" not in sample:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    codec, high, low = ("utf-16-le", odd, even) if odd >= even else ("utf-16-be", even, odd)
    if high * 8 < len(sample) // 2 or low >= high:
        return None
    text = sample.decode(codec, "replace")    # "replace": the sample may end inside a pair
    plain = sum(1 for ch in text if ch in "\t\r\n" or " " <= ch <= "~" or "\u3000" <= ch <= "\u30ff"
                or "\u4e00" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef")
    return codec if plain * 10 >= len(text) * 9 else None


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
    return terminal_safe("\n".join(out)) + "\n"


def terminal_safe(text):
    """TEXT with every character a terminal would act on (escape sequences, carriage return,
    bidi overrides) written out visibly instead; newline and tab stay. For text output only:
    --json keeps the exact strings (JSON escapes them itself)."""
    return str(text).translate(_TERMINAL_UNSAFE)


def emit(report, lang, as_json, render=None):
    """Print the report (as text with RENDER, default render_text) and return the exit status
    (1 when any finding is an error)."""
    text = json.dumps(report, ensure_ascii=False, indent=2) + "\n" if as_json else (render or render_text)(report, lang)
    stream = sys.stdout
    try:
        if as_json and hasattr(stream, "buffer"):
            try:
                data = text.encode("utf-8")
            except UnicodeEncodeError:
                # A lone surrogate (bytes of a command-line argument that were not UTF-8) is
                # written as its JSON escape, so the output stays valid UTF-8 and reads back exactly.
                data = "".join("\\u{0:04x}".format(ord(ch)) if "\ud800" <= ch <= "\udfff" else ch
                               for ch in text).encode("utf-8")
            stream.buffer.write(data)
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


def emit_text(text):
    """Print TEXT as it is (a redacted copy); exit status 0."""
    return emit({"findings": []}, "ja", False, lambda _report, _lang: terminal_safe(text.replace("\r\n", "\n")))


def add_common_options(parser, lang="en"):
    ui = _UI[lang if lang in _UI else "en"]
    parser.add_argument("--json", action="store_true", help=ui["json"])
    parser.add_argument("--lang", choices=("ja", "en"), default="ja", help=ui["lang"])


def fail(prog, message):
    """One line on stderr, exit status 2."""
    try:
        line = terminal_safe(" ".join(str(message).split("\n")))
        sys.stderr.write("{0}: {1}\n".format(prog, line))
    except Exception:
        pass
    return 2


def system_lang():
    """'ja' when this computer's language is Japanese (LC_ALL / LC_MESSAGES / LANG, the C
    library's locale, or the Windows user interface language), else 'en'."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name)
        if value:
            return "ja" if value.lower().startswith("ja") else "en"
    try:
        import locale

        name = locale.getlocale(locale.LC_CTYPE)[0] or ""
        if name.lower().startswith(("ja", "japanese")):
            return "ja"
    except (ImportError, ValueError, TypeError, AttributeError):
        pass
    if os.name == "nt":
        try:
            import ctypes

            return "ja" if ctypes.windll.kernel32.GetUserDefaultUILanguage() & 0x3FF == 0x11 else "en"
        except Exception:  # noqa: BLE001 - no ctypes: not Japanese as far as we can tell
            pass
    return "en"


def help_lang(argv):
    """The language of --help and of usage errors: --lang when given, else the system's."""
    lang = None
    for i, arg in enumerate(argv):
        if arg in ("--lang=ja", "--lang=en"):
            lang = arg[7:]
        elif arg == "--lang" and argv[i + 1 : i + 2] in (["ja"], ["en"]):
            lang = argv[i + 1]
    return lang or system_lang()


_ARGPARSE_JA = (
    ("the following arguments are required: ", "次の引数が必要です: "),
    ("unrecognized arguments: ", "知らない引数です: "),
    ("expected one argument", "値を 1 つ指定してください"),
    ("invalid choice: ", "使えない値です: "),
    ("(choose from ", "(選べるのは "),
    ("argument ", "引数 "),
    ("ignored explicit argument ", "値を取らないオプションです: "),
    ("one of the arguments ", "次の引数のどれか: "),
    ("not allowed with argument ", "は次と一緒に使えません: "),
    ("is required", "が必要です"),
)


def command_line_parser(prog, description, lang, epilog=None):
    """argparse for every snippet: --help in LANG (argparse's own words too) with the exit
    statuses at the end, and a usage error raised as one line (UserError) instead of usage and
    exit. argparse is imported here, not at the top: in the browser it would only slow the start."""
    import argparse

    ui = _UI[lang if lang in _UI else "en"]

    class Formatter(argparse.RawDescriptionHelpFormatter):
        def add_usage(self, usage, actions, groups, prefix=None):
            return super().add_usage(usage, actions, groups, ui["usage"] if prefix is None else prefix)

    class OneLineParser(argparse.ArgumentParser):
        def error(self, message):
            if lang == "ja":
                for english, japanese in _ARGPARSE_JA:
                    message = message.replace(english, japanese)
            raise UserError(message)

    parser = OneLineParser(prog=prog, description=description, add_help=False, formatter_class=Formatter,
                           epilog=ui["exit_status"] if epilog is None else epilog)
    parser._positionals.title = ui["positionals"]
    parser._optionals.title = ui["optionals"]
    parser.add_argument("-h", "--help", action="help", help=ui["help"])
    return parser
# ---- common block: end ---------------------------------------------------------------------
# ---- explainer block: begin ----------------------------------------------------------------
# Identical in every snippets/explain_*.py: the command line shared by all explainers (read a
# saved file, standard input, or on Windows run the command itself). Source of truth:
# scripts/explainer_block.py; `python scripts/sync_common.py` copies it, tests check the copies.
def single_spaced(text):
    """(text, line_map) for a paste with a blank line after every line (CR CR LF line ends, or a
    forum or mail app that doubled the spacing): the text without the inserted blank lines, and
    line_map[i] = the original line number of its line i + 1. (text, None) for any other text.
    A text whose lines merely alternate with blank ones (short paragraphs) is left alone unless
    its line ends show the doubling (CR CR LF) or its blank runs are doubled too (three blanks
    in a row where the original had one)."""
    if "\n" not in text and "\r" not in text:
        return text, None
    lines = text.splitlines()
    if len(lines) < 6:
        return text, None
    crcrlf = text.count("\r\r\n")
    for first in (1, 0):  # index of the first inserted blank line
        if any(line.strip() for line in lines[first::2]):
            continue
        kept = lines[1 - first :: 2]
        if sum(1 for line in kept if line.strip()) < 3:
            continue
        # A blank line of the original shows as three in a row once doubled.
        doubled_blank = any(not line.strip() for line in kept)
        if crcrlf * 2 >= len(kept) or doubled_blank:
            line_map = list(range(2 - first, len(lines) + 1, 2))
            return "\n".join(kept) + "\n", line_map
    return text, None


def map_lines(value, fn, _seen=None):
    """Every line number in a report (values of keys named *line, or lists under *lines)
    replaced by fn(number), in place. A dict or list that the report holds twice (ping's data
    repeats its first target) is changed once."""
    seen = set() if _seen is None else _seen
    if isinstance(value, (dict, list)):
        if id(value) in seen:
            return value
        seen.add(id(value))
    if isinstance(value, dict):
        for key, item in value.items():
            if key.endswith("line") and isinstance(item, int) and not isinstance(item, bool):
                value[key] = fn(item)
            elif key.endswith("lines") and isinstance(item, list) and id(item) not in seen:
                seen.add(id(item))
                item[:] = [fn(n) if isinstance(n, int) and not isinstance(n, bool) else n for n in item]
            else:
                map_lines(item, fn, seen)
    elif isinstance(value, list):
        for item in value:
            map_lines(item, fn, seen)
    return value


def _remap_lines(value, line_map):
    """Line numbers of a report on the single-spaced text mapped back to the paste."""
    return map_lines(value, lambda n: line_map[n - 1] if 1 <= n <= len(line_map) else n)


class TextParams(dict):
    """Values for a finding's text (str.format_map): a missing one shows as '?' instead of failing."""

    def __missing__(self, key):
        return "?"


def pick_detail(text, variant):
    """The detail of a text-table entry, or its variant ("detail:<variant>") when it has one."""
    return text.get("detail:" + variant, text["detail"]) if variant else text["detail"]


def finding_from_text(text, f, detail, page):
    """A report finding (CONTRACT.md section 2) for raw finding F (id, severity, subject, lines),
    titled and with next steps from the explainer's text-table entry TEXT."""
    finding = {
        "id": f["id"],
        "severity": f["severity"],
        "title": text["title"],
        "detail": detail,
        "next_steps": list(text.get("steps", [])),
    }
    if f.get("subject"):
        finding["subject"] = f["subject"]
    finding["lines"] = f["lines"]
    finding["page"] = page
    return finding


def empty_report(tool, lang, summary):
    """The report for text this explainer cannot read: recognized false, no findings."""
    return {"tool": tool, "recognized": False, "locale": lang, "summary": summary, "data": {}, "findings": []}


def guarded_explain(tool, analyse, text, lang, summaries):
    """What explain() returns in every explainer: analyse(text, lang), or an empty report when the
    text is not a str or reading it failed, so that a bug never reaches a page as an exception.
    A double-spaced paste is read as the original (single_spaced), with line numbers of the paste.
    summaries: {"unrecognized": {"ja": ..., "en": ...}, "internal-error": {"ja": ..., "en": ...}}."""
    if lang not in ("ja", "en"):
        lang = "ja"
    if not isinstance(text, str):
        return empty_report(tool, lang, summaries["unrecognized"][lang])
    try:
        single, line_map = single_spaced(text)
        report = analyse(single, lang)
        return _remap_lines(report, line_map) if line_map else report
    except Exception:  # noqa: BLE001 - see the docstring
        return empty_report(tool, lang, summaries["internal-error"][lang])


def one_line_parser(prog, description, lang="en"):
    """argparse that reports a usage error as one line (UserError) instead of usage + exit, with
    --help in LANG (command_line_parser in the common block)."""
    return command_line_parser(prog, description, lang)


def requested_lang(argv):
    """The --lang asked for on the raw command line, so even a usage error speaks it."""
    lang = "ja"
    for i, arg in enumerate(argv):
        if arg == "--lang=en" or (arg == "--lang" and argv[i + 1 : i + 2] == ["en"]):
            lang = "en"
    return lang


def run_windows_command(command, lang):
    """What COMMAND prints on Windows, decoded with the console's OEM code page (cp932 on
    Japanese Windows), or by guessing from the bytes when that code page is unknown."""
    import subprocess  # only the command line gets here (Pyodide has no processes)

    try:
        proc = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60)
    except (OSError, subprocess.SubprocessError) as exc:
        raise UserError(_EXPLAINER_UI[lang]["run_failed"].format(" ".join(command), exc)) from None
    try:
        import ctypes

        codec = "cp{0}".format(ctypes.windll.kernel32.GetOEMCP())
        codecs.lookup(codec)
        return proc.stdout.decode(codec)
    except Exception:  # noqa: BLE001 - no ctypes or an unknown code page
        return decode_bytes(proc.stdout)


_EXPLAINER_UI = {
    "ja": {
        "file_help": "保存した出力のファイル。- なら標準入力。省略すると、パイプで渡された入力を読み、"
                     "何も渡されていなければ Windows ではコマンドを実行します",
        "run_failed": "{0} を実行できませんでした: {1}",
        "internal": "予期しないエラーが起きました: {0}",
        "redact_help": "読み取る代わりに、アドレス・ホスト名・IP アドレスを置き換えた写しを表示します (相談先に見せるため)",
        "exit_status": "終了ステータス: 0 = エラーは見つからなかった、1 = エラーが見つかった、2 = コマンドラインの誤り、"
                       "読めない入力、またはこのコマンドの出力として読み取れない内容、130 = Ctrl+C で中断した。",
    },
    "en": {
        "file_help": "saved output, or - for standard input; omitted: a piped input is read, "
                     "else on Windows the command is run",
        "run_failed": "could not run {0}: {1}",
        "internal": "unexpected error: {0}",
        "redact_help": "instead of explaining, print a copy with addresses, host names and IP addresses replaced (to show a helper)",
        "exit_status": "Exit status: 0 = no error found, 1 = an error was found, 2 = bad command line, unreadable "
                       "input, or input that is not this command's output, 130 = interrupted with Ctrl+C.",
    },
}


def _stdin_is_piped():
    """True when standard input is a pipe or a redirected file (`type x.txt | ...`, `< x.txt`),
    not a console or NUL. Asked of the file itself (fstat), which works the same on Windows."""
    try:
        import stat

        mode = os.fstat(sys.stdin.fileno()).st_mode
        return stat.S_ISFIFO(mode) or stat.S_ISREG(mode) or stat.S_ISSOCK(mode)
    except (AttributeError, ValueError, OSError):
        return False


def explainer_main(argv, prog, description, explain, command, hint, render=None, redact=None):
    """The whole command line of an explainer; returns the exit status (CONTRACT.md section 2).

    description: one line for --help, a str or {"ja": ..., "en": ...}.
    command: what to run on Windows when no FILE and no pipe is given (None: never run anything).
    hint: {"ja": ..., "en": ...} one line telling how to paste or pipe, for a terminal with no input.
    render: the report as text, when render_text is not enough (a console session's parts).
    redact: text -> text; when given, --redact prints the input with personal details replaced.
    """
    raw = list(sys.argv[1:] if argv is None else argv)
    lang = requested_lang(raw)
    try:
        shown = help_lang(raw)
        if isinstance(description, dict):   # {"ja": ..., "en": ...}: --help in the language asked for
            description = description.get(shown) or description.get("en")
        parser = command_line_parser(prog, description, shown, _EXPLAINER_UI[shown]["exit_status"])
        parser.add_argument("file", nargs="?", metavar="FILE", help=_EXPLAINER_UI[shown]["file_help"])
        add_common_options(parser, shown)
        if redact is not None:
            parser.add_argument("--redact", action="store_true", help=_EXPLAINER_UI[shown]["redact_help"])
        args = parser.parse_args(raw)
        lang = args.lang
        if args.file is not None:
            text = read_input(args.file, lang)
        elif _stdin_is_piped():
            # A pipe wins over running the command: `type other_pc.txt | python explain_x.py`
            # explains that file, not this PC.
            text = read_input("-", lang)
        elif command and os.name == "nt":
            text = run_windows_command(command, lang)
        else:
            return fail(prog, hint[lang])
        if redact is not None and args.redact:
            return emit_text(redact(text))
        report = explain(text, lang)
        if not report["recognized"]:
            if args.json:
                emit(report, lang, True)
            return fail(prog, report["summary"])
        return emit(report, lang, args.json, render)
    except UserError as exc:
        return fail(prog, str(exc))
    except KeyboardInterrupt:
        fail(prog, _UI[lang]["interrupted"])
        return 130
    except Exception as exc:  # noqa: BLE001 - one line, never a traceback
        return fail(prog, _EXPLAINER_UI[lang]["internal"].format(" ".join(str(exc).split()) or type(exc).__name__))
# ---- explainer block: end ------------------------------------------------------------------


# =============================================================================================
# 1. Reading the lines
# =============================================================================================

MAX_LINE = 500        # longer lines are not tracert lines (bounded work per line: linear time)
MAX_TOKENS = 80
LATENCY_JUMP_MS = 40.0
BREAK_SILENT_HOPS = 3

# Every fixed text of tracert/traceroute output, Japanese and English (lower case), in one table.
LABELS = {
    "header": ("へのルートをトレースしています", "tracing route to "),
    "unix-header": ("traceroute to ", "traceroute6 to "),
    "max-hops": ("経由するホップ数は最大", "over a maximum of"),
    "complete": ("トレースを完了しました", "trace complete"),
    "timeout": ("要求がタイムアウトしました", "request timed out"),
    "unreachable": ("宛先ホストに到達できません", "宛先ネットワークに到達できません", "宛先ポートに到達できません",
                    "宛先プロトコルに到達できません", "destination host unreachable", "destination net unreachable",
                    "destination network unreachable", "destination port unreachable",
                    "destination protocol unreachable", "destination prohibited"),
    "reports": ("が次を報告しました", "reports:"),
    "not-found": ("ターゲット システム名", "unable to resolve target system name", "unknown host",
                  "name or service not known", "cannot resolve", "nodename nor servname provided"),
    "transmit-failed": ("一般エラーです", "general failure", "転送に失敗しました", "transmit failed"),
    "multiple": ("has multiple addresses",),
}
# Lines that say "this is another tool's output" (ping and the rest share words with tracert).
OTHER_TOOLS = ("に ping を送信しています", "pinging ", "ping 統計", "ping statistics", "packets transmitted",
               "bytes from", "からの応答", "reply from", "active connections", "アクティブな接続",
               "windows ip configuration", "windows ip 構成", "default server:", "既定のサーバー:")
# traceroute's marks after a probe: the router answered "unreachable" (or filtered) instead.
UNREACH_MARKS = {
    "!H": "host", "!N": "net", "!P": "protocol", "!S": "source-route", "!F": "fragmentation",
    "!X": "prohibited", "!V": "precedence", "!C": "precedence", "!U": "host", "!W": "net", "!I": "host",
    "!A": "prohibited", "!Z": "prohibited",
}
# Addresses a home, office or provider uses inside its own network (RFC 1918, shared CGN space, ULA).
_PRIVATE_NETS = tuple(ipaddress.ip_network(n) for n in (
    "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "fc00::/7"))
_DETECT_WEIGHTS = {"header": 0.7, "max-hops": 0.3, "complete": 0.3, "hop": 0.2, "not-found": 0.6}


def _has(low, key):
    return any(label in low for label in LABELS[key])


def _ip(text):
    """An ipaddress object for an address text ('[..]', '(..)', '%zone' and trailing ':' allowed), or None."""
    if not text or len(text) > 60:
        return None
    text = text.strip("[]()").rstrip(":,").split("%", 1)[0]
    if not text or not ("." in text or ":" in text) or not all(c in "0123456789abcdefABCDEF.:" for c in text):
        return None
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


def _number(text):
    try:
        value = float(text)
    except ValueError:
        return None
    if value != value or value < 0 or value > 10 ** 7:
        return None
    return value


def _name_and_address(text):
    """('name', 'address') from 'name [1.2.3.4]', 'name (1.2.3.4)', '1.2.3.4' or 'name'."""
    text = text.strip().rstrip(":.").strip()
    if not text:
        return None, None
    tokens = text.split()
    last = tokens[-1]
    if last[:1] in "[(" and last[-1:] in "])":
        address = last[1:-1]
        name = tokens[-2] if len(tokens) > 1 else None
        if name is not None and not all(c.isalnum() or c in ".-_" for c in name):
            name = None
        return name or address, address
    name = tokens[0]
    return name, (name if _ip(name) is not None else None)


def _new_trace(line=None):
    return {"target": None, "address": None, "max_hops": None, "hops": [], "completed": False,
            "interrupted": False, "header_line": line, "end_lines": [], "not_found": None,
            "not_found_line": None, "failed_line": None}


def _read_hop(tokens, number, message):
    """A hop row from the tokens after the hop number, or None when the row has no probe."""
    rtts = []
    annotations = []
    hosts = []  # [name, address]
    asns = []
    i = 0
    n = min(len(tokens), MAX_TOKENS)
    while i < n:
        t = tokens[i]
        nxt = tokens[i + 1] if i + 1 < n else ""
        low = t.lower()
        if t == "*":
            rtts.append(None)
        elif t.startswith("!"):
            annotations.append(t)
        elif low.endswith("ms") and (_number(t[:-2]) is not None or t[:-2] == "<1"):
            rtts.append(1.0 if t[:-2] == "<1" else _number(t[:-2]))
        elif (t == "<1" or _number(t) is not None) and nxt.lower() in ("ms", "msec"):
            rtts.append(1.0 if t == "<1" else _number(t))
            i += 1
        elif t.startswith("[AS") and t.endswith("]"):
            asns.append(t[1:-1])
        elif t == "[*]":
            pass  # traceroute -A: the router's AS is unknown (not an address)
        elif t[:1] in "([" and t[-1:] in ")]" and len(t) > 2:
            if hosts and hosts[-1][1] is None:
                hosts[-1][1] = t[1:-1]
            elif hosts and hosts[-1][0] is None and hosts[-1][1] == t[1:-1] and tokens[i - 1] == t[1:-1]:
                pass  # "192.0.2.1 (192.0.2.1)": traceroute -n prints the address twice
            else:
                hosts.append([None, t[1:-1]])
        elif low in ("ms", "msec"):
            pass
        else:
            if _ip(t) is not None:
                hosts.append([None, t.rstrip(":")])
            else:
                hosts.append([t, None])
        i += 1
    if not rtts and message is None and not annotations:
        return None
    if not rtts and not hosts and message != "timeout":
        return None
    return {
        "hop": number,
        "addresses": [h[1] for h in hosts if h[1] is not None],
        "names": [h[0] for h in hosts if h[0] is not None],
        "rtts_ms": rtts,
        "annotations": annotations + (["unreachable"] if message == "unreachable" else []),
        "as_numbers": asns,
    }


def parse(text):
    """(traces, stats): the traces in order, and counts of kinds of lines for detect()."""
    traces = []
    stats = {"kinds": {}, "nonempty": 0, "matched": 0, "other_tool": False, "interrupted": False}
    current = None

    def count(kind):
        stats["kinds"][kind] = stats["kinds"].get(kind, 0) + 1
        stats["matched"] += 1

    def need(line):
        nonlocal current
        if current is None:
            current = _new_trace()
            traces.append(current)
        return current

    last_hop_line = 0  # the line of the last hop row (or its continuation)
    for number, raw in enumerate(text.splitlines(), 1):
        if len(raw) > MAX_LINE:
            stats["nonempty"] += 1
            continue
        line = raw.strip().lstrip("> \t").strip()
        if not line:
            continue
        stats["nonempty"] += 1
        if last_hop_line == number - 1 and raw[:1] in " \t" and _continue_hop(current, line):
            last_hop_line = number
            count("hop")
            continue
        if "^C" in line:
            line = line.replace("^C", " ").strip()
            stats["interrupted"] = True
            need(number)["interrupted"] = True
            need(number)["end_lines"].append(number)
            if not line:
                continue
        low = line.lower()
        tokens = line.split()
        first = tokens[0]
        if first.isdecimal() and len(first) <= 3 and len(tokens) > 1:
            message = None
            cut = len(line)
            for key in ("timeout", "unreachable", "transmit-failed"):
                for label in LABELS[key]:
                    at = low.find(label)
                    if at >= 0:
                        message = message or key
                        cut = min(cut, at)
            for label in LABELS["reports"]:
                at = low.find(label)
                if at >= 0:
                    cut = min(cut, at)
            hop = _read_hop(line[len(first):cut].split(), int(first), message)
            if hop is not None and 1 <= hop["hop"] <= 255:
                hop["line"] = number
                trace = need(number)
                if trace["hops"] and hop["hop"] <= trace["hops"][-1]["hop"]:
                    current = _new_trace()
                    traces.append(current)
                    trace = current
                trace["hops"].append(hop)
                last_hop_line = number
                count("hop")
                continue
        if _has(low, "header"):
            current = _new_trace(number)
            traces.append(current)
            if LABELS["header"][0] in line:
                before = line[: line.find(LABELS["header"][0])]
            else:
                rest = line[low.find(LABELS["header"][1]) + len(LABELS["header"][1]):]
                at = rest.lower().find(" over a maximum")
                before = rest[:at] if at >= 0 else rest
            current["target"], current["address"] = _name_and_address(before)
            count("header")
            if _has(low, "max-hops"):
                current["max_hops"] = _max_hops(line)
            continue
        if low.startswith(LABELS["unix-header"]):
            current = _new_trace(number)
            traces.append(current)
            rest = line.split(None, 2)[2] if len(tokens) > 2 else ""
            rest_tokens = rest.split()
            if rest_tokens:
                current["target"] = rest_tokens[0].rstrip(",")
                if len(rest_tokens) > 1 and rest_tokens[1].startswith("("):
                    current["address"] = rest_tokens[1].strip("(),")
                elif _ip(current["target"]) is not None:
                    current["address"] = current["target"]
            at = low.find(" hops max")
            if at > 0:
                current["max_hops"] = _int_before(low, at)
            count("header")
            continue
        if _has(low, "max-hops"):
            need(number)["max_hops"] = _max_hops(line)
            count("max-hops")
            continue
        if _has(low, "complete"):
            trace = need(number)
            trace["completed"] = True
            trace["end_lines"].append(number)
            count("complete")
            continue
        if _has(low, "not-found") and ("trac" in low or "システム名" in line or "target system name" in low):
            current = _new_trace(number)
            traces.append(current)
            current["not_found"] = _not_found_name(line, low)
            current["target"] = current["not_found"]
            current["not_found_line"] = number
            count("not-found")
            continue
        if _has(low, "multiple"):
            count("max-hops")
            continue
        if not stats["other_tool"] and any(m in low for m in OTHER_TOOLS):
            stats["other_tool"] = True
    for trace in traces:
        if trace["address"] is None and _ip(trace["target"] or "") is not None:
            trace["address"] = trace["target"]
    return traces, stats


def _continue_hop(trace, line):
    """macOS/BSD/Linux traceroute print a second (third) router that answered for the same hop
    on an indented line of its own, without the hop number: add its probes to that hop."""
    if trace is None or not trace["hops"] or line.split()[0].isdecimal():
        return False
    last = trace["hops"][-1]
    more = _read_hop(line.split(), last["hop"], None)
    if more is None or not any(r is not None for r in more["rtts_ms"]) or not (more["addresses"] or more["names"]):
        return False
    for key in ("addresses", "names", "rtts_ms", "annotations", "as_numbers"):
        last[key].extend(more[key])
    return True


def _int_before(low, at):
    digits = ""
    i = at - 1
    while i >= 0 and low[i].isdecimal() and len(digits) < 4:
        digits = low[i] + digits
        i -= 1
    return int(digits) if digits else None


def _max_hops(line):
    for token in line.replace(":", " ").split():
        if token.isdecimal() and len(token) <= 3:
            return int(token)
    return None


def _not_found_name(line, low):
    tokens = line.replace("「", " ").replace("」", " ").split()
    if "システム名" in line:
        at = tokens.index("システム名") if "システム名" in tokens else -1
        if 0 <= at < len(tokens) - 1:
            return tokens[at + 1]
    for i, token in enumerate(tokens):
        if token.lower() in ("name", "host") and i + 1 < len(tokens):
            return tokens[i + 1].rstrip(".:")
    return tokens[-1].rstrip(".:")


def _score(stats):
    score = sum(_DETECT_WEIGHTS.get(k, 0.0) * n for k, n in stats["kinds"].items())
    if stats["interrupted"] and stats["kinds"].get("hop"):
        score += 0.1
    score = min(1.0, score)
    if stats["other_tool"] and not stats["kinds"].get("header"):
        score *= 0.1
    elif stats["nonempty"] and stats["matched"] * 4 < stats["nonempty"]:
        score *= 0.3
    return round(score, 3)


def detect(text):
    """0.0 .. 1.0: how sure this text is tracert/traceroute output."""
    try:
        if not isinstance(text, str):
            return 0.0
        return _score(parse(text)[1])
    except Exception:  # noqa: BLE001 - detection must never fail
        return 0.0


# =============================================================================================
# 2. Interpretation
# =============================================================================================


def _answered(hop):
    return any(r is not None for r in hop["rtts_ms"]) or bool(hop["addresses"]) or bool(hop["names"])


def _router(hop):
    """How a hop is named in a subject: its address, else its name, else 'hop N'."""
    if hop["addresses"]:
        name = hop["names"][0] if hop["names"] else None
        if name and _ip(hop["addresses"][0]) is None:
            return name  # a masked address ("***.***.***.***") says less than the name
        if name and name != hop["addresses"][0]:
            return "{0} [{1}]".format(name, hop["addresses"][0])
        return hop["addresses"][0]
    if hop["names"]:
        return hop["names"][0]
    return "#{0}".format(hop["hop"])


def _min_rtt(hop):
    values = [r for r in hop["rtts_ms"] if r is not None]
    return min(values) if values else None


def _fmt_ms(value):
    if value is None:
        return "?"
    return str(int(value)) if float(value).is_integer() else "{0:.1f}".format(value)


def _is_target(hop, trace):
    address = trace["address"]
    if address is not None:
        want = _ip(address)
        for a in hop["addresses"]:
            if a == address or (want is not None and _ip(a) == want):
                return True
    target = (trace["target"] or "").casefold()
    return bool(target) and any(n.casefold() == target for n in hop["names"])


def _latency_jump(hops):
    """(hop, previous hop) where the RTT jumps and stays high, or None."""
    timed = [(h, _min_rtt(h)) for h in hops if _min_rtt(h) is not None]
    for k in range(1, len(timed)):
        base = timed[k - 1][1]
        value = timed[k][1]
        delta = value - base
        if delta < LATENCY_JUMP_MS or value < 2 * base:
            continue
        later = timed[k + 1:]
        if not later:
            continue
        if all(m >= base + delta / 2 for _, m in later):
            return timed[k][0], timed[k - 1][0], base, value, later[-1][1]
    return None


def analyse_trace(trace, add):
    target = trace["target"]
    target_text = target or None
    if trace["address"] and target and trace["address"] != target:
        target_text = "{0} [{1}]".format(target, trace["address"])
    head = [trace["header_line"]] if trace["header_line"] else []
    if trace["not_found"]:
        add("host-not-found", "error", target, [trace["not_found_line"]], target=target or "?")
        return
    hops = trace["hops"]
    reached = next((i for i, h in enumerate(hops) if _is_target(h, trace)), None)
    considered = hops[: reached + 1] if reached is not None else hops
    answering = [i for i, h in enumerate(considered) if _answered(h)]
    last_answer = answering[-1] if answering else None
    common = {"target": target_text or "?", "max": trace["max_hops"] or "?"}
    unreach = [h for h in considered if any(a in UNREACH_MARKS or a == "unreachable" or a.startswith("!<")
                                            for a in h["annotations"])]
    if reached is not None:
        hop = hops[reached]
        add("route-complete", "ok", target, head + [hop["line"]] + trace["end_lines"][:1], hop=hop["hop"],
            rtt=_fmt_ms(_min_rtt(hop)), **common)
    elif unreach:
        hop = unreach[0]
        marks = [a for a in hop["annotations"] if a != "unreachable"]
        kind = UNREACH_MARKS.get(marks[0], "other") if marks else "windows"
        add("unreachable-reported", "error", _router(hop) if (hop["addresses"] or hop["names"]) else target,
            [hop["line"]], variant=kind, hop=hop["hop"], router=_router(hop), mark=" ".join(marks) or "-", **common)
    elif trace["interrupted"]:
        add("interrupted", "info", target, trace["end_lines"][:1] or [hops[-1]["line"]] if hops else [],
            hop=hops[-1]["hop"] if hops else 0, **common)
    elif hops:
        trailing = len(hops) - 1 - last_answer if last_answer is not None else len(hops)
        if trailing >= BREAK_SILENT_HOPS:
            silent = hops[last_answer + 1] if last_answer is not None else hops[0]
            if last_answer is None:
                variant, subject, prev = "none", target, None
            else:
                prev = hops[last_answer]
                variant = "gateway" if prev["hop"] == 1 else None
                subject = _router(prev)
            add("route-breaks", "error", subject,
                ([prev["line"]] if prev else []) + [h["line"] for h in hops[(last_answer + 1 if last_answer is not None else 0):][:5]],
                variant=variant, hop=prev["hop"] if prev else 0, router=_router(prev) if prev else "?",
                silent=silent["hop"], last=hops[-1]["hop"], **common)
        elif trace["header_line"] and (trace["completed"] or (trace["max_hops"] and hops[-1]["hop"] >= trace["max_hops"])):
            add("max-hops-reached", "info", target, [hops[-1]["line"]] + trace["end_lines"][:1],
                last=hops[-1]["hop"], **common)
        else:
            add("truncated-input", "info", target, [hops[-1]["line"]],
                variant="no-header" if not trace["header_line"] else None, last=hops[-1]["hop"], **common)
    if not hops:
        if trace["header_line"] and not trace["interrupted"]:
            add("truncated-input", "info", target, head, variant="no-hops", last=0, **common)
        return
    if trace["interrupted"] and reached is not None:
        add("interrupted", "info", target, trace["end_lines"][:1], hop=hops[-1]["hop"], **common)
    silent = [h for h in considered[: last_answer or 0] if not _answered(h)]
    if silent:
        add("silent-hops", "info", target, [h["line"] for h in silent[:20]],
            hops=", ".join(str(h["hop"]) for h in silent[:20]), count=len(silent), **common)
    jump = _latency_jump([h for h in considered if _answered(h)])
    if jump is not None:
        hop, prev, base, value, last_value = jump
        add("latency-jump", "warning", _router(hop), [prev["line"], hop["line"]], hop=hop["hop"], prev=prev["hop"],
            router=_router(hop), base=_fmt_ms(base), value=_fmt_ms(value), last_value=_fmt_ms(last_value), **common)
    target_ip = _ip(trace["address"] or "")
    if target_ip is not None and target_ip.is_global:
        private = []
        for h in considered:
            if h["hop"] < 2:
                continue
            for a in h["addresses"]:
                ip = _ip(a)
                if ip is not None and any(ip.version == net.version and ip in net for net in _PRIVATE_NETS):
                    private.append((h, a))
                    break
        if private:
            add("private-hops", "info", target, [h["line"] for h, _ in private[:20]],
                pairs=[(h["hop"], a) for h, a in private[:6]], **common)


def _public_trace(trace):
    hops = [{"hop": h["hop"], "addresses": h["addresses"], "names": h["names"], "rtts_ms": h["rtts_ms"],
             "annotations": h["annotations"], "as_numbers": h["as_numbers"], "line": h["line"]} for h in trace["hops"]]
    reached = any(_is_target(h, trace) for h in trace["hops"])
    return {"target": trace["target"], "address": trace["address"], "max_hops": trace["max_hops"], "hops": hops,
            "completed": trace["completed"], "interrupted": trace["interrupted"], "reached": reached}


def analyse(text, lang):
    """The report. May raise on a bug; explain() is the safe wrapper."""
    traces, stats = parse(text)
    traces = [t for t in traces if t["hops"] or t["header_line"] or t["not_found"]]
    if _score(stats) < 0.5 or not traces:
        return _unrecognized(lang)
    out = []

    def add(fid, severity, subject, lines, variant=None, **params):
        out.append({"id": fid, "severity": severity, "subject": subject,
                    "lines": sorted(set(n for n in lines if n)), "variant": variant, "params": params})

    for trace in traces:
        analyse_trace(trace, add)
    rank = {sev: i for i, sev in enumerate(SEVERITY_ORDER)}
    out.sort(key=lambda f: rank[f["severity"]])
    findings = [_render(f, lang) for f in out]
    public = [_public_trace(t) for t in traces]
    data = dict(public[0])
    data["traces"] = public
    return {
        "tool": TOOL,
        "recognized": True,
        "locale": lang,
        "summary": _summary(public, findings, lang),
        "data": data,
        "findings": findings,
    }


def _unrecognized(lang):
    return empty_report(TOOL, lang, TEXTS["unrecognized"][lang]["title"])


def explain(text, lang="ja"):
    """The report for tracert/traceroute output `text`; never raises."""
    summaries = {key: {code: TEXTS[key][code]["title"] for code in ("ja", "en")} for key in ("unrecognized", "internal-error")}
    return guarded_explain(TOOL, analyse, text, lang, summaries)


# =============================================================================================
# 3. Human text: ONE table keyed by finding id (variants as "detail:<variant>").
# =============================================================================================

PAGE_TRACERT = "network/tracert/"
_PAGES = {"host-not-found": "network/nslookup/"}

TEXTS = {
    "route-complete": {
        "ja": {
            "title": "経路は相手まで届いています",
            "detail": "{hop} ホップ目で目的の {target} から返事があり、経路は最後までつながっています (最も速い返事 {rtt} ms)。"
            "途中の区間で通信が止まっているわけではありません。",
            "steps": ["それでもサービスが使えないなら、経路ではなく相手のサービスやポートの問題です。ポートにつながるかを確かめます。"],
        },
        "en": {
            "title": "The trace reaches the target",
            "detail": "{target} answered at hop {hop}: the path works all the way (fastest reply {rtt} ms). Nothing on the way stops the traffic.",
            "steps": ["If the service still does not work, the problem is the service or its port, not the path: check whether the port can be reached."],
        },
    },
    "silent-hops": {
        "ja": {
            "title": "返事をしないルーターがありますが、経路は先へ続いています",
            "detail": "{hops} ホップ目は「*」(タイムアウト) でしたが、その後のホップからは返事があります。"
            "そのルーターが時間切れの通知を返さない設定になっているだけで、通信は通り抜けています。故障ではありません。",
            "steps": [],
        },
        "en": {
            "title": "Some routers do not answer, but the path continues",
            "detail": "Hop(s) {hops} timed out (\"*\"), yet later hops answer. Those routers simply do not send the "
            "time-exceeded notice; traffic passes through them. This is not a fault.",
            "steps": [],
        },
    },
    "route-breaks": {
        "ja": {
            "title": "経路が途中で止まっています",
            "detail": "{hop} ホップ目の {router} までは返事がありますが、{silent} ホップ目から最後 ({last} ホップ目) まで返事がありません。"
            "{router} の先 (次のルーターとの間) で止まっている可能性が高いです。"
            "ただし、相手のサーバーやその手前のファイアウォールが tracert の通知を返さない設定のこともあり、最後が「*」でも相手が止まっているとは限りません。",
            "detail:gateway": "1 ホップ目の {router} (ふつうは家や会社のルーター) までは返事がありますが、{silent} ホップ目から最後 ({last} ホップ目) まで返事がありません。"
            "ルーターから外 (回線やプロバイダー) へ出られていない典型的な形です。PPPoE の認証や IPoE の開通、ONU、プロバイダーの障害を疑います。"
            "ただし、相手側が tracert の通知を返さない設定のこともあるので、ほかの宛先でも同じになるかを比べてください。",
            "detail:none": "1 ホップ目から最後 ({last} ホップ目) まで、どのルーターからも返事がありません。"
            "パソコンとルーターの間 (ケーブル、Wi-Fi、デフォルト ゲートウェイの設定) か、このパソコンのファイアウォールが原因の可能性があります。",
            "steps": [
                "ほかの宛先 (例: tracert -d 8.8.8.8) でも同じところで止まるか比べます。同じなら、止まる場所の手前側に原因があります。",
                "1 ホップ目のルーターより先で止まるなら、ルーターの管理画面で回線の接続状態を確かめ、ONU とルーターを再起動します。",
                "相手のサーバーだけが止まるなら、相手が ICMP を返さないだけのこともあります。実際のポートにつながるかで確かめます。",
            ],
        },
        "en": {
            "title": "The trace stops before the target",
            "detail": "Hop {hop} ({router}) answers, but from hop {silent} to the last one ({last}) nothing answers. The path "
            "most likely stops just beyond {router}. Note that many servers and firewalls do not answer traceroute "
            "probes, so a silent end alone does not prove the target is down.",
            "detail:gateway": "Hop 1 ({router}, normally your own router) answers, but from hop {silent} to the last one ({last}) "
            "nothing answers: the typical picture of a router that cannot get out to the line or the provider (PPPoE "
            "login, IPoE, ONU, provider outage). The far side may also just not answer probes, so compare another target.",
            "detail:none": "No router answers from hop 1 to the last one ({last}). The problem is likely between this PC and "
            "its router (cable, Wi-Fi, default gateway) or this PC's firewall.",
            "steps": [
                "Compare another target (e.g. tracert -d 8.8.8.8): if it stops at the same place, the cause is on this side of it.",
                "If it stops right after your router, check the line status in the router's settings and restart the ONU and router.",
                "If only the target's own network is silent, it may just not answer ICMP: check its real port instead.",
            ],
        },
    },
    "latency-jump": {
        "ja": {
            "title": "ある区間から遅延が大きく増えています",
            "detail": "{prev} ホップ目では {base} ms でしたが、{hop} ホップ目の {router} から {value} ms に増え、その後のホップも高いまま (最後は {last_value} ms) です。"
            "{prev} ホップ目と {hop} ホップ目の間の区間が混雑しているか、遠回り (海外経由など) をしていると考えられます。"
            "途中の 1 ホップだけ遅く、後のホップが元に戻る場合は問題ありませんが、ここでは後まで続いています。",
            "steps": [
                "時間帯を変えて何度か調べ、同じ区間で遅くなるか確かめます (夜だけなら設備の混雑が疑われます)。",
                "その区間がプロバイダーの中なら、この結果を添えてプロバイダーに問い合わせます。",
            ],
        },
        "en": {
            "title": "The delay jumps from one hop on",
            "detail": "Hop {prev} answered in {base} ms, but from hop {hop} ({router}) it is {value} ms and later hops stay high "
            "(the last {last_value} ms). The link between hops {prev} and {hop} is congested or takes a long detour. "
            "A single slow hop that later hops do not inherit is harmless; this one carries on.",
            "steps": [
                "Trace again at other times of day to see whether the same link is slow (evenings only suggests congestion).",
                "If that link is inside your provider, send them this output.",
            ],
        },
    },
    "unreachable-reported": {
        "ja": {
            "title": "途中のルーターが「宛先に到達できない」と返しています",
            "detail": "{hop} ホップ目の {router} が、{target} への道がないと知らせています (印: {mark})。そのルーターより先への経路がないか、回線が切れています。"
            "家のルーターなら回線の接続、プロバイダー内のアドレスならプロバイダー側の障害が考えられます。",
            "detail:host": "{hop} ホップ目の {router} が「宛先ホストに到達できない」と知らせています (印: {mark})。"
            "相手の手前のネットワークまでは届いていますが、相手の機器が見つかりません (電源が切れている、アドレスが違う)。",
            "detail:prohibited": "{hop} ホップ目の {router} が「管理上禁止」と知らせています (印: {mark})。"
            "ファイアウォールやフィルターが通信を止めています。",
            "detail:windows": "{hop} ホップ目の {router} が「宛先に到達できません」と報告しています。"
            "そのルーターより先への経路がないか、回線が切れています。家のルーターなら回線の接続、プロバイダー内ならプロバイダー側の障害が考えられます。",
            "steps": [
                "宛先のアドレスに打ち間違いがないか確かめます。",
                "報告したのが自分のルーターなら、ルーターの管理画面で回線がつながっているか確かめます。",
                "プロバイダーや相手側のアドレスなら、時間をおいて再度試し、続くならその管理者に問い合わせます。",
            ],
        },
        "en": {
            "title": "A router reports the destination unreachable",
            "detail": "Hop {hop} ({router}) reports that it has no way to {target} (mark {mark}): there is no route beyond it, "
            "or its line is down. Your own router points at your line; a provider address points at the provider.",
            "detail:host": "Hop {hop} ({router}) reports the destination host unreachable (mark {mark}): the target's network "
            "is reached, but the device itself is not found (switched off, or a wrong address).",
            "detail:prohibited": "Hop {hop} ({router}) reports the traffic administratively prohibited (mark {mark}): a "
            "firewall or filter blocks it.",
            "detail:windows": "Hop {hop} ({router}) reports the destination unreachable: there is no route beyond it, or its "
            "line is down. Your own router points at your line; a provider address points at the provider.",
            "steps": [
                "Check the target address for typing mistakes.",
                "If your own router reports it, check in its settings that the line is connected.",
                "If it is a provider's or the target's address, try again later and contact them if it persists.",
            ],
        },
    },
    "interrupted": {
        "ja": {
            "title": "途中で止められた結果です",
            "detail": "Ctrl+C (^C) で {hop} ホップ目のところで止められています。経路の失敗を示すものではありません。"
            "相手まで届くかどうかは、この結果からは判断できません。",
            "steps": ["相手まで届くか知りたいときは、最後まで (または「トレースを完了しました」まで) 待ってから貼り付けます。"],
        },
        "en": {
            "title": "The trace was interrupted",
            "detail": "It was stopped with Ctrl+C (^C) at hop {hop}. This is not a failure; whether the target is reached "
            "cannot be told from this output.",
            "steps": ["To see whether the target is reached, let the trace finish before copying it."],
        },
    },
    "max-hops-reached": {
        "ja": {
            "title": "最大ホップ数で打ち切られています",
            "detail": "最大ホップ数 ({max}) に達したため、{last} ホップ目で終わっています。目的の {target} にはまだ届いていませんが、経路が止まっているとは限りません。",
            "steps": ["tracert -h 30 (macOS/Linux は traceroute -m 30) のように最大ホップ数を増やして、もう一度調べます。"],
        },
        "en": {
            "title": "The trace stopped at its hop limit",
            "detail": "The trace reached its maximum of {max} hops and ended at hop {last} before {target}; the path is not "
            "necessarily broken.",
            "steps": ["Run it again with more hops (tracert -h 30, or traceroute -m 30)."],
        },
    },
    "private-hops": {
        "ja": {
            "title": "途中にプライベート アドレスのホップがあります",
            "detail": "{hops} はプライベート アドレス (家庭や会社の中、またはプロバイダー内部で使うアドレス) です。"
            "ルーターが 2 台つながっている (二重ルーター)、WSL や仮想マシンの中から調べている、プロバイダーが内部でこのアドレスを使っている、などのときに見られ、それ自体は故障ではありません。",
            "steps": [],
        },
        "en": {
            "title": "Some hops have private addresses",
            "detail": "Hop(s) {hops} use private addresses (home, office or provider-internal). This is seen behind two "
            "routers in a row, from inside WSL or a virtual machine, or inside a provider's network; it is not a fault in itself.",
            "steps": [],
        },
    },
    "truncated-input": {
        "ja": {
            "title": "出力の途中までしかありません",
            "detail": "{last} ホップ目で出力が終わっていて、相手に届いたかどうか、どこで止まるかはこの部分からは判断できません。見えている行だけで判断しました。",
            "detail:no-header": "出力の最初の行 (「… へのルートをトレースしています」や traceroute to …) がないため宛先がわからず、{last} ホップ目で終わっています。"
            "相手に届いたかどうかは判断できません。見えている行だけで判断しました。",
            "detail:no-hops": "{target} へのトレースの見出しだけで、ホップの行がありません。",
            "steps": ["tracert が終わるまで待ってから、最初の行から最後の行まで全体をコピーしてください。"],
        },
        "en": {
            "title": "Only part of the output",
            "detail": "The output ends at hop {last}; whether the target is reached, or where the trace stops, cannot be told "
            "from this part. Only the visible lines were judged.",
            "detail:no-header": "The first line (\"Tracing route to ...\" or \"traceroute to ...\") is missing, so the target "
            "is unknown; the output ends at hop {last}. Only the visible lines were judged.",
            "detail:no-hops": "Only the heading of the trace to {target}; no hop lines.",
            "steps": ["Wait for the trace to finish and copy the whole output, from its first line to its last."],
        },
    },
    "host-not-found": {
        "ja": {
            "title": "宛先の名前からアドレスを調べられませんでした",
            "detail": "「{target}」という名前を IP アドレスに変換できなかったため、トレースは始まっていません。名前の打ち間違いか、DNS に問い合わせられていません。",
            "steps": [
                "名前のつづりを確かめます。",
                "tracert -d 8.8.8.8 のようにアドレスで試し、外まで届くかを確かめます。届くなら DNS の問題です。",
                "nslookup で名前を引いてみます。",
            ],
        },
        "en": {
            "title": "The target name could not be resolved",
            "detail": "The name {target} could not be turned into an address, so no trace was made: a typing mistake, or DNS cannot be reached.",
            "steps": [
                "Check the spelling of the name.",
                "Trace an address such as 8.8.8.8: if that works, the problem is DNS.",
                "Look the name up with nslookup.",
            ],
        },
    },
    "unrecognized": {
        "ja": {"title": "tracert の出力として読み取れませんでした。コマンドプロンプトで tracert を実行した結果 (例: tracert -d 8.8.8.8) を、最初の行から貼り付けてください。"},
        "en": {"title": "This does not look like tracert or traceroute output. Paste what tracert prints (for example tracert -d 8.8.8.8), from its first line."},
    },
    "internal-error": {
        "ja": {"title": "読み取り中に予期しない問題が起きました。出力の全体を貼り付けて、もう一度試してください。"},
        "en": {"title": "Something unexpected went wrong while reading the output. Paste the whole output and try again."},
    },
    "summary": {
        "ja": {
            "trace": "{target}: {hops} ホップ",
            "reached": " (到達)",
            "head": "tracert: {parts}。",
            "more": " ほか {n} 件のトレース。",
            "errors": "問題が {n} 件あります (最初: {title})。",
            "warnings": "注意点が {n} 件あります。",
            "fine": "問題は見つかりませんでした。",
            "unknown": "(宛先不明)",
        },
        "en": {
            "trace": "{target}: {hops} hop(s)",
            "reached": " (reached)",
            "head": "tracert: {parts}.",
            "more": " {n} more trace(s).",
            "errors": " {n} problem(s) found (first: {title}).",
            "warnings": " {n} warning(s).",
            "fine": " No problem found.",
            "unknown": "(unknown target)",
        },
    },
}


def _render(f, lang):
    text = TEXTS[f["id"]][lang]
    params = TextParams(f["params"])
    if params.get("target") in (None, "?"):
        params["target"] = "相手" if lang == "ja" else "the target"
    if "pairs" in params:
        form = "{0} ホップ目 ({1})" if lang == "ja" else "{0} ({1})"
        params["hops"] = ("、" if lang == "ja" else ", ").join(form.format(n, a) for n, a in params.pop("pairs"))
    variant = f["variant"]
    return finding_from_text(text, f, pick_detail(text, variant).format_map(params), _PAGES.get(f["id"], PAGE_TRACERT))


def _summary(traces, findings, lang):
    t = TEXTS["summary"][lang]
    parts = []
    for trace in traces[:3]:
        part = t["trace"].format(target=trace["target"] or t["unknown"], hops=len(trace["hops"]))
        if trace["reached"]:
            part += t["reached"]
        parts.append(part)
    text = t["head"].format(parts=("、" if lang == "ja" else "; ").join(parts))
    if len(traces) > 3:
        text += t["more"].format(n=len(traces) - 3)
    errors = [f for f in findings if f["severity"] == "error"]
    warnings = [f for f in findings if f["severity"] == "warning"]
    if errors:
        text += t["errors"].format(n=len(errors), title=errors[0]["title"])
    elif warnings:
        text += t["warnings"].format(n=len(warnings))
    else:
        text += t["fine"]
    return text


# =============================================================================================
# 4. Command line
# =============================================================================================

_CLI = {
    "ja": {
        "no_input": "入力がありません。tracert には宛先が必要なので、先に結果を保存してください "
        "(例: tracert -d 8.8.8.8 > tracert.txt)。そのあと py explain_tracert.py tracert.txt と実行するか、出力をパイプで渡してください。",
    },
    "en": {
        "no_input": "no input. tracert needs a target, so save its output first (e.g. tracert -d 8.8.8.8 > tracert.txt, "
        "or traceroute -n 8.8.8.8 > tracert.txt), then run python3 explain_tracert.py tracert.txt, or pipe the output in.",
    },
}


def main(argv=None):
    hint = {lang: texts["no_input"] for lang, texts in _CLI.items()}
    description = "Explain the output of tracert (Windows) or traceroute (macOS, Linux)."
    return explainer_main(argv, PROG, description, explain, None, hint)


if __name__ == "__main__":
    sys.exit(main())
