#!/usr/bin/env python3
"""Read what Windows `tasklist` printed and say which program a PID is: `tasklist`,
`tasklist /svc`, `tasklist /v`, `tasklist /fi "PID eq N"`, `/fo csv` (with or without the header,
`/nh`), `/fo list`, in Japanese and English, padded or with the spaces squeezed. Names the programs
that matter for mail and network trouble (security software that scans mail, VPN clients,
remote-access tools, local mail and file servers) and, when the same paste also holds
`netstat -ano` rows, ties their PIDs to the ports.

    python explain_tasklist.py          on Windows: runs `tasklist /svc` itself
    python explain_tasklist.py FILE     reads a saved output (UTF-8, UTF-16, cp932)
    python explain_tasklist.py -        reads standard input
        --json        the report as JSON
        --lang en     English instead of Japanese

Exit status: 0 (no finding here is an error), 2 usage error / unreadable / not tasklist output.
Standard library only; also runs inside Pyodide.

Report data (`data`):

    {"format": "table" | "csv" | "list",
     "columns": ["image", "pid", "services", ...],          # what the output showed
     "processes": [{"image": "svchost.exe", "pid": 1180,
                    "services": ["RpcEptMapper", "RpcSs"],    # [] for N/A or without /svc
                    "session_name": "Services" | None, "session": 0 | None,
                    "memory_kb": 12345 | None, "status": ..., "user": ..., "cpu_time": ...,
                    "window_title": ..., "lines": [12, 13],  # 1-based, with continuation lines
                    "category": "security" | "vpn" | "remote" | "server" | "mail-client" | "system" | None,
                    "product": "ESET" | None}],
     "no_match_lines": [5],                                   # 情報: … 一致するタスクは … / INFO: No tasks …
     "netstat": [{"proto", "local", "local_port", "remote", "remote_port", "state", "pid", "line",
                  "image"}]}                                  # netstat -ano rows in the same paste

A later reader (a whole console session) maps netstat PIDs to programs from `processes`.
"""

from __future__ import annotations

TOOL = "tasklist"
PROG = "explain_tasklist.py"

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
# 1. Labels and the programs that matter. Header words are compared with all white space removed
#    and case-folded (see _compact), so "セッション#" and "Session#" need no pattern.
# =============================================================================================

COLUMN_LABELS = {
    "image": ("Image Name", "イメージ名"),
    "pid": ("PID",),
    "services": ("Services", "サービス"),
    "session_name": ("Session Name", "セッション名"),
    "session": ("Session#", "セッション#"),
    "memory": ("Mem Usage", "メモリ使用量", "メモリ使用"),
    "status": ("Status", "状態"),
    "user": ("User Name", "ユーザー名"),
    "cpu_time": ("CPU Time", "CPU 時間"),
    "window_title": ("Window Title", "ウィンドウ タイトル"),
    "modules": ("Modules", "モジュール"),
}
# tasklist /fi that matched nothing (compacted, case-folded).
NO_MATCH = ("指定された条件に一致するタスクは実行されていません", "info:notasksarerunningwhichmatchthespecifiedcriteria")
# Process names without ".exe" that tasklist shows.
SYSTEM_IMAGES = frozenset(("system idle process", "system", "registry", "secure system", "memory compression",
                           "memcompression", "vmmem", "vmmemwsl", "idle"))
NOT_AVAILABLE = frozenset(("n/a", "該当なし"))

