#!/usr/bin/env python3
"""Read what PowerShell's Test-NetConnection (alias tnc) printed and explain it: can this computer
reach a mail server's port, does the name resolve, does ping answer.

Reads every form the cmdlet prints, also several results in one paste (with or without the
`PS C:\\>` prompt lines): the default output (ComputerName, RemoteAddress, InterfaceAlias,
SourceAddress, PingSucceeded, PingReplyDetails (RTT)), with -Port (RemotePort,
TcpTestSucceeded), -InformationLevel Detailed (NameResolutionResults, MatchingIPsecRules,
NetworkIsolationContext, IsAdmin, NetRoute (NextHop)), -InformationLevel Quiet (one True or
False after its prompt line), -TraceRoute (the TraceRoute list) and -CommonTCPPort. The
warnings are read in any language of the prefix, because Windows translates only the prefix
("WARNING:", "警告:", "AVISO:", "WARNUNG:") and keeps the message in English:
`TCP connect to (203.0.113.5 : 25) failed` (older Windows, e.g. in Windows Server 2016
documentation: `TCP connect to 203.0.113.5:25 failed`), `Ping to X failed with status: TimedOut`
(older: `failed -- Status: DestinationHostUnreachable`), `Name resolution of X failed`.

    python explain_testnetconnection.py FILE    reads a saved output (UTF-8, UTF-16, cp932)
    python explain_testnetconnection.py -       reads standard input, e.g. in PowerShell:
        Test-NetConnection mail.example.jp -Port 587 | Out-String | python explain_testnetconnection.py -
        --json        the report as JSON
        --lang en     English instead of Japanese

Exit status: 0 no error found, 1 an error-level finding (port closed, name not resolved),
2 usage error / unreadable / not Test-NetConnection output. Standard library only; also runs
inside Pyodide.

Report data: {"tests": [{"computer_name", "remote_address", "remote_port",
"interface_alias", "source_address", "tcp_test_succeeded", "ping_succeeded", "ping_status",
"rtt_ms", "name_resolution_succeeded", "name_resolution_results", "next_hop",
"network_isolation_context", "is_admin", "trace_route", "information_level", "command",
"warnings", "lines"}] (at most 500), "tests_total": n, "more_tests": n - 50 (results not judged)}. Addresses stay strings as printed (an empty
RemoteAddress is null); true/false/null where the output did not say; lines are 1-based
(str.splitlines()). A later reader compares remote_address with nslookup's answers.
"""

from __future__ import annotations

TOOL = "testnetconnection"
PROG = "explain_testnetconnection.py"

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
# 1. Words: the property names Test-NetConnection prints (compared without white space and
#    case-folded), the warning messages, the mail ports.
# =============================================================================================

PROPERTIES = {
    "computername": "computer_name",
    "remoteaddress": "remote_address",
    "remoteport": "remote_port",
    "nameresolutionresults": "name_resolution_results",
    "matchingipsecrules": "matching_ipsec_rules",
    "networkisolationcontext": "network_isolation_context",
    "isadmin": "is_admin",
    "interfacealias": "interface_alias",
    "sourceaddress": "source_address",
    "netroute(nexthop)": "next_hop",
    "pingsucceeded": "ping_succeeded",
    "pingreplydetails(rtt)": "rtt",
    "tcptestsucceeded": "tcp_test_succeeded",
    "traceroute": "trace_route",
    # `Test-NetConnection ... | Format-List *` prints the object's own property names.
    "nameresolutionsucceeded": "name_resolution_succeeded",
    "interfaceindex": "interface_index",
    "interfacedescription": "interface_description",
}
# Properties that only Test-NetConnection prints: one of them (or a warning) must be there
# before anything counts (InterfaceAlias and ComputerName alone are also printed by
# Get-NetIPConfiguration -Detailed).
CORE = frozenset(("remote_address", "remote_port", "ping_succeeded", "rtt", "tcp_test_succeeded",
                  "name_resolution_results", "next_hop"))
# Properties whose further values come on indented lines of their own.
LIST_PROPERTIES = frozenset(("name_resolution_results", "trace_route", "matching_ipsec_rules"))
DETAILED_ONLY = frozenset(("name_resolution_results", "matching_ipsec_rules", "network_isolation_context",
                           "is_admin", "next_hop"))
BOOLS = {"true": True, "false": False}
COMMANDS = ("test-netconnection", "tnc")
COMMON_TCP_PORTS = {"http": 80, "rdp": 3389, "smb": 445, "winrm": 5985}

SEND_PORTS = (25, 465, 587)
RECEIVE_PORTS = (110, 995, 143, 993)
MAIL_PORTS = SEND_PORTS + RECEIVE_PORTS
PORT_NAMES = {25: "SMTP", 465: "SMTPS", 587: "Submission", 110: "POP3", 995: "POP3S", 143: "IMAP", 993: "IMAPS"}
MAX_TESTS_WITH_FINDINGS = 50
MAX_TESTS_KEPT = 500  # further results are only counted (keeps time and memory small)
_MAX_LABEL = 40


def _compact(text):
    return "".join(text.split()).casefold()


# =============================================================================================
# 2. Parsing, one line at a time (str.splitlines(), so line numbers match the contract);
#    str.find and split only, no patterns, so the time is linear in the input.
# =============================================================================================


