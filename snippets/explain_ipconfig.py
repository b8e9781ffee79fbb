#!/usr/bin/env python3
"""Read the output of Windows `ipconfig` / `ipconfig /all` and explain it.

Japanese-locale and English-locale output (Windows XP to 11 and Server) is understood,
as saved by cmd.exe, PowerShell or pasted from a web page, even when it was cut off.
PowerShell's `Get-NetIPConfiguration` (and `-Detailed`) is read too, into the same adapters.

    python explain_ipconfig.py             on Windows: runs `ipconfig /all` itself
    python explain_ipconfig.py FILE        reads a saved output (UTF-8, UTF-16, cp932)
    python explain_ipconfig.py -           reads standard input
        --json        the report as JSON
        --lang en     English instead of Japanese

Exit status: 0 no error found, 1 an error-level finding, 2 usage error / unreadable /
not ipconfig output. Standard library only; also runs inside Pyodide (detect/explain).
"""

from __future__ import annotations

import unicodedata

TOOL = "ipconfig"
PROG = "explain_ipconfig.py"

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
# 1. Labels: ONE table of the Japanese and English label variants, mapped to field keys.
#    Keys are compared after removing dot leaders and all white space, case-folded
#    (see _label_key), so "サブネット マスク . . . ." and "Subnet Mask. . ." both match.
# =============================================================================================

LABELS = {
    # host part ("Windows IP Configuration")
    "host_name": ("Host Name", "ホスト名"),
    "primary_dns_suffix": ("Primary Dns Suffix", "プライマリ DNS サフィックス"),
    "node_type": ("Node Type", "ノード タイプ", "ノードタイプ"),
    "ip_routing_enabled": ("IP Routing Enabled", "IP ルーティング有効"),
    "wins_proxy_enabled": ("WINS Proxy Enabled", "WINS プロキシ有効"),
    "dns_suffix_search_list": ("DNS Suffix Search List", "DNS サフィックス検索一覧"),
    # adapter part
    "media_state": ("Media State", "メディアの状態"),
    "connection_dns_suffix": ("Connection-specific DNS Suffix", "接続固有の DNS サフィックス"),
    "connection_dns_suffix_search_list": (
        "Connection-specific DNS Suffix Search List",
        "接続固有の DNS サフィックス検索の一覧",
        "接続固有の DNS サフィックス検索一覧",
    ),
    "description": ("Description", "説明"),
    "physical_address": ("Physical Address", "物理アドレス"),
    "dhcp_enabled": ("DHCP Enabled", "DHCP 有効"),
    "autoconfiguration_enabled": ("Autoconfiguration Enabled", "自動構成有効"),
    "ipv6_address": ("IPv6 Address", "IPv6 アドレス"),
    "temporary_ipv6_address": ("Temporary IPv6 Address", "一時 IPv6 アドレス"),
    "link_local_ipv6_address": ("Link-local IPv6 Address", "リンクローカル IPv6 アドレス"),
    "ipv4_address": ("IPv4 Address", "IPv4 アドレス"),
    "ip_address": ("IP Address", "IP アドレス"),  # Windows XP / 2003
    "autoconfiguration_ipv4_address": (
        "Autoconfiguration IPv4 Address",
        "自動構成 IPv4 アドレス",
        "Autoconfiguration IP Address",  # Windows XP
        "自動構成 IP アドレス",
    ),
    "subnet_mask": ("Subnet Mask", "サブネット マスク"),
    "lease_obtained": ("Lease Obtained", "リース取得"),
    "lease_expires": ("Lease Expires", "リースの有効期限"),
    "default_gateway": ("Default Gateway", "デフォルト ゲートウェイ"),
    "dhcp_server": ("DHCP Server", "DHCP サーバー"),
    "dhcpv6_iaid": ("DHCPv6 IAID",),
    "dhcpv6_client_duid": ("DHCPv6 Client DUID", "DHCPv6 クライアント DUID"),
    "dns_servers": ("DNS Servers", "DNS サーバー"),
    "primary_wins_server": ("Primary WINS Server", "プライマリ WINS サーバー"),
    "secondary_wins_server": ("Secondary WINS Server", "セカンダリ WINS サーバー"),
    "netbios_over_tcpip": ("NetBIOS over Tcpip", "TCPIP 上の NetBIOS"),
}

HOST_FIELDS = frozenset(
    ("host_name", "primary_dns_suffix", "node_type", "ip_routing_enabled", "wins_proxy_enabled", "dns_suffix_search_list")
)
# Fields whose further values come on the following, indented lines.
LIST_FIELDS = frozenset(
    (
        "dns_servers",
        "default_gateway",
        "dns_suffix_search_list",
        "connection_dns_suffix_search_list",
        "primary_wins_server",
        "secondary_wins_server",
    )
)
# Only `ipconfig /all` prints these.
ALL_ONLY_FIELDS = frozenset(
    ("host_name", "node_type", "description", "physical_address", "dhcp_enabled", "autoconfiguration_enabled", "dns_servers", "netbios_over_tcpip")
)

# Header words: the kind of adapter in "<kind> adapter <name>:" / "<kind> アダプター <name>:".
ADAPTER_KINDS = {
    "ethernet": "ethernet",
    "イーサネット": "ethernet",
    "wirelesslan": "wireless",
    "ワイヤレスlan": "wireless",
    "無線lan": "wireless",
    "mobilebroadband": "wireless",
    "モバイルブロードバンド": "wireless",
    "ppp": "ppp",
    "slip": "ppp",
    "tunnel": "tunnel",
    "トンネル": "tunnel",
    "unknown": "unknown",
    "不明な": "unknown",
    "不明": "unknown",
    "tokenring": "ethernet",
}
ADAPTER_WORDS = (" adapter ", "アダプター", "アダプタ")
TITLES = ("windowsipconfiguration", "windowsip構成", "windowsipの構成")

YES_NO = {"yes": True, "はい": True, "no": False, "いいえ": False}
MEDIA_DISCONNECTED = ("mediadisconnected", "メディアは接続されていません")
ADDRESS_STATES = {
    "preferred": "preferred",
    "優先": "preferred",
    "duplicate": "duplicate",
    "重複": "duplicate",
    "tentative": "tentative",
    "暫定": "tentative",
    "deprecated": "deprecated",
    "非推奨": "deprecated",
    "推奨されない": "deprecated",
    "invalid": "invalid",
    "無効": "invalid",
}

# Virtual or special adapters, recognised from the name or the description (lower case,
# spaces removed). Their "disconnected" state, or APIPA on them, is normal.
VIRTUAL_MARKERS = (
    ("npcap", "capture-loopback"),
    ("winpcap", "capture-loopback"),
    ("km-testloopback", "loopback"),
    ("loopbackadapter", "loopback"),
    ("vethernet", "hyper-v"),
    ("hyper-v", "hyper-v"),
    ("virtualbox", "virtualbox"),
    ("vboxnet", "virtualbox"),
    ("vmware", "vmware"),
    ("vmnet", "vmware"),
    ("docker", "docker"),
    ("wireguard", "vpn"),
    ("openvpn", "vpn"),
    ("tailscale", "vpn"),
    ("zerotier", "vpn"),
    ("wintun", "vpn"),
    ("tap-windows", "vpn"),
    ("tap-", "vpn"),
    ("vpn", "vpn"),
    ("anyconnect", "vpn"),
    ("globalprotect", "vpn"),
    ("pangp", "vpn"),
    ("fortinet", "vpn"),
    ("forticlient", "vpn"),
    ("softether", "vpn"),
    ("teredo", "tunnel"),
    ("isatap", "tunnel"),
    ("6to4", "tunnel"),
    ("ip-https", "tunnel"),
    ("iphttps", "tunnel"),
    ("wi-fidirect", "wifi-direct"),
    ("localareaconnection*", "wifi-direct"),
    ("ローカルエリア接続*", "wifi-direct"),
    ("bluetooth", "bluetooth"),
)
VPN_REASONS = frozenset(("vpn",))

