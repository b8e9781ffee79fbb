#!/usr/bin/env python3
"""Read the output of `ping` and explain it: did the replies come back, and if not, why.

Windows (Japanese and English, IPv4 and IPv6), macOS and Linux (iputils, BusyBox) output is
understood, as saved by cmd.exe, PowerShell or a terminal, or pasted from a web page or mail;
several runs in one paste are read per target.

    python explain_ping.py FILE        reads a saved output (UTF-8, UTF-16, cp932)
    python explain_ping.py -           reads standard input (ping -n 4 192.168.1.1 | python explain_ping.py -)
        --json        the report as JSON
        --lang en     English instead of Japanese

ping needs a target, so this script never runs ping itself: save its output first, e.g.
`ping -n 4 192.168.1.1 > ping.txt` on Windows, `ping -c 4 192.168.1.1 > ping.txt` elsewhere.

When replies count as slow (high-latency), by the kind of target:
    loopback (127.0.0.0/8, ::1)                      average >= 10 ms, or one reply >= 100 ms
    private LAN (10/8, 172.16/12, 192.168/16,
      169.254/16, fe80::/10, fc00::/7)               average >= 50 ms, or one reply >= 500 ms
    a .jp name, or a public anycast DNS service
      (8.8.8.8, 1.1.1.1, 9.9.9.9, ...)               average >= 80 ms, or one reply >= 300 ms
    anything else (location unknown, maybe abroad)   average >= 300 ms, or one reply >= 1000 ms
Broadcast/multicast pings (many hosts answer, "duplicates") are not judged for speed.

Exit status: 0 no error found, 1 an error-level finding, 2 usage error / unreadable /
not ping output. Standard library only; also runs inside Pyodide (detect/explain).
"""

from __future__ import annotations

import ipaddress

TOOL = "ping"
PROG = "explain_ping.py"

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


# ---- ping block: begin ---------------------------------------------------------------------
# How ping prints its results, in Windows (English and Japanese), macOS and Linux (iputils,
# BusyBox). Identical in check_connection.py and explain_ping.py; the source of truth is
# scripts/ping_block.py (`python scripts/sync_common.py` copies it, a test fails on drift).
# One table, tried in order: the first pattern that matches a line decides its kind. Lines are
# matched after removing quoting ("> "), iputils -D time stamps ("[1595103464.996693] ") and
# surrounding blanks, and only up to PING_MAX_LINE characters: every line costs bounded time,
# so reading is linear in the input.
import re as _ping_re

PING_MAX_LINE = 400
_PN = r"\d+(?:\.\d+)?"
_PING_UNREACH_EN = r"destination (?:host|net|network|port|protocol|prohibited)\w* (?:is )?unreachable"
_PING_UNREACH_JA = r"宛先(?:ホスト|ネットワーク|ポート|プロトコル)に到達できません"
PING_PATTERNS = (
    # Windows: "Pinging example.jp [192.0.2.1] with 32 bytes of data:"
    #          "example.jp [192.0.2.1]に ping を送信しています 32 バイトのデータ:"
    # Unix:    "PING example.jp (192.0.2.1) 56(84) bytes of data." / "PING ::1(::1) 56 data bytes"
    #          "PING6(56=40+8+8 bytes) ::1 --> ::1" (macOS ping6)
    ("header", _ping_re.compile(
        r"^(?:pinging (?P<n1>[^\s\[]+)(?:\s*\[(?P<a1>[^\]\s]+)\])?(?: from \S+)? with (?P<b1>\d+) bytes"
        r"|(?P<n2>[^\s\[]+)(?:\s*\[(?P<a2>[^\]\s]+)\])?\s*(?:\(送信元 \S+\)\s*)?に\s*ping\s*を送信しています(?:\s*(?P<b2>\d+)\s*バイト)?"
        r"|ping (?P<n3>[^\s(]+)\s*\((?P<a3>[^)\s]+)(?: \((?P<a3b>[^)\s]*)\))?\)(?::|\s)\s*(?P<b3>\d+)?"
        r"|ping6\([^)]*\)\s+\S+\s+-->\s+(?P<n4>\S+))", _ping_re.I)),
    ("stats-header", _ping_re.compile(
        r"^(?:ping statistics for (?P<n1>\S+?):?$"
        r"|(?P<n2>\S+?)\s*の\s*ping\s*統計:?"
        r"|--- (?P<n3>\S+) ping6? statistics ---)", _ping_re.I)),
    ("host-not-found", _ping_re.compile(
        r"^(?:ping request could not find host (?P<n1>\S+?)\.? please"
        r"|ping\s*要求ではホスト\s*(?P<n2>\S+)\s*が見つかりませんでした"
        r"|ping: (?:unknown host (?P<n3>\S+)"
        r"|cannot resolve (?P<n4>[^\s:]+): unknown host"
        r"|(?P<n5>[^\s:]+): (?:name or service not known|temporary failure in name resolution"
        r"|no address associated with hostname|nodename nor servname provided"
        r"|name does not resolve|address family for hostname not supported)))", _ping_re.I)),
    # Windows "Reply from 192.168.1.10: Destination host unreachable." (counted as received!),
    # iputils "From 10.0.0.2 icmp_seq=1 Destination Host Unreachable", macOS "92 bytes from
    # 10.0.0.1: Destination Host Unreachable", and the local stack: "ping: connect: Network
    # is unreachable", "ping: sendto: No route to host".
    ("unreachable", _ping_re.compile(
        r"^(?:(?:reply from (?P<a1>\S+?):\s*|(?P<a2>\S+?)\s*からの応答:\s*)?(?:" + _PING_UNREACH_EN + "|" + _PING_UNREACH_JA + ")"
        r"|from (?P<a3>\S+)(?: \((?P<a4>[^)\s]+)\))?:? (?:icmp_)?seq=(?P<s3>\d+) (?:" + _PING_UNREACH_EN + ")"
        r"|\d+ bytes from (?P<a5>[^\s(:]+(?::[^\s(:]*)*?)(?: \((?P<a6>[^)\s]+)\))?: (?:" + _PING_UNREACH_EN + ")"
        r"|ping6?: (?P<local>(?:connect|sendto|sendmsg|send): (?:network is unreachable|no route to host|host is down)))",
        _ping_re.I)),
    ("ttl-expired", _ping_re.compile(
        r"^(?:(?:reply from (?P<a1>\S+?):\s*|(?P<a2>\S+?)\s*からの応答:\s*)?"
        r"(?:ttl expired in transit|(?:転送中に\s*)?TTL\s*が(?:転送中に\s*)?期限切れ)"
        r"|from (?P<a3>\S+)(?: \((?P<a4>[^)\s]+)\))?:? (?:icmp_)?seq=(?P<s3>\d+) time to live exceeded"
        r"|\d+ bytes from (?P<a5>[^\s(:]+(?::[^\s(:]*)*?)(?: \((?P<a6>[^)\s]+)\))?: time to live exceeded)", _ping_re.I)),
    # Windows "General failure." / "PING: transmit failed. General failure." / error codes;
    # Japanese "一般エラーです。" / "PING: 転送に失敗しました。一般エラーです。"
    ("transmit-failed", _ping_re.compile(
        r"^(?:general failure|ping: transmit failed|一般エラー|ping:\s*転送に失敗しました"
        r"|ping6?: (?:sendto|sendmsg|send): (?!network is unreachable|no route to host|host is down)[^\n]+)",
        _ping_re.I)),
    ("timeout", _ping_re.compile(
        r"^(?:request timed out|要求がタイムアウトしました"
        r"|request timeout for icmp_seq[ =]?(?P<s1>\d+)"
        r"|no answer yet for icmp_seq=(?P<s2>\d+))", _ping_re.I)),
    # Windows en: "Reply from 10.0.0.1: bytes=32 time<1ms TTL=64"; IPv6: "Reply from ::1: time<1ms"
    # Windows ja: "10.0.0.1 からの応答: バイト数 =32 時間 <1ms TTL=64"; IPv6: "::1 からの応答: 時間 <1ms"
    # Unix: "64 bytes from 10.0.0.1: icmp_seq=1 ttl=64 time=0.052 ms" (+ " (DUP!)"),
    #       "64 bytes from host (10.0.0.1): ...", macOS ping6 "16 bytes from ::1, icmp_seq=0 hlim=64 time=0.071 ms"
    ("reply", _ping_re.compile(
        r"^(?:reply from (?P<a1>\S+?):\s*(?:bytes\s*=\s*(?P<b1>\d+)\s*(?:\(sent \d+\)\s*)?)?"
        r"time\s*(?P<o1>[=<])\s*(?P<t1>" + _PN + r")\s*ms(?:\s+ttl\s*=\s*(?P<l1>\d+))?"
        r"|(?P<a2>\S+?)\s*からの応答:\s*(?:バイト数\s*=\s*(?P<b2>\d+)\s*)?"
        r"時間\s*(?P<o2>[=<])\s*(?P<t2>" + _PN + r")\s*ms(?:\s*ttl\s*=\s*(?P<l2>\d+))?"
        r"|(?P<b3>\d+) bytes from (?P<a3>[^\s(,]+?)(?: \((?P<a4>[^)\s]+)\))?[:,]\s+"
        r"(?=[^\n]*?(?:seq|time)[=<])(?P<rest>[^\n]*))", _ping_re.I)),
    ("statistics", _ping_re.compile(
        r"^(?:packets: sent = (?P<s1>\d+), received = (?P<r1>\d+), lost = \d+ \((?P<l1>\d+)% loss\)"
        r"|パケット数:\s*送信\s*=\s*(?P<s2>\d+)\s*[、,]\s*受信\s*=\s*(?P<r2>\d+)\s*[、,]\s*損失\s*=\s*\d+\s*"
        r"\((?P<l2>\d+)%\s*の損失\)"
        r"|(?P<s3>\d+) packets transmitted, (?P<r3>\d+) (?:packets )?received(?P<rest>[^\n]*))", _ping_re.I)),
    ("rtt-summary", _ping_re.compile(
        r"^(?:(?:rtt|round-trip) min/avg/max(?:/(?:mdev|stddev|std-dev))? = "
        r"(?P<n1>" + _PN + ")/(?P<v1>" + _PN + ")/(?P<x1>" + _PN + ")"
        r"|minimum = (?P<n2>\d+)ms, maximum = (?P<x2>\d+)ms, average = (?P<v2>\d+)ms"
        r"|最小\s*=\s*(?P<n3>\d+)ms\s*[、,]\s*最大\s*=\s*(?P<x3>\d+)ms\s*[、,]\s*平均\s*=\s*(?P<v3>\d+)ms)", _ping_re.I)),
    ("rtt-header", _ping_re.compile(r"^(?:approximate round trip times|ラウンド\s*トリップの概算時間)", _ping_re.I)),
    ("interrupted", _ping_re.compile(r"^(?:control-c|\^c)$", _ping_re.I)),
    ("pattern", _ping_re.compile(r"^pattern: 0x[0-9a-f]+$", _ping_re.I)),
)
_PING_FIELD = _ping_re.compile(r"\b(icmp_seq|seq|ttl|hlim|time)([=<])(" + _PN + ")", _ping_re.I)
_PING_STAT_EXTRA = _ping_re.compile(r"\+(\d+) (duplicates|errors|corrupted)|(" + _PN + r")% packet loss", _ping_re.I)
# Cheap pre-filter: a line without any of these cannot match a pattern above.
_PING_HINTS = ("ping", "reply", "bytes", "unreach", "ttl", "time", "request", "failure", "packet",
               "min", "from", "応答", "到達", "タイムアウト", "エラー", "転送", "統計", "送信", "最小", "見つかり",
               "control", "^c", "---", "seq", "round", "ラウンド", "pattern")