def _unquote(line):
    """A line without a BOM and without e-mail quoting ("> ", "> > "); the indentation after
    the quote marks is kept (continuation lines are recognised by it)."""
    if line[:1] == "\ufeff":
        line = line[1:]
    stripped = line.lstrip()
    if stripped[:1] != ">":
        return line
    guard = 0
    while stripped[:1] == ">" and guard < 10:
        stripped = stripped[1:]
        if stripped[:1] == " ":
            stripped = stripped[1:]
        if stripped.lstrip()[:1] == ">":
            stripped = stripped.lstrip()
        guard += 1
    return stripped


def _command(s):
    """(command text) when the line runs Test-NetConnection, after any prompt, else None."""
    low = s.casefold()
    for name in COMMANDS:
        pos = low.find(name)
        while pos >= 0:
            before = low[pos - 1 : pos] if pos else ""
            after = low[pos + len(name) : pos + len(name) + 1]
            if (not before or before in " >|;(") and (not after or after in " \t"):
                if pos == 0 or ">" in low[:pos] or "|" in low[:pos] or low[:pos].strip() == "":
                    return s[pos:]
            pos = low.find(name, pos + 1)
    return None


def _prompt_only(s):
    """A PowerShell / cmd prompt with no command after it ("PS C:\\Users\\x>")."""
    if s.startswith("PS ") and s.endswith(">"):
        return True
    return len(s) >= 3 and s[0].isalpha() and s[1] == ":" and s[2] == "\\" and s.endswith(">")


def _parse_command(text):
    """What a Test-NetConnection command line asks for: target, port, level, trace route."""
    tokens = text.replace('"', " ").replace("'", " ").split()[1:]
    out = {"text": text.strip()[:200], "target": None, "port": None, "level": "default", "trace_route": False}
    i = 0
    n = len(tokens)
    while i < n and i < 64:
        tok = tokens[i]
        low = tok.casefold()
        value = tokens[i + 1] if i + 1 < n else ""
        if low.startswith("-") and len(low) >= 2:
            name = low[1:].split(":")[0]
            if name.startswith("po") and "port".startswith(name):
                if value.isdigit() and value.isascii() and len(value) <= 5:
                    out["port"] = int(value)
                i += 2
                continue
            if name.startswith("com") and "commontcpport".startswith(name):
                out["port"] = COMMON_TCP_PORTS.get(value.casefold())
                i += 2
                continue
            if (name.startswith("computername") and "computername".startswith(name[:3])) or name in ("cn", "computername"):
                out["target"] = value or None
                i += 2
                continue
            if name.startswith("inf") and "informationlevel".startswith(name):
                level = value.casefold()
                if level in ("quiet", "detailed"):
                    out["level"] = level
                i += 2
                continue
            if name in ("tr", "traceroute") or (name.startswith("tra") and "traceroute".startswith(name)):
                out["trace_route"] = True
            i += 1
            continue
        if low in ("|", ";"):
            break
        if out["target"] is None:
            out["target"] = tok
        i += 1
    return out


def _warning(s):
    """(kind, fields) for a Test-NetConnection warning line, else None. The prefix before the
    message is the translated word for WARNING (or nothing): it must be short."""
    for kind, marker in (("tcp", "TCP connect to "), ("ping", "Ping to "), ("name", "Name resolution of ")):
        pos = s.find(marker)
        if pos < 0:
            continue
        prefix = s[:pos].strip()
        if len(prefix) > 24 or (prefix and prefix[-1] not in ":：") or " " in prefix.rstrip(":： "):
            continue
        rest = s[pos + len(marker) :]
        fail = rest.find(" failed")
        if fail < 0:
            continue
        subject = rest[:fail].strip()
        tail = rest[fail + len(" failed") :]
        if kind == "tcp":
            address, port = _split_target(subject)
            if address is None:
                continue
            return kind, {"address": address, "port": port}
        if not subject or " " in subject or len(subject) > 255:
            continue
        fields = {"address" if kind == "ping" else "name": subject}
        if kind == "ping":
            cut = tail.casefold().find("status:")
            fields["status"] = tail[cut + 7 :].strip().strip(".") or None if cut >= 0 else None
        return kind, fields
    return None


def _split_target(subject):
    """'(203.0.113.5 : 25)' or '203.0.113.5:25' -> ('203.0.113.5', 25)."""
    text = subject.strip()
    if text.startswith("(") and text.endswith(")"):
        text = text[1:-1]
    if " : " in text:
        address, _, port = text.rpartition(" : ")
    else:
        address, _, port = text.rpartition(":")
    address = address.strip().strip("[]")
    port = port.strip()
    if not address or " " in address or not (port.isdigit() and port.isascii() and len(port) <= 5):
        return None, None
    return address, int(port)


def _property(s):
    """(key, value) for a 'Name : value' line of Test-NetConnection, else None."""
    colon = s.find(":")
    if colon <= 0 or colon > _MAX_LABEL + 20:
        return None
    key = PROPERTIES.get(_compact(s[:colon]))
    if key is None:
        return None
    return key, s[colon + 1 :].strip()


def _new_test(line_no, command):
    test = {
        "computer_name": None,
        "remote_address": None,
        "remote_port": None,
        "interface_alias": None,
        "source_address": None,
        "tcp_test_succeeded": None,
        "ping_succeeded": None,
        "ping_status": None,
        "rtt_ms": None,
        "name_resolution_succeeded": None,
        "name_resolution_results": [],
        "matching_ipsec_rules": [],
        "next_hop": None,
        "network_isolation_context": None,
        "is_admin": None,
        "trace_route": [],
        "information_level": "default",
        "command": command["text"] if command else None,
        "warnings": [],
        "lines": [],
        "_keys": set(),
    }
    if command:
        if command["level"] != "default":
            test["information_level"] = command["level"]
    if line_no:
        test["lines"].append(line_no)
    return test


