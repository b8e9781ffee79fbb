#!/usr/bin/env python3
"""Read nbtstat output and explain it: `nbtstat -n` (this PC's NetBIOS names), `-a NAME` /
`-A ADDRESS` (the name table of another computer), `-c` (the name cache), `-r` (names resolved
by broadcast or WINS), `-S` / `-s` (sessions), in Japanese and English Windows. Samba answers
the same queries (`nmblookup -A` is its own tool and is not read here).

    python explain_nbtstat.py          on Windows: runs `nbtstat -n` itself
    python explain_nbtstat.py FILE     reads a saved output (UTF-8, UTF-16, cp932)
    python explain_nbtstat.py -        reads standard input
        --json        the report as JSON
        --lang en     English instead of Japanese

Exit status: 0 no error found, 1 an error-level finding (a name in conflict), 2 usage error /
unreadable / not nbtstat output. Standard library only; also runs inside Pyodide.

Report "data":

    {"adapters": [{"name": "Ethernet" or None, "node_ip": "192.168.1.10" (THIS PC's address on that
                   adapter, also in a node status of another computer), "line": 2,
                   "host_not_found": False, "no_names": False}],
     "tables": [{"kind": "local" | "remote" | "cache" | "resolved" | "sessions",
                 "adapter": "Ethernet" or None, "line": 4,
                 "names": [{"name": "NAS-01", "suffix": "20", "type": "unique" | "group" | None,
                            "status": "registered" | "conflict" | "deregistered" | "registering" | None,
                            "status_raw": "登録済", "ip": None or "192.168.1.40" (cache, sessions),
                            "line": 9}],
                 "mac": "a4:5e:60:12:34:56" or None (remote tables: the other computer's MAC),
                 "mac_raw": "A4-5E-60-12-34-56" or None}],
     "statistics": {"resolved_by_broadcast": 3, ...}}

Japanese labels: no real Japanese capture of nbtstat is published, so the reader accepts the
variants known (ノード IpAddress / スコープ ID, NetBIOS ローカル ネーム テーブル, 名前 種類 状態,
一意 / グループ, 登録済 / 登録済み / 競合 / 登録解除, ホストが見つかりません。, キャッシュに名前が
ありません) and otherwise relies on the layout (NAME <hh> TYPE STATUS), which is the same in
every language.
"""

from __future__ import annotations

TOOL = "nbtstat"
PROG = "explain_nbtstat.py"

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
# 1. Words (compared after removing white space and case-folding)
# =============================================================================================

TYPES = {"unique": "unique", "一意": "unique", "group": "group", "グループ": "group"}
STATUSES = {
    "registered": "registered", "登録済": "registered", "登録済み": "registered",
    "conflict": "conflict", "競合": "conflict",
    "deregistered": "deregistered", "登録解除": "deregistered", "登録解除済": "deregistered", "登録解除済み": "deregistered",
    "registering": "registering", "登録中": "registering",
}
NODE_PREFIXES = ("nodeipaddress:", "ノードipaddress:", "ノードipアドレス:")
HOST_NOT_FOUND = ("hostnotfound.", "hostnotfound", "ホストが見つかりません。", "ホストが見つかりません")
NO_NAMES = ("nonamesincache", "キャッシュに名前がありません", "キャッシュに名前がありません。")
NO_CONNECTIONS = ("noconnections", "接続はありません", "接続はありません。")
MAC_PREFIXES = ("macaddress=", "macアドレス=")
# What the 16th byte of a NetBIOS name says (Microsoft KB 163409, KB 119495).
SUFFIXES = {
    "00": ("workstation", "ワークステーション (コンピューター名)", "Workstation (computer name)"),
    "00g": ("domain", "ワークグループ名またはドメイン名", "Workgroup or domain name"),
    "03": ("messenger", "メッセンジャー サービス (コンピューター名やログオン中のユーザー名)", "Messenger service (computer or logged-on user name)"),
    "20": ("file-server", "ファイル共有 (サーバー サービス)", "File sharing (Server service)"),
    "1b": ("domain-master-browser", "ドメインのマスター ブラウザー", "Domain master browser"),
    "1c": ("domain-controllers", "ドメイン コントローラー", "Domain controllers"),
    "1d": ("master-browser", "このセグメントのマスター ブラウザー", "Master browser of this segment"),
    "1e": ("browser-election", "ブラウザーの選定に参加する名前", "Browser election"),
    "01": ("msbrowse", "マスター ブラウザー (__MSBROWSE__)", "Master browser (__MSBROWSE__)"),
}
_HEX = frozenset("0123456789abcdefABCDEF")