def ping_clean_line(line):
    """The part of a line that carries ping's words: no quoting, time stamp or blanks."""
    s = line.strip()
    if s.startswith("\ufeff"):
        s = s[1:].lstrip()
    while s.startswith(">"):
        s = s[1:].lstrip()
    if s.startswith("[") and "]" in s[:40]:
        stamp = s[1:s.index("]")]
        if stamp.replace(".", "", 1).isdecimal():
            s = s[len(stamp) + 2:].lstrip()
    return s


def _ping_rtt(op, value):
    rtt = float(value)
    # Windows prints "<1ms" for anything under a millisecond: read it as 0.
    return 0.0 if op == "<" and rtt <= 1 else rtt


def read_ping_line(line):
    """One line of ping output as a dict {"kind", ...fields} or None. Never raises."""
    s = ping_clean_line(line) if isinstance(line, str) else ""
    if not s or len(s) > PING_MAX_LINE:
        return None
    low = s.lower()
    if not any(h in low for h in _PING_HINTS):
        return None
    for kind, pattern in PING_PATTERNS:
        m = pattern.match(s)
        if not m:
            continue
        g = {k: v for k, v in m.groupdict().items() if v is not None}
        ev = {"kind": kind, "text": s}
        if kind == "header":
            ev["target"] = g.get("n1") or g.get("n2") or g.get("n3") or g.get("n4")
            # ping6 with a name: "PING example.com(example.com (2001:db8::1))": the address is
            # the inner one, not the reverse-DNS name before it.
            ev["address"] = g.get("a1") or g.get("a2") or g.get("a3b") or g.get("a3") or g.get("n4")
            size = g.get("b1") or g.get("b2") or g.get("b3")
            ev["size"] = int(size) if size else None
        elif kind in ("stats-header", "host-not-found"):
            ev["target"] = next((g[k] for k in ("n1", "n2", "n3", "n4", "n5") if k in g), None)
        elif kind in ("unreachable", "ttl-expired"):
            ev["from"] = (g.get("a4") or g.get("a6") or g.get("a1") or g.get("a2") or g.get("a3") or g.get("a5") or "").rstrip(":") or None
            ev["seq"] = int(g["s3"]) if "s3" in g else None
            ev["local"] = "local" in g
        elif kind == "timeout":
            seq = g.get("s1") or g.get("s2")
            ev["seq"] = int(seq) if seq else None
            ev["no_answer_yet"] = "s2" in g
        elif kind == "reply":
            ev["from"] = g.get("a4") or g.get("a1") or g.get("a2") or g.get("a3")
            size = g.get("b1") or g.get("b2") or g.get("b3")
            ev["bytes"] = int(size) if size else None
            ev["seq"] = ev["ttl"] = ev["rtt_ms"] = None
            ev["dup"] = False
            if "t1" in g or "t2" in g:
                ev["rtt_ms"] = _ping_rtt(g.get("o1") or g.get("o2"), g.get("t1") or g.get("t2"))
                ttl = g.get("l1") or g.get("l2")
                ev["ttl"] = int(ttl) if ttl else None
            else:
                rest = g.get("rest", "")
                for name, op, value in _PING_FIELD.findall(rest):
                    name = name.lower()
                    if name in ("icmp_seq", "seq"):
                        ev["seq"] = int(float(value))
                    elif name in ("ttl", "hlim"):
                        ev["ttl"] = int(float(value))
                    else:
                        ev["rtt_ms"] = _ping_rtt(op, value)
                ev["dup"] = "DUP!" in rest
                if ev["rtt_ms"] is None and ev["seq"] is None:
                    continue
        elif kind == "statistics":
            ev["sent"] = int(g.get("s1") or g.get("s2") or g.get("s3"))
            ev["received"] = int(g.get("r1") or g.get("r2") or g.get("r3"))
            loss = g.get("l1") or g.get("l2")
            ev["loss_percent"] = float(loss) if loss is not None else None
            ev["duplicates"] = ev["errors"] = 0
            for count, what, percent in _PING_STAT_EXTRA.findall(g.get("rest", "")):
                if percent:
                    ev["loss_percent"] = float(percent)
                elif what.lower() == "duplicates":
                    ev["duplicates"] = int(count)
                elif what.lower() == "errors":
                    ev["errors"] = int(count)
            if ev["loss_percent"] is None:
                ev["loss_percent"] = 0.0 if ev["sent"] == 0 else round(100.0 * (ev["sent"] - ev["received"]) / ev["sent"], 1)
        elif kind == "rtt-summary":
            ev["min"] = float(g.get("n1") or g.get("n2") or g.get("n3"))
            ev["avg"] = float(g.get("v1") or g.get("v2") or g.get("v3"))
            ev["max"] = float(g.get("x1") or g.get("x2") or g.get("x3"))
        return ev
    return None


