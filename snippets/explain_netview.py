#!/usr/bin/env python3
"""Read what Windows `net view`, `net view \\\\host` (`/all`), `net use` and `net share` printed, and
their errors (システム エラー 53 / System error 53, 67, 5, 64, 86, 1219, 1231, 1272, 1326, 2250,
6118, …), in Japanese and English, and explain them for current Windows: no Computer Browser /
SMB1 list since Windows 10 1709, SMB signing and blocked guest logons on Windows 11 24H2.

    python explain_netview.py FILE      reads a saved output (UTF-8, UTF-16, cp932)
    python explain_netview.py -         reads standard input
        --json        the report as JSON
        --lang en     English instead of Japanese

Several net commands are possible, so this script never runs one itself: save or pipe the output,
e.g. `net use > netuse.txt` or `net view \\\\NAS-01 2>&1 | py explain_netview.py -`.

Exit status: 0 no error found, 1 an error-level finding (a system error; 6118 and 2250 are warnings),
2 usage error / unreadable / not net output. Standard library only; also runs inside Pyodide.

Report data (`data`): {"commands": ["net view \\\\nas"], "servers": [{"name", "remark", "line"}],
"shares": [{"host", "name", "type", "used_as", "comment", "hidden", "line"}],
"uses": [{"status", "local", "remote", "network", "line"}],
"local_shares": [{"name", "resource", "remark", "hidden", "line"}],
"errors": [{"code", "message", "lines"}], "empty_list_lines": [..], "completed_lines": [..]}
"""

from __future__ import annotations

TOOL = "netview"
PROG = "explain_netview.py"

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
# 1. Labels. Lines are compared with all white space removed and case-folded (_compact), so
#    "システム エラー 53 が発生しました。" and "System error 53 has occurred." need no pattern.
# =============================================================================================

COMPLETED = ("thecommandcompletedsuccessfully.", "コマンドは正常に終了しました。")
EMPTY_LIST = ("therearenoentriesinthelist.", "一覧にエントリが存在しません。", "一覧は空です。", "一覧にエントリがありません。")
REMEMBERED = ("newconnectionswillberemembered.", "newconnectionswillnotberemembered.", "新しい接続は記憶されます。",
              "新しい接続は記憶されません。")
# "Shared resources at \\host" / "\\host の共有リソース"
SHARE_VIEW_EN = "sharedresourcesat"
SHARE_VIEW_JA = "の共有リソース"
# net's usage text after a wrong argument (compacted, case-folded).
SYNTAX = ("thesyntaxofthiscommandis:", "このコマンドの構文は次のとおりです:")
GUEST_BLOCKED = ("blockunauthenticatedguestaccess", "ゲストアクセスがブロック")
SIGNING = ("cryptographicsignatureisinvalid", "0xc000a000", "暗号署名が無効")
SHARE_TYPES = {"disk": "disk", "print": "print", "ipc": "ipc", "device": "device", "ディスク": "disk",
               "プリント": "print", "プリンター": "print", "プリンタ": "print", "デバイス": "device"}
USE_STATUS = {"ok": "ok", "disconnected": "disconnected", "unavailable": "unavailable", "reconnecting": "reconnecting",
              "切断": "disconnected", "切断されました": "disconnected", "使用不可": "unavailable", "利用不可": "unavailable",
              "再接続中": "reconnecting"}
NETWORKS = ("microsoftwindowsnetwork", "webclientnetwork", "microsoftterminalservices")
# Well-known hidden (administrative) shares.
ADMIN_SHARES = ("ADMIN$", "IPC$", "PRINT$", "FAX$")
WARNING_CODES = frozenset((6118, 2250))
KNOWN_CODES = (5, 53, 64, 67, 85, 86, 1219, 1231, 1272, 1326, 2250, 6118)


def _compact(text):
    return "".join(text.split()).casefold().replace("：", ":")


def _error_code(key):
    """The N of 'System error N has occurred.' / 'システム エラー N が発生しました。' (compacted), else None."""
    for head, tail in (("systemerror", "hasoccurred"), ("システムエラー", "が発生しました")):
        i = key.find(head)
        if i < 0:
            continue
        j = i + len(head)
        k = j
        while k < len(key) and k - j < 6 and key[k].isdigit() and key[k].isascii():
            k += 1
        if k > j and key.startswith(tail, k):
            return int(key[j:k])
    return None


def _is_ruler(s):
    return len(s) >= 10 and not s.replace("-", "")


def _is_drive(tok):
    return len(tok) == 2 and tok[1] == ":" and tok[0].isascii() and tok[0].isalpha()


def _header(key):
    if key.startswith("servername") and "remark" in key:
        return "servers"
    if key.startswith("サーバー名") and ("注釈" in key or "コメント" in key):
        return "servers"
    if (key.startswith("sharename") and "type" in key) or (key.startswith("共有名") and ("タイプ" in key or "種類" in key)):
        return "shares"
    if (key.startswith("sharename") and "resource" in key) or (key.startswith("共有名") and "リソース" in key):
        return "local_shares"
    if (key.startswith("status") and "local" in key and "remote" in key) or (
            (key.startswith("ステータス") or key.startswith("状態")) and "ローカル" in key and "リモート" in key):
        return "uses"
    return None


# =============================================================================================
# 2. Parsing, one line at a time (split() and table look-ups only: linear time).
# =============================================================================================


