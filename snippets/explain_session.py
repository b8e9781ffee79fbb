#!/usr/bin/env python3
"""Read a whole console session pasted at once and explain it: the window's text with its
prompts (`C:\\Users\\taro>ipconfig /all`, `PS C:\\> Test-NetConnection ...`, `$ ping ...`,
`% dig ...`), several commands one after another. The paste is split at the prompt lines; each
part is read by the explainer of its command (the other explain_*.py files of this site, in the
same folder as this one), and the facts are tied together where that changes the verdict:

* the default gateway from ipconfig vs a ping to it: is the fault inside the LAN or beyond it;
* a ping by name that fails while addresses answer: name resolution (DNS), also against the DNS
  server ipconfig shows and the one nslookup asked;
* the address nslookup resolved vs the one ping or Test-NetConnection used;
* netstat's PIDs named by tasklist.

    python explain_session.py FILE     reads a saved session (UTF-8, UTF-16, cp932)
    python explain_session.py -        reads standard input
        --json        the report as JSON
        --lang en     English instead of Japanese

Report: `data.sections` = [{"tool", "command", "start_line", "end_line", "report"}], each report
as its explainer gives it, with line numbers of the whole paste; `findings` are the ties between
sections plus one `session-verdict` saying where the fault most likely is.

Exit status: 0 no error found, 1 an error-level finding (in the ties or in a section), 2 usage
error / unreadable / not a console session of two or more commands. Standard library only;
also runs inside Pyodide, where the page's worker has the other explainers next to it.
"""

from __future__ import annotations

TOOL = "session"
PROG = "explain_session.py"

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

import ipaddress
import re

# =============================================================================================
# 1. Splitting a paste at its prompts
# =============================================================================================

# A prompt line: the prompt, then the command that was typed. Quoting ("> ") is taken off first.
_PROMPTS = (
    re.compile(r"^PS(?: [A-Za-z]:\\[^>]*| [A-Za-z]:)?>\s*(?P<cmd>.*)$"),  # PowerShell
    re.compile(r"^[A-Za-z]:\\[^<>|\"?*\r\n]*>\s*(?P<cmd>.*)$"),  # cmd.exe
    # Unix shells: "$ cmd", "% cmd", "user@host:~$ cmd", "[user@host ~]$ cmd", "host% cmd", "# cmd"
    re.compile(r"^(?:\[[^\]\n]{1,80}\]|[\w.@:~/-]{1,80})?\s?[$%#]\s+(?P<cmd>\S.*)$"),
)
MAX_PROMPT_LINE = 400

# The first word(s) of a command line and the tool that reads its output. The first match wins.
_COMMANDS = (
    (re.compile(r"^(?:netstat(?:\.exe)?\s+(?:-\w*r\w*|/r)|route(?:\.exe)?\s+(?:print|-n|-6)|ip\s+(?:-[46]\s+)?r(?:oute)?\b)", re.I), "route"),
    (re.compile(r"^(?:ipconfig(?:\.exe)?|get-netipconfiguration|gip)\b", re.I), "ipconfig"),
    (re.compile(r"^(?:netstat(?:\.exe)?|get-nettcpconnection)\b", re.I), "netstat"),
    (re.compile(r"^(?:ping6?(?:\.exe)?)\b", re.I), "ping"),
    (re.compile(r"^(?:tracert(?:\.exe)?|traceroute6?)\b", re.I), "tracert"),
    (re.compile(r"^(?:nslookup(?:\.exe)?|resolve-dnsname|dig|host)\b", re.I), "nslookup"),
    (re.compile(r"^(?:arp(?:\.exe)?|ip\s+n(?:eigh(?:bour)?)?\b)", re.I), "arp"),
    (re.compile(r"^tasklist(?:\.exe)?\b", re.I), "tasklist"),
    (re.compile(r"^nbtstat(?:\.exe)?\b", re.I), "nbtstat"),
    (re.compile(r"^net(?:\.exe)?\s+(?:view|use|share)\b", re.I), "netview"),
    (re.compile(r"^(?:test-netconnection|tnc)\b", re.I), "testnetconnection"),
)


def _unquote(line):
    s = line.strip()
    guard = 0
    while s.startswith(">") and guard < 10 and not re.match(r"^>\s*$", s):
        s = s[1:].lstrip()
        guard += 1
    return s


