#!/usr/bin/env python3
"""Read an ARP table and explain it: Windows `arp -a` (Japanese and English, also both in one
paste after `chcp 437` / `chcp 932`), macOS / BSD and Linux `arp -a`, Linux `arp` (net-tools)
and `ip neigh`.

    python explain_arp.py             on Windows: runs `arp -a` itself
    python explain_arp.py FILE        reads a saved output (UTF-8, UTF-16, cp932)
    python explain_arp.py -           reads standard input
        --json        the report as JSON
        --lang en     English instead of Japanese

Exit status: 0 no error found, 1 an error-level finding (the router, named as such by Linux,
does not answer ARP), 2 usage error / unreadable / not an ARP table. Standard library only; also
runs inside Pyodide.

Report "data" (for other readers, e.g. one that compares with ipconfig's gateway):

    {"format": "windows" | "bsd" | "linux-arp" | "iproute" | "mixed",
     "interfaces": [{
         "name": "192.168.1.10" (Windows: the adapter's address) or "en0" / "eth0",
         "address": "192.168.1.10" or None (the PC's own IPv4 address; only Windows prints it),
         "index": 4 or None (Windows interface index, the hex after "---"),
         "line": 3 (1-based line of the heading, or of the first row when there is none),
         "entries": [{"ip": "192.168.1.1",            IPv4 or IPv6 address, always a string
                      "mac": "70:1c:e7:aa:bb:cc",     normalised: lower case, colons, two digits
                                                      per byte; None when incomplete
                      "mac_raw": "70-1c-e7-aa-bb-cc", as printed
                      "type": "dynamic" | "static" | "incomplete" | "invalid",
                      "state": "REACHABLE" / "動的" / "permanent" ..., the word as printed
                      "kind": "unicast" | "broadcast" | "multicast",
                      "hostname": "gateway" or None (arp -a on macOS / Linux),
                      "line": 5}],
         "gateway": {"ip", "mac", "type", "reason", "line"} or None}],
     "outputs": 2 (how many times the same table was pasted, e.g. before and after chcp)}

`gateway` is the entry this explainer takes for the router. arp itself never says which address
is the gateway: the reason says how it was chosen ("named": Linux calls it gateway / _gateway;
"dot1" / "dot254": the .1 / .254 address of the adapter's /24; "dot0-1": x.y.0.1 in the
adapter's /16, as in cloud networks). Compare it with the デフォルト ゲートウェイ of ipconfig.
"""

from __future__ import annotations

TOOL = "arp"
PROG = "explain_arp.py"

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
# 1. Words: Windows prints the table in the console's language; these are the spellings known
#    to this reader (lines are compared after removing white space and case-folding).
# =============================================================================================

# Windows "Type" column -> type
WIN_TYPES = {
    "dynamic": "dynamic", "動的": "dynamic", "dynamique": "dynamic", "dynamisch": "dynamic",
    "dinámico": "dynamic", "dinamico": "dynamic", "dinâmico": "dynamic",
    "static": "static", "静的": "static", "statique": "static", "statisch": "static",
    "estático": "static", "estatico": "static", "statico": "static",
    "invalid": "invalid", "無効": "invalid", "non": "invalid",
}
# Column headings of the Windows table (compacted): only a sign for detection.
WIN_HEADERS = ("internetaddressphysicaladdresstype", "インターネットアドレス物理アドレス種類",
               "adresseinternetadressephysiquetype", "internetadressephysischeadressetyp")
# "No ARP Entries Found." in the languages known here (compacted).
WIN_NONE = ("noarpentriesfound.", "arpエントリが見つかりませんでした。", "arpエントリが見つかりません。")
# ip neigh states -> type
NEIGH_STATES = {
    "REACHABLE": "dynamic", "STALE": "dynamic", "DELAY": "dynamic", "PROBE": "dynamic",
    "PERMANENT": "static", "NOARP": "static",
    "FAILED": "incomplete", "INCOMPLETE": "incomplete", "NONE": "incomplete",
}
# First three bytes of virtual network adapters (hypervisors and containers).
VIRTUAL_OUIS = {
    "00:15:5d": "Hyper-V", "08:00:27": "VirtualBox", "0a:00:27": "VirtualBox",
    "00:50:56": "VMware", "00:0c:29": "VMware", "00:05:69": "VMware", "00:1c:14": "VMware",
    "00:1c:42": "Parallels", "52:54:00": "QEMU/KVM", "02:42": "Docker",
}
_HEX = frozenset("0123456789abcdefABCDEF")
_MAX_LISTED = 6


def _compact(text):
    return "".join(text.split()).casefold().replace("：", ":")


# =============================================================================================
# 2. Parsing, one line at a time (split() and table look-ups only: linear time, no patterns
#    that could backtrack).
# =============================================================================================


def _ipv4(text):
    """(a, b, c, d) for a dotted IPv4 address, else None."""
    if not 7 <= len(text) <= 15:
        return None
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


def _ipv6(text):
    return 2 <= len(text) <= 64 and ":" in text and all(c in _HEX or c in ":.%" or c.isalnum() for c in text) \
        and text.count(":") >= 2 and text.isascii()


def _mac(text):
    """'aa:bb:cc:dd:ee:ff' for a MAC written with '-' or ':' (macOS drops leading zeros), else None."""
    if not 11 <= len(text) <= 17 or not text.isascii():
        return None
    sep = "-" if "-" in text else ":"
    parts = text.split(sep)
    if len(parts) != 6:
        return None
    out = []
    for part in parts:
        if not 1 <= len(part) <= 2 or not all(c in _HEX for c in part):
            return None
        out.append(part.lower().rjust(2, "0"))
    return ":".join(out)