class _Doc:
    def __init__(self):
        self.commands = []
        self.servers = []
        self.shares = []
        self.uses = []
        self.local_shares = []
        self.errors = []
        self.empty = []
        self.completed = []
        self.guest_lines = []
        self.signing_lines = []
        self.share_path = []
        self.section = None
        self.host = None
        self.markers = 0
        self.pending_error = None
        self.syntax = []
        self.ruler_seen = False  # a dashed line: a list follows even when its header was not recognized


def _command(s, line_no, doc):
    """A prompt line with a net command: 'C:\\>net view \\\\nas', 'PS C:\\> net use'."""
    low = s.casefold()
    i = low.find("net ")
    if i < 0 or len(s) > 300:
        return False
    if i > 0 and low[i - 1] not in (">", " ", "$"):
        return False
    toks = s[i:].split()
    if len(toks) < 2 or toks[1].casefold() not in ("view", "use", "share"):
        return False
    cmd = " ".join(toks)
    doc.commands.append({"command": cmd, "line": line_no})
    doc.ruler_seen = False
    if toks[1].casefold() == "view":
        for tok in toks[2:]:
            if tok.startswith("\\\\") and "\\" in tok[2:].strip("\\"):
                doc.share_path.append({"command": cmd, "line": line_no, "path": tok})
        doc.section = None
    return True


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
    # Japanese fonts draw the backslash as a yen sign, and people retype it as ¥ or ￥.
    text = text.replace("\u00a5", "\\").replace("\uffe5", "\\")
    doc = _Doc()
    for line_no, line in enumerate(_unquote(text.splitlines()), 1):  # numbered as str.splitlines() counts
        s = line.strip().lstrip("\ufeff").strip()
        if not s:
            continue
        if len(s) > 2000:
            continue
        key = _compact(s)
        code = _error_code(key) if len(key) < 200 else None
        if code is not None:
            tail = ""
            for mark in ("が発生しました。", "has occurred."):
                at = s.find(mark)
                if at >= 0:
                    tail = s[at + len(mark):].strip()
            err = {"code": code, "message": tail, "lines": [line_no]}
            doc.errors.append(err)
            doc.pending_error = err
            doc.markers += 1
            doc.section = None
            continue
        if any(m in key for m in GUEST_BLOCKED):
            doc.guest_lines.append(line_no)
        if any(m in key for m in SIGNING):
            doc.signing_lines.append(line_no)
        if key in COMPLETED:
            doc.completed.append(line_no)
            doc.section = None
            doc.pending_error = None
            continue
        if key in SYNTAX:
            doc.syntax.append(line_no)
            doc.markers += 1
            doc.section = None
            continue
        if key in EMPTY_LIST:
            doc.empty.append({"line": line_no, "section": doc.section})
            doc.markers += 1
            continue
        if key in REMEMBERED:
            doc.section = "uses-intro"
            doc.markers += 1
            continue
        if _command(s, line_no, doc):
            doc.pending_error = None
            continue
        if doc.pending_error is not None and len(doc.pending_error["lines"]) < 4 and not _is_ruler(s):
            err = doc.pending_error
            err["message"] = (err["message"] + " " + s).strip()
            err["lines"].append(line_no)
            continue
        if key.startswith(SHARE_VIEW_EN) and "\\\\" in s:
            doc.host = s[s.find("\\\\"):].split()[0]
            doc.section = "share-intro"
            doc.markers += 1
            continue
        if key.endswith(SHARE_VIEW_JA) and s.startswith("\\\\"):
            doc.host = s.split()[0]
            doc.section = "share-intro"
            doc.markers += 1
            continue
        head = _header(key) if len(key) < 120 else None
        if head is not None:
            doc.section = head
            doc.markers += 1
            continue
        if _is_ruler(s):
            doc.ruler_seen = True
            continue
        _row(doc, s, line, line_no)
    return doc


def _row(doc, s, line, line_no):
    toks = s.split()
    sec = doc.section
    if sec is None and doc.ruler_seen and s.startswith("\\\\") and len(toks) >= 1 and "\\" not in toks[0][2:]:
        sec = "servers"  # net view's server list under a header spelled in a way we do not know
    if sec == "servers" and s.startswith("\\\\"):
        doc.servers.append({"name": toks[0], "remark": " ".join(toks[1:]), "line": line_no})
    elif sec in ("shares", "share-intro"):
        at = None
        for i in range(1, min(len(toks), 10)):
            if toks[i].casefold() in SHARE_TYPES:
                at = i
                break
        if at is None:
            return
        rest = toks[at + 1:]
        used = rest[0] if rest and _is_drive(rest[0]) else None
        comment = " ".join(rest[1:] if used else rest)
        name = " ".join(toks[:at])
        doc.shares.append({"host": doc.host, "name": name, "type": SHARE_TYPES[toks[at].casefold()], "used_as": used,
                           "comment": comment, "hidden": name.endswith("$"), "line": line_no})
    elif sec == "local_shares":
        name = toks[0]
        resource = None
        rest = toks[1:]
        if rest and ((len(rest[0]) >= 2 and rest[0][1] == ":") or rest[0].startswith("\\\\")):
            resource = rest[0]
            rest = rest[1:]
        doc.local_shares.append({"name": name, "resource": resource, "remark": " ".join(rest),
                                 "hidden": name.endswith("$"), "line": line_no})
    elif sec in ("uses", "uses-intro"):
        status = USE_STATUS.get(toks[0].casefold())
        i = 1 if status else 0
        local = toks[i] if i < len(toks) and _is_drive(toks[i]) else None
        if local:
            i += 1
        remote = toks[i] if i < len(toks) and toks[i].startswith("\\\\") else None
        if remote:
            i += 1
        if remote is None and local is None:
            if doc.uses and doc.uses[-1]["network"] is None and _compact(s) in NETWORKS:
                doc.uses[-1]["network"] = s
            return
        doc.uses.append({"status": status or "", "local": local, "remote": remote,
                         "network": " ".join(toks[i:]) or None, "line": line_no})