def command_tool(command):
    """The tool that reads the output of COMMAND (the text typed after the prompt), or None."""
    cmd = command.strip().strip("`").lstrip(".\\/")
    for pattern, tool in _COMMANDS:
        if pattern.match(cmd):
            return tool
    return None


def _prompt_command(line):
    """The command typed on a prompt line, or None when LINE is not a prompt line."""
    if len(line) > MAX_PROMPT_LINE:
        return None
    s = _unquote(line)
    if not s:
        return None
    for i, pattern in enumerate(_PROMPTS):
        m = pattern.match(s)
        if m:
            cmd = m.group("cmd").strip()
            # "$ text" or "# text" alone is only a prompt when a known command follows it.
            if i == 2 and command_tool(cmd) is None:
                return None
            return cmd
    return None


def split_session(text):
    """[(command, first_line, last_line)] of the commands in a pasted console window (1-based,
    inclusive; each part starts at its prompt line). Text before the first prompt is dropped."""
    lines = text.splitlines()
    starts = []
    for number, line in enumerate(lines, 1):
        cmd = _prompt_command(line)
        if cmd is not None:
            starts.append((number, cmd))
    parts = []
    for i, (number, cmd) in enumerate(starts):
        end = starts[i + 1][0] - 1 if i + 1 < len(starts) else len(lines)
        while end > number and not lines[end - 1].strip():
            end -= 1
        if not cmd and end == number:
            continue  # an empty prompt at the end of the window
        parts.append((cmd, number, end))
    return parts, lines


def _score(parts):
    with_output = [(cmd, a, b) for cmd, a, b in parts if b > a]
    if len(with_output) < 2:
        return 0.0
    tools = {command_tool(cmd) or "?" + cmd.split(" ")[0].lower() for cmd, _, _ in with_output}
    # Two pings are still ping's own output (below the explain/ page's threshold of 0.2); the
    # session reader is for different commands.
    return 0.95 if len(tools) >= 2 else 0.15


def detect(text):
    """0.0 .. 1.0: how sure this text is a console session of several different commands."""
    try:
        if not isinstance(text, str):
            return 0.0
        return _score(split_session(text)[0])
    except Exception:  # noqa: BLE001 - detection must never fail
        return 0.0


# =============================================================================================
# 2. Reading each part with its own explainer
# =============================================================================================

MIN_SCORE = 0.2


def _module(tool, explainers):
    """The explainer module of TOOL: from EXPLAINERS, else imported from this file's folder."""
    if tool in explainers:
        return explainers[tool]
    import importlib
    import os

    here = os.path.dirname(os.path.abspath(__file__))
    if not os.path.isfile(os.path.join(here, "explain_{0}.py".format(tool))):
        return None
    if here not in sys.path:
        sys.path.insert(0, here)
    try:
        module = importlib.import_module("explain_" + tool)
    except Exception:  # noqa: BLE001 - a missing or broken file only leaves that part unread
        return None
    explainers[tool] = module
    return module


def _all_tools():
    import os

    here = os.path.dirname(os.path.abspath(__file__))
    try:
        names = sorted(n[8:-3] for n in os.listdir(here) if n.startswith("explain_") and n.endswith(".py"))
    except OSError:
        return []
    return [n for n in names if n != TOOL]


def _read_part(cmd, first, last, lines, lang, explainers):
    part = "\n".join(lines[first - 1 : last]) + "\n"
    tool = command_tool(cmd)
    module = _module(tool, explainers) if tool else None
    if module is None:
        best, best_score = None, 0.0
        for name in sorted(set(explainers) | set(_all_tools())):
            candidate = _module(name, explainers)
            if candidate is None:
                continue
            try:
                score = float(candidate.detect(part))
            except Exception:  # noqa: BLE001
                score = 0.0
            if score > best_score:
                best, best_score = candidate, score
        if best is not None and best_score >= MIN_SCORE:
            module, tool = best, best.TOOL
    report = module.explain(part, lang) if module is not None else None
    if report is not None:
        map_lines(report, lambda n: n + first - 1)
    return {"tool": tool if report is not None and report.get("recognized") else None, "command": cmd,
            "start_line": first, "end_line": last, "report": report}


# =============================================================================================
# 3. Tying the parts together
# =============================================================================================


def _ip(text):
    try:
        return ipaddress.ip_address((text or "").split("%", 1)[0].strip("[]"))
    except ValueError:
        return None


