#!/usr/bin/env python3
"""Read a routing table and explain it: Windows `route print` / `netstat -r` / `netstat -rn`
(Japanese and English, Windows XP to 11 and Server), macOS `netstat -rn`, Linux `netstat -r`,
`netstat -rn`, `netstat -rne`, `route -n` (also in a Japanese locale) and `ip route`.

    python explain_route.py             on Windows: runs `route print` itself
    python explain_route.py FILE        reads a saved output (UTF-8, UTF-16, cp932)
    python explain_route.py -           reads standard input
        --json        the report as JSON
        --lang en     English instead of Japanese

Exit status: 0 no error found, 1 an error-level finding (no default route), 2 usage error /
unreadable / not a routing table. Standard library only; also runs inside Pyodide.
"""

from __future__ import annotations

TOOL = "route"
PROG = "explain_route.py"

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
# 1. Labels: ONE table of the Japanese and English spellings of every heading the parser
#    looks for. Lines are compared after removing all white space and case-folding
#    (see _compact), so "アクティブ ルート:" and "Active Routes:" need no pattern.
# =============================================================================================

LABELS = {
    # Windows route print / netstat -r
    "win_interfaces": ("Interface List", "インターフェイス一覧", "インターフェース一覧"),
    "win_ipv4": ("IPv4 Route Table", "IPv4 ルート テーブル"),
    "win_ipv6": ("IPv6 Route Table", "IPv6 ルート テーブル"),
    "win_active": ("Active Routes:", "アクティブ ルート:"),
    "win_persistent": ("Persistent Routes:", "固定ルート:", "永続ルート:", "永続的なルート:"),
    "win_none": ("None", "なし"),
    # Linux net-tools (netstat -r, route -n), also with a Japanese locale
    "linux_ipv4": ("Kernel IP routing table", "カーネルIP経路テーブル"),
    "linux_ipv6": ("Kernel IPv6 routing table", "カーネルIPv6経路テーブル"),
    # macOS / BSD netstat -r
    "bsd_title": ("Routing tables",),
    "bsd_ipv4": ("Internet:",),
    "bsd_ipv6": ("Internet6:",),
}
# Words that start a column header line (compared compacted), per format.
HEADER_STARTS = {
    "win_header": ("Network Destination", "ネットワーク宛先"),
    "win_persistent_header": ("Network Address", "ネットワーク アドレス"),
    "win6_header": ("If Metric Network Destination", "If メトリック ネットワーク宛先"),
    "linux_header": ("Destination Gateway Genmask", "受信先サイト ゲートウェイ ネットマスク", "宛先 ゲートウェイ ネットマスク"),
    "bsd_header": ("Destination Gateway Flags",),
    # Windows XP / 2003 print the gateway in use under the active routes ("Default Gateway: x").
    "win_default_gateway": ("Default Gateway:", "デフォルト ゲートウェイ:", "既定のゲートウェイ:"),
}
# Column names in the Linux / BSD headers (compacted) -> meaning.
COLUMNS = {
    "iface": "iface",
    "インタフェース": "iface",
    "インターフェース": "iface",
    "インターフェイス": "iface",
    "netif": "iface",
    "metric": "metric",
    "メトリック": "metric",
    "flags": "flags",
    "フラグ": "flags",
}
ON_LINK = ("on-link", "リンク上", "オンリンク")
METRIC_DEFAULT = ("default", "既定", "デフォルト")
LINUX_FLAG_CHARS = frozenset("UGHRDMACn!rdmcbe")
# Interface names of VPN, PPP (PPPoE) and tunnel software on Linux / macOS.
VPN_IFACES = ("tun", "tap", "utun", "ppp", "wg", "ipsec", "tailscale", "zt", "vpn", "gpd", "cscotun", "nordlynx")


def _compact(text):
    return "".join(text.split()).casefold().replace("：", ":")


_LABEL_INDEX = {}
for _key, _variants in LABELS.items():
    for _variant in _variants:
        _LABEL_INDEX[_compact(_variant)] = _key
_HEADER_PREFIXES = [(_compact(v), k) for k, vs in HEADER_STARTS.items() for v in vs]
_HEADER_PREFIXES.sort(key=lambda item: -len(item[0]))  # "If Metric Network Destination" first
_MAX_LABEL = 40


# =============================================================================================
# 2. Parsing, one line at a time: split() on white space and table look-ups only, so the time
#    is linear in the input and no pattern can backtrack.
# =============================================================================================

_IPV4_CACHE = {}
_IPV4_CACHE_MAX = 4096
_MISSING = object()


def _ipv4(text):
    """(a, b, c, d) for a dotted IPv4 address, else None (remembered, bounded)."""
    ip = _IPV4_CACHE.get(text, _MISSING)
    if ip is _MISSING:
        ip = _ipv4_tuple(text)
        if len(_IPV4_CACHE) < _IPV4_CACHE_MAX:
            _IPV4_CACHE[text] = ip
    return ip


def _ipv4_tuple(text):
    if len(text) > 15:
        return None
    parts = text.split(".")
    if len(parts) != 4:
        return None
    out = []
    for part in parts:
        if not part or len(part) > 3 or not part.isdecimal() or not part.isascii():
            return None
        value = int(part)
        if value > 255:
            return None
        out.append(value)
    return tuple(out)


def _metric(text):
    if text.isdecimal() and text.isascii() and len(text) <= 10:
        return int(text)
    return None


def _is_on_link(text):
    return text.casefold() in ON_LINK


def _label(s):
    """The LABELS key or header key of a line (already stripped), else None."""
    if len(s) > 200:
        return None
    key = _compact(s)
    hit = _LABEL_INDEX.get(key)
    if hit is not None:
        return hit
    for prefix, name in _HEADER_PREFIXES:
        if key.startswith(prefix):
            return name
    return None