def _score(doc):
    if doc.errors or doc.uses or doc.shares or doc.servers or doc.local_shares:
        return 0.95
    if doc.markers:
        return 0.9
    if doc.guest_lines or doc.signing_lines:
        return 0.7
    if doc.completed and doc.commands:
        return 0.6
    return 0.0


def detect(text):
    """0.0 .. 1.0: how sure this text is what net view / net use / net share printed."""
    try:
        if not isinstance(text, str) or not text.strip():
            return 0.0
        return _score(parse(text))
    except Exception:  # noqa: BLE001 - detection must never fail
        return 0.0


# =============================================================================================
# 3. Judging
# =============================================================================================


def _join(items, lang):
    return ("、" if lang == "ja" else ", ").join(items)


def _command_before(doc, line_no):
    """The last command line above LINE_NO (binary search: the commands are in line order)."""
    import bisect

    i = bisect.bisect_left([c["line"] for c in doc.commands], line_no) if len(doc.commands) < 64 else \
        bisect.bisect_left(_lines_of(doc), line_no)
    return doc.commands[i - 1] if i > 0 else None


def _lines_of(doc):
    if getattr(doc, "_command_lines", None) is None or len(doc._command_lines) != len(doc.commands):
        doc._command_lines = [c["line"] for c in doc.commands]
    return doc._command_lines


def analyse(text, lang):
    doc = parse(text)
    if _score(doc) < 0.5:
        return _unrecognized(lang)
    out = []

    def add(fid, severity, lines, text_key=None, variant=None, subject=None, **params):
        out.append({"id": fid, "severity": severity, "lines": sorted(set(lines)), "text_key": text_key or fid,
                    "variant": variant, "subject": subject, "params": params})

    codes_seen = set()
    for err in doc.errors:
        code = err["code"]
        if code in codes_seen:
            continue
        cmd = _command_before(doc, err["lines"][0])
        codes_seen.add(code)
        key = "system-error:{0}".format(code) if code in KNOWN_CODES else "system-error:other"
        variant = None
        if code == 67 and doc.share_path:
            variant = "share-path"
        severity = "warning" if code in WARNING_CODES else "error"
        add("system-error", severity, err["lines"], key, variant, cmd["command"] if cmd else "error {0}".format(code),
            code=code, message=err["message"] or "?")
    if doc.guest_lines and 1272 not in codes_seen:
        cmd = _command_before(doc, doc.guest_lines[0])
        add("system-error", "error", doc.guest_lines, "system-error:1272", None,
            cmd["command"] if cmd else "error 1272", code=1272, message="")
    if doc.signing_lines:
        add("smb-signing", "error", doc.signing_lines)
    if doc.syntax and not doc.share_path:
        cmd = _command_before(doc, doc.syntax[0])
        add("syntax-error", "warning", doc.syntax[:1], None, None, cmd["command"] if cmd else None)
    for sp in doc.share_path[:1]:
        add("share-path-given", "warning", [sp["line"]], None, None, sp["command"], path=sp["path"],
            host="\\\\" + sp["path"].strip("\\").split("\\")[0])
    for e in doc.empty[:1]:
        sec = e["section"]
        if sec in ("uses", "uses-intro"):
            add("no-connections", "info", [e["line"]])
        elif sec in ("shares", "share-intro"):
            add("no-shares", "info", [e["line"]], None, None, doc.host)
        else:
            add("no-servers", "info", [e["line"]])
    if doc.servers:
        add("servers", "ok", [x["line"] for x in doc.servers][:60], None, None, None,
            count=len(doc.servers), names=_join([x["name"] for x in doc.servers[:10]], lang))
    if doc.shares:
        visible = [x["name"] for x in doc.shares if not x["hidden"]]
        hidden = [x["name"] for x in doc.shares if x["hidden"]]
        drives = [x["name"] for x in doc.shares if x["hidden"] and len(x["name"]) == 2 and x["name"][0].isalpha()]
        add("shares", "ok", [x["line"] for x in doc.shares][:60], None, "hidden" if hidden else None,
            doc.shares[0]["host"], host=doc.shares[0]["host"] or "?", count=len(doc.shares),
            visible=_join(visible[:12], lang) or "-", hidden=_join(hidden, lang), drives=_join(drives, lang) or "-",
            example=(doc.shares[0]["host"] or "\\\\host") + "\\" + (visible[0] if visible else doc.shares[0]["name"]))
    if doc.local_shares:
        own = [x["name"] for x in doc.local_shares if not x["hidden"]]
        hidden = [x["name"] for x in doc.local_shares if x["hidden"]]
        add("local-shares", "info", [x["line"] for x in doc.local_shares][:60], None, "own" if own else None, None,
            own=_join(own[:12], lang) or "-", hidden=_join(hidden, lang) or "-")
    bad = [u for u in doc.uses if u["status"] in ("disconnected", "unavailable", "reconnecting")]
    good = [u for u in doc.uses if u["status"] not in ("disconnected", "unavailable", "reconnecting")]
    if bad:
        add("disconnected-drive", "warning", [u["line"] for u in bad], None, None,
            ", ".join(u["local"] or u["remote"] or "?" for u in bad),
            drives=_join(["{0} ({1})".format(u["local"], u["remote"] or "?") if u["local"] else (u["remote"] or "?")
                          for u in bad], lang))
    if good:
        add("drive-mappings", "ok", [u["line"] for u in good], None, None, None,
            drives=_join(["{0} {1}".format(u["local"] or "", u["remote"] or "?").strip() for u in good[:12]], lang))
    rank = {s: i for i, s in enumerate(SEVERITY_ORDER)}
    out.sort(key=lambda f: rank[f["severity"]])
    findings = [_render(f, lang) for f in out]
    data = {
        "commands": [c["command"] for c in doc.commands],
        "servers": doc.servers,
        "shares": doc.shares,
        "uses": doc.uses,
        "local_shares": doc.local_shares,
        "errors": doc.errors,
        "empty_list_lines": [e["line"] for e in doc.empty],
        "completed_lines": doc.completed,
    }
    return {"tool": TOOL, "recognized": True, "locale": lang, "summary": _summary(findings, lang), "data": data,
            "findings": findings}