def read_ping_output(text):
    """What a ping printed: replies, timeouts, unreachable answers, unknown names, statistics.

    Works for Windows (English and Japanese), macOS and Linux. Returns a dict with counts,
    rtt_ms (list of reply times), loss_percent, and events [{"line", "kind", "text", ...}];
    "ok" is True only when at least one real echo reply came back. "Destination host
    unreachable" answers are failures even when Windows counts them as received (0% loss).
    Never raises; time linear in the length of the text."""
    result = {
        "replies": 0, "duplicates": 0, "timeouts": 0, "unreachable": 0, "ttl_expired": 0,
        "host_not_found": False, "transmit_failed": 0, "sent": None, "received": None,
        "loss_percent": None, "rtt_ms": [], "avg_rtt_ms": None, "min_rtt_ms": None,
        "max_rtt_ms": None, "target": None, "address": None, "events": [], "ok": False,
    }
    if not isinstance(text, str):
        return result
    counters = {"timeout": "timeouts", "unreachable": "unreachable", "ttl-expired": "ttl_expired",
                "transmit-failed": "transmit_failed"}
    for number, line in enumerate(text.splitlines(), 1):
        try:
            ev = read_ping_line(line)
        except Exception:  # noqa: BLE001 - a reader never fails on odd text
            ev = None
        if ev is None:
            continue
        ev["line"] = number
        kind = ev["kind"]
        if kind == "reply":
            result["replies"] += 1
            result["duplicates"] += 1 if ev["dup"] else 0
            if ev["rtt_ms"] is not None:
                result["rtt_ms"].append(ev["rtt_ms"])
            ev["address"] = ev["from"]
        elif kind in counters:
            result[counters[kind]] += 1
        elif kind == "host-not-found":
            result["host_not_found"] = True
            result["target"] = result["target"] or ev["target"]
        elif kind == "header":
            result["target"] = result["target"] or ev["target"]
            result["address"] = result["address"] or ev["address"]
        elif kind == "statistics":
            result["sent"], result["received"] = ev["sent"], ev["received"]
            result["loss_percent"] = ev["loss_percent"]
        elif kind == "rtt-summary":
            result["min_rtt_ms"], result["avg_rtt_ms"], result["max_rtt_ms"] = ev["min"], ev["avg"], ev["max"]
        result["events"].append(ev)
    result["ok"] = result["replies"] > 0
    rtts = result["rtt_ms"]
    if result["avg_rtt_ms"] is None and rtts:
        result["avg_rtt_ms"] = round(sum(rtts) / len(rtts), 3)
        result["min_rtt_ms"], result["max_rtt_ms"] = min(rtts), max(rtts)
    return result
# ---- ping block: end -----------------------------------------------------------------------


# =============================================================================================
# 1. Grouping the lines (read by the ping block above) into runs, and runs into targets.
# =============================================================================================

REQUEST_KINDS = ("reply", "timeout", "unreachable", "ttl-expired", "transmit-failed")
# Latency limits by kind of target: (average, single reply) in milliseconds.
# (average, single reply) in ms from which replies count as slow, by the kind of target. On a
# Japanese fibre line a server in Japan answers in about 5-30 ms, so 80 ms to a .jp name (or to a
# public DNS service that answers from a nearby site) is worth saying; a host whose location is
# unknown may be on another continent, where 150-250 ms is normal.
LATENCY_LIMITS = {"loopback": (10.0, 100.0), "lan": (50.0, 500.0), "domestic": (80.0, 300.0),
                  "anycast": (80.0, 300.0), "internet": (300.0, 1000.0)}
_SPIKE_TEXT = {"domestic": "internet", "anycast": "internet"}  # one text for spikes beyond the LAN
# Public DNS services answered by the nearest of many sites (anycast): one is in or near Japan.
_ANYCAST = frozenset((
    "8.8.8.8", "8.8.4.4", "1.1.1.1", "1.0.0.1", "9.9.9.9", "149.112.112.112", "208.67.222.222",
    "208.67.220.220", "2001:4860:4860::8888", "2001:4860:4860::8844", "2606:4700:4700::1111",
    "2606:4700:4700::1001", "dns.google", "one.one.one.one"))
_LAN_NETS = tuple(ipaddress.ip_network(n) for n in (
    "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16", "fe80::/10", "fc00::/7", "ff02::/16"))
# detect(): how much each kind of line says "this is ping output".
_WEIGHTS = {"header": 0.5, "stats-header": 0.3, "statistics": 0.5, "rtt-summary": 0.3, "reply": 0.5,
            "timeout": 0.25, "unreachable": 0.4, "unreachable-local": 0.6, "ttl-expired": 0.3, "transmit-failed": 0.25,
            "host-not-found": 0.6, "rtt-header": 0.2}