def _compact(text):
    return "".join(text.split()).casefold().replace("：", ":").replace("＝", "=")


def _ipv4(text):
    if not 7 <= len(text) <= 15:
        return None
    parts = text.split(".")
    if len(parts) != 4:
        return None
    for part in parts:
        if not part or len(part) > 3 or not part.isdigit() or not part.isascii() or int(part) > 255:
            return None
    return text


def _table_kind(key):
    """The kind of table a compacted title line starts, else None."""
    if not key.startswith("netbios") or len(key) > 80:
        return None
    if "cache" in key or "キャッシュ" in key:
        return "cache"
    if "local" in key or "ローカル" in key:
        return "local"
    if "remote" in key or "リモート" in key:
        return "remote"
    if "resol" in key or "解決" in key:
        return "resolved"
    if "connection" in key or "接続" in key or "session" in key or "セッション" in key:
        return "sessions"
    return None


def _suffix_at(toks):
    """(index, suffix) of the '<hh>' token, also glued to the name ('..__MSBROWSE__.<01>')."""
    for i, tok in enumerate(toks[:8]):
        if len(tok) >= 4 and tok[-1] == ">" and tok[-4] == "<" and tok[-3] in _HEX and tok[-2] in _HEX:
            return i, tok[-3:-1].lower()
    return None, None


# =============================================================================================
# 2. Parsing, one line at a time (split() and look-ups: linear time)
# =============================================================================================


class _Doc:
    def __init__(self):
        self.adapters = []
        self.tables = []
        self.stats = {}
        self.table = None
        self.adapter = None
        self.pending_name = None
        self.marks = 0
        self.rows = 0
        self.no_connections = []
        self.stat_lines = []


def parse(text):
    doc = _Doc()
    for line_no, line in enumerate(text.splitlines(), 1):
        s = line.strip().lstrip("\ufeff").strip()
        if not s or len(s) > 300:
            continue
        key = _compact(s)
        if key.startswith(NODE_PREFIXES) and "[" in s:
            ip = s[s.find("[") + 1 : s.find("]")] if "]" in s else ""
            doc.adapter = {"name": doc.pending_name, "node_ip": ip or None, "line": line_no,
                           "host_not_found": False, "no_names": False}
            doc.adapters.append(doc.adapter)
            doc.pending_name = None
            doc.table = None
            doc.marks += 1
            continue
        if key.endswith(":") and len(key) <= 80 and "=" not in key and not key.startswith(("c:\\", "ps", "$")) \
                and "[" not in key and not _table_kind(key):
            doc.pending_name = s.rstrip(":：").strip()
            continue
        kind = _table_kind(key)
        if kind is not None:
            doc.table = {"kind": kind, "adapter": doc.adapter["name"] if doc.adapter else None, "line": line_no,
                         "names": [], "mac": None, "mac_raw": None,
                         "_node": (doc.adapter["node_ip"], doc.adapter["line"]) if doc.adapter else (None, None)}
            doc.tables.append(doc.table)
            doc.marks += 1
            continue
        if key in HOST_NOT_FOUND:
            if doc.adapter is not None:
                doc.adapter["host_not_found"] = True
                doc.adapter["host_not_found_line"] = line_no
                doc.marks += 1
            continue
        if key in NO_NAMES:
            if doc.adapter is not None:
                doc.adapter["no_names"] = True
                doc.adapter["no_names_line"] = line_no
            doc.marks += 1
            continue
        if key in NO_CONNECTIONS:
            doc.no_connections.append(line_no)
            continue
        if key.startswith(MAC_PREFIXES):
            raw = s.split("=", 1)[1].strip() if "=" in s else ""
            if doc.table is not None:
                doc.table["mac_raw"] = raw
                doc.table["mac"] = _mac(raw)
                doc.table["mac_line"] = line_no
            continue
        if "=" in s and doc.table is not None and doc.table["kind"] == "resolved":
            name, _, value = s.partition("=")
            value = value.strip()
            if value.isdecimal() and len(value) <= 12:
                doc.stats["_".join(name.split()).casefold()] = int(value)
                doc.stat_lines.append(line_no)
            continue
        toks = s.split()
        if len(toks) < 2 or len(toks) > 14:
            continue
        i, suffix = _suffix_at(toks)
        if i is None:
            continue
        _name_row(doc, toks, i, suffix, line_no)
    return doc