_DOTS = " .\t\u3000\u2026・"


_COMPACT_CACHE = {}


def _compact(text):
    """Without white space, case-folded. Short texts ("Yes", "Preferred", "Ethernet") repeat on
    every adapter, so they are remembered (bounded, like the label cache below)."""
    out = _COMPACT_CACHE.get(text)
    if out is None:
        out = "".join(text.split()).casefold()
        if len(text) <= 64:
            if len(_COMPACT_CACHE) >= 4096:
                _COMPACT_CACHE.clear()
            _COMPACT_CACHE[text] = out
    return out


def _label_key(text):
    # NFKC folds full-width letters and digits that a copy through some editors produces.
    return _compact(unicodedata.normalize("NFKC", text.rstrip(_DOTS)))


_LABEL_INDEX = {}
for _field, _variants in LABELS.items():
    for _variant in _variants:
        _LABEL_INDEX[_label_key(_variant)] = _field
# The longest label is short; a longer label part cannot be one (keeps each line cheap).
_MAX_LABEL = max(len(v) for vs in LABELS.values() for v in vs) + 60
_XP_FIELDS = frozenset(("ip_address", "autoconfiguration_ipv4_address"))
# Label part as written ("IPv4 Address. . . . . . . . . . . ") -> (field, dotted, xp_style).
# The same few spellings repeat on every adapter, so normalising each only once is what keeps
# a line cheap. Bounded: a label part is at most _MAX_LABEL characters, and the cache starts
# over when full (hostile input with endless distinct labels cannot grow it or spoil it).
_LABEL_CACHE = {}
_LABEL_CACHE_MAX = 4096


def _label_info(part):
    """(field or None, dot leaders?, Windows XP "IP Address" label?) for the text before ':'."""
    info = _LABEL_CACHE.get(part)
    if info is None:
        key = _label_key(part)
        field = _LABEL_INDEX.get(key)
        dotted = ". ." in part or part.rstrip().endswith(".")
        info = (field, dotted, field in _XP_FIELDS and "ipv4" not in key)
        if len(_LABEL_CACHE) >= _LABEL_CACHE_MAX:
            _LABEL_CACHE.clear()
        _LABEL_CACHE[part] = info
    return info


# =============================================================================================
# 2. Parsing, one line at a time (linear in the input size, no backtracking patterns).
# =============================================================================================


def _unquote(line):
    """Strip mail/Markdown quoting ("> ", "> > ") and a leading BOM; keep the indentation after it."""
    if line.startswith("\ufeff"):
        line = line[1:]
    stripped = line.lstrip()
    if not stripped.startswith(">"):
        return line
    i = len(line) - len(stripped)
    n = len(line)
    while i < n and line[i] == ">":
        i += 1
        if i < n and line[i] == " ":
            i += 1
        j = i
        while j < n and line[j] == " ":
            j += 1
        if j < n and line[j] == ">":
            i = j
    return line[i:]


def _prompt_command(s):
    """For a console prompt line (C:\\...>cmd, PS C:\\...> cmd) the command after it, else None."""
    t = s[3:] if s.startswith("PS ") else s
    if len(t) >= 3 and t[0].isalpha() and t[1] == ":" and t[2] == "\\":
        pos = t.find(">")
        if pos > 0:
            return t[pos + 1 :].strip()
    return None


_IPV4_CACHE = {}
_IPV4_CACHE_MAX = 4096
_NOT_CACHED = object()


def _parse_ipv4(text):
    """(a, b, c, d) for a dotted IPv4 address, else None. The same few addresses (masks,
    gateways, DNS servers) are asked for many times per adapter: remember them, like labels."""
    ip = _IPV4_CACHE.get(text, _NOT_CACHED)
    if ip is _NOT_CACHED:
        ip = _ipv4_tuple(text)
        if len(text) <= 64:  # never pin a long line in memory
            if len(_IPV4_CACHE) >= _IPV4_CACHE_MAX:
                _IPV4_CACHE.clear()
            _IPV4_CACHE[text] = ip
    return ip


def _ipv4_tuple(text):
    parts = text.strip().split(".")
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


def _split_state(value):
    """'192.168.1.10(優先)' -> ('192.168.1.10', 'preferred')."""
    pos = value.find("(")
    if pos < 0:
        return value.strip(), None
    address = value[:pos].strip()
    raw = value[pos + 1 :]
    end = raw.find(")")
    if end >= 0:
        raw = raw[:end]
    raw = raw.strip()
    return address, ADDRESS_STATES.get(_compact(raw), raw or None)


def _header(s):
    """(kind, name) for an adapter header line, else None."""
    if len(s) > 400 or not (s.endswith(":") or s.endswith("：")):
        return None
    if " . ." in s or ". :" in s:
        return None
    body = s[:-1]
    folded = body.casefold()
    best = None
    for word in ADAPTER_WORDS:
        pos = folded.find(word)
        if pos >= 0 and (best is None or pos < best[0]):
            best = (pos, len(word))
    if best is None:
        return None
    kind_text = _compact(body[: best[0]])
    kind = ADAPTER_KINDS.get(kind_text)
    if kind is None:
        return None
    return kind, body[best[0] + best[1] :].strip()


def _new_adapter(name, kind, header_line, first_line):
    return {
        "name": name,
        "kind": kind,
        "virtual": False,
        "virtual_reason": None,
        "description": None,
        "media_disconnected": False,
        "media_state": None,
        "dhcp_enabled": None,
        "autoconfiguration_enabled": None,
        "connection_dns_suffix": None,
        "ipv4": [],
        "ipv6": [],
        "gateways": [],
        "dns_servers": [],
        "dhcp_server": None,
        "physical_address": None,
        "lease_obtained": None,
        "lease_expires": None,
        "header_line": header_line,
        "first_line": first_line,
        "last_line": first_line,
        "lines": {},  # field key -> line numbers where it appeared
        "xp_style": False,
        # IPv4 entries still waiting for their Subnet Mask line, latest last (parse removes it).
        "_unmasked": [],
    }


