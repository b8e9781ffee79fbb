#!/usr/bin/env python3
"""Explain the output of netstat (Windows netstat -an / -ano / -anob, macOS and Linux netstat)
and of PowerShell's Get-NetTCPConnection (its table is read into the same rows).

Usage:
  python explain_netstat.py            on Windows: runs `netstat -ano` and explains it
  python explain_netstat.py FILE       explains a saved output (UTF-8, UTF-16, cp932)
  python explain_netstat.py -          reads the output from standard input
Options: --json, --lang ja|en.  Exit status: 0 = nothing wrong found, 1 = an error-level
finding (for example a mail connection that is never answered), 2 = usage error, unreadable
or unrecognized input.

Standard library only; runs on Python 3.9+ and inside Pyodide (detect/explain do no I/O).
"""
from __future__ import annotations

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
import re
from collections import Counter
from operator import itemgetter

TOOL = "netstat"

# ---------------------------------------------------------------------------------------------
# Words printed by netstat, one table for every language and system the parser accepts.
# Japanese Windows localises the headers and the -b messages but keeps the state words.
# ---------------------------------------------------------------------------------------------
LABELS = {
    "active": ("Active Connections", "アクティブな接続", "Active Internet connections"),
    "proto": ("Proto", "プロトコル"),
    "local": ("Local Address", "ローカル アドレス", "ローカルアドレス"),
    "foreign": ("Foreign Address", "外部アドレス"),
    "state": ("State", "状態", "(state)"),
    "pid": ("PID",),
    "no_owner": ("Can not obtain ownership information", "所有者情報を取得できません"),
    "unix_queues": ("Recv-Q",),
    "macos_a": ("Socket", "Flowhash"),
    # Tables that netstat prints with other options: routes (-r) and interfaces (-i, -e).
    "route_table": ("IPv4 Route Table", "IPv4 ルート テーブル", "Active Routes:", "アクティブ ルート:",
                    "Routing tables", "Kernel IP routing table", "Interface List",
                    "インターフェイス一覧"),
    "interface_table": ("Kernel Interface table", "Interface Statistics", "インターフェイスの統計"),
}

STATE_ALIASES = {
    "LISTENING": "LISTENING", "LISTEN": "LISTENING",
    "ESTABLISHED": "ESTABLISHED",
    "TIME_WAIT": "TIME_WAIT", "CLOSE_WAIT": "CLOSE_WAIT",
    "SYN_SENT": "SYN_SENT", "SYN_RECEIVED": "SYN_RECEIVED", "SYN_RECV": "SYN_RECEIVED",
    "SYN_RCVD": "SYN_RECEIVED",
    "FIN_WAIT_1": "FIN_WAIT_1", "FIN_WAIT1": "FIN_WAIT_1",
    "FIN_WAIT_2": "FIN_WAIT_2", "FIN_WAIT2": "FIN_WAIT_2",
    "LAST_ACK": "LAST_ACK", "CLOSING": "CLOSING", "CLOSED": "CLOSED",
    "BOUND": "BOUND", "DELETE_TCB": "DELETE_TCB", "UNKNOWN": "UNKNOWN",
}

WIN_PROTOS = ("TCP", "UDP", "TCPV6", "UDPV6")
UNIX_PROTOS = ("tcp", "tcp4", "tcp6", "tcp46", "udp", "udp4", "udp6", "udp46")

MAIL_PORTS = (25, 465, 587, 110, 995, 143, 993)
_MAIL_PORT_SET = frozenset(MAIL_PORTS)
SUBMISSION_PORTS = (25, 465, 587)

# Thresholds (documented on the page network/netstat/):
# TIME_WAIT rows are normal after browsing; they only matter when thousands pile up, because a
# Windows PC has 16,384 dynamic ports (49152-65535) and each TIME_WAIT holds one for minutes.
TIME_WAIT_NOTE = 200      # report as info from this many rows
TIME_WAIT_WARN = 2000     # warning from this many rows
# CLOSE_WAIT means the other side closed and this PC's program has not: a few are harmless,
# many (or many held by one process) point at a program that leaks connections.
CLOSE_WAIT_TOTAL = 20
CLOSE_WAIT_PER_PROCESS = 10

# Port names printed without -n (from the services files of Windows, macOS and Linux).
SERVICE_NAME_PORTS = {
    "ftp-data": 20, "ftp": 21, "ssh": 22, "telnet": 23, "smtp": 25, "mail": 25, "domain": 53,
    "bootps": 67, "bootpc": 68, "dhcps": 67, "dhcpc": 68, "tftp": 69, "http": 80, "www": 80,
    "www-http": 80, "kerberos": 88, "pop3": 110, "pop-3": 110, "sunrpc": 111, "ntp": 123,
    "epmap": 135, "loc-srv": 135, "netbios-ns": 137, "netbios-dgm": 138, "netbios-ssn": 139,
    "imap": 143, "imap2": 143, "imap4": 143, "snmp": 161, "ldap": 389, "https": 443,
    "microsoft-ds": 445, "submissions": 465, "smtps": 465, "ssmtp": 465, "urd": 465,
    "isakmp": 500, "submission": 587, "ipp": 631, "ldaps": 636, "imaps": 993, "pop3s": 995,
    "spop3": 995, "ms-sql-s": 1433, "ms-sql-m": 1434, "ssdp": 1900, "icslap": 2869,
    "ws-discovery": 3702, "wsd": 3702, "mysql": 3306, "ms-wbt-server": 3389,
    "ipsec-msft": 4500, "mdns": 5353, "llmnr": 5355, "postgresql": 5432, "http-alt": 8080,
}

# Well-known ports: (short name, Japanese description, English description).
PORT_INFO = {
    20: ("ftp-data", "FTP データ", "FTP data"),
    21: ("ftp", "FTP", "FTP"),
    22: ("ssh", "SSH (リモート ログイン)", "SSH (remote login)"),
    23: ("telnet", "Telnet", "Telnet"),
    25: ("smtp", "SMTP (メールサーバー間の配送)", "SMTP (mail delivery between servers)"),
    53: ("domain", "DNS", "DNS"),
    67: ("bootps", "DHCP サーバー", "DHCP server"),
    68: ("bootpc", "DHCP クライアント", "DHCP client"),
    80: ("http", "HTTP (Web)", "HTTP (web)"),
    110: ("pop3", "POP3 (メール受信)", "POP3 (mail retrieval)"),
    123: ("ntp", "NTP (時刻合わせ)", "NTP (time)"),
    135: ("epmap", "RPC エンドポイント マッパー (Windows)", "RPC endpoint mapper (Windows)"),
    137: ("netbios-ns", "NetBIOS 名前サービス", "NetBIOS name service"),
    138: ("netbios-dgm", "NetBIOS データグラム", "NetBIOS datagram"),
    139: ("netbios-ssn", "NetBIOS セッション (ファイル共有)", "NetBIOS session (file sharing)"),
    143: ("imap", "IMAP (メール受信)", "IMAP (mail access)"),
    161: ("snmp", "SNMP", "SNMP"),
    389: ("ldap", "LDAP", "LDAP"),
    443: ("https", "HTTPS (暗号化された Web)", "HTTPS (encrypted web)"),
    445: ("microsoft-ds", "SMB (ファイルとプリンターの共有)", "SMB (file and printer sharing)"),
    465: ("submissions", "メール送信 (最初から TLS)", "mail submission (implicit TLS)"),
    500: ("isakmp", "IPsec / VPN の鍵交換 (IKE)", "IPsec / VPN key exchange (IKE)"),
    587: ("submission", "メール送信 (STARTTLS)", "mail submission (STARTTLS)"),
    631: ("ipp", "印刷 (IPP)", "printing (IPP)"),
    902: ("vmware-authd", "VMware の管理サービス", "VMware management service"),
    912: ("vmware-authd", "VMware の管理サービス", "VMware management service"),
    993: ("imaps", "IMAP over TLS (メール受信)", "IMAP over TLS (mail access)"),
    995: ("pop3s", "POP3 over TLS (メール受信)", "POP3 over TLS (mail retrieval)"),
    1433: ("ms-sql-s", "SQL Server", "SQL Server"),
    1900: ("ssdp", "SSDP (UPnP の機器探索)", "SSDP (UPnP discovery)"),
    2179: ("vmrdp", "Hyper-V の仮想マシン接続", "Hyper-V virtual machine connection"),
    2869: ("icslap", "UPnP / SSDP のイベント通知", "UPnP / SSDP event notification"),
    3306: ("mysql", "MySQL / MariaDB", "MySQL / MariaDB"),
    3389: ("ms-wbt-server", "リモート デスクトップ (RDP)", "Remote Desktop (RDP)"),
    3702: ("ws-discovery", "WS-Discovery (ネットワーク上の機器探索)", "WS-Discovery (device discovery)"),
    4500: ("ipsec-nat-t", "IPsec NAT トラバーサル (VPN)", "IPsec NAT traversal (VPN)"),
    5040: ("cdpsvc", "接続デバイス プラットフォーム サービス (Windows)", "Connected Devices Platform service (Windows)"),
    5050: ("cdpsvc", "接続デバイス プラットフォーム サービス (Windows)", "Connected Devices Platform service (Windows)"),
    5353: ("mdns", "mDNS (Bonjour などの名前解決)", "mDNS (Bonjour-style name resolution)"),
    5355: ("llmnr", "LLMNR (Windows の LAN 内名前解決)", "LLMNR (Windows LAN name resolution)"),
    5357: ("wsdapi", "WSD (ネットワーク機器の探索)", "WSD (network device discovery)"),
    5432: ("postgresql", "PostgreSQL", "PostgreSQL"),
    5900: ("vnc", "VNC (画面共有)", "VNC (screen sharing)"),
    5985: ("wsman", "WinRM (Windows のリモート管理)", "WinRM (Windows remote management)"),
    7680: ("wudo", "配信の最適化 (Windows Update のパソコン間共有)", "Delivery Optimization (Windows Update peer sharing)"),
    8080: ("http-alt", "HTTP の代替ポート (開発用サーバー、プロキシなど)", "alternative HTTP (development servers, proxies)"),
    8443: ("https-alt", "HTTPS の代替ポート", "alternative HTTPS"),
}
RPC_DYNAMIC = ("rpc-dynamic", "RPC の動的ポート (Windows の標準サービス)", "RPC dynamic port (standard Windows services)")