def _kind(ip, mac):
    v4 = _ipv4(ip)
    if mac == "ff:ff:ff:ff:ff:ff" or v4 == (255, 255, 255, 255):
        return "broadcast"
    if v4 is not None and 224 <= v4[0] <= 239:
        return "multicast"
    if mac is not None and (mac.startswith("01:00:5e:") or mac.startswith("33:33:")):
        return "multicast"
    if v4 is None and ip.casefold().startswith("ff"):
        return "multicast"
    return "unicast"


class _Doc:
    def __init__(self):
        self.interfaces = []
        self.current = None
        self.formats = set()
        self.win_headers = 0
        self.win_headings = 0
        self.linux_header = False
        self.no_entries = []
        self.by_name = {}

    def iface(self, name, address, index, line_no, fmt):
        """The interface section rows go into (unix formats: one per interface name)."""
        if fmt != "windows" and name in self.by_name:
            return self.by_name[name]
        it = {"name": name, "address": address, "index": index, "line": line_no, "entries": [],
              "gateway": None, "_fmt": fmt}
        self.interfaces.append(it)
        if fmt != "windows":
            self.by_name[name] = it
        return it


def _entry(ip, mac, mac_raw, etype, state, hostname, line_no):
    return {"ip": ip, "mac": mac, "mac_raw": mac_raw, "type": etype, "state": state,
            "kind": _kind(ip, mac), "hostname": hostname, "line": line_no}


def parse(text):
    doc = _Doc()
    for line_no, line in enumerate(text.splitlines(), 1):
        s = line.strip().lstrip("\ufeff").strip()
        if not s:
            continue
        if len(s) > 400:
            continue  # no ARP line is this long
        toks = s.split()
        if _windows_heading(doc, toks, line_no):
            continue
        n = len(toks)
        # ---- Windows rows: "192.168.1.1   70-1c-e7-aa-bb-cc   動的" ----
        if n == 3 and toks[2].casefold() in WIN_TYPES and _ipv4(toks[0]) and (_mac(toks[1]) or toks[1] in ("---",)):
            if doc.current is None:
                doc.current = doc.iface("?", None, None, line_no, "windows")
            mac = _mac(toks[1])
            doc.current["entries"].append(_entry(toks[0], mac, toks[1], WIN_TYPES[toks[2].casefold()], toks[2], None, line_no))
            doc.formats.add("windows")
            continue
        key = _compact(s) if n <= 8 else ""
        if key in WIN_HEADERS or (key.startswith("internetaddress") and "physical" in key):
            doc.win_headers += 1
            continue
        if key in WIN_NONE:
            doc.no_entries.append(line_no)
            continue
        # ---- macOS / BSD / Linux arp -a: "name (192.168.1.1) at aa:bb:.. [ether] on en0" ----
        if n >= 4 and toks[2] == "at" and toks[1][:1] == "(" and toks[1][-1:] == ")":
            _bsd_row(doc, toks, line_no)
            continue
        # ---- Linux arp (net-tools): "Address HWtype HWaddress Flags Mask Iface" ----
        if n >= 3 and toks[0] == "Address" and toks[1] == "HWtype":
            doc.linux_header = True
            continue
        if doc.linux_header and 3 <= n <= 6 and (_ipv4(toks[0]) or n >= 4):
            if _linux_arp_row(doc, toks, line_no):
                continue
        # ---- ip neigh: "192.168.1.1 dev wlan0 lladdr aa:bb:.. REACHABLE" ----
        if 3 <= n <= 12 and toks[1] == "dev" and (_ipv4(toks[0]) or _ipv6(toks[0])):
            _neigh_row(doc, toks, line_no)
            continue
    return doc


def _windows_heading(doc, toks, line_no):
    """'Interface: 192.168.1.10 --- 0x4', 'インターフェイス: 192.168.1.10 --- 0xc', and Windows
    2000's 'Interface: 192.168.1.100 on Interface 0x1000003'."""
    n = len(toks)
    if n < 3 or n > 8 or not toks[-1].casefold().startswith("0x"):
        return False
    ip_at = None
    dash = next((d for d in ("---", "—", "–", "--") if d in toks), None)  # blogs turn "---" into a dash
    if dash is not None:
        i = toks.index(dash)
        if i >= 1 and i == n - 2 and _ipv4(toks[i - 1]):
            ip_at = i - 1
    elif n >= 4 and toks[-2].casefold() in ("interface", "インターフェイス") and toks[-3] == "on" and _ipv4(toks[-4]):
        ip_at = n - 4
    if ip_at is None or ip_at == 0:
        return False
    label = "".join(toks[:ip_at]).rstrip(":：")
    if not label or len(label) > 24 or any(c.isdigit() for c in label):
        return False
    try:
        index = int(toks[-1][2:], 16)
    except ValueError:
        return False
    doc.current = doc.iface(toks[ip_at], toks[ip_at], index, line_no, "windows")
    doc.win_headings += 1
    doc.formats.add("windows")
    return True