def _rtt(value):
    digits = value.split("ms")[0].strip()
    if digits.isdigit() and digits.isascii() and len(digits) <= 9:
        return int(digits)
    return None


def _set(test, key, value, line_no):
    test["lines"].append(line_no)
    test["_keys"].add(key)
    if key in ("tcp_test_succeeded", "ping_succeeded", "is_admin", "name_resolution_succeeded"):
        test[key] = BOOLS.get(value.casefold())
    elif key == "remote_port":
        test[key] = int(value) if value.isdigit() and value.isascii() and len(value) <= 5 else None
    elif key == "rtt":
        test["rtt_ms"] = _rtt(value)
    elif key in LIST_PROPERTIES:
        if key == "trace_route" and value.startswith("{"):
            value = value.strip("{}.… ")
            test[key].extend(v.strip() for v in value.split(",") if v.strip() and v.strip() != "...")
        elif value:
            test[key].append(value)
    elif key in test:
        test[key] = value or None
    if key in DETAILED_ONLY and test["information_level"] == "default":
        test["information_level"] = "detailed"


class _Doc:
    def __init__(self):
        self.tests = []
        self.current = None
        self.pending = []  # warnings seen before the result they belong to
        self.command = None  # the last Test-NetConnection command line
        self.command_results = 0
        self.last_list = None
        self.core_keys = set()
        self.n_props = 0
        self.n_warnings = 0
        self.quiet_expected = False
        self.overflow = 0
        self.scratch = None


def _start(doc, line_no):
    if len(doc.tests) >= MAX_TESTS_KEPT:
        # Only counted: one scratch result is reused, so a huge paste costs no memory.
        doc.overflow += 1
        doc.pending = []
        if doc.scratch is None:
            doc.scratch = _new_test(0, None)
        scratch = doc.scratch
        scratch["_keys"].clear()
        for key in ("lines", "name_resolution_results", "trace_route", "matching_ipsec_rules"):
            scratch[key].clear()
        doc.current = scratch
        return scratch
    test = _new_test(line_no, doc.command)
    cmd = doc.command
    if cmd is not None:
        doc.command_results += 1
        if doc.command_results > 1:
            test["command"] = None  # a pipeline: the command line does not say which target this is
    if doc.pending:
        test["warnings"] = doc.pending
        test["lines"].extend(w["line"] for w in doc.pending)
        doc.pending = []
    doc.tests.append(test)
    doc.current = test
    return test


def parse(text):
    """(tests, stats) of a paste that may hold several Test-NetConnection results."""
    doc = _Doc()
    for line_no, raw in enumerate(text.splitlines(), 1):
        raw = _unquote(raw)
        s = raw.strip()
        if not s:
            continue  # a list value may still follow (a double-spaced paste puts blank lines between)
        if doc.quiet_expected:
            doc.quiet_expected = False
            value = BOOLS.get(s.casefold())
            if value is not None:
                test = _start(doc, line_no)
                test["information_level"] = "quiet"
                if doc.command and doc.command["port"] is not None:
                    test["remote_port"] = doc.command["port"]
                    test["tcp_test_succeeded"] = value
                else:
                    test["ping_succeeded"] = value
                test["computer_name"] = doc.command["target"] if doc.command else None
                doc.current = None
                continue
        if len(s) <= 400:
            prop = _property(s)
        else:
            prop = None
        if prop is not None:
            key, value = prop
            doc.n_props += 1
            if key in CORE:
                doc.core_keys.add(key)
            test = doc.current
            if test is None or key == "computer_name" or key in test["_keys"]:
                if test is not None and key != "computer_name" and key in test["_keys"]:
                    doc.current = None  # a repeated property: a result without ComputerName
                test = _start(doc, 0)
            _set(test, key, value, line_no)
            if key == "computer_name" and doc.command and doc.command_results == 1 and test["computer_name"]:
                doc.command["target"] = doc.command["target"] or test["computer_name"]
            doc.last_list = key if key in LIST_PROPERTIES else None
            continue
        # A further value of NameResolutionResults / TraceRoute on its own indented line.
        if doc.last_list is not None and doc.current is not None and raw[:1].isspace() and " " not in s and len(s) <= 255:
            doc.current[doc.last_list].append(s)
            doc.current["lines"].append(line_no)
            continue
        doc.last_list = None
        if len(s) <= 600:
            warning = _warning(s)
            if warning is not None:
                kind, fields = warning
                fields["kind"] = kind
                fields["line"] = line_no
                doc.n_warnings += 1
                if doc.current is not None and doc.current["_keys"]:
                    doc.current = None  # a warning comes before the result it belongs to
                doc.pending.append(fields)
                continue
            command = _command(s)
            if command is not None:
                doc.command = _parse_command(command)
                doc.command_results = 0
                doc.current = None
                _flush_pending(doc)
                doc.quiet_expected = doc.command["level"] == "quiet"
                continue
            if _prompt_only(s):
                doc.current = None
                _flush_pending(doc)
                continue
        # Another property of the same object (`| Format-List *` prints more of them) is
        # skipped; any other line ends the current result.
        colon = s.find(" :")
        if doc.current is not None and 0 < colon <= _MAX_LABEL and " " not in s[:colon].strip():
            continue
        doc.current = None
    _flush_pending(doc)
    for test in doc.tests:
        _finish(test)
    quiet = sum(1 for t in doc.tests if t["information_level"] == "quiet")
    stats = {"core": len(doc.core_keys), "props": doc.n_props, "warnings": doc.n_warnings, "tests": len(doc.tests),
             "quiet": quiet, "total": len(doc.tests) + doc.overflow}
    return doc.tests, stats