def parse(text):
    """The parsed structure (the report's `data`) plus counters used by detect()."""
    powershell = _parse_get_netipconfiguration(text)
    if powershell is not None:
        return powershell
    host = {}
    adapters = []
    current = None
    last_list = None  # (target dict, field key) that a continuation line extends
    n_title = n_headers = n_dotted = n_fields = n_nonblank = n_sections = 0
    last_kind = None  # kind of the last meaningful line: 'header', 'field', 'other'
    last_text = ""
    for line_no, line in enumerate(text.splitlines(), 1):
        s = line.strip()
        if s and s[0] in ">\ufeff":  # mail/Markdown quoting or a BOM: rare, _unquote decides
            line = _unquote(line)
            s = line.strip()
        if not s:
            last_list = None
            continue
        n_nonblank += 1
        colon = s.find(":")
        if colon < 0:
            colon = s.find("：")
        # Where the first colon is tells cheaply which rare line kinds are possible at all:
        # a prompt "C:\...>" / "PS C:\...>" has it at 1 or 4; the title has none.
        if colon == 1 or colon == 4:
            command = _prompt_command(s)
            if command is not None:
                if command and (adapters or host):
                    if command.casefold().startswith("ipconfig"):
                        # A second run in the same paste: keep the latest one.
                        n_sections += 1
                        host, adapters, current = {}, [], None
                    else:
                        break  # the output of another command follows
                last_list = None
                continue
        elif colon < 0 and s[0] in "Ww" and _compact(s) in TITLES:
            n_title += 1
            if adapters:
                n_sections += 1
                host, adapters, current = {}, [], None
            last_list = None
            last_kind, last_text = "title", s
            continue
        # label . . . : value
        field = None
        if 0 < colon <= _MAX_LABEL:
            part = s[:colon]
            info = _LABEL_CACHE.get(part)
            if info is None:
                info = _label_info(part)
            field, dotted, xp_style = info
        if field is not None:
            value = s[colon + 1 :].strip()
            n_fields += 1
            if dotted:
                n_dotted += 1
            last_kind, last_text = "field", s
            if current is None and field in HOST_FIELDS:
                _set_host(host, field, value, line_no)
                last_list = (host, field) if field in LIST_FIELDS else None
                continue
            if current is None:
                # The paste starts in the middle of an adapter: an adapter without a name.
                current = _new_adapter(None, "unknown", None, line_no)
                adapters.append(current)
            _set_field(current, field, value, line_no)
            if xp_style:
                current["xp_style"] = True  # Windows XP / 2003 labels: "IP Address"
            current["last_line"] = line_no
            last_list = (current, field) if field in LIST_FIELDS else None
            continue
        head = _header(s)
        if head is not None:
            n_headers += 1
            current = _new_adapter(head[1], head[0], line_no, line_no)
            adapters.append(current)
            last_list = None
            last_kind, last_text = "header", s
            continue
        # A further value of a list field, on its own indented line.
        if last_list is not None and " " not in s and (line[:1].isspace() or _looks_like_address(s)):
            target, field = last_list
            if target is host:
                _set_host(host, field, s, line_no)
            else:
                _set_field(target, field, s, line_no)
                target["last_line"] = line_no
            n_fields += 1
            last_kind, last_text = "field", s
            continue
        last_list = None
        last_kind, last_text = "other", s
    stats = {
        "title": n_title,
        "headers": n_headers,
        "dotted_fields": n_dotted,
        "fields": n_fields,
        "nonblank": n_nonblank,
        "sections": n_sections,
    }
    for adapter in adapters:
        del adapter["_unmasked"]
        _classify(adapter)
    mode = "basic"
    seen = set()
    for adapter in adapters:
        seen.update(adapter["lines"])
    if seen & ALL_ONLY_FIELDS or host:
        mode = "all"
    data = {
        "mode": mode,
        "host": host,
        "adapters": adapters,
        "earlier_outputs_ignored": stats["sections"],
    }
    tail = {"kind": last_kind, "text": last_text}
    return data, stats, tail


def _looks_like_address(s):
    if _parse_ipv4(s.split("(")[0]) is not None:
        return True
    return s.count(":") >= 2 and all(c in "0123456789abcdefABCDEF:%.()" or c.isalnum() for c in s)


# ---- Get-NetIPConfiguration (PowerShell) -------------------------------------------------
# "Key : value" lines, one block per adapter starting at InterfaceAlias; property names are the
# same on every Windows language. Read into the same adapter structure as ipconfig, so the same
# findings come out. data["mode"] is "powershell" (DNS servers are always listed, like /all).

_PS_FIELDS = {
    "ipv4address": "ipv4_address",
    "ipv6address": "ipv6_address",
    "ipv6temporaryaddress": "temporary_ipv6_address",
    "ipv6linklocaladdress": "link_local_ipv6_address",
    "ipv4defaultgateway": "default_gateway",
    "ipv6defaultgateway": "default_gateway",
    "dnsserver": "dns_servers",
    "interfacedescription": "description",
    "netadapter.linklayeraddress": "physical_address",
}
# Keys that only Get-NetIPConfiguration prints next to InterfaceAlias (Test-NetConnection and
# Get-NetIPAddress print InterfaceAlias too): a block needs one of them.
_PS_OWN = frozenset(("ipv4address", "ipv6address", "ipv4defaultgateway", "ipv6defaultgateway", "dnsserver",
                     "netadapter.status", "netprofile.name"))
_PS_OTHER = frozenset(("interfaceindex", "netprofile.name", "netprofile.networkcategory", "netprofile.ipv4connectivity",
                       "netprofile.ipv6connectivity", "netipv6interface.nlmtu", "netipv4interface.nlmtu",
                       "netipv6interface.dhcp", "computername", "netadapter.status", "netipv4interface.dhcp"))
_PS_LISTS = frozenset(("ipv4_address", "ipv6_address", "temporary_ipv6_address", "link_local_ipv6_address",
                       "default_gateway", "dns_servers"))
_PS_WIRELESS = ("wi-fi", "wifi", "wlan", "wireless", "ワイヤレス", "無線")


def _ps_key(s):
    """(key, value) of a 'Key : value' line of Get-NetIPConfiguration, else None."""
    colon = s.find(" :")
    if colon <= 0 or colon > 60:
        return None
    key = s[:colon].strip().casefold()
    if " " in key or not key.replace(".", "").replace("-", "").isalnum() or not key.isascii():
        return None
    if key != "interfacealias" and key not in _PS_FIELDS and key not in _PS_OTHER:
        return None
    return key, s[colon + 2 :].strip()


def _parse_get_netipconfiguration(text):
    """parse()'s (data, stats, tail) for Get-NetIPConfiguration output, or None when the text
    is not that (then the ipconfig reader runs)."""
    # ":" first: a one-character search is far cheaper than a word search on text without any.
    if ":" not in text or "InterfaceAlias" not in text:
        return None
    adapters = []
    current = None
    own = set()  # ids of adapters with a key only Get-NetIPConfiguration prints
    last_list = None
    n_fields = 0
    for line_no, line in enumerate(text.splitlines(), 1):
        if line[:1] == "\ufeff":
            line = line[1:]
        s = line.strip()
        if not s:
            last_list = None
            continue
        if len(s) > 400:
            last_list = None
            continue
        item = _ps_key(s)
        if item is None:
            if last_list is not None and current is not None and line[:1].isspace() and " " not in s:
                _set_field(current, last_list, s, line_no)
                current["last_line"] = line_no
                n_fields += 1
                continue
            last_list = None
            if s.startswith("PS ") or s.endswith(">"):
                current = None  # a prompt: the next command's output follows
            continue
        key, value = item
        last_list = None
        if key == "interfacealias":
            kind = "wireless" if any(w in value.casefold() for w in _PS_WIRELESS) else "ethernet"
            current = _new_adapter(value or None, kind, line_no, line_no)
            adapters.append(current)
            continue
        if current is None:
            continue
        current["last_line"] = line_no
        if key in _PS_OWN:
            own.add(id(current))
        n_fields += 1
        field = _PS_FIELDS.get(key)
        if field is not None:
            if value:
                _set_field(current, field, value, line_no)
            else:
                current["lines"].setdefault(field, []).append(line_no)
            if field in _PS_LISTS:
                last_list = field
        elif key == "netadapter.status":
            current["media_state"] = value
            current["media_disconnected"] = _compact(value) in ("disconnected", "notpresent")
            current["lines"].setdefault("media_state", []).append(line_no)
        elif key == "netipv4interface.dhcp":
            state = _compact(value)
            current["dhcp_enabled"] = True if state == "enabled" else False if state == "disabled" else None
            current["lines"].setdefault("dhcp_enabled", []).append(line_no)
    adapters = [a for a in adapters if id(a) in own]
    if not adapters:
        return None
    for adapter in adapters:
        del adapter["_unmasked"]
        _classify(adapter)
    data = {"mode": "powershell", "host": {}, "adapters": adapters, "earlier_outputs_ignored": 0}
    stats = {"title": 1, "headers": len(adapters), "dotted_fields": 0, "fields": n_fields, "nonblank": n_fields,
             "sections": 0}
    return data, stats, {"kind": "field", "text": ""}