def _facts(sections):
    """What the parts say, gathered across them."""
    facts = {"gateways": [], "dns_servers": [], "adapter_errors": [], "pings": [], "lookups": [],
             "nslookup_server": None, "tnc": [], "pids": {}, "listeners": [], "connections": [], "arp": []}
    for sec in sections:
        report = sec["report"]
        if not sec["tool"] or not report:
            continue
        data = report.get("data") or {}
        lines = [sec["start_line"]]
        if sec["tool"] == "ipconfig":
            for adapter in data.get("adapters", []):
                for gw in adapter.get("ipv4_gateways") or []:
                    facts["gateways"].append((gw, adapter.get("name"), lines))
                for dns in adapter.get("dns_servers") or []:
                    facts["dns_servers"].append(dns)
            facts["adapter_errors"] += [f for f in report.get("findings", []) if f.get("severity") == "error"]
        elif sec["tool"] == "ping":
            for target in data.get("targets", []):
                facts["pings"].append(dict(target, section=sec))
        elif sec["tool"] == "nslookup":
            server = data.get("server") or {}
            facts["nslookup_server"] = facts["nslookup_server"] or server.get("address")
            for query in data.get("queries", []):
                facts["lookups"].append(dict(query, section=sec))
        elif sec["tool"] == "testnetconnection":
            for test in data.get("tests", []):
                facts["tnc"].append(dict(test, section=sec))
        elif sec["tool"] == "tasklist":
            for proc in data.get("processes", []):
                if isinstance(proc.get("pid"), int):
                    facts["pids"][proc["pid"]] = proc.get("image") or proc.get("name")
        elif sec["tool"] == "arp":
            for iface in data.get("interfaces", []):
                for entry in iface.get("entries", []):
                    facts["arp"].append(dict(entry, section=sec))
        elif sec["tool"] == "netstat":
            facts["listeners"] += data.get("listening", [])
            facts["connections"] += data.get("connections", [])
    return facts


MAIL_PORTS = {25, 465, 587, 110, 995, 143, 993}