# Output of other commands that quotes ping-like lines (tracert's timeouts, nslookup's).
_OTHER_TOOLS = ("へのルートをトレースしています", "tracing route to", "traceroute to", "トレースを完了しました",
                "trace complete", "windows ip configuration", "windows ip 構成", "active connections",
                "アクティブな接続", "default server:", "既定のサーバー:")


def _new_run(target=None, address=None, line=None):
    return {"target": target, "address": address, "header_line": line, "events": [], "stats": None,
            "stats_lines": [], "rtt": None, "closed": False}


def parse(text):
    """(runs, stats): the ping runs in order, and counts of the kinds of lines for detect()."""
    runs = []
    stats = {"kinds": {}, "nonempty": 0, "other_tool": False, "last_kind": None, "last_line": 0}
    current = None
    for number, raw in enumerate(text.splitlines(), 1):
        if not raw.strip():
            continue
        stats["nonempty"] += 1
        ev = read_ping_line(raw)
        if ev is None:
            if not stats["other_tool"] and len(raw) < 200:
                low = raw.lower()
                stats["other_tool"] = any(m in low for m in _OTHER_TOOLS)
            continue
        ev["line"] = number
        kind = ev["kind"]
        weight_key = kind + "-local" if ev.get("local") else kind
        stats["kinds"][weight_key] = stats["kinds"].get(weight_key, 0) + 1
        stats["last_kind"], stats["last_line"] = kind, number
        if kind in ("header", "host-not-found"):
            current = _new_run(ev.get("target"), ev.get("address"), number)
            runs.append(current)
            if kind == "host-not-found":
                current["events"].append(ev)
                current["closed"] = True
            continue
        if kind in ("pattern", "interrupted", "rtt-header"):
            continue
        if kind == "stats-header":
            if current is None or current["closed"] or current["stats"] is not None:
                current = _new_run(ev["target"], None, None)
                runs.append(current)
            elif current["target"] is None:
                current["target"] = ev["target"]
            current["stats_lines"].append(number)
            continue
        if kind in ("statistics", "rtt-summary"):
            if current is None or (current["closed"] and not (kind == "rtt-summary" and current["rtt"] is None)):
                current = _new_run()
                runs.append(current)
            if kind == "statistics":
                current["stats"] = ev
            else:
                current["rtt"] = ev
            current["stats_lines"].append(number)
            current["closed"] = True
            continue
        if current is None or current["closed"]:
            current = _new_run()
            runs.append(current)
        current["events"].append(ev)
    for run in runs:
        if run["target"] is None:
            first = next((e for e in run["events"] if e["kind"] == "reply" and e.get("from")), None)
            if first is not None:
                run["target"] = first["from"]
    return runs, stats


def _score(stats):
    score = sum(_WEIGHTS.get(k, 0.0) * n for k, n in stats["kinds"].items())
    score = min(1.0, score)
    matched = sum(stats["kinds"].values())
    if stats["other_tool"]:
        score *= 0.1
    elif stats["nonempty"] and matched * 5 < stats["nonempty"]:
        score *= 0.5
    return round(score, 3)


def detect(text):
    """0.0 .. 1.0: how sure this text is ping output."""
    try:
        if not isinstance(text, str):
            return 0.0
        return _score(parse(text)[1])
    except Exception:  # noqa: BLE001 - detection must never fail
        return 0.0


def _ip(text):
    if not text:
        return None
    try:
        return ipaddress.ip_address(text.split("%", 1)[0].strip("[]"))
    except ValueError:
        return None


def target_kind(address, name=None):
    """'loopback', 'lan', 'anycast' (a public DNS service with a site nearby), 'domestic' (a
    name under .jp) or 'internet' (anything else: its location is unknown)."""
    names = [n.lower().rstrip(".") for n in (name, address) if n]
    if any(n in _ANYCAST for n in names):
        return "anycast"
    ip = _ip(address)
    if ip is None:
        return "domestic" if any(n.endswith(".jp") for n in names) else "internet"
    if ip.is_loopback:
        return "loopback"
    if any(ip.version == net.version and ip in net for net in _LAN_NETS):
        return "lan"
    return "domestic" if any(n.endswith(".jp") for n in names) else "internet"


def _fmt_ms(value):
    if value is None:
        return "?"
    return str(int(value)) if float(value).is_integer() else "{0:.3g}".format(value) if value < 10 else "{0:.0f}".format(value)


def group_targets(runs):
    """Runs of the same target taken together, in order of first appearance."""
    groups = []
    index = {}
    for run in runs:
        key = (run["target"] or "").casefold()
        group = index.get(key)
        if group is None:
            group = {"target": run["target"], "address": None, "runs": []}
            index[key] = group
            groups.append(group)
        group["runs"].append(run)
        if group["address"] is None and run["address"]:
            group["address"] = run["address"]
    for group in groups:
        if group["address"] is None and _ip(group["target"]) is not None:
            group["address"] = group["target"]
    return groups


def summarise(group):
    """The numbers of one target: what was sent, what really came back, how fast."""
    events = [e for run in group["runs"] for e in run["events"]]
    replies = [e for e in events if e["kind"] == "reply"]
    by = {k: [e for e in events if e["kind"] == k] for k in ("timeout", "unreachable", "ttl-expired", "transmit-failed", "host-not-found")}
    runs_with_stats = [r for r in group["runs"] if r["stats"] is not None]
    all_stats = bool(group["runs"]) and len(runs_with_stats) == len([r for r in group["runs"] if r["events"] or r["stats"]])
    stat_dups = sum(r["stats"]["duplicates"] for r in runs_with_stats)
    # Replies whose sequence number was already answered are duplicates too (macOS ping6 marks none).
    seen = set()
    line_dups = 0
    for e in replies:
        key = (id(e), None)
        if e.get("dup"):
            line_dups += 1
            continue
        if e.get("seq") is not None:
            key = e["seq"]
            if key in seen:
                line_dups += 1
                e["dup"] = True
                continue
            seen.add(key)
    dups = max(stat_dups, line_dups)
    real = [e for e in replies if not e.get("dup")]
    per_request = len(real) + sum(len(by[k]) for k in ("timeout", "unreachable", "ttl-expired", "transmit-failed"))
    sent = sum(r["stats"]["sent"] for r in runs_with_stats) if runs_with_stats and all_stats else per_request
    received = sum(r["stats"]["received"] for r in runs_with_stats) if runs_with_stats and all_stats else None
    answered = len(real)
    if received is not None:
        # Windows counts "unreachable" and "TTL expired" answers as received; take them off.
        answered = max(answered, received - len(by["unreachable"]) - len(by["ttl-expired"]))
    if sent < answered:
        sent = answered
    lost = max(sent - answered, 0)
    rtts = [e["rtt_ms"] for e in real if e.get("rtt_ms") is not None]
    summaries = [r["rtt"] for r in group["runs"] if r["rtt"] is not None]
    if summaries:
        # ping's own figures: they count every reply, also lines it could not print or we could not read.
        avg = summaries[0]["avg"] if len(summaries) == 1 else round(sum(s["avg"] for s in summaries) / len(summaries), 3)
        rtt = {"min": min(s["min"] for s in summaries), "avg": avg, "max": max(s["max"] for s in summaries)}
    elif rtts:
        rtt = {"min": min(rtts), "avg": round(sum(rtts) / len(rtts), 3), "max": max(rtts)}
    else:
        rtt = {"min": None, "avg": None, "max": None}
    reported_loss = None
    if runs_with_stats and all_stats and sent:
        reported_loss = runs_with_stats[0]["stats"]["loss_percent"] if len(runs_with_stats) == 1 else round(
            100.0 * (sent - (received or 0)) / sent, 1)
    ttls = sorted({e["ttl"] for e in real if e.get("ttl") is not None})
    return {
        "events": events, "replies": replies, "real": real, "by": by, "sent": sent, "received": received,
        "answered": answered, "lost": lost, "dups": dups, "rtt": rtt, "reported_loss": reported_loss,
        "has_stats": bool(runs_with_stats), "all_stats": all_stats, "ttls": ttls,
        "stats_lines": [n for r in group["runs"] for n in r["stats_lines"]],
        "header_lines": [r["header_line"] for r in group["runs"] if r["header_line"]],
    }