def _bsd_row(doc, toks, line_no):
    ip = toks[1][1:-1]
    if not (_ipv4(ip) or _ipv6(ip)):
        return
    raw = toks[3]
    mac = _mac(raw)
    rest = [t.casefold() for t in toks[4:]]
    iface = "?"
    if "on" in rest:
        i = rest.index("on")
        if i + 1 < len(rest):
            iface = toks[4 + i + 1]
    if raw.casefold() in ("(incomplete)", "<incomplete>", "incomplete"):
        etype, state, mac = "incomplete", raw, None
    elif mac is None:
        return
    elif "permanent" in rest:
        etype, state = "static", "permanent"
    elif "perm" in rest:
        etype, state = "static", "PERM"
    else:
        etype, state = "dynamic", None
    host = None if toks[0] == "?" else toks[0]
    doc.formats.add("bsd" if "ifscope" in rest or "[ethernet]" in rest else "linux-arp")
    doc.iface(iface, None, None, line_no, "unix")["entries"].append(_entry(ip, mac, raw, etype, state, host, line_no))


def _linux_arp_row(doc, toks, line_no):
    """'192.168.71.2  ether  00:50:56:f7:4a:fc  C  ens33' or '192.168.1.5  (incomplete)  eth0'."""
    n = len(toks)
    host = toks[0]
    if n == 3 and toks[1] == "(incomplete)":
        ip = host if _ipv4(host) else host
        doc.iface(toks[2], None, None, line_no, "unix")["entries"].append(
            _entry(ip, None, toks[1], "incomplete", "(incomplete)", None if _ipv4(host) else host, line_no))
        doc.formats.add("linux-arp")
        return True
    if n >= 4 and _mac(toks[2]) and toks[1].isalpha():
        flags = toks[3] if n >= 5 else ""
        etype = "static" if "M" in flags else "dynamic"
        iface = toks[-1]
        doc.iface(iface, None, None, line_no, "unix")["entries"].append(
            _entry(host, _mac(toks[2]), toks[2], etype, flags or None, None if _ipv4(host) else host, line_no))
        doc.formats.add("linux-arp")
        return True
    return False


def _neigh_row(doc, toks, line_no):
    ip = toks[0]
    iface = toks[2]
    state = None
    for tok in reversed(toks[3:]):
        if tok in NEIGH_STATES:
            state = tok
            break
    raw = None
    if "lladdr" in toks:
        i = toks.index("lladdr")
        raw = toks[i + 1] if i + 1 < len(toks) else None
    mac = _mac(raw) if raw else None
    if state is None and mac is None:
        return
    etype = NEIGH_STATES.get(state, "dynamic")
    if etype == "incomplete":
        mac = None
    elif mac is None:
        return
    doc.formats.add("iproute")
    doc.iface(iface, None, None, line_no, "unix")["entries"].append(
        _entry(ip, mac, raw if raw else state, etype, state, None, line_no))


# =============================================================================================
# 3. Interpretation
# =============================================================================================


def _score(doc):
    rows = sum(len(it["entries"]) for it in doc.interfaces)
    score = 0.0
    if "windows" in doc.formats:
        score = 0.35 * min(doc.win_headings, 2) + 0.15 * min(doc.win_headers, 2) + 0.08 * min(rows, 5)
        if doc.win_headings == 0 and doc.win_headers == 0:
            score = min(0.1 * min(rows, 5), 0.45)
    unix = sum(len(it["entries"]) for it in doc.interfaces if it["_fmt"] == "unix")
    if unix:
        score = max(score, 0.25 + 0.15 * min(unix, 5))
    if doc.win_headings and doc.no_entries:
        score = max(score, 0.6)
    return round(min(1.0, score), 2)


def detect(text):
    """0.0 .. 1.0: how sure this text is an ARP table (arp -a, ip neigh)."""
    try:
        if not isinstance(text, str) or not text.strip():
            return 0.0
        return _score(parse(text))
    except Exception:  # noqa: BLE001 - detection must never fail
        return 0.0


def _merged(doc):
    """One view per interface (the same table pasted twice, before and after chcp, counts once);
    also the addresses whose MAC differs between the copies."""
    views = []
    by_key = {}
    changed = []
    for it in doc.interfaces:
        key = (it["_fmt"], it["name"])
        view = by_key.get(key)
        if view is None:
            view = {"iface": it, "entries": {}, "order": [], "copies": 0}
            by_key[key] = view
            views.append(view)
        view["copies"] += 1
        if view["iface"] is not it:
            view["iface"] = it  # the latest heading is the one reported
        for e in it["entries"]:
            old = view["entries"].get(e["ip"])
            if old is None:
                view["entries"][e["ip"]] = e
                view["order"].append(e["ip"])
            else:
                if old["mac"] and e["mac"] and old["mac"] != e["mac"]:
                    changed.append((view, old, e))
                view["entries"][e["ip"]] = e
    return views, changed


def _gateway(view):
    """(entry, reason) of the entry taken for the router of this interface, or (None, None)."""
    entries = [view["entries"][ip] for ip in view["order"]]
    for e in entries:
        if e["hostname"] in ("gateway", "_gateway") and e["kind"] == "unicast":
            return e, "named"
    unicast4 = [e for e in entries if e["kind"] == "unicast" and _ipv4(e["ip"])]
    own = _ipv4(view["iface"]["address"] or "")
    if own is not None:
        if own[0] == 169 and own[1] == 254 or own[0] == 127:
            return None, None
        same24 = [e for e in unicast4 if _ipv4(e["ip"])[:3] == own[:3]]
        for last, reason in ((1, "dot1"), (254, "dot254")):
            for e in same24:
                if _ipv4(e["ip"])[3] == last and e["ip"] != view["iface"]["address"]:
                    return e, reason
        for e in unicast4:
            ip = _ipv4(e["ip"])
            if ip[:2] == own[:2] and ip[2:] == (0, 1):
                return e, "dot0-1"
        return None, None
    for last, reason in ((1, "dot1"), (254, "dot254")):
        hits = [e for e in unicast4 if _ipv4(e["ip"])[3] == last]
        if len(hits) == 1:
            return hits[0], reason
    return None, None