def _is_separator(s):
    return len(s) >= 10 and s[0] == "=" and s[-1] == "=" and s.strip("=") == ""


def _is_vpn_iface(name):
    low = (name or "").casefold()
    return any(low.startswith(p) for p in VPN_IFACES)


def _new_route(fmt, line_no, destination, netmask, gateway, interface, metric, flags=None):
    dest_ip = _ipv4(destination)
    mask_ip = _ipv4(netmask) if netmask else None
    on_link = gateway is None or _is_on_link(gateway) or gateway in ("*", "0.0.0.0") or gateway.startswith("link#")
    if fmt == "windows" and gateway is not None and gateway == interface:
        on_link = True  # Windows XP prints the own address as gateway of the local network
    if fmt == "bsd":
        default = destination in ("default", "0.0.0.0/0", "0/0")
    else:
        default = (destination == "default" or dest_ip == (0, 0, 0, 0)) and (mask_ip in (None, (0, 0, 0, 0)))
    return {
        "destination": destination,
        "netmask": netmask,
        "gateway": gateway,
        "interface": interface,
        "metric": metric,
        "on_link": bool(on_link),
        "flags": flags,
        "default": bool(default),
        "line": line_no,
    }


class _Doc:
    def __init__(self):
        self.reset()
        self.earlier_outputs = 0

    def reset(self):
        self.fmt = None  # windows, linux, bsd, iproute
        self.markers = set()
        self.interfaces = []
        self.v4 = []
        self.v6 = []
        self.persistent = []
        self.default_gateway = None
        self.family = None  # "4" / "6"
        self.section = None  # "interfaces", "active", "persistent"
        self.columns = {}
        self.last_v6 = None
        self.active_header_line = None
        self.active_closed = False
        self.persistent_none = False


def parse(text):
    doc = _Doc()
    for line_no, line in enumerate(text.splitlines(), 1):
        s = line.strip()
        if not s:
            continue
        if s[0] == "\ufeff":
            s = s[1:].strip()
            if not s:
                continue
        if _is_separator(s):
            if doc.section == "active" and doc.family == "4" and doc.v4:
                doc.active_closed = True
            if doc.section == "interfaces" and doc.interfaces:
                doc.section = None
            continue
        label = _label(s) if len(s) <= 200 and not s[0].isdecimal() else None
        if label is not None:
            _on_label(doc, label, s, line_no)
            continue
        toks = s.split()
        if doc.section == "interfaces" and doc.fmt == "windows":
            if _interface_line(doc, s):
                continue
        _row(doc, toks, line_no)
    return doc


def _on_label(doc, label, s, line_no):
    if label in ("win_ipv4", "win_interfaces", "linux_ipv4", "bsd_title") and doc.v4:
        # A second run pasted below the first: keep the latest one.
        earlier = doc.earlier_outputs + 1
        doc.reset()
        doc.earlier_outputs = earlier
    if label.startswith("win"):
        doc.fmt = "windows"
    elif label.startswith("linux"):
        doc.fmt = "linux"
    elif label.startswith("bsd"):
        doc.fmt = "bsd"
    doc.markers.add(label)
    if label == "win_interfaces":
        doc.section = "interfaces"
    elif label in ("win_ipv4", "linux_ipv4", "bsd_ipv4"):
        doc.family, doc.section = "4", "active"
    elif label in ("win_ipv6", "linux_ipv6", "bsd_ipv6"):
        doc.family, doc.section = "6", "active"
    elif label == "bsd_title":
        doc.family, doc.section = None, None
    elif label == "win_active":
        doc.section = "active"
        if doc.family is None:
            doc.family = "4"
        if doc.family == "4":
            doc.active_header_line = line_no
            doc.active_closed = False
    elif label == "win_persistent":
        doc.section = "persistent"
        if doc.family == "4" or doc.family is None:
            doc.active_closed = True
    elif label == "win_none":
        if doc.section == "persistent":
            doc.persistent_none = True
    elif label == "win_default_gateway":
        colon = s.replace("：", ":").find(":")
        value = s[colon + 1 :].strip() if colon >= 0 else ""
        doc.default_gateway = {"gateway": value, "line": line_no}
    elif label in ("linux_header", "bsd_header"):
        cols = {}
        for i, tok in enumerate(s.split()):
            meaning = COLUMNS.get(tok.casefold())
            if meaning and meaning not in cols:
                cols[meaning] = i
        doc.columns = cols
        if label == "linux_header" and doc.fmt is None:
            doc.fmt, doc.family = "linux", "4"
        if label == "bsd_header" and doc.family is None:
            doc.family = "4"
        if doc.family == "4" and doc.active_header_line is None:
            doc.active_header_line = line_no
    elif label == "win_header":
        if doc.family is None:
            doc.family = "4"
        if doc.section is None:
            doc.section = "active"
        if doc.active_header_line is None and doc.section == "active":
            doc.active_header_line = line_no


def _interface_line(doc, s):
    """'  8...00 ff 58 60 5f 61 ......TAP-Windows Adapter V9' (XP: '0x2 ...00 0c ... ...... Intel')."""
    dot = s.find(".")
    if dot <= 0 or dot > 12:
        return False
    index_text = s[:dot].strip()
    if index_text.casefold().startswith("0x"):
        try:
            index = int(index_text[2:], 16)
        except ValueError:
            return False
    elif index_text.isdecimal() and index_text.isascii():
        index = int(index_text)
    else:
        return False
    rest = s[dot:].lstrip(". ")
    mac = []
    toks = rest.split(" ")
    used = 0
    for tok in toks:
        if len(tok) == 2 and all(c in "0123456789abcdefABCDEF" for c in tok):
            mac.append(tok.lower())
            used += len(tok) + 1
            continue
        break
    name = rest[used:].lstrip(". ").strip()
    doc.interfaces.append({"index": index, "mac": "-".join(mac) if mac else None, "name": name or None})
    return True