def _mac(raw):
    parts = raw.replace(":", "-").split("-")
    if len(parts) != 6 or not all(len(p) == 2 and p[0] in _HEX and p[1] in _HEX for p in parts):
        return None
    return ":".join(p.lower() for p in parts)


def _name_row(doc, toks, i, suffix, line_no):
    glued = toks[i]
    name_parts = toks[:i] + ([glued[:-4]] if len(glued) > 4 else [])
    name = " ".join(name_parts).strip()
    rest = toks[i + 1 :]
    ntype = TYPES.get(rest[0].casefold()) if rest else None
    status_raw = None
    status = None
    ip = None
    for tok in rest[1:] if ntype else rest:
        folded = tok.casefold()
        if folded in STATUSES and status is None:
            status, status_raw = STATUSES[folded], tok
        elif _ipv4(tok) and ip is None:
            ip = tok
    if ntype is None and status is None and ip is None:
        return
    table = doc.table
    if table is None:
        table = {"kind": "local" if ip is None else "cache", "adapter": None, "line": line_no, "names": [], "mac": None,
                 "mac_raw": None, "_node": (None, None)}
        doc.tables.append(table)
        doc.table = table
    table["names"].append({"name": name, "suffix": suffix, "type": ntype, "status": status, "status_raw": status_raw,
                           "ip": ip, "line": line_no})
    doc.rows += 1


# =============================================================================================
# 3. Interpretation
# =============================================================================================


def _score(doc):
    named = sum(1 for t in doc.tables for n in t["names"] if n["type"] is not None)
    score = 0.3 * min(doc.marks, 3) + 0.1 * min(named, 4)
    if doc.marks == 0:
        score = min(0.15 * min(named, 3), 0.45)
    return round(min(1.0, score), 2)


def detect(text):
    """0.0 .. 1.0: how sure this text is nbtstat output."""
    try:
        if not isinstance(text, str) or not text.strip():
            return 0.0
        return _score(parse(text))
    except Exception:  # noqa: BLE001 - detection must never fail
        return 0.0


def _label(n, lang):
    return "{0}<{1}>".format(n["name"], n["suffix"].upper())


def _role(n, lang):
    key = n["suffix"]
    if key == "00" and n["type"] == "group":
        key = "00g"
    hit = SUFFIXES.get(key)
    if hit is None:
        return None
    return hit[1] if lang == "ja" else hit[2]


def _names_listing(names, lang, limit=8):
    parts = []
    for n in names[:limit]:
        role = _role(n, lang)
        parts.append("{0} ({1})".format(_label(n, lang), role) if role else _label(n, lang))
    text = ("、" if lang == "ja" else ", ").join(parts)
    if len(names) > limit:
        text += " ほか" if lang == "ja" else " …"
    return text