# Programs that scan mail by sitting in between as a proxy on 127.0.0.1 (lower case names).
MAIL_PROXY_PROGRAMS = {
    "avp.exe": "Kaspersky", "avgnt.exe": "Avira", "avastsvc.exe": "Avast", "avgsvc.exe": "AVG",
    "ekrn.exe": "ESET", "ccsvchst.exe": "Norton", "nortonsecurity.exe": "Norton",
    "mcshield.exe": "McAfee", "mcafee.exe": "McAfee", "bdagent.exe": "Bitdefender",
    "vsserv.exe": "Bitdefender", "bdntwrk.exe": "Bitdefender", "pccntmon.exe": "Trend Micro",
    "coreserviceshell.exe": "Trend Micro", "tmproxy.exe": "Trend Micro",
    "sfctlcom.exe": "SOURCENEXT", "msmpeng.exe": "Microsoft Defender",
}

# ---------------------------------------------------------------------------------------------
# Human text: one table, keyed by finding id, then language.
# ---------------------------------------------------------------------------------------------
TEXT = {
    "mail-connection-stalled": {
        "ja": {
            "title": "メールサーバーへの接続 ({port}/{service}) に応答がありません",
            "detail": "{conn} は SYN_SENT のままです。接続要求を送ったのに、相手から返事が来ていません。{why}",
            "why25": "宛先ポートが 25 番なので、プロバイダーの OP25B (外向き 25 番ポートの遮断) に当たっている可能性が高いです。メールアプリからの送信には 25 番ではなく 587 番 (STARTTLS) か 465 番 (TLS) を使い、SMTP 認証を有効にします。",
            "whyother": "ファイアウォールやセキュリティソフト、会社やホテルのネットワークがこのポートを止めているか、サーバー名やポート番号の設定が違うか、サーバーが止まっている可能性があります。",
            "steps25": [
                "メールアプリの送信 (SMTP) サーバーのポートを 587 (STARTTLS) か 465 (SSL/TLS) に変え、SMTP 認証をオンにします。",
                "プロバイダーやメール サービスの案内で、正しい送信サーバー名とポート番号を確かめます。",
                "PowerShell で Test-NetConnection {host} -Port 587 を実行し、587 番に届くか確かめます。",
            ],
            "stepsother": [
                "PowerShell で Test-NetConnection {host} -Port {port} を実行し、このポートに届くか確かめます。",
                "セキュリティソフトやファイアウォールの設定で、メールアプリの通信が止められていないか確かめます。",
                "別のネットワーク (スマートフォンのテザリングなど) で試し、今のネットワークだけの問題か切り分けます。",
                "サーバー名とポート番号をメール サービスの案内と照らし合わせます。",
            ],
        },
        "en": {
            "title": "A connection to a mail server ({port}/{service}) is not answered",
            "detail": "{conn} stays in SYN_SENT: the request went out but the server never replied. {why}",
            "why25": "The port is 25, so the provider's outbound port 25 blocking (OP25B) is the most likely cause. A mail program should submit on 587 (STARTTLS) or 465 (TLS) with SMTP authentication instead of 25.",
            "whyother": "A firewall, security software or the company/hotel network may block this port, the server name or port may be set wrong, or the server may be down.",
            "steps25": [
                "Change the outgoing (SMTP) server port in the mail program to 587 (STARTTLS) or 465 (SSL/TLS) and turn on SMTP authentication.",
                "Check the correct outgoing server name and port in your provider's instructions.",
                "Run Test-NetConnection {host} -Port 587 in PowerShell to see whether port 587 is reachable.",
            ],
            "stepsother": [
                "Run Test-NetConnection {host} -Port {port} in PowerShell to see whether this port is reachable.",
                "Check that security software or a firewall is not blocking the mail program.",
                "Try another network (for example phone tethering) to see whether only this network is affected.",
                "Compare the server name and port with the mail service's instructions.",
            ],
        },
    },
    "stalled-connections": {
        "ja": {
            "title": "応答のない接続要求 (SYN_SENT) があります",
            "detail": "{count} 件の接続が SYN_SENT のままです (例: {conn})。相手から返事がなく、回線の断、ファイアウォール、相手側の停止が考えられます。多くの宛先で起きているならインターネット接続そのものを疑います。",
            "steps": [
                "少し待ってからもう一度 netstat -ano を実行し、同じ接続が残っているか確かめます。",
                "ping や tracert で相手まで届くか確かめます。",
                "どの宛先にもつながらない場合は、ルーターとの接続と IP アドレス (ipconfig /all) を確かめます。",
            ],
        },
        "en": {
            "title": "Connection attempts are not answered (SYN_SENT)",
            "detail": "{count} connection(s) stay in SYN_SENT (for example {conn}). No reply came back: a broken line, a firewall or the other side being down. If it happens for many destinations, suspect the internet connection itself.",
            "steps": [
                "Wait a moment, run netstat -ano again and see whether the same connections are still there.",
                "Check with ping and tracert whether the destination is reachable.",
                "If nothing can be reached, check the link to the router and the IP address (ipconfig /all).",
            ],
        },
    },
    "mail-connection": {
        "ja": {
            "title": "メールサーバーにつながっています ({port}/{service})",
            "detail": "{conn} は ESTABLISHED (接続済み) です。このポートへの通信は通っています。{extra}",
            "proxy": "相手が 127.0.0.1 なので、実際にはこのパソコンの中の仕組み (セキュリティソフトのメール検査など) を経由しています。",
            "steps": [
                "それでも送受信できない場合は、ユーザー名・パスワード (アプリ パスワード、OAuth) と暗号化の設定を確かめます。",
            ],
        },
        "en": {
            "title": "Connected to a mail server ({port}/{service})",
            "detail": "{conn} is ESTABLISHED: traffic to this port gets through. {extra}",
            "proxy": "The other end is 127.0.0.1, so the connection goes through something inside this PC (for example a security suite that scans mail).",
            "steps": [
                "If mail still fails, check the user name, password (app password, OAuth) and encryption settings.",
            ],
        },
    },
    "mail-connection-recent": {
        "ja": {
            "title": "少し前にメールサーバーと通信しています ({port}/{service})",
            "detail": "{conn} は {state} です。接続は成立し、すでに終わりかけています。ポートが遮断されているわけではありません。",
            "steps": [
                "送受信が失敗する場合は、エラー メッセージ (認証エラー、宛先の拒否など) を確かめます。",
            ],
        },
        "en": {
            "title": "A mail server was contacted a moment ago ({port}/{service})",
            "detail": "{conn} is {state}: the connection was made and is closing. The port is not blocked.",
            "steps": [
                "If sending or receiving fails, look at the error message (authentication, rejected recipient, ...).",
            ],
        },
    },
    "local-mail-listener": {
        "ja": {
            "title": "このパソコンがメールのポート {port} ({service}) で待ち受けています",
            "detail": "{addr} で待ち受けています{owner}。{why}",
            "av": "{vendor} のプログラムなので、セキュリティソフトがメールを検査するための中継 (プロキシ) と考えられます。",
            "loop": "127.0.0.1 だけで待ち受けているので、外からは使えません。セキュリティソフトのメール検査用の中継か、開発用やローカルのメールサーバーです。",
            "open": "すべてのアドレスで待ち受けているので、LAN (設定によってはインターネット) からも届きます。意図したメールサーバーでなければ止めてください。",
            "steps": [
                "{cmd} で、待ち受けているプログラムを確かめます。",
                "セキュリティソフトのメール検査が送受信の邪魔をしていると疑われる場合は、一時的にメール検査だけを止めて試します。",
                "心当たりのないプログラムなら、アンインストールやセキュリティ スキャンを検討します。",
            ],
        },
        "en": {
            "title": "This PC listens on the mail port {port} ({service})",
            "detail": "It listens on {addr}{owner}. {why}",
            "av": "It is a {vendor} program, so this is most likely the security suite's mail-scanning proxy.",
            "loop": "It listens on 127.0.0.1 only, so it is not reachable from outside: a security suite's mail-scanning proxy, or a local or development mail server.",
            "open": "It listens on all addresses, so it is reachable from the LAN (and perhaps the internet). Stop it unless it is a mail server you intended to run.",
            "steps": [
                "Name the program with {cmd}.",
                "If the security suite's mail scanning seems to disturb sending or receiving, turn off only the mail scanning for a test.",
                "If you do not know the program, consider uninstalling it or running a security scan.",
            ],
        },
    },
    "many-close-wait": {
        "ja": {
            "title": "CLOSE_WAIT の接続がたまっています ({count} 件)",
            "detail": "相手が切断したのに、このパソコンのプログラムが接続を閉じていない状態です ({count} 件、目安は合計 {total} 件か 1 プロセス {per} 件以上)。多く抱えているのは {holders} です。プログラムの不具合や固まりが考えられます。",
            "steps": [
                "{cmd} で、そのプロセスのプログラム名を確かめます。",
                "そのプログラムを終了して起動し直し、CLOSE_WAIT が消えるか確かめます。",
                "繰り返す場合は、プログラムを最新版に更新します。",
            ],
        },
        "en": {
            "title": "CLOSE_WAIT connections pile up ({count})",
            "detail": "The other side has closed but a program on this PC has not ({count} rows; the threshold is {total} in total or {per} for one process). Most are held by {holders}. The program may be faulty or hung.",
            "steps": [
                "Name the process with {cmd}.",
                "Quit and restart that program and see whether the CLOSE_WAIT rows go away.",
                "If it comes back, update the program.",
            ],
        },
    },
    "many-time-wait": {
        "ja": {
            "title": "TIME_WAIT の接続が多くあります ({count} 件)",
            "detail": "終わった接続が後始末の待ち時間に入っている状態です ({count} 件、{note} 件以上で表示、{warn} 件以上で注意)。いちばん多い相手は {top} です。数百件なら普通ですが、数千件になると送信元ポートが足りなくなり、新しい接続に失敗することがあります。",
            "steps": [
                "短時間に大量の接続を作るプログラム (ダウンロード ツール、同期ソフトなど) がないか確かめます。",
                "数分待ってもう一度 netstat -ano を実行し、件数が減るか確かめます。",
            ],
        },
        "en": {
            "title": "Many TIME_WAIT connections ({count})",
            "detail": "Finished connections wait out their closing period ({count} rows; shown from {note}, a warning from {warn}). The most frequent peer is {top}. A few hundred are normal; thousands can exhaust the source ports so that new connections fail.",
            "steps": [
                "Look for a program that opens very many short connections (download tools, sync software).",
                "Wait a few minutes, run netstat -ano again and see whether the number drops.",
            ],
        },
    },
    "remote-desktop-exposed": {
        "ja": {
            "title": "リモート デスクトップ (3389) が接続を受け付けています",
            "detail": "{addr} で待ち受けています。LAN の別のパソコンから、このパソコンにリモート デスクトップで入れる状態です。",
            "steps": [
                "使っていないなら、設定 → システム → リモート デスクトップ でオフにします。",
                "ルーターでポート 3389 をインターネットに転送していないか確かめます (転送は危険です)。",
            ],
        },
        "en": {
            "title": "Remote Desktop (3389) accepts connections",
            "detail": "It listens on {addr}: other PCs on the LAN can log in to this PC with Remote Desktop.",
            "steps": [
                "If you do not use it, turn it off in Settings → System → Remote Desktop.",
                "Make sure the router does not forward port 3389 from the internet (that is dangerous).",
            ],
        },
    },
    "listening-ports": {
        "ja": {
            "title": "待ち受けているポート: TCP {tcp} 件、UDP {udp} 件",
            "detail": "TCP: {tcp_list}。UDP: {udp_list}。",
            "none": "なし",
            "more": "ほか {n} 件",
            "pid": "PID {pid}",
            "steps_win": [
                "PID からプログラムを調べるには {cmd} を実行します (PID は表の右端の数字です)。",
                "netstat -anob を管理者として実行すると、プログラム名も一緒に表示されます。",
                "0.0.0.0 や [::] で待ち受けているものは外からも届きます。127.0.0.1 や [::1] はこのパソコンの中だけです。",
            ],
            "steps_unix": [
                "ポートからプログラムを調べるには {cmd} を実行します。",
                "0.0.0.0 や * で待ち受けているものは外からも届きます。127.0.0.1 はこのパソコンの中だけです。",
            ],
        },
        "en": {
            "title": "Listening ports: TCP {tcp}, UDP {udp}",
            "detail": "TCP: {tcp_list}. UDP: {udp_list}.",
            "none": "none",
            "more": "{n} more",
            "pid": "PID {pid}",
            "steps_win": [
                "To name the program behind a PID run {cmd} (the PID is the number at the right end of a row).",
                "netstat -anob run as administrator also prints the program names.",
                "Ports on 0.0.0.0 or [::] are reachable from outside; 127.0.0.1 and [::1] only from this PC.",
            ],
            "steps_unix": [
                "To name the program behind a port run {cmd}.",
                "Ports on 0.0.0.0 or * are reachable from outside; 127.0.0.1 only from this PC.",
            ],
        },
    },
    "no-connections": {
        "ja": {
            "title": "接続の行がありません",
            "detail": "見出しはありますが、接続や待ち受けの行が 1 行もありません。出力の一部だけが貼り付けられたか、コマンドの途中で止まった可能性があります。",
            "steps": ["netstat -ano の出力を最後まで貼り付けます。"],
        },
        "en": {
            "title": "No connection rows",
            "detail": "The header is there but not a single connection or listening row. Only part of the output may have been pasted, or the command stopped early.",
            "steps": ["Paste the whole output of netstat -ano."],
        },
    },
    "truncated-input": {
        "ja": {
            "title": "出力が途中で切れています",
            "detail": "{line} 行目が行の途中で終わっています。この行は読み取りから外しました。ほかにも行が欠けているかもしれません。",
            "steps": ["netstat -ano > netstat.txt のようにファイルに保存し、ファイルごと読み込ませると確実です。"],
        },
        "en": {
            "title": "The output is cut off",
            "detail": "Line {line} ends in the middle of a row; it was left out. More rows may be missing.",
            "steps": ["Save the output to a file (netstat -ano > netstat.txt) and read the whole file."],
        },
    },
    "elided-rows": {
        "ja": {
            "title": "省略された行があります",
            "detail": "「...」で省かれた部分があります ({where} 行目)。件数や一覧は貼り付けられた行だけのものです。",
            "steps": ["省かずに全体を貼り付けると、件数の判定が正確になります。"],
        },
        "en": {
            "title": "Some rows were left out",
            "detail": "Part of the output was replaced by \"...\" (line {where}). Counts and lists cover only the pasted rows.",
            "steps": ["Paste the whole output for exact counts."],
        },
    },
}