def _row(doc, toks, line_no):
    n = len(toks)
    if n == 0:
        return
    fmt = doc.fmt
    # ---- Windows IPv6 rows: "If Metric Destination Gateway"; the gateway may wrap ----
    if fmt == "windows" and doc.family == "6":
        if n in (3, 4) and toks[0].isdecimal() and toks[1].isdecimal() and ":" in toks[2]:
            route = {
                "interface": int(toks[0]) if len(toks[0]) <= 10 else None,
                "metric": _metric(toks[1]),
                "destination": toks[2],
                "gateway": toks[3] if n == 4 else None,
                "persistent": doc.section == "persistent",
                "line": line_no,
            }
            doc.v6.append(route)
            doc.last_v6 = route if n == 3 else None
            return
        if n == 1 and doc.last_v6 is not None:
            doc.last_v6["gateway"] = toks[0]
            doc.last_v6 = None
        return
    doc.last_v6 = None
    # ---- Linux IPv6 rows (route -6, route -6 -n, netstat -6 -rn): Destination Next-Hop Flag Met Ref Use If ----
    if fmt == "linux" and doc.family == "6":
        if n >= 7 and "/" in toks[0] and toks[2][:1] in ("U", "!"):
            doc.v6.append({"destination": toks[0], "gateway": toks[1], "flags": toks[2], "metric": _metric(toks[3]),
                           "interface": toks[-1], "line": line_no})
        return
    # ---- ip -6 route: "default via fe80::1 dev eth0 proto ra metric 1024" ----
    if fmt in (None, "iproute") and n >= 3 and "dev" in toks[:8] and (":" in toks[0] or _v6_via(toks)) \
            and not _is_neighbour_row(toks):
        if toks[0] in ("unreachable", "blackhole", "prohibit", "anycast", "multicast", "local"):
            return
        values = {}
        for i in range(n - 1):
            if toks[i] in ("via", "dev", "metric") and toks[i] not in values:
                values[toks[i]] = toks[i + 1]
        if fmt is None:
            doc.fmt = "iproute"
        doc.v6.append({"destination": "::/0" if toks[0] == "default" else toks[0], "gateway": values.get("via"),
                       "flags": None, "metric": _metric(values.get("metric", "")), "interface": values.get("dev"),
                       "line": line_no})
        return
    # ---- Windows IPv4 rows ----
    if fmt in (None, "windows") and n in (4, 5) and _ipv4(toks[0]) and _ipv4(toks[1]):
        gw = toks[2]
        if _ipv4(gw) or _is_on_link(gw):
            if n == 5 and _ipv4(toks[3]) and _metric(toks[4]) is not None and doc.section != "persistent":
                if fmt is None:
                    doc.fmt = "windows"
                    doc.family = doc.family or "4"
                if doc.family == "4":
                    doc.v4.append(_new_route("windows", line_no, toks[0], toks[1], gw, toks[3], _metric(toks[4])))
                return
            if doc.section == "persistent" and fmt == "windows":
                metric_text = toks[-1]
                metric = _metric(metric_text)
                if metric is None and metric_text.casefold() not in METRIC_DEFAULT:
                    return
                doc.persistent.append(
                    {
                        "destination": toks[0],
                        "netmask": toks[1],
                        "gateway": gw,
                        "interface": toks[3] if n == 5 else None,
                        "metric": metric,
                        "metric_text": metric_text,
                        "line": line_no,
                    }
                )
                return
    # ---- Linux net-tools rows: Destination Gateway Genmask Flags ... Iface ----
    if fmt in (None, "linux") and n >= 5 and _ipv4(toks[2]) and _linux_flags(toks[3]):
        dest, gw = toks[0], toks[1]
        named = fmt == "linux" and doc.family == "4"
        if (_ipv4(dest) or named) and (_ipv4(gw) or gw == "*" or named):
            if fmt is None:
                doc.fmt, doc.family = "linux", "4"
            if doc.family != "4":
                return
            cols = doc.columns
            iface = toks[cols["iface"]] if "iface" in cols and cols["iface"] < n else toks[-1]
            metric = _metric(toks[cols["metric"]]) if "metric" in cols and cols["metric"] < n else None
            route = _new_route("linux", line_no, dest, toks[2], gw, iface, metric, toks[3])
            if "U" in toks[3]:
                doc.v4.append(route)
            return
    # ---- macOS / BSD rows, inside "Internet:" ----
    if fmt == "bsd" and doc.family == "4" and doc.section == "active" and n >= 3:
        cols = doc.columns
        flags_i = cols.get("flags", 2)
        if flags_i < n and toks[flags_i].isalpha():
            iface_i = cols.get("iface")
            if iface_i is not None and iface_i < n:
                iface = toks[iface_i]
            else:
                iface = next((t for t in reversed(toks[3:]) if not t.isdecimal() and t != "!"), None)
            doc.v4.append(_new_route("bsd", line_no, toks[0], None, toks[1], iface, None, toks[flags_i]))
        return
    # ---- ip route: "default via 192.168.1.1 dev wlan0 proto dhcp metric 600" ----
    if fmt in (None, "iproute") and n >= 3 and "dev" in toks[:8] and not _is_neighbour_row(toks):
        dest = toks[0]
        if dest == "default" or _ipv4(dest.split("/")[0]) or dest in ("unicast", "blackhole", "unreachable", "prohibit"):
            if dest in ("unicast",) and n > 1:
                dest = toks[1]
            if dest in ("blackhole", "unreachable", "prohibit"):
                return
            values = {}
            for i in range(n - 1):
                if toks[i] in ("via", "dev", "metric", "src") and toks[i] not in values:
                    values[toks[i]] = toks[i + 1]
            if "dev" not in values:
                return
            if fmt is None:
                doc.fmt, doc.family = "iproute", "4"
            prefix = dest.split("/")
            mask = None
            if dest == "default":
                mask = "0.0.0.0"
            elif len(prefix) == 2 and prefix[1].isdecimal() and int(prefix[1]) <= 32:
                bits = int(prefix[1])
                value = (0xFFFFFFFF << (32 - bits)) & 0xFFFFFFFF
                mask = ".".join(str((value >> s) & 255) for s in (24, 16, 8, 0))
            elif len(prefix) == 1:
                mask = "255.255.255.255"
            route = _new_route("iproute", line_no, prefix[0] if dest != "default" else "default", mask,
                               values.get("via"), values["dev"], _metric(values.get("metric", "")))
            doc.v4.append(route)
        return