# Programs (image name, case-folded) that matter for mail and network trouble:
# (category, product). Only names we are sure of; an unknown name is simply not named.
PROGRAMS = {
    # Security software; most third-party suites can scan mail by standing between the mail app and
    # the server (they then listen on or proxy 25/110/143/465/587/993/995).
    "ekrn.exe": ("security", "ESET"),
    "egui.exe": ("security", "ESET"),
    "avastsvc.exe": ("security", "Avast"),
    "avastui.exe": ("security", "Avast"),
    "avgsvc.exe": ("security", "AVG"),
    "avgui.exe": ("security", "AVG"),
    "avp.exe": ("security", "Kaspersky"),
    "avpui.exe": ("security", "Kaspersky"),
    "nortonsvc.exe": ("security", "Norton"),
    "nortonui.exe": ("security", "Norton"),
    "nortonsecurity.exe": ("security", "Norton"),
    "ccsvchst.exe": ("security", "Norton / Symantec"),
    "mcshield.exe": ("security", "McAfee"),
    "mfemms.exe": ("security", "McAfee"),
    "mfefire.exe": ("security", "McAfee"),
    "modulecoreservice.exe": ("security", "McAfee"),
    "coreserviceshell.exe": ("security", "Trend Micro (ウイルスバスター)"),
    "coreframeworkhost.exe": ("security", "Trend Micro (ウイルスバスター)"),
    "uiseagnt.exe": ("security", "Trend Micro (ウイルスバスター)"),
    "pccntmon.exe": ("security", "Trend Micro (Apex One / ウイルスバスター ビジネスセキュリティ)"),
    "ntrtscan.exe": ("security", "Trend Micro (Apex One / ウイルスバスター ビジネスセキュリティ)"),
    "tmlisten.exe": ("security", "Trend Micro (Apex One / ウイルスバスター ビジネスセキュリティ)"),
    "sspservice.exe": ("security", "Sophos"),
    "sophosfilescanner.exe": ("security", "Sophos"),
    "sophosntpservice.exe": ("security", "Sophos"),
    "sophoshealth.exe": ("security", "Sophos"),
    "vsserv.exe": ("security", "Bitdefender"),
    "bdagent.exe": ("security", "Bitdefender"),
    "bdservicehost.exe": ("security", "Bitdefender"),
    "mbamservice.exe": ("security", "Malwarebytes"),
    "msmpeng.exe": ("builtin-security", "Microsoft Defender"),
    "nissrv.exe": ("builtin-security", "Microsoft Defender"),
    "mpdefendercoreservice.exe": ("builtin-security", "Microsoft Defender"),
    # VPN clients: while connected, traffic (mail too) may leave through the VPN.
    "openvpn.exe": ("vpn", "OpenVPN"),
    "openvpnserv.exe": ("vpn", "OpenVPN"),
    "openvpn-gui.exe": ("vpn", "OpenVPN"),
    "openvpnconnect.exe": ("vpn", "OpenVPN Connect"),
    "wireguard.exe": ("vpn", "WireGuard"),
    "vpnagent.exe": ("vpn", "Cisco AnyConnect / Secure Client"),
    "vpnui.exe": ("vpn", "Cisco AnyConnect / Secure Client"),
    "csc_ui.exe": ("vpn", "Cisco Secure Client"),
    "forticlient.exe": ("vpn", "FortiClient"),
    "fortisslvpndaemon.exe": ("vpn", "FortiClient"),
    "fortitray.exe": ("vpn", "FortiClient"),
    "pangps.exe": ("vpn", "GlobalProtect"),
    "pangpa.exe": ("vpn", "GlobalProtect"),
    "tailscaled.exe": ("vpn", "Tailscale"),
    "tailscale-ipn.exe": ("vpn", "Tailscale"),
    "nordvpn.exe": ("vpn", "NordVPN"),
    "nordvpn-service.exe": ("vpn", "NordVPN"),
    "dsaccessservice.exe": ("vpn", "Pulse Secure / Ivanti Secure Access"),
    "pulse.exe": ("vpn", "Pulse Secure / Ivanti Secure Access"),
    "vpnclient_x64.exe": ("vpn", "SoftEther VPN Client"),
    "zerotier-one_x64.exe": ("vpn", "ZeroTier"),
    # Remote access: someone else can operate this PC.
    "teamviewer.exe": ("remote", "TeamViewer"),
    "teamviewer_service.exe": ("remote", "TeamViewer"),
    "anydesk.exe": ("remote", "AnyDesk"),
    "remoting_host.exe": ("remote", "Chrome リモート デスクトップ"),
    "srservice.exe": ("remote", "Splashtop"),
    "winvnc.exe": ("remote", "VNC"),
    "tvnserver.exe": ("remote", "TightVNC"),
    "vncserver.exe": ("remote", "RealVNC"),
    # Mail and file servers on this PC.
    "hmailserver.exe": ("server", "hMailServer"),
    "mercury.exe": ("server", "Mercury/32"),
    "msexchangetransport.exe": ("server", "Microsoft Exchange"),
    "msexchangefrontendtransport.exe": ("server", "Microsoft Exchange"),
    # Mail apps: connections to mail servers are expected from them.
    "thunderbird.exe": ("mail-client", "Thunderbird"),
    "outlook.exe": ("mail-client", "Outlook (クラシック)"),
    "olk.exe": ("mail-client", "新しい Outlook"),
    "hxtsr.exe": ("mail-client", "メール アプリ (旧)"),
    "b2.exe": ("mail-client", "Becky! Internet Mail"),
    "mailclient.exe": ("mail-client", "eM Client"),
}
# Windows services (short names as tasklist /svc shows them), case-folded.
SERVICES = {
    "lanmanserver": ("server", "ファイル共有 (Server サービス)"),
    "smtpsvc": ("server", "IIS SMTP サービス"),
    "termservice": ("remote", "リモート デスクトップ (TermService)"),
    "rasman": ("vpn", "Windows の VPN / ダイヤルアップ (RasMan)"),
    "windefend": ("builtin-security", "Microsoft Defender"),
}
PRODUCT_EN = {
    "Trend Micro (ウイルスバスター)": "Trend Micro (Virus Buster)",
    "Trend Micro (Apex One / ウイルスバスター ビジネスセキュリティ)": "Trend Micro (Apex One / Business Security)",
    "Chrome リモート デスクトップ": "Chrome Remote Desktop",
    "ファイル共有 (Server サービス)": "file sharing (Server service)",
    "IIS SMTP サービス": "IIS SMTP service",
    "リモート デスクトップ (TermService)": "Remote Desktop (TermService)",
    "Windows の VPN / ダイヤルアップ (RasMan)": "Windows VPN / dial-up (RasMan)",
    "Outlook (クラシック)": "Outlook (classic)",
    "新しい Outlook": "new Outlook",
    "メール アプリ (旧)": "Mail app (retired)",
}
MAIL_PORTS = {25: "SMTP", 465: "SMTPS", 587: "Submission", 110: "POP3", 995: "POP3S", 143: "IMAP", 993: "IMAPS"}


def _compact(text):
    return "".join(text.split()).casefold().replace("：", ":")