UI = {
    "ja": {
        "unrecognized": "netstat の出力として読み取れませんでした。netstat -ano (Windows) や netstat -an (macOS/Linux) の出力を貼り付けてください。",
        "internal-error": "読み取り中に予期しない問題が起きました。出力の全体を貼り付けて、もう一度試してください。",
        "route_table": "これは netstat -r (ルート テーブル) の出力です。route の説明ツールで読み取れます。",
        "interface_table": "これは netstat -i / -e (インターフェイスの統計) の出力で、接続の一覧ではありません。",
        "summary": "netstat の出力 ({variant}): 接続 {conns} 件 ({states})、待ち受け TCP {tcp} 件・UDP {udp} 件。{verdict}",
        "verdict_error": "要対応の項目があります。",
        "verdict_warning": "注意する項目があります。",
        "verdict_ok": "大きな問題は見つかりませんでした。",
        "no_states": "状態なし",
        "sep": "、",
        "arrow": " → ",
        "owner": " (PID {pid}{prog})",
        "usage_tty": "netstat の出力を保存したファイルを指定してください (例: netstat -ano > netstat.txt の後で python explain_netstat.py netstat.txt)。macOS/Linux では netstat -an | python3 explain_netstat.py - でも読めます。",
    },
    "en": {
        "unrecognized": "this does not look like netstat output; paste the output of netstat -ano (Windows) or netstat -an (macOS/Linux).",
        "internal-error": "Something unexpected went wrong while reading the output. Paste the whole output and try again.",
        "route_table": "this is netstat -r (a routing table); the route explainer reads it.",
        "interface_table": "this is netstat -i / -e (interface statistics), not a list of connections.",
        "summary": "netstat output ({variant}): {conns} connections ({states}), listening TCP {tcp} / UDP {udp}. {verdict}",
        "verdict_error": "Something needs attention.",
        "verdict_warning": "There are points to check.",
        "verdict_ok": "No major problem found.",
        "no_states": "no states",
        "sep": ", ",
        "arrow": " → ",
        "owner": " (PID {pid}{prog})",
        "usage_tty": "give a file with saved netstat output (for example netstat -ano > netstat.txt, then python explain_netstat.py netstat.txt); on macOS/Linux: netstat -an | python3 explain_netstat.py -",
    },
}