def _listing(items, lang):
    items = list(items)
    text = ("、" if lang == "ja" else ", ").join(items[:_MAX_LISTED])
    if len(items) > _MAX_LISTED:
        text += " …" if lang == "en" else " ほか"
    return text


def _virtual(mac):
    for prefix, name in VIRTUAL_OUIS.items():
        if mac.startswith(prefix):
            return name
    return None


def analyse(text, lang):
    """The report. May raise on a bug; explain() is the safe wrapper."""
    doc = parse(text)
    if _score(doc) < 0.3 or not doc.interfaces:
        return _unrecognized(lang)
    views, changed = _merged(doc)
    out = []

    def add(fid, severity, lines=(), variant=None, subject=None, **params):
        finding = {"id": fid, "severity": severity, "variant": variant, "params": params}
        if subject:
            finding["subject"] = subject
        finding["lines"] = sorted(set(lines))
        out.append(finding)

    for view in views:
        it = view["iface"]
        entries = [view["entries"][ip] for ip in view["order"]]
        subject = it["name"] if it["name"] != "?" else None
        head_lines = [it["line"]] if it["_fmt"] == "windows" and it["address"] else []
        gw, reason = _gateway(view)
        if gw is not None:
            it["gateway"] = {"ip": gw["ip"], "mac": gw["mac"], "type": gw["type"], "reason": reason, "line": gw["line"]}
        unicast = [e for e in entries if e["kind"] == "unicast"]
        dynamic = [e for e in unicast if e["type"] == "dynamic"]
        # macOS lists the PC's own address as "permanent": that one was not added by hand.
        static = [e for e in unicast if e["type"] == "static" and e["state"] not in ("permanent", "NOARP")]
        incomplete = [e for e in unicast if e["type"] == "incomplete"]
        special = [e for e in entries if e["kind"] != "unicast"]
        own = it["address"] or ""
        params = dict(dynamic=len(dynamic), static=len(static), special=len(special), incomplete=len(incomplete),
                      gateway=gw["ip"] if gw else "?", gwmac=(gw["mac"] or "?") if gw else "?", address=own or "?",
                      total=len(entries), reason=_reason_text(reason, own, lang))
        # ---- the table itself ----
        if own.startswith("169.254."):
            variant = "apipa"
        elif not unicast:
            variant = "empty"
        elif not dynamic and not static:
            variant = "unanswered"
        elif gw is None and all(e["mac"] and _virtual(e["mac"]) for e in unicast):
            variant = "virtual"
            params["vendor"] = _virtual(unicast[0]["mac"])
        elif gw is None:
            variant = "no-gateway"
        elif gw["type"] == "incomplete":
            variant = "gateway-incomplete"
        else:
            variant = "gateway"
        severity = "ok" if variant == "gateway" else "info"
        lines = head_lines + ([gw["line"]] if gw else [])
        if not lines:
            lines = [entries[0]["line"]] if entries else [it["line"]]
        add("arp-entries", severity, lines, variant, subject, **params)
        # ---- the router does not answer ARP ----
        if gw is not None and gw["type"] == "incomplete":
            sev = "error" if reason == "named" else "warning"
            add("gateway-incomplete", sev, head_lines + [gw["line"]], "named" if reason == "named" else None, gw["ip"],
                gateway=gw["ip"], reason=_reason_text(reason, own, lang), state=gw["state"] or gw["mac_raw"] or "?")
        # ---- other hosts that did not answer ----
        others = [e for e in incomplete if gw is None or e is not gw]
        if others:
            add("incomplete-entries", "info", [e["line"] for e in others], None, subject,
                count=len(others), ips=_listing((e["ip"] for e in others), lang))
        # ---- entries added by hand (arp -s, netsh ... add neighbors, ip neigh add ... permanent) ----
        hand = static
        if hand:
            add("static-entries", "info", [e["line"] for e in hand], None, subject,
                count=len(hand), ips=_listing(("{0} → {1}".format(e["ip"], e["mac_raw"]) for e in hand), lang))
        # ---- one MAC for several addresses ----
        by_mac = {}
        for e in unicast:
            if e["mac"] and e["mac"] != "00:00:00:00:00:00" and _ipv4(e["ip"]):
                by_mac.setdefault(e["mac"], []).append(e)
        for mac, group in by_mac.items():
            if len(group) < 2:
                continue
            ips = [e["ip"] for e in group]
            lines = [e["line"] for e in group]
            listing = _listing(ips, lang)
            virtual = _virtual(mac)
            if "169.254.169.254" in ips:
                add("duplicate-mac", "info", lines, "cloud", mac, mac=mac, ips=listing)
            elif virtual:
                add("duplicate-mac", "info", lines, "virtual", mac, mac=mac, ips=listing, vendor=virtual)
            elif gw is not None and gw in group:
                add("duplicate-mac", "warning", lines, "gateway", mac, mac=mac, gateway=gw["ip"],
                    ips=_listing((ip for ip in ips if ip != gw["ip"]), lang))
            else:
                add("duplicate-mac", "info", lines, None, mac, mac=mac, ips=listing)

    # ---- the same address with another MAC in a second copy of the table ----
    for view, old, new in changed:
        add("mac-changed", "warning", [old["line"], new["line"]], None, new["ip"],
            ip=new["ip"], old=old["mac"], new=new["mac"])

    rank = {s: i for i, s in enumerate(SEVERITY_ORDER)}
    out.sort(key=lambda f: rank[f["severity"]])
    findings = [_render(f, lang) for f in out]
    interfaces = [{k: v for k, v in it.items() if not k.startswith("_")} for it in doc.interfaces]
    fmts = sorted(doc.formats)
    data = {
        "format": fmts[0] if len(fmts) == 1 else "mixed",
        "interfaces": interfaces,
        "outputs": max([v["copies"] for v in views] or [1]),
        "no_entries_lines": doc.no_entries,
    }
    return {
        "tool": TOOL,
        "recognized": True,
        "locale": lang,
        "summary": _summary(views, findings, lang),
        "data": data,
        "findings": findings,
    }