def _set_host(host, field, value, line_no):
    if field in LIST_FIELDS:
        lst = host.setdefault(field, [])
        if value:
            lst.append(value)
    elif field in ("ip_routing_enabled", "wins_proxy_enabled"):
        host[field] = YES_NO.get(_compact(value), value or None)
    else:
        host[field] = value or None


# How _set_field stores each adapter field (fields not listed are only recorded in "lines").
_FIELD_ACTIONS = {
    "media_state": "media",
    "ipv4_address": "ipv4",
    "ip_address": "ipv4",
    "autoconfiguration_ipv4_address": "ipv4",
    "subnet_mask": "mask",
    "ipv6_address": "ipv6",
    "temporary_ipv6_address": "ipv6",
    "link_local_ipv6_address": "ipv6",
    "default_gateway": "gateway",
    "dns_servers": "dns",
    "dhcp_enabled": "yes_no",
    "autoconfiguration_enabled": "yes_no",
    "description": "text",
    "physical_address": "text",
    "lease_obtained": "text",
    "lease_expires": "text",
    "dhcp_server": "text",
    "connection_dns_suffix": "text",
}
_IPV6_KINDS = {"ipv6_address": "global", "temporary_ipv6_address": "temporary", "link_local_ipv6_address": "link-local"}


def _set_field(adapter, field, value, line_no):
    lines = adapter["lines"]
    if field in lines:
        lines[field].append(line_no)
    else:
        lines[field] = [line_no]
    action = _FIELD_ACTIONS.get(field)
    if action is None:
        return
    if action == "text":
        adapter[field] = value or None
    elif action == "ipv4":
        address, state = _split_state(value)
        entry = {
            "address": address,
            "mask": None,
            "state": state,
            "autoconfig": field == "autoconfiguration_ipv4_address",
            "line": line_no,
        }
        adapter["ipv4"].append(entry)
        adapter["_unmasked"].append(entry)
    elif action == "mask":
        # The mask belongs to the latest address without one. A stack rather than a search
        # backwards through all addresses: many addresses then many masks stay linear.
        if value and adapter["_unmasked"]:
            adapter["_unmasked"].pop()["mask"] = value
    elif action == "ipv6":
        address, state = _split_state(value)
        if address:
            adapter["ipv6"].append({"address": address, "state": state, "kind": _IPV6_KINDS[field], "line": line_no})
    elif action == "gateway":
        if value:
            adapter["gateways"].append(value)
            adapter.setdefault("gateway_value_lines", []).append(line_no)
    elif action == "dns":
        if value:
            adapter["dns_servers"].append(value)
    elif action == "yes_no":
        adapter[field] = YES_NO.get(_compact(value), value or None)
    elif action == "media":
        adapter["media_state"] = value
        adapter["media_disconnected"] = _compact(value) in MEDIA_DISCONNECTED


def _classify(adapter):
    text = _compact((adapter["name"] or "") + " " + (adapter["description"] or ""))
    reason = None
    for marker, why in VIRTUAL_MARKERS:
        if marker in text:
            reason = why
            break
    if reason is None and adapter["kind"] == "tunnel":
        reason = "tunnel"
    if reason is None and not adapter["description"] and not adapter["gateways"]:
        # VirtualBox's default host-only network; only a guess when there is no description.
        if any(e["address"] == "192.168.56.1" for e in adapter["ipv4"]):
            reason = "virtualbox-default-subnet"
    adapter["virtual"] = reason is not None
    adapter["virtual_reason"] = reason


# =============================================================================================
# 3. Interpretation
# =============================================================================================


def _is_apipa(ip):
    return ip is not None and ip[0] == 169 and ip[1] == 254


def _ipv4_gateways(adapter):
    """IPv4 default gateways; '::' or fe80::... are IPv6 only. 0.0.0.0 is an on-link default
    route (PPP / VPN connections print it)."""
    out = []
    for value in adapter["gateways"]:
        address = value.split("%")[0].split("(")[0].strip()
        if _parse_ipv4(address) is not None:
            out.append(address)
    return out


_PLACEHOLDER_DNS = ("fec0:0:0:ffff::1", "fec0:0:0:ffff::2", "fec0:0:0:ffff::3")


def _real_dns(adapter):
    return [d for d in adapter["dns_servers"] if d.split("%")[0].casefold() not in _PLACEHOLDER_DNS]


def _network(entry):
    ip = _parse_ipv4(entry["address"])
    mask = _parse_ipv4(entry["mask"] or "")
    if ip is None or mask is None:
        return None
    return tuple(a & b for a, b in zip(ip, mask)), mask


def _lines(adapter, *fields):
    out = []
    for field in fields:
        out.extend(adapter["lines"].get(field, []))
    return sorted(set(out))


def _truncation(data, tail):
    """Whether the paste was cut off at the end, and which adapter is incomplete."""
    adapters = data["adapters"]
    if tail["kind"] == "header":
        return True, adapters[-1] if adapters else None
    if tail["kind"] == "other" and (". ." in tail["text"] or tail["text"].endswith(" .")):
        return True, adapters[-1] if adapters else None
    if not adapters:
        return False, None
    last = adapters[-1]
    if last["media_disconnected"] or not last["ipv4"]:
        return False, None
    lines = last["lines"]
    if "default_gateway" not in lines:
        return True, last
    if data["mode"] == "all" and last["name"] is not None:
        if last["xp_style"]:
            complete = "dns_servers" in lines or "lease_expires" in lines or "netbios_over_tcpip" in lines
        else:
            complete = "netbios_over_tcpip" in lines
        if not complete:
            return True, last
    return False, None


def _ipv6_route(adapter):
    """The adapter's global IPv6 entries when it also has an IPv6 default gateway, else []."""
    if not any(":" in g for g in adapter["gateways"]):
        return []
    return [e for e in adapter["ipv6"] if e["kind"] in ("global", "temporary") and e["state"] != "duplicate"
            and not e["address"].lower().startswith("fe80")]


def _usable_ipv4(adapter):
    """The adapter's IPv4 entries that can carry traffic (not 0.0.0.0, APIPA or duplicate)."""
    good = []
    for e in adapter["ipv4"]:
        ip = _parse_ipv4(e["address"])
        if ip is None or ip == (0, 0, 0, 0) or _is_apipa(ip) or e["state"] == "duplicate":
            continue
        good.append(e)
    return good