def tie(sections):
    """[raw findings] tying the parts together, and the verdict key."""
    facts = _facts(sections)
    out = []
    gateways = {gw for gw, _, _ in facts["gateways"]}

    def add(fid, severity, lines, variant=None, subject=None, **params):
        out.append({"id": fid, "severity": severity, "lines": sorted(set(n for n in lines if n)),
                    "variant": variant, "subject": subject, "params": params})

    def ping_lines(p):
        return [p["section"]["start_line"]] + [r["line"] for r in p.get("replies", [])[:4]]

    gateway_pings = [p for p in facts["pings"] if (p.get("address") or p.get("target")) in gateways]
    outside = [p for p in facts["pings"] if p not in gateway_pings and p.get("kind") not in ("loopback", "lan")
               and not p.get("host_not_found")]
    by_address = [p for p in outside if _ip(p.get("target")) is not None]
    by_name = [p for p in facts["pings"] if _ip(p.get("target")) is None and p.get("target")]
    verdict = None

    if facts["adapter_errors"]:
        verdict = "pc"
    for p in gateway_pings:
        if p.get("answered"):
            add("gateway-replies", "ok", ping_lines(p), subject=p.get("target"), gateway=p.get("target"))
        elif p.get("sent"):
            add("gateway-no-reply", "error", ping_lines(p), subject=p.get("target"), gateway=p.get("target"))
            verdict = verdict or "lan"
    gateway_ok = any(p.get("answered") for p in gateway_pings)
    # The router's entry in the ARP table: ipconfig names the router, arp shows whether it answers.
    for gw in sorted(gateways):
        entries = [e for e in facts["arp"] if e.get("ip") == gw]
        if not entries:
            continue
        macs = sorted({e["mac"] for e in entries if e.get("mac") and e.get("type") not in ("incomplete", "invalid")
                       and e["mac"].strip("0:") != ""})
        lines = [e["line"] for e in entries if e.get("line")]
        if not macs:
            add("gateway-arp-incomplete", "error", lines, subject=gw, gateway=gw)
            verdict = verdict or "lan"
        elif len(macs) > 1:
            add("gateway-arp-changed", "warning", lines, subject=gw, gateway=gw, macs=", ".join(macs))
        else:
            add("gateway-arp-ok", "ok", lines, subject=gw, gateway=gw, mac=macs[0])
    if by_address:
        dead = [p for p in by_address if p.get("sent") and not p.get("answered")]
        alive = [p for p in by_address if p.get("answered")]
        if dead and not alive and (gateway_ok or not gateway_pings):
            add("outside-no-reply", "error" if gateway_ok else "warning", [n for p in dead for n in ping_lines(p)],
                variant="gateway-ok" if gateway_ok else None, subject=dead[0].get("target"),
                target=dead[0].get("target"))
            verdict = verdict or ("beyond-router" if gateway_ok else "unknown-path")
    failed_names = [p for p in by_name if p.get("host_not_found")]
    if failed_names:
        ip_alive = any(p.get("answered") for p in facts["pings"] if _ip(p.get("target")) is not None)
        add("name-resolution-failure", "error", [p["section"]["start_line"] for p in failed_names],
            variant="addresses-work" if ip_alive else None, subject=failed_names[0].get("target"),
            name=failed_names[0].get("target"), dns=", ".join(facts["dns_servers"][:3]) or "?")
        if ip_alive:
            verdict = verdict or "dns"
    # nslookup against the DNS server ipconfig shows
    server = facts["nslookup_server"]
    timeouts = [q for q in facts["lookups"] if q.get("status") in ("timeout", "dns-timeout")]
    if timeouts:
        add("dns-server-silent", "error", [q["section"]["start_line"] for q in timeouts], subject=server or "?",
            server=server or "?")
        verdict = verdict or "dns"
    if server and facts["dns_servers"] and server not in facts["dns_servers"] and _ip(server) is not None:
        add("dns-server-differs", "info", [facts["lookups"][0]["section"]["start_line"]] if facts["lookups"] else [],
            subject=server, server=server, configured=", ".join(facts["dns_servers"][:3]))
    # resolved address vs the address ping / Test-NetConnection used
    resolved = {}
    for q in facts["lookups"]:
        for address in q.get("addresses") or []:
            resolved.setdefault((q.get("name") or "").lower().rstrip("."), set()).add(address)
    for used in [dict(p, used=p.get("address")) for p in facts["pings"]] + [
            dict(t, target=t.get("computer_name"), used=t.get("remote_address")) for t in facts["tnc"]]:
        name = (used.get("target") or "").lower().rstrip(".")
        if name in resolved and used.get("used"):
            same = used["used"] in resolved[name]
            add("resolved-address-used" if same else "resolved-address-differs", "ok" if same else "info",
                [used["section"]["start_line"]], subject=used.get("target"), name=used.get("target"),
                used=used["used"], resolved=", ".join(sorted(resolved[name])[:4]))
    # Test-NetConnection to a mail port
    for t in facts["tnc"]:
        if t.get("remote_port") and t.get("tcp_test_succeeded") is False:
            verdict = verdict or "service"
    # netstat PIDs named by tasklist
    named = []
    for row in facts["listeners"] + facts["connections"]:
        port = row.get("port") or row.get("remote_port") or row.get("local_port")
        if row.get("pid") in facts["pids"] and port in MAIL_PORTS:
            named.append("{0} (PID {1}) {2}:{3}".format(facts["pids"][row["pid"]], row["pid"],
                                                    row.get("address") or row.get("remote") or row.get("local"), port))
    if named:
        lines = [s["start_line"] for s in sections if s["tool"] in ("netstat", "tasklist")]
        add("pid-programs", "info", lines, subject=named[0].split(" ")[0], programs=", ".join(dict.fromkeys(named[:6])))
    return out, verdict, facts


# =============================================================================================
# 4. The report
# =============================================================================================