def _reason_text(reason, own, lang):
    if reason is None:
        return ""
    t = TEXTS["reasons"][lang]
    if not own and reason in ("dot1", "dot254"):
        reason += "-noaddr"
    return t[reason].format(address=own or "?")


def _unrecognized(lang):
    return empty_report(TOOL, lang, TEXTS["unrecognized"][lang]["title"])


def explain(text, lang="ja"):
    """The report for an ARP table `text`; never raises."""
    summaries = {key: {code: TEXTS[key][code]["title"] for code in ("ja", "en")} for key in ("unrecognized", "internal-error")}
    return guarded_explain(TOOL, analyse, text, lang, summaries)


# =============================================================================================
# 4. Human text: ONE table keyed by finding id (variants as "detail:<variant>").
# =============================================================================================

PAGE_ARP = "network/arp/"
PAGES = {"arp-entries": PAGE_ARP, "gateway-incomplete": "how-it-works/arp/", "duplicate-mac": PAGE_ARP, "mac-changed": PAGE_ARP}

TEXTS = {
    "arp-entries": {
        "ja": {
            "title": "ARP テーブルの内容",
            "detail": "ARP で調べて覚えた相手 (動的) が {dynamic} 件、手で登録した相手 (静的) が {static} 件あります。"
            "ルーターと見られる {gateway} の MAC アドレス ({gwmac}) が載っているので、LAN の中でルーターまでは届いています。"
            "{reason}ブロードキャストとマルチキャストの行 ({special} 行) は、どのパソコンにもある正常な行です。",
            "detail:gateway-incomplete": "ARP で調べて覚えた相手 (動的) が {dynamic} 件、手で登録した相手 (静的) が {static} 件あります。"
            "ルーターと見られる {gateway} は、問い合わせても MAC アドレスが返ってきていません (別の項目を見てください)。{reason}",
            "detail:no-gateway": "ARP で調べて覚えた相手 (動的) が {dynamic} 件、手で登録した相手 (静的) が {static} 件あります。"
            "arp はどれがルーターかを表示せず、この表には末尾が .1 や .254 の相手もないため、ルーターの行は特定できませんでした。"
            "ipconfig /all (macOS や Linux では netstat -rn や ip route) のデフォルト ゲートウェイのアドレスがこの表にあるか確かめてください。ない場合は、ルーターとまだ通信していないか、ルーターが返事をしていません。",
            "detail:unanswered": "この表の相手 ({incomplete} 件) は、どれも ARP の問い合わせに返事をしていません (別の項目を見てください)。"
            "仮想マシン用のブリッジなど、相手がいまはいないネットワークではふつうです。インターネットに使うアダプターなら、ルーターとの間 (ケーブル、Wi-Fi) を疑ってください。",
            "detail:virtual": "この表の相手 ({dynamic} 件) はどれも {vendor} などの仮想アダプターの MAC アドレスです。"
            "仮想マシンや WSL のためにパソコンの中に作られたネットワークで、ここにルーターはなくてもかまいません。",
            "detail:empty": "この表にはブロードキャストとマルチキャストの行 ({special} 行) しかなく、ARP で調べた相手はまだいません。"
            "使っていないアダプターや、つながったばかりのアダプターではふつうです。インターネットに使うアダプターなら、ルーターとの間 (ケーブル、Wi-Fi) を疑ってください。",
            "detail:apipa": "このアダプターのアドレス {address} は 169.254 で始まります。DHCP からアドレスを受け取れていないか、"
            "VirtualBox のホスト オンリーのような、外につながらない仮想アダプターです。この表ではルーターを探していません。"
            "行は {total} 行で、ブロードキャストとマルチキャストの行は正常です。",
            "steps": [],
        },
        "en": {
            "title": "What the ARP table holds",
            "detail": "{dynamic} neighbour(s) learned by ARP (dynamic) and {static} added by hand (static). The entry taken "
            "for the router, {gateway}, has a MAC address ({gwmac}): the router is reachable inside the local network. "
            "{reason}The broadcast and multicast rows ({special}) are normal on every computer.",
            "detail:gateway-incomplete": "{dynamic} neighbour(s) learned by ARP (dynamic) and {static} added by hand (static). "
            "The entry taken for the router, {gateway}, has no MAC address: it did not answer (see the other finding). {reason}",
            "detail:no-gateway": "{dynamic} neighbour(s) learned by ARP (dynamic) and {static} added by hand (static). arp does "
            "not say which entry is the router and none ends in .1 or .254, so the router's row could not be told. Check whether "
            "the default gateway of ipconfig /all (netstat -rn or ip route on macOS and Linux) is in this table; if not, the router has not been talked to yet or does not answer.",
            "detail:unanswered": "None of the neighbours in this table ({incomplete}) answered ARP (see the other finding). Normal for a "
            "network whose devices are gone, such as a bridge for virtual machines; if this adapter is the way to the internet, "
            "check the link to the router (cable, Wi-Fi).",
            "detail:virtual": "Every neighbour in this table ({dynamic}) has the MAC address of a virtual adapter ({vendor} "
            "or similar): a network inside this computer for virtual machines or WSL, which needs no router here.",
            "detail:empty": "This table holds only broadcast and multicast rows ({special}); nothing has been learned by ARP yet. "
            "Normal for an unused or just connected adapter. If this adapter is the way to the internet, check the link to the "
            "router (cable, Wi-Fi).",
            "detail:apipa": "This adapter's address {address} starts with 169.254: it got no address from DHCP, or it is a "
            "virtual adapter that leads nowhere (such as a VirtualBox host-only network). No router is looked for here. "
            "{total} row(s); the broadcast and multicast rows are normal.",
            "steps": [],
        },
    },
    "gateway-incomplete": {
        "ja": {
            "title": "ルーターが ARP に返事をしていません",
            "detail": "ルーターと見られる {gateway} は {state} で、問い合わせても MAC アドレスが返ってきていません。{reason}"
            "ルーターの電源が切れている、ケーブルや Wi-Fi の接続が切れている、パソコンのアドレスがルーターと別のネットワークのものになっている、などが考えられます。"
            "この状態では、LAN の外 (インターネットやメールサーバー) には届きません。",
            "detail:named": "{gateway} は {state} で、問い合わせても MAC アドレスが返ってきていません。{reason}"
            "ルーターの電源が切れている、ケーブルや Wi-Fi の接続が切れている、アドレスの設定が違う、などが考えられます。"
            "この状態では、LAN の外 (インターネットやメールサーバー) には届きません。",
            "steps": [
                "ipconfig /all (macOS や Linux では ip route など) で、デフォルト ゲートウェイがこのアドレスか確かめます。",
                "ルーターの電源とランプ、ケーブルや Wi-Fi の接続を確かめます。",
                "ルーターに ping を打ってから、もう一度 arp -a を実行します。",
            ],
        },
        "en": {
            "title": "The router does not answer ARP",
            "detail": "The entry taken for the router, {gateway}, is {state}: asked for its MAC address, it did not answer. {reason}"
            "The router may be off, the cable or Wi-Fi down, or this computer's address on another network than the router's. "
            "Nothing beyond the local network (internet, mail servers) can be reached like this.",
            "detail:named": "{gateway} is {state}: asked for its MAC address, it did not answer. {reason}"
            "The router may be off, the cable or Wi-Fi down, or the address settings wrong. Nothing beyond the local network "
            "(internet, mail servers) can be reached like this.",
            "steps": [
                "Check with ipconfig /all (ip route on Linux) that this address is the default gateway.",
                "Check the router's power and lamps, the cable or Wi-Fi.",
                "Ping the router, then run arp -a again.",
            ],
        },
    },
    "incomplete-entries": {
        "ja": {
            "title": "ARP に返事をしない相手があります",
            "detail": "{ips} ({count} 件) は、ARP で問い合わせても返事がありませんでした (incomplete や FAILED)。"
            "その機器の電源が切れている、IP アドレスが違う、別のネットワーク (ゲスト用の Wi-Fi など) にいる、ケーブルが抜けている、などが考えられます。"
            "以前に通信した相手が LAN からいなくなっただけのこともあります。",
            "steps": ["その機器の電源と接続を確かめ、ping を打ってから、もう一度表を見ます。"],
        },
        "en": {
            "title": "Some neighbours do not answer ARP",
            "detail": "{ips} ({count}) did not answer ARP (incomplete or FAILED). The device may be off, have another address, "
            "be on another network (such as a guest Wi-Fi) or have its cable unplugged; or it simply left the network after an earlier contact.",
            "steps": ["Check the device's power and connection, ping it, and look at the table again."],
        },
    },
    "static-entries": {
        "ja": {
            "title": "手で登録した ARP エントリがあります",
            "detail": "{ips} は静的 (static) なエントリで、arp -s や netsh interface ipv4 add neighbors で登録されたものです。"
            "相手の機器を交換して MAC アドレスが変わると、この登録が残っている限り、その相手には届かなくなります。",
            "steps": ["心当たりがなければ、管理者として開いたコマンドプロンプトで arp -d IP アドレス を実行して削除します。"],
        },
        "en": {
            "title": "Entries were added by hand",
            "detail": "{ips}: static entries, added with arp -s or netsh interface ipv4 add neighbors. If that device is "
            "replaced and its MAC address changes, it cannot be reached while the entry stays.",
            "steps": ["If you do not know why they are there, remove them with arp -d ADDRESS in an administrator command prompt."],
        },
    },
    "duplicate-mac": {
        "ja": {
            "title": "1 つの MAC アドレスに複数の IP アドレスがあります",
            "detail": "MAC アドレス {mac} が {ips} に使われています。Wi-Fi 中継機 (リピーター) の先にいる機器は中継機の MAC アドレスで見えるほか、"
            "複数のアドレスを持つ機器や、ほかの機器の代わりに応答するルーター (プロキシ ARP) でもこうなります。"
            "ルーターではない機器どうしなので、多くは問題ありません。通信が不安定な機器があるときは、2 台に同じアドレスを設定していないか確かめてください。",
            "detail:gateway": "ルーターと見られる {gateway} と同じ MAC アドレス {mac} が、{ips} に使われています。"
            "ルーターが複数のアドレスを持っているなら正常ですが、LAN の中の別の機器が「自分がルーターだ」と偽って通信を横取りしようとしている "
            "(ARP スプーフィング) ときや、アドレスが重複しているときも、このように見えます。",
            "detail:virtual": "MAC アドレス {mac} は {vendor} の仮想アダプターのもので、{ips} に使われています。"
            "仮想スイッチ (Hyper-V、WSL、VirtualBox など) や仮想マシンの NAT が、ほかのアドレスの代わりに応答するため、ふつうに起こります。",
            "detail:cloud": "MAC アドレス {mac} が {ips} に使われています。クラウド (AWS、Azure、Google Cloud など) の仮想ネットワークでは、"
            "ルーター役の装置がメタデータ用のアドレス 169.254.169.254 にも応答するので、正常です。",
            "steps": [],
            "steps:gateway": [
                "ルーター本体のラベルや管理画面で MAC アドレスを確かめ、この MAC アドレスと同じか比べます。",
                "同じなら、ルーターが複数のアドレスを持っているだけで問題ありません。",
                "違う場合は、公共の Wi-Fi ならすぐに切断し、会社や学校なら管理者に知らせてください。家庭なら、知らない機器がつながっていないかルーターの管理画面で確かめます。",
            ],
        },
        "en": {
            "title": "One MAC address for several IP addresses",
            "detail": "The MAC address {mac} is used by {ips}. Devices behind a Wi-Fi extender (repeater) show the extender's "
            "MAC address; a device with several addresses or a router answering for others (proxy ARP) looks the same. "
            "None of them is the router, so this is usually fine. If a device is unstable, check that two devices were not given the same address.",
            "detail:gateway": "The entry taken for the router, {gateway}, shares its MAC address {mac} with {ips}. Fine if the "
            "router has several addresses, but it also looks like this when another device on the network pretends to be the "
            "router to intercept traffic (ARP spoofing), or when addresses conflict.",
            "detail:virtual": "The MAC address {mac} belongs to a {vendor} virtual adapter and is used by {ips}. A virtual switch "
            "(Hyper-V, WSL, VirtualBox) or a VM's NAT answers for other addresses: this is normal.",
            "detail:cloud": "The MAC address {mac} is used by {ips}. In cloud networks (AWS, Azure, Google Cloud) the virtual "
            "router also answers for the metadata address 169.254.169.254: this is normal.",
            "steps": [],
            "steps:gateway": [
                "Look up the router's MAC address on its label or admin page and compare.",
                "If it is the same, the router just has several addresses.",
                "If not, leave a public Wi-Fi at once, or tell the administrator at work or school; at home, look for unknown devices in the router's admin page.",
            ],
        },
    },
    "mac-changed": {
        "ja": {
            "title": "同じ IP アドレスの MAC アドレスが変わっています",
            "detail": "貼り付けた 2 つの表で、{ip} の MAC アドレスが {old} から {new} に変わっています。"
            "2 つの表の間に別のネットワーク (別の Wi-Fi やテザリング) につなぎ替えた、機器を交換した、2 台が同じアドレスを使っていて交互に応答している、"
            "ARP スプーフィング、のどれかが考えられます。",
            "steps": [
                "ipconfig /all で、アドレスの後ろに (重複) が出ていないか確かめます。",
                "ルーターのアドレスなら、ルーター本体のラベルや管理画面の MAC アドレスと比べます。",
            ],
        },
        "en": {
            "title": "An address changed its MAC address",
            "detail": "In the two pasted tables, {ip} changed from {old} to {new}: another network joined in between (another "
            "Wi-Fi, tethering), a replaced device, two devices with the same address answering in turn, or ARP spoofing.",
            "steps": [
                "Check ipconfig /all for (Duplicate) after the address.",
                "If it is the router's address, compare with the MAC address on the router's label or admin page.",
            ],
        },
    },
    "reasons": {
        "ja": {
            "named": "(表の中でこの相手が gateway または _gateway と名付けられているので、ルーターと判断しました。) ",
            "dot1": "(arp はどれがルーターかを表示しません。ここでは、このアダプターのアドレス {address} と同じ 24 ビットの範囲 "
            "(サブネット マスク 255.255.255.0 と仮定) で末尾が .1 のアドレスを、ルーターとみなしました。ipconfig のデフォルト ゲートウェイと同じか確かめてください。) ",
            "dot254": "(arp はどれがルーターかを表示しません。ここでは、このアダプターのアドレス {address} と同じ 24 ビットの範囲 "
            "(サブネット マスク 255.255.255.0 と仮定) で末尾が .254 のアドレスを、ルーターとみなしました。ipconfig のデフォルト ゲートウェイと同じか確かめてください。) ",
            "dot0-1": "(arp はどれがルーターかを表示しません。ここでは、このアダプターのアドレス {address} と同じ 16 ビットの範囲で "
            "x.x.0.1 のアドレス (クラウドの仮想ネットワークや、サブネット マスクが 255.255.0.0 の LAN でよく使われるルーターのアドレス) を、ルーターとみなしました。ipconfig のデフォルト ゲートウェイと同じか確かめてください。) ",
            "dot1-noaddr": "(arp はどれがルーターかを表示しません。ここでは、表の中で末尾が .1 のアドレスをルーターとみなしました。netstat -rn や ip route で確かめてください。) ",
            "dot254-noaddr": "(arp はどれがルーターかを表示しません。ここでは、表の中で末尾が .254 のアドレスをルーターとみなしました。netstat -rn や ip route で確かめてください。) ",
        },
        "en": {
            "named": "(The table names this entry gateway or _gateway, so it is taken for the router.) ",
            "dot1": "(arp does not say which entry is the router. Here the address ending in .1 in the same /24 as this "
            "adapter's {address} (assuming the mask 255.255.255.0) is taken for it; check it against ipconfig's default gateway.) ",
            "dot254": "(arp does not say which entry is the router. Here the address ending in .254 in the same /24 as this "
            "adapter's {address} (assuming the mask 255.255.255.0) is taken for it; check it against ipconfig's default gateway.) ",
            "dot0-1": "(arp does not say which entry is the router. Here x.x.0.1 in the same /16 as this adapter's {address} "
            "(the usual router address of cloud networks and of LANs with the mask 255.255.0.0) is taken for it; check it against ipconfig's default gateway.) ",
            "dot1-noaddr": "(arp does not say which entry is the router. Here the address ending in .1 is taken for it; check with netstat -rn or ip route.) ",
            "dot254-noaddr": "(arp does not say which entry is the router. Here the address ending in .254 is taken for it; check with netstat -rn or ip route.) ",
        },
    },
    "unrecognized": {
        "ja": {"title": "ARP テーブルとして読み取れませんでした。arp -a (Linux では ip neigh) の結果を貼り付けてください。"},
        "en": {"title": "This does not look like an ARP table. Paste what arp -a (ip neigh on Linux) prints."},
    },
    "internal-error": {
        "ja": {"title": "読み取り中に予期しない問題が起きました。出力の全体を貼り付けて、もう一度試してください。"},
        "en": {"title": "Something unexpected went wrong while reading the output. Paste the whole output and try again."},
    },
    "summary": {
        "ja": {
            "head": "arp: {ifaces} 個のインターフェイスで {rows} 行を読み取りました。",
            "errors": "問題が {n} 件あります (最初: {title})。",
            "warnings": "注意点が {n} 件あります (最初: {title})。",
            "fine": "大きな問題は見つかりませんでした。",
            "gateway": "ルーターと見られる {ip} は MAC アドレス {mac} で応答しています。",
        },
        "en": {
            "head": "arp: {rows} row(s) read on {ifaces} interface(s).",
            "errors": "{n} problem(s) found (first: {title}).",
            "warnings": "{n} warning(s) (first: {title}).",
            "fine": "No significant problem found.",
            "gateway": "The entry taken for the router, {ip}, answers with the MAC address {mac}.",
        },
    },
}