def analyse(text, lang):
    """The report. May raise on a bug; explain() is the safe wrapper."""
    doc = parse(text)
    if _score(doc) < 0.3 or not (doc.adapters or doc.tables):
        return _unrecognized(lang)
    out = []

    def add(fid, severity, lines=(), variant=None, subject=None, **params):
        finding = {"id": fid, "severity": severity, "variant": variant, "params": params}
        if subject:
            finding["subject"] = subject
        finding["lines"] = sorted(set(lines))
        out.append(finding)

    seen_tables = set()
    seen_conflicts = set()
    for table in doc.tables:
        names = table["names"]
        node_ip, node_line = table["_node"]
        # nbtstat -n prints the same names once per adapter: say it once.
        key = (table["kind"], tuple((n["name"], n["suffix"], n["type"], n["status"], n["ip"]) for n in names))
        if names and key in seen_tables:
            continue
        seen_tables.add(key)
        conflicts = [n for n in names if n["status"] == "conflict" and (n["name"], n["suffix"]) not in seen_conflicts]
        seen_conflicts.update((n["name"], n["suffix"]) for n in conflicts)
        for n in conflicts:
            add("name-conflict", "error", [n["line"]], "remote" if table["kind"] == "remote" else None, _label(n, lang),
                name=_label(n, lang), role=_role(n, lang) or "?")
        if table["kind"] in ("local", "remote") and names:
            unique00 = [n for n in names if n["suffix"] == "00" and n["type"] == "unique"]
            group00 = [n for n in names if n["suffix"] == "00" and n["type"] == "group"]
            computer = unique00[0]["name"] if unique00 else (names[0]["name"])
            params = dict(computer=computer, workgroup=group00[0]["name"] if group00 else "?",
                          names=_names_listing(names, lang), node=node_ip or "?", mac=table["mac_raw"] or "?",
                          count=len(names))
            lines = [table["line"]] + [n["line"] for n in names[:1]]
            if table["kind"] == "local":
                add("local-names", "ok" if not conflicts else "info", lines, None, computer, **params)
            else:
                variant = None
                if table["mac"] == "00:00:00:00:00:00":
                    variant = "samba"
                elif table["mac"] is None:
                    variant = "no-mac"
                if table.get("mac_line"):
                    lines.append(table["mac_line"])
                if node_ip:
                    lines.append(node_line)
                    params["node_note"] = TEXTS["node-note"][lang]["title"].format(node=node_ip)
                else:
                    params["node_note"] = ""
                add("node-status", "ok", lines, variant, computer, **params)
            servers = [n for n in names if n["suffix"] == "20" and n["status"] != "conflict"]
            if servers:
                add("file-server-present", "info", [servers[0]["line"]], "local" if table["kind"] == "local" else None,
                    servers[0]["name"], computer=servers[0]["name"])
        elif table["kind"] == "cache" and names:
            listing = ("、" if lang == "ja" else ", ").join(
                "{0} → {1}".format(_label(n, lang), n["ip"] or "?") for n in names[:8])
            add("name-cache", "info", [table["line"]] + [n["line"] for n in names], None, None,
                count=len(names), names=listing)
        elif table["kind"] == "sessions" and names:
            listing = ("、" if lang == "ja" else ", ").join(
                "{0}{1}".format(_label(n, lang), " ↔ " + n["ip"] if n["ip"] else "") for n in names[:8])
            add("sessions", "info", [table["line"]] + [n["line"] for n in names], None, None,
                count=len(names), names=listing)

    if doc.stats:
        bcast = doc.stats.get("resolved_by_broadcast", "?")
        server = doc.stats.get("resolved_by_name_server", "?")
        add("resolution-stats", "info", doc.stat_lines[:2], "no-wins" if server == 0 else None, None,
            broadcast=bcast, server=server)

    remote_found = any(t["kind"] == "remote" and t["names"] for t in doc.tables)
    missing = [a for a in doc.adapters if a["host_not_found"]]
    if missing and not remote_found:
        add("host-not-found", "warning", [a.get("host_not_found_line", a["line"]) for a in missing], None,
            ", ".join(a["name"] or a["node_ip"] or "?" for a in missing[:4]),
            adapters=", ".join(a["name"] or "?" for a in missing[:4]))
    empty = [a for a in doc.adapters if a["no_names"]]
    if empty and not any(t["names"] for t in doc.tables):
        add("no-names", "info", [a.get("no_names_line", a["line"]) for a in empty], None, None, count=len(empty))

    rank = {s: i for i, s in enumerate(SEVERITY_ORDER)}
    out.sort(key=lambda f: rank[f["severity"]])
    findings = [_render(f, lang) for f in out]
    data = {
        "adapters": [{k: v for k, v in a.items() if not k.endswith("_line")} for a in doc.adapters],
        "tables": [{k: v for k, v in t.items() if k not in ("mac_line", "_node")} for t in doc.tables],
        "statistics": doc.stats,
    }
    return {
        "tool": TOOL,
        "recognized": True,
        "locale": lang,
        "summary": _summary(doc, findings, lang),
        "data": data,
        "findings": findings,
    }


def _unrecognized(lang):
    return empty_report(TOOL, lang, TEXTS["unrecognized"][lang]["title"])