def _flush_pending(doc):
    """Warnings with no result after them (the paste ends, or the next command starts):
    they still say what happened, so they become a result of their own."""
    if not doc.pending:
        return
    if len(doc.tests) >= MAX_TESTS_KEPT:
        doc.overflow += 1
        doc.pending = []
        return
    test = _new_test(0, doc.command)
    test["warnings"] = doc.pending
    test["lines"].extend(w["line"] for w in doc.pending)
    doc.pending = []
    doc.tests.append(test)
    doc.current = None


def _is_ip(text):
    return _ipv4(text) is not None or (text.count(":") >= 2 and all(c in "0123456789abcdefABCDEF:.%" or c.isalnum() for c in text))


def _ipv4(text):
    parts = text.split(".")
    if len(parts) != 4:
        return None
    out = []
    for part in parts:
        if not part or len(part) > 3 or not part.isdigit() or not part.isascii():
            return None
        value = int(part)
        if value > 255:
            return None
        out.append(value)
    return tuple(out)


def _is_private(address):
    ip = _ipv4(address or "")
    if ip is not None:
        a, b = ip[0], ip[1]
        return a == 10 or (a == 172 and 16 <= b <= 31) or (a == 192 and b == 168) or (a == 100 and 64 <= b <= 127)
    low = (address or "").casefold()
    return low.startswith(("fc", "fd")) and ":" in low


LOCAL_SUFFIXES = (".local", ".lan", ".home", ".internal", ".intranet", ".corp", ".localdomain", ".home.arpa", ".test")


def _is_local_name(name):
    """A name that only a local network knows (its private address is expected)."""
    low = name.casefold().rstrip(".")
    return low == "localhost" or low.endswith(LOCAL_SUFFIXES)


def _finish(test):
    """Fill what the warnings say, then the derived fields."""
    for w in test["warnings"]:
        if w["kind"] == "tcp":
            test["tcp_test_succeeded"] = False if test["tcp_test_succeeded"] is None else test["tcp_test_succeeded"]
            if test["remote_port"] is None:
                test["remote_port"] = w["port"]
            if test["remote_address"] is None:
                test["remote_address"] = w["address"]
        elif w["kind"] == "ping":
            if test["ping_succeeded"] is None:
                test["ping_succeeded"] = False
            test["ping_status"] = w.get("status")
            if test["remote_address"] is None and _is_ip(w["address"]):
                test["remote_address"] = w["address"]
            if test["computer_name"] is None:
                test["computer_name"] = w["address"]
        elif w["kind"] == "name":
            test["name_resolution_succeeded"] = False
            if test["computer_name"] is None:
                test["computer_name"] = w["name"]
    if test["name_resolution_succeeded"] is None:
        if test["remote_address"]:
            test["name_resolution_succeeded"] = True
        elif "remote_address" in test["_keys"] and test["computer_name"] and not _is_ip(test["computer_name"]):
            test["name_resolution_succeeded"] = False
    if test["computer_name"] is None and test["remote_address"]:
        test["computer_name"] = test["remote_address"]
    test["lines"] = sorted(set(test["lines"]))
    del test["_keys"]


def _score(stats):
    if not stats["core"] and not stats["warnings"] and not stats["quiet"]:
        return 0.0
    score = 0.2 * stats["core"] + 0.05 * min(stats["props"], 10) + 0.5 * min(stats["warnings"], 2)
    score += 0.6 * min(stats["quiet"], 1)
    return round(min(1.0, score), 2)


def detect(text):
    """0.0 .. 1.0: how sure this text is Test-NetConnection output."""
    try:
        if not isinstance(text, str):
            return 0.0
        tests, stats = parse(text)
        if not tests:
            return 0.0
        return _score(stats)
    except Exception:  # noqa: BLE001 - detection must never fail
        return 0.0


# =============================================================================================
# 3. Interpretation
# =============================================================================================


def _subject(test):
    name = test["computer_name"] or test["remote_address"] or "?"
    if test["remote_port"] is not None:
        return "{0}:{1}".format(name, test["remote_port"])
    return name


def _port_variant(port):
    if port == 25:
        return "smtp25"
    if port in (465, 587):
        return "submission"
    if port in RECEIVE_PORTS:
        return "receive"
    return None