# =============================================================================================
# 2. Interpretation
# =============================================================================================


def analyse(text, lang):
    """The report. May raise on a bug; explain() is the safe wrapper."""
    runs, stats = parse(text)
    if _score(stats) < 0.5 or not runs:
        return _unrecognized(lang)
    groups = group_targets(runs)
    out = []
    data_targets = []

    def add(fid, severity, subject, lines, variant=None, **params):
        out.append({"id": fid, "severity": severity, "subject": subject, "lines": sorted(set(n for n in lines if n)),
                    "variant": variant, "params": params})

    for group in groups:
        s = summarise(group)
        subject = group["target"]
        kind = target_kind(group["address"] or group["target"], group["target"])
        common = {"target": subject or "?", "sent": s["sent"], "answered": s["answered"], "lost": s["lost"]}
        hnf = s["by"]["host-not-found"]
        if hnf:
            add("host-not-found", "error", subject, [e["line"] for e in hnf], **common)
        failed = s["by"]["transmit-failed"]
        if failed:
            add("general-failure", "error" if not s["answered"] else "warning", subject,
                [e["line"] for e in failed[:20]], count=len(failed), **common)
        unreach = s["by"]["unreachable"]
        if unreach:
            senders = []
            for e in unreach:
                if e.get("from") and e["from"] not in senders:
                    senders.append(e["from"])
            variant = None
            if any(e.get("local") for e in unreach):
                variant = "local"
            elif s["received"] is not None and s["received"] > s["answered"]:
                variant = "counted"
            add("dest-unreachable", "error" if not s["answered"] else "warning", subject,
                [e["line"] for e in unreach[:20]] + (s["stats_lines"] if variant == "counted" else []),
                variant=variant, count=len(unreach), senders=", ".join(senders[:4]) or "?",
                loss=_fmt_ms(s["reported_loss"]), **common)
        ttl = s["by"]["ttl-expired"]
        if ttl:
            senders = sorted({e["from"] for e in ttl if e.get("from")})
            add("ttl-expired", "error" if not s["answered"] else "warning", subject, [e["line"] for e in ttl[:20]],
                count=len(ttl), senders=", ".join(senders[:4]) or "?", **common)
        timeouts = s["by"]["timeout"]
        only_stats_loss = not timeouts and not unreach and not ttl and not failed and s["has_stats"] and s["lost"]
        if not s["answered"] and (timeouts or only_stats_loss) and not hnf:
            lines = [e["line"] for e in timeouts[:20]] or s["stats_lines"]
            add("timeout", "error", subject, lines, variant="stats" if not timeouts else None,
                count=len(timeouts) or s["lost"], **common)
        elif timeouts and not hnf:
            # Some requests were answered: the loss itself is the partial-loss warning.
            add("timeout", "info", subject, [e["line"] for e in timeouts[:20]], variant="partial",
                count=len(timeouts), **common)
        if s["answered"]:
            if s["lost"]:
                lines = [e["line"] for e in (timeouts + unreach + ttl + failed)[:20]] + s["stats_lines"]
                add("partial-loss", "warning", subject, lines,
                    percent=_fmt_ms(round(100.0 * s["lost"] / s["sent"], 1) if s["sent"] else None), **common)
            avg_limit, spike_limit = LATENCY_LIMITS[kind]
            rtt = s["rtt"]
            if not s["dups"] and rtt["avg"] is not None:
                slow = [e["line"] for e in s["real"] if e.get("rtt_ms") is not None and e["rtt_ms"] >= spike_limit]
                if rtt["avg"] >= avg_limit or slow:
                    lines = [e["line"] for e in s["real"] if e.get("rtt_ms") is not None and e["rtt_ms"] >= avg_limit]
                    add("high-latency", "warning", subject, (lines or slow)[:20] + s["stats_lines"][-1:],
                        variant=kind if rtt["avg"] >= avg_limit else _SPIKE_TEXT.get(kind, kind) + "-spike",
                        avg=_fmt_ms(rtt["avg"]), max=_fmt_ms(rtt["max"]), limit=_fmt_ms(avg_limit),
                        spike=_fmt_ms(spike_limit), **common)
            lines = [e["line"] for e in s["real"][:20]] + s["stats_lines"]
            add("reply-ok", "ok", subject, lines, variant="fragment" if not s["sent"] else None,
                avg=_fmt_ms(s["rtt"]["avg"]), min=_fmt_ms(s["rtt"]["min"]), max=_fmt_ms(s["rtt"]["max"]),
                ttl="/".join(str(t) for t in s["ttls"][:3]) or "?", **common)
        if s["dups"]:
            add("duplicates", "info", subject, [e["line"] for e in s["replies"] if e.get("dup")][:20] + s["stats_lines"],
                count=s["dups"], **common)
        request_events = [e for e in s["events"] if e["kind"] in REQUEST_KINDS and not e.get("local")]
        if not s["all_stats"] and not hnf and (request_events or s["header_lines"]):
            last = max([e["line"] for e in s["events"]] + s["header_lines"])
            add("truncated-input", "info", subject, [last], **common)
        data_targets.append(_public_target(group, s, kind))

    rank = {sev: i for i, sev in enumerate(SEVERITY_ORDER)}
    out.sort(key=lambda f: rank[f["severity"]])
    findings = [_render(f, lang) for f in out]
    first = data_targets[0]
    data = {k: first[k] for k in ("target", "address", "kind", "replies", "sent", "received", "loss_percent",
                                  "answered", "lost", "rtt")}
    data["targets"] = data_targets
    return {
        "tool": TOOL,
        "recognized": True,
        "locale": lang,
        "summary": _summary(data_targets, findings, lang),
        "data": data,
        "findings": findings,
    }


def _public_target(group, s, kind):
    replies = [{"seq": e.get("seq"), "ttl": e.get("ttl"), "rtt_ms": e.get("rtt_ms"), "line": e["line"],
                "from": e.get("from"), "duplicate": bool(e.get("dup"))} for e in s["replies"]]
    return {
        "target": group["target"], "address": group["address"], "kind": kind, "replies": replies,
        "sent": s["sent"], "received": s["received"], "loss_percent": s["reported_loss"],
        "answered": s["answered"], "lost": s["lost"], "duplicates": s["dups"],
        "timeouts": len(s["by"]["timeout"]), "unreachable": len(s["by"]["unreachable"]),
        "ttl_expired": len(s["by"]["ttl-expired"]), "transmit_failed": len(s["by"]["transmit-failed"]),
        "host_not_found": bool(s["by"]["host-not-found"]), "rtt": dict(s["rtt"]),
        "statistics_seen": s["has_stats"],
    }