def analyse(text, lang):
    """The report. May raise on a bug; explain() is the safe wrapper. The parsed data is made
    for this call only, so it becomes the report's `data` as it is, without a copy."""
    """The report. May raise on a bug; explain() is the safe wrapper."""
    data, stats, tail = parse(text)
    score = _score(stats)
    if score < 0.5:
        return _unrecognized(lang)
    adapters = data["adapters"]
    fragment = any(a["name"] is None for a in adapters)
    truncated, cut_adapter = (False, None) if fragment else _truncation(data, tail)
    data["fragment"] = fragment
    data["truncated"] = truncated
    out = []

    def add(fid, severity, adapter=None, lines=(), variant=None, subject=None, **params):
        finding = {"id": fid, "severity": severity, "variant": variant, "params": params}
        name = subject if subject is not None else (adapter["name"] if adapter is not None else None)
        if name:
            finding["subject"] = name
        finding["lines"] = sorted(set(lines))
        out.append(finding)

    # Needed several times per adapter below: work out once. The gateways are also part of
    # the report's data (the last key of each adapter).
    usable = {}
    for a in adapters:
        a["ipv4_gateways"] = _ipv4_gateways(a)
        usable[id(a)] = _usable_ipv4(a)

    routed = [a for a in adapters if not a["media_disconnected"] and usable[id(a)] and a["ipv4_gateways"]]
    # Adapters that reach beyond the LAN over IPv6 alone (a global IPv6 address and an IPv6 gateway).
    routed_v6 = [a for a in adapters if not a["media_disconnected"] and _ipv6_route(a)]
    working_route = bool(routed)
    idle_virtual = []

    for a in adapters:
        if a["media_disconnected"]:
            if a["virtual"]:
                idle_virtual.append(a)
            else:
                add("media-disconnected", "info" if working_route else "warning", a, _lines(a, "media_state"))
            continue
        if not a["lines"]:
            continue  # a header only (the cut-off case is reported once, below)
        good = usable[id(a)]
        dup = [e for e in a["ipv4"] if e["state"] == "duplicate"]
        apipa = [e for e in a["ipv4"] if _is_apipa(_parse_ipv4(e["address"])) and e["state"] != "duplicate"]
        if dup:
            evidence = [e["line"] for e in dup + apipa]
            if apipa:
                add(
                    "duplicate-address", "error", a, evidence, variant="fallback",
                    address=dup[0]["address"], fallback=apipa[0]["address"],
                )
            else:
                add("duplicate-address", "error", a, evidence, address=dup[0]["address"])
        elif apipa and not good:
            if a["virtual"]:
                add("virtual-adapter-apipa", "info", a, [e["line"] for e in apipa], address=apipa[0]["address"])
            else:
                evidence = [e["line"] for e in apipa] + _lines(a, "dhcp_enabled")
                add("apipa", "error", a, evidence, address=apipa[0]["address"])
        elif not good:
            if a is cut_adapter or a["virtual"]:
                pass
            elif a in routed_v6:
                v6 = _ipv6_route(a)
                add("ipv6-only-adapter", "info" if working_route else "warning", a,
                    [e["line"] for e in a["ipv4"]] + [v6[0]["line"]] + _lines(a, "default_gateway"),
                    address=v6[0]["address"], gateway=", ".join(g for g in a["gateways"] if ":" in g))
            elif a["ipv4"] or "default_gateway" in a["lines"] or data["mode"] == "all":
                evidence = [e["line"] for e in a["ipv4"]] or range(a["first_line"], a["last_line"] + 1)
                add("no-address", "warning" if working_route else "error", a, evidence)
        if not good:
            continue
        gws = a["ipv4_gateways"]
        addr_lines = [e["line"] for e in good]
        if gws:
            dns_known = data["mode"] in ("all", "powershell") and a is not cut_adapter
            if dns_known and not _real_dns(a):
                variant = "placeholder" if a["dns_servers"] else None
                add(
                    "no-dns-server", "error", a,
                    addr_lines + _lines(a, "default_gateway", "dns_servers"), variant=variant,
                    gateway=gws[0],
                )
            else:
                add(
                    "adapter-ok", "ok", a, addr_lines + _lines(a, "default_gateway", "dns_servers"),
                    variant="basic" if data["mode"] != "all" else None,
                    address=good[0]["address"], gateway=gws[0], dns=", ".join(_real_dns(a)),
                )
        elif "default_gateway" in a["lines"]:
            variant = "virtual" if a["virtual"] else None
            if a["virtual_reason"] == "virtualbox-default-subnet":
                variant = "virtualbox-guess"
            if a["gateways"]:
                variant = "ipv6-only"
            add(
                "local-only-adapter", "info", a, addr_lines + _lines(a, "default_gateway"), variant=variant,
                address=good[0]["address"], gateway=", ".join(a["gateways"]),
            )
        else:
            add("address-ok", "ok", a, addr_lines, address=good[0]["address"])
        if a["dhcp_enabled"] is False and not a["virtual"] and a["kind"] != "ppp":
            add("dhcp-disabled-static", "info", a, _lines(a, "dhcp_enabled") + addr_lines, address=good[0]["address"])

    # ---- the whole host ----
    gateway_known = not fragment and all(
        "default_gateway" in a["lines"] for a in adapters if not a["media_disconnected"] and a["ipv4"]
    )
    if adapters and not routed and not routed_v6 and gateway_known and not (truncated and cut_adapter is not None):
        connected_real = [a for a in adapters if not a["media_disconnected"] and not a["virtual"] and a["lines"]]
        evidence = []
        for a in adapters:
            if not a["media_disconnected"]:
                evidence.extend(_lines(a, "default_gateway"))
        add("no-default-gateway", "error" if connected_real else "warning", None, evidence,
            variant=None if connected_real else "all-down")
    if len(routed) >= 2:
        name_list = [a["name"] or "?" for a in routed]
        names = ", ".join(name_list)
        nets = set()
        gw_sets = set()
        for a in routed:
            nets.add(_network(usable[id(a)][0]))
            gw_sets.add(tuple(sorted(a["ipv4_gateways"])))
        evidence = []
        for a in routed:
            evidence.extend(_lines(a, "default_gateway"))
        gw_text = ", ".join(sorted({g for a in routed for g in a["ipv4_gateways"]}))
        # Get-NetIPConfiguration prints no masks: the same gateway means the same network.
        if len(gw_sets) == 1 and (len(nets) == 1 and None not in nets or data["mode"] == "powershell"):
            add("multiple-default-gateways", "info", None, evidence, variant="dual-homed", subject=names,
                names=name_list, gateway=gw_text)
        elif any(a["kind"] == "ppp" or a["virtual_reason"] in VPN_REASONS for a in routed):
            add("multiple-default-gateways", "info", None, evidence, variant="vpn", subject=names,
                names=name_list, gateway=gw_text)
        else:
            add("multiple-default-gateways", "warning", None, evidence, subject=names, names=name_list, gateway=gw_text)
    if idle_virtual:
        evidence = []
        for a in idle_virtual:
            evidence.extend(_lines(a, "media_state"))
        name_list = [a["name"] or "?" for a in idle_virtual]
        add("idle-virtual-adapters", "info", None, evidence, subject=", ".join(name_list), names=name_list)
    if fragment:
        add("fragment-input", "info", None, [])
    elif truncated:
        last = adapters[-1]["last_line"] if adapters else 0
        add("truncated-input", "info", None, [last] if last else [], subject=None)
    if adapters and data["mode"] == "basic" and not fragment:
        add("without-all", "info", None, [])

    rank = {s: i for i, s in enumerate(SEVERITY_ORDER)}
    out.sort(key=lambda f: rank[f["severity"]])  # stable: adapter order inside one severity
    findings = [_render(f, lang) for f in out]
    report = {
        "tool": TOOL,
        "recognized": True,
        "locale": lang,
        "summary": _summary(data, findings, routed, lang),
        "data": data,
        "findings": findings,
    }
    return report


def _score(stats):
    score = 0.5 * min(stats["title"], 1) + 0.25 * stats["headers"]
    score += 0.5 * stats["dotted_fields"] + 0.15 * (stats["fields"] - stats["dotted_fields"])
    return min(1.0, score)


def detect(text):
    """0.0 .. 1.0: how sure this text is ipconfig output."""
    try:
        if not isinstance(text, str):
            return 0.0
        return _score(parse(text)[1])
    except Exception:  # noqa: BLE001 - detection must never fail
        return 0.0


def _unrecognized(lang):
    return empty_report(TOOL, lang, TEXTS["unrecognized"][lang]["title"])


def explain(text, lang="ja"):
    """The report for ipconfig output `text`; never raises."""
    summaries = {key: {code: TEXTS[key][code]["title"] for code in ("ja", "en")} for key in ("unrecognized", "internal-error")}
    return guarded_explain(TOOL, analyse, text, lang, summaries)


# =============================================================================================
# 4. Human text: ONE table keyed by finding id (variants as "detail:<variant>").
# =============================================================================================

PAGE_IPCONFIG = "network/ipconfig/"
PAGE_DHCP = "how-it-works/dhcp/"
PAGES = {
    "apipa": PAGE_DHCP,
    "dhcp-disabled-static": PAGE_DHCP,
    "virtual-adapter-apipa": PAGE_DHCP,
}