def analyse(text, lang, explainers=None):
    parts, lines = split_session(text)
    if _score(parts) < 0.5:
        return _unrecognized(lang)
    explainers = {} if explainers is None else explainers
    sections = [_read_part(cmd, a, b, lines, lang, explainers) for cmd, a, b in parts]
    raw, verdict, _facts_ = tie(sections)
    section_worst = [f for s in sections if s["report"] for f in s["report"].get("findings", [])]
    if verdict is None:
        if any(f.get("severity") == "error" for f in section_worst):
            verdict = "section-error"
        elif any(s["tool"] for s in sections):
            verdict = "none"
        else:
            verdict = "unread"
    severity = {"pc": "error", "lan": "error", "beyond-router": "error", "dns": "error", "service": "warning",
                "unknown-path": "warning", "section-error": "error", "none": "ok", "unread": "info"}[verdict]
    raw.insert(0, {"id": "session-verdict", "severity": severity, "variant": verdict, "subject": None,
                   "lines": [s["start_line"] for s in sections], "params": {}})
    findings = [_render(f, lang) for f in raw]
    rank = {s: i for i, s in enumerate(SEVERITY_ORDER)}
    findings.sort(key=lambda f: (f["id"] != "session-verdict", rank[f["severity"]]))
    tools = [s["tool"] or "?" for s in sections]
    t = TEXTS["summary"][lang]
    summary = t["head"].format(n=len(sections), tools=", ".join(tools)) + TEXTS["session-verdict"][lang]["short:" + verdict]
    return {"tool": TOOL, "recognized": True, "locale": lang, "summary": summary,
            "data": {"sections": sections, "verdict": verdict}, "findings": findings}


def _unrecognized(lang):
    return empty_report(TOOL, lang, TEXTS["unrecognized"][lang]["title"])


def explain(text, lang="ja", explainers=None):
    """The report for a pasted console session; never raises. EXPLAINERS: {tool: module} already
    imported (the page's worker passes its own); the rest are imported from this file's folder."""
    summaries = {key: {code: TEXTS[key][code]["title"] for code in ("ja", "en")} for key in ("unrecognized", "internal-error")}
    return guarded_explain(TOOL, lambda t, l: analyse(t, l, explainers), text, lang, summaries)


PAGE = "explain/"
PAGES = {
    "gateway-no-reply": "network/ping/",
    "gateway-replies": "network/ping/",
    "outside-no-reply": "network/no-internet/",
    "name-resolution-failure": "network/nslookup/",
    "dns-server-silent": "network/nslookup/",
    "dns-server-differs": "network/nslookup/",
    "resolved-address-used": "network/nslookup/",
    "resolved-address-differs": "network/nslookup/",
    "pid-programs": "network/tasklist/",
    "gateway-arp-ok": "network/arp/",
    "gateway-arp-incomplete": "network/arp/",
    "gateway-arp-changed": "network/arp/",
}