def analyse(text, lang):
    """The report. May raise on a bug; explain() is the safe wrapper."""
    tests, stats = parse(text)
    if not tests or _score(stats) < 0.5:
        return _unrecognized(lang)
    out = []

    def add(fid, severity, test, variant=None, **params):
        out.append({"id": fid, "severity": severity, "variant": variant, "subject": _subject(test),
                    "lines": list(test["lines"]), "params": params})

    for test in tests[:MAX_TESTS_WITH_FINDINGS]:
        name = test["computer_name"] or "?"
        address = test["remote_address"] or "?"
        port = test["remote_port"]
        tcp = test["tcp_test_succeeded"]
        ping = test["ping_succeeded"]
        rtt = test["rtt_ms"]
        via = test["interface_alias"] or "?"
        if test["name_resolution_succeeded"] is False:
            add("name-not-resolved", "error", test, name=name)
            continue
        named = bool(test["computer_name"]) and not _is_ip(test["computer_name"])
        if tcp is False:
            variant = _port_variant(port)
            if ping is True:
                ping_note = "ping-ok"
            elif ping is False:
                ping_note = "ping-failed"
            else:
                ping_note = "ping-unknown"
            add("port-closed", "error", test, variant, name=name, address=address, port=port if port is not None else "?",
                service=PORT_NAMES.get(port, ""), ping_note=ping_note, rtt=rtt if rtt is not None else "?", via=via)
        elif tcp is True:
            variant = "mail" if port in MAIL_PORTS else None
            add("port-open", "ok", test, variant, name=name, address=address, port=port if port is not None else "?",
                service=PORT_NAMES.get(port, ""), via=via, source=test["source_address"] or "?")
        if ping is False:
            if tcp is True:
                add("ping-failed", "info", test, "tcp-ok", name=name, address=address, port=port, status=test["ping_status"] or "?")
            elif tcp is None:
                variant = "unreachable" if (test["ping_status"] or "").casefold() == "destinationhostunreachable" else None
                add("ping-failed", "warning", test, variant, name=name, address=address, status=test["ping_status"] or "TimedOut")
        elif ping is True and tcp is None:
            add("ping-ok", "ok", test, None, name=name, address=address, rtt=rtt, via=via)
        if named and "." in name and not _is_local_name(name) and test["remote_address"] and _is_private(test["remote_address"]):
            add("private-address", "info", test, None, name=name, address=address)
        if test["trace_route"]:
            hops = test["trace_route"]
            reached = hops[-1] == test["remote_address"]
            silent = sum(1 for h in hops if h in ("0.0.0.0", "*"))
            add("trace-route", "info", test, None if reached else "not-reached", name=name, hops=len(hops),
                last=hops[-1], silent=silent)
    total = stats["total"]
    if total > MAX_TESTS_WITH_FINDINGS:
        out.append({"id": "more-results", "severity": "info", "variant": None, "subject": None, "lines": [],
                    "params": {"shown": MAX_TESTS_WITH_FINDINGS, "count": total}})
    rank = {s: i for i, s in enumerate(SEVERITY_ORDER)}
    out.sort(key=lambda f: rank[f["severity"]])
    findings = [_render(f, lang) for f in out]
    public = [{k: v for k, v in t.items()} for t in tests]
    return {
        "tool": TOOL,
        "recognized": True,
        "locale": lang,
        "summary": _summary(total, findings, lang),
        "data": {"tests": public, "tests_total": total, "more_tests": max(0, total - MAX_TESTS_WITH_FINDINGS)},
        "findings": findings,
    }


def _unrecognized(lang):
    return empty_report(TOOL, lang, TEXTS["unrecognized"][lang]["title"])


def explain(text, lang="ja"):
    """The report for Test-NetConnection output `text`; never raises."""
    summaries = {key: {code: TEXTS[key][code]["title"] for code in ("ja", "en")} for key in ("unrecognized", "internal-error")}
    return guarded_explain(TOOL, analyse, text, lang, summaries)


# =============================================================================================
# 4. Human text: ONE table keyed by finding id (variants as "detail:<variant>").
# =============================================================================================

PAGE = "network/port-check/"
PAGES = {
    "name-not-resolved": "network/nslookup/",
    "port-closed": PAGE,
}