TEXTS = {
    "apipa": {
        "ja": {
            "title": "IP アドレスを DHCP から受け取れていません",
            "detail": "「{subject}」のアドレス {address} は 169.254 で始まる自動構成アドレス (APIPA) です。"
            "Windows はルーターなどの DHCP サーバーから返事がないとき、自分でこの範囲 "
            "(169.254.0.1〜169.254.255.254、マスク 255.255.0.0) から番号を選びます。"
            "このアドレスではルーターの先、つまりインターネットやメールサーバーには届きません。",
            "steps": [
                "ルーター (またはモデム一体型ルーター) の電源が入っているか、ランプに異常がないかを確かめます。",
                "LAN ケーブルを挿し直すか、Wi-Fi に接続し直します。",
                "コマンドプロンプトで ipconfig /release と ipconfig /renew を順に実行し、アドレスを取り直します。",
                "直らなければルーターとパソコンを再起動し、それでも 169.254 のままならルーターの DHCP 設定を確認します。",
            ],
        },
        "en": {
            "title": "No address from DHCP",
            "detail": "{subject} has {address}, an automatic private address (APIPA, 169.254.0.1-169.254.255.254, "
            "mask 255.255.0.0). Windows picks one itself when no DHCP server (usually the router) answers. "
            "With it nothing beyond the local link is reachable: no internet, no mail server.",
            "steps": [
                "Check that the router is on and its lights look normal.",
                "Re-plug the network cable or reconnect to the Wi-Fi network.",
                "Run ipconfig /release and then ipconfig /renew to ask for an address again.",
                "Restart the router and the PC; if it still shows 169.254, check the router's DHCP settings.",
            ],
        },
    },
    "virtual-adapter-apipa": {
        "ja": {
            "title": "仮想アダプターの 169.254 アドレス (問題ありません)",
            "detail": "「{subject}」は通信を記録するソフトや仮想化ソフトが作る特別なアダプターです。"
            "DHCP サーバーのいない場所につながっているので、169.254 で始まるアドレス {address} になるのが普通です。"
            "インターネットへの接続には関係しません。",
            "steps": [],
        },
        "en": {
            "title": "169.254 address on a virtual adapter (normal)",
            "detail": "{subject} is a special adapter created by capture or virtualisation software. It faces no DHCP "
            "server, so a 169.254 address ({address}) is expected. It plays no part in reaching the internet.",
            "steps": [],
        },
    },
    "duplicate-address": {
        "ja": {
            "title": "IP アドレスがほかの機器と重複しています",
            "detail": "「{subject}」のアドレス {address} に「重複」と表示されています。同じネットワークの別の機器が"
            "同じアドレスを使っているため、Windows はこのアドレスを使うのをやめました。",
            "detail:fallback": "「{subject}」のアドレス {address} に「重複」と表示されています。Windows が同じアドレスを使う"
            "別の機器 (仮想マシンや休止前の自分自身を含む) を見つけたため、代わりに 169.254 のアドレス {fallback} を"
            "使っています。これは DHCP の失敗ではなく、アドレスの衝突が原因です。",
            "steps": [
                "同じアドレスを固定で設定している機器がないか確かめ、どちらかのアドレスを変えます。",
                "アダプターを一度「無効」にしてから「有効」に戻すか、パソコンを再起動します。",
                "仮想マシン用のアダプター (VirtualBox など) の場合は、休止状態から戻った後に起きやすいので、"
                "アダプターの無効化と有効化で直ります。",
            ],
        },
        "en": {
            "title": "IP address conflict",
            "detail": "{subject} marks {address} as a duplicate: another device on the same network uses it, "
            "so Windows stopped using it.",
            "detail:fallback": "{subject} marks {address} as a duplicate. Windows found another device using it "
            "(possibly a virtual machine or its own state from before hibernation) and fell back to the 169.254 "
            "address {fallback}. This is an address conflict, not a DHCP failure.",
            "steps": [
                "Look for a device with the same fixed address and change one of them.",
                "Disable and re-enable the adapter, or restart the PC.",
                "For a virtual machine adapter (VirtualBox etc.) this often follows hibernation; disabling and "
                "re-enabling the adapter fixes it.",
            ],
        },
    },
    "media-disconnected": {
        "ja": {
            "title": "ケーブルまたは無線が接続されていません",
            "detail": "「{subject}」は「メディアは接続されていません」と表示されています。"
            "有線ならケーブルが抜けているか相手の機器の電源が切れており、無線ならどのネットワークにもつながっていません。",
            "detail:working": "「{subject}」は「メディアは接続されていません」と表示されています。"
            "ほかのアダプターでインターネットへの出口があるので、このアダプターを使っていないだけなら問題ありません。",
            "steps": [
                "このアダプターで接続するつもりなら、LAN ケーブルの両端を挿し直し、ルーターやハブのランプを確認します。",
                "無線の場合は Wi-Fi がオンになっているか、機内モードになっていないかを確認します。",
            ],
        },
        "en": {
            "title": "Cable or radio not connected",
            "detail": "{subject} reports \"Media disconnected\": the cable is unplugged or the other end is off, "
            "or (for wireless) it is not joined to any network.",
            "detail:working": "{subject} reports \"Media disconnected\". Another adapter provides the way out, "
            "so this is fine if you simply do not use this one.",
            "steps": [
                "If you mean to use this adapter, re-plug both ends of the cable and check the lights on the router or switch.",
                "For wireless, check that Wi-Fi is on and airplane mode is off.",
            ],
        },
    },
    "no-address": {
        "ja": {
            "title": "接続されているのに IPv4 アドレスがありません",
            "detail": "「{subject}」はケーブルや無線はつながっているようですが、使える IPv4 アドレスが表示されていません "
            "(0.0.0.0 か、アドレスの行がありません)。",
            "steps": [
                "少し待ってから ipconfig をもう一度実行します (アドレスの取得中のことがあります)。",
                "ipconfig /renew でアドレスを取り直します。",
                "アダプターのプロパティで「インターネット プロトコル バージョン 4 (TCP/IPv4)」にチェックが入っているか確認します。",
            ],
        },
        "en": {
            "title": "Connected, but no IPv4 address",
            "detail": "{subject} seems connected but shows no usable IPv4 address (0.0.0.0 or no address line).",
            "steps": [
                "Wait a moment and run ipconfig again (it may still be getting an address).",
                "Run ipconfig /renew.",
                "In the adapter's properties, check that Internet Protocol Version 4 (TCP/IPv4) is ticked.",
            ],
        },
    },
    "ipv6-only-adapter": {
        "ja": {
            "title": "IPv4 アドレスがなく、IPv6 だけでつながっています",
            "detail": "「{subject}」には IPv4 アドレスがありませんが、IPv6 のアドレス {address} とゲートウェイ ({gateway}) があるので、"
            "IPv6 でインターネットに出られます。IPv6 に対応した相手 (大手の Web サービスなど) には届きますが、IPv4 だけの相手 "
            "(多くのメールサーバーや古いサイト) には届きません。",
            "steps": [
                "IPv4 も使う回線なら、ipconfig /renew で IPv4 アドレスを取り直します。",
                "直らなければ、ルーター (ホームゲートウェイ) の DHCP の設定や、アダプターの「インターネット プロトコル バージョン 4 (TCP/IPv4)」が有効かを確かめます。",
            ],
        },
        "en": {
            "title": "No IPv4 address: connected over IPv6 only",
            "detail": "{subject} has no IPv4 address, but its IPv6 address {address} and gateway ({gateway}) reach the "
            "internet over IPv6. Hosts that speak IPv6 (large web services) can be reached; IPv4-only hosts (many mail "
            "servers, older sites) cannot.",
            "steps": [
                "If this line also provides IPv4, get an address again with ipconfig /renew.",
                "If that does not help, check the router's DHCP settings and that Internet Protocol Version 4 (TCP/IPv4) is enabled on the adapter.",
            ],
        },
    },
    "no-default-gateway": {
        "ja": {
            "title": "デフォルト ゲートウェイがありません",
            "detail": "IPv4 のデフォルト ゲートウェイを持つ、接続中のアダプターがひとつもありません。"
            "同じネットワーク内の機器には届いても、その外 (インターネットやメールサーバー) へは出られません。"
            "ゲートウェイ欄が空か、IPv6 の値 (:: や fe80:: で始まるもの) だけのときもこの状態です。",
            "detail:all-down": "使える実際のアダプターが接続されていないため、IPv4 のデフォルト ゲートウェイがひとつもありません。"
            "まずケーブルや Wi-Fi の接続を確かめてください。",
            "steps": [
                "ルーターにつながっているか (ケーブル、Wi-Fi) を確認します。",
                "アドレスを自動で受け取る設定なら ipconfig /renew を実行します。",
                "手動でアドレスを設定しているなら、アダプターの IPv4 の設定にデフォルト ゲートウェイ (ふつうはルーターのアドレス) を入れます。",
            ],
        },
        "en": {
            "title": "No default gateway",
            "detail": "No connected adapter has an IPv4 default gateway. Devices on the local network may be "
            "reachable, but nothing beyond it (internet, mail servers). An empty gateway, or only an IPv6 value "
            "(:: or fe80::...), counts as none.",
            "detail:all-down": "No real adapter is connected, so there is no IPv4 default gateway at all. "
            "Check the cable or Wi-Fi connection first.",
            "steps": [
                "Check that the PC is connected to the router (cable or Wi-Fi).",
                "If the address is automatic, run ipconfig /renew.",
                "If the address is set by hand, enter the default gateway (usually the router's address) in the adapter's IPv4 settings.",
            ],
        },
    },
    "multiple-default-gateways": {
        "ja": {
            "title": "デフォルト ゲートウェイが複数あります",
            "detail": "{names}のそれぞれにデフォルト ゲートウェイ ({gateway}) があります。"
            "Windows はメトリック (優先度) の小さいほうを使うため、意図しない経路で通信することがあります。",
            "detail:dual-homed": "{names}が同じネットワークにつながり、同じゲートウェイ {gateway} を使っています "
            "(有線と無線の同時接続など)。Windows はメトリック (優先度) で片方を選ぶので、通常は問題ありません。",
            "detail:vpn": "{names}のそれぞれにデフォルト ゲートウェイ ({gateway}) があります。"
            "片方は VPN か PPP (PPPoE) の接続なので、接続中はそちらが優先されるのが普通です。",
            "steps": [
                "使わないほうの接続 (有線か Wi-Fi) を切ると、経路がはっきりします。",
                "route print で、どのゲートウェイが使われるか (メトリック) を確かめられます。",
            ],
        },
        "en": {
            "title": "More than one default gateway",
            "detail": "{names} each have a default gateway ({gateway}). Windows uses the one with the lower "
            "metric, so traffic may take a path you did not expect.",
            "detail:dual-homed": "{names} are on the same network with the same gateway {gateway} (for example "
            "wired and wireless at once). Windows picks one by metric; this is normally fine.",
            "detail:vpn": "{names} each have a default gateway ({gateway}). One is a VPN or PPP (PPPoE) "
            "connection, which normally takes precedence while it is up.",
            "steps": [
                "Disconnecting the connection you do not use (wired or Wi-Fi) makes the path unambiguous.",
                "route print shows which gateway is used (metric).",
            ],
        },
    },
    "no-dns-server": {
        "ja": {
            "title": "DNS サーバーが設定されていません",
            "detail": "「{subject}」にはゲートウェイ {gateway} がありますが、DNS サーバーがありません。"
            "名前 (example.jp のようなホスト名やメールサーバー名) を IP アドレスに変換できず、"
            "Web やメールがつながらない原因になります。",
            "detail:placeholder": "「{subject}」にはゲートウェイ {gateway} がありますが、DNS サーバーの欄には "
            "fec0:0:0:ffff:: で始まる仮の値しかありません。これは設定がないときに Windows が表示する値で、"
            "実際には使える DNS サーバーがありません。",
            "steps": [
                "アドレスを自動で受け取る設定なら ipconfig /renew を実行し、ルーターから DNS サーバーを受け取り直します。",
                "手動で設定しているなら、プロバイダーの案内にある DNS サーバー (またはルーターのアドレス) を入れます。",
                "nslookup でホスト名を引けるか確かめます。",
            ],
        },
        "en": {
            "title": "No DNS server",
            "detail": "{subject} has the gateway {gateway} but no DNS server, so names (web sites, mail servers) "
            "cannot be turned into addresses.",
            "detail:placeholder": "{subject} has the gateway {gateway}, but its DNS server list only holds the "
            "fec0:0:0:ffff:: placeholders that Windows shows when nothing is configured.",
            "steps": [
                "If the address is automatic, run ipconfig /renew to get the DNS servers from the router again.",
                "If it is set by hand, enter your provider's DNS servers (or the router's address).",
                "Check with nslookup that names resolve.",
            ],
        },
    },
    "adapter-ok": {
        "ja": {
            "title": "正常に設定されています",
            "detail": "「{subject}」はアドレス {address}、ゲートウェイ {gateway}、DNS サーバー {dns} を持っています。"
            "インターネットへ出るための設定はそろっています。",
            "detail:basic": "「{subject}」はアドレス {address} とゲートウェイ {gateway} を持っています。"
            "ここがインターネットへの出口です (DNS サーバーは ipconfig /all で表示されます)。",
            "steps": [],
        },
        "en": {
            "title": "Configured normally",
            "detail": "{subject} has the address {address}, the gateway {gateway} and the DNS servers {dns}: "
            "everything needed to reach the internet.",
            "detail:basic": "{subject} has the address {address} and the gateway {gateway}: this is the way "
            "out to the internet (ipconfig /all also shows the DNS servers).",
            "steps": [],
        },
    },
    "address-ok": {
        "ja": {
            "title": "アドレスは使える状態です",
            "detail": "アドレス {address} は有効で、使用中です。貼り付けられた部分にはゲートウェイや DNS サーバーの行がないため、"
            "インターネットへ出られるかはここからは判断できません。",
            "steps": [],
        },
        "en": {
            "title": "The address is usable",
            "detail": "The address {address} is valid and in use. The pasted part has no gateway or DNS lines, "
            "so whether the internet is reachable cannot be told from it.",
            "steps": [],
        },
    },
    "local-only-adapter": {
        "ja": {
            "title": "ゲートウェイのないアダプター (同じネットワーク内だけ)",
            "detail": "「{subject}」はアドレス {address} を持っていますが、デフォルト ゲートウェイがありません。"
            "このアダプターでは同じネットワーク内の機器にしか届きません。ほかのアダプターに出口があれば問題ありません。",
            "detail:virtual": "「{subject}」は仮想化ソフトや VPN が作るアダプターで、アドレス {address} はその仮想ネットワーク側の番号です。"
            "ゲートウェイがないのが普通で、問題ありません。",
            "detail:virtualbox-guess": "「{subject}」のアドレス {address} は VirtualBox のホストオンリー ネットワークの既定値なので、"
            "おそらく VirtualBox が作った仮想アダプターです。ゲートウェイがないのが普通で、問題ありません。",
            "detail:ipv6-only": "「{subject}」はアドレス {address} を持っていますが、ゲートウェイ欄の値 ({gateway}) は IPv6 のもので、"
            "IPv4 のデフォルト ゲートウェイではありません。このアダプターでは IPv4 の外部への通信はできません。",
            "steps": [],
        },
        "en": {
            "title": "Adapter without a gateway (local network only)",
            "detail": "{subject} has the address {address} but no default gateway, so it reaches only its own "
            "network. That is fine when another adapter provides the way out.",
            "detail:virtual": "{subject} is created by virtualisation or VPN software; {address} is its side of "
            "the virtual network. No gateway is normal here.",
            "detail:virtualbox-guess": "{subject} has {address}, the default of VirtualBox's host-only network, so it is "
            "most likely VirtualBox's virtual adapter. No gateway is normal here.",
            "detail:ipv6-only": "{subject} has the address {address}, but its gateway ({gateway}) is an IPv6 value, "
            "not an IPv4 default gateway. IPv4 traffic cannot leave through this adapter.",
            "steps": [],
        },
    },
    "idle-virtual-adapters": {
        "ja": {
            "title": "使われていない仮想アダプター (問題ありません)",
            "detail": "{names}は Wi-Fi Direct、Bluetooth、VPN、トンネルなどのための仮想アダプターです。"
            "「メディアは接続されていません」と表示されていても、使っていないだけなので問題ありません。",
            "steps": [],
        },
        "en": {
            "title": "Unused virtual adapters (normal)",
            "detail": "{names} are virtual adapters for Wi-Fi Direct, Bluetooth, VPNs or tunnels. "
            "\"Media disconnected\" on them only means they are not in use.",
            "steps": [],
        },
    },
    "dhcp-disabled-static": {
        "ja": {
            "title": "アドレスは手動で設定されています",
            "detail": "「{subject}」は DHCP が無効で、アドレス {address} が手動 (固定) で設定されています。"
            "サーバーや社内の機器ではふつうですが、ノートパソコンを別の場所に持ち出した場合はつながらない原因になります。",
            "steps": [
                "家庭や外出先のネットワークで使うなら、アダプターの IPv4 の設定を「IP アドレスを自動的に取得する」にします。",
            ],
        },
        "en": {
            "title": "Address set by hand",
            "detail": "{subject} has DHCP disabled and the fixed address {address}. Normal for servers and office "
            "machines, but a laptop taken to another network will not connect with it.",
            "steps": [
                "On a home or public network, set the adapter's IPv4 settings to obtain an address automatically.",
            ],
        },
    },
    "truncated-input": {
        "ja": {
            "title": "出力が途中で切れています",
            "detail": "貼り付けられた出力は最後のアダプターの途中で終わっています。切れた部分については判断していません。",
            "steps": ["コマンドの出力を最後までコピーして、もう一度貼り付けてください。"],
        },
        "en": {
            "title": "The output is cut off",
            "detail": "The pasted output ends in the middle of the last adapter; the missing part was not judged.",
            "steps": ["Copy the whole output and paste it again."],
        },
    },
    "fragment-input": {
        "ja": {
            "title": "出力の一部だけが貼り付けられています",
            "detail": "アダプター名の行 (「イーサネット アダプター ...:」など) がないため、どのアダプターの値か、"
            "ほかにどんなアダプターがあるかは分かりません。ゲートウェイや DNS についても判断していません。",
            "steps": ["ipconfig /all の出力全体をコピーして貼り付けると、すべて確認できます。"],
        },
        "en": {
            "title": "Only part of the output was pasted",
            "detail": "There is no adapter header line (\"Ethernet adapter ...:\"), so which adapter this is and "
            "what else exists is unknown; gateway and DNS were not judged.",
            "steps": ["Paste the whole output of ipconfig /all to check everything."],
        },
    },
    "without-all": {
        "ja": {
            "title": "ipconfig /all ならさらに詳しく確認できます",
            "detail": "この出力は /all なしの ipconfig です。DNS サーバー、DHCP の有無、アダプターの説明は表示されないため、"
            "それらについては判断していません。",
            "steps": ["ipconfig /all を実行し、その出力を貼り付けてください。"],
        },
        "en": {
            "title": "ipconfig /all shows more",
            "detail": "This is ipconfig without /all: DNS servers, DHCP and adapter descriptions are not shown, "
            "so they were not judged.",
            "steps": ["Run ipconfig /all and paste its output."],
        },
    },
    "unrecognized": {
        "ja": {"title": "ipconfig の出力として読み取れませんでした。コマンドプロンプトで ipconfig /all を実行した結果を貼り付けてください。"},
        "en": {"title": "This does not look like ipconfig output. Paste what ipconfig /all prints in a command prompt."},
    },
    "internal-error": {
        "ja": {"title": "読み取り中に予期しない問題が起きました。出力の全体を貼り付けて、もう一度試してください。"},
        "en": {"title": "Something unexpected went wrong while reading the output. Paste the whole output and try again."},
    },
    "summary": {
        "ja": {
            "head": "ipconfig: アダプター {count} 個を読み取りました。",
            "errors": "問題が {n} 件あります (最初: {title})。",
            "warnings": "注意点が {n} 件あります。",
            "fine": "大きな問題は見つかりませんでした。",
            "route": "インターネットへの出口は {name} (ゲートウェイ {gateway}) です。",
            "no_route": "インターネットへの出口 (IPv4 のデフォルト ゲートウェイ) はありません。",
        },
        "en": {
            "head": "ipconfig: {count} adapter(s) read.",
            "errors": "{n} problem(s) found (first: {title}).",
            "warnings": "{n} warning(s).",
            "fine": "No significant problem found.",
            "route": "The way out to the internet is {name} (gateway {gateway}).",
            "no_route": "There is no way out to the internet (no IPv4 default gateway).",
        },
    },
}