TEXTS = {
    "session-verdict": {
        "ja": {
            "title": "まとめ: 原因がありそうな場所",
            "detail": "",
            "detail:pc": "このパソコン自身がネットワークからアドレスやゲートウェイを受け取れていません (ipconfig のエラーを見てください)。ほかのコマンドの失敗は、まずこれが原因です。",
            "detail:lan": "ルーター (デフォルト ゲートウェイ) まで ping が届いていません。原因はパソコンとルーターの間 (ケーブル、Wi-Fi、ルーターの電源や状態) にあります。",
            "detail:beyond-router": "ルーターまでは届いていますが、その先のインターネット上のアドレスに届いていません。原因はルーターより先 (回線、ONU、プロバイダー) にあります。",
            "detail:unknown-path": "インターネット上のアドレスに届いていません。ルーターへの ping がないため、LAN の中か外かはまだ分かりません。デフォルト ゲートウェイへの ping も貼り付けてください。",
            "detail:dns": "アドレスを直接指定した通信はできていますが、名前からアドレスを調べる (DNS) ところで失敗しています。DNS サーバーの設定か、DNS サーバー自体に原因があります。",
            "detail:service": "名前もアドレスも分かり通信もできていますが、相手のサービスのポートに接続できていません。相手のサーバー、途中のファイアウォール、プロバイダーのポート制限 (OP25B など) を疑います。",
            "detail:section-error": "コマンドを組み合わせて分かる問題はありませんでしたが、個別のコマンドにエラーがあります。それぞれの結果を見てください。",
            "detail:none": "貼り付けられたコマンドの結果からは、問題は見つかりませんでした。",
            "detail:unread": "どのコマンドの出力も読み取れませんでした。",
            "short:pc": "原因はこのパソコンのネットワーク設定 (アドレスの取得) にありそうです。",
            "short:lan": "原因はパソコンとルーターの間 (LAN・Wi-Fi) にありそうです。",
            "short:beyond-router": "原因はルーターより先 (回線・プロバイダー) にありそうです。",
            "short:unknown-path": "インターネットに届いていません (LAN の中か外かは未確定)。",
            "short:dns": "原因は名前解決 (DNS) にありそうです。",
            "short:service": "原因は相手のサービスへの接続 (ポート) にありそうです。",
            "short:section-error": "個別のコマンドにエラーがあります。",
            "short:none": "問題は見つかりませんでした。",
            "short:unread": "読み取れたコマンドがありません。",
            "steps": [],
        },
        "en": {
            "title": "Summary: where the fault most likely is",
            "detail": "",
            "detail:pc": "This PC did not get an address or gateway from the network (see the ipconfig errors). The other commands fail because of that first.",
            "detail:lan": "Ping does not reach the router (default gateway): the fault is between this PC and the router (cable, Wi-Fi, the router itself).",
            "detail:beyond-router": "The router answers, but internet addresses beyond it do not: the fault is beyond the router (line, ONU, provider).",
            "detail:unknown-path": "Internet addresses do not answer. Without a ping to the router it is not yet clear whether the fault is inside the LAN or beyond it: add a ping to the default gateway.",
            "detail:dns": "Traffic to addresses works, but turning names into addresses (DNS) fails: the DNS settings or the DNS server are at fault.",
            "detail:service": "Names resolve and traffic flows, but the service's port cannot be reached: suspect the server, a firewall on the way, or the provider's port blocking (OP25B).",
            "detail:section-error": "Taken together the commands show no further problem, but single commands report errors: see each part.",
            "detail:none": "The pasted commands show no problem.",
            "detail:unread": "None of the commands' output could be read.",
            "short:pc": "The fault is most likely this PC's network settings (getting an address).",
            "short:lan": "The fault is most likely between this PC and the router (LAN, Wi-Fi).",
            "short:beyond-router": "The fault is most likely beyond the router (line, provider).",
            "short:unknown-path": "The internet is not reached (inside or beyond the LAN: not yet clear).",
            "short:dns": "The fault is most likely name resolution (DNS).",
            "short:service": "The fault is most likely the connection to the service (its port).",
            "short:section-error": "Single commands report errors.",
            "short:none": "No problem found.",
            "short:unread": "No command could be read.",
            "steps": [],
        },
    },
    "gateway-replies": {
        "ja": {"title": "ルーター (デフォルト ゲートウェイ) は ping に答えています",
               "detail": "ipconfig のデフォルト ゲートウェイ {gateway} に ping が届き、返事が来ています。パソコンからルーターまでは正常です。",
               "steps": []},
        "en": {"title": "The router (default gateway) answers ping",
               "detail": "The default gateway from ipconfig, {gateway}, answers ping: the path from this PC to the router works.",
               "steps": []},
    },
    "gateway-no-reply": {
        "ja": {"title": "ルーター (デフォルト ゲートウェイ) から返事がありません",
               "detail": "ipconfig のデフォルト ゲートウェイ {gateway} に ping を送りましたが、返事がありません。LAN の中 (ケーブル、Wi-Fi、ルーター) に原因があります。",
               "steps": ["ルーターやホームゲートウェイの電源とランプを確かめ、再起動します。",
                         "有線ならケーブルを差し直し、Wi-Fi なら接続先のネットワーク名を確かめます。"]},
        "en": {"title": "No reply from the router (default gateway)",
               "detail": "Ping to the default gateway from ipconfig, {gateway}, got no reply: the fault is inside the LAN (cable, Wi-Fi, router).",
               "steps": ["Check the router's power and lamps and restart it.",
                         "Reseat the cable, or check which Wi-Fi network you are on."]},
    },
    "outside-no-reply": {
        "ja": {"title": "インターネット上のアドレスから返事がありません",
               "detail": "{target} に ping を送りましたが返事がありません。",
               "detail:gateway-ok": "ルーターは答えていますが、その先の {target} から返事がありません。回線やプロバイダー側の問題か、相手が ping に答えない設定です (別のアドレス、例えば 8.8.8.8 でも試してください)。",
               "steps": ["ONU やルーターのランプ (PPP/認証、インターネット) を確かめます。",
                         "別のアドレス (8.8.8.8、1.1.1.1) にも ping して比べます。"]},
        "en": {"title": "No reply from an internet address",
               "detail": "Ping to {target} got no reply.",
               "detail:gateway-ok": "The router answers, but {target} beyond it does not: the line or provider, or a host that ignores ping (try another address such as 8.8.8.8).",
               "steps": ["Check the ONU's and router's lamps (PPP/authentication, internet).",
                         "Ping another address (8.8.8.8, 1.1.1.1) to compare."]},
    },
    "name-resolution-failure": {
        "ja": {"title": "名前からアドレスを調べられていません",
               "detail": "{name} を ping したところ、名前をアドレスに変換できませんでした。使っている DNS サーバーは {dns} です。",
               "detail:addresses-work": "アドレスを直接指定した ping には返事があるのに、{name} は名前をアドレスに変換できませんでした。通信はできているので、DNS (使っている DNS サーバー: {dns}) に原因があります。",
               "steps": ["nslookup {name} で DNS サーバーの答えを確かめます。",
                         "ipconfig /all の DNS サーバーがルーターのアドレスか、プロバイダーの指定どおりかを確かめます。"]},
        "en": {"title": "A name could not be resolved",
               "detail": "Pinging {name} failed to turn the name into an address. DNS server in use: {dns}.",
               "detail:addresses-work": "Pings to addresses are answered, but {name} could not be turned into an address: traffic works, so DNS (server in use: {dns}) is at fault.",
               "steps": ["Check the DNS server's answer with nslookup {name}.",
                         "Check that the DNS servers in ipconfig /all are the router's or the provider's."]},
    },
    "gateway-arp-ok": {
        "ja": {"title": "ルーターの MAC アドレスが ARP テーブルにあります",
               "detail": "ipconfig のデフォルト ゲートウェイ {gateway} の MAC アドレス ({mac}) を、このパソコンは知っています。ルーターは LAN の中で答えています。",
               "steps": []},
        "en": {"title": "The router's MAC address is in the ARP table",
               "detail": "This PC knows the MAC address ({mac}) of the default gateway {gateway} from ipconfig: the router answers on the LAN.",
               "steps": []},
    },
    "gateway-arp-incomplete": {
        "ja": {"title": "ルーターが ARP に答えていません",
               "detail": "ipconfig のデフォルト ゲートウェイ {gateway} の MAC アドレスが分かっていません (不完全な行)。ルーターの電源が切れている、ケーブルや Wi-Fi の接続先が違う、またはアドレスの設定が合っていません。",
               "steps": ["ルーターやホームゲートウェイの電源とランプを確かめます。",
                         "Wi-Fi の接続先や、ケーブルの差し込みを確かめます。"]},
        "en": {"title": "The router does not answer ARP",
               "detail": "The MAC address of the default gateway {gateway} from ipconfig is unknown (incomplete entry): the router is off, the cable or Wi-Fi goes elsewhere, or the addresses do not match.",
               "steps": ["Check the router's power and lamps.", "Check the Wi-Fi network and the cable."]},
    },
    "gateway-arp-changed": {
        "ja": {"title": "ルーターのアドレスに複数の MAC アドレスがあります",
               "detail": "デフォルト ゲートウェイ {gateway} の MAC アドレスとして {macs} が出ています。ルーターを取り替えた直後でなければ、アドレスの重複か、ルーターになりすます機器 (ARP スプーフィング) の疑いがあります。",
               "steps": ["ルーターの本体ラベルなどで本当の MAC アドレスを確かめます。",
                         "心当たりがなければ、ネットワークの管理者に相談します。"]},
        "en": {"title": "Several MAC addresses for the router's address",
               "detail": "The default gateway {gateway} shows the MAC addresses {macs}. Unless the router was just replaced, this suggests an address conflict or a device posing as the router (ARP spoofing).",
               "steps": ["Check the router's real MAC address (e.g. on its label).", "If unsure, ask the network's administrator."]},
    },
    "dns-server-silent": {
        "ja": {"title": "DNS サーバーが答えていません",
               "detail": "nslookup の問い合わせに DNS サーバー {server} が時間内に答えませんでした。",
               "steps": ["ipconfig /all の DNS サーバーに ping して届くかを確かめます。",
                         "ルーターを再起動するか、DNS サーバーの設定を自動に戻します。"]},
        "en": {"title": "The DNS server does not answer",
               "detail": "The DNS server {server} did not answer nslookup in time.",
               "steps": ["Ping the DNS servers listed by ipconfig /all.",
                         "Restart the router, or set the DNS servers back to automatic."]},
    },
    "dns-server-differs": {
        "ja": {"title": "nslookup は別の DNS サーバーに問い合わせています",
               "detail": "nslookup が問い合わせた DNS サーバー {server} は、ipconfig に出ている DNS サーバー ({configured}) と違います。"
                         "nslookup でサーバーを指定したか、複数ある DNS サーバーの別のものが使われています。ふだんの名前解決の結果とは違うことがあります。",
               "steps": []},
        "en": {"title": "nslookup asked another DNS server",
               "detail": "nslookup asked {server}, which is not among the DNS servers ipconfig shows ({configured}): a server was named on the command line, or another of several servers answered. Everyday lookups may get other answers.",
               "steps": []},
    },
    "resolved-address-used": {
        "ja": {"title": "名前解決の結果と同じアドレスに接続しています",
               "detail": "{name} は nslookup で {resolved} と答えが出ており、実際の通信もそのアドレス ({used}) に向かっています。",
               "steps": []},
        "en": {"title": "The resolved address is the one used",
               "detail": "nslookup gave {resolved} for {name}, and the connection went to that address ({used}).",
               "steps": []},
    },
    "resolved-address-differs": {
        "ja": {"title": "名前解決の結果と違うアドレスに接続しています",
               "detail": "{name} は nslookup では {resolved} でしたが、実際の通信は {used} に向かっています。hosts ファイルの書き換え、"
                         "別の DNS サーバーの答え、または答えが時間で変わるサービス (CDN など) が考えられます。",
               "steps": ["C:\\Windows\\System32\\drivers\\etc\\hosts にその名前が書かれていないか確かめます。"]},
        "en": {"title": "The address used differs from the one resolved",
               "detail": "nslookup gave {resolved} for {name}, but the connection went to {used}: a hosts file entry, another DNS server's answer, or a service whose answers change (a CDN).",
               "steps": ["Check C:\\Windows\\System32\\drivers\\etc\\hosts for that name."]},
    },
    "pid-programs": {
        "ja": {"title": "メールのポートを使っているプログラム",
               "detail": "netstat の PID を tasklist で名前に置き換えました: {programs}。",
               "steps": []},
        "en": {"title": "Programs using mail ports",
               "detail": "netstat's PIDs named with tasklist: {programs}.",
               "steps": []},
    },
    "unrecognized": {
        "ja": {"title": "コンソールの記録 (プロンプトの行で区切られた 2 つ以上のコマンドの出力) として読み取れませんでした。"},
        "en": {"title": "This does not look like a console session (the output of two or more commands, each after its prompt line)."},
    },
    "internal-error": {
        "ja": {"title": "読み取り中に予期しない問題が起きました。出力の全体を貼り付けて、もう一度試してください。"},
        "en": {"title": "Something unexpected went wrong while reading the output. Paste the whole output and try again."},
    },
    "summary": {
        "ja": {"head": "コンソールの記録: {n} 個のコマンド ({tools})。", "lines": "行", "unread": "(このコマンドの出力は読み取れませんでした)"},
        "en": {"head": "Console session: {n} command(s) ({tools}). ", "lines": "lines", "unread": "(this command's output could not be read)"},
    },
}