_LABELS_COMPACT = sorted(((_compact(v), k) for k, vs in COLUMN_LABELS.items() for v in vs), key=lambda kv: -len(kv[0]))
_LABEL_OF = {c: k for c, k in _LABELS_COMPACT}


def _header_columns(s):
    """The column keys of a table header line, in order, or None when it is not one."""
    key = _compact(s)
    if len(key) > 200 or not (key.startswith("imagename") or key.startswith("イメージ名")):
        return None
    cols = []
    i = 0
    while i < len(key):
        for label, name in _LABELS_COMPACT:
            if key.startswith(label, i):
                cols.append(name)
                i += len(label)
                break
        else:
            return None
    if len(cols) < 2 or cols[1] != "pid" or len(set(cols)) != len(cols):
        return None
    return cols


def _is_ruler(s):
    return len(s) >= 10 and s[0] == "=" and not s.replace("=", "").replace(" ", "")


def _ruler_segments(line):
    segs = []
    start = None
    for i, ch in enumerate(line):
        if ch == "=" and start is None:
            start = i
        elif ch != "=" and start is not None:
            segs.append((start, i))
            start = None
    if start is not None:
        segs.append((start, len(line)))
    return segs


def _is_pid(tok):
    return 0 < len(tok) <= 10 and tok.isdigit() and tok.isascii()


def _memory_kb(text):
    digits = "".join(ch for ch in text if ch.isdigit())
    if not digits or not digits.isascii() or len(digits) > 12:
        return None
    return int(digits)


def _looks_like_image(image):
    low = image.casefold()
    return low in SYSTEM_IMAGES or (low.endswith((".exe", ".com", ".bin")) and len(low) > 4)


def _services(text):
    text = text.strip()
    if text.casefold() in NOT_AVAILABLE:
        return []
    return [p.strip() for p in text.split(",") if p.strip() and p.strip().casefold() not in NOT_AVAILABLE]


# =============================================================================================
# 2. Parsing, one line at a time (split() and slicing only: linear, nothing can backtrack).
# =============================================================================================


class _Doc:
    def __init__(self):
        self.fmt = None
        self.columns = None
        self.segments = None
        self.processes = []
        self.no_match = []
        self.netstat = []
        self.header_lines = []
        self.list_labels = 0
        self.headerless = 0
        self.csv_header = False
        self.other_lines = 0
        self.list_current = None
        self.list_key = None


def _new_process(image, pid, line_no):
    return {"image": image, "pid": pid, "services": [], "session_name": None, "session": None,
            "memory_kb": None, "status": None, "user": None, "cpu_time": None, "window_title": None,
            "lines": [line_no], "category": None, "product": None, "_svc_text": ""}


def _fill_rest(proc, cols, rest):
    """Columns after the PID from the remaining tokens (padded or squeezed lines alike)."""
    after = cols[2:]
    if not after:
        return
    if after[0] in ("services", "modules"):
        text = " ".join(rest)
        proc["_svc_text"] = text
        if after[0] == "services":
            proc["services"] = _services(text)
        return
    i = 0
    if "session_name" in after:
        if i < len(rest) and not _is_pid(rest[i]):
            proc["session_name"] = rest[i]
            i += 1
    if "session" in after and i < len(rest) and _is_pid(rest[i]):
        proc["session"] = int(rest[i])
        i += 1
    if "memory" in after and i < len(rest):
        j = i
        while j < len(rest) and j < i + 3 and rest[j][:1].isdigit():
            j += 1
        if j < len(rest) and rest[j] in ("K", "KB", "k"):
            j += 1
        proc["memory_kb"] = _memory_kb("".join(rest[i:j]))
        i = j
    if "status" in after and i < len(rest):
        n = 2 if rest[i:i + 2] == ["Not", "Responding"] else 1
        proc["status"] = " ".join(rest[i:i + n])
        i += n
        if "cpu_time" in after:
            k = i
            while k < len(rest) and not _is_cpu_time(rest[k]):
                k += 1
            if k < len(rest):
                proc["user"] = " ".join(rest[i:k]) or None
                proc["cpu_time"] = rest[k]
                proc["window_title"] = " ".join(rest[k + 1:]) or None


def _is_cpu_time(tok):
    parts = tok.split(":")
    return len(parts) == 3 and all(p.isdigit() and p.isascii() for p in parts)


def _table_row(doc, line, line_no):
    """A process row of the table under a recognized header (or headerless, /nh)."""
    toks = line.split()
    cols = doc.columns or ("image", "pid", "session_name", "session", "memory")
    pid_at = None
    segs = doc.segments
    if segs and len(segs) >= 2:
        a, b = segs[1]
        piece = line[a:b].strip() if len(line) >= b else ""
        if _is_pid(piece) and line[:a].strip():
            image = line[:a].strip()
            rest = line[b:].split()
            proc = _new_process(image, int(piece), line_no)
            _fill_rest(proc, cols, rest)
            return proc
    for i in range(1, min(len(toks), 12)):
        if _is_pid(toks[i]):
            pid_at = i
            break
    if pid_at is None:
        return None
    image = " ".join(toks[:pid_at])
    if doc.columns is None and not _looks_like_image(image):
        return None
    if ":" in image and not _looks_like_image(image):
        return None
    proc = _new_process(image, int(toks[pid_at]), line_no)
    _fill_rest(proc, cols, toks[pid_at + 1:])
    return proc