# `ip neigh` rows ("192.168.1.1 dev eth0 lladdr aa:bb:.. REACHABLE") look like `ip route` rows;
# they belong to explain_arp.py.
_NEIGH_STATES = frozenset(("REACHABLE", "STALE", "DELAY", "PROBE", "FAILED", "INCOMPLETE", "PERMANENT", "NOARP", "NONE"))


def _is_neighbour_row(toks):
    return "lladdr" in toks or toks[-1] in _NEIGH_STATES


def _v6_via(toks):
    """An `ip route` line whose gateway is an IPv6 address (ip -6 route's "default via fe80::1")."""
    for i, tok in enumerate(toks[:4]):
        if tok == "via":
            return i + 1 < len(toks) and ":" in toks[i + 1]
    return False


def _linux_flags(tok):
    return 0 < len(tok) <= 8 and tok[0] == "U" and all(c in LINUX_FLAG_CHARS for c in tok)


# =============================================================================================
# 3. Interpretation
# =============================================================================================


def _score(doc):
    strong = len(doc.markers - {"win_none", "win_default_gateway"})
    rows = len(doc.v4)
    if doc.fmt == "bsd" and "bsd_ipv4" not in doc.markers:
        rows = 0
    if doc.fmt in ("linux", "iproute"):
        rows += len(doc.v6)  # an IPv6-only table (route -6, ip -6 route) is a routing table too
    score = 0.3 * min(strong, 3) + 0.12 * min(rows, 5)
    if strong == 0 and doc.fmt == "iproute":
        # `ip route` has no title; "default via X dev Y" is what makes it unmistakable.
        if any(r["default"] and r["gateway"] for r in doc.v4) or any(
                r["destination"] == "::/0" and r["gateway"] for r in doc.v6):
            score = 0.2 + 0.2 * min(rows, 4)
        else:
            score = min(score, 0.36)
    return round(min(1.0, score), 2)


def detect(text):
    """0.0 .. 1.0: how sure this text is a routing table (route print, netstat -r, route -n)."""
    try:
        if not isinstance(text, str) or not text.strip():
            return 0.0
        return _score(parse(text))
    except Exception:  # noqa: BLE001 - detection must never fail
        return 0.0


def _subject(route):
    gw = route["gateway"]
    if gw is None or route["on_link"]:
        gw = "on-link" if gw is None or gw.startswith("link#") or gw in ("*", "0.0.0.0") else gw
    if route["interface"]:
        return "{0} / {1}".format(gw, route["interface"])
    return gw


def _is_vpn(route, fmt):
    if fmt == "windows":
        return route["on_link"]  # VPN and PPP (PPPoE) connections: default route without a router
    return _is_vpn_iface(route["interface"]) or (fmt == "bsd" and route["on_link"] and route["default"])


def _winner(defaults, fmt):
    """(the default route that is used, how it was chosen: metric / scoped / order / tie)."""
    if fmt == "bsd":
        primary = [r for r in defaults if "I" not in (r["flags"] or "")]
        if len(primary) == 1 or (primary and len(defaults) > 1):
            return primary[0], "scoped" if len(defaults) > 1 else "only"
        return defaults[0], "order" if len(defaults) > 1 else "only"
    if len(defaults) == 1:
        return defaults[0], "only"
    metrics = [r["metric"] for r in defaults]
    if any(m is None for m in metrics):
        return defaults[0], "order"
    best = min(metrics)
    winners = [r for r in defaults if r["metric"] == best]
    if len(winners) > 1:
        return winners[0], "tie"
    return winners[0], "metric"


def _connected_networks(routes):
    nets = []
    for r in routes:
        if not r["on_link"] or r["default"]:
            continue
        dest, mask = _ipv4(r["destination"]), _ipv4(r["netmask"] or "")
        if dest is None or mask is None or mask == (255, 255, 255, 255) or dest[0] in (127, 255) or 224 <= dest[0] <= 239:
            continue
        nets.append((dest, mask))
    return nets


def _reachable(gateway, nets):
    ip = _ipv4(gateway)
    if ip is None:
        return True  # On-link or a name: nothing to judge
    for dest, mask in nets:
        if all((a & m) == (d & m) for a, d, m in zip(ip, dest, mask)):
            return True
    return False