def _render(f, lang):
    text = TEXTS[f["id"]][lang]
    params = TextParams(f["params"])
    detail = pick_detail(text, f["variant"]).format_map(params)
    finding = finding_from_text(text, f, detail, PAGES.get(f["id"], PAGE))
    finding["next_steps"] = [step.format_map(params) for step in finding["next_steps"]]
    return finding


_CLI = {
    "ja": {"no_input": "入力がありません。コンソールの内容をファイルに保存して python3 explain_session.py FILE のように実行してください。"},
    "en": {"no_input": "no input. Save the console's text to a file and run python3 explain_session.py FILE."},
}


def render_report(report, lang):
    """The report as text: the ties and the verdict, then each part under its command line."""
    out = [render_text(report, lang)]
    for sec in report["data"].get("sections", []):
        head = "{0}>{1}  ({2} {3}-{4})".format("=" * 8, sec["command"], TEXTS["summary"][lang]["lines"],
                                             sec["start_line"], sec["end_line"])
        body = render_text(sec["report"], lang) if sec["report"] else TEXTS["summary"][lang]["unread"] + "\n"
        out.append(head + "\n" + body)
    return "\n".join(out)


def main(argv=None):
    hint = {lang: texts["no_input"] for lang, texts in _CLI.items()}
    return explainer_main(argv, PROG, "Explain a whole console session (several commands with their prompts).",
                          explain, None, hint, render_report)


if __name__ == "__main__":
    sys.exit(main())