def _netstat_row(toks, line_no):
    proto = toks[0]
    if proto not in ("TCP", "UDP", "TCPv6", "UDPv6") or len(toks) not in (4, 5) or not _is_pid(toks[-1]):
        return None
    local = toks[1]
    remote = toks[2]
    state = toks[3] if len(toks) == 5 else ""
    lp = _port(local)
    if lp is None:
        return None
    return {"proto": proto[:3], "local": local, "local_port": lp, "remote": remote, "remote_port": _port(remote),
            "state": state, "pid": int(toks[-1]), "line": line_no, "image": None}


def _port(addr):
    i = addr.rfind(":")
    if i < 0:
        return None
    p = addr[i + 1:]
    return int(p) if p.isdigit() and p.isascii() and len(p) <= 5 else None


def _csv_fields(line):
    import csv  # small; only when a paste holds CSV

    try:
        row = next(csv.reader([line]))
    except (csv.Error, StopIteration):
        return None
    return [f.strip() for f in row]


def _csv_columns(fields):
    cols = [_LABEL_OF.get(_compact(f)) for f in fields]
    if len(cols) >= 2 and cols[0] == "image" and cols[1] == "pid" and None not in cols:
        return cols
    return None


_CSV_DEFAULTS = {5: ["image", "pid", "session_name", "session", "memory"], 3: ["image", "pid", "services"],
                 9: ["image", "pid", "session_name", "session", "memory", "status", "user", "cpu_time", "window_title"]}


def _csv_row(doc, s, line_no):
    fields = _csv_fields(s)
    if not fields or len(fields) < 2:
        return False
    cols = _csv_columns(fields)
    if cols:
        doc.fmt, doc.columns, doc.segments = "csv", cols, None
        doc.csv_header = True
        doc.header_lines.append(line_no)
        return True
    if not _is_pid(fields[1]):
        return False
    cols = doc.columns if doc.fmt == "csv" and doc.columns and len(doc.columns) == len(fields) else _CSV_DEFAULTS.get(len(fields))
    if cols is None or (doc.fmt != "csv" and not _looks_like_image(fields[0])):
        return False
    if doc.fmt != "csv":
        doc.fmt, doc.columns, doc.segments = "csv", cols, None
    if not doc.csv_header:
        doc.headerless += 1
    proc = _new_process(fields[0], int(fields[1]), line_no)
    for key, value in zip(cols[2:], fields[2:]):
        if key == "services":
            proc["_svc_text"] = value
            proc["services"] = _services(value)
        elif key == "session":
            proc["session"] = int(value) if _is_pid(value) else None
        elif key == "memory":
            proc["memory_kb"] = _memory_kb(value)
        elif key in ("session_name", "status", "user", "cpu_time", "window_title"):
            proc[key] = value
    doc.processes.append(proc)
    return True


def _list_line(doc, line, s, line_no):
    """`tasklist /fo list`: 'イメージ名: svchost.exe', 'PID: 852', indented service continuation."""
    colon = s.replace("：", ":").find(":")
    if colon > 0:
        key = _LABEL_OF.get(_compact(s[:colon]))
        if key is not None:
            value = s[colon + 1:].strip()
            doc.list_labels += 1
            doc.list_key = key
            if key == "image":
                doc.list_current = {"image": value, "line": line_no}
                return True
            cur = doc.list_current
            if cur is None:
                return True
            if key == "pid":
                if _is_pid(value):
                    proc = _new_process(cur["image"], int(value), cur["line"])
                    proc["lines"].append(line_no)
                    doc.processes.append(proc)
                    cur["proc"] = proc
                    doc.fmt = "list"
                return True
            proc = cur.get("proc")
            if proc is None:
                return True
            proc["lines"].append(line_no)
            if key == "services":
                proc["_svc_text"] = value
                proc["services"] = _services(value)
            elif key == "session":
                proc["session"] = int(value) if _is_pid(value) else None
            elif key == "memory":
                proc["memory_kb"] = _memory_kb(value)
            elif key != "modules":
                proc[key] = value
            return True
    if doc.list_key == "services" and line[:1] in (" ", "\t") and doc.list_current and doc.list_current.get("proc"):
        proc = doc.list_current["proc"]
        proc["services"].extend(_services(s))
        proc["lines"].append(line_no)
        return True
    return False


def _unquote(lines):
    """Mail/Markdown quoting ("> ", "> > ") removed, one level at a time, while most non-empty
    lines carry it (a reply that quotes the output); other lines are left as they are."""
    for _ in range(3):
        filled = quoted = 0
        for line in lines:
            s = line.lstrip()
            if s:
                filled += 1
                if s[0] == ">":
                    quoted += 1
        if not filled or quoted * 2 < filled:
            return lines
        out = []
        for line in lines:
            s = line.lstrip()
            if s[:1] == ">":
                line = s[2:] if s[1:2] == " " else s[1:]
            out.append(line)
        lines = out
    return lines