def _render(f, lang):
    text = TEXTS[f["id"]][lang]
    params = TextParams(f["params"])
    variant = f["variant"]
    finding = finding_from_text(text, f, pick_detail(text, variant).format_map(params).strip(), PAGES.get(f["id"], PAGE_ARP))
    if variant and ("steps:" + variant) in text:
        finding["next_steps"] = list(text["steps:" + variant])
    return finding


def _summary(views, findings, lang):
    t = TEXTS["summary"][lang]
    rows = sum(len(v["order"]) for v in views)
    parts = [t["head"].format(ifaces=len(views), rows=rows)]
    errors = [f for f in findings if f["severity"] == "error"]
    warnings = [f for f in findings if f["severity"] == "warning"]
    if errors:
        parts.append(t["errors"].format(n=len(errors), title=errors[0]["title"]))
    elif warnings:
        parts.append(t["warnings"].format(n=len(warnings), title=warnings[0]["title"]))
    else:
        parts.append(t["fine"])
    gws = [v["iface"]["gateway"] for v in views if v["iface"]["gateway"] and v["iface"]["gateway"]["mac"]]
    if len(gws) == 1:
        parts.append(t["gateway"].format(ip=gws[0]["ip"], mac=gws[0]["mac"]))
    return ("" if lang == "ja" else " ").join(parts)


# =============================================================================================
# 5. Command line
# =============================================================================================

_CLI = {
    "ja": {
        "no_input": "入力がありません。Windows で arp -a > arp.txt として保存し、"
        "python3 explain_arp.py arp.txt のように実行するか、arp -an や ip neigh の出力をパイプで渡してください。",
    },
    "en": {
        "no_input": "no input. On Windows save it with arp -a > arp.txt and run "
        "python3 explain_arp.py arp.txt, or pipe the output of arp -an or ip neigh in.",
    },
}


def main(argv=None):
    hint = {lang: texts["no_input"] for lang, texts in _CLI.items()}
    return explainer_main(argv, PROG, {"ja": "ARP テーブル (arp -a、ip neigh) を読み解きます。", "en": "Explain an ARP table: arp -a, ip neigh."}, explain, ["arp", "-a"], hint)


if __name__ == "__main__":
    sys.exit(main())