def explain(text, lang="ja"):
    """The report for nbtstat output `text`; never raises."""
    summaries = {key: {code: TEXTS[key][code]["title"] for code in ("ja", "en")} for key in ("unrecognized", "internal-error")}
    return guarded_explain(TOOL, analyse, text, lang, summaries)


# =============================================================================================
# 4. Human text: ONE table keyed by finding id (variants as "detail:<variant>").
# =============================================================================================

PAGE_NBT = "network/nbtstat/"
PAGES = {"file-server-present": "network/net-view/", "sessions": "network/net-view/"}

TEXTS = {
    "name-conflict": {
        "ja": {
            "title": "NetBIOS 名が競合しています",
            "detail": "{name} ({role}) の状態が「競合」(Conflict) です。同じ LAN の別の機器がすでに同じ名前を登録しているため、"
            "このパソコンはこの名前を使えず、ほかのパソコンから名前で見つけてもらえません。"
            "パソコンを丸ごと複製した、同じ名前の古いパソコンがまだ LAN にいる、などで起きます。",
            "detail:remote": "問い合わせた相手の {name} ({role}) の状態が「競合」(Conflict) です。同じ LAN の別の機器が同じ名前を使っていて、"
            "相手はこの名前で見つけてもらえなくなっています。",
            "steps": [
                "同じコンピューター名の機器がないか確かめます (nbtstat -a 名前 で、別の IP アドレスから返事がないか)。",
                "どちらかのコンピューター名を変えます (「設定」→「システム」→「バージョン情報」→「この PC の名前を変更」)。",
                "再起動して、nbtstat -n で「登録済」に変わったか確かめます。",
            ],
        },
        "en": {
            "title": "A NetBIOS name is in conflict",
            "detail": "{name} ({role}) is in the state Conflict: another device on the network already registered the same "
            "name, so this computer cannot use it and cannot be found by that name. Cloned computers, or an old computer "
            "with the same name still on the network, cause this.",
            "detail:remote": "On the computer asked, {name} ({role}) is in the state Conflict: another device on the network "
            "uses the same name, and this one cannot be found by it.",
            "steps": [
                "Look for another device with the same name (nbtstat -a NAME answering from another address).",
                "Rename one of them (Settings → System → About → Rename this PC).",
                "Restart and check with nbtstat -n that the name is Registered.",
            ],
        },
    },
    "local-names": {
        "ja": {
            "title": "このパソコンの NetBIOS 名",
            "detail": "このパソコン ({node}) は {count} 個の名前を登録しています: {names}。"
            "<00> はコンピューター名 (一意) とワークグループ名 (グループ)、<20> はファイル共有のサービスです。",
            "steps": [],
        },
        "en": {
            "title": "This computer's NetBIOS names",
            "detail": "This computer ({node}) registered {count} name(s): {names}. <00> is the computer name (unique) and "
            "the workgroup (group); <20> is the file sharing service.",
            "steps": [],
        },
    },
    "node-status": {
        "ja": {
            "title": "相手のコンピューターが名前の一覧を返しました",
            "detail": "相手は {computer} (ワークグループ {workgroup}) で、MAC アドレスは {mac} です。名前の一覧: {names}。"
            "{node_note}相手の MAC アドレスを arp -a の結果と比べると、その IP アドレスに本当にその機器がいるか確かめられます。",
            "detail:samba": "相手は {computer} (ワークグループ {workgroup}) です。名前の一覧: {names}。"
            "MAC アドレスが 00-00-00-00-00-00 なのは、多くの場合、相手が Samba (Linux の NAS など) だからです。Samba はここに MAC アドレスを入れないので、正常です。{node_note}",
            "detail:no-mac": "相手は {computer} (ワークグループ {workgroup}) です。名前の一覧: {names}。{node_note}",
            "steps": [],
        },
        "en": {
            "title": "The other computer answered with its names",
            "detail": "The computer is {computer} (workgroup {workgroup}), MAC address {mac}. Its names: {names}. {node_note}Comparing the MAC address with "
            "arp -a shows whether that IP address really is this device.",
            "detail:samba": "The computer is {computer} (workgroup {workgroup}). Its names: {names}. The MAC address "
            "00-00-00-00-00-00 usually means it is Samba (a Linux NAS, for example), which leaves this field empty: normal. {node_note}",
            "detail:no-mac": "The computer is {computer} (workgroup {workgroup}). Its names: {names}. {node_note}",
            "steps": [],
        },
    },
    "node-note": {
        "ja": {"title": "見出しの Node IpAddress [{node}] は相手ではなく、問い合わせたこのパソコン自身のアドレスです。"},
        "en": {"title": "The heading Node IpAddress [{node}] is this computer, which asked, not the other one. "},
    },
    "file-server-present": {
        "ja": {
            "title": "ファイル共有のサービスが動いています",
            "detail": "{computer} は <20> (サーバー サービス) を登録しているので、ファイルやプリンターの共有を提供できる状態です。"
            "共有フォルダーに入れないときは、名前ではなく \\\\IP アドレス で直接開いてみてください。",
            "detail:local": "このパソコン ({computer}) は <20> (サーバー サービス) を登録しているので、ほかのパソコンにファイルやプリンターを共有できる状態です。",
            "steps": ["共有の一覧は net view \\\\名前 で確かめられます。"],
        },
        "en": {
            "title": "File sharing is running",
            "detail": "{computer} registered <20> (the Server service): it can offer file and printer shares. If a share "
            "cannot be opened, try \\\\IP-address instead of the name.",
            "detail:local": "This computer ({computer}) registered <20> (the Server service): it can share files and printers.",
            "steps": ["net view \\\\NAME lists the shares."],
        },
    },
    "name-cache": {
        "ja": {
            "title": "名前のキャッシュ",
            "detail": "このパソコンが覚えている名前と IP アドレスの対応が {count} 件あります: {names}。"
            "相手の IP アドレスを変えた後も古い対応が残っていると、名前でつながらないことがあります。",
            "steps": ["古い対応を消すには、管理者として開いたコマンドプロンプトで nbtstat -R を実行します。"],
        },
        "en": {
            "title": "The name cache",
            "detail": "This computer remembers {count} name(s) with their addresses: {names}. An old entry after a device "
            "changed its address can make the name fail.",
            "steps": ["To clear it, run nbtstat -R in an administrator command prompt."],
        },
    },
    "sessions": {
        "ja": {
            "title": "NetBIOS のセッション",
            "detail": "NetBIOS (ポート 139) でつながっているセッションが {count} 件あります: {names}。",
            "steps": [],
        },
        "en": {
            "title": "NetBIOS sessions",
            "detail": "{count} session(s) over NetBIOS (port 139): {names}.",
            "steps": [],
        },
    },
    "resolution-stats": {
        "ja": {
            "title": "名前を解決した方法",
            "detail": "ブロードキャストで解決した名前が {broadcast} 件、ネーム サーバー (WINS) で解決した名前が {server} 件です。",
            "detail:no-wins": "ブロードキャストで解決した名前が {broadcast} 件、WINS で解決した名前は 0 件です。"
            "WINS を使っていない家庭や小さな事務所ではふつうで、ブロードキャストは同じセグメントの中にしか届きません。",
            "steps": [],
        },
        "en": {
            "title": "How names were resolved",
            "detail": "{broadcast} name(s) resolved by broadcast, {server} by the name server (WINS).",
            "detail:no-wins": "{broadcast} name(s) resolved by broadcast and none by WINS: usual where no WINS server is "
            "used (homes, small offices); broadcasts reach only the same network segment.",
            "steps": [],
        },
    },
    "host-not-found": {
        "ja": {
            "title": "相手が見つかりませんでした",
            "detail": "どのアダプターでも「ホストが見つかりません。」(Host not found.) と表示され、相手から名前の一覧が返ってきませんでした。"
            "相手の電源が切れている、名前や IP アドレスが違う、相手で NetBIOS が無効になっている、ファイアウォールが UDP 137 を止めている、"
            "別のネットワークにいる、などが考えられます。",
            "steps": [
                "nbtstat -a 名前 で失敗したなら、nbtstat -A IP アドレス で試します。IP アドレスなら返事があるときは、名前を探す段階の問題です。",
                "ping IP アドレス で、相手が動いているか確かめます。",
                "今の Windows や NAS なら、NetBIOS ではなく \\\\IP アドレス で直接開けることが多いので試してください。",
            ],
        },
        "en": {
            "title": "The other computer was not found",
            "detail": "Every adapter printed Host not found.: no name table came back. The device may be off, the name "
            "or address wrong, NetBIOS off on it, UDP 137 blocked by a firewall, or it is on another network.",
            "steps": [
                "If nbtstat -a NAME failed, try nbtstat -A ADDRESS: if the address answers, finding the name is the problem.",
                "Check with ping ADDRESS that the device is up.",
                "Current Windows and NAS devices can usually be opened directly as \\\\ADDRESS, without NetBIOS.",
            ],
        },
    },
    "no-names": {
        "ja": {
            "title": "名前がありません",
            "detail": "「キャッシュに名前がありません」(No names in cache) と表示されています。nbtstat -c なら、最近 NetBIOS で名前を調べていないだけで、ふつうです。"
            "nbtstat -n でこう表示されるアダプターは、NetBIOS over TCP/IP が無効か、つながっていません。",
            "steps": [],
        },
        "en": {
            "title": "No names",
            "detail": "The output says No names in cache. For nbtstat -c this only means no NetBIOS name was looked up "
            "recently. For nbtstat -n, that adapter has NetBIOS over TCP/IP turned off or is not connected.",
            "steps": [],
        },
    },
    "unrecognized": {
        "ja": {"title": "nbtstat の出力として読み取れませんでした。nbtstat -n、nbtstat -A IP アドレス、nbtstat -c などの結果を貼り付けてください。"},
        "en": {"title": "This does not look like nbtstat output. Paste what nbtstat -n, nbtstat -A ADDRESS or nbtstat -c prints."},
    },
    "internal-error": {
        "ja": {"title": "読み取り中に予期しない問題が起きました。出力の全体を貼り付けて、もう一度試してください。"},
        "en": {"title": "Something unexpected went wrong while reading the output. Paste the whole output and try again."},
    },
    "summary": {
        "ja": {
            "head": "nbtstat: 名前を {rows} 行読み取りました。",
            "errors": "問題が {n} 件あります (最初: {title})。",
            "warnings": "注意点が {n} 件あります (最初: {title})。",
            "fine": "大きな問題は見つかりませんでした。",
        },
        "en": {
            "head": "nbtstat: {rows} name row(s) read.",
            "errors": "{n} problem(s) found (first: {title}).",
            "warnings": "{n} warning(s) (first: {title}).",
            "fine": "No significant problem found.",
        },
    },
}