def parse(text):
    doc = _Doc()
    last = None  # the last table process, for wrapped service lists
    for line_no, line in enumerate(_unquote(text.splitlines()), 1):  # numbered as str.splitlines() counts
        if line[:1] == "\ufeff":
            line = line[1:]
        s = line.strip()
        if not s:
            continue
        if len(s) > 4000:
            doc.other_lines += 1
            continue
        key = _compact(s) if len(s) < 300 else ""
        if key and any(m in key for m in NO_MATCH):
            doc.no_match.append(line_no)
            continue
        if _is_ruler(s):
            if doc.header_lines and doc.header_lines[-1] == line_no - 1 or (doc.columns and doc.fmt == "table"):
                doc.segments = _ruler_segments(line.rstrip())
            continue
        cols = _header_columns(s)
        if cols is not None:
            doc.fmt, doc.columns, doc.segments = "table", cols, None
            doc.header_lines.append(line_no)
            last = None
            continue
        if s[0] == '"':
            if _csv_row(doc, s, line_no):
                continue
        toks = s.split()
        if toks[0] in ("TCP", "UDP", "TCPv6", "UDPv6"):
            row = _netstat_row(toks, line_no)
            if row is not None:
                doc.netstat.append(row)
                continue
        if _list_line(doc, line, s, line_no):
            continue
        cont = last is not None and last["_svc_text"].endswith(",")
        if cont and (line[:1] in (" ", "\t") or not any(_is_pid(t) for t in toks)):
            last["_svc_text"] += " " + s
            if doc.columns and "services" in doc.columns:  # not the DLL list of tasklist /m
                last["services"].extend(_services(s))
            last["lines"].append(line_no)
            continue
        if doc.fmt in (None, "table"):
            proc = _table_row(doc, line, line_no)
            if proc is not None:
                if doc.columns is None:
                    doc.headerless += 1
                doc.processes.append(proc)
                last = proc
                continue
        doc.other_lines += 1
        last = None
    return doc


def _classify(doc):
    for proc in doc.processes:
        hit = PROGRAMS.get(proc["image"].casefold())
        if hit is None:
            for svc in proc["services"]:
                hit = SERVICES.get(svc.casefold())
                if hit is not None:
                    break
        if hit is None and proc["pid"] in (0, 4) and proc["image"].casefold() in SYSTEM_IMAGES:
            hit = ("system", None)
        if hit is not None:
            proc["category"], proc["product"] = hit
        del proc["_svc_text"]
    by_pid = {p["pid"]: p for p in doc.processes}
    for row in doc.netstat:
        proc = by_pid.get(row["pid"])
        row["image"] = proc["image"] if proc else None


def _score(doc):
    n = len(doc.processes)
    if doc.header_lines and (n or doc.segments):
        return 0.95
    if doc.no_match and (n or doc.header_lines or len(doc.no_match) >= 1):
        return 0.9
    if doc.fmt == "list" and n:
        return 0.9
    if doc.header_lines:
        return 0.6
    if n >= 2 and doc.headerless >= 2:
        ratio = doc.headerless / float(doc.headerless + doc.other_lines + len(doc.netstat))
        if ratio >= 0.5:
            return round(0.5 + 0.4 * ratio, 3)
        return 0.15
    return 0.0


def detect(text):
    """0.0 .. 1.0: how sure this text is tasklist output."""
    try:
        if not isinstance(text, str) or not text.strip():
            return 0.0
        return _score(parse(text))
    except Exception:  # noqa: BLE001 - detection must never fail
        return 0.0


# =============================================================================================
# 3. Judging
# =============================================================================================

CATEGORY_FINDING = {
    "security": "security-software",
    "builtin-security": "security-software",
    "vpn": "vpn-client",
    "remote": "remote-access",
    "server": "local-server",
    "mail-client": "mail-client",
}
LIST_ALL_MAX = 8


def _product(name, lang):
    return PRODUCT_EN.get(name, name) if lang == "en" else name


def _join(items, lang):
    return ("、" if lang == "ja" else ", ").join(items)


def _subject(proc):
    """Language-neutral: the image name, with the service that named it for svchost.exe."""
    if PROGRAMS.get(proc["image"].casefold()) is None:
        for svc in proc["services"]:
            if svc.casefold() in SERVICES:
                return "{0} ({1})".format(proc["image"], svc)
    return proc["image"]


def _proc_label(proc, lang):
    if lang == "ja":
        text = "PID {0} = {1}".format(proc["pid"], proc["image"])
        if proc["services"]:
            text += " (サービス {0})".format(_join(proc["services"][:6], lang) + (" ほか" if len(proc["services"]) > 6 else ""))
        return text
    text = "PID {0} = {1}".format(proc["pid"], proc["image"])
    if proc["services"]:
        text += " (services {0})".format(_join(proc["services"][:6], lang) + (" and more" if len(proc["services"]) > 6 else ""))
    return text