# ---------------------------------------------------------------------------------------------
# Parsing
# ---------------------------------------------------------------------------------------------
def _clean_lines(text):
    """The lines of text without CR, NUL, tabs, ideographic spaces and e-mail quoting. Trailing
    blanks may remain: _parse_lines strips them where they matter (not on the common row, whose
    tokens are all it needs)."""
    text = text.replace("\x00", "").replace("\u3000", " ").replace("\t", "    ")
    lines = text.splitlines()
    if ">" in text or "\ufeff" in text:
        return [_unquote(raw) if raw.startswith(("\ufeff", ">")) else raw.rstrip() for raw in lines]
    return lines


def _unquote(line):
    """A line without a byte order mark, e-mail quoting ('> ') and trailing blanks."""
    if line.startswith("\ufeff"):
        line = line[1:]
    guard = 0
    while line.startswith(">") and guard < 20:
        line = line[1:]
        if line.startswith(" "):
            line = line[1:]
        guard += 1
    return line.rstrip()


def _has_label(line, key):
    for word in LABELS[key]:
        if word in line:
            return True
    return False


def _is_int(token):
    return token.isdecimal() and len(token) < 12 and token.isascii()


def _port_value(text):
    """Port number from digits or a service name; None for '*' or unknown names."""
    if not text or text == "*":
        return None
    if _is_int(text):
        value = int(text)
        return value if value <= 65535 else None
    return SERVICE_NAME_PORTS.get(text.lower())


def _split_address(token, sep):
    """(host, port text) of an address token, or None when it is not an address."""
    if not token or len(token) > 200:
        return None
    if token.startswith("["):
        close = token.find("]")
        if close < 0 or not token[close + 1:close + 2] == ":":
            return None
        host, port = token[1:close], token[close + 2:]
    elif token in ("*:*", "*.*"):
        return "*", "*"
    else:
        cut = token.rfind(sep)
        if cut < 0:
            return None
        host, port = token[:cut], token[cut + 1:]
    if not host or not port:
        return None
    if not port.isascii():
        return None
    if not port.isalnum() and not all(ch.isalnum() or ch in "-_*" for ch in port):
        return None
    return host, port


def _is_loopback(host):
    h = host.lower()
    return h.startswith("127.") or h in ("::1", "localhost") or h.startswith("localhost.")


def _is_wildcard(host):
    return host in ("0.0.0.0", "::", "*", "0:0:0:0:0:0:0:0")


def _is_numeric_host(host):
    if host in ("*",):
        return True
    if host.count(".") == 3:
        digits = host.replace(".", "")
        if not digits or digits.isdecimal():
            return True
    return ":" in host


class _Doc(object):
    """What the first pass learned about the whole text."""

    def __init__(self):
        self.windows_header = False
        self.column_header = False
        self.pid_column = False
        self.macos = False
        self.linux = False
        self.route_table = False
        self.interface_table = False
        self.names = False  # a row shows a host or port name (netstat without -n); set by parse


# The header words _scan looks for. One regex pass over the whole text finds the few lines that
# contain any of them, so the rows themselves need only their tokens checked.
_SCAN_KEYS = ("route_table", "interface_table", "active", "proto")
_SCAN_WORDS = re.compile("|".join(re.escape(word) for key in _SCAN_KEYS for word in LABELS[key]))


def _lines_with_scan_words(text):
    """Each line of text that contains a word of _SCAN_KEYS, once."""
    found = []
    pos = 0
    while True:
        match = _SCAN_WORDS.search(text, pos)
        if match is None:
            return found
        start = text.rfind("\n", 0, match.start()) + 1
        end = text.find("\n", match.end())
        if end < 0:
            end = len(text)
        found.append(text[start:end])
        pos = end + 1


# First tokens that mark macOS output or an interface table (checked while parsing).
_RARE_FIRST = frozenset(("Name", "Iface", "tcp4", "udp4", "tcp46", "udp46", "icm4", "icm6"))


def _scan(lines):
    """What the headers say. Whether rows carry a PID column without a header saying so, and
    first words that mark macOS or an interface table, are learned while parsing (parse)."""
    doc = _Doc()
    text = "\n".join(lines)
    for line in _lines_with_scan_words(text):
        stripped = line.strip()
        if _has_label(stripped, "route_table"):
            doc.route_table = True
        if _has_label(stripped, "interface_table"):
            doc.interface_table = True
        if _has_label(stripped, "active"):
            if "Active Internet connections" in stripped:
                if "(" in stripped:
                    doc.linux = True
                else:
                    doc.macos = True
            else:
                doc.windows_header = True
        if _has_label(stripped, "proto") and _has_label(stripped, "local") and _has_label(stripped, "foreign"):
            doc.column_header = True
            if "PID" in stripped:
                doc.pid_column = True
            if "Flowhash" in stripped or "(state)" in stripped:
                doc.macos = True
    return doc


def _note_rare_first(first, line, doc):
    """Learn from a line starting with a word of _RARE_FIRST; True when it newly shows macOS
    output, which changes how rows are read (they are then read again)."""
    if first in ("Name", "Iface"):
        stripped = line.strip()
        if stripped.startswith("Name  Mtu") or stripped.startswith("Iface "):
            doc.interface_table = True
        return False
    if doc.macos:
        return False
    doc.macos = True
    return True


def _pid_vote(tokens):
    """Whether a Windows row ends in a PID (so the output has a PID column even without a header)."""
    first = tokens[0]
    return _is_int(tokens[-1]) and ((first.startswith("TCP") and len(tokens) >= 5) or
                                    (first.startswith("UDP") and len(tokens) >= 4))


def _parse_windows(tokens, doc):
    """A Windows row from its tokens: (row, complete) or (None, False)."""
    proto = tokens[0].upper()
    if proto.endswith("V6"):
        proto = proto[:-2]
    if len(tokens) < 2:
        return None, False
    local = _split_address(tokens[1], ":")
    if local is None:
        return None, False
    row = {"proto": proto, "local": local[0], "local_port": _port_value(local[1]), "local_port_text": local[1],
           "remote": None, "remote_port": None, "remote_port_text": None, "state": "", "pid": None, "program": None,
           "local_text": tokens[1], "remote_text": None}
    if len(tokens) < 3:
        return row, False
    remote = _split_address(tokens[2], ":")
    if remote is None:
        return row, False
    row["remote"], row["remote_port"], row["remote_port_text"] = remote[0], _port_value(remote[1]), remote[1]
    row["remote_text"] = tokens[2]
    rest = tokens[3:]
    if proto == "TCP":
        if not rest:
            return row, False
        state = STATE_ALIASES.get(rest[0].upper())
        if state is None:
            return row, False
        row["state"] = state
        rest = rest[1:]
    elif rest and STATE_ALIASES.get(rest[0].upper()):
        row["state"] = STATE_ALIASES[rest[0].upper()]
        rest = rest[1:]
    if rest and _is_int(rest[0]):
        row["pid"] = int(rest[0])
    elif doc.pid_column:
        return row, False
    return row, True