def _unrecognized(lang):
    return empty_report(TOOL, lang, TEXTS["unrecognized"][lang]["title"])


def explain(text, lang="ja"):
    """The report for net view / net use / net share output `text`; never raises."""
    summaries = {key: {code: TEXTS[key][code]["title"] for code in ("ja", "en")} for key in ("unrecognized", "internal-error")}
    return guarded_explain(TOOL, analyse, text, lang, summaries)


# =============================================================================================
# 4. Human text: ONE table keyed by finding id (system errors per code, variants "detail:<v>").
# =============================================================================================

PAGE_NETVIEW = "network/net-view/"
PAGES = {}

_CHECK_445_JA = "相手に届くかを ping で、ファイル共有のポートが開いているかを PowerShell の Test-NetConnection 相手 -Port 445 で確かめます。"
_CHECK_445_EN = "Check with ping that the other device answers, and with PowerShell Test-NetConnection HOST -Port 445 that its file-sharing port is open."

TEXTS = {
    "system-error:53": {
        "ja": {
            "title": "システム エラー 53: ネットワーク パスが見つかりません",
            "detail": "相手のコンピューターが見つからないか、ファイル共有 (445 番) に接続できませんでした。名前が解決できない、相手の電源が切れている、"
            "相手のファイアウォールやセキュリティソフトがファイル共有を止めている、相手の「ファイルとプリンターの共有」がオフ、のどれかがよくある原因です。",
            "steps": ["名前の代わりに IP アドレスで試します (net view \\\\192.168.1.40 のように)。", _CHECK_445_JA,
                      "相手が Windows なら、「設定」→「ネットワークとインターネット」→「ネットワークの詳細設定」→「共有の詳細設定」で"
                      "プライベート ネットワークの「ファイルとプリンターの共有」がオンか、接続がプライベートになっているかを確かめます。"],
        },
        "en": {
            "title": "System error 53: the network path was not found",
            "detail": "The other computer was not found, or its file sharing (port 445) could not be reached. Common causes: the "
            "name does not resolve, the device is off, its firewall or security software blocks file sharing, or file "
            "and printer sharing is off on it.",
            "steps": ["Try the IP address instead of the name (net view \\\\192.168.1.40).", _CHECK_445_EN,
                      "On a Windows target, check that file and printer sharing is on for private networks and that its "
                      "network is set to private (Settings > Network & internet > Advanced network settings > Advanced sharing settings)."],
        },
    },
    "system-error:67": {
        "ja": {
            "title": "システム エラー 67: ネットワーク名が見つかりません",
            "detail": "相手には届きましたが、指定した共有名がありません。共有名の打ち間違いや、共有が削除・名前変更されたことがよくある原因です。",
            "detail:share-path": "net view に共有フォルダーのパス (\\\\コンピューター\\共有名) を渡しています。net view に指定できるのは"
            "コンピューター (\\\\名前) だけなので、共有名の部分は「ネットワーク名」として探され、見つかりません。",
            "steps": ["net view \\\\コンピューター名 で、相手が公開している共有名の一覧を確かめます。",
                      "共有フォルダーを開くなら、エクスプローラーのアドレス バーに \\\\コンピューター名\\共有名 と入力するか、"
                      "net use Z: \\\\コンピューター名\\共有名 でドライブに割り当てます。"],
        },
        "en": {
            "title": "System error 67: the network name cannot be found",
            "detail": "The other computer answered, but the share name given does not exist there: a typo, or the share was "
            "removed or renamed.",
            "detail:share-path": "net view was given a share path (\\\\computer\\share). net view takes only a computer "
            "(\\\\name), so the share part is looked up as a network name and not found.",
            "steps": ["List the computer's shares with net view \\\\COMPUTER.",
                      "To open a share, type \\\\COMPUTER\\SHARE in File Explorer's address bar, or map it with net use Z: \\\\COMPUTER\\SHARE."],
        },
    },
    "system-error:5": {
        "ja": {
            "title": "システム エラー 5: アクセスが拒否されました",
            "detail": "相手には届きましたが、今のユーザー名では権限がありません。管理共有 (C$、ADMIN$) は相手の管理者アカウントでなければ開けません。",
            "steps": ["相手のコンピューターや NAS に登録されているユーザー名とパスワードで接続し直します "
                      "(net use \\\\相手\\共有名 /user:ユーザー名)。",
                      "相手の共有フォルダーのアクセス許可に、そのユーザーが入っているかを確かめます。"],
        },
        "en": {
            "title": "System error 5: access is denied",
            "detail": "The other computer answered, but the current user has no permission. Administrative shares (C$, ADMIN$) "
            "open only with an administrator account of that computer.",
            "steps": ["Connect again with a user name and password that exist on the other computer or NAS "
                      "(net use \\\\HOST\\SHARE /user:NAME).",
                      "Check that this user is allowed in the share's permissions."],
        },
    },
    "system-error:64": {
        "ja": {
            "title": "システム エラー 64: 指定されたネットワーク名は利用できなくなりました",
            "detail": "接続の途中で相手との通信が切れました。ネットワークが不安定なとき、セキュリティソフトやファイアウォールが途中で接続を切るとき、"
            "相手が古い方式 (SMB 1.0) しか使えないときなどに表示されます。",
            "steps": ["もう一度試し、続くときは有線 LAN やほかのパソコンから試して、どちら側の問題かを切り分けます。",
                      "相手が古い NAS なら、NAS の設定で SMB 2 以上を有効にするか、ファームウェアを更新します。"],
        },
        "en": {
            "title": "System error 64: the specified network name is no longer available",
            "detail": "The connection broke while talking to the other computer: an unstable network, security software or a "
            "firewall cutting it, or a device that speaks only the old SMB 1.0.",
            "steps": ["Try again; if it persists, try from a wired connection or another PC to find which side is at fault.",
                      "For an old NAS, enable SMB 2 or later in its settings or update its firmware."],
        },
    },
    "system-error:85": {
        "ja": {
            "title": "システム エラー 85: ローカル デバイス名は既に使用されています",
            "detail": "割り当てようとしたドライブ文字 (Z: など) は、もう別の接続やドライブが使っています。",
            "steps": ["net use で使用中のドライブ文字を確かめ、別の文字を指定するか、net use Z: /delete で前の割り当てを外します。"],
        },
        "en": {
            "title": "System error 85: the local device name is already in use",
            "detail": "The drive letter (Z: or similar) is already used by another connection or drive.",
            "steps": ["See the letters in use with net use; pick another one, or remove the old mapping with net use Z: /delete."],
        },
    },
    "system-error:86": {
        "ja": {
            "title": "システム エラー 86: ネットワーク パスワードが正しくありません",
            "detail": "相手に届き、ユーザー名も受け付けられましたが、パスワードが違います。",
            "steps": ["相手のコンピューターや NAS のユーザーのパスワードを確かめて、net use \\\\相手\\共有名 /user:ユーザー名 * で入力し直します。"],
        },
        "en": {
            "title": "System error 86: the network password is not correct",
            "detail": "The other computer answered and knows the user, but the password is wrong.",
            "steps": ["Check the password of that user on the other computer or NAS and enter it again with net use \\\\HOST\\SHARE /user:NAME *."],
        },
    },
    "system-error:1219": {
        "ja": {
            "title": "システム エラー 1219: 同じサーバーに別のユーザー名で接続しています",
            "detail": "同じ相手に、すでに別のユーザー名で接続しています。Windows では、1 台の相手に同時に使えるユーザー名は 1 つだけです。",
            "steps": ["net use で今の接続を確かめ、その相手への接続を net use \\\\相手\\共有名 /delete (または net use * /delete) で切ってから、"
                      "使いたいユーザー名で接続し直します。"],
        },
        "en": {
            "title": "System error 1219: already connected to that server with another user name",
            "detail": "There is already a connection to the same server with a different user name; Windows allows only one "
            "user name per server at a time.",
            "steps": ["Check the connections with net use, remove the ones to that server (net use \\\\HOST\\SHARE /delete, "
                      "or net use * /delete), then connect with the user name you want."],
        },
    },
    "system-error:1231": {
        "ja": {
            "title": "システム エラー 1231: ネットワークの場所に到達できません",
            "detail": "相手のネットワークへの経路がありません。このパソコンのネットワーク接続が切れている、相手が別のネットワーク (VPN の向こうなど) にいて"
            "つながっていない、アダプターの「Microsoft ネットワーク用クライアント」がオフ、などが考えられます。",
            "steps": ["ipconfig でこのパソコンに IP アドレスとデフォルト ゲートウェイがあるかを確かめます。",
                      "相手が VPN の向こうなら VPN に接続してから試します。", _CHECK_445_JA],
        },
        "en": {
            "title": "System error 1231: the network location cannot be reached",
            "detail": "There is no way to the other network: this PC's connection is down, the target is on another network "
            "(behind a VPN) that is not connected, or \"Client for Microsoft Networks\" is off on the adapter.",
            "steps": ["Check with ipconfig that this PC has an address and a default gateway.",
                      "If the target is behind a VPN, connect the VPN first.", _CHECK_445_EN],
        },
    },
    "system-error:1272": {
        "ja": {
            "title": "ゲスト アクセスがブロックされています (システム エラー 1272)",
            "detail": "相手 (多くは家庭用の NAS やルーターの USB 共有) がユーザー名なしの「ゲスト」接続しか受け付けず、Windows がそれを拒否しました。"
            "Windows 10 (1709) 以降の Enterprise と Education、Windows 11 24H2 以降の Pro では、安全でないゲスト ログオンが既定で無効です。"
            "24H2 に更新した直後に NAS が開けなくなったときの代表的な原因です。",
            "steps": ["NAS の管理画面でユーザー (パスワード付き) を作り、共有フォルダーにアクセス権を与えて、そのユーザー名で接続します "
                      "(net use Z: \\\\NAS\\共有名 /user:ユーザー名 *)。",
                      "ゲスト ログオンを許可するポリシーで戻す方法もありますが、通信が認証も署名もされなくなるため、おすすめしません。"],
        },
        "en": {
            "title": "Guest access is blocked (system error 1272)",
            "detail": "The other device (often a home NAS or a router's USB share) accepts only \"guest\" logons without a "
            "user name, and Windows refused. Insecure guest logons are off by default in Windows 10 (1709) and later "
            "Enterprise and Education, and in Windows 11 24H2 and later Pro. It is the usual cause when a NAS stops "
            "opening right after the 24H2 update.",
            "steps": ["Create a user with a password on the NAS, give it access to the share and connect with it "
                      "(net use Z: \\\\NAS\\SHARE /user:NAME *).",
                      "A policy can allow guest logons again, but then nothing is authenticated or signed; not recommended."],
        },
    },
    "system-error:1326": {
        "ja": {
            "title": "システム エラー 1326: ユーザー名またはパスワードが正しくありません",
            "detail": "相手に届きましたが、ユーザー名かパスワードが受け付けられませんでした。相手が Windows で Microsoft アカウントでサインインしているなら、"
            "そのメール アドレスとパスワードを使います (PIN ではありません)。",
            "steps": ["相手のコンピューターや NAS のユーザー名とパスワードで、net use \\\\相手\\共有名 /user:ユーザー名 * のように接続し直します。",
                      "Windows の「資格情報マネージャー」に古いパスワードが保存されていれば、削除してから試します。"],
        },
        "en": {
            "title": "System error 1326: the user name or password is incorrect",
            "detail": "The other computer answered but did not accept the user name or password. If the target is Windows "
            "signed in with a Microsoft account, use that e-mail address and password (not the PIN).",
            "steps": ["Connect again with a user of the other computer or NAS: net use \\\\HOST\\SHARE /user:NAME *.",
                      "Remove an old saved password from Windows Credential Manager and try again."],
        },
    },
    "system-error:2250": {
        "ja": {
            "title": "システム エラー 2250: そのネットワーク接続はありません",
            "detail": "切断しようとした接続 (ドライブ文字や \\\\相手\\共有名) は、もともと存在しません。すでに切れているので、問題はありません。",
            "steps": ["net use で今ある接続を確かめます。"],
        },
        "en": {
            "title": "System error 2250: this network connection does not exist",
            "detail": "The connection you tried to remove (drive letter or \\\\HOST\\SHARE) does not exist; it is already gone.",
            "steps": ["See the existing connections with net use."],
        },
    },
    "system-error:6118": {
        "ja": {
            "title": "システム エラー 6118: サーバー一覧は利用できません",
            "detail": "引数なしの net view の一覧は、SMB 1.0 を使う「コンピューター ブラウザー」の仕組みで作られていました。Windows 10 (1709) 以降は "
            "SMB 1.0 が標準で入っていないか無効なため、この一覧は作られず、このエラーになるのがふつうです。故障ではありません。",
            "steps": ["相手を名前か IP アドレスで指定して net view \\\\192.168.1.40 のように実行します。",
                      "エクスプローラーの「ネットワーク」を使います (ネットワーク探索がオンで、接続がプライベートになっている必要があります)。",
                      "SMB 1.0 を有効に戻すのは安全上の理由からやめてください。"],
        },
        "en": {
            "title": "System error 6118: the list of servers is not available",
            "detail": "The list that net view shows without arguments came from the Computer Browser service, which needs "
            "SMB 1.0. Since Windows 10 (1709) SMB 1.0 is not installed or is off, so the list is not built and this error "
            "is normal. Nothing is broken.",
            "steps": ["Name the computer: net view \\\\192.168.1.40.",
                      "Use Network in File Explorer (network discovery on, and the network set to private).",
                      "Do not turn SMB 1.0 back on: it is unsafe."],
        },
    },
    "system-error:other": {
        "ja": {
            "title": "システム エラー {code} が発生しました",
            "detail": "net コマンドがエラー {code} で失敗しました ({message})。",
            "steps": ["net helpmsg {code} で、エラーの説明を表示できます。"],
        },
        "en": {
            "title": "System error {code} has occurred",
            "detail": "The net command failed with error {code} ({message}).",
            "steps": ["net helpmsg {code} shows the description of the error."],
        },
    },
    "smb-signing": {
        "ja": {
            "title": "SMB 署名が必要なのに、相手が署名しません",
            "detail": "「暗号署名が無効」(The cryptographic signature is invalid、0xc000a000) は、Windows が SMB 署名を求めたのに、"
            "相手 (古い NAS など) が署名に対応していないか、署名をオフにしているときに表示されます。Windows 11 24H2 の Pro、Enterprise、"
            "Education では、すべての接続で SMB 署名が既定で必須になりました (Home は対象外)。",
            "steps": ["NAS の設定で SMB 署名を有効にするか、ファームウェアを更新します。",
                      "署名に対応しない古い機器は、買い替えを検討します。Windows 側で署名の要求を切るのは安全上おすすめしません。"],
        },
        "en": {
            "title": "SMB signing is required, but the other device does not sign",
            "detail": "\"The cryptographic signature is invalid\" (0xc000a000) appears when Windows requires SMB signing and the "
            "other device (often an old NAS) does not support it or has it off. Windows 11 24H2 Pro, Enterprise and "
            "Education require SMB signing on all connections by default (Home does not).",
            "steps": ["Enable SMB signing in the NAS settings or update its firmware.",
                      "Consider replacing a device that cannot sign; turning the requirement off in Windows is not recommended."],
        },
    },
    "share-path-given": {
        "ja": {
            "title": "net view に共有フォルダーのパスを渡しています",
            "detail": "net view {path} のように共有名まで指定しています。net view に渡せるのはコンピューター ({host}) だけです。",
            "steps": ["共有の一覧なら net view {host} を実行します。",
                      "その共有フォルダーを使うなら、エクスプローラーのアドレス バーに {path} と入力するか、net use Z: {path} で割り当てます。"],
        },
        "en": {
            "title": "net view was given a share path",
            "detail": "The command names a share ({path}); net view takes only a computer ({host}).",
            "steps": ["For the list of shares run net view {host}.",
                      "To use the share, type {path} in File Explorer's address bar or map it with net use Z: {path}."],
        },
    },
    "syntax-error": {
        "ja": {
            "title": "コマンドの書き方が違います",
            "detail": "net コマンドが「このコマンドの構文は次のとおりです」と、正しい書き方を表示しました。指定したオプションや相手の書き方が受け付けられませんでした。",
            "steps": ["相手は \\\\コンピューター名 (または \\\\IP アドレス) の形で、円記号 (バックスラッシュ) 2 つを付けて書きます。",
                      "net view /? や net use /? で書き方を確かめます。"],
        },
        "en": {
            "title": "The command was not written the way net expects",
            "detail": "net printed \"The syntax of this command is\" and its usage: an option or the computer name was not accepted.",
            "steps": ["Write the computer as \\\\NAME (or \\\\IP address), with two backslashes.",
                      "See the usage with net view /? or net use /?."],
        },
    },
    "no-servers": {
        "ja": {
            "title": "一覧にコンピューターがありません",
            "detail": "net view の一覧が空でした。今の Windows 10/11 では、コンピューター ブラウザー (SMB 1.0) が使われないため、"
            "共有をしている機器があっても一覧が空になるのがふつうです。",
            "steps": ["相手を指定して net view \\\\コンピューター名 (または IP アドレス) を実行します。",
                      "エクスプローラーの「ネットワーク」で探します (ネットワーク探索をオンに)。"],
        },
        "en": {
            "title": "No computers in the list",
            "detail": "The net view list was empty. On current Windows 10/11 the Computer Browser (SMB 1.0) is not used, so "
            "the list is usually empty even when devices share files.",
            "steps": ["Name the computer: net view \\\\NAME (or its IP address).",
                      "Look in Network in File Explorer (turn network discovery on)."],
        },
    },
    "no-shares": {
        "ja": {
            "title": "公開している共有がありません",
            "detail": "相手には接続できましたが、公開している共有はありませんでした (隠し共有は net view 相手 /all で表示されます)。",
            "steps": ["相手の共有の設定を確かめます。"],
        },
        "en": {
            "title": "No shares offered",
            "detail": "The computer answered but offers no shares (hidden ones show with net view HOST /all).",
            "steps": ["Check the sharing settings on that computer."],
        },
    },
    "no-connections": {
        "ja": {
            "title": "ネットワーク ドライブの接続はありません",
            "detail": "net use の一覧は空で、このユーザーがつないでいる共有フォルダーやネットワーク ドライブはありません。",
            "steps": ["共有フォルダーをドライブに割り当てるなら net use Z: \\\\コンピューター名\\共有名 を実行します。"],
        },
        "en": {
            "title": "No network drive connections",
            "detail": "The net use list is empty: this user is connected to no share or network drive.",
            "steps": ["To map a share to a drive: net use Z: \\\\COMPUTER\\SHARE."],
        },
    },
    "servers": {
        "ja": {
            "title": "共有しているコンピューターの一覧",
            "detail": "{count} 台のコンピューターが表示されました: {names}。",
            "steps": [],
        },
        "en": {
            "title": "Computers that share",
            "detail": "{count} computer(s) listed: {names}.",
            "steps": [],
        },
    },
    "shares": {
        "ja": {
            "title": "{host} が公開している共有",
            "detail": "{count} 個の共有があります: {visible}。エクスプローラーのアドレス バーに {example} のように入力すると開けます。",
            "detail:hidden": "{count} 個の共有があります: {visible}。名前が $ で終わる {hidden} は隠し共有 (管理共有) で、ふつうの一覧には出ません。"
            "ドライブ全体 ({drives}) と ADMIN$ (Windows フォルダー) は相手の管理者だけが使え、IPC$ はファイルではなく接続の手続きに使うものです。"
            "どれも Windows が自動で作る標準のものです。",
            "steps": [],
        },
        "en": {
            "title": "Shares offered by {host}",
            "detail": "{count} share(s): {visible}. Open one by typing {example} in File Explorer's address bar.",
            "detail:hidden": "{count} share(s): {visible}. {hidden} end in $: hidden (administrative) shares that normal "
            "lists leave out. Whole drives ({drives}) and ADMIN$ (the Windows folder) are for the computer's administrators "
            "only, and IPC$ is used to set up connections, not for files. Windows creates them all by itself.",
            "steps": [],
        },
    },
    "local-shares": {
        "ja": {
            "title": "このパソコンが公開している共有",
            "detail": "このパソコンは {hidden} を公開しています。$ で終わるものは Windows が自動で作る隠し共有 (管理共有) で、管理者だけが使えます。",
            "detail:own": "このパソコンは {own} を共有しています (ほかに隠し共有 {hidden})。自分で作った共有に、見覚えのないものがないか確かめてください。",
            "steps": [],
        },
        "en": {
            "title": "Shares this PC offers",
            "detail": "This PC offers {hidden}. Names ending in $ are hidden (administrative) shares Windows creates; only "
            "administrators can use them.",
            "detail:own": "This PC shares {own} (plus the hidden shares {hidden}). Check that you know every share you created.",
            "steps": [],
        },
    },
    "disconnected-drive": {
        "ja": {
            "title": "切断されたネットワーク ドライブがあります",
            "detail": "{drives} は接続が切れています (Disconnected / Unavailable)。起動直後でまだ開いていないだけのこともあります。"
            "開こうとしてエラーになるなら、相手の電源、ネットワーク、ユーザー名とパスワードを確かめてください。",
            "steps": ["エクスプローラーでそのドライブを開いてみます。開けなければ、net view \\\\相手 で相手に届くかを確かめます。",
                      "不要な割り当てなら net use ドライブ文字 /delete で外します。"],
        },
        "en": {
            "title": "A network drive is disconnected",
            "detail": "{drives}: the connection is down (Disconnected / Unavailable). Right after start-up this can just mean "
            "it was not opened yet. If opening it fails, check the other device's power, the network, and the user name and password.",
            "steps": ["Open the drive in File Explorer; if it fails, check with net view \\\\HOST that the device answers.",
                      "Remove a mapping you do not need with net use X: /delete."],
        },
    },
    "drive-mappings": {
        "ja": {
            "title": "つながっている共有",
            "detail": "接続できている共有: {drives}。",
            "steps": [],
        },
        "en": {
            "title": "Connected shares",
            "detail": "Connected: {drives}.",
            "steps": [],
        },
    },
    "unrecognized": {
        "ja": {"title": "net view / net use / net share の出力として読み取れませんでした。コマンドの結果 (エラーのメッセージも含めて) を貼り付けてください。"},
        "en": {"title": "This does not look like net view / net use / net share output. Paste what the command printed, error messages included."},
    },
    "internal-error": {
        "ja": {"title": "読み取り中に予期しない問題が起きました。出力の全体を貼り付けて、もう一度試してください。"},
        "en": {"title": "Something unexpected went wrong while reading the output. Paste the whole output and try again."},
    },
    "summary": {
        "ja": {
            "head": "net: ",
            "errors": "問題が {n} 件あります (最初: {title})。",
            "warnings": "注意点が {n} 件あります (最初: {title})。",
            "fine": "エラーは見つかりませんでした。",
        },
        "en": {
            "head": "net: ",
            "errors": "{n} problem(s) found (first: {title}).",
            "warnings": "{n} warning(s) (first: {title}).",
            "fine": "No error found.",
        },
    },
}