def analyse(text, lang):
    doc = parse(text)
    if _score(doc) < 0.5:
        return _unrecognized(lang)
    _classify(doc)
    out = []

    def add(fid, severity, lines, variant=None, subject=None, **params):
        out.append({"id": fid, "severity": severity, "lines": sorted(set(lines)), "variant": variant,
                    "subject": subject, "params": params})

    procs = doc.processes
    if procs:
        if len(procs) <= LIST_ALL_MAX:
            listing = _join([_proc_label(p, lang) for p in procs], lang)
            add("process-services", "info", [p["lines"][0] for p in procs], None, None, listing=listing, count=len(procs))
        else:
            notable = [p for p in procs if p["category"] not in (None, "system")]
            svchost = sum(1 for p in procs if p["image"].casefold() == "svchost.exe")
            add("process-services", "info", [p["lines"][0] for p in (notable or procs)[:40]],
                "many" if svchost else "many-plain", None, count=len(procs), svchost=svchost)
    groups = {}
    for proc in procs:
        fid = CATEGORY_FINDING.get(proc["category"])
        if fid:
            groups.setdefault(fid, []).append(proc)
    order = ("security-software", "vpn-client", "remote-access", "local-server", "mail-client")
    for fid in order:
        members = groups.get(fid)
        if not members:
            continue
        names = []
        for p in members:
            label = "{0} ({1}, PID {2})".format(_product(p["product"], lang), p["image"], p["pid"])
            if len(names) < 12 and label not in names:
                names.append(label)
        lines = [ln for p in members for ln in p["lines"]][:60]
        variant = None
        if fid == "security-software" and all(p["category"] == "builtin-security" for p in members):
            variant = "builtin"
        subject = ", ".join(dict.fromkeys(_subject(p) for p in members))
        add(fid, "info", lines, variant, subject, programs=_join(names[:12], lang))
    if doc.no_match:
        add("no-match", "info", doc.no_match)
    if doc.netstat:
        _pid_ports(doc, add, lang)
    rank = {s: i for i, s in enumerate(SEVERITY_ORDER)}
    out.sort(key=lambda f: rank[f["severity"]])
    findings = [_render(f, lang) for f in out]
    data = {
        "format": doc.fmt or "table",
        "columns": list(doc.columns or ["image", "pid", "session_name", "session", "memory"]),
        "processes": procs,
        "no_match_lines": doc.no_match,
        "netstat": doc.netstat,
    }
    return {"tool": TOOL, "recognized": True, "locale": lang, "summary": _summary(procs, findings, doc, lang),
            "data": data, "findings": findings}


def _pid_ports(doc, add, lang):
    by_pid = {p["pid"]: p for p in doc.processes}
    interesting = []
    for row in doc.netstat:
        mail = MAIL_PORTS.get(row["local_port"]) if row["state"] in ("LISTENING", "") else MAIL_PORTS.get(row["remote_port"])
        if mail or (row["state"] == "LISTENING" and row["pid"] in by_pid and by_pid[row["pid"]]["category"]):
            interesting.append((row, mail))
    if not interesting:
        interesting = [(row, None) for row in doc.netstat if row["pid"] in by_pid][:10]
    parts = []
    lines = []
    missing = []
    suspicious = []
    for row, mail in interesting[:12]:
        proc = by_pid.get(row["pid"])
        name = proc["image"] if proc else None
        if proc:
            lines.extend([row["line"], proc["lines"][0]])
        else:
            lines.append(row["line"])
            if row["pid"] not in missing:
                missing.append(row["pid"])
        who = "PID {0} ({1})".format(row["pid"], name) if name else "PID {0}".format(row["pid"])
        port_name = " {0}".format(mail) if mail else ""
        if row["state"] in ("LISTENING", ""):
            parts.append(("{0} が {1}{2} で待ち受け" if lang == "ja" else "{0} listens on {1}{2}").format(who, row["local"], port_name))
        else:
            parts.append(("{0} が {1}{2} に接続 ({3})" if lang == "ja" else "{0} is connected to {1}{2} ({3})").format(
                who, row["remote"], port_name, row["state"]))
        if (row["remote_port"] == 25 and row["state"] in ("ESTABLISHED", "SYN_SENT") and proc is not None
                and proc["category"] not in ("mail-client", "security", "server")):
            suspicious.append((row, proc))
    variant = "missing" if missing else None
    add("pid-ports", "info", lines, variant, None, ties=_join(parts, lang),
        missing=_join(["PID {0}".format(p) for p in missing], lang))
    if suspicious:
        row, proc = suspicious[0]
        add("unexpected-smtp", "warning", [row["line"], proc["lines"][0]], None, proc["image"],
            image=proc["image"], pid=proc["pid"], remote=row["remote"], count=len(suspicious))


def _unrecognized(lang):
    return empty_report(TOOL, lang, TEXTS["unrecognized"][lang]["title"])


def explain(text, lang="ja"):
    """The report for tasklist output `text`; never raises."""
    summaries = {key: {code: TEXTS[key][code]["title"] for code in ("ja", "en")} for key in ("unrecognized", "internal-error")}
    return guarded_explain(TOOL, analyse, text, lang, summaries)


# =============================================================================================
# 4. Human text: ONE table keyed by finding id (variants as "detail:<variant>").
# =============================================================================================

PAGE_TASKLIST = "network/tasklist/"
PAGES = {
    "pid-ports": "network/netstat/",
    "unexpected-smtp": "network/netstat/",
    "vpn-client": "network/route/",
}