def _parse_unix(tokens, doc):
    """A macOS or Linux row: (row, complete) or (None, False)."""
    start = 0
    if len(tokens) >= 3 and tokens[2] in UNIX_PROTOS and len(tokens[0]) >= 8 and \
            all(ch in "0123456789abcdef" for ch in tokens[0]):
        start = 2  # macOS -A: socket address and flow hash first
    proto_token = tokens[start]
    if proto_token not in UNIX_PROTOS:
        return None, False
    body = tokens[start + 1:]
    if len(body) < 2 or not (_is_int(body[0]) and _is_int(body[1])):
        return None, False
    macos = doc.macos or proto_token.endswith("4") or proto_token.endswith("46")
    sep = "." if macos else ":"
    proto = "TCP" if proto_token.startswith("tcp") else "UDP"
    if len(body) < 3:
        return None, False
    local = _split_address(body[2], sep)
    if local is None:
        return None, False
    row = {"proto": proto, "local": local[0], "local_port": _port_value(local[1]), "local_port_text": local[1],
           "remote": None, "remote_port": None, "remote_port_text": None, "state": "", "pid": None, "program": None,
           "style": "unix", "local_text": body[2], "remote_text": None}
    # macOS -A cuts each address to 18 characters: a full-width field may have lost port digits.
    if start == 2 and len(body[2]) >= 18:
        row["local_port"] = None
    if len(body) < 4:
        return row, False
    remote = _split_address(body[3], sep)
    if remote is None:
        return row, False
    row["remote"], row["remote_port"], row["remote_port_text"] = remote[0], _port_value(remote[1]), remote[1]
    row["remote_text"] = body[3]
    if start == 2 and len(body[3]) >= 18:
        row["remote_port"] = None
    rest = body[4:]
    if rest and STATE_ALIASES.get(rest[0].upper()):
        row["state"] = STATE_ALIASES[rest[0].upper()]
        rest = rest[1:]
    elif proto == "TCP":
        return row, False
    for index, token in enumerate(rest):
        slash = token.find("/")
        if slash > 0 and _is_int(token[:slash]):
            row["pid"] = int(token[:slash])
            program = " ".join([token[slash + 1:]] + rest[index + 1:]).strip()
            row["program"] = program or None
            break
    return row, True


_WIN_PROTOS = frozenset(WIN_PROTOS)
_UNIX_PROTOS = frozenset(UNIX_PROTOS)


def _row_start(tokens):
    if not tokens:
        return None
    if tokens[0] in _WIN_PROTOS:
        return "windows"
    if tokens[0] in _UNIX_PROTOS:
        return "unix"
    if len(tokens) >= 3 and tokens[2] in _UNIX_PROTOS:
        return "unix"
    return None


# The common Windows row ("TCP  0.0.0.0:135  0.0.0.0:0  LISTENING  1712", "UDP  0.0.0.0:500  *:*  4")
# is read here without the general path's layers of helpers; anything unusual (names instead of
# numbers, lower case, missing or extra columns) returns None and goes the general way, which
# gives the same row for everything this accepts.
_FAST_STATES = {word: state for word, state in STATE_ALIASES.items() if word == word.upper()}
_FAST_PROTOS = frozenset(("TCP", "UDP"))
# Port text -> number for the fast path, filled as ports are met. Keys are at most five digits,
# so it can never hold more than 100,000 short strings.
_PORT_NUMBERS = {}


def _port_number(text):
    """The number of a port text of plain digits up to 65535, else None (remembered if short)."""
    if not (text.isdecimal() and text.isascii() and len(text) < 12):
        return None
    value = int(text)
    if value > 65535:
        return None
    if len(text) <= 5:
        _PORT_NUMBERS[text] = value
    return value


# Host text -> whether it is numeric, for the fast path: one output has few distinct hosts.
_NUMERIC_HOSTS = {}


def _numeric_host(host):
    """_is_numeric_host, remembered for up to 4096 hosts."""
    numeric = _is_numeric_host(host)
    if len(_NUMERIC_HOSTS) < 4096:
        _NUMERIC_HOSTS[host] = numeric
    return numeric


def _fast_windows(tokens, pid_column, number):
    """The row of a plain numeric Windows line, or None to take the general path."""
    count = len(tokens)
    proto = tokens[0]
    if proto == "TCP":
        if count < 4 or count > 5:
            return None
        state = _FAST_STATES.get(tokens[3])
        if state is None:
            return None
        pid_token = tokens[4] if count == 5 else None
    elif proto == "UDP":
        if count < 3 or count > 4:
            return None
        state = ""
        pid_token = tokens[3] if count == 4 else None
    else:
        return None
    if pid_token is None:
        if pid_column:
            return None  # the general path joins it with the next line or reports it
        pid = None
    elif pid_token.isdecimal() and pid_token.isascii() and len(pid_token) < 12:
        pid = int(pid_token)
    else:
        return None
    # The two addresses: "host:port", "[v6]:port" or "*:*" (the same split as _split_address).
    local_text = tokens[1]
    if local_text[0] == "[":
        close = local_text.find("]")
        if close < 0 or local_text[close + 1:close + 2] != ":":
            return None
        local, local_port_text = local_text[1:close], local_text[close + 2:]
    else:
        local, _, local_port_text = local_text.rpartition(":")
    if not local or len(local_text) > 200 or not (_NUMERIC_HOSTS.get(local) or _numeric_host(local)):
        return None
    local_port = _PORT_NUMBERS.get(local_port_text)
    if local_port is None:
        local_port = _port_number(local_port_text)
        if local_port is None:
            return None
    remote_text = tokens[2]
    if remote_text == "*:*":
        remote, remote_port, remote_port_text = "*", None, "*"
    else:
        if remote_text[0] == "[":
            close = remote_text.find("]")
            if close < 0 or remote_text[close + 1:close + 2] != ":":
                return None
            remote, remote_port_text = remote_text[1:close], remote_text[close + 2:]
        else:
            remote, _, remote_port_text = remote_text.rpartition(":")
        if not remote or len(remote_text) > 200 or not (_NUMERIC_HOSTS.get(remote) or _numeric_host(remote)):
            return None
        remote_port = _PORT_NUMBERS.get(remote_port_text)
        if remote_port is None:
            remote_port = _port_number(remote_port_text)
            if remote_port is None:
                return None
    return {"proto": proto, "local": local, "local_port": local_port, "local_port_text": local_port_text,
            "remote": remote, "remote_port": remote_port, "remote_port_text": remote_port_text, "state": state,
            "pid": pid, "program": None, "local_text": local_text, "remote_text": remote_text,
            "line": number}


def _parse_line(text, doc):
    return _parse_tokens(text.split(), doc)


def _parse_tokens(tokens, doc):
    kind = _row_start(tokens)
    if kind == "windows":
        return _parse_windows(tokens, doc)
    if kind == "unix":
        return _parse_unix(tokens, doc)
    return None, False


def _is_elision(stripped):
    return stripped in ("...", "…", "....", "(...)", "[...]", "（略）", "(略)", "…略…", "……") or \
        (len(stripped) <= 8 and stripped.strip(".…") == "" and len(stripped) >= 2)


def parse(text):
    """The parsed structure (see data in the report) plus internal bookkeeping."""
    powershell = _parse_get_nettcpconnection(text)
    if powershell is not None:
        return powershell
    lines = _clean_lines(text)
    doc = _scan(lines)
    while True:
        # Rows ending in a PID mean a PID column even without its header, and a macOS first word
        # means macOS addresses; both change how other rows are read, so when the text shows one
        # only after some rows (a paste without its header), it is read again. At most twice.
        result = _parse_lines(lines, doc)
        if result is not None:
            return (doc,) + result