def _unrecognized(lang):
    return empty_report(TOOL, lang, TEXTS["unrecognized"][lang]["title"])


def explain(text, lang="ja"):
    """The report for ping output `text`; never raises."""
    summaries = {key: {code: TEXTS[key][code]["title"] for code in ("ja", "en")} for key in ("unrecognized", "internal-error")}
    return guarded_explain(TOOL, analyse, text, lang, summaries)


# =============================================================================================
# 3. Human text: ONE table keyed by finding id (variants as "detail:<variant>").
# =============================================================================================

PAGE_PING = "network/ping/"

TEXTS = {
    "reply-ok": {
        "ja": {
            "title": "返事が返ってきています",
            "detail": "{target} に {sent} 回送り、{answered} 回返事がありました。往復時間は最小 {min} ms、平均 {avg} ms、最大 {max} ms です (TTL {ttl})。"
            "ここまでの通信路は動いています。",
            "detail:fragment": "{target} から返事が {answered} 回返ってきています (往復時間の平均 {avg} ms)。ここまでの通信路は動いています。",
            "steps": [],
        },
        "en": {
            "title": "Replies came back",
            "detail": "{sent} request(s) to {target}, {answered} answered. Round trip: min {min} ms, average {avg} ms, "
            "max {max} ms (TTL {ttl}). The path up to there works.",
            "detail:fragment": "{target} answered {answered} time(s) (average round trip {avg} ms). The path up to there works.",
            "steps": [],
        },
    },
    "timeout": {
        "ja": {
            "title": "返事がありません (要求がタイムアウトしました)",
            "detail": "{target} に送った {sent} 回の要求に、決められた時間内に返事が 1 回もありませんでした ({count} 回のタイムアウト)。"
            "相手が止まっている、途中で通信が途切れている、または相手やファイアウォールが ping にだけ答えない設定になっている、のいずれかです。",
            "detail:stats": "{target} に {sent} 回送りましたが、統計では返事は 0 回 (損失 100%) です。相手が止まっている、途中で通信が途切れている、"
            "または ping にだけ答えない設定になっている、のいずれかです。",
            "detail:partial": "{target} への {sent} 回の要求のうち {count} 回がタイムアウトしました (返事は {answered} 回)。"
            "相手には届いているので、止まっているのではなく、ときどき途切れています。",
            "steps": [
                "もっと手前 (127.0.0.1、デフォルト ゲートウェイ) に ping を打ち、どこまで届くかを確かめます。",
                "手前は通るなら、相手が ping に答える機器かどうかを確かめます。メールサーバーや多くの Web サーバーは ping に答えません。",
                "メールや Web のサーバーなら、ping ではなくサービスのポートに接続できるかを確かめます (「サービスのポートに接続できるか」のページ)。",
            ],
        },
        "en": {
            "title": "No reply (request timed out)",
            "detail": "None of the {sent} request(s) to {target} was answered in time ({count} time-out(s)). The host is down, the "
            "path is broken, or the host or a firewall ignores ping on purpose.",
            "detail:stats": "{sent} request(s) went to {target}, and the statistics show no reply (100% loss). The host is down, "
            "the path is broken, or ping alone is ignored.",
            "detail:partial": "{count} of the {sent} request(s) to {target} timed out ({answered} answered). The host is reachable: "
            "the connection drops out now and then rather than being down.",
            "steps": [
                "Ping something nearer (127.0.0.1, the default gateway) to see how far traffic gets.",
                "If nearer hosts answer, check whether this host answers ping at all: mail servers and many web servers do not.",
                "Test the service port itself (see the port check page).",
            ],
        },
    },
    "dest-unreachable": {
        "ja": {
            "title": "宛先に到達できません",
            "detail": "{target} への要求に対して、{senders} から「宛先に到達できません」という返事が {count} 回ありました。"
            "これは相手からの返事ではなく、途中の機器 (または自分のパソコン) が「そこへ届ける道がない」と知らせてきたものです。"
            "返事の送り主が自分のパソコンのアドレスなら、同じネットワーク内で相手が見つかっていません (相手の電源が切れている、アドレスの打ち間違い)。"
            "ルーターのアドレスなら、ルーターから先に道がありません。",
            "detail:counted": "{target} への要求に対して、{senders} から「宛先に到達できません」という返事が {count} 回ありました。"
            "Windows はこの知らせも「受信」に数えるため、統計では損失 {loss}% となっていますが、相手からの返事は {answered} 回です。"
            "返事の送り主が自分のパソコンのアドレスなら、同じネットワーク内で相手が見つかっていません (相手の電源が切れている、アドレスの打ち間違い)。"
            "ルーターのアドレスなら、ルーターから先に道がありません。",
            "detail:local": "ping が要求を送り出す前に、このパソコン自身が「{target} へ届ける道がない」と判断しました。"
            "ネットワークにつながっていないか、デフォルト ゲートウェイ (経路) がありません。",
            "steps": [
                "宛先のアドレスに打ち間違いがないか確かめます。",
                "ipconfig /all で自分のアドレスとデフォルト ゲートウェイを確かめます (169.254.x.x やゲートウェイなしなら、そちらが原因です)。",
                "同じネットワークの相手なら、相手の電源とケーブル、Wi-Fi の接続を確かめます。",
            ],
        },
        "en": {
            "title": "Destination unreachable",
            "detail": "Requests to {target} got {count} \"destination unreachable\" answer(s) from {senders}. This is not the target "
            "answering: a device on the way (or this PC) reports that it has no way to deliver. If the sender is this PC's own "
            "address, the target was not found on the local network (switched off, or a wrong address); if it is a router, "
            "the router has no route beyond.",
            "detail:counted": "Requests to {target} got {count} \"destination unreachable\" answer(s) from {senders}. Windows counts "
            "these as received, so the statistics say {loss}% loss, but only {answered} real reply(ies) came from the target. If the "
            "sender is this PC's own address, the target was not found on the local network; if it is a router, it has no route beyond.",
            "detail:local": "Before sending anything, this PC itself found no way to {target}: it is not connected, or it has "
            "no default gateway (route).",
            "steps": [
                "Check the target address for typing mistakes.",
                "Check your own address and default gateway with ipconfig /all (169.254.x.x or no gateway is the cause then).",
                "For a device on your network, check its power, cable or Wi-Fi connection.",
            ],
        },
    },
    "host-not-found": {
        "ja": {
            "title": "名前からアドレスを調べられませんでした",
            "detail": "「{target}」という名前を IP アドレスに変換できなかったため、ping は 1 回も送られていません。"
            "名前の打ち間違いか、DNS サーバーに問い合わせられない (インターネットや DNS の設定に問題がある) かのどちらかです。",
            "steps": [
                "名前のつづりを確かめます (全角文字や余分な空白が入っていないか)。",
                "ping 8.8.8.8 のようにアドレスで打ち、インターネットまで届くかを確かめます。届くなら DNS の問題です。",
                "nslookup で名前を引き、DNS サーバーの答えを確かめます。",
            ],
        },
        "en": {
            "title": "The name could not be resolved",
            "detail": "The name {target} could not be turned into an IP address, so no ping was sent. Either the name is "
            "mistyped, or DNS cannot be reached (internet or DNS settings).",
            "steps": [
                "Check the spelling of the name.",
                "Ping an address such as 8.8.8.8: if that works, the problem is DNS.",
                "Look the name up with nslookup to see what the DNS server says.",
            ],
        },
    },
    "partial-loss": {
        "ja": {
            "title": "一部の要求に返事がありません",
            "detail": "{target} に送った {sent} 回のうち {lost} 回 ({percent}%) は返事がありませんでした。"
            "通信はできていますが、Wi-Fi の電波が弱い、回線が混んでいる、機器が不安定、などで途切れがちです。",
            "steps": [
                "ping -n 20 (macOS/Linux は ping -c 20) のように回数を増やして、途切れが続くか確かめます。",
                "Wi-Fi なら、ルーターに近づくか有線でつないで比べます。",
                "手前の機器 (デフォルト ゲートウェイ) でも途切れるなら、LAN の中に原因があります。",
            ],
        },
        "en": {
            "title": "Some requests got no reply",
            "detail": "{lost} of {sent} request(s) to {target} ({percent}%) were not answered. Traffic gets through but drops "
            "out: weak Wi-Fi, a congested line or an unstable device.",
            "steps": [
                "Send more requests (ping -n 20, or ping -c 20 on macOS/Linux) to see whether the losses continue.",
                "On Wi-Fi, move closer to the router or compare with a cable.",
                "If the default gateway also loses replies, the cause is inside your LAN.",
            ],
        },
    },
    "high-latency": {
        "ja": {
            "title": "返事が遅くなっています",
            "detail": "{target} の往復時間は平均 {avg} ms (最大 {max} ms) です。相手の場所が名前やアドレスから分からないため、"
            "海外のサーバーも含めた目安 (平均 {limit} ms 未満) で判断しました。この目安を超えるのは、回線の混雑や Wi-Fi の不調、"
            "地球の反対側のサーバーなどです (国内のサーバーなら光回線で 5〜30 ms 程度がふつうです)。",
            "detail:domestic": "{target} は名前が .jp で終わるので国内のサーバーと考えました。国内の相手なら光回線で 5〜30 ms 程度がふつうですが、"
            "平均 {avg} ms (最大 {max} ms) かかっています (目安: 平均 {limit} ms 未満)。回線やプロバイダーの混雑、Wi-Fi の不調、"
            "または VPN を経由していることが考えられます。",
            "detail:anycast": "{target} は世界中の拠点のうち近いところが答える公開 DNS サービスなので、国内の相手と同じく 5〜30 ms 程度がふつうです。"
            "平均 {avg} ms (最大 {max} ms) かかっています (目安: 平均 {limit} ms 未満)。回線やプロバイダーの混雑、Wi-Fi の不調、"
            "または VPN を経由していることが考えられます。",
            "detail:lan": "{target} は家庭や会社の中 (プライベート アドレス) の相手ですが、往復時間は平均 {avg} ms (最大 {max} ms) です。"
            "同じ LAN の中ならふつうは数 ms です (目安: 平均 {limit} ms 未満)。Wi-Fi の電波が弱い、機器の負荷が高い、"
            "または VPN の向こう側の相手である、などが考えられます。",
            "detail:loopback": "自分自身 ({target}) への往復時間が平均 {avg} ms (最大 {max} ms) です。ふつうは 1 ms 未満です。"
            "パソコンの負荷が非常に高いか、セキュリティソフトが通信に割り込んでいる可能性があります。",
            "detail:internet-spike": "{target} の往復時間は平均 {avg} ms ですが、{spike} ms を超える返事があります (最大 {max} ms)。"
            "ときどき大きく遅れるため、回線や Wi-Fi が不安定なことがあります。",
            "detail:lan-spike": "{target} (LAN の中の相手) の往復時間は平均 {avg} ms ですが、{spike} ms を超える返事があります (最大 {max} ms)。"
            "Wi-Fi の電波が不安定か、相手の機器が省電力で眠っていた可能性があります。",
            "detail:loopback-spike": "自分自身 ({target}) への返事に {spike} ms を超えるものがあります (最大 {max} ms)。パソコンの負荷が一時的に高かった可能性があります。",
            "steps": [
                "時間をおいて、もう一度 ping を打って比べます。",
                "Wi-Fi なら有線でつないで比べます。",
                "デフォルト ゲートウェイへの ping も遅いなら LAN の中、速いならルーターより先 (回線やプロバイダー) に原因があります。",
            ],
        },
        "en": {
            "title": "Replies are slow",
            "detail": "The round trip to {target} averages {avg} ms (max {max} ms). Its location cannot be told from the name "
            "or address, so the guide allows for servers abroad (average below {limit} ms); above it, a congested line, poor "
            "Wi-Fi or a server on the other side of the world are likely (a server in Japan answers in about 5-30 ms on fibre).",
            "detail:domestic": "{target} ends in .jp, so it was taken as a server in Japan, which answers in about 5-30 ms on fibre; "
            "the round trip averages {avg} ms (max {max} ms; guide: below {limit} ms). A congested line or provider, poor Wi-Fi "
            "or a VPN on the way are likely.",
            "detail:anycast": "{target} is a public DNS service answered by its nearest site, so about 5-30 ms is normal, as for a "
            "server in Japan; the round trip averages {avg} ms (max {max} ms; guide: below {limit} ms). A congested line or "
            "provider, poor Wi-Fi or a VPN on the way are likely.",
            "detail:lan": "{target} is on a private (home or office) network, yet the round trip averages {avg} ms (max {max} ms). "
            "Inside one LAN a few ms is normal (guide: below {limit} ms). Weak Wi-Fi, a busy device, or a host behind a VPN are likely.",
            "detail:loopback": "The round trip to this PC itself ({target}) averages {avg} ms (max {max} ms); normally it is below "
            "1 ms. The PC is very busy, or security software intercepts traffic.",
            "detail:internet-spike": "The round trip to {target} averages {avg} ms, but some replies took over {spike} ms (max {max} ms): "
            "the line or Wi-Fi is unstable at times.",
            "detail:lan-spike": "The round trip to {target} (on your LAN) averages {avg} ms, but some replies took over {spike} ms "
            "(max {max} ms): unstable Wi-Fi, or the device was asleep to save power.",
            "detail:loopback-spike": "Some replies from this PC itself ({target}) took over {spike} ms (max {max} ms): the PC was busy for a moment.",
            "steps": [
                "Ping again later and compare.",
                "On Wi-Fi, compare with a cable.",
                "If the default gateway is slow too, the cause is inside the LAN; if it is fast, beyond the router (line, provider).",
            ],
        },
    },
    "ttl-expired": {
        "ja": {
            "title": "途中で TTL が尽きました (経路のループの疑い)",
            "detail": "{target} への要求に対して、{senders} から「TTL が転送中に期限切れ」という知らせが {count} 回ありました。"
            "パケットが途中のルーターの間を行ったり来たりしている (経路のループ) か、ping の -i で指定した TTL が小さすぎます。",
            "steps": [
                "tracert (macOS/Linux は traceroute) で経路を表示し、同じアドレスが繰り返し出てこないか確かめます。",
                "繰り返しがあれば、ルーターの設定 (静的ルート) か、プロバイダー側の問題です。",
            ],
        },
        "en": {
            "title": "TTL expired on the way (possible routing loop)",
            "detail": "Requests to {target} got {count} \"TTL expired in transit\" answer(s) from {senders}. Packets go back "
            "and forth between routers (a routing loop), or the TTL given with -i is too small.",
            "steps": [
                "Show the path with tracert (traceroute on macOS/Linux) and look for addresses that repeat.",
                "Repeating addresses point at router settings (static routes) or at the provider.",
            ],
        },
    },
    "general-failure": {
        "ja": {
            "title": "要求を送り出せませんでした (一般エラー)",
            "detail": "{target} への要求を、このパソコンが送り出せませんでした ({count} 回)。Windows の「一般エラー」や「転送に失敗しました」は、"
            "ネットワーク アダプターが無効・未接続のとき、経路がないとき、またはセキュリティソフトやファイアウォールが送信を止めたときに出ます。",
            "steps": [
                "ipconfig /all で、アダプターが接続されていてアドレスとゲートウェイがあるか確かめます。",
                "VPN やセキュリティソフトを一時的に止めて、もう一度試します。",
                "直らなければ、管理者のターミナルで netsh winsock reset と netsh int ip reset を実行して再起動します。",
            ],
        },
        "en": {
            "title": "The requests could not be sent (general failure)",
            "detail": "This PC could not send the requests to {target} ({count} time(s)). Windows says \"General failure\" or "
            "\"transmit failed\" when the adapter is disabled or disconnected, there is no route, or security software or a "
            "firewall blocks sending.",
            "steps": [
                "Check with ipconfig /all that the adapter is connected and has an address and a gateway.",
                "Turn VPN or security software off for a moment and try again.",
                "If that does not help, run netsh winsock reset and netsh int ip reset as administrator and restart.",
            ],
        },
    },
    "duplicates": {
        "ja": {
            "title": "1 回の要求に複数の返事がありました",
            "detail": "{target} への要求に、重複した返事が {count} 個ありました。ブロードキャストやマルチキャストのアドレスに打つと、"
            "そのネットワークの機器がそれぞれ答えるのでふつうのことです。ふつうのアドレスで重複するなら、アドレスの重複やネットワークのループが考えられます。"
            "複数の機器の返事が混ざるため、速さは判断していません。",
            "steps": [],
        },
        "en": {
            "title": "More than one reply per request",
            "detail": "Requests to {target} got {count} duplicate reply(ies). Pinging a broadcast or multicast address makes every "
            "device answer, which is normal; for an ordinary address it suggests an address conflict or a network loop. "
            "Replies from several devices are mixed, so speed was not judged.",
            "steps": [],
        },
    },
    "truncated-input": {
        "ja": {
            "title": "統計の行がありません",
            "detail": "{target} の出力には、最後に出る統計 (送信・受信・損失の数) がありません。途中で切れているか、一部だけが貼り付けられています。"
            "見えている行だけで判断しました。",
            "steps": ["ping が終わるまで待ってから (-t で続けているときは Ctrl+C で止めてから)、出力の全体をコピーしてください。"],
        },
        "en": {
            "title": "No statistics lines",
            "detail": "The output for {target} lacks the closing statistics (sent, received, lost): it was cut off or only "
            "part was pasted. Only the visible lines were judged.",
            "steps": ["Wait for ping to finish (stop ping -t with Ctrl+C) and copy the whole output."],
        },
    },
    "unrecognized": {
        "ja": {"title": "ping の出力として読み取れませんでした。コマンドプロンプトで ping を実行した結果 (例: ping -n 4 192.168.1.1) を貼り付けてください。"},
        "en": {"title": "This does not look like ping output. Paste what ping prints (for example ping -n 4 192.168.1.1)."},
    },
    "internal-error": {
        "ja": {"title": "読み取り中に予期しない問題が起きました。出力の全体を貼り付けて、もう一度試してください。"},
        "en": {"title": "Something unexpected went wrong while reading the output. Paste the whole output and try again."},
    },
    "summary": {
        "ja": {
            "target": "{target}: {sent} 回中 {answered} 回応答",
            "rtt": " (平均 {avg} ms)",
            "no_request": "{target}: 要求は送られていません",
            "head": "ping: {parts}。",
            "more": " ほか {n} 件の宛先。",
            "errors": "問題が {n} 件あります (最初: {title})。",
            "warnings": "注意点が {n} 件あります。",
            "fine": "問題は見つかりませんでした。",
        },
        "en": {
            "target": "{target}: {answered} of {sent} answered",
            "rtt": " (average {avg} ms)",
            "no_request": "{target}: nothing was sent",
            "head": "ping: {parts}.",
            "more": " {n} more target(s).",
            "errors": " {n} problem(s) found (first: {title}).",
            "warnings": " {n} warning(s).",
            "fine": " No problem found.",
        },
    },
}