TEXTS = {
    "process-services": {
        "ja": {
            "title": "PID とプログラムの対応",
            "detail": "PID とプログラムの対応は次のとおりです: {listing}。netstat の PID と照らし合わせてください。",
            "detail:many": "{count} 個のプロセスを読み取りました (svchost.exe は {svchost} 個)。メールやネットワークに関係する"
            "プログラムは下に分けて示します。netstat の PID を探すときは、この表の PID の列と照らし合わせてください。",
            "detail:many-plain": "{count} 個のプロセスを読み取りました。メールやネットワークに関係するプログラムがあれば、下に分けて示します。"
            "netstat の PID を探すときは、この表の PID の列と照らし合わせてください。",
            "steps": [],
        },
        "en": {
            "title": "PIDs and their programs",
            "detail": "PIDs and programs: {listing}. Compare them with the PIDs netstat shows.",
            "detail:many": "{count} processes read ({svchost} of them svchost.exe). Programs that matter for mail and the "
            "network are listed separately below. To find a PID from netstat, look it up in the PID column.",
            "detail:many-plain": "{count} processes read. Programs that matter for mail and the network, if any, are listed "
            "separately below. To find a PID from netstat, look it up in the PID column.",
            "steps": [],
        },
    },
    "security-software": {
        "ja": {
            "title": "セキュリティソフトが動いています",
            "detail": "{programs}。多くのセキュリティソフトは、メールアプリとメールサーバーの間に入ってメールを検査します "
            "(このパソコンの 110、143、25 番などで待ち受けたり、接続を中継したりします)。メールの送受信だけがうまくいかないときは、"
            "この機能が原因のことがあります。",
            "detail:builtin": "{programs}。Windows に付いている Microsoft Defender です。メールの接続の間に入って中継することはないので、"
            "メールの送受信の妨げになることはまずありません。",
            "steps": [
                "メールだけが送れない・受け取れないときは、セキュリティソフトの設定で「メールの保護」「メール スキャン」を一時的にオフにして試します。",
                "それで直るなら、セキュリティソフトを最新にするか、メールの保護の対象からメールアプリを外します (試した後は保護をオンに戻してください)。",
            ],
        },
        "en": {
            "title": "Security software is running",
            "detail": "{programs}. Most security suites scan mail by standing between the mail app and the mail server "
            "(they listen on ports such as 110, 143 or 25 on this PC, or relay the connection). When only mail fails, "
            "this feature can be the cause.",
            "detail:builtin": "{programs}. This is Microsoft Defender, built into Windows. It does not relay mail "
            "connections, so it rarely gets in the way of sending or receiving mail.",
            "steps": [
                "If only mail fails, turn the suite's mail protection / mail scanning off for a moment and try again.",
                "If that helps, update the suite or exclude the mail app from mail scanning (turn protection back on afterwards).",
            ],
        },
    },
    "vpn-client": {
        "ja": {
            "title": "VPN ソフトが動いています",
            "detail": "{programs}。VPN に接続している間は、メールを含む通信が VPN を通ることがあり、会社や VPN 事業者の側で"
            "メールのポート (25、587 など) が止められていると、送れなくなります。",
            "steps": ["VPN に接続しているときだけメールが送れないなら、VPN を切って試します。",
                      "会社の VPN なら、外部のメールサーバーへの接続が許可されているか管理者に確認します。"],
        },
        "en": {
            "title": "A VPN client is running",
            "detail": "{programs}. While the VPN is connected, traffic (mail too) may go through it, and if the company or "
            "the VPN provider blocks the mail ports (25, 587, …), sending fails.",
            "steps": ["If mail fails only while the VPN is connected, disconnect it and try again.",
                      "For a company VPN, ask the administrator whether connections to outside mail servers are allowed."],
        },
    },
    "remote-access": {
        "ja": {
            "title": "リモート操作のソフトやサービスが動いています",
            "detail": "{programs}。ほかの場所からこのパソコンを操作できるようにするものです。自分や会社が使っているものなら問題ありません。",
            "steps": ["入れた覚えがないリモート操作ソフトや、電話で「サポート」を名乗る相手に入れさせられたものなら、"
                      "すぐにネットワークから切り離し、アンインストールして、パスワードを変更してください。"],
        },
        "en": {
            "title": "Remote-access software or services are running",
            "detail": "{programs}. They let someone operate this PC from elsewhere. Fine if you or your company use them.",
            "steps": ["If you do not remember installing it, or a caller claiming to be \"support\" had you install it, "
                      "disconnect from the network, uninstall it and change your passwords."],
        },
    },
    "local-server": {
        "ja": {
            "title": "このパソコンでサーバーが動いています",
            "detail": "{programs}。このパソコン自身がメールやファイル共有のサーバーとして、ほかの機器からの接続を待ち受けています。",
            "steps": ["netstat -ano で、どのポートで待ち受けているかを確かめます。"],
        },
        "en": {
            "title": "Servers run on this PC",
            "detail": "{programs}. This PC itself waits for connections from other devices as a mail or file-sharing server.",
            "steps": ["Check with netstat -ano which ports it listens on."],
        },
    },
    "mail-client": {
        "ja": {
            "title": "メールアプリが動いています",
            "detail": "{programs}。メールサーバーへの接続 (587、993、995 番など) を持つのは自然です。",
            "steps": [],
        },
        "en": {
            "title": "Mail apps are running",
            "detail": "{programs}. Connections from them to mail servers (ports 587, 993, 995, …) are expected.",
            "steps": [],
        },
    },
    "no-match": {
        "ja": {
            "title": "指定した条件に合うプロセスがありません",
            "detail": "「指定された条件に一致するタスクは実行されていません」は、/fi で指定した PID や名前のプロセスが今は動いていない、という意味です。"
            "netstat で見た接続のプロセスは、調べる前に終わってしまうことがよくあります。",
            "steps": ["netstat -ano を実行したらすぐに tasklist /svc /fi \"pid eq 番号\" を実行します。",
                      "番号の打ち間違いや、\"pid eq\" の綴りも確かめます。"],
        },
        "en": {
            "title": "No process matches the filter",
            "detail": "\"No tasks are running which match the specified criteria\" means that no process with the PID or name "
            "given with /fi runs now. Processes seen in netstat often end before they are looked up.",
            "steps": ["Run tasklist /svc /fi \"pid eq N\" right after netstat -ano.",
                      "Check the number and the spelling of \"pid eq\"."],
        },
    },
    "pid-ports": {
        "ja": {
            "title": "netstat の PID とプログラムの対応",
            "detail": "同じ貼り付けの netstat の行から: {ties}。",
            "detail:missing": "同じ貼り付けの netstat の行から: {ties}。{missing} は tasklist の一覧にありません "
            "(もう終了したか、/fi で絞り込んだためです)。",
            "steps": [],
        },
        "en": {
            "title": "netstat PIDs and their programs",
            "detail": "From the netstat rows in the same paste: {ties}.",
            "detail:missing": "From the netstat rows in the same paste: {ties}. {missing} is not in the tasklist output "
            "(it has ended, or /fi filtered it out).",
            "steps": [],
        },
    },
    "unexpected-smtp": {
        "ja": {
            "title": "メールアプリではないプログラムが 25 番に接続しています",
            "detail": "{image} (PID {pid}) が {remote} の 25 番 (SMTP) に接続しています ({count} 件)。メールアプリでもセキュリティソフトでもない"
            "プログラムがメールサーバーの 25 番に接続するのは、迷惑メールを送るマルウェアの特徴です。",
            "steps": ["心当たりがなければ、ネットワークから切り離し、セキュリティソフトでパソコン全体をスキャンします。",
                      "そのプログラムの場所を PowerShell の Get-Process -Id PID | Select-Object Path で確かめます。"],
        },
        "en": {
            "title": "A program that is not a mail app connects to port 25",
            "detail": "{image} (PID {pid}) is connected to port 25 (SMTP) at {remote} ({count} connection(s)). A program that "
            "is neither a mail app nor security software talking to mail servers on port 25 is typical of spam-sending malware.",
            "steps": ["If you do not know it, disconnect from the network and scan the whole PC with security software.",
                      "Find where the program lives with PowerShell: Get-Process -Id PID | Select-Object Path."],
        },
    },
    "unrecognized": {
        "ja": {"title": "tasklist の出力として読み取れませんでした。tasklist /svc (または tasklist /svc /fi \"pid eq 番号\") の結果を貼り付けてください。"},
        "en": {"title": "This does not look like tasklist output. Paste what tasklist /svc (or tasklist /svc /fi \"pid eq N\") prints."},
    },
    "internal-error": {
        "ja": {"title": "読み取り中に予期しない問題が起きました。出力の全体を貼り付けて、もう一度試してください。"},
        "en": {"title": "Something unexpected went wrong while reading the output. Paste the whole output and try again."},
    },
    "summary": {
        "ja": {
            "head": "tasklist: {count} 個のプロセスを読み取りました。",
            "none": "tasklist: 条件に合うプロセスはありませんでした。",
            "notable": "メールやネットワークに関係するプログラム: {names}。",
            "plain": "メールやネットワークに特に関係するプログラムは見当たりません。",
            "warnings": "注意点が {n} 件あります。",
        },
        "en": {
            "head": "tasklist: {count} process(es) read.",
            "none": "tasklist: no process matched.",
            "notable": "Programs that matter for mail and the network: {names}.",
            "plain": "No program of particular interest for mail or the network.",
            "warnings": "{n} warning(s).",
        },
    },
}