def _parse_lines(lines, doc):
    """rows, elided, partial, program_lines, truncated_line; or None after setting doc.pid_column
    or doc.macos, which were not known when reading began."""
    watch_pid = not doc.pid_column
    # Lines are split again where needed rather than kept split: a list per line for the whole
    # text costs more in garbage collection than splitting twice.
    rows = []
    elided = []
    partial = []          # (line number, text) of rows that could not be completed
    program_lines = 0
    last_row = None
    i = 0
    count = len(lines)
    pid_column = doc.pid_column
    fast_protos = _FAST_PROTOS
    win_protos = _WIN_PROTOS
    row_words = _WIN_PROTOS | _UNIX_PROTOS
    rare_first = _RARE_FIRST
    names = False
    while i < count:
        line = lines[i]
        tokens = line.split()
        number = i + 1
        i += 1
        if not tokens:
            continue
        first = tokens[0]
        if first in fast_protos:
            row = _fast_windows(tokens, pid_column, number)
            if row is not None:
                if watch_pid and row["pid"] is not None:
                    doc.pid_column = True
                    return None
                rows.append(row)
                last_row = row
                continue
        elif first in rare_first and _note_rare_first(first, line, doc):
            return None
        elif last_row is not None and len(tokens) == 1 and line[0] == " " and len(first) <= 80 and \
                first not in row_words and not _is_elision(first):
            # The common line under a -b row ("[svchost.exe]", "RpcSs"): what row_owner_line and
            # the general path below would make of it.
            program_lines += 1
            if first[0] == "[" and first[-1] == "]":
                last_row["program"] = first[1:-1].strip() or None
            continue
        if watch_pid and first in win_protos and _pid_vote(tokens):
            doc.pid_column = True
            return None
        line = line.rstrip()
        stripped = line.lstrip()
        row, complete = _parse_tokens(tokens, doc)
        if row is not None or _looks_cut(tokens):
            if not complete and i < count:
                nxt = lines[i].rstrip()
                nxt_tokens = nxt.split()
                if nxt_tokens and _row_start(nxt_tokens) is None and not nxt.strip().startswith("[") \
                        and not _has_label(nxt, "no_owner"):
                    for joined in (line + nxt, line + " " + nxt.lstrip()):
                        row2, complete2 = _parse_line(joined, doc)
                        if row2 is not None and complete2:
                            row, complete = row2, True
                            i += 1
                            if nxt_tokens[0] in rare_first and _note_rare_first(nxt_tokens[0], nxt, doc):
                                return None
                            break
            if row is None or not complete:
                partial.append((number, stripped))
                last_row = None
                continue
            row["line"] = number
            if i != number:
                row["joined_line"] = i  # the row continued on the next line
            # Only numbers and strings in a row dict: the garbage collector never tracks it (a
            # tuple of line numbers made every row tracked until a full collection).
            rows.append(row)
            last_row = row
            if not names:  # (rows of the fast path above have numeric hosts and ports)
                names = _has_names(row)
            continue
        if _is_elision(stripped):
            elided.append(number)
            continue
        if last_row is not None and line.startswith(" ") and row_owner_line(stripped):
            program_lines += 1
            # Service names and "cannot obtain ownership" lines are only counted (nothing reads them).
            if stripped.startswith("[") and stripped.endswith("]"):
                last_row["program"] = stripped[1:-1].strip() or None
            continue
        last_row = None
    doc.names = names
    # An incomplete row that is the last non-blank line means the paste was cut there.
    truncated_line = None
    last_nonblank = 0
    for index in range(count - 1, -1, -1):
        if lines[index].strip():
            last_nonblank = index + 1
            break
    if partial and partial[-1][0] == last_nonblank:
        truncated_line = partial[-1][0]
    return rows, elided, partial, program_lines, truncated_line


# ---- Get-NetTCPConnection (PowerShell) -----------------------------------------------------
# A Format-Table of LocalAddress LocalPort RemoteAddress RemotePort State AppliedSetting
# OwningProcess (columns may be missing or reordered by Select-Object). Property names and state
# words are English on every Windows language. Rows become the same dicts as netstat's rows.

PS_STATES = {
    "listen": "LISTENING", "established": "ESTABLISHED", "timewait": "TIME_WAIT", "closewait": "CLOSE_WAIT",
    "synsent": "SYN_SENT", "synreceived": "SYN_RECEIVED", "finwait1": "FIN_WAIT_1", "finwait2": "FIN_WAIT_2",
    "lastack": "LAST_ACK", "closing": "CLOSING", "closed": "CLOSED", "bound": "BOUND", "deletetcb": "DELETE_TCB",
}
_PS_COLUMNS = frozenset(("localaddress", "localport", "remoteaddress", "remoteport", "state", "appliedsetting",
                         "owningprocess", "creationtime", "offloadstate"))


def _ps_header(tokens):
    """The column names (lower case) of a Get-NetTCPConnection header line, else None."""
    names = [t.casefold() for t in tokens]
    if len(names) < 3 or "localport" not in names or "localaddress" not in names:
        return None
    if not set(names) <= _PS_COLUMNS or not ("remoteport" in names or "state" in names):
        return None
    return names


def _ps_endpoint(address, port_text):
    """'addr:port' as netstat prints it ('[v6]:port' for IPv6)."""
    return ("[{0}]:{1}" if ":" in address else "{0}:{1}").format(address, port_text)


def _ps_row(tokens, columns, number):
    if len(tokens) == len(columns) - 1 and "appliedsetting" in columns:
        columns = [c for c in columns if c != "appliedsetting"]  # empty for Listen and Bound rows
    if len(tokens) != len(columns):
        return None
    cell = dict(zip(columns, tokens))
    local, local_port_text = cell.get("localaddress"), cell.get("localport")
    if not local or not local_port_text or len(local) > 100:
        return None
    local_port = _port_number(local_port_text)
    if local_port is None:
        return None
    remote = cell.get("remoteaddress")
    remote_port_text = cell.get("remoteport")
    remote_port = _port_number(remote_port_text) if remote_port_text is not None else None
    if remote is not None and (len(remote) > 100 or (remote_port_text is not None and remote_port is None)):
        return None
    state = ""
    if "state" in cell:
        state = PS_STATES.get(cell["state"].casefold())
        if state is None:
            return None
    pid = None
    if "owningprocess" in cell:
        if not _is_int(cell["owningprocess"]):
            return None
        pid = int(cell["owningprocess"])
    return {"proto": "TCP", "local": local, "local_port": local_port, "local_port_text": local_port_text,
            "remote": remote, "remote_port": remote_port, "remote_port_text": remote_port_text, "state": state,
            "pid": pid, "program": None, "local_text": _ps_endpoint(local, local_port_text),
            "remote_text": _ps_endpoint(remote, remote_port_text) if remote is not None else None, "line": number}


def _parse_get_nettcpconnection(text):
    """parse()'s result for Get-NetTCPConnection tables, or None when the text has none."""
    if "LocalPort" not in text:
        return None
    doc = _Doc()
    doc.powershell = True
    rows = []
    columns = None
    for number, raw in enumerate(_clean_lines(text), 1):
        tokens = raw.split()
        if not tokens:
            continue  # blank lines (also a double-spaced paste's) do not end the table; other text does
        if len(raw) > 2000:
            columns = None
            continue
        header = _ps_header(tokens) if tokens[0].casefold() in _PS_COLUMNS else None
        if header is not None:
            columns = header
            doc.column_header = True
            doc.windows_header = True
            if "owningprocess" in header:
                doc.pid_column = True
            continue
        if columns is None or tokens[0].startswith("---"):
            continue
        row = _ps_row(tokens, columns, number)
        if row is None:
            columns = None  # the table ended (a prompt, other output)
            continue
        rows.append(row)
    if not rows:
        return None
    return doc, rows, [], [], 0, None


def _looks_cut(tokens):
    """A row start whose address was cut off ('TCP', 'TCP    192.168.1'), not prose like 'TCP is ...'."""
    if not _row_start(tokens) or len(tokens) > 2:
        return False
    return len(tokens) == 1 or tokens[-1][:1] in "0123456789[*:"


def row_owner_line(stripped):
    """A line under a -b row: '[program.exe]', a service name, or the 'cannot obtain' message."""
    if stripped.startswith("[") and stripped.endswith("]"):
        return True
    if _has_label(stripped, "no_owner"):
        return True
    return len(stripped.split()) == 1 and len(stripped) <= 80 and not _is_elision(stripped)