def _render(f, lang):
    text = TEXTS[f["id"]][lang]
    params = TextParams(f["params"])
    if params.get("target") in (None, "?"):
        params["target"] = "相手" if lang == "ja" else "the target"
    variant = f["variant"]
    return finding_from_text(text, f, pick_detail(text, variant).format_map(params), PAGE_PING)


def _summary(targets, findings, lang):
    t = TEXTS["summary"][lang]
    parts = []
    for item in targets[:3]:
        name = item["target"] or ("(宛先不明)" if lang == "ja" else "(unknown target)")
        if item["sent"]:
            part = t["target"].format(target=name, sent=item["sent"], answered=item["answered"])
            if item["answered"] and item["rtt"]["avg"] is not None:
                part += t["rtt"].format(avg=_fmt_ms(item["rtt"]["avg"]))
        else:
            part = t["no_request"].format(target=name)
        parts.append(part)
    text = t["head"].format(parts=("、" if lang == "ja" else "; ").join(parts))
    if len(targets) > 3:
        text += t["more"].format(n=len(targets) - 3)
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
        "no_input": "入力がありません。ping には宛先が必要なので、先に結果を保存してください "
        "(例: ping -n 4 192.168.1.1 > ping.txt)。そのあと py explain_ping.py ping.txt と実行するか、出力をパイプで渡してください。",
    },
    "en": {
        "no_input": "no input. ping needs a target, so save its output first (e.g. ping -n 4 192.168.1.1 > ping.txt), "
        "then run python3 explain_ping.py ping.txt, or pipe the output in.",
    },
}


def main(argv=None):
    hint = {lang: texts["no_input"] for lang, texts in _CLI.items()}
    return explainer_main(argv, PROG, "Explain the output of ping (Windows, macOS, Linux).", explain, None, hint)


if __name__ == "__main__":
    sys.exit(main())