TEXTS = {
    "port-open": {
        "ja": {
            "title": "ポートに接続できました",
            "detail": "{target} のポート {port} に{via_text}TCP で接続できました。"
            "このパソコンからサーバーまでの経路と、サーバーのそのポートの待ち受けは動いています。",
            "detail:mail": "{target} のメールのポート {port} ({service}) に{via_text}TCP で接続できました。"
            "ネットワークとメールサーバーのサービスは動いています。それでもメールが送れない・受け取れないなら、"
            "原因はメールアプリの設定 (ユーザー名、パスワード、暗号化の種類、ポート番号の組み合わせ) の側にあります。",
            "steps": [],
            "steps:mail": [
                "メールアプリのサーバー名・ポート番号・暗号化 (587 は STARTTLS、465 と 993・995 は SSL/TLS) が、プロバイダーの案内と同じか確かめます。",
                "パスワードを入れ直します。Gmail や Microsoft のアカウントでは、アプリ パスワードか OAuth が必要です。",
            ],
        },
        "en": {
            "title": "The port accepted the connection",
            "detail": "A TCP connection to port {port} of {target} succeeded{via_text}. The path from this "
            "computer to the server works and the server listens on that port.",
            "detail:mail": "A TCP connection to the mail port {port} ({service}) of {target} succeeded"
            "{via_text}. The network and the mail server's service work. If mail still fails, look at the mail app's "
            "settings (user name, password, encryption type, port).",
            "steps": [],
            "steps:mail": [
                "Check the server name, port and encryption in the mail app against the provider's instructions "
                "(587 with STARTTLS, 465, 993 and 995 with SSL/TLS).",
                "Enter the password again; Gmail and Microsoft accounts need an app password or OAuth.",
            ],
        },
    },
    "port-closed": {
        "ja": {
            "title": "ポートに接続できませんでした",
            "detail": "{target} のポート {port} に TCP で接続できませんでした (TcpTestSucceeded が False)。"
            "{ping_text}サーバーがそのポートで待ち受けていないか、途中のファイアウォールが止めています。",
            "detail:smtp25": "{target} の 25 番 (SMTP) に接続できませんでした。{ping_text}"
            "家庭の回線から外部のメールサーバーの 25 番への接続は、プロバイダーが OP25B で止めているのがふつうです。"
            "メールアプリの送信には 25 番ではなく 587 番 (STARTTLS) か 465 番 (SSL/TLS) を使います。"
            "会社のネットワークなら、会社のファイアウォールが止めていることもあります。",
            "detail:submission": "{target} の送信用ポート {port} ({service}) に接続できませんでした。{ping_text}"
            "家庭の回線で 587 番や 465 番が止められることはまずありません。会社・学校・ホテルのネットワークのファイアウォール、"
            "セキュリティソフト、サーバー名の間違い、サーバー側の停止を疑います。",
            "detail:receive": "{target} の受信用ポート {port} ({service}) に接続できませんでした。{ping_text}"
            "会社・学校・ホテルのネットワークのファイアウォール、サーバー名の間違い、サーバー側の停止を疑います。"
            "プロバイダーによっては暗号化なしの 110 番・143 番を受け付けず、995 番・993 番だけのこともあります。",
            "ping:ping-ok": "ping には応答があった (応答時間 {rtt} ms) ので、サーバーまでは届いています。",
            "ping:ping-failed": "ping にも応答がありませんでした。ただし ping (ICMP) を止めているサーバーは多いので、これだけではサーバーが止まっているとは言えません。",
            "ping:ping-unknown": "",
            "steps": [
                "サーバー名とポート番号が、プロバイダーや管理者の案内どおりか確かめます。",
                "スマートフォンのテザリングなど別の回線から同じコマンドを試します。つながるなら、元の回線やルーター、会社のファイアウォールが止めています。",
                "セキュリティソフトのファイアウォールを一時的に止めて試します (試したら元に戻してください)。",
            ],
            "steps:smtp25": [
                "メールアプリの送信サーバーのポートを 587 (STARTTLS) か 465 (SSL/TLS) に変え、SMTP 認証をオンにします。",
                "Test-NetConnection サーバー名 -Port 587 と -Port 465 で、どちらが開いているか確かめます。",
                "会社のネットワークなら、外部のメールサーバーへの接続が許されているか管理者に確認します。",
            ],
            "steps:submission": [
                "Test-NetConnection サーバー名 -Port 465 (または 587) で、もう一方のポートを試します。",
                "スマートフォンのテザリングなど別の回線から試します。つながるなら、元のネットワークのファイアウォールが止めています。",
                "サーバー名のつづりと、プロバイダーの障害情報を確かめます。",
            ],
            "steps:receive": [
                "暗号化ありのポート (POP3 は 995、IMAP は 993) を試し、メールアプリもそのポートと SSL/TLS に合わせます。",
                "スマートフォンのテザリングなど別の回線から試します。つながるなら、元のネットワークのファイアウォールが止めています。",
                "サーバー名のつづりと、プロバイダーの障害情報を確かめます。",
            ],
        },
        "en": {
            "title": "The port did not accept the connection",
            "detail": "The TCP connection to port {port} of {target} failed (TcpTestSucceeded False). {ping_text}"
            "Either the server does not listen on that port or a firewall on the way blocks it.",
            "detail:smtp25": "Port 25 (SMTP) of {target} could not be reached. {ping_text}From a home line, "
            "providers block port 25 to outside mail servers (OP25B). A mail app sends on 587 (STARTTLS) or 465 "
            "(SSL/TLS) instead. On a company network the company firewall may block it as well.",
            "detail:submission": "The submission port {port} ({service}) of {target} could not be reached. {ping_text}"
            "Home lines rarely block 587 or 465: suspect a company, school or hotel firewall, security software, a wrong "
            "server name, or the server being down.",
            "detail:receive": "The mail retrieval port {port} ({service}) of {target} could not be reached. {ping_text}"
            "Suspect a company, school or hotel firewall, a wrong server name, or the server being down. Some providers "
            "accept only the encrypted ports 995 and 993, not 110 and 143.",
            "ping:ping-ok": "Ping answered ({rtt} ms), so the server itself is reachable. ",
            "ping:ping-failed": "Ping did not answer either, but many servers block ping (ICMP), so that alone does not mean the server is down. ",
            "ping:ping-unknown": "",
            "steps": [
                "Check the server name and port against the provider's or administrator's instructions.",
                "Try the same command over another line (a phone's tethering). If it works there, the original line, "
                "router or company firewall blocks the port.",
                "Turn off the security software's firewall for a moment and try again (turn it back on afterwards).",
            ],
            "steps:smtp25": [
                "Set the mail app's outgoing port to 587 (STARTTLS) or 465 (SSL/TLS) and turn SMTP authentication on.",
                "Check with Test-NetConnection SERVER -Port 587 and -Port 465 which one is open.",
                "On a company network, ask the administrator whether outside mail servers may be reached.",
            ],
            "steps:submission": [
                "Try the other submission port with Test-NetConnection SERVER -Port 465 (or 587).",
                "Try over another line (a phone's tethering). If it works there, the original network's firewall blocks it.",
                "Check the spelling of the server name and the provider's outage notices.",
            ],
            "steps:receive": [
                "Try the encrypted port (995 for POP3, 993 for IMAP) and set the mail app to that port with SSL/TLS.",
                "Try over another line (a phone's tethering). If it works there, the original network's firewall blocks it.",
                "Check the spelling of the server name and the provider's outage notices.",
            ],
        },
    },
    "ping-failed": {
        "ja": {
            "title": "ping の応答がありません",
            "detail": "{target} に ping を送りましたが、応答がありませんでした (状態: {status})。"
            "ping (ICMP) を止めているサーバーやファイアウォールは多いので、これだけではサーバーが止まっているとも、"
            "経路が切れているとも言えません。メールサーバーなら、ポートを指定して確かめるほうが確実です。",
            "detail:unreachable": "{target} への ping に「宛先に到達できない」(DestinationHostUnreachable) が返りました。"
            "途中のルーターか、このパソコン自身が、その宛先への経路を知りません。同じ LAN の機器なら電源や接続、"
            "外のサーバーならデフォルト ゲートウェイの設定を確かめます。",
            "detail:tcp-ok": "{target} は ping に応答しませんでしたが、ポート {port} には接続できています。"
            "サーバーは動いていて、ping (ICMP) だけが止められています。よくあることで、問題ではありません。",
            "steps": [
                "Test-NetConnection {name} -Port 587 のように、使うポートを指定して確かめます。",
                "ipconfig /all でデフォルト ゲートウェイがあるか、同じ LAN のルーターに ping が通るかを確かめます。",
            ],
            "steps:tcp-ok": [],
        },
        "en": {
            "title": "No answer to ping",
            "detail": "Ping to {target} got no answer (status: {status}). Many servers and firewalls block ping "
            "(ICMP), so this alone shows neither that the server is down nor that the path is broken. For a mail server, "
            "testing its port is more reliable.",
            "detail:unreachable": "Ping to {target} returned DestinationHostUnreachable: a router on the way, or "
            "this computer itself, knows no route to it. For a device on the same network check its power and connection; "
            "for an outside server check the default gateway.",
            "detail:tcp-ok": "{target} did not answer ping, but its port {port} accepted the connection. The server "
            "works and only ping (ICMP) is blocked. This is common and not a problem.",
            "steps": [
                "Test the port you use, e.g. Test-NetConnection {name} -Port 587.",
                "Check with ipconfig /all that there is a default gateway, and that the router answers ping.",
            ],
            "steps:tcp-ok": [],
        },
    },
    "ping-ok": {
        "ja": {
            "title": "ping の応答があります",
            "detail": "{target} から ping の応答がありました{ping_extra}。"
            "サーバーまでの経路はつながっています。メールが送れないときは、-Port でメールのポートも確かめてください。",
            "steps": [],
        },
        "en": {
            "title": "Ping answers",
            "detail": "{target} answered ping{ping_extra}. The path to it works. If mail fails, "
            "also test the mail port with -Port.",
            "steps": [],
        },
    },
    "name-not-resolved": {
        "ja": {
            "title": "名前を IP アドレスに変換できませんでした",
            "detail": "「{name}」の名前解決に失敗しました。つづりの間違い、DNS サーバーに届いていない、"
            "または会社のネットワークの DNS がこの名前を外に問い合わせない、のどれかです。接続の確認まで進んでいません。",
            "steps": [
                "サーバー名のつづりを、プロバイダーの案内と 1 文字ずつ見比べます。",
                "nslookup {name} を実行し、DNS サーバーから答えが返るか確かめます。",
                "ほかのサイトも開けないなら、ipconfig /all で DNS サーバーの設定を確かめます。",
            ],
        },
        "en": {
            "title": "The name could not be resolved",
            "detail": "Name resolution of \"{name}\" failed: the name is misspelt, the DNS server cannot be reached, or a "
            "company DNS does not resolve outside names. The connection itself was not tested.",
            "steps": [
                "Compare the server name letter by letter with the provider's instructions.",
                "Run nslookup {name} and see whether the DNS server answers.",
                "If no web site opens either, check the DNS servers with ipconfig /all.",
            ],
        },
    },
    "private-address": {
        "ja": {
            "title": "名前がプライベート アドレスになっています",
            "detail": "{name} は {address} になりました。これは LAN の中だけで使うアドレスです。社内のサーバーや VPN の中なら正常ですが、"
            "プロバイダーのメールサーバーのような外のサーバーがこうなるなら、hosts ファイルの書き換え、VPN、"
            "会社の DNS が別のアドレスを返している、のどれかです。",
            "steps": ["nslookup {name} 8.8.8.8 のように外の DNS サーバーにも聞き、答えが同じか比べます。"],
        },
        "en": {
            "title": "The name resolved to a private address",
            "detail": "{name} resolved to {address}, an address used only inside a local network. That is normal for a company "
            "server or inside a VPN; for an outside server such as a provider's mail server, suspect the hosts file, a VPN, "
            "or a company DNS that answers with a different address.",
            "steps": ["Ask an outside DNS server too (nslookup {name} 8.8.8.8) and compare the answers."],
        },
    },
    "trace-route": {
        "ja": {
            "title": "経路を調べました",
            "detail": "{name} までの経路は {hops} ホップで、最後に相手から応答がありました。{silent_text}",
            "detail:not-reached": "{name} までの経路を {hops} ホップ調べましたが、最後のホップ ({last}) は相手ではありません。"
            "途中で応答が止まっています。{silent_text}ICMP を返さないルーターもあるので、"
            "止まった場所の前後を tracert でも確かめてください。",
            "steps": [],
        },
        "en": {
            "title": "Route traced",
            "detail": "The route to {name} has {hops} hops and the target answered at the end.{silent_text}",
            "detail:not-reached": "The route to {name} was traced for {hops} hops, but the last one ({last}) is not the target: "
            "answers stop on the way.{silent_text} Some routers never answer, so check around "
            "that point with tracert as well.",
            "steps": [],
        },
    },
    "more-results": {
        "ja": {
            "title": "結果が多いため一部だけ判断しました",
            "detail": "{count} 件の結果のうち、最初の {shown} 件について判断しました。",
            "steps": [],
        },
        "en": {
            "title": "Only some results were judged",
            "detail": "Of {count} results, the first {shown} were judged.",
            "steps": [],
        },
    },
    "unrecognized": {
        "ja": {"title": "Test-NetConnection の結果として読み取れませんでした。Test-NetConnection サーバー名 -Port 587 の結果を、警告の行も含めてそのまま貼り付けてください。"},
        "en": {"title": "This does not look like Test-NetConnection output. Paste what Test-NetConnection SERVER -Port 587 prints, warnings included."},
    },
    "internal-error": {
        "ja": {"title": "読み取り中に予期しない問題が起きました。出力の全体を貼り付けて、もう一度試してください。"},
        "en": {"title": "Something unexpected went wrong while reading the output. Paste the whole output and try again."},
    },
    "summary": {
        "ja": {
            "head": "Test-NetConnection: 結果を {count} 件読み取りました。",
            "errors": "問題が {n} 件あります (最初: {title})。",
            "warnings": "注意点が {n} 件あります。",
            "fine": "大きな問題は見つかりませんでした。",
        },
        "en": {
            "head": "Test-NetConnection: {count} result(s) read.",
            "errors": "{n} problem(s) found (first: {title}).",
            "warnings": "{n} warning(s).",
            "fine": "No significant problem found.",
        },
    },
}