def analyse(text, lang):
    """The report. May raise on a bug; explain() is the safe wrapper."""
    doc = parse(text)
    if _score(doc) < 0.5:
        return _unrecognized(lang)
    fmt = doc.fmt
    out = []

    def add(fid, severity, lines=(), variant=None, subject=None, **params):
        finding = {"id": fid, "severity": severity, "variant": variant, "params": params}
        if subject:
            finding["subject"] = subject
        finding["lines"] = sorted(set(lines))
        out.append(finding)

    defaults = []
    seen = set()
    for r in doc.v4:
        if r["default"]:
            key = (r["gateway"], r["interface"], r["metric"])
            if key in seen:
                continue  # the same line twice (pasted twice, or a duplicated line)
            seen.add(key)
            defaults.append(r)
    halves = [r for r in doc.v4 if _is_half(r)]
    catch_all = len({_half_key(r) for r in halves}) == 2
    truncated = fmt == "windows" and doc.family == "4" and doc.section == "active" and not doc.active_closed
    if fmt == "windows" and "win_active" in doc.markers and not doc.v4 and doc.family == "4":
        truncated = True
    winner = None
    how = None
    if defaults:
        winner, how = _winner(defaults, fmt)

    # ---- several default routes ----
    if len(defaults) >= 2:
        subjects = [_subject(r) for r in defaults]
        lines = [r["line"] for r in defaults]
        gateways = {r["gateway"] for r in defaults}
        metrics = [r["metric"] for r in defaults]
        others = [r for r in defaults if r is not winner]
        params = dict(
            routes=subjects,
            winner=_subject(winner),
            metrics=", ".join("{0} ({1})".format(s, m) for s, m in zip(subjects, metrics) if m is not None),
        )
        if len(gateways) == 1 and not winner["on_link"]:
            add("multiple-default-routes", "info", lines, "same-router", ", ".join(subjects), **params)
        elif any(_is_vpn(r, fmt) for r in defaults):
            add("multiple-default-routes", "info", lines, "vpn", ", ".join(subjects), **params)
        elif how == "scoped":
            add("multiple-default-routes", "info", lines, "scoped", ", ".join(subjects), **params)
        elif how == "metric" and all(r["metric"] >= winner["metric"] + 10 for r in others):
            add("multiple-default-routes", "info", lines, "standby", ", ".join(subjects), **params)
        else:
            variant = "tie" if how == "tie" else ("no-metric" if how == "order" else None)
            add("multiple-default-routes", "warning", lines, variant, ", ".join(subjects), **params)

    # ---- VPN: 0.0.0.0/1 + 128.0.0.0/1 take everything without replacing the default route ----
    if catch_all:
        add("vpn-catch-all", "info", [r["line"] for r in halves], None, _subject(halves[0]), via=_subject(halves[0]))

    # ---- persistent (route -p) routes on Windows ----
    extra = [p for p in doc.persistent if not (_ipv4(p["destination"]) == (0, 0, 0, 0) and _ipv4(p["netmask"]) == (0, 0, 0, 0))]
    if extra:
        nets = _connected_networks(doc.v4)
        stale = [p for p in extra if not _reachable(p["gateway"], nets)] if nets else []
        gws = []
        for p in extra:
            if p["gateway"] not in gws:
                gws.append(p["gateway"])
        listing = ", ".join("{0}/{1} → {2}".format(p["destination"], p["netmask"], p["gateway"]) for p in extra[:6])
        if len(extra) > 6:
            listing += ", …"
        if stale:
            add("persistent-routes", "warning", [p["line"] for p in extra], "stale", ", ".join(gws),
                routes=listing, count=len(extra), stale=", ".join(sorted({p["gateway"] for p in stale})))
        else:
            add("persistent-routes", "info", [p["line"] for p in extra], None, ", ".join(gws),
                routes=listing, count=len(extra))

    # ---- the default route, or none ----
    if winner is not None:
        variant = None
        if catch_all:
            variant = "catch-all"
        elif _is_vpn(winner, fmt):
            variant = "vpn"
        elif winner["metric"] is None:
            variant = "no-metric"
        metric_note = winner["metric"] if winner["metric"] is not None else "?"
        add("default-route", "ok", [r["line"] for r in defaults], variant, _subject(winner),
            gateway=winner["gateway"] if not winner["on_link"] or winner["gateway"] else "on-link",
            interface=winner["interface"] or "?", metric=metric_note, how=how, count=len(defaults))
    elif doc.v4 and not truncated and not catch_all:
        lines = [doc.active_header_line] if doc.active_header_line else []
        add("no-default-route", "error", lines)

    if truncated:
        last = doc.v4[-1]["line"] if doc.v4 else (doc.active_header_line or 0)
        add("truncated-input", "info", [last] if last else [])

    # ---- an IPv6 table alone (Linux route -6, ip -6 route): its default route, and no verdict on IPv4 ----
    if not doc.v4 and doc.v6 and fmt in ("linux", "iproute"):
        v6_defaults = [r for r in doc.v6 if r["destination"] in ("::/0", "[::]/0") and r["gateway"]
                       and r["gateway"] not in ("::", "[::]") and not (r["flags"] or "").startswith("!")]
        if v6_defaults:
            best = min(v6_defaults, key=lambda r: r["metric"] if r["metric"] is not None else 1 << 30)
            add("ipv6-default-route", "ok", [r["line"] for r in v6_defaults], None,
                "{0} ({1})".format(best["gateway"], best["interface"] or "?"),
                gateway=best["gateway"], interface=best["interface"] or "?")
        else:
            add("ipv6-no-default-route", "info", [r["line"] for r in doc.v6[:1]])
        add("ipv6-only-table", "info", [r["line"] for r in doc.v6[:1]])

    rank = {s: i for i, s in enumerate(SEVERITY_ORDER)}
    out.sort(key=lambda f: rank[f["severity"]])
    findings = [_render(f, lang) for f in out]
    data = {
        "format": fmt,
        "interfaces": doc.interfaces,
        "ipv4_routes": [{k: v for k, v in r.items()} for r in doc.v4],
        "ipv6_routes": doc.v6,
        "persistent_routes": doc.persistent,
        "persistent_routes_none": doc.persistent_none,
        "default_gateway_line": doc.default_gateway,
        "truncated": truncated,
        "earlier_outputs_ignored": doc.earlier_outputs,
    }
    return {
        "tool": TOOL,
        "recognized": True,
        "locale": lang,
        "summary": _summary(doc, winner, findings, lang),
        "data": data,
        "findings": findings,
    }