# ---------------------------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------------------------
def _service(port, lang, proto="TCP"):
    """(short name, description) of a port in lang."""
    if port is None:
        return None, None
    info = PORT_INFO.get(port)
    if info is None and 49664 <= port <= 49669 and proto == "TCP":
        info = RPC_DYNAMIC
    if info is None:
        return None, None
    return info[0], info[1] if lang == "ja" else info[2]


def _has_names(row):
    """Whether a row shows a host or port name rather than numbers."""
    for host in (row["local"], row["remote"]):
        if host and not _is_numeric_host(host):
            return True
    for text in (row["local_port_text"], row["remote_port_text"]):
        if text and not _is_int(text) and text != "*":
            return True
    return False


def _variant(doc, rows, program_lines):
    if getattr(doc, "powershell", False):
        return "windows-powershell"  # Get-NetTCPConnection: OwningProcess is the PID
    if doc.macos:
        return "macos"
    if doc.linux or (rows and all(r.get("style") == "unix" for r in rows)):
        return "linux"
    if doc.names:
        return "windows-names"
    flags = "n"
    if any(r["state"] == "LISTENING" or r["proto"] == "UDP" for r in rows):
        flags = "an"
    if doc.pid_column:
        flags += "o"
    if program_lines:
        flags += "b"
    return "windows-" + flags


def _conn_text(row, lang):
    """'local → remote' as the tokens were printed."""
    return row["local_text"] + UI[lang]["arrow"] + (row.get("remote_text") or "?")


def _tasklist_cmd(pid, windows, port):
    if windows:
        return 'tasklist /svc /fi "pid eq {0}"'.format(pid if pid is not None else "PID")
    return "sudo lsof -nP -i :{0}  (Linux: sudo ss -ltnp)".format(port if port is not None else "PORT")


def _owner_text(row, lang):
    if row.get("pid") is None:
        return ""
    prog = ""
    if row.get("program"):
        prog = " " + row["program"]
    return UI[lang]["owner"].format(pid=row["pid"], prog=prog)


def _finding(fid, severity, lang, subject, lines, page, **fields):
    text = TEXT[fid][lang]
    detail_key = fields.pop("_detail", "detail")
    steps_key = fields.pop("_steps", "steps")
    title = text["title"].format(**fields)
    detail = text[detail_key].format(**fields).strip()
    steps = [step.format(**fields) for step in text.get(steps_key, [])]
    finding = {"id": fid, "severity": severity, "title": title, "detail": detail, "next_steps": steps,
               "subject": subject, "lines": sorted(set(lines))}
    if page:
        finding["page"] = page
    return finding


MAX_GROUP_FINDINGS = 10


_LINE = itemgetter("line")
_PID = itemgetter("pid")
_LISTEN_KEY = itemgetter("local", "local_port_text", "pid")  # one entry of the listening list


def _line_numbers(rows):
    """The input lines of rows (a row joined from two lines has both)."""
    return list(map(_LINE, rows)) + [r["joined_line"] for r in rows if "joined_line" in r]


def _analyse(doc, rows, elided, partial, truncated_line, lang, windows):
    findings = []
    ui = UI[lang]
    # Partition in one pass: testing each row with "not in connections" compared it with every
    # connection (dict equality), which made long outputs quadratic.
    connections = []
    listening = []
    tcp_listen = []
    udp_listen = []
    for r in rows:
        proto = r["proto"]
        if r["state"] == "LISTENING" or (proto == "UDP" and
                                         (r["remote"] in (None, "*") or r["remote_port"] in (None, 0))):
            listening.append(r)
            if proto == "TCP":
                tcp_listen.append(r)
            elif proto == "UDP":
                udp_listen.append(r)
        else:
            connections.append(r)

    # 1. Mail connections that are never answered.
    stalled_mail = {}
    stalled_other = []
    for row in connections:
        if row["proto"] != "TCP" or row["state"] != "SYN_SENT":
            continue
        if row["remote_port"] in MAIL_PORTS:
            stalled_mail.setdefault((row["remote"], row["remote_port"]), []).append(row)
        else:
            stalled_other.append(row)
    for (host, port), group in list(stalled_mail.items())[:MAX_GROUP_FINDINGS]:
        first = group[0]
        service = _service(port, lang)[0] or str(port)
        key = "25" if port == 25 else "other"
        why = TEXT["mail-connection-stalled"][lang]["why" + key]
        findings.append(_finding(
            "mail-connection-stalled", "error", lang, _conn_text(first, "en"),
            _line_numbers(group),
            "mail/blocked-ports/" if port in SUBMISSION_PORTS else "network/netstat/",
            _steps="steps" + key, port=port, service=service, conn=_conn_text(first, lang), why=why,
            host=host))
    if stalled_other:
        first = stalled_other[0]
        findings.append(_finding(
            "stalled-connections", "warning", lang, _conn_text(first, "en"),
            _line_numbers(stalled_other), "network/netstat/",
            count=len(stalled_other), conn=_conn_text(first, lang)))

    # 2. This PC listening on mail ports.
    seen_ports = set()
    for row in listening:
        port = row["local_port"]
        if port not in _MAIL_PORT_SET or row["proto"] != "TCP" or port in seen_ports:
            continue
        seen_ports.add(port)
        same = [r for r in listening if r["proto"] == "TCP" and r["local_port"] == port]
        program = next((r.get("program") for r in same if r.get("program")), None)
        vendor = None
        if program:
            base = program.split("/")[-1].split("\\")[-1].lower()
            vendor = MAIL_PROXY_PROGRAMS.get(base)
        loop_only = all(_is_loopback(r["local"]) for r in same)
        text = TEXT["local-mail-listener"][lang]
        if vendor:
            why = text["av"].format(vendor=vendor)
        elif loop_only:
            why = text["loop"]
        else:
            why = text["open"]
        addr = ", ".join(r["local_text"] for r in same[:4])
        findings.append(_finding(
            "local-mail-listener", "info" if loop_only else "warning", lang,
            "{0}/{1}".format(row["proto"], port), _line_numbers(same),
            "network/tasklist/" if row.get("pid") is not None and windows else "network/netstat/",
            port=port, service=_service(port, lang)[0], addr=addr, owner=_owner_text(row, lang), why=why,
            cmd=_tasklist_cmd(row.get("pid"), windows, port)))

    # 3. Working mail connections (and ones that just ended).
    established = {}
    recent = {}
    for row in connections:
        if row["proto"] != "TCP" or row["remote_port"] not in MAIL_PORTS:
            continue
        if row["state"] == "ESTABLISHED":
            established.setdefault((row["remote"], row["remote_port"]), []).append(row)
        elif row["state"] in ("TIME_WAIT", "CLOSE_WAIT", "FIN_WAIT_1", "FIN_WAIT_2", "LAST_ACK", "CLOSING"):
            recent.setdefault((row["remote"], row["remote_port"]), []).append(row)
    for (host, port), group in list(established.items())[:MAX_GROUP_FINDINGS]:
        first = group[0]
        extra = TEXT["mail-connection"][lang]["proxy"] if _is_loopback(host) else ""
        findings.append(_finding(
            "mail-connection", "ok", lang, _conn_text(first, "en"), _line_numbers(group),
            "network/netstat/", port=port, service=_service(port, lang)[0], conn=_conn_text(first, lang),
            extra=extra))
    for (host, port), group in list(recent.items())[:MAX_GROUP_FINDINGS]:
        if (host, port) in established:
            continue
        first = group[0]
        findings.append(_finding(
            "mail-connection-recent", "info", lang, _conn_text(first, "en"), _line_numbers(group),
            "network/netstat/", port=port, service=_service(port, lang)[0], conn=_conn_text(first, lang),
            state=first["state"]))

    # 4. CLOSE_WAIT and TIME_WAIT piles.
    close_wait = [r for r in connections if r["state"] == "CLOSE_WAIT"]
    holders = {}
    for row in close_wait:
        holders.setdefault(row.get("pid"), []).append(row)
    biggest = max((len(v) for v in holders.values()), default=0)
    if close_wait and (len(close_wait) >= CLOSE_WAIT_TOTAL or
                       (biggest >= CLOSE_WAIT_PER_PROCESS and doc.pid_column)):
        ranked = sorted(holders.items(), key=lambda item: (-len(item[1]), str(item[0])))
        parts = []
        for pid, group in ranked[:3]:
            if pid is None:
                parts.append("? ({0})".format(len(group)))
            else:
                prog = next((r.get("program") for r in group if r.get("program")), None)
                parts.append("PID {0}{1} ({2})".format(pid, " " + prog if prog else "", len(group)))
        top_pid = ranked[0][0]
        subject = "PID {0}".format(top_pid) if top_pid is not None else _conn_text(ranked[0][1][0], "en")
        findings.append(_finding(
            "many-close-wait", "warning", lang, subject, _line_numbers(close_wait),
            "network/tasklist/" if top_pid is not None and windows else "network/netstat/",
            count=len(close_wait), total=CLOSE_WAIT_TOTAL, per=CLOSE_WAIT_PER_PROCESS,
            holders=ui["sep"].join(parts), cmd=_tasklist_cmd(top_pid, windows, None)))
    time_wait = [r for r in connections if r["state"] == "TIME_WAIT"]
    if len(time_wait) >= TIME_WAIT_NOTE:
        peers = {}
        for row in time_wait:
            key = row.get("remote_text") or "?"
            peers[key] = peers.get(key, 0) + 1
        top = max(peers.items(), key=lambda item: (item[1], item[0]))
        findings.append(_finding(
            "many-time-wait", "warning" if len(time_wait) >= TIME_WAIT_WARN else "info", lang,
            "TIME_WAIT", _line_numbers(time_wait), "network/netstat/",
            count=len(time_wait), note=TIME_WAIT_NOTE, warn=TIME_WAIT_WARN,
            top="{0} ({1})".format(top[0], top[1])))

    # 5. Remote Desktop reachable from the network.
    rdp = [r for r in tcp_listen if r["local_port"] == 3389 and not _is_loopback(r["local"])]
    if rdp:
        findings.append(_finding(
            "remote-desktop-exposed", "info", lang, "TCP/3389", _line_numbers(rdp), "network/netstat/",
            addr=", ".join(r["local_text"] for r in rdp[:4])))

    # 6. The list of listening ports.
    if listening:
        text = TEXT["listening-ports"][lang]

        def describe(group, limit):
            items = []
            seen = set()
            for index, row in enumerate(group):
                key = _LISTEN_KEY(row)
                if key in seen:
                    continue
                if len(seen) == limit:  # the rest is only counted in "more"
                    seen.update(map(_LISTEN_KEY, group[index:]))
                    break
                seen.add(key)
                label = row["local_text"]
                name = _service(row["local_port"], lang, row["proto"])[1]
                extras = []
                if name:
                    extras.append(name)
                if row.get("pid") is not None:
                    extras.append(text["pid"].format(pid=row["pid"]) +
                                  (" " + row["program"] if row.get("program") else ""))
                elif row.get("program"):
                    extras.append(row["program"])
                items.append(label + (" (" + ", ".join(extras) + ")" if extras else ""))
            if not items:
                return text["none"]
            if len(seen) > limit:
                items.append(text["more"].format(n=len(seen) - limit))
            return ui["sep"].join(items)

        example = next((r for r in tcp_listen if r.get("pid") not in (None, 0, 4)), None) or \
            (tcp_listen[0] if tcp_listen else listening[0])
        pids = list(map(_PID, listening))
        has_pid = pids.count(None) != len(pids)
        findings.append(_finding(
            "listening-ports", "info", lang, "TCP {0} / UDP {1}".format(len(tcp_listen), len(udp_listen)),
            _line_numbers(listening),
            "network/tasklist/" if windows and has_pid else "network/netstat/",
            _steps="steps_win" if windows else "steps_unix",
            tcp=len(tcp_listen), udp=len(udp_listen), tcp_list=describe(tcp_listen, 40),
            udp_list=describe(udp_listen, 15),
            cmd=_tasklist_cmd(example.get("pid"), windows, example["local_port"])))

    if not rows:
        findings.append(_finding("no-connections", "info", lang, "netstat", [], "network/netstat/"))
    if elided:
        findings.append(_finding("elided-rows", "info", lang, "...", elided, "network/netstat/",
                                 where=", ".join(str(n) for n in elided[:10])))
    if truncated_line is not None:
        findings.append(_finding("truncated-input", "warning", lang, "line {0}".format(truncated_line),
                                 [truncated_line], "network/netstat/", line=truncated_line))
    return connections, listening, findings