def _render(f, lang):
    text = TEXTS[f["id"]][lang]
    params = TextParams(f["params"])
    variant = f["variant"]
    name = params.get("name", "?")
    address = params.get("address", "?")
    params["target"] = name if address in ("?", name) else "{0} ({1})".format(name, address)
    via = params.get("via")
    rtt = params.get("rtt")
    if lang == "ja":
        params["via_text"] = "、「{0}」を通って ".format(via) if via and via != "?" else " "
        extra = (["応答時間 {0} ms".format(rtt)] if isinstance(rtt, int) else []) + (["「{0}」経由".format(via)] if via and via != "?" else [])
        params["silent_text"] = "応答しなかったホップ (0.0.0.0) は {0} 個です。".format(params.get("silent")) if params.get("silent") else ""
        params["ping_extra"] = " ({0})".format("、".join(extra)) if extra else ""
    else:
        params["via_text"] = " through {0}".format(via) if via and via != "?" else ""
        extra = (["{0} ms".format(rtt)] if isinstance(rtt, int) else []) + (["through {0}".format(via)] if via and via != "?" else [])
        params["silent_text"] = " {0} hop(s) did not answer (0.0.0.0).".format(params.get("silent")) if params.get("silent") else ""
        params["ping_extra"] = " ({0})".format(", ".join(extra)) if extra else ""
    if f["id"] == "port-closed":
        params["ping_text"] = text["ping:" + params.get("ping_note", "ping-unknown")].format_map(params)
    detail = pick_detail(text, variant).format_map(params)
    steps_text = dict(text)
    if variant and ("steps:" + variant) in text:
        steps_text["steps"] = text["steps:" + variant]
    finding = finding_from_text(steps_text, f, detail, PAGES.get(f["id"], PAGE))
    finding["next_steps"] = [step.format_map(params) for step in finding["next_steps"]]
    if f.get("subject") is None:
        finding.pop("subject", None)
    return finding