def _is_half(route):
    return _half_key(route) is not None


def _half_key(route):
    dest = route["destination"]
    mask = route["netmask"]
    if dest in ("0/1", "0.0.0.0/1") or (dest == "0.0.0.0" and mask == "128.0.0.0"):
        return "low"
    if dest in ("128.0/1", "128/1", "128.0.0.0/1") or (dest == "128.0.0.0" and mask == "128.0.0.0"):
        return "high"
    return None


def _unrecognized(lang):
    return empty_report(TOOL, lang, TEXTS["unrecognized"][lang]["title"])


def explain(text, lang="ja"):
    """The report for a routing table `text`; never raises."""
    summaries = {key: {code: TEXTS[key][code]["title"] for code in ("ja", "en")} for key in ("unrecognized", "internal-error")}
    return guarded_explain(TOOL, analyse, text, lang, summaries)


# =============================================================================================
# 4. Human text: ONE table keyed by finding id (variants as "detail:<variant>").
# =============================================================================================

PAGE_ROUTE = "network/route/"
PAGES = {
    "no-default-route": PAGE_ROUTE,
}

TEXTS = {
    "default-route": {
        "ja": {
            "title": "デフォルト ルートがあります",
            "detail": "LAN の外 (インターネットやメールサーバー) へ向かう通信は、ゲートウェイ {gateway} へ、"
            "インターフェイス {interface} から送られます (メトリック {metric})。",
            "detail:no-metric": "LAN の外 (インターネットやメールサーバー) へ向かう通信は、ゲートウェイ {gateway} へ、"
            "インターフェイス {interface} から送られます。",
            "detail:vpn": "LAN の外へ向かう通信は、VPN または PPP (PPPoE) の接続 {interface} から送られます "
            "(ゲートウェイ {gateway}、メトリック {metric})。接続を切ると、ふだんのルーター経由に戻ります。",
            "detail:catch-all": "デフォルト ルート (ゲートウェイ {gateway}、インターフェイス {interface}) はありますが、"
            "VPN が追加した 0.0.0.0/1 と 128.0.0.0/1 の 2 本がそれより優先されるため、実際の通信はほぼすべて VPN を通ります。",
            "steps": [],
        },
        "en": {
            "title": "There is a default route",
            "detail": "Traffic beyond the local network (internet, mail servers) goes to the gateway {gateway} "
            "through the interface {interface} (metric {metric}).",
            "detail:no-metric": "Traffic beyond the local network (internet, mail servers) goes to the gateway {gateway} "
            "through the interface {interface}.",
            "detail:vpn": "Traffic beyond the local network goes out through the VPN or PPP (PPPoE) connection "
            "{interface} (gateway {gateway}, metric {metric}). Disconnecting it returns to the usual router.",
            "detail:catch-all": "There is a default route (gateway {gateway}, interface {interface}), but the two "
            "routes 0.0.0.0/1 and 128.0.0.0/1 that a VPN added are more specific, so almost all traffic goes through the VPN.",
            "steps": [],
        },
    },
    "no-default-route": {
        "ja": {
            "title": "デフォルト ルートがありません",
            "detail": "宛先 0.0.0.0 (マスク 0.0.0.0) の行、Linux や macOS では default の行がありません。"
            "パソコンは LAN の外への出口を知らないため、同じ LAN の機器には届いても、インターネットやメールサーバーには届きません。",
            "steps": [
                "ipconfig /all (macOS や Linux では ifconfig や ip addr) で、IP アドレスが 169.254 で始まっていないか確かめます。",
                "アドレスを自動で受け取る設定なら、ルーターの電源とケーブルや Wi-Fi の接続を確かめ、ipconfig /renew を実行します。",
                "アドレスを手動で設定しているなら、アダプターの IPv4 の設定にデフォルト ゲートウェイ (ふつうはルーターのアドレス) を入れます。",
            ],
        },
        "en": {
            "title": "No default route",
            "detail": "There is no route to 0.0.0.0 with mask 0.0.0.0 (no \"default\" line on Linux or macOS). "
            "The computer knows no way out of the local network: local devices may answer, but the internet and "
            "mail servers cannot be reached.",
            "steps": [
                "Check with ipconfig /all (ifconfig or ip addr on macOS and Linux) that the address does not start with 169.254.",
                "If the address is automatic, check the router, the cable or Wi-Fi, and run ipconfig /renew.",
                "If the address is set by hand, enter the default gateway (usually the router's address) in the adapter's IPv4 settings.",
            ],
        },
    },
    "ipv6-default-route": {
        "ja": {
            "title": "IPv6 のデフォルト ルートがあります",
            "detail": "IPv6 の表に、インターネットへの出口 (宛先 ::/0) があります: {gateway} ({interface})。fe80:: で始まるゲートウェイは"
            "ルーターのリンクローカル アドレスで、IPv6 ではふつうの形です。",
            "steps": [],
        },
        "en": {
            "title": "An IPv6 default route exists",
            "detail": "The IPv6 table has a way out to the internet (destination ::/0): {gateway} ({interface}). A gateway "
            "starting with fe80:: is the router's link-local address, which is normal for IPv6.",
            "steps": [],
        },
    },
    "ipv6-no-default-route": {
        "ja": {
            "title": "IPv6 のデフォルト ルートがありません",
            "detail": "IPv6 の表に、インターネットへの出口 (宛先 ::/0 でゲートウェイのある行) がありません。IPv6 ではインターネットに出られませんが、"
            "IPv4 が使えれば多くのサービスには問題なくつながります。IPv6 を提供していない回線やルーターではふつうのことです。",
            "steps": ["IPv4 の経路も確かめます (route -n または ip -4 route)。"],
        },
        "en": {
            "title": "No IPv6 default route",
            "detail": "The IPv6 table has no way out to the internet (no ::/0 line with a gateway). IPv6 cannot reach the "
            "internet, but most services work over IPv4 if it works; lines and routers without IPv6 look like this.",
            "steps": ["Check the IPv4 routes too (route -n or ip -4 route)."],
        },
    },
    "ipv6-only-table": {
        "ja": {
            "title": "IPv6 の経路だけの表です",
            "detail": "貼り付けられたのは IPv6 のルーティングテーブルだけなので、IPv4 の経路 (デフォルト ルートの有無など) は判断していません。",
            "steps": ["IPv4 の経路は route -n または ip -4 route (Windows は route print) で表示して貼り付けてください。"],
        },
        "en": {
            "title": "Only IPv6 routes",
            "detail": "Only an IPv6 routing table was pasted, so nothing was judged about IPv4 (such as the default route).",
            "steps": ["Show the IPv4 routes with route -n or ip -4 route (route print on Windows) and paste them."],
        },
    },
    "multiple-default-routes": {
        "ja": {
            "title": "デフォルト ルートが複数あります",
            "detail": "デフォルト ルートが複数 ({routes}) あり、ゲートウェイが違います。メトリックは {metrics} で、差がほとんどないため、"
            "意図しない側から外へ出ることがあります。使われるのはメトリックが最も小さい {winner} です。",
            "detail:tie": "デフォルト ルートが複数 ({routes}) あり、メトリック ({metrics}) が同じです。"
            "どちらが使われるかがはっきりせず、接続ごとに違う出口から出ることがあります。",
            "detail:no-metric": "デフォルト ルートが複数 ({routes}) あります。この表にはメトリックが表示されていないため、"
            "どちらが使われるかはここからは分かりません (netstat -rne や ip route ならメトリックが表示されます)。",
            "detail:same-router": "デフォルト ルートが複数 ({routes}) ありますが、どれも同じルーターを指しています "
            "(有線と Wi-Fi の同時接続など)。使われるのはメトリックの小さい {winner} で、問題はありません。",
            "detail:vpn": "デフォルト ルートが複数 ({routes}) あり、そのうち 1 本は VPN か PPP (PPPoE) の接続です。"
            "メトリックの小さい {winner} が使われます。VPN 接続中にメールが送れないときは、VPN 側の出口で"
            "メールのポートが止められていないか確かめてください。",
            "detail:scoped": "デフォルト ルートが複数 ({routes}) ありますが、macOS はフラグに I の付かない {winner} を"
            "ふだんの出口として使い、ほかはそのアダプター専用の予備です。問題はありません。",
            "detail:standby": "デフォルト ルートが複数 ({routes}) あります。メトリックは {metrics} で、"
            "小さい {winner} がはっきり優先され、ほかは予備として残っています (有線が優先、Wi-Fi が予備、など)。"
            "どちらも同じインターネットにつながっているなら問題ありません。",
            "steps": [
                "使わない接続 (VPN、有線か Wi-Fi の片方、テザリング) を切ると、出口が 1 つになります。",
                "両方使い続けるなら、優先したいアダプターのメトリックを小さく設定します。",
            ],
        },
        "en": {
            "title": "More than one default route",
            "detail": "There are several default routes ({routes}) with different gateways. Their metrics ({metrics}) "
            "are close, so traffic may leave through the side you did not expect. The lowest metric, {winner}, is used.",
            "detail:tie": "There are several default routes ({routes}) with the same metric ({metrics}). Which one is "
            "used is not clear, and connections may leave through different exits.",
            "detail:no-metric": "There are several default routes ({routes}). This table shows no metrics, so which one "
            "is used cannot be told from it (netstat -rne or ip route shows them).",
            "detail:same-router": "There are several default routes ({routes}), but all point to the same router (for "
            "example wired and Wi-Fi at once). The one with the lower metric, {winner}, is used; this is fine.",
            "detail:vpn": "There are several default routes ({routes}); one is a VPN or PPP (PPPoE) connection. The lower "
            "metric, {winner}, is used. If mail cannot be sent while the VPN is up, check whether the VPN's exit "
            "blocks the mail ports.",
            "detail:scoped": "There are several default routes ({routes}), but macOS uses {winner} (no I flag) as the "
            "normal exit; the others are bound to their own adapters. This is fine.",
            "detail:standby": "There are several default routes ({routes}) with the metrics {metrics}. {winner} is clearly "
            "preferred and the others are standby (for example wired first, Wi-Fi as backup). Fine as long as both reach "
            "the same internet.",
            "steps": [
                "Disconnecting the connection you do not use (VPN, wired or Wi-Fi, tethering) leaves one exit.",
                "To keep both, give the adapter you prefer the lower metric.",
            ],
        },
    },
    "vpn-catch-all": {
        "ja": {
            "title": "VPN がすべての通信を引き受けています",
            "detail": "0.0.0.0/1 と 128.0.0.0/1 の 2 本の経路 ({via}) があります。合わせてすべての宛先を覆い、"
            "デフォルト ルートより細かいので優先されます。VPN ソフトがすべての通信を VPN に通すときに作る経路です。",
            "steps": [
                "VPN 接続中だけメールやサイトにつながらないなら、VPN を切って試します。",
                "会社の VPN の場合、外部のメールサーバーへの 25 番や 587 番が止められていないか管理者に確認します。",
            ],
        },
        "en": {
            "title": "A VPN takes all traffic",
            "detail": "There are two routes, 0.0.0.0/1 and 128.0.0.0/1 ({via}). Together they cover every destination "
            "and, being more specific, win over the default route. VPN software adds them to send everything through the VPN.",
            "steps": [
                "If mail or web sites fail only while the VPN is up, try with the VPN disconnected.",
                "For a company VPN, ask the administrator whether ports 25 or 587 to outside mail servers are blocked.",
            ],
        },
    },
    "persistent-routes": {
        "ja": {
            "title": "手動で追加された固定ルートがあります",
            "detail": "固定ルートが {count} 本あります ({routes})。route -p add で追加され、再起動しても残る経路です。"
            "ネットワークを変えた後も残り、通信の妨げになることがあります。",
            "detail:stale": "固定ルートが {count} 本あります ({routes})。そのうちゲートウェイ {stale} は、今つながっている"
            "どのネットワークにも入っていません。以前のネットワークや VPN の設定の名残と思われ、その宛先へは届きません。",
            "steps": [
                "心当たりがなければ、管理者のコマンドプロンプトで route delete 宛先 を実行して削除します "
                "(会社の設定の場合は、先に管理者に確認してください)。",
            ],
        },
        "en": {
            "title": "Persistent routes were added by hand",
            "detail": "There are {count} persistent route(s) ({routes}), added with route -p add; they survive restarts "
            "and network changes and can get in the way.",
            "detail:stale": "There are {count} persistent route(s) ({routes}). The gateway {stale} is on none of the "
            "networks connected now: probably left over from an earlier network or VPN, so those destinations cannot be reached.",
            "steps": [
                "If you do not know why they are there, remove them with route delete DESTINATION in an administrator "
                "command prompt (ask first if your company set them).",
            ],
        },
    },
    "truncated-input": {
        "ja": {
            "title": "出力が途中で切れています",
            "detail": "貼り付けられた表は IPv4 の経路の途中で終わっています。切れた部分については判断していません。",
            "steps": ["route print の出力を最後までコピーして、もう一度貼り付けてください。"],
        },
        "en": {
            "title": "The output is cut off",
            "detail": "The pasted table ends in the middle of the IPv4 routes; the missing part was not judged.",
            "steps": ["Copy the whole output of route print and paste it again."],
        },
    },
    "unrecognized": {
        "ja": {"title": "ルーティングテーブルとして読み取れませんでした。route print (macOS や Linux では netstat -rn) の結果を貼り付けてください。"},
        "en": {"title": "This does not look like a routing table. Paste what route print (netstat -rn on macOS or Linux) prints."},
    },
    "internal-error": {
        "ja": {"title": "読み取り中に予期しない問題が起きました。出力の全体を貼り付けて、もう一度試してください。"},
        "en": {"title": "Something unexpected went wrong while reading the output. Paste the whole output and try again."},
    },
    "summary": {
        "ja": {
            "head": "route: IPv4 の経路を {count} 行読み取りました。",
            "head6": "route: IPv6 の経路を {count} 行読み取りました (IPv4 の経路は含まれていません)。",
            "errors": "問題が {n} 件あります (最初: {title})。",
            "warnings": "注意点が {n} 件あります。",
            "fine": "大きな問題は見つかりませんでした。",
            "route": "インターネットへの出口は {subject} です。",
        },
        "en": {
            "head": "route: {count} IPv4 route(s) read.",
            "head6": "route: {count} IPv6 route(s) read (no IPv4 routes in this output).",
            "errors": "{n} problem(s) found (first: {title}).",
            "warnings": "{n} warning(s).",
            "fine": "No significant problem found.",
            "route": "The way out to the internet is {subject}.",
        },
    },
}