def _score(doc, rows, partial):
    if doc.route_table and not rows:
        return 0.05
    if doc.interface_table and not rows:
        return 0.05
    score = 0.0
    if rows:
        score = min(0.9, 0.5 + 0.1 * len(rows))
    elif partial:
        score = 0.3
    if doc.windows_header or doc.column_header:
        score = min(1.0, score + 0.3) if rows else max(score, 0.6 if doc.column_header else 0.3)
    if doc.macos or doc.linux:
        score = min(1.0, score + 0.1) if rows else score
    return round(score, 2)


def detect(text):
    """How sure (0..1) this text is netstat output with connections."""
    try:
        if not isinstance(text, str) or not text.strip():
            return 0.0
        doc, rows, elided, partial, program_lines, truncated = parse(text)
        return _score(doc, rows, partial)
    except Exception:  # never raise to the paste box
        return 0.0


def _unrecognized(lang, reason_key="unrecognized"):
    return empty_report(TOOL, lang, UI[lang][reason_key])


def explain(text, lang="ja"):
    """The report for netstat output (see CONTRACT section 2). Pure: no I/O; never raises."""
    summaries = {key: {code: UI[code][key] for code in ("ja", "en")} for key in ("unrecognized", "internal-error")}
    return guarded_explain(TOOL, _explain, text, lang, summaries)


def _explain(text, lang):
    if not isinstance(text, str) or not text.strip():
        return _unrecognized(lang)
    doc, rows, elided, partial, program_lines, truncated_line = parse(text)
    recognized = bool(rows) or (doc.column_header and (doc.windows_header or doc.macos or doc.linux))
    if not rows and (doc.route_table or doc.interface_table):
        return _unrecognized(lang, "route_table" if doc.route_table else "interface_table")
    if not recognized:
        return _unrecognized(lang)
    variant = _variant(doc, rows, program_lines)
    windows = variant.startswith("windows")
    connections, listening, findings = _analyse(doc, rows, elided, partial, truncated_line, lang, windows)
    counts = dict(Counter(map(itemgetter("state"), rows)))  # in order of first appearance
    counts.pop("", None)  # rows without a state (UDP)
    protos = list(map(itemgetter("proto"), listening))
    data = {
        "variant": variant,
        "connections": [_public_connection(r) for r in connections],
        "listening": [_public_listening(r) for r in listening],
        "counts": counts,
        "elided_lines": elided,
        "unparsed_lines": [n for n, _ in partial],
    }
    ui = UI[lang]
    states = ui["sep"].join("{0} {1}".format(k, v) for k, v in sorted(counts.items(), key=lambda kv: -kv[1])
                            if k != "LISTENING") or ui["no_states"]
    worst = "ok"
    if any(f["severity"] == "error" for f in findings):
        worst = "error"
    elif any(f["severity"] == "warning" for f in findings):
        worst = "warning"
    summary = ui["summary"].format(
        variant=variant, conns=len(connections), states=states,
        tcp=protos.count("TCP"), udp=protos.count("UDP"),
        verdict=ui["verdict_" + worst])
    return {"tool": TOOL, "recognized": True, "locale": lang, "summary": summary, "data": data,
            "findings": findings}


# Every parsed row has all these keys (the parsers always set pid and program).
def _public_connection(row):
    return {"proto": row["proto"], "local": row["local"], "local_port": row["local_port"],
            "remote": row["remote"], "remote_port": row["remote_port"], "state": row["state"],
            "pid": row["pid"], "program": row["program"], "line": row["line"]}


def _public_listening(row):
    port = row["local_port"]
    info = PORT_INFO.get(port)
    if info is not None:
        service = info[0]
    else:  # as _service
        service = RPC_DYNAMIC[0] if port is not None and 49664 <= port <= 49669 and row["proto"] == "TCP" else None
    return {"proto": row["proto"], "address": row["local"], "port": port, "pid": row["pid"], "service": service,
            "program": row["program"], "line": row["line"]}


# ---------------------------------------------------------------------------------------------
# Command line
# ---------------------------------------------------------------------------------------------
def main(argv=None):
    hint = {lang: texts["usage_tty"] for lang, texts in UI.items()}
    return explainer_main(argv, "explain_netstat.py", "Explain netstat output (Windows, macOS, Linux).", explain, ["netstat", "-ano"], hint)


if __name__ == "__main__":
    sys.exit(main())