def _render(f, lang):
    text = TEXTS[f["id"]][lang]
    params = TextParams(f["params"])
    params["subject"] = f.get("subject") or ("名前の分からないアダプター" if lang == "ja" else "This adapter")
    names = params.get("names")
    if isinstance(names, list):
        params["names"] = "、".join("「{0}」".format(n) for n in names) if lang == "ja" else ", ".join(names)
    variant = f["variant"]
    if f["id"] == "media-disconnected" and f["severity"] == "info":
        variant = "working"
    return finding_from_text(text, f, pick_detail(text, variant).format_map(params), PAGES.get(f["id"], PAGE_IPCONFIG))


def _summary(data, findings, routed, lang):
    t = TEXTS["summary"][lang]
    parts = [t["head"].format(count=len(data["adapters"]))]
    errors = [f for f in findings if f["severity"] == "error"]
    warnings = [f for f in findings if f["severity"] == "warning"]
    if errors:
        parts.append(t["errors"].format(n=len(errors), title=errors[0]["title"]))
    elif warnings:
        parts.append(t["warnings"].format(n=len(warnings)))
    else:
        parts.append(t["fine"])
    if routed:
        a = routed[0]
        parts.append(t["route"].format(name=a["name"] or "?", gateway=", ".join(_ipv4_gateways(a))))
    elif any(f["id"] == "no-default-gateway" for f in findings):
        parts.append(t["no_route"])
    return ("" if lang == "ja" else " ").join(parts)


# =============================================================================================
# 5. Command line
# =============================================================================================

_CLI = {
    "ja": {
        "no_input": "入力がありません。Windows で ipconfig /all > ipconfig.txt として保存し、"
        "python3 explain_ipconfig.py ipconfig.txt のように実行するか、出力をパイプで渡してください。",
    },
    "en": {
        "no_input": "no input. On Windows save it with ipconfig /all > ipconfig.txt and run "
        "python3 explain_ipconfig.py ipconfig.txt, or pipe the output in.",
    },
}


def main(argv=None):
    hint = {lang: texts["no_input"] for lang, texts in _CLI.items()}
    return explainer_main(argv, PROG, "Explain the output of Windows ipconfig / ipconfig /all.", explain, ["ipconfig", "/all"], hint)


if __name__ == "__main__":
    sys.exit(main())