def _render(f, lang):
    text = TEXTS[f["text_key"]][lang]
    params = TextParams(f["params"])
    detail = pick_detail(text, f["variant"]).format_map(params)
    text = dict(text, title=text["title"].format_map(params), steps=[s.format_map(params) for s in text.get("steps", [])])
    return finding_from_text(text, f, detail, PAGES.get(f["id"], PAGE_NETVIEW))


def _summary(findings, lang):
    t = TEXTS["summary"][lang]
    errors = [f for f in findings if f["severity"] == "error"]
    warnings = [f for f in findings if f["severity"] == "warning"]
    if errors:
        return t["head"] + t["errors"].format(n=len(errors), title=errors[0]["title"])
    if warnings:
        return t["head"] + t["warnings"].format(n=len(warnings), title=warnings[0]["title"])
    return t["head"] + t["fine"]


# =============================================================================================
# 5. Command line
# =============================================================================================

_CLI = {
    "ja": {
        "no_input": "入力がありません。net view \\\\相手 > netview.txt 2>&1 のように保存して python3 explain_netview.py netview.txt "
        "と実行するか、パイプで渡してください (net のどのコマンドかが決まらないため、このスクリプトは自分では実行しません)。",
    },
    "en": {
        "no_input": "no input. Save the output with net view \\\\HOST > netview.txt 2>&1 and run python3 explain_netview.py "
        "netview.txt, or pipe it in (several net commands are possible, so this script never runs one itself).",
    },
}


def main(argv=None):
    hint = {lang: texts["no_input"] for lang, texts in _CLI.items()}
    return explainer_main(argv, PROG, "Explain net view / net use / net share output and their system errors.", explain,
                          None, hint)


if __name__ == "__main__":
    sys.exit(main())