def _render(f, lang):
    text = TEXTS[f["id"]][lang]
    params = TextParams(f["params"])
    return finding_from_text(text, f, pick_detail(text, f["variant"]).format_map(params), PAGES.get(f["id"], PAGE_TASKLIST))


def _summary(procs, findings, doc, lang):
    t = TEXTS["summary"][lang]
    sep = "" if lang == "ja" else " "
    if not procs:
        return t["none"]
    parts = [t["head"].format(count=len(procs))]
    names = []
    for p in procs:
        if p["category"] not in (None, "system", "mail-client"):
            name = _product(p["product"], lang)
            if name not in names:
                names.append(name)
    parts.append(t["notable"].format(names=_join(names[:8], lang)) if names else t["plain"])
    warnings = [f for f in findings if f["severity"] in ("warning", "error")]
    if warnings:
        parts.append(t["warnings"].format(n=len(warnings)))
    return sep.join(parts)


# =============================================================================================
# 5. Command line
# =============================================================================================

_CLI = {
    "ja": {
        "no_input": "入力がありません。Windows では引数なしで実行すると tasklist /svc を実行します。保存した結果なら "
        "python3 explain_tasklist.py tasklist.txt のようにファイルを指定するか、パイプで渡してください。",
    },
    "en": {
        "no_input": "no input. On Windows, run it without arguments and it runs tasklist /svc itself; otherwise give a "
        "saved output (python3 explain_tasklist.py tasklist.txt) or pipe it in.",
    },
}


def main(argv=None):
    hint = {lang: texts["no_input"] for lang, texts in _CLI.items()}
    return explainer_main(argv, PROG, "Explain tasklist output: which program and services a PID is.", explain,
                          ["tasklist", "/svc"], hint)


if __name__ == "__main__":
    sys.exit(main())