def _render(f, lang):
    text = TEXTS[f["id"]][lang]
    params = TextParams(f["params"])
    routes = params.get("routes")
    if isinstance(routes, list):
        params["routes"] = "、".join(routes) if lang == "ja" else ", ".join(routes)
    if not params.get("metrics"):
        params["metrics"] = "?"
    variant = f["variant"]
    return finding_from_text(text, f, pick_detail(text, variant).format_map(params), PAGES.get(f["id"], PAGE_ROUTE))


def _summary(doc, winner, findings, lang):
    t = TEXTS["summary"][lang]
    parts = [t["head6"].format(count=len(doc.v6)) if doc.v6 and not doc.v4 else t["head"].format(count=len(doc.v4))]
    errors = [f for f in findings if f["severity"] == "error"]
    warnings = [f for f in findings if f["severity"] == "warning"]
    if errors:
        parts.append(t["errors"].format(n=len(errors), title=errors[0]["title"]))
    elif warnings:
        parts.append(t["warnings"].format(n=len(warnings)))
    else:
        parts.append(t["fine"])
    if winner is not None:
        parts.append(t["route"].format(subject=_subject(winner)))
    return ("" if lang == "ja" else " ").join(parts)


# =============================================================================================
# 5. Command line
# =============================================================================================

_CLI = {
    "ja": {
        "no_input": "入力がありません。Windows で route print > route.txt として保存し、"
        "python3 explain_route.py route.txt のように実行するか、netstat -rn の出力をパイプで渡してください。",
    },
    "en": {
        "no_input": "no input. On Windows save it with route print > route.txt and run "
        "python3 explain_route.py route.txt, or pipe the output of netstat -rn in.",
    },
}


def main(argv=None):
    hint = {lang: texts["no_input"] for lang, texts in _CLI.items()}
    return explainer_main(argv, PROG, "Explain a routing table: route print, netstat -r, route -n, ip route.", explain, ["route", "print"], hint)


if __name__ == "__main__":
    sys.exit(main())