def _render(f, lang):
    text = TEXTS[f["id"]][lang]
    params = TextParams(f["params"])
    return finding_from_text(text, f, pick_detail(text, f["variant"]).format_map(params).strip(), PAGES.get(f["id"], PAGE_NBT))


def _summary(doc, findings, lang):
    t = TEXTS["summary"][lang]
    parts = [t["head"].format(rows=doc.rows)]
    errors = [f for f in findings if f["severity"] == "error"]
    warnings = [f for f in findings if f["severity"] == "warning"]
    if errors:
        parts.append(t["errors"].format(n=len(errors), title=errors[0]["title"]))
    elif warnings:
        parts.append(t["warnings"].format(n=len(warnings), title=warnings[0]["title"]))
    else:
        parts.append(t["fine"])
    return ("" if lang == "ja" else " ").join(parts)


# =============================================================================================
# 5. Command line
# =============================================================================================

_CLI = {
    "ja": {
        "no_input": "入力がありません。Windows で nbtstat -n > nbtstat.txt として保存し、"
        "python3 explain_nbtstat.py nbtstat.txt のように実行するか、出力をパイプで渡してください。",
    },
    "en": {
        "no_input": "no input. On Windows save it with nbtstat -n > nbtstat.txt and run "
        "python3 explain_nbtstat.py nbtstat.txt, or pipe the output in.",
    },
}


def main(argv=None):
    hint = {lang: texts["no_input"] for lang, texts in _CLI.items()}
    return explainer_main(argv, PROG, {"ja": "nbtstat (-n、-a/-A、-c、-r、-S) の出力を読み解きます。", "en": "Explain nbtstat output: -n, -a/-A, -c, -r, -S."}, explain, ["nbtstat", "-n"], hint)


if __name__ == "__main__":
    sys.exit(main())