def _summary(total, findings, lang):
    t = TEXTS["summary"][lang]
    parts = [t["head"].format(count=total)]
    errors = [f for f in findings if f["severity"] == "error"]
    warnings = [f for f in findings if f["severity"] == "warning"]
    if errors:
        parts.append(t["errors"].format(n=len(errors), title=errors[0]["title"]))
    elif warnings:
        parts.append(t["warnings"].format(n=len(warnings)))
    else:
        parts.append(t["fine"])
    return ("" if lang == "ja" else " ").join(parts)


# =============================================================================================
# 5. Command line
# =============================================================================================

_CLI = {
    "ja": {
        "no_input": "入力がありません。PowerShell で Test-NetConnection サーバー名 -Port 587 | Out-String | "
        "python explain_testnetconnection.py - のように渡すか、結果を保存したファイルを指定してください。",
    },
    "en": {
        "no_input": "no input. In PowerShell run Test-NetConnection SERVER -Port 587 | Out-String | "
        "python explain_testnetconnection.py -, or give a file with the saved output.",
    },
}


def main(argv=None):
    hint = {lang: texts["no_input"] for lang, texts in _CLI.items()}
    description = {
        "ja": "PowerShell の Test-NetConnection (tnc) の結果を読み解きます。",
        "en": "Explain the output of PowerShell's Test-NetConnection (tnc).",
    }
    return explainer_main(argv, PROG, description, explain, None, hint)


if __name__ == "__main__":
    sys.exit(main())
