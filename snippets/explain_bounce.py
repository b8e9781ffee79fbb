#!/usr/bin/env python3
"""Read a bounce mail (delivery status notification) and explain why it came back.

Paste or save the whole mail source (.eml) or just the visible text of the message,
Japanese or English: RFC 3464 reports (multipart/report, message/delivery-status) and the
plain-text notices of Postfix, Exim, qmail, sendmail, Courier, OpenSMTPD, Exchange 2003-2019 /
Microsoft 365 (English and 「配信不能」), Gmail, Yahoo, Amazon SES and Japanese ISPs and carriers
(BIGLOBE, OCN, au/KDDI, docomo, m-FILTER, ...) are understood; MIME parts are decoded first
(ISO-2022-JP, EUC-JP, Shift_JIS, UTF-8; base64, quoted-printable). Like Sisimai, the SMTP stage
the reply answered decides first (MAIL FROM: the sender; RCPT TO: the recipient; after DATA: a
filter), then the status code, then the words, then corrections for the receiving host.
Auto-replies and spam complaints (ARF) are recognised as what they are.

    python explain_bounce.py bounce.eml     reads a saved mail (UTF-8, cp932, UTF-16; MIME charsets)
    python explain_bounce.py -              reads standard input
    python explain_bounce.py                reads standard input when something is piped in
        --json        the report as JSON
        --lang en     English instead of Japanese

Exit status: 0 no error found, 1 the mail was not delivered (an error-level finding),
2 usage error / unreadable / not a bounce mail. Standard library only; also runs inside
Pyodide (detect/explain).
"""

from __future__ import annotations

import re

TOOL = "bounce"
PROG = "explain_bounce.py"

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

# ---- redact block: begin -------------------------------------------------------------------
# Identical in explain_bounce.py and explain_headers.py (source of truth: scripts/redact_block.py,
# copied by `python scripts/sync_common.py`): a copy of a mail to show a helper or a forum, with
# personal details replaced by stable placeholders (the same value always gets the same one).
import re as _redact_re

# Providers and documentation names stay: they say which service is involved, not who.
REDACT_KEEP_DOMAINS = frozenset((
    "gmail.com", "googlemail.com", "google.com", "1e100.net", "yahoo.co.jp", "yahoo.com", "yahoodns.net",
    "outlook.com", "hotmail.com", "hotmail.co.jp", "live.com", "live.jp", "msn.com", "office365.com",
    "microsoft.com", "icloud.com", "me.com", "mac.com", "apple.com", "docomo.ne.jp", "ezweb.ne.jp",
    "au.com", "kddi.com", "softbank.ne.jp", "softbank.jp", "ymobile.ne.jp", "rakuten.jp", "biglobe.ne.jp",
    "nifty.com", "ocn.ne.jp", "so-net.ne.jp", "plala.or.jp", "amazonses.com", "amazonaws.com",
    "sendgrid.net", "mailgun.org", "example.com", "example.net", "example.org", "example.jp",
    "example.co.jp", "example.ne.jp", "invalid", "localhost", "localdomain",
))
_REDACT_SECOND_LEVEL = frozenset(("co", "ne", "or", "ac", "go", "ad", "ed", "gr", "lg", "com", "net", "org", "gov", "edu"))
_REDACT_TLD = frozenset((
    "com", "net", "org", "info", "biz", "edu", "gov", "mil", "int", "io", "co", "me", "app", "dev", "cloud",
    "xyz", "online", "site", "top", "tokyo", "jp", "uk", "de", "fr", "it", "nl", "ru", "cn", "tw", "kr", "hk",
    "sg", "au", "nz", "ca", "us", "br", "in", "es", "se", "no", "fi", "dk", "pl", "ch", "at", "be", "cz",
    "mobi", "asia", "email", "jpn", "invalid", "arpa", "local", "tv", "cc", "ai",
))
_REDACT_EMAIL = _redact_re.compile(r"(?<![\w.+-])([\w.!#$%&'*+/?^`{|}~-]{1,64})@((?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24})(?![\w-])")
_REDACT_HOST = _redact_re.compile(r"(?<![\w@.-])((?:[A-Za-z0-9](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9])?\.)+([A-Za-z]{2,24}))\.?(?![\w-])")
_REDACT_IPV4 = _redact_re.compile(r"(?<![\d.])((?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3})(?![\d.])")
_REDACT_IPV6 = _redact_re.compile(r"(?<![\w:.])((?:[0-9A-Fa-f]{1,4}:){2,7}[0-9A-Fa-f]{0,4}(?:%\w+)?|(?:[0-9A-Fa-f]{1,4}:){1,6}:[0-9A-Fa-f]{1,4})(?![\w:])")
_REDACT_NAME_HEADER = _redact_re.compile(r"^((?:from|to|cc|bcc|reply-to|sender|resent-from|resent-to|delivered-to|x-original-to):[ \t]*)(.*)$", _redact_re.I)
_REDACT_SUBJECT = _redact_re.compile(r"^(subject:[ \t]*)(\S.*)$", _redact_re.I)
_REDACT_DISPLAY = _redact_re.compile(r"""(^|,)(\s*)("[^"]*"|[^,<>"]+?)(\s*<[^<>]*>)""")


def org_domain(domain):
    """The organisational domain (DMARC's relaxed alignment), approximately: example.co.jp for
    mail.example.co.jp, example.com for smtp.example.com. No public suffix list is shipped, so
    second-level names such as co.jp / ne.jp / com.au are known by shape."""
    if not domain:
        return None
    labels = domain.lower().rstrip(".").split(".")
    if len(labels) >= 3 and labels[-2] in _REDACT_SECOND_LEVEL and len(labels[-1]) == 2:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


class Redactor:
    """Stable placeholders for one text: user1, domain1.example, host1.domain1.example, 198.51.100.1, …"""

    def __init__(self):
        self.maps = {}

    def _get(self, kind, value, make):
        table = self.maps.setdefault(kind, {})
        key = value.lower()
        if key not in table:
            table[key] = make(len(table) + 1)
        return table[key]

    def domain(self, host):
        host = host.rstrip(".")
        org = org_domain(host)
        if org in REDACT_KEEP_DOMAINS or host.lower() in REDACT_KEEP_DOMAINS:
            return host
        new_org = self._get("domain", org, lambda n: "domain{0}.example".format(n))
        if host.lower() == org:
            return new_org
        return self._get("host", host, lambda n: "host{0}.{1}".format(n, new_org))

    def email(self, match):
        local, domain = match.group(1), match.group(2)
        if local.lower() in ("mailer-daemon", "postmaster", "root", "abuse", "noreply", "no-reply"):
            return local + "@" + self.domain(domain)
        return self._get("user", local + "@" + domain, lambda n: "user{0}".format(n)) + "@" + self.domain(domain)

    def host(self, match):
        name, tld = match.group(1), match.group(2).lower()
        if tld not in _REDACT_TLD:
            return match.group(0)
        return self.domain(name) + match.group(0)[len(name):]

    def ipv4(self, match):
        text = match.group(1)
        parts = [int(p) for p in text.split(".")]
        private = (parts[0] in (0, 10, 127) or parts[:2] == [169, 254] or parts[:2] == [192, 168]
                   or (parts[0] == 172 and 16 <= parts[1] <= 31) or (parts[0] == 100 and 64 <= parts[1] <= 127)
                   or parts[:3] in ([192, 0, 2], [198, 51, 100], [203, 0, 113]) or parts[0] >= 224)
        if private:
            return text  # private, loopback and documentation addresses identify no one
        return self._get("ipv4", text, lambda n: "198.51.100.{0}".format(n) if n < 255 else "203.0.113.{0}".format(n % 254 + 1))

    def ipv6(self, match):
        text = match.group(1)
        if "::" not in text and text.count(":") < 7:
            return text  # a time of day (17:06:41) or a MAC-like token, not an IPv6 address
        low = text.lower()
        if low.startswith(("fe80:", "fc", "fd", "2001:db8:", "ff0")) or low in ("::1", "::"):
            return text
        return self._get("ipv6", text, lambda n: "2001:db8::{0:x}".format(n))

    def line(self, line):
        m = _REDACT_SUBJECT.match(line)
        if m:
            return m.group(1) + "[件名]"
        m = _REDACT_NAME_HEADER.match(line)
        if m:
            line = m.group(1) + _REDACT_DISPLAY.sub(self._display, m.group(2))
        line = _REDACT_EMAIL.sub(self.email, line)
        line = _REDACT_HOST.sub(self.host, line)
        line = _REDACT_IPV4.sub(self.ipv4, line)
        return _REDACT_IPV6.sub(self.ipv6, line)

    def _display(self, match):
        name = match.group(3).strip('"').strip()
        if not name:
            return match.group(0)
        placeholder = self._get("name", name, lambda n: "Name{0}".format(n))
        return match.group(1) + match.group(2) + placeholder + match.group(4)


def redact_text(text):
    """TEXT with mail addresses, host names, public IP addresses, display names and the subject
    replaced by stable placeholders; line breaks kept, so line numbers still match."""
    if not isinstance(text, str):
        return ""
    redactor = Redactor()
    return "".join(_redact_keep_end(redactor, line) for line in text.splitlines(True))


def _redact_keep_end(redactor, line):
    body = line.rstrip("\r\n")
    end = line[len(body):]
    if len(body) > 20000:  # a huge line (an attachment's base64): nothing personal to find in it
        return line
    return redactor.line(body) + end
# ---- redact block: end ---------------------------------------------------------------------


# =============================================================================================
# 1. Tables: markers that say "this is a bounce", and the reasons (status codes, then text).
#    Every text pattern is a plain lower-case substring (no regular expressions, so no
#    backtracking), compared with the diagnostic text case-folded and with runs of white space
#    collapsed to one space.
# =============================================================================================

# Strong signs (each one alone makes the text a bounce) and weak ones (need company).
STRONG_MARKERS = (
    "report-type=delivery-status",
    "report-type=\"delivery-status\"",
    "message/delivery-status",
    "final-recipient:",
    "this is the mail system at host",
    "this is the qmail-send program",
    "created automatically by mail delivery software",
    "the following addresses had permanent fatal errors",
    "the following addresses had delivery problems",
    "delivery has failed to these recipients or groups",
    "次の受信者またはグループへの配信に失敗しました",
    "delivery to the following recipient failed permanently",
    "delivery to the following recipients failed",
    "your message wasn't delivered to",
    "your message couldn't be delivered",
    "each of the following recipients was rejected by a remote mail server",
    "non-delivered information",
    "x-failed-recipients:",
    "diagnostic-code:",
    "remote server returned '",
    "i'm afraid i wasn't able to deliver your message",
    "could not be delivered to one or more recipients",
    "undelivered mail returned to sender",
    "returned mail: see transcript for details",
    "mail delivery failed: returning message to sender",
    "delivery status notification (failure)",
    "delivery status notification (delay)",
    "メッセージを配信できませんでした",
    "配信できませんでした",
    "did not reach the following recipient",
    "could not be delivered to:",
    "unable to deliver message to",
    "delivery failed for the following reason",
    "was not delivered to:",
    "there was an error delivering your mail to",
    "sorry, we were unable to deliver your message",
    "an error has occurred while attempting to deliver a message",
    "the following addresses had delivery errors",
    "unable to deliver message to the following address",
    "could not be delivered to the following recipients",
    "message from interscan messaging security suite",
    "this is a permanent error",
    "this has been a permanent failure",
    "failure reasons",
    "delivery to the following recipients was aborted",
    "the following recipients returned permanent errors",
    "message could not be delivered to mobile",
    "the following message to <",
    "以下のメールアドレスへの送信に失敗しました",
    "you are not a member of this mailing list",
    "送信に失敗しました",
    "送信できませんでした",
    "\"notificationtype\":\"bounce\"",
    "\"notificationtype\": \"bounce\"",
)

# Not bounces, but mail that people paste for the same question ("why did this come back?").
FEEDBACK_MARKERS = ("report-type=feedback-report", "report-type=\"feedback-report\"", "message/feedback-report",
                    "feedback-type:", "\"notificationtype\":\"complaint\"", "\"notificationtype\": \"complaint\"")
SES_DELIVERED_MARKERS = ("\"notificationtype\":\"delivery\"", "\"notificationtype\": \"delivery\"")
AUTOREPLY_MARKERS = ("auto-submitted: auto-replied", "x-autoreply:", "x-autorespond:", "x-auto-response-suppress: all",
                     "subject: 自動応答", "subject: 自動返信", "subject: out of office", "subject: auto:",
                     "subject: automatic reply", "subject: 自動応答:", "subject: 不在", "i am out of the office",
                     "i will be out of the office")
WEAK_MARKERS = (
    "mailer-daemon",
    "mail delivery subsystem",
    "mail delivery system",
    "postmaster@",
    "undeliverable",
    "undelivered",
    "returned mail",
    "delivery status notification",
    "failure notice",
    "配信不能",
    "mail system error",
    "status: 5.",
    "status: 4.",
    "action: failed",
    "action: delayed",
    "remote-mta:",
    "reporting-mta:",
    "auto-submitted: auto-replied",
    "permanent error",
    "permanent failure",
    "address not found",
    "in reply to rcpt to command",
    "in reply to end of data command",
    "smtp error from remote mail server",
    "----- transcript of session follows -----",
    "user unknown",
)

# The sender of a returned mail and the words of its subject (header-based recognition).
DAEMON_SENDERS = ("mailer-daemon", "mailer daemon", "postmaster", "poostmaster", "post_master", "mail delivery", "mail.delivery", "mail-daemon",
                  "mail deliver system", "ndr administrator", "mail administrator", "system administrator",
                  "mmsc")
FAILURE_SUBJECTS = ("undeliver", "undelivered", "returned mail", "delivery failure", "delivery status", "failure notice",
                    "mail delivery failed", "mail failure", "not delivered", "delivery failed", "failed delivery",
                    "error sending", "mail system error", "non-delivery", "nondelivery", "could not be delivered",
                    "delivery problem", "warning: could not send", "delivery notification", "delivery failure",
                    "failure", "failed", "error", "配信不能", "不達", "配信エラー", "配送エラー", "エラー", "送信できません",
                    "届きません")

# Reasons as DATA, after Sisimai's reason/why-* modules: each row is (finding id, variant,
# phrases that prove it, phrases that look similar but do not). Plain lower-case substrings of the
# diagnostic (case-folded, white space collapsed): no regular expressions, so no backtracking.
#
# OVERRIDE_TEXT is tried first: wording this specific wins over the SMTP stage and over a generic
# status code (a DMARC refusal often carries a plain 5.7.1, a full mailbox a 5.1.1 or a 4.x.x).
OVERRIDE_TEXT = (
    ("host-unknown", "null-mx", ("null mx", "does not accept mail (nullmx)", "nullmx"), ()),
    ("host-unknown", None, ("the account or domain may not exist", "host or domain name not found",
                            "name service error", "dns lookup failure", "domain does not exist",
                            "domain name not found", "no such domain", "ドメインが見つかりません",
                            "ドメインが存在しません", "ドメイン名が見つかりません", "ドメインは存在しません"), ()),
    # Google Groups: the group does not exist or this sender may not post to it.
    ("sender-rejected", "google-groups", ("groups.google.com", "support.google.com/groups"), ()),
    ("smtputf8-unsupported", None, ("smtputf8", "did not offer smtputf8", "utf8 but remote server"), ()),
    ("auth-required", "pop", ("pop/apop", "pop before smtp", "pop-before-smtp", "must get pop", "apop authorization",
                               "pop authorization"), ()),
    ("auth-required", "starttls", ("must issue a starttls", "starttls command first", "must issue starttls"), ()),
    ("auth-required", "basic-auth", ("5.7.30", "basic authentication is not supported"), ()),
    # Amazon SES refuses to send for an identity (address or domain) not verified with it: "554
    # Message rejected: Email address is not verified. The following identities failed the check".
    ("relay-denied", "ses-unverified", ("email address is not verified", "identities failed the check"), ()),
    ("relay-denied", None, ("relaying denied", "relay access denied", "relay not permitted", "relaying not allowed",
                            "unable to relay", "relay denied", "not permitted to relay", "we do not relay",
                            "no relaying", "relaying disallowed", "relay not allowed", "relaying prohibited",
                            "not allowed to relay", "relay prohibited", "relaying to", "relay rejected",
                            "not a gateway", "not local host", "no relay", "relaying is prohibited",
                            "insecure mail relay", "open relay", "not configured to relay"),
     ("relay quota", "an open relay")),
    ("bad-address-syntax", None, ("bad recipient address syntax", "address syntax", "bad address syntax",
                                  "malformed address", "syntax error in address", "invalid address syntax",
                                  "syntax error in parameters", "incorrectly constructed"), ()),
    # The message format (RFC 5322): before the SPF/DKIM row ("Duplicate header 'DKIM-Signature'").
    ("not-rfc-compliant", None, ("rfc 5322", "rfc5322", "rfc 2822", "rfc2822", "not rfc", "duplicate header",
                                 "multiple addresses in from", "multiple from", "missing message-id",
                                 "bare lf", "bare linefeed", "invalid header", "malformed header"),
     ("malformed address",)),
    ("content-rejected", None, ("content presents a potential security issue", "prohibited attachment",
                                "attachment not allowed", "attachments are not allowed", "blocked attachment",
                                "contains prohibited", "file type is not allowed", "attachment type"), ()),
    # Missing reverse DNS (PTR) is a rejection of the sending host: "blocked" (CONTRACT), before the
    # SPF/DKIM row because Gmail's 5.7.25 text also names "authentication".
    ("blocked", "ptr", ("reverse dns", "ptr record", "5.7.25", "reverse lookup", "no ptr", "rdns", "reverse-dns",
                        "missing ptr", "dns ptr", "reverse hostname", "reverse address", "逆引き"), ()),
    ("policy-auth-failure", None, ("dmarc", "unauthenticated email", "sender policy framework", " spf ", "spf check",
                                   "spf fail", "spf=fail", "spf validation", "(spf)", "spf record", "dkim", "5.7.26",
                                   "5.7.23", "5.7.27", "5.7.515", "not authenticated by", "authentication checks",
                                   "authentication information", "required authentication level",
                                   "fails to pass authentication", "送信ドメイン認証"),
     ("authentication required", "must authenticate")),
    ("rate-limited", None, ("too many connections", "4.7.28", "unusual rate", "rate limit", "ratelimit",
                            "rate-limit", "too many messages", "sending rate", "unexpected volume", "too many sessions",
                            "connection limit", "too many concurrent", "try again later, closing connection",
                            "exceeded the rate", "throttl", "too many recipients", "receiving mail at a rate",
                            "送信数の制限", "送信量"), ()),
    ("blocked", "dynamic-ip", ("use the smtp server of your isp", "use your isp", "dynamic ip", "dynamic address",
                               "dial-up", "dialup", "residential", "direct-to-mx", "please relay via your isp",
                               "generic reverse", "not be mail exchanger", "may not be mail exchanger"), ()),
    ("blocked", "listed", ("spamhaus", "spamcop", "blacklisted", "blocklisted", "blocklist", "block list",
                           "blacklist", "black list", "denylist", "listed at", "listed in", " rbl", "rbl:",
                           "barracuda", "dnsbl", "banned sending ip", "sorbs", "uceprotect", "cbl.abuseat",
                           "an open relay"),
     ("address that has been blacklisted", "sender address", "blacklisted sender", "sender is blacklisted",
      "not listed in", "blacklisted url", "url in message", "uribl", "surbl")),
    # Exchange Online's Directory-Based Edge Blocking: the recipient does not exist in the directory.
    ("user-unknown", "dbeb", ("recipient address rejected: access denied", "5.4.1 recipient address rejected",
                              "5.4.1 <"), ("relay",)),
    ("mailbox-full", None, ("mailbox full", "mailbox is full", "mail box full", "mailbox exceeded", "over quota",
                            "overquota", "quota exceeded", "exceeded quota", "exceeds quota", "exceeded storage",
                            "exceeded the local limit", "mailfolder is full", "mailbox size limit", "out of storage",
                            "user's disk quota", "storage limit", "quota full", "mailbox has exceeded",
                            "mailbox is over", "full mailbox", "mailbox would exceed", "quota",
                            "mailbox exceeds allowed size", "mailbox exceeds",
                            "容量を超え", "容量オーバー", "メールボックスがいっぱい", "メールボックスが一杯",
                            "容量がいっぱい", "容量が一杯", "容量不足", "メールボックスが満杯", "容量の上限",
                            "容量制限"),
     ("relay quota", "quota for sender", "sending quota", "daily quota", "messages per")),
    ("message-too-large", None, ("message size exceeds", "message too large", "message is too large", "too big",
                                 "exceeds size limit", "exceeds the size limit", "size limit", "message length exceeds",
                                 "message exceeds", "mail size", "exceeded the maximum message size",
                                 "exceeds the maximum size", "maximum message size", "message too big", "size exceeds",
                                 "メールサイズが大きすぎ", "サイズが大きすぎ", "サイズ制限", "サイズの上限",
                                 "メールが大きすぎ", "サイズを超え"),
     ("mailbox size limit", "mailbox exceeds", "mailbox exceeded")),
    ("has-moved", None, ("5.1.6", "has moved", "user moved", "mailbox has been moved", "no longer at this address",
                         "address has changed"), ()),
    ("suspended", None, ("account has been disabled", "mailbox disabled", "account is disabled", "account disabled",
                         "account suspended", "account has been suspended", "mailbox is inactive", "inactive account",
                         "account is inactive", "mailbox is disabled", "user suspended", "suspended account",
                         "account is not active", "mailbox unavailable: disabled", "has been deactivated",
                         "5.7.13", "no longer active", "mailbox is frozen", "account is locked", "account locked",
                         "利用停止", "停止されて"),
     ("delivery temporarily suspended", "temporarily suspended")),
    ("virus", None, ("virus detected", "virus found", "contains a virus", "virus was found", "found a virus",
                     "infected with", "infected by", "virus infected", "malware", "trojan", "virus:",
                     "ウイルスが検出", "ウイルスを検出", "ウイルスが見つか", "ウイルスに感染"),
     ("no virus found", "virus-status", "x-virus", "antivirus:", "virus-scanned", "virus scan failed",
      "antivirus engine")),
)

# Enhanced status codes (RFC 3463, the IANA registry) with one clear meaning; class 2/4/5 stripped.
STATUS_REASONS = {
    "1.1": ("user-unknown", None),
    "1.10": ("user-unknown", None),  # Microsoft: RecipientNotFound (RFC 7505's null MX says so in words)
    "1.2": ("host-unknown", None),
    "1.3": ("bad-address-syntax", None),
    "1.6": ("has-moved", None),
    "1.7": ("sender-rejected", None),
    "1.8": ("sender-rejected", None),
    "2.1": ("suspended", None),
    "2.2": ("mailbox-full", None),
    "2.3": ("message-too-large", None),
    "2.4": ("system-error", None),
    "3.0": ("system-error", None),
    "3.1": ("system-error", "full"),
    "3.2": ("system-error", None),
    "3.3": ("system-error", None),
    "3.4": ("message-too-large", None),
    "3.5": ("system-error", None),
    "4.0": ("network-error", None),
    "4.1": ("network-error", None),
    "4.2": ("network-error", None),
    "4.3": ("system-error", None),
    "4.4": ("host-unknown", None),
    "4.6": ("network-error", "loop"),
    "4.7": ("expired", None),
    "6.0": ("content-rejected", None),
    "6.1": ("content-rejected", None),
    "6.2": ("content-rejected", None),
    "6.3": ("content-rejected", None),
    "6.6": ("not-rfc-compliant", None),
    "7.13": ("suspended", None),
    "7.20": ("policy-auth-failure", None),
    "7.21": ("policy-auth-failure", None),
    "7.22": ("policy-auth-failure", None),
    "7.23": ("policy-auth-failure", None),
    "7.24": ("policy-auth-failure", None),
    "7.25": ("blocked", "ptr"),
    "7.26": ("policy-auth-failure", None),
    "7.27": ("policy-auth-failure", None),
    "7.28": ("rate-limited", None),
    "7.30": ("auth-required", "basic-auth"),
    "7.57": ("auth-required", None),
    "7.8": ("auth-required", "credentials"),
    "7.515": ("policy-auth-failure", "outlook-515"),
    "7.606": ("blocked", "listed"),
    "7.708": ("blocked", None),
    "7.509": ("policy-auth-failure", None),
}

# Text, tried after the stage and the status code (or when the code is a generic one: 5.0.0, 5.7.1).
TEXT_REASONS = (
    ("auth-required", None, ("authentication required", "authentication is required", "must authenticate",
                             "smtp auth", "client was not authenticated", "not authenticated",
                             "authentication failed", "5.7.57", "認証が必要", "smtp 認証"), ()),
    ("sender-rejected", None, ("sender address rejected", "sender rejected", "sender verify failed",
                               "sender domain", "domain of sender address", "bad sender", "envelope sender",
                               "sender not allowed", "sender address is not", "sender is not allowed",
                               "unverified sender", "sender verification", "invalid sender", "from address",
                               "unroutable sender", "purported responsible address", "from: domain is invalid",
                               "sender was rejected", "sending this from a different address",
                               "address that has been blacklisted", "not a member of", "sender unknown",
                               "sender domain must exist", "you are not allowed to post",
                               "差出人のアドレス"),
     ("mail from command",)),
    ("user-unknown", None, ("user unknown", "unknown user", "no such user", "recipient not found", "address not found",
                            "does not exist", "doesn't exist", "mailbox unavailable", "no mailbox", "invalid recipient",
                            "user not found", "unknown recipient", "recipnotfound", "recipientnotfound",
                            "address couldn't be found", "mailbox not found", "no such mailbox", "not a valid mailbox",
                            "no such recipient", "unknown local part", "unknown address", "user not exist",
                            "mailbox does not exist", "account does not exist", "user doesn't have",
                            "not our customer", "no longer available", "invalid mailbox", "recipient unknown",
                            "addressee unknown", "recipient name is not recognized", "not listed in domino directory",
                            "no valid recipients", "invalid user", "bad destination mailbox", "user invalid",
                            "not listed in", "unknown or illegal alias", "invalid final delivery",
                            "no such person", "unknown mailbox", "check if address is correct", "recipient does not exist", "is not a valid user",
                            "アドレスが見つかりません", "宛先が見つかりません", "存在しません", "存在しない",
                            "宛先不明", "ユーザーが見つかりません", "該当するユーザー",
                            "使われていません"),
     ("sender address rejected", "sender verify", "sender domain", "unknown sender", "sender unknown",
      "domain does not exist", "domain not found", "domain name not found")),
    ("host-unknown", None, ("host unknown", "host not found", "domain not found", "name service error",
                            "unrouteable address", "unroutable address", "no mx", "nxdomain", "domain does not exist",
                            "unknown host", "no such domain", "domain name not found", "host or domain name not found",
                            "domain could not be found", "dns error", "unrouteable domain", "mail loops back",
                            "domain is not reachable", "dns lookup failure", "domain name is invalid",
                            "ドメインが見つかりません", "ドメインが存在しません", "ドメイン名が見つかりません",
                            "サーバーが見つかりません", "ホストが見つかりません"),
     ("sender domain", "domain of sender")),
    ("expired", None, ("retry timeout exceeded", "delivery time expired", "message expired", "too long in the queue",
                       "queue too long", "retry time not reached", "giving up", "gave up", "expired",
                       "has not been delivered for", "could not be delivered within", "timed out after",
                       "have been failing for a long time", "did not accept our requests to connect",
                       "was aborted after", "connection timed out", "timed out", "was not delivered within",
                       " attempts",
                       "remote host is not responding", "再送期限", "一定時間内に配信できません", "配信期限", "時間切れ"), ()),
    ("domain-filter", None, ("domain filter", "domain-filter", "rejected by the recipient's filter", "指定受信",
                             "受信拒否", "受信設定", "message filtered", "filtered", "is only accepting mail from",
                             "rejected by the recipient domain"), ()),
    ("spam-rejected", None, ("spam", "junk", "bulk mail", "phish", "suspicious", "unsolicited",
                             "rejected as spam", "looks like spam", "content rejected", "message content",
                             "content filter", ", ube", "ube,", "(ube)", "blacklisted url", "uribl", "surbl",
                             "迷惑メール"), ("spamhaus", "spamcop")),
    ("content-rejected", None, ("prohibited attachment",
                                "attachment not allowed", "attachments are not allowed", "blocked attachment",
                                "not allowed content", "contains prohibited", "mail rejete", "mail rejected"), ()),
    ("not-rfc-compliant", None, ("rfc 5322", "rfc5322", "rfc 2822", "rfc2822", "rfc 822", "rfc822 ", "not rfc",
                                 "header error", "invalid header", "malformed header", "missing message-id",
                                 "message-id header", "duplicate header", "multiple from", "bare lf",
                                 "bare linefeed", "line limit exceeded", "line too long", "8bit data"),
     ("malformed address",)),
    ("user-unknown", None, ("recipient address rejected", "address rejected", "requested action not taken: mailbox",
                            "no such"), ("sender address rejected", "sender verify", "sender domain")),
    ("blocked", "connection", ("refused to talk to me", "not accepting connections", "connection refused",
                               "connection rejected", "server refused"), ()),
    ("blocked", None, ("blocked", "poor reputation", "reputation", "client host rejected", "access denied",
                       "not allowed to send", "service unavailable; client host", "banned", "your ip", "invalid ip",
                       "ip address", "rejected"), ()),
    ("system-error", None, ("system error", "system is busy", "server busy", "local error", "internal error",
                            "resources", "insufficient system storage", "system storage", "mail system problem"),
     ()),
    ("network-error", "loop", ("mail loop", "loop detected", "routing loop", "too many hops", "hop count exceeded",
                               "loops back"), ()),
    ("network-error", None, ("network error", "network is unreachable", "no route to host", "host is unreachable",
                             "host not reachable",
                             "lost connection", "connection reset", "connection closed", "tls handshake"), ()),
    ("temporary-failure", None, ("try again later", "temporarily", "temporary", "greylist", "graylist",
                                 "please try again", "deferred", "try later"), ()),
)

# Fallbacks by the enhanced code's subject alone, when neither table decided.
SUBJECT_FALLBACK = {
    "7": ("blocked", None),
    "1": ("user-unknown", None),
    "2": ("mailbox-full", None),
    "3": ("system-error", None),
    "4": ("network-error", None),
    "6": ("content-rejected", None),
}

# Reasons that say the same thing as "the recipient refused at DATA": user unknown after the
# message was sent, or with a 5.2.0/5.2.1/5.7.1 status, is a filter (Sisimai: "filtered").
FILTER_STATUSES = ("5.2.0", "5.2.1", "5.7.1", "4.2.0", "4.2.1", "5.0.910")

# Delay notices: the sending server keeps trying (a warning, not a final failure).
DELAY_MARKERS = ("action: delayed", "will be retried", "warning: could not send message",
                 "delivery status notification (delay)", "this is a warning message only", "will keep trying",
                 "still trying", "no action is required on your part", "message is delayed", "delivery delayed",
                 "has not yet been delivered", "will try to deliver", "will continue trying", "配信が遅れて",
                 "only a temporary failure report", "do not need to re-send", "delivery has been delayed",
                 "再送を続け")

# Words that say the server has given up and dropped the message: they outrank a delay template
# around them. OpenSMTPD expires an envelope with "Envelope expired" and deletes it from its queue
# (smtpd/queue.c), yet fills its notice from the "delayed" template (Action: delayed, "only a
# temporary failure report", "kept in the queue for up to 7 days"): the message is gone.
GIVEUP_MARKERS = ("envelope expired", "retry timeout exceeded", "will be deleted from queue",
                  "has been deleted from the queue", "delivery time expired")

# Receiving-host corrections (Sisimai's rhost/for-*): the same words mean something else at
# these hosts. (host suffixes, words in the reply, (id, variant)); the host is the remote MTA or a
# host name inside the reply itself.
RECEIVER_CORRECTIONS = (
    # Yahoo refuses unknown recipients only after DATA: "554 delivery error: dd This user doesn't
    # have a yahoo.com account" is a missing address, not a filter.
    (("yahoo.com", "yahoodns.net", "yahoo.co.jp"), ("doesn't have a",), ("user-unknown", None)),
    # Exchange Online (EOP) Directory-Based Edge Blocking, also for all recipients at once.
    (("protection.outlook.com", "outlook.com"), ("recipient address rejected: access denied",
                                                 "recipient addresses rejected : access denied",
                                                 "recipient addresses rejected: access denied"),
     ("user-unknown", "dbeb")),
)

# Orange and La Poste (France) end each refusal with a labelled code ("Mail rejete. Mail rejected.
# OFR_506 [506]", "LPN007_416", "OFR004_104"): the number after the label means one thing whatever
# the SMTP code says (Orange's published error codes, as collected by postmastery.com and Sisimai's
# rhost/for-franceptt). Only the numbers whose meaning is clear are listed.
_ORANGE_CODE_RE = re.compile(r"(?<![a-z])(?:ofr|lpn|ouk)[a-z]{0,3}\d{0,3}_?(\d{3})(?!\d)")
ORANGE_CODES = {
    "101": ("blocked", "listed"), "102": ("blocked", "listed"), "103": ("blocked", None), "510": ("blocked", None),
    "999": ("blocked", None), "104": ("rate-limited", None), "401": ("policy-auth-failure", None),
    "517": ("policy-auth-failure", None), "305": ("auth-required", None), "402": ("auth-required", None),
    "403": ("sender-rejected", None), "405": ("sender-rejected", None), "415": ("sender-rejected", None),
    "421": ("sender-rejected", None), "416": ("user-unknown", None), "417": ("mailbox-full", None),
    "420": ("suspended", None), "426": ("suspended", None), "506": ("spam-rejected", None),
    "514": ("message-too-large", None),
}

# Japanese mobile carriers: "user unknown" from them is often the recipient's own filter.
CARRIER_DOMAINS = (
    "docomo.ne.jp", "ezweb.ne.jp", "au.com", "biz.au.com", "softbank.ne.jp", "i.softbank.jp", "disney.ne.jp",
    "vodafone.ne.jp", "ymobile.ne.jp", "y-mobile.ne.jp", "emobile.ne.jp", "pdx.ne.jp", "willcom.com",
    "wcm.ne.jp", "rakumail.jp", "uqmobile.jp", "mineo.jp",
)
# Generic refusals that, from a carrier, mean the recipient's filter.
CARRIER_REJECT_TEXT = ("rejected by a remote mail server", "rejected", "refused", "not accepted", "filter")
# au (KDDI) answers a missing address at RCPT TO with the address in the reply ("550 <x@ezweb.ne.jp>:
# User unknown") and refuses through the recipient's filter after DATA with none ("550 : User
# unknown"); the corpus shows both (lhost-ezweb-04, -sendmail-49 / -postfix-35, -sendmail-50, -51),
# so the bare form means the filter even where the bounce does not name the stage.
KDDI_DOMAINS = ("ezweb.ne.jp", "au.com", "biz.au.com")
KDDI_FILTER_REPLY = ("550 : user unknown", "550: : user unknown")

# Where the human-readable part stops and the returned original begins.
ORIGINAL_MARKERS = (
    "------ this is a copy of the message",
    "--- below this line is a copy of the message",
    "----- original message -----",
    "------ original message ------",
    "original message headers:",
    "元のメッセージ ヘッダー:",
    "----- unsent message follows -----",
    "------- returned message --------",
    "content-type: message/rfc822",
    "content-type: text/rfc822-headers",
    "----- message header follows -----",
    "--- the header of the original message is following. ---",
    "received: from ",
    "return-path: <",
    "return-path: ",
)

# Labels in front of a failed recipient ("Recipient: <x>" of au/EZweb, "Recipient address: x").
RECIPIENT_LABELS = ("recipient:", "recipient address:", "failed recipient:", "宛先:", "宛先アドレス:")

# Words that, after an address at the start of a line, make that line a recipient's error line.
RECIPIENT_LINE_WORDS = ("error", "invalid", "unknown", "failed", "rejected", "not found", "does not exist", "full",
                        "拒否", "見つかり", "配信でき", "届き", "存在し", "送信でき")

# Recipient announcements in running text ("Your message to X couldn't be delivered").
RECIPIENT_SENTENCES = (
    "error delivering your mail to",
    "unable to deliver message to",
    "unable to deliver your message to",
    "wasn't delivered to",
    "was not delivered to",
    "couldn't be delivered",
    "could not be delivered to",
    "delivery to the following recipient",
    "配信できませんでした",
    "届けられませんでした",
)

DSN_FIELDS = {
    "final-recipient": "final_recipient",
    "original-recipient": "original_recipient",
    "action": "action",
    "status": "status",
    "diagnostic-code": "diagnostic",
    "remote-mta": "remote_mta",
    "reporting-mta": "reporting_mta",
    "last-attempt-date": "last_attempt",
    "x-actual-recipient": "actual_recipient",
}

HEADER_NAMES = frozenset(
    (
        "received", "from", "to", "subject", "date", "return-path", "mime-version", "mime-virsion", "content-type",
        "message-id", "delivered-to", "x-failed-recipients", "auto-submitted", "reply-to", "cc", "sender",
        "x-original-to", "authentication-results", "dkim-signature", "content-transfer-encoding", "thread-topic",
        "x-mailer", "x-store-info", "arc-seal", "x-ms-exchange-message-is-ndr", "references", "in-reply-to",
        "content-language", "x-spasign", "x-uid", "content-length", "status", "precedence", "list-id",
    )
)

MAX_LINE = 4000          # longer lines are looked at only up to this length
MAX_RECIPIENTS = 50
MAX_BLOCK_CHARS = 4000   # text kept per recipient
MAX_MIME_PARTS = 200
MAX_BOUNDARIES = 16      # more nested multiparts than this: read the text without the MIME parser
DETECT_WINDOW = 256 * 1024


# =============================================================================================
# 2. Reading the mail: lines, MIME parts, the delivery-status fields and the plain-text notices.
#    One pass per step over the lines; no regular expression can backtrack.
# =============================================================================================

_ENHANCED_RE = re.compile(r"(?<![\d.])([245])\.(\d{1,3})\.(\d{1,3})(?![\d.])")
_REPLY_RE = re.compile(r"(?<![\d.])([245]\d\d)(?=[ \-]|$)")
# Zoho: "Error, ERROR_CODE :421, …" (final) and "[Status: Error, Address: <x>, ResponseCode 421, …]" (delay).
_LABELLED_CODE_RE = re.compile(r"(?i)(?:error_code|responsecode) ?:? ?([245]\d\d)(?!\d)")
_REPLY_COLON_RE = re.compile(r"(?<![\w.:])[45]\d\d:(?= )")  # Yahoo: "550: <x@example.jp>: User unknown"
_BARE_DIAG_RE = re.compile(r"(?<![\d.])[45]\d\d[ \-][245]\.\d{1,3}\.\d{1,3}(?![\d.])")
_NOT_IN_ADDRESS = frozenset(" \t\r\n<>()[],;:\"'`|\\\u3000\u3001\u3002\uff08\uff09\u300c\u300d\uff1c\uff1e")
_ACTIONS = frozenset(("failed", "delayed", "delivered", "relayed", "expanded"))


def _collapse(text):
    return " ".join(text.split())


def _key(text):
    return _collapse(text.casefold())


def _strip_quoting(lines):
    """Remove mail quoting ("> ", "> > ") one level at a time, while most non-empty lines are
    quoted (a forwarded or replied-to bounce). One level at a time keeps sendmail's own
    ">>> DATA" transcript lines intact under the quoting."""
    lines = [line[1:] if line.startswith("\ufeff") else line for line in lines]
    for _ in range(8):
        quoted = 0
        filled = 0
        for line in lines[:400]:
            if line.strip():
                filled += 1
                if line.lstrip().startswith(">"):
                    quoted += 1
        if not filled or quoted * 2 < filled:
            break
        out = []
        for line in lines:
            stripped = line.lstrip()
            if stripped.startswith(">"):
                stripped = stripped[1:]
                line = stripped[1:] if stripped.startswith(" ") else stripped
            out.append(line)
        lines = out
    return lines


def _is_address(s):
    at = s.find("@")
    if at <= 0 or at != s.rfind("@") or at == len(s) - 1 or len(s) > 320:
        return False
    domain = s[at + 1 :]
    if "." not in domain or domain.startswith(".") or domain.endswith("."):
        return False
    return not any(c in _NOT_IN_ADDRESS for c in s)


def _addresses_in(s):
    """Addresses in a line, found around each '@' (linear: no pattern can backtrack)."""
    found = []
    n = len(s)
    start = 0
    while len(found) < 10:
        at = s.find("@", start)
        if at < 0:
            break
        i = at
        while i > 0 and s[i - 1] not in _NOT_IN_ADDRESS and s[i - 1] != "@":
            i -= 1
        j = at + 1
        while j < n and s[j] not in _NOT_IN_ADDRESS and s[j] != "@":
            j += 1
        cand = s[i:j].rstrip(".")
        if cand.lower().startswith("mailto:"):
            cand = cand[7:]
        if _is_address(cand):
            found.append(cand)
        start = j if j > at else at + 1
    return found


def _address_of(value):
    """'rfc822; <a@b>' -> 'a@b'."""
    if not value:
        return ""
    v = value.split(";", 1)[1] if ";" in value else value
    v = v.strip().strip("<>").strip()
    return v


def _looks_like_header(line):
    colon = line.find(":")
    if colon <= 0 or colon > 60:
        return False
    name = line[:colon]
    return all(33 <= ord(c) <= 126 for c in name)


def _mail_start(lines):
    """Index of the first header line when the text starts with mail headers, else None."""
    i = 0
    n = len(lines)
    while i < n and not lines[i].strip():
        i += 1
    if i >= n:
        return None
    first = lines[i]
    if not (first.startswith("From ") or _looks_like_header(first)):
        return None
    known = 0
    j = i
    while j < n and j < i + 400 and lines[j].strip():
        line = lines[j]
        if line[:1] not in (" ", "\t") and _looks_like_header(line):
            if line[: line.find(":")].strip().lower() in HEADER_NAMES:
                known += 1
        elif line[:1] not in (" ", "\t") and not line.startswith("From "):
            return None  # a non-header line inside the block: this is pasted text, not a mail
        j += 1
    return i if known >= 2 else None


def _message_from_string(text):
    """The mail parsed with the email package's compat32 policy (its default), imported only when
    a mail is read: importing it at start-up delayed every page's Python by ~0.3 s."""
    import email.parser

    return email.parser.Parser().parsestr(text)


def _decode_header(value):
    import email.header  # here, not at the top: importing the email package costs the browser ~0.3 s

    if value is None:
        return None
    try:
        text = str(email.header.make_header(email.header.decode_header(str(value))))
    except Exception:  # noqa: BLE001 - broken encoded words: keep the raw value
        text = str(value)
    return _collapse(text)[:300]


def _decode_bytes_charset(data, charset):
    if charset:
        try:
            return data.decode(charset, "replace")
        except (LookupError, ValueError):
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp932", "replace")


def _part_text(part):
    cte = str(part.get("Content-Transfer-Encoding", "") or "").strip().lower()
    try:
        charset = part.get_content_charset()
    except Exception:  # noqa: BLE001
        charset = None
    payload = part.get_payload()
    if not isinstance(payload, str):
        return ""
    if cte in ("quoted-printable", "base64"):
        data = part.get_payload(decode=True) or b""
        return _decode_bytes_charset(data, charset)
    if "\x1b" in payload and charset and charset.lower().startswith("iso-2022"):
        try:
            return payload.encode("latin-1").decode(charset, "replace")
        except (UnicodeError, LookupError):
            return payload
    return _redecode_euc_jp(payload, charset)


def _redecode_euc_jp(text, charset):
    """An 8-bit EUC-JP part (also one labelled ISO-2022-JP, as old au/EZweb notices are) in a file
    that was decoded as cp932 reads as half-width katakana soup ("ｼ｡､ﾎ､｢"). Such text is encoded
    back to its bytes and decoded as EUC-JP; text that already reads as Japanese is left alone."""
    if not charset or charset.lower().replace("_", "-") not in ("euc-jp", "iso-2022-jp", "x-euc-jp", "eucjp"):
        return text
    sample = text[:20000]
    wide = sum(1 for c in sample if ord(c) > 0x7F)
    if wide < 8:
        return text
    halfwidth = sum(1 for c in sample if "\uff61" <= c <= "\uff9f")
    if halfwidth * 3 < wide:
        return text
    try:
        fixed = text.encode("cp932", "replace").decode("euc-jp", "replace")
    except (UnicodeError, LookupError):
        return text
    kana = sum(1 for c in fixed[:20000] if "\u3040" <= c <= "\u30ff" or "\u4e00" <= c <= "\u9fff")
    return fixed if kana * 2 > halfwidth else text


def _html_to_text(html):
    out = []
    i = 0
    n = len(html)
    while i < n:
        lt = html.find("<", i)
        if lt < 0:
            out.append(html[i:])
            break
        out.append(html[i:lt])
        gt = html.find(">", lt)
        if gt < 0:
            break
        tag = html[lt + 1 : min(gt, lt + 8)].lower()
        if tag.startswith(("br", "/p", "p ", "p>", "/div", "/tr", "tr", "/h", "li")) or tag == "p":
            out.append("\n")
        i = gt + 1
    text = "".join(out)
    try:
        import html as _html

        text = _html.unescape(text)
    except Exception:  # noqa: BLE001
        pass
    return text


def _original_headers(msg, original):
    for name in ("Subject", "Date", "To", "Message-ID"):
        if name.lower() not in original and msg.get(name) is not None:
            original[name.lower()] = _decode_header(msg.get(name))


def _walk(part, depth, state):
    if state["parts"] >= MAX_MIME_PARTS or depth > 12:
        return
    state["parts"] += 1
    try:
        ctype = part.get_content_type()
    except Exception:  # noqa: BLE001
        ctype = "text/plain"
    if ctype in ("message/rfc822", "text/rfc822-headers", "message/rfc822-headers", "message/global-headers"):
        payload = part.get_payload()
        inner = None
        if isinstance(payload, list) and payload:
            inner = payload[0]
        elif isinstance(payload, str):
            inner = _message_from_string(payload[:65536])
        if inner is not None and hasattr(inner, "get"):
            _original_headers(inner, state["original"])
        return
    if ctype in ("message/delivery-status", "message/global-delivery-status"):
        state["has_dsn_part"] = True
        return
    if part.is_multipart():
        payload = part.get_payload()
        if isinstance(payload, list):
            for sub in payload:
                _walk(sub, depth + 1, state)
        return
    if ctype == "text/html":
        state["html"].append(_html_to_text(_part_text(part)))
    elif ctype.startswith("text/") or ctype in ("application/octet-stream",):
        state["texts"].append(_part_text(part))


def read_mail(lines):
    """Headers of the bounce, the human-readable text(s), and the returned original's headers."""
    state = {"parts": 0, "texts": [], "html": [], "original": {}, "has_dsn_part": False, "headers": {}, "mime": False}
    start = _mail_start(lines)
    if start is None:
        state["texts"].append("\n".join(lines))
        return state
    body_text = "\n".join(lines[start:])
    if lines[start].startswith("From "):
        body_text = "\n".join(lines[start + 1 :])
    # Deeply nested multiparts or message/rfc822 parts would make the parser recurse (L16: ~990
    # levels raise RecursionError): read such text as plain text.
    head = body_text[: 2 * 1024 * 1024].casefold()
    if head.count("boundary=") > MAX_BOUNDARIES or head.count("message/rfc822") > MAX_BOUNDARIES:
        state["texts"].append(body_text)
        return state
    msg = _message_from_string(body_text)
    headers = state["headers"]
    for name in ("Subject", "From", "Date", "To", "X-Failed-Recipients"):
        if msg.get(name) is not None:
            headers[name.lower()] = _decode_header(msg.get(name))
    state["mime"] = msg.is_multipart()
    _walk(msg, 0, state)
    if not state["texts"] and state["html"]:
        state["texts"] = state["html"]
    if not state["texts"] and not state["has_dsn_part"]:
        state["texts"].append(body_text)
    return state


def read_dsn(lines):
    """RFC 3464 fields, straight from the lines (so pasted text works too), with line numbers."""
    records = []
    per_message = {}
    cur = None
    last = None
    block_break = True
    for idx, raw in enumerate(lines):
        line = raw[:MAX_LINE]
        if not line.strip():
            last = None
            block_break = True
            continue
        if line[0] in " \t":
            if last == "diagnostic" and cur is not None and len(cur["diagnostic"]) < MAX_BLOCK_CHARS:
                cur["diagnostic"] += " " + line.strip()
                cur["lines"].append(idx + 1)
            continue
        colon = line.find(":")
        if colon <= 0 or colon > 30:
            last = None
            continue
        key = DSN_FIELDS.get(line[:colon].strip().lower())
        if key is None:
            last = None
            continue
        value = line[colon + 1 :].strip()
        if key == "reporting_mta":
            per_message["reporting_mta"] = _address_of(value)
            last = None
            continue
        if key == "status":
            m = _ENHANCED_RE.search(value)
            if not m:
                last = None
                continue
            value = m.group(0)
        if key == "action":
            value = value.split()[0].lower() if value.split() else ""
            if value not in _ACTIONS:
                last = None
                continue
        if key in ("final_recipient", "original_recipient"):
            value = _address_of(value)
            if cur is None or block_break or cur.get(key):
                cur = {"lines": []}
                records.append(cur)
        elif cur is None or (block_break and key in ("status", "action") and cur.get(key)):
            cur = {"lines": []}
            records.append(cur)
        block_break = False
        if key == "diagnostic":
            value = value.split(";", 1)[1].strip() if ";" in value[:12] else value
        cur[key] = value
        cur["lines"].append(idx + 1)
        last = key
        if len(records) > MAX_RECIPIENTS:
            break
    out = []
    for r in records:
        address = r.get("final_recipient") or ""
        if "@" not in address and "@" in (r.get("original_recipient") or ""):
            address = r["original_recipient"]
        if not address and r.get("original_recipient"):
            address = r["original_recipient"]
        if not (r.get("action") or r.get("status") or r.get("diagnostic")):
            continue  # an "Original-Recipient:" alone (e.g. among the bounce's own headers) is no report
        r["address"] = address
        r.setdefault("diagnostic", "")
        out.append(r)
    return out[:MAX_RECIPIENTS], per_message


def _recipient_on_line(line, s, low):
    indent = len(line) - len(line.lstrip())
    if low.startswith(RECIPIENT_LABELS) or (low.startswith("[status:") and "address: <" in low):
        found = _addresses_in(s)
        if found:
            return found[0]
    # A listed address: "   * x@example.com" (bullet), ">>> x@example.org <x@example.org>"
    # (Active!Hunter; a transcript's ">>> RCPT To:<x>" starts with a command, not an address).
    if low.startswith(("* ", "- ", "• ", ">>> ")) and "@" in s and len(s) < 330:
        parts = s.split()
        cand = parts[1].strip("<>") if len(parts) > 1 else ""
        if _is_address(cand) and (len(parts) == 2 or (len(parts) == 3 and parts[2].strip("<>").casefold()
                                                       == cand.casefold())):
            return cand
    # "Unknown user: x@example.com" (IMail): the reason first, the address last.
    colon = s.rfind(": ")
    if 0 < colon < 60 and _is_address(s[colon + 2 :].strip("<> ")) and any(
            w in low[:colon] for w in RECIPIENT_LINE_WORDS):
        return s[colon + 2 :].strip("<> ")
    if s.startswith("<"):
        close = s.find(">")
        if close > 0:
            inner = s[1:close]
            rest = s[close + 1 :].strip()
            if indent <= 2 and _is_address(inner) and (not rest or rest.startswith(":")):
                return inner
    if "@" in s and len(s) < 330:
        token = s.split()[0] if " " in s else s
        rest = s[len(token) :].strip()
        cand = token.rstrip(":").strip("<>\"'").rstrip(":")
        if _is_address(cand) and indent <= 12:
            if not rest or rest.startswith(("(", "[")) or (indent <= 2 and rest.casefold().startswith("on ")):
                return cand  # "x@example.jp on Thu, 29 Apr 2010 …" (Exchange 2003)
            # "addr: 550 5.1.1 …" (OpenSMTPD), "\"addr\":" (GMX), "addr Invalid Address, ERROR_CODE :550" (Zoho)
            # Only at the start of a line: an indented "<addr>: Sender address rejected" is the
            # continuation of the previous recipient's reply (Postfix wraps its lines so).
            rl = rest.casefold()
            if indent <= 2 and (token.endswith(":") or _REPLY_RE.search(rest)
                                or any(w in rl for w in RECIPIENT_LINE_WORDS)):
                return cand
        if any(p in low for p in RECIPIENT_SENTENCES):
            found = _addresses_in(s)
            if found:
                return found[0]
    return None


def read_plain(text):
    """Recipients announced in the human-readable text, each with the text that follows it."""
    blocks = []
    by_addr = {}
    cur = None
    context = []
    for raw in text.splitlines():
        line = raw[:MAX_LINE]
        s = line.strip()
        if not s:
            continue
        low = s.casefold()
        if low.startswith(ORIGINAL_MARKERS) and (blocks or not low.startswith(("received: ", "return-path:"))):
            break
        if s.startswith("--") and " " not in s and "\t" not in s and len(s) > 2:
            continue  # a MIME boundary in pasted text
        if len(context) < 60:
            context.append(s)
        addr = _recipient_on_line(line, s, low)
        if addr:
            k = addr.casefold()
            cur = by_addr.get(k)
            if cur is None:
                if len(blocks) >= MAX_RECIPIENTS:
                    break
                cur = {"address": addr, "text": []}
                by_addr[k] = cur
                blocks.append(cur)
            cur["text"].append(s)
            continue
        if cur is not None and sum(len(t) for t in cur["text"]) < MAX_BLOCK_CHARS:
            cur["text"].append(s)
    for b in blocks:
        b["text"] = "\n".join(b["text"])
    return blocks, "\n".join(context)


# sendmail's own line for each recipient at the end of its part of the transcript:
# "554 <x@example.org>... 550 Host unknown", "550 5.1.1 <x@example.jp>... User unknown".
_SENDMAIL_RCPT_RE = re.compile(r"([245]\d\d)[ -](?:[245]\.\d{1,3}\.\d{1,3} )?<([^<>\s]{1,320})>\.\.\. ?")


def read_transcript(text):
    """Recipients of a sendmail "Transcript of session follows", each with the part of the
    transcript that led to its own "5xx <address>... reason" line (the session lines since the
    previous recipient's line or since "While talking to host:"). Old sendmail (V5, 8 without
    DSN) lists several recipients this way with no other per-recipient text."""
    blocks = []
    by_addr = {}
    pending = []
    started = False
    for raw in text.splitlines():
        s = raw[:MAX_LINE].strip()
        if not s:
            continue
        low = s.casefold()
        if not started:
            started = "transcript of session follows" in low or "transcript of the session follows" in low
            continue
        if low.startswith(ORIGINAL_MARKERS) or "unsent message follows" in low:
            break
        if low.startswith(("while talking to", "... while talking to")):
            pending = [s]
            continue
        m = _SENDMAIL_RCPT_RE.match(s)
        if m and _is_address(m.group(2)):
            k = m.group(2).casefold()
            b = by_addr.get(k)
            if b is None:
                if len(blocks) >= MAX_RECIPIENTS:
                    break
                b = {"address": m.group(2), "text": []}
                by_addr[k] = b
                blocks.append(b)
            if sum(len(t) for t in b["text"]) < MAX_BLOCK_CHARS:
                b["text"].extend(pending)
                b["text"].append(s)
            pending = []
            continue
        pending.append(s)
        if len(pending) > 80:
            pending = pending[-40:]
    for b in blocks:
        b["text"] = "\n".join(b["text"])
    return blocks


def _reply_to_rcpt(lines, address):
    """(line number, reply) of a transcript's "<<< 5xx …" answering ">>> RCPT To:<address>", anywhere
    in the mail (also inside the returned part), or None."""
    want = ">>>rcptto:<" + address.casefold() + ">"
    for i, raw in enumerate(lines[:20000]):
        if ">>>" in raw and want in "".join(raw[:MAX_LINE].casefold().split()):
            for j in range(i + 1, min(i + 4, len(lines))):
                s = lines[j][:MAX_LINE].strip()
                if s.startswith("<<< ") and s[4:5] in ("4", "5") and _REPLY_RE.match(s[4:]):
                    return j + 1, _collapse(s[4:])
            return None
    return None


def _token_after(low, orig, marker):
    pos = low.find(marker)
    if pos < 0:
        return None
    rest = orig[pos + len(marker) : pos + len(marker) + 300].strip()
    if not rest:
        return None
    token = rest.split()[0]
    cut = token.find("[")
    if cut > 0:
        token = token[:cut]
    token = token.strip(".:;,'\"()<>")
    return token or None


def _remote_host(block):
    low = block.casefold()
    for marker in ("while talking to ", "remote host ", " host ", "generating server: ", "生成サーバー: "):
        token = _token_after(low, block, marker)
        if token and ("." in token) and token.casefold() not in ("or", "name"):
            return token
    return None


def _reporting_host(text):
    low = text.casefold()
    for marker in ("this is the mail system at host ", "qmail-send program at ", "generating server: ",
                   "生成サーバー: ", "reporting-mta: dns;"):
        token = _token_after(low, text, marker)
        if token:
            return token
    return None


# The SMTP command a reply answered, as MTAs write it. Explicit statements ("in reply to RCPT TO
# command", Exim's "after RCPT TO", qmail's "but sender was rejected", m-FILTER's "SMTP command")
# are searched first; a sendmail transcript (">>> RCPT To:", "<<< 550 …") next.
STAGE_PHRASES = (
    ("in reply to rcpt to", "RCPT"), ("after rcpt to", "RCPT"), ("rcpt to command", "RCPT"),
    ("smtp command rcpt", "RCPT"), ("rcpt to response", "RCPT"), ("[rcpt_to]", "RCPT"), ("[mail_from]", "MAIL"), ("while sending recipient", "RCPT"), ("rcpt-to validation", "RCPT"),
    ("in reply to mail from", "MAIL"), ("after mail from", "MAIL"), ("mail from command", "MAIL"),
    ("but sender was rejected", "MAIL"), ("mail from response", "MAIL"), ("smtp command mail", "MAIL"), ("while sending mail from", "MAIL"),
    ("after rcpt command", "RCPT"), ("after mail command", "MAIL"), ("after data command", "DATA"),
    ("in reply to end of data", "DATA"), ("after end of data", "DATA"), ("in reply to data", "DATA"),
    ("after data", "DATA"), ("smtp command data", "DATA"), ("while sending data", "DATA"),
    ("after sending message", "DATA"), ("in reply to helo", "HELO"), ("in reply to ehlo", "HELO"),
    ("after helo", "HELO"), ("after ehlo", "HELO"), ("but my name was rejected", "HELO"),
    ("after initial connection", "CONN"), ("greeting failed", "CONN"), ("refused to talk to me", "CONN"),
    ("in reply to our greeting", "CONN"), ("after connection", "CONN"), ("not accepting connections", "CONN"),
)
TRANSCRIPT_COMMANDS = ((">>> rcpt to", "RCPT"), (">>> mail from", "MAIL"), (">>> data", "DATA"),
                       (">>> ehlo", "HELO"), (">>> helo", "HELO"), (">>> .", "DATA"))


def _stage(block):
    low = _key(block)
    best = None
    for phrase, stage in STAGE_PHRASES:
        pos = low.rfind(phrase)
        if pos >= 0 and (best is None or pos > best[0]):
            best = (pos, stage)
    if best:
        return best[1]
    for phrase, stage in TRANSCRIPT_COMMANDS:
        pos = low.rfind(phrase)
        if pos >= 0 and (best is None or pos > best[0]):
            best = (pos, stage)
    if best:
        if best[1] == "DATA" and ("no valid recipients" in low or "no valid recipient" in low):
            # PIPELINING: the RCPT TO replies arrive after DATA was sent; DATA itself was refused
            # only because no recipient was left.
            return "RCPT"
        return best[1]
    # sendmail: "... while talking to host:" followed straight by "<<< 5xx": the greeting.
    pos = low.find("while talking to")
    if pos >= 0 and ">>>" not in low and ("<<< 5" in low[pos:] or "<<< 4" in low[pos:]):
        return "CONN"
    if "rcpt to" in low:
        return "RCPT"
    return None


def _failure(regex, text):
    """The first match of a reply or status pattern that is a failure (4xx/5xx), else the first
    match: a transcript's "250 2.0.0 Ok" lines come before the reply that failed."""
    first = None
    for m in regex.finditer(text):
        if m.group(0)[0] in "45":
            return m
        if first is None:
            first = m
        if m.start() > 200000:
            break
    return first


def _diagnostic_from(block, address):
    """The server's own words in a plain-text block: from the first reply code on."""
    flat = _collapse("\n".join(l for l in block.splitlines() if not l.strip().startswith("-----")))
    m = _failure(_REPLY_RE, flat) or _REPLY_COLON_RE.search(flat)
    if m:
        return flat[m.start() : m.start() + 400]
    # Not an SMTP reply: the block without the address itself
    text = flat.replace("<" + address + ">", "").replace(address, "").strip(" :")
    return text[:400]


# =============================================================================================
# 3. Judging: one reason per recipient (status code first, then the text), then the report.
# =============================================================================================


def _match(table, key):
    for fid, variant, patterns, isnot in table:
        if isnot and any(n in key for n in isnot):
            continue
        for p in patterns:
            if p in key:
                return fid, variant, p
    return None


def _is_carrier(host):
    h = (host or "").casefold().rstrip(".")
    return any(h == d or h.endswith("." + d) for d in CARRIER_DOMAINS)


def _status_reason(status):
    if not status:
        return None
    parts = status.split(".")
    sub = ".".join(parts[1:])
    if sub in STATUS_REASONS:
        return STATUS_REASONS[sub]
    return None


def _unwrap(key):
    """A multi-line reply ("550-5.7.1 Messages with multiple / 550 5.7.1 addresses in From:")
    read as one sentence: the repeated code in front of each continuation is dropped."""
    m = _BARE_DIAG_RE.search(key)
    if not m:
        return key
    code = key[m.start() : m.end()]
    head, tail = key[: m.end()], key[m.end() :]
    for form in (code[:3] + "-" + code[4:], code[:3] + " " + code[4:]):
        tail = tail.replace(" " + form + " ", " ")
    return head + tail


def classify(status, reply, diagnostic, block, address, remote_mta, stage, action, delay=False):
    """(finding id, variant, severity) for one recipient: the stage first, then the status code,
    then the text; the receiving host's corrections last."""
    if action in ("delivered", "relayed", "expanded") or (status or "")[:1] == "2":
        return "delivered", None, "ok"
    key = _unwrap(_key(diagnostic + " \n " + block))
    if address:
        key = key.replace(address.casefold(), " ")
    fid = variant = None
    disabled = False
    hit = _match(OVERRIDE_TEXT, key)
    text_hit = None
    if hit and stage == "MAIL" and hit[0] in ("host-unknown", "user-unknown", "has-moved", "suspended"):
        hit = None  # "no such domain" in reply to MAIL FROM is about the sender's domain
    if hit:
        fid, variant = hit[0], hit[1]
    permanent = (status[:1] == "5") if status else (reply or "")[:1] == "5"
    if fid is None and stage in ("CONN", "HELO") and (permanent or not (status or reply)):
        text_hit = _match(TEXT_REASONS, key)
        if text_hit and text_hit[0] in ("system-error", "network-error", "host-unknown"):
            fid, variant = text_hit[0], text_hit[1]
        else:
            fid, variant = "blocked", "connection"
    if fid is None and stage == "MAIL":
        # A reply to MAIL FROM is about the sender (address, domain) unless it names the sending host.
        text_hit = _match(TEXT_REASONS, key)
        if text_hit and text_hit[0] in ("blocked", "system-error", "network-error", "auth-required",
                                         "temporary-failure") and text_hit[2] not in ("rejected", "access denied"):
            fid, variant = text_hit[0], text_hit[1]
        else:
            fid, variant = "sender-rejected", "mail-from"
    if fid is None:
        by_status = _status_reason(status)
        if by_status:
            fid, variant = by_status
            # A code is a hint; words that prove another reason of the same family win.
            if fid in ("suspended", "system-error", "network-error", "content-rejected", "user-unknown"):
                text_hit = _match(TEXT_REASONS, key)
                if text_hit and fid == "suspended" and text_hit[0] == "user-unknown":
                    fid, variant = "user-unknown", None  # 5.2.1 with "user unknown": decided by the stage below
                    disabled = True
                elif text_hit and fid in ("system-error", "network-error", "content-rejected") and text_hit[0] not in (
                        "temporary-failure", "blocked", "expired", fid):
                    fid, variant = text_hit[0], text_hit[1]
    if fid is None:
        text_hit = text_hit or _match(TEXT_REASONS, key)
        if text_hit:
            fid, variant = text_hit[0], text_hit[1]
    if fid == "user-unknown" and variant is None and text_hit and text_hit[2] == "does not exist":
        # "553 neko.example.com does not exist": a host name (no "@") in front of the words.
        before = key[: key.find("does not exist")].split()
        if before and "." in before[-1] and "@" not in before[-1] and not before[-1][0].isdigit():
            fid = "host-unknown"
    if fid is None and status:
        fid, variant = SUBJECT_FALLBACK.get(status.split(".")[1], (None, None))
    if fid is None and reply:
        if reply == "552":
            fid = "mailbox-full"
        elif reply in ("421", "554") and not key.strip(" 0123456789.-"):
            fid = "blocked"
    if fid is None:
        fid = "undetermined"
    # "User unknown" in words only (the status does not say 5.1.1) after the message was sent
    # (DATA), or with a status that means "refused by policy" (5.2.x, 5.7.1) and no RCPT stage: the
    # address was accepted first, so the recipient's filter refused. A 5.1.1 or a reply to RCPT TO
    # stays a missing address.
    if fid == "user-unknown" and variant is None and (status or "")[2:] not in ("1.1", "1.10") and stage != "RCPT":
        if stage == "DATA" or (status or "") in FILTER_STATUSES:
            fid, variant = "domain-filter", "after-data" if stage == "DATA" else "refused"
    if fid == "user-unknown" and variant is None and disabled:
        variant = "disabled"
    # Receiving-host corrections (Sisimai rhost/*).
    host = (remote_mta or "").casefold().rstrip(".")
    for suffixes, words, (cid, cvariant) in RECEIVER_CORRECTIONS:
        at_host = any(host == h or host.endswith("." + h) or h in key for h in suffixes)
        if at_host and any(w in key for w in words):
            fid, variant = cid, cvariant
            break
    m = _ORANGE_CODE_RE.search(key)
    if m and m.group(1) in ORANGE_CODES:
        fid, variant = ORANGE_CODES[m.group(1)]
    # Japanese mobile carriers.
    domain = address.rsplit("@", 1)[1] if "@" in (address or "") else ""
    kddi = any(d == k or d.endswith("." + k) for d in (domain.casefold(), (remote_mta or "").casefold())
               for k in KDDI_DOMAINS)
    if kddi and fid == "user-unknown" and variant is None and stage != "RCPT" and any(
            p in _key(diagnostic) for p in KDDI_FILTER_REPLY):
        fid, variant = "domain-filter", "kddi-no-address"
    elif _is_carrier(domain) or _is_carrier(remote_mta):
        if fid == "domain-filter" and variant in ("after-data", "refused"):
            variant = "carrier-data" if variant == "after-data" else None
        elif fid == "user-unknown" and variant is None:
            variant = "carrier"
        elif fid in ("undetermined", "blocked", "spam-rejected") and any(p in key for p in CARRIER_REJECT_TEXT):
            fid, variant = "domain-filter", None
    transient = (status[:1] == "4" if status else (reply or "")[:1] == "4")
    if delay or action == "delayed":
        if fid not in ("mailbox-full", "expired", "temporary-failure"):
            variant = fid  # keep what the server said as the variant of the temporary failure
        if fid != "mailbox-full":
            fid = "temporary-failure"
        return fid, variant, "warning"
    if transient and fid in ("undetermined", "temporary-failure", "network-error"):
        # A final bounce with a 4xx reply: the server retried until its limit and gave up.
        variant = fid if fid not in ("undetermined", "temporary-failure") else None
        fid = "expired"
    return fid, variant, "error"


def _find_line(lines, needle, start):
    if not needle:
        return None
    n = needle.casefold()
    for i in range(start, len(lines)):
        if n in lines[i][:MAX_LINE].casefold():
            return i + 1
    return None


def _body_start(lines):
    start = _mail_start(lines)
    if start is None:
        return 0
    i = start
    while i < len(lines) and lines[i].strip():
        i += 1
    return i


_FORMATS = (
    ("postfix", "this is the mail system at host"),
    ("qmail", "this is the qmail-send program"),
    ("exim", "created automatically by mail delivery software"),
    ("sendmail", "----- the following addresses had permanent fatal errors -----"),
    ("exchange", "delivery has failed to these recipients or groups"),
    ("exchange", "次の受信者またはグループへの配信に失敗しました"),
    ("exchange", "remote server returned '"),
    ("gmail", "delivery to the following recipient failed permanently"),
    ("gmail", "your message wasn't delivered to"),
    ("gmail", "address not found"),
    ("biglobe", "non-delivered information"),
    ("ezweb", "each of the following recipients was rejected by a remote mail server"),
    ("opensmtpd", "this is the mailer-daemon, please do not reply"),
    ("courier", "courier mail server at"),
    ("dragonfly", "dragonfly mail agent"),
    ("amazon-ses", "\"notificationtype\""),
    ("m-filter", "m-filter"),
    ("au-kddi", "au one net"),
    ("au-kddi", "could not be delivered to:"),
    ("lotus-notes", "------- failure reasons"),
    ("imail", "original message follows."),
    ("interscan", "interscan messaging security suite"),
    ("google-groups", "groups.google.com"),
    ("exchange-2003", "did not reach the following recipient"),
    ("yahoo", "sorry, we were unable to deliver your message to the following address"),
    ("mailfoundry", "delivery failed for the following reason"),
    ("sendmail", "----- transcript of session follows -----"),
    ("rfc3464", "message/delivery-status"),
    ("rfc3464", "final-recipient:"),
)


def _format_of(low):
    for name, marker in _FORMATS:
        if marker in low:
            return name
    return "unknown"


def analyse(text, lang):
    lines = _strip_quoting(text.splitlines())
    window = "\n".join(lines)[:DETECT_WINDOW].casefold()
    mail = read_mail(lines)
    notification = "\n".join(t for t in mail["texts"] if t)
    dsn, per_message = read_dsn(lines)
    broken = any(r.get("diagnostic", "").endswith("=") or not r.get("address") for r in dsn)
    if (not dsn or broken) and notification and "\n".join(lines[:200]) not in notification:
        # Delivery-status fields inside a quoted-printable or base64 text part ("Final-Recipie=" /
        # "nt: rfc822; …"): read them from the decoded text; their line numbers are not the input's.
        decoded, more = read_dsn(notification.splitlines())
        if decoded:
            dsn = decoded
            for r in dsn:
                r["lines"] = []
            per_message = per_message or more
    plain, context = read_plain(notification)
    if not dsn:
        transcript = read_transcript(notification)
        listed = {b["address"].casefold() for b in transcript}
        if transcript and all(b["address"].casefold() in listed for b in plain):
            plain = transcript
    plain_by = {b["address"].casefold(): b for b in plain}
    body_start = _body_start(lines)

    recipients = []
    used = set()
    for r in dsn:
        block = plain_by.get(r["address"].casefold(), {}).get("text", "")
        used.add(r["address"].casefold())
        recipients.append({"address": r["address"], "dsn": r, "block": block})
    if not dsn:
        for b in plain:
            recipients.append({"address": b["address"], "dsn": None, "block": b["text"]})
    if not recipients:
        failed = mail["headers"].get("x-failed-recipients") or ""
        for addr in _addresses_in(failed)[:MAX_RECIPIENTS]:
            recipients.append({"address": addr, "dsn": None, "block": ""})
    if not recipients:
        recipients.append({"address": "", "dsn": None, "block": ""})
    # An address without a domain in the text ("kijitora"): the header names it in full.
    failed_header = _addresses_in(mail["headers"].get("x-failed-recipients") or "")
    if len(recipients) == 1 and "@" not in recipients[0]["address"] and len(failed_header) == 1:
        recipients[0]["address"] = failed_header[0]
    single = len(recipients) == 1

    reporting = per_message.get("reporting_mta") or _reporting_host(notification)
    delay_notice = any(m in window for m in DELAY_MARKERS) or any(m in _key(notification[:DETECT_WINDOW]) for m in DELAY_MARKERS)
    findings = []
    data_recipients = []
    for rec in recipients:
        r = rec["dsn"] or {}
        address = rec["address"]
        block = rec["block"]
        if single and not block:
            block = context
        diagnostic = _collapse(r.get("diagnostic", "")) or _diagnostic_from(block, address)
        status = r.get("status")
        if not status:
            m = _failure(_ENHANCED_RE, diagnostic) or _failure(_ENHANCED_RE, _collapse(block))
            status = m.group(0) if m else None
        m = _failure(_REPLY_RE, diagnostic)
        reply = m.group(1) if m else None
        if reply is None:
            m = _REPLY_COLON_RE.match(diagnostic)
            reply = m.group(0)[:3] if m else None
        if reply is None:
            m = _LABELLED_CODE_RE.search(diagnostic[:400])
            reply = m.group(1) if m else None
        judged_status = status
        if status and status[2:] == "0.0":
            # "Status: 5.0.0" says nothing; the server's own "550 5.7.1 …" does.
            m = _ENHANCED_RE.search(diagnostic)
            if m and m.group(0)[2:] != "0.0":
                judged_status = m.group(0)
        remote = _address_of(r.get("remote_mta")) if r.get("remote_mta") else _remote_host(block)
        stage = _stage(block + "\n" + diagnostic)
        action = r.get("action")
        # The delivery-status diagnostic is the server's own reply: it decides when present.
        reason_text = "" if r.get("diagnostic") else block
        delay = action == "delayed" or (not action and delay_notice)
        if delay and any(p in _key(diagnostic + " " + block) for p in GIVEUP_MARKERS):
            delay = False  # a final give-up in a delay template (see GIVEUP_MARKERS)
            action = "failed"
        fid, variant, severity = classify(judged_status, reply, diagnostic, reason_text, address, remote, stage,
                                          action, delay)
        if fid == "undetermined" and single and context and reason_text is not context:
            # Notices that give the reason before the address ("Could not be delivered because of
            # 550 5.1.1 User unknown / The following recipients were affected: …").
            fid, variant, severity = classify(judged_status, reply, diagnostic, context, address, remote,
                                              stage or _stage(context), action, delay)
        if fid == "undetermined" and address:
            # A notice with no reason (InterScan: "Unable to deliver message to <x>") whose returned
            # part holds the session for that very address: ">>> RCPT To:<x>" / "<<< 550 5.1.1 …".
            found = _reply_to_rcpt(lines, address)
            if found:
                n, said = found
                m = _ENHANCED_RE.search(said)
                status = status or (m.group(0) if m else None)
                reply, diagnostic, stage = said[:3], said, "RCPT"
                fid, variant, severity = classify(status, reply, said, "", address, remote, stage, action, delay)
                r = dict(r, lines=list(r.get("lines", [])) + [n])
        evidence = list(r.get("lines", []))
        if not evidence and address:
            n = _find_line(lines, address, body_start)
            if n:
                evidence.append(n)
        if diagnostic:
            n = _find_line(lines, diagnostic[:24], body_start)
            if n:
                evidence.append(n)
        evidence = sorted(set(evidence))[:12]
        data_recipients.append({
            "address": address or None,
            "action": action or ("failed" if severity == "error" else ("delayed" if severity == "warning" else None)),
            "status": status,
            "reply_code": reply,
            "diagnostic": diagnostic[:400] or None,
            "remote_mta": remote,
            "stage": stage,
            "reason": fid,
            "side": ACTION.get(fid, (None, None))[0],
            "resend": ACTION.get(fid, (None, None))[1],
            "line": evidence[0] if evidence else None,
        })
        findings.append({"id": fid, "variant": variant, "severity": severity, "subject": address or None,
                         "lines": evidence, "params": {"diag": diagnostic[:240], "status": status or "",
                                                        "mta": remote or "", "reply": reply or ""}})
    original = dict(mail["original"])
    if not original:
        original = _original_from_text(lines, body_start)
    data = {
        "format": _format_of(window),
        "reporting_mta": reporting,
        "bounce": {k: mail["headers"].get(k) for k in ("subject", "from", "date")},
        "original": {k: original.get(k) for k in ("subject", "date", "to")},
        "recipients": data_recipients,
    }
    rendered = [_render(f, lang) for f in findings]
    return {
        "tool": TOOL,
        "recognized": True,
        "locale": lang,
        "summary": _summary(rendered, findings, lang),
        "data": data,
        "findings": rendered,
    }


def _original_from_text(lines, start):
    """Subject/Date/To of the returned original when it is only pasted text after a marker."""
    out = {}
    seen_marker = False
    for i in range(start, len(lines)):
        s = lines[i].strip()
        low = s.casefold()
        if not seen_marker:
            if low.startswith(ORIGINAL_MARKERS):
                seen_marker = True
            continue
        for name in ("subject", "date", "to"):
            if name not in out and low.startswith(name + ":"):
                out[name] = _decode_header(s[len(name) + 1 :].strip())
        if len(out) == 3 or i - start > 5000:
            break
    return out


def _score_text(low):
    strong = sum(1 for m in STRONG_MARKERS if m in low)
    weak = sum(1 for m in WEAK_MARKERS if m in low)
    if strong:
        return round(min(1.0, 0.7 + 0.1 * min(strong - 1, 2) + 0.05 * min(weak, 2)), 2)
    score = 0.08 * min(weak, 4)
    if _BARE_DIAG_RE.search(low) and (_match(TEXT_REASONS, _collapse(low)) or _match(OVERRIDE_TEXT, _collapse(low))):
        score += 0.5
    return round(min(score, 0.95), 2)


def _header_score(lines):
    """A mail whose headers say "returned by a mail system": the sender is a mailer daemon or
    postmaster and the subject is a failure notice. Formats without any standard marker (old
    sendmail, Lotus Notes, IMail, carriers' own notices) are found this way."""
    start = _mail_start(lines)
    if start is None:
        return 0.0
    sender = subject = ""
    other = 0.0
    for i in range(start, min(len(lines), start + 400)):
        line = lines[i]
        if not line.strip():
            break
        low = line[:MAX_LINE].casefold()
        if low.startswith("from:"):
            sender = low[5:]
        elif low.startswith("subject:"):
            subject = _key(_decode_header(line[8:MAX_LINE]) or "")
        elif low.startswith(("auto-submitted: auto-replied", "x-autoreply:", "x-autorespond:")):
            other = 0.75
        elif low.startswith("content-type:") and "feedback-report" in low:
            other = 0.75
    daemon = any(d in sender for d in DAEMON_SENDERS) or sender.strip() == "<>"
    failure = any(w in subject for w in FAILURE_SUBJECTS)
    if daemon and failure:
        return 0.85
    if daemon:
        # A daemon's mail whose body has a failing server reply that names a reason
        # ("550 - Requested action not taken: no such user here").
        body_at = start
        while body_at < len(lines) and body_at < start + 400 and lines[body_at].strip():
            body_at += 1
        for line in lines[body_at : body_at + 200]:
            s = line[:MAX_LINE].strip()
            if s[:1] in "45" and _REPLY_RE.match(s):
                low = _key(s)
                if _match(TEXT_REASONS, low) or _match(OVERRIDE_TEXT, low):
                    return 0.7
    if other:
        return other
    if failure and any(w in subject for w in ("undeliver", "returned mail", "delivery failure", "配信不能", "不達")):
        return 0.6
    return 0.0


def _looks_encoded(head):
    return ("content-transfer-encoding: base64" in head or "content-transfer-encoding: quoted-printable" in head
            or "\x1b$b" in head or "\x1b$@" in head or "charset=iso-2022-jp" in head or "charset=\"iso-2022-jp" in head
            or "=?iso-2022-jp?" in head or "=?utf-8?" in head or "=?shift_jis?" in head or "=?euc-jp?" in head)


def _detect_window(text):
    """The first DETECT_WINDOW characters of the text with every line cut at MAX_LINE, so that one
    huge header line (1 MB) does not push the whole bounce out of sight. Linear: str.find only."""
    if len(text) <= DETECT_WINDOW:
        return text
    pieces = []
    total = pos = 0
    n = len(text)
    while pos < n and total < DETECT_WINDOW:
        end = text.find("\n", pos)
        if end < 0:
            end = n
        piece = text[pos : min(end, pos + MAX_LINE)]
        pieces.append(piece)
        total += len(piece) + 1
        pos = end + 1
    return "\n".join(pieces)[:DETECT_WINDOW]


def _score(text):
    window = _detect_window(text)
    low = window.casefold()
    score = _score_text(low)
    if score >= 0.85:
        return score
    lines = _strip_quoting(window.splitlines())
    score = max(score, _header_score(lines))
    if score < 0.7 and _looks_encoded(low):
        # Decode before detecting (ISO-2022-JP, base64, quoted-printable): only when the text looks
        # like MIME, so that plain pastes stay cheap.
        try:
            mail = read_mail(lines)
            decoded = "\n".join(t for t in mail["texts"] if t)[:DETECT_WINDOW].casefold()
            score = max(score, _score_text(decoded))
        except Exception:  # noqa: BLE001 - detection must never fail
            pass
    return score


def detect(text):
    """0.0 .. 1.0: how sure this text is a bounce / delivery status notification."""
    try:
        if not isinstance(text, str) or not text.strip():
            return 0.0
        score = _score(text)
        if score < 0.8 and _other_kind(text):
            score = 0.8  # a feedback report, an auto-reply or an SES delivery notice: read here too
        return score
    except Exception:  # noqa: BLE001 - detection must never fail
        return 0.0


def _unrecognized(lang, key="unrecognized"):
    return empty_report(TOOL, lang, TEXTS[key][lang]["title"])


def explain(text, lang="ja"):
    """The report for a bounce mail `text`; never raises."""
    summaries = {key: {code: TEXTS[key][code]["title"] for code in ("ja", "en")} for key in ("unrecognized", "internal-error")}
    return guarded_explain(TOOL, _analyse_bounce, text, lang, summaries)


def _other_kind(text):
    """'feedback-report', 'delivered' (Amazon SES delivery notice) or 'auto-reply' when the mail is
    one of those rather than a bounce; None otherwise."""
    low = text[:DETECT_WINDOW].casefold()
    if any(m in low for m in FEEDBACK_MARKERS):
        return "feedback-report"
    if any(m in low for m in SES_DELIVERED_MARKERS) and not any(m in low for m in STRONG_MARKERS):
        return "delivered"
    if any(m in low for m in AUTOREPLY_MARKERS) and _score_text(low) < 0.7:
        if _header_score(low.splitlines()) < 0.85:
            return "auto-reply"
    return None


def _other_report(kind, text, lang):
    lines = text.splitlines()
    subject = None
    evidence = []
    markers = {"feedback-report": FEEDBACK_MARKERS, "delivered": SES_DELIVERED_MARKERS,
               "auto-reply": AUTOREPLY_MARKERS}[kind]
    for i, line in enumerate(lines[:20000]):
        low = line[:MAX_LINE].casefold()
        if any(m in low for m in markers):
            evidence.append(i + 1)
            if kind == "delivered":
                pos = low.find('"recipients"')
                found = _addresses_in(line[pos : pos + 400]) if pos >= 0 else []
                subject = found[0] if found else None
            if len(evidence) >= 3:
                break
    f = {"id": kind, "variant": "ses" if kind == "delivered" else None,
         "severity": "ok" if kind == "delivered" else "info", "subject": subject, "lines": evidence,
         "params": {"diag": "", "status": "", "mta": "", "reply": ""}}
    rendered = [_render(f, lang)]
    return {"tool": TOOL, "recognized": True, "locale": lang, "summary": _summary(rendered, [f], lang),
            "data": {"format": kind, "reporting_mta": None, "bounce": {}, "original": {}, "recipients": []},
            "findings": rendered}


def _analyse_bounce(text, lang):
    kind = _other_kind(text)
    if kind:
        return _other_report(kind, text, lang)
    if detect(text) < 0.4:
        return _unrecognized(lang)
    return analyse(text, lang)


# =============================================================================================
# 4. Human text: ONE table keyed by finding id (variants as "detail:<variant>"), and pages.
# =============================================================================================

PAGE_BOUNCE = "mail/bounce/"
PAGES = {
    "user-unknown": "mail/wrong-address/",
    "host-unknown": "tools/check-address/",
    "bad-address-syntax": "tools/check-address/",
    "smtputf8-unsupported": "tools/check-address/",
    "domain-filter": "mail/spam-settings/",
    "spam-rejected": "mail/spam-settings/",
    "blocked": "mail/spam-settings/",
    "policy-auth-failure": "mail/spam-settings/",
    "sender-rejected": "mail/sender-rejected/",
    "auth-required": "mail/smtp-auth/",
    "relay-denied": "mail/smtp-auth/",
    "has-moved": "mail/wrong-address/",
    "suspended": "mail/wrong-address/",
    "rate-limited": "mail/spam-settings/",
    "virus": "mail/spam-settings/",
    "content-rejected": "mail/spam-settings/",
}
VARIANT_PAGES = {
    ("auth-required", "pop"): "mail/pop-before-smtp/",
    ("blocked", "dynamic-ip"): "mail/smtp-auth/",
}

TEXTS = {
    "user-unknown": {
        "ja": {
            "title": "宛先のアドレスが存在しません",
            "summary": "宛先 {subject} は相手のサーバーに存在しないアドレスでした。綴りを確かめて送り直してください。",
            "summary:carrier": "宛先 {subject} は存在しないアドレスか、相手の受信設定 (指定受信) で拒否された可能性があります。綴りを確かめ、相手にも確かめてください。",
            "summary:disabled": "宛先 {subject} は存在しないか、停止中のアドレスでした。綴りを確かめ、相手に今のアドレスを確かめてください。",
            "detail": "相手のサーバーは、このアドレスの利用者はいないと答えました (@ の左側が見つからない)。"
            "打ち間違い、アドレス帳の登録ミス、相手がアドレスを変えた・解約したことが考えられます。",
            "detail:disabled": "相手のサーバーは、このアドレスは使われていない (停止中・受信拒否) と答えました。"
            "アドレスの綴りが正しければ、相手がメールアドレスを解約したか、受け取れない設定にしています。",
            "detail:moved": "相手のサーバーは、この利用者はもうこのアドレスにはいないと答えました。新しいアドレスを相手に確かめてください。",
            "detail:dbeb": "Microsoft 365 (Exchange Online) のサーバーが「550 5.4.1 Recipient address rejected: Access denied」と答えました。"
            "これは送信元を拒否したのではなく、相手の組織のディレクトリにこのアドレスが登録されていない (ディレクトリ ベースのエッジ ブロック) という意味です。",
            "detail:carrier": "携帯電話会社のサーバーが「ユーザーがいない」と答えました。綴りの誤りのほか、"
            "相手が指定受信 (受信リスト) やドメイン指定受信を使っていて、こちらのアドレスを許可していない場合にも同じ答えが返ることがあります。",
            "steps": [
                "宛先のアドレスを一文字ずつ確かめます (@ の左側、点 . やハイフン - の位置、数字の 0 と英字の o など)。",
                "アドレス帳に登録したアドレスが間違っていれば直します。",
                "綴りが正しいのに届かなければ、電話や SMS など別の方法で相手に今のアドレスを確かめます。",
            ],
        },
        "en": {
            "title": "The recipient address does not exist",
            "summary": "{subject} does not exist on the recipient's server. Check the spelling and send again.",
            "summary:carrier": "{subject} does not exist, or the recipient's allow list refused you. Check the spelling and ask them.",
            "summary:disabled": "{subject} does not exist or is disabled. Check the spelling and ask for the current address.",
            "detail": "The receiving server said there is no such user (the part before @ was not found). The address "
            "may be mistyped, wrong in the address book, or no longer in use.",
            "detail:disabled": "The receiving server said this mailbox is disabled or refuses mail. If the spelling is "
            "right, the recipient has closed the address or set it not to receive.",
            "detail:moved": "The receiving server said this user is no longer at this address. Ask for the new one.",
            "detail:dbeb": "Microsoft 365 (Exchange Online) answered \"550 5.4.1 Recipient address rejected: Access denied\". "
            "This is not a refusal of your server: the address is not in the recipient organisation's directory "
            "(Directory-Based Edge Blocking).",
            "detail:carrier": "A mobile carrier's server said there is no such user. Besides a typo, carriers give the "
            "same answer when the recipient's allow list (domain filter) does not include your address.",
            "steps": [
                "Check the address character by character (dots, hyphens, 0 versus o).",
                "Fix the entry in your address book if it is wrong.",
                "If it is spelt right, ask the recipient by phone or SMS for their current address.",
            ],
        },
    },
    "host-unknown": {
        "ja": {
            "title": "宛先のドメインが見つかりません",
            "summary": "宛先 {subject} のドメイン (@ の右側) が見つかりませんでした。綴りを確かめて送り直してください。",
            "detail": "@ の右側のドメインを DNS で引いても、メールを受け取るサーバーが見つかりませんでした。"
            "ドメインの打ち間違い (.co.jp と .com、.ne.jp と .or.jp など) がいちばん多い原因です。",
            "detail:null-mx": "宛先のドメインは「このドメインはメールを受け取らない」と DNS で宣言しています (null MX、RFC 7505)。"
            "アドレスの打ち間違いでなければ、このドメインにはメールを送れません。",
            "steps": [
                "@ の右側の綴りを確かめます。",
                "check_address.py でアドレスの形とドメインのメールサーバーを調べられます。",
                "綴りが正しければ相手のドメインの一時的な障害かもしれません。時間をおいて送り直します。",
            ],
        },
        "en": {
            "title": "The recipient's domain was not found",
            "summary": "The domain of {subject} (after @) was not found. Check the spelling and send again.",
            "detail": "Looking up the domain after @ in DNS found no server that receives its mail. A typo in the "
            "domain is the usual cause.",
            "detail:null-mx": "The recipient's domain declares in DNS that it accepts no mail (null MX, RFC 7505).",
            "steps": [
                "Check the spelling after @.",
                "check_address.py checks the address and the domain's mail servers.",
                "If it is right, the recipient's domain may have a temporary problem: try again later.",
            ],
        },
    },
    "bad-address-syntax": {
        "ja": {
            "title": "宛先アドレスの書き方が正しくありません",
            "summary": "宛先 {subject} の書き方が正しくないため送れませんでした。アドレスだけを半角で入れ直してください。",
            "detail": "サーバーは宛先の書式が正しくないと答えました (5.1.3)。Outlook などからコピーした「\"山田\" <taro@…>」"
            "のような引用符付きの文字列、全角文字、連続した点 (..) や @ の直前の点が含まれると起きます。",
            "steps": [
                "宛先欄を空にして、アドレスだけを半角英数字で入れ直します。",
                "check_address.py でアドレスの書き方を確かめられます。",
            ],
        },
        "en": {
            "title": "The recipient address is malformed",
            "summary": "{subject} is not written as a valid address. Type only the address, in half-width characters.",
            "detail": "The server said the address syntax is wrong (5.1.3): quoted names copied from Outlook, "
            "full-width characters, consecutive dots or a dot before @ cause this.",
            "steps": [
                "Clear the field and type only the address.",
                "check_address.py checks how the address is written.",
            ],
        },
    },
    "smtputf8-unsupported": {
        "ja": {
            "title": "アドレスに全角文字などが入っています (SMTPUTF8 非対応)",
            "summary": "宛先か差出人のアドレスに全角文字などが入っていて送れませんでした。日本語入力をオフにして打ち直してください。",
            "detail": "アドレスに ASCII 以外の文字 (全角の英数字や記号、日本語) が含まれていて、"
            "それを扱う拡張 (SMTPUTF8) に相手のサーバーが対応していませんでした。見た目では半角と区別しにくい全角文字が原因のことがほとんどです。",
            "steps": [
                "日本語入力をオフにして、宛先と自分のアドレス (アカウント設定) を打ち直します。",
                "check_address.py にアドレスを渡すと、全角文字がどこにあるかを示します。",
            ],
        },
        "en": {
            "title": "The address contains non-ASCII characters (no SMTPUTF8)",
            "summary": "An address contains full-width or other non-ASCII characters. Retype it with the IME off.",
            "detail": "An address contains characters outside ASCII (often full-width letters that look like normal "
            "ones) and the server does not support SMTPUTF8.",
            "steps": [
                "Turn the Japanese input method off and retype the recipient and your own address.",
                "check_address.py shows where the full-width characters are.",
            ],
        },
    },
    "mailbox-full": {
        "ja": {
            "title": "相手のメールボックスがいっぱいです",
            "summary": "相手のメールボックスがいっぱいで届きませんでした。時間をおいて送り直してください。",
            "detail": "宛先 {subject} のメールボックスが容量の上限に達していて、新しいメールを受け取れませんでした。"
            "こちらの設定の問題ではありません。相手が不要なメールを消せば、また届くようになります。",
            "steps": [
                "時間をおいて (数時間〜1 日) 送り直します。",
                "急ぎの用件なら、電話など別の方法で相手にメールボックスがいっぱいなことを知らせます。",
            ],
        },
        "en": {
            "title": "The recipient's mailbox is full",
            "summary": "The recipient's mailbox is full. Send again later.",
            "detail": "The mailbox of {subject} has reached its limit and cannot take new mail. This is not a problem "
            "on your side; it clears when the recipient deletes mail.",
            "steps": [
                "Send again after some hours.",
                "If it is urgent, tell the recipient by another way that their mailbox is full.",
            ],
        },
    },
    "message-too-large": {
        "ja": {
            "title": "メールが大きすぎます",
            "summary": "メールが大きすぎて届きませんでした。添付ファイルを小さくするか、共有リンクで送ってください。",
            "detail": "メールの大きさが、相手 (または途中) のサーバーの上限を超えました。添付ファイルはメールにすると"
            "約 1.37 倍の大きさになります。",
            "steps": [
                "添付ファイルを圧縮するか、いくつかのメールに分けます。",
                "大きなファイルはクラウド ストレージの共有リンクで渡します。",
            ],
        },
        "en": {
            "title": "The message is too large",
            "summary": "The message is too large. Make the attachments smaller or share a link instead.",
            "detail": "The message exceeds the size limit of the receiving (or an intermediate) server. Attachments "
            "grow by about 37% when sent by mail.",
            "steps": [
                "Compress the attachments or split them over several messages.",
                "Share large files through a cloud storage link.",
            ],
        },
    },
    "domain-filter": {
        "ja": {
            "title": "相手の受信設定 (指定受信・ドメイン指定受信) で拒否されました",
            "summary": "相手の受信設定でこちらのアドレスが拒否されました。相手に受信を許可してもらってから送り直してください。",
            "summary:carrier-data": "相手の受信設定 (指定受信) でこちらのアドレスが拒否された可能性が高いです。アドレスの綴りを確かめ、相手に受信を許可してもらってください。",
            "summary:kddi-no-address": "相手の受信設定 (指定受信) でこちらのアドレスが拒否された可能性が高いです。アドレスの綴りを確かめ、相手に受信を許可してもらってください。",
            "summary:after-data": "相手のサーバーは本文を受け取った後で断りました。相手側の受信フィルターで拒否された可能性が高いです。アドレスの綴りも確かめてください。",
            "summary:refused": "相手のサーバーは、このアドレスへのメールを受け付けない設定だと答えました。相手側の受信フィルターか受信拒否の設定が考えられます。",
            "detail": "宛先 {subject} は携帯電話会社などのアドレスで、相手が許可した差出人からしか受け取らない設定 "
            "(指定受信、受信リスト、ドメイン指定受信) になっていると考えられます。アドレスが存在しないわけではありません。",
            "detail:carrier-data": "携帯電話会社のサーバーが、メール本文を送る段階 (DATA) で「Unknown user」と答えました。"
            "アドレスを受け付けた後で断っているので、アドレスが存在しないよりも、相手の指定受信 (受信リスト) や"
            "迷惑メール設定がこちらのアドレスを拒否した可能性が高いと考えられます。ただし、アドレスの打ち間違いや解約の可能性も残ります。",
            "detail:after-data": "相手のサーバーは、宛先を受け付けてメール本文まで受け取った後 (DATA の段階) で「ユーザーがいない」などと答えました。"
            "アドレスが本当に存在しなければ宛先の段階 (RCPT TO) で断るのが普通なので、相手側の受信フィルター "
            "(迷惑メール対策、受信を許可する差出人の設定) が拒否した可能性が高いと考えられます。アドレスの打ち間違いの可能性も残ります。",
            "detail:kddi-no-address": "au (KDDI) のサーバーが、アドレスを含まない「550 : User unknown」で断りました。"
            "au はアドレスが存在しないときは宛先の段階 (RCPT TO) で「550 <アドレス>: User unknown」と答え、"
            "この形はメール本文を受け取った後 (DATA) に返します。相手の指定受信 (受信リスト) や迷惑メール設定が"
            "こちらのアドレスを拒否した可能性が高いと考えられます。ただし、アドレスの打ち間違いや解約の可能性も残ります。",
            "detail:refused": "相手のサーバーは、このアドレスのメールボックスが受け取りを断っている (5.2.x / 5.7.1: 受信者側の設定による拒否) と答えました。"
            "文面は「ユーザーがいない」でも、状態コードはアドレスが存在して受信を拒んでいることを示しています。相手側の受信フィルターや受信拒否の設定、メールボックスの停止中が考えられます。",
            "steps": [
                "電話や SMS など別の方法で、相手にこちらのアドレス (またはドメイン) を受信リストに加えてもらいます。",
                "アドレスの綴りもあわせて確かめます。",
                "許可してもらってから送り直します。",
            ],
        },
        "en": {
            "title": "Refused by the recipient's filter (allow list / domain filter)",
            "summary": "The recipient's filter refused your address. Ask them to allow it, then send again.",
            "summary:carrier-data": "Most likely the recipient's filter refused your address. Check the spelling and ask them to allow it.",
            "summary:kddi-no-address": "Most likely the recipient's filter refused your address. Check the spelling and ask them to allow it.",
            "summary:after-data": "The server refused only after the message was sent: most likely the recipient's filter. Check the spelling too.",
            "summary:refused": "The server said this address does not accept your mail: the recipient's filter or refusal setting.",
            "detail": "{subject} is most likely a mobile carrier address that accepts mail only from senders the "
            "recipient allowed. The address itself exists.",
            "detail:carrier-data": "A mobile carrier's server answered \"Unknown user\" only after the message body "
            "was sent (DATA). Having accepted the address first, this more likely means the recipient's allow list "
            "or spam setting refused your address; a typo or a closed address is still possible.",
            "detail:after-data": "The server accepted the recipient and the message body (DATA) and only then said the user is "
            "unknown. A missing address is normally refused at RCPT TO, so the recipient's filter (spam or allow-list "
            "settings) most likely refused the message; a typo is still possible.",
            "detail:kddi-no-address": "au (KDDI) refused with \"550 : User unknown\", without the address. au answers a "
            "missing address at RCPT TO with \"550 <address>: User unknown\" and gives this bare form after the message "
            "body (DATA): most likely the recipient's allow list or spam setting refused your address; a typo or a "
            "closed address is still possible.",
            "detail:refused": "The server said this mailbox refuses the message (5.2.x / 5.7.1: refused by the recipient's "
            "settings). The words say \"unknown user\", but the status code says the address exists and refuses mail.",
            "steps": [
                "Ask the recipient by phone or SMS to add your address (or domain) to their allow list.",
                "Check the spelling of the address as well.",
                "Send again once they have allowed it.",
            ],
        },
    },
    "spam-rejected": {
        "ja": {
            "title": "迷惑メールと判定されて拒否されました",
            "summary": "相手のサーバーに迷惑メールと判定されて届きませんでした。内容や送り方を見直してください。",
            "detail": "相手のサーバー (または迷惑メール対策サービス) が、内容や送信元から迷惑メール・ウイルスの疑いがあると判断して受け取りを断りました。",
            "steps": [
                "短縮 URL、多数のリンク、実行ファイルやマクロ付きの添付など、疑われやすい要素を減らして送り直します。",
                "自分のドメインの SPF・DKIM・DMARC が正しく設定されているか確かめます。",
                "続くようなら、相手に受信許可を頼みます。",
            ],
        },
        "en": {
            "title": "Rejected as spam",
            "summary": "The recipient's server rejected the message as spam. Review the content and how it is sent.",
            "detail": "The receiving server (or its filtering service) judged the content or the sender to be spam or a virus.",
            "steps": [
                "Remove what looks suspicious (short URLs, many links, executable or macro attachments) and resend.",
                "Check SPF, DKIM and DMARC for your domain.",
                "If it keeps happening, ask the recipient to allow your address.",
            ],
        },
    },
    "blocked": {
        "ja": {
            "title": "送信元が相手のサーバーに拒否されました",
            "summary": "送信元のサーバーや IP アドレスが相手に拒否されて届きませんでした。",
            "summary:ptr": "送信元のサーバーの IP アドレスに逆引き (PTR レコード) がないため、相手に拒否されました。送信サーバーの管理者が直す必要があります。",
            "detail": "相手のサーバーは、メールの内容ではなく送ってきたサーバー (IP アドレス) を理由に受け取りを断りました。"
            "ブロックリストへの掲載、評判の低下、相手側のポリシーなどが考えられます。",
            "detail:listed": "送信元の IP アドレスやドメインが、迷惑メール対策のブロックリストに載っているため断られました。",
            "detail:dynamic-ip": "相手のサーバーは、家庭向け回線など (動的 IP アドレス) から直接送られたメールを受け付けず、"
            "「契約しているプロバイダーの送信サーバーを使ってください」と答えました。",
            "detail:ptr": "相手のサーバーは、送信元の IP アドレスに逆引き (PTR レコード、リバース DNS) が設定されていないか、"
            "正引きと一致しないため受け取りを断りました (Gmail の 550 5.7.25 など)。宛先ではなく、送信元のサーバーを拒否したものです。",
            "detail:connection": "相手のサーバーは、接続した時点 (挨拶・HELO/EHLO の段階) で送信元のサーバーを拒否しました。"
            "宛先やメールの内容を見る前なので、送信元の IP アドレスやホスト名が理由です。",
            "steps": [
                "メールアプリの送信サーバーが、契約しているプロバイダーやメール サービスの SMTP サーバー (ポート 587 か 465、SMTP 認証あり) になっているか確かめます。",
                "会社や学校のメールなら、管理者にこのエラーメールを見せて相談します。",
                "ブロックリストに載っている場合は、送信サーバーの管理者が解除を申請します。",
            ],
        },
        "en": {
            "title": "The sending server was refused",
            "summary": "The recipient refused your sending server or IP address.",
            "summary:ptr": "Refused because the sending server's IP address has no reverse DNS (PTR); its administrator must fix it.",
            "detail": "The receiving server refused the message because of where it came from (the sending IP "
            "address): a blocklist, poor reputation or the recipient's policy.",
            "detail:listed": "The sending IP address or domain is on an anti-spam blocklist.",
            "detail:dynamic-ip": "The receiving server does not accept mail sent directly from consumer (dynamic) "
            "addresses and asks you to use your provider's outgoing server.",
            "detail:ptr": "The receiving server refused because the sending IP address has no reverse DNS (PTR record) or "
            "it does not match (Gmail 550 5.7.25). This rejects the sending server; its administrator has to fix it.",
            "detail:connection": "The receiving server refused your server as soon as it connected (greeting, HELO/EHLO), "
            "before seeing any recipient or content: the sending IP address or host name is the reason.",
            "steps": [
                "Make sure your mail program sends through your provider's SMTP server (port 587 or 465 with SMTP AUTH).",
                "For company or school mail, show this bounce to the administrator.",
                "If you are on a blocklist, the server administrator has to request removal.",
            ],
        },
    },
    "sender-rejected": {
        "ja": {
            "title": "差出人のアドレスが拒否されました",
            "summary": "差出人 (自分) のアドレスが相手に拒否されて届きませんでした。アカウント設定のアドレスを確かめてください。",
            "summary:google-groups": "Google グループへの投稿が受け付けられませんでした。グループのアドレスと、投稿が許可されているかを確かめてください。",
            "detail": "相手のサーバーは、宛先ではなく差出人のアドレス (またはそのドメイン) を理由に受け取りを断りました。"
            "アカウント設定のメール アドレスの誤り、存在しないドメイン、送信サーバーとアドレスの組み合わせの不一致などが考えられます。",
            "detail:mail-from": "相手のサーバーは、差出人を伝えた段階 (MAIL FROM) で断りました。宛先ではなく、差出人のアドレス"
            "(またはそのドメイン) が受け付けられなかったという意味です。アカウント設定のアドレスの誤り、存在しないドメイン、"
            "送信サーバーとアドレスの組み合わせの不一致などが考えられます。",
            "detail:google-groups": "Google グループが投稿を受け付けませんでした。グループのアドレスの誤りか、"
            "このアドレスにグループへの投稿が許可されていない (メンバーでない・投稿権限がない) ことが理由です。",
            "steps": [
                "メールアプリのアカウント設定で、自分のメール アドレスが正しいか確かめます。",
                "送信サーバーが、そのアドレスのメール サービスのものになっているか確かめます。",
            ],
        },
        "en": {
            "title": "Your sender address was refused",
            "summary": "Your own (sender) address was refused. Check the address in your account settings.",
            "summary:google-groups": "Google Groups did not accept the post. Check the group address and whether you may post.",
            "detail": "The server refused the message because of the sender address or its domain: a wrong address in "
            "the account settings, a domain that does not exist, or a sending server that does not match the address.",
            "detail:mail-from": "The server refused at MAIL FROM, i.e. the sender address or its domain, not the recipient: a "
            "wrong address in the account settings, a domain that does not exist, or a sending server that does not match.",
            "detail:google-groups": "Google Groups refused the post: the group address is wrong, or this address may not "
            "post to the group (not a member, no permission).",
            "steps": [
                "Check your own address in the account settings.",
                "Make sure you send through the server of that address's mail service.",
            ],
        },
    },
    "auth-required": {
        "ja": {
            "title": "送信サーバーの認証 (SMTP 認証) が必要です",
            "summary": "送信サーバーにログインしていないため送れませんでした。SMTP 認証の設定を確かめてください。",
            "detail": "送信サーバーは、ユーザー名とパスワードなどで認証してから送るよう求めています。",
            "detail:starttls": "送信サーバーは、暗号化 (STARTTLS) を始めてから送るよう求めています (530 5.7.0)。",
            "detail:basic-auth": "Microsoft 365 (Exchange Online) が、パスワードだけの認証 (基本認証) による送信を受け付けませんでした (5.7.30)。"
            "OAuth2 (先進認証) に対応したメールアプリで設定し直す必要があります。",
            "detail:pop": "このサーバーは POP before SMTP 方式で、受信 (POP) してから一定時間内しか送信を受け付けません。"
            "POP before SMTP は古い方式で、多くのプロバイダーは SMTP 認証に切り替えています。",
            "detail:credentials": "送信サーバーにユーザー名・パスワードが受け入れられませんでした。",
            "steps": [
                "メールアプリの送信サーバー (SMTP) の設定で「認証が必要」を有効にし、受信と同じユーザー名とパスワードにします。",
                "ポートを 587 (STARTTLS) か 465 (SSL/TLS) にし、暗号化を有効にします。",
                "Gmail や Microsoft のアカウントは、OAuth2 に対応したソフトで設定し直すか、アプリ パスワードを使います。",
            ],
        },
        "en": {
            "title": "The outgoing server requires authentication (SMTP AUTH)",
            "summary": "You were not signed in to the outgoing server. Check the SMTP authentication settings.",
            "detail": "The outgoing server requires you to authenticate before sending.",
            "detail:starttls": "The outgoing server requires encryption (STARTTLS) first (530 5.7.0).",
            "detail:basic-auth": "Microsoft 365 (Exchange Online) refused password-only (basic) authentication for "
            "sending (5.7.30); set the account up again in a program that uses OAuth2.",
            "detail:pop": "This server uses POP before SMTP: it accepts mail only shortly after you checked mail by "
            "POP. The method is obsolete; providers have moved to SMTP AUTH.",
            "detail:credentials": "The outgoing server did not accept the user name or password.",
            "steps": [
                "Turn on \"my outgoing server requires authentication\" with the same user name and password as for receiving.",
                "Use port 587 (STARTTLS) or 465 (SSL/TLS) with encryption on.",
                "For Gmail or Microsoft accounts, use a program with OAuth2 or an app password.",
            ],
        },
    },
    "relay-denied": {
        "ja": {
            "title": "送信サーバーに中継を断られました (認証していない)",
            "summary": "送信サーバーに中継を断られました。SMTP 認証を有効にして送り直してください。",
            "summary:ses-unverified": "Amazon SES が、検証されていない差出人 (またはドメイン) のメールを送りませんでした。SES で ID を検証してから送り直してください。",
            "detail": "送信サーバーは、認証していない相手から外部あてのメールを頼まれたので中継を断りました。"
            "送信サーバーの設定で SMTP 認証が無効になっているか、別のサービスのサーバーを使っているときに起きます。",
            "detail:ses-unverified": "Amazon SES は、検証 (確認) 済みの ID (メールアドレスかドメイン) からのメールしか送りません。"
            "「Email address is not verified」は、応答に書かれた ID がこのリージョンで検証されていないという意味です。"
            "SMTP 認証の問題ではありません。SES のコンソールで差出人のアドレスかドメインを検証してください。"
            "サンドボックス (本番利用の申請前) のうちは、宛先のアドレスも検証が必要です。",
            "steps": [
                "送信サーバー (SMTP) の設定で「認証が必要」を有効にします。",
                "送信サーバー名とポート (587 か 465) が、使っているメール サービスの案内どおりか確かめます。",
            ],
        },
        "en": {
            "title": "The server refused to relay (not authenticated)",
            "summary": "The outgoing server refused to relay. Turn on SMTP authentication and send again.",
            "summary:ses-unverified": "Amazon SES did not send mail for an unverified sender (or domain). Verify the identity in SES, then send again.",
            "detail": "The server will not pass mail on to other domains for a client that has not authenticated: "
            "SMTP AUTH is off, or the server belongs to another service.",
            "detail:ses-unverified": "Amazon SES sends only for verified identities (addresses or domains). \"Email address "
            "is not verified\" means the identity named in the reply is not verified in that region. This is not an "
            "SMTP AUTH problem: verify the sender address or domain in the SES console; while the account is in the "
            "sandbox, recipient addresses must be verified too.",
            "steps": [
                "Turn on authentication for the outgoing (SMTP) server.",
                "Check the server name and port (587 or 465) against your provider's instructions.",
            ],
        },
    },
    "policy-auth-failure": {
        "ja": {
            "title": "送信ドメイン認証 (SPF・DKIM・DMARC) に失敗しました",
            "summary": "送信ドメイン認証 (SPF・DKIM・DMARC) に失敗して拒否されました。ドメインの設定を見直してください。",
            "detail": "相手のサーバーは、差出人のドメインが本当にそのメールを送ったと確認できなかったため受け取りを断りました。"
            "Gmail などは 2024 年から、SPF か DKIM (大量送信者は両方と DMARC) を求めています。",
            "detail:outlook-515": "Outlook.com (Microsoft) が 550 5.7.515 で断りました。2025 年 5 月から、Outlook.com あてに大量に送る送信者には"
            "SPF・DKIM・DMARC のすべてが求められ、満たさないメールは拒否されます。",
            "steps": [
                "差出人のドメインの DNS に、使っている送信サーバーを含む SPF レコードがあるか確かめます。",
                "DKIM 署名を有効にし、DMARC のポリシーと差出人 (From) のドメインがそろっているか確かめます。",
                "自分で管理していないドメインなら、メール サービスの管理者にこのエラーメールを見せて相談します。",
            ],
        },
        "en": {
            "title": "Sender authentication (SPF, DKIM, DMARC) failed",
            "summary": "Rejected because sender authentication (SPF/DKIM/DMARC) failed. Review your domain's settings.",
            "detail": "The receiving server could not confirm that the sender's domain sent this message. Since 2024 "
            "Gmail and others require SPF or DKIM (bulk senders: both, plus DMARC).",
            "detail:outlook-515": "Outlook.com refused with 550 5.7.515: since May 2025 high-volume senders to Outlook.com "
            "must pass SPF, DKIM and DMARC.",
            "steps": [
                "Check that the domain's SPF record includes the server you send through.",
                "Enable DKIM signing and make DMARC and the From domain line up.",
                "If you do not manage the domain, show this bounce to its administrator.",
            ],
        },
    },
    "expired": {
        "ja": {
            "title": "相手のサーバーにつながらず、配達をあきらめました",
            "summary": "相手のサーバーに長い間つながらず、送信サーバーが配達をあきらめました。宛先のドメインを確かめて送り直してください。",
            "detail": "送信サーバーは何度も再送しましたが、決められた期間内に相手のサーバーへ届けられませんでした。"
            "相手のサーバーの長い障害、宛先ドメインの設定の誤り、途中での拒否などが考えられます。",
            "steps": [
                "宛先のドメイン (@ の右側) の綴りを確かめます。",
                "時間をおいて送り直します。続く場合は、別の方法で相手に知らせます。",
            ],
        },
        "en": {
            "title": "Delivery gave up: the recipient's server could not be reached",
            "summary": "The recipient's server could not be reached for a long time and delivery was abandoned.",
            "detail": "Your server retried for its whole retry period without reaching the recipient's server: a long "
            "outage, a wrong domain setup, or refusals on the way.",
            "steps": [
                "Check the domain after @.",
                "Send again later; if it persists, tell the recipient another way.",
            ],
        },
    },
    "temporary-failure": {
        "ja": {
            "title": "一時的に届いていません (再送中)",
            "summary": "一時的なエラーで配達が遅れています。送信サーバーが再送するので、しばらく待ってください。",
            "detail": "相手のサーバーが一時的に受け付けませんでした (4 で始まるコード)。送信サーバーは自動で再送を続けるので、"
            "多くの場合はそのまま届きます。あきらめた場合は、あらためてエラーメールが届きます。",
            "steps": [
                "数時間〜1 日待ちます。送り直す必要はありません。",
                "最終的に失敗したという通知が届いたら、その内容をもう一度貼り付けて確かめます。",
            ],
        },
        "en": {
            "title": "Temporarily not delivered (still retrying)",
            "summary": "Delivery is delayed by a temporary error; your server keeps retrying.",
            "detail": "The receiving server refused for now (a code starting with 4). Your server retries on its own "
            "and usually succeeds; if it gives up you get another bounce.",
            "steps": [
                "Wait some hours; there is no need to send again.",
                "If a final failure notice arrives, paste that one as well.",
            ],
        },
    },
    "undetermined": {
        "ja": {
            "title": "届きませんでした (理由は特定できません)",
            "summary": "メールは届きませんでしたが、理由は特定できませんでした。下の応答を確かめてください。",
            "detail": "エラーメールから配達できなかったことは読み取れましたが、よく知られた理由には当てはまりませんでした。",
            "steps": [
                "下の応答 (Diagnostic-Code やサーバーの応答) の英文で検索すると、原因が見つかることがあります。",
                "宛先のアドレスを確かめてから送り直し、続くようなら相手やメール サービスの管理者に相談します。",
            ],
        },
        "en": {
            "title": "Not delivered (reason not identified)",
            "summary": "The message was not delivered; the reason could not be identified.",
            "detail": "The bounce says delivery failed, but the reason does not match a known pattern.",
            "steps": [
                "Search the web for the server's reply shown below.",
                "Check the address and resend; if it persists, ask the recipient or your administrator.",
            ],
        },
    },
    "delivered": {
        "ja": {
            "title": "配達されました",
            "summary": "このメールは配達の成功を知らせる通知です。問題はありません。",
            "detail": "配信状況通知は、宛先 {subject} へ配達された (または転送された) ことを示しています。",
            "detail:ses": "Amazon SES の配達通知 (notificationType: Delivery) です。宛先 {subject} のサーバーがメールを受け取りました。",
            "steps": [],
        },
        "en": {
            "title": "Delivered",
            "summary": "This notice reports a successful delivery; nothing is wrong.",
            "detail": "The delivery status notice says the message to {subject} was delivered (or relayed).",
            "detail:ses": "An Amazon SES delivery notification: the server of {subject} accepted the message.",
            "steps": [],
        },
    },
    "has-moved": {
        "ja": {
            "title": "相手はアドレスを変えました (転居)",
            "summary": "宛先 {subject} はもう使われていません。相手の新しいアドレスを確かめて送ってください。",
            "detail": "相手のサーバーは、この利用者は別のアドレスへ移った (5.1.6: 宛先が移動した) と答えました。"
            "同じアドレスへ送り直しても届きません。新しいアドレスが応答に書かれていることもあります。",
            "steps": [
                "下のサーバーの応答に新しいアドレスが書かれていないか確かめます。",
                "電話など別の方法で相手に今のアドレスを聞き、アドレス帳を直してから送ります。",
            ],
        },
        "en": {
            "title": "The recipient has moved to another address",
            "summary": "{subject} is no longer used. Ask the recipient for the new address.",
            "detail": "The receiving server said the user has moved (5.1.6). Sending again to the same address will "
            "not work; the reply sometimes names the new address.",
            "steps": [
                "Look for a new address in the server's reply below.",
                "Ask the recipient for the current address and fix your address book.",
            ],
        },
    },
    "suspended": {
        "ja": {
            "title": "相手のメールボックスが停止されています",
            "summary": "宛先 {subject} のメールボックスは停止中で、受け取れませんでした。相手に別の方法で知らせてください。",
            "detail": "アドレスは存在しますが、相手のメールボックスが停止 (無効化・一時停止・長期間の未使用など) されていて、"
            "メールを受け付けませんでした。こちらの設定の問題ではありません。",
            "steps": [
                "電話など別の方法で、相手にメールボックスが停止されていることを知らせます。",
                "相手が再開したと分かってから送り直します。",
            ],
        },
        "en": {
            "title": "The recipient's mailbox is suspended",
            "summary": "The mailbox of {subject} is suspended or disabled. Tell the recipient another way.",
            "detail": "The address exists but its mailbox is disabled or suspended and refuses mail. This is for the "
            "recipient to fix; resending will not help until they do.",
            "steps": [
                "Tell the recipient by another way that their mailbox is suspended.",
                "Send again once they have it working.",
            ],
        },
    },
    "rate-limited": {
        "ja": {
            "title": "送信の量や速さが制限を超えました",
            "summary": "短い時間に送った量 (通数・接続数) が相手の制限を超えたため、受け取りを断られました。時間をおいて送り直してください。",
            "detail": "相手のサーバーは、送信元から短時間に届くメールや接続が多すぎると判断して、しばらく受け取りを断りました "
            "(Gmail の 421 4.7.28、「too many connections」など)。送信元の評判が下がっているときにも出ます。"
            "時間をおけば、送り直して届くことが多いです。",
            "steps": [
                "数十分〜数時間おいてから送り直します。",
                "一斉送信なら、1 回の宛先の数と送る速さを減らします。",
                "続くようなら、送信サーバーの管理者 (プロバイダーやメール サービス) にこのエラーメールを見せて相談します。",
            ],
        },
        "en": {
            "title": "Too many messages or connections (rate limited)",
            "summary": "You sent more (messages or connections) than the recipient accepts in a short time. Send again later.",
            "detail": "The receiving server refused for a while because too much mail or too many connections came "
            "from your side (Gmail 421 4.7.28, \"too many connections\"). It also happens when the sender's "
            "reputation is low. Resending later usually works.",
            "steps": [
                "Wait some minutes to hours and send again.",
                "For bulk mail, send to fewer recipients at a time and more slowly.",
                "If it persists, show this bounce to the administrator of your sending server.",
            ],
        },
    },
    "not-rfc-compliant": {
        "ja": {
            "title": "メールの形式が規格 (RFC 5322) に合わないため拒否されました",
            "summary": "メールのヘッダーなどの形式が規格に合わないため、相手のサーバーに拒否されました。",
            "detail": "相手のサーバーは、メールの形式 (ヘッダーの重複や欠落、Message-ID や Date の書き方、長すぎる行など) が"
            "規格 (RFC 5322) に合わないと判断しました。Gmail などは 2024 年から形式の誤りに厳しくなっています。",
            "steps": [
                "別のメールアプリやウェブメールから送ってみます (届けば、元のアプリやシステムの問題です)。",
                "システムが自動で送るメールなら、その管理者にこのエラーメールを見せて、ヘッダーの形式を直してもらいます。",
            ],
        },
        "en": {
            "title": "The message does not follow the mail format (RFC 5322)",
            "summary": "The message format (headers) does not follow the standard and was refused.",
            "detail": "The receiving server found the message malformed (duplicate or missing headers, Message-ID or Date "
            "written wrongly, lines too long). Gmail and others are strict about this since 2024. The sending program "
            "has to be fixed; resending the same way will not help.",
            "steps": [
                "Try sending from another mail program or webmail.",
                "For mail sent by a system, show this bounce to its administrator to fix the headers.",
            ],
        },
    },
    "virus": {
        "ja": {
            "title": "ウイルスが見つかったとして拒否されました",
            "summary": "添付ファイルなどからウイルスが見つかったとして、相手のサーバーに拒否されました。",
            "detail": "相手 (または途中) のサーバーのウイルス対策が、このメールにウイルスやマルウェアが含まれると判断しました。"
            "こちらのパソコンが感染している可能性もあります。そのまま送り直してはいけません。",
            "steps": [
                "セキュリティソフトでパソコンを検査し、添付したファイルも検査します。",
                "問題がなければ、ファイルを共有リンクで渡すなど別の方法で送ります。",
            ],
        },
        "en": {
            "title": "Rejected because a virus was found",
            "summary": "The recipient's server found a virus in the message (usually an attachment).",
            "detail": "Virus scanning on the receiving (or an intermediate) server found malware in the message. Your "
            "computer may be infected; do not resend as is.",
            "steps": [
                "Scan your computer and the attached files with your security software.",
                "If they are clean, share the file another way (a link).",
            ],
        },
    },
    "content-rejected": {
        "ja": {
            "title": "メールの内容 (添付ファイルなど) が相手の規則で拒否されました",
            "summary": "メールの内容や添付ファイルの種類が相手の規則に合わず、拒否されました。",
            "detail": "相手のサーバーは、メールの内容 (添付ファイルの種類、暗号化した ZIP、リンクなど) が自分の規則に合わないとして"
            "受け取りを断りました。迷惑メールと判定されたのとは別の理由です。",
            "steps": [
                "実行ファイル・マクロ付き文書・パスワード付き ZIP などの添付を外し、共有リンクで渡します。",
                "何が拒否されたのか分からなければ、電話など別の方法で相手の受信規則を聞きます。",
            ],
        },
        "en": {
            "title": "The content (attachments) was refused by the recipient's rules",
            "summary": "The content or attachment type was refused by the recipient's rules.",
            "detail": "The receiving server's rules refused the content (attachment type, encrypted ZIP, links). This is "
            "not a spam verdict; resending the same content will not help.",
            "steps": [
                "Remove executable, macro or password-protected attachments and share a link instead.",
                "Ask the recipient what their server accepts.",
            ],
        },
    },
    "system-error": {
        "ja": {
            "title": "相手のメールサーバーの障害で届きませんでした",
            "summary": "相手のメールサーバーの障害 (容量不足・設定の誤りなど) で届きませんでした。時間をおいて送り直してください。",
            "detail": "相手 (または途中) のメールサーバーが、自分の側の問題 (ディスク不足、設定の誤り、内部のエラー) で"
            "受け取れませんでした。こちらの設定の問題ではありません。",
            "detail:full": "相手のメールサーバー全体の容量が足りず、受け取れませんでした (5.3.1)。相手側の問題です。",
            "steps": [
                "時間をおいて (数時間〜1 日) 送り直します。",
                "続くようなら、電話など別の方法で相手にメールサーバーの障害を知らせます。",
            ],
        },
        "en": {
            "title": "A fault on the recipient's mail server",
            "summary": "A fault on the receiving mail server (storage, configuration) stopped delivery. Send again later.",
            "detail": "The receiving (or an intermediate) server could not take the message because of its own problem "
            "(disk space, configuration, internal error). Not your settings; resending works once they fix it.",
            "detail:full": "The receiving mail system is out of storage (5.3.1): a problem on their side.",
            "steps": [
                "Send again after some hours.",
                "If it persists, tell the recipient another way.",
            ],
        },
    },
    "network-error": {
        "ja": {
            "title": "相手のサーバーまでの通信に失敗しました",
            "summary": "相手のメールサーバーまでの通信 (経路・DNS・接続) に問題があり、届きませんでした。",
            "detail": "送信サーバーから相手のサーバーへの通信が、経路の問題、接続の切断、DNS の設定の誤りなどで成り立ちませんでした。"
            "相手側かその途中の問題のことが多く、時間をおけば届くこともあります。",
            "detail:loop": "メールが同じサーバーの間を回り続けた (配送のループ) ため、打ち切られました (5.4.6)。"
            "転送設定や MX の設定の誤りが原因で、設定を直すまで送り直しても届きません。",
            "steps": [
                "宛先のドメイン (@ の右側) の綴りを確かめます。",
                "時間をおいて送り直し、続くようなら相手やメール サービスの管理者に知らせます。",
            ],
        },
        "en": {
            "title": "The connection to the recipient's server failed",
            "summary": "A network problem (route, DNS, connection) stopped delivery to the recipient's server.",
            "detail": "Your server could not talk to the receiving server: routing trouble, dropped connections or "
            "wrong DNS. Usually on the recipient's side or in between; it may work later.",
            "detail:loop": "The message went round between servers (a mail loop, 5.4.6) and was stopped: forwarding or "
            "MX settings are wrong, and resending will not help until they are fixed.",
            "steps": [
                "Check the domain after @.",
                "Send again later; if it persists, tell the recipient or the administrator.",
            ],
        },
    },
    "auto-reply": {
        "ja": {
            "title": "自動応答 (不在通知など) のメールです",
            "summary": "これはエラーメールではなく、相手の自動応答 (不在通知など) です。メールは相手に届いています。",
            "detail": "このメールは、相手のメールサーバーやメールアプリが自動で返した応答 (休暇中・不在の知らせなど) です。"
            "配達の失敗を知らせるものではなく、元のメールは相手のメールボックスに届いています。",
            "steps": [
                "送り直す必要はありません。本文に書かれた戻りの日付や代わりの連絡先を確かめます。",
            ],
        },
        "en": {
            "title": "An automatic reply (out of office)",
            "summary": "This is not a bounce but an automatic reply (out of office); your mail was delivered.",
            "detail": "The recipient's server or mail program answered automatically (vacation or absence notice). "
            "It does not report a failure: your message reached the mailbox.",
            "steps": ["No need to resend. Read the reply for the return date or another contact."],
        },
    },
    "feedback-report": {
        "ja": {
            "title": "迷惑メール報告 (フィードバック ループ) の通知です",
            "summary": "これはエラーメールではなく、受信者が迷惑メールとして報告したことを知らせる通知です。",
            "detail": "受信側のメール サービスが、受信者がこのメールを「迷惑メール」として報告したことを送信者に知らせる通知 "
            "(ARF: Abuse Reporting Format、フィードバック ループ) です。メールは配達されています。"
            "報告が続くと、送信元の評判が下がり、ほかのメールまで迷惑メールに振り分けられたり拒否されたりします。",
            "steps": [
                "報告した受信者には、今後このメールを送らないようにします (配信リストから外します)。",
                "一斉送信なら、受信者本人の同意を得た宛先だけに送り、配信停止の方法 (List-Unsubscribe) を用意します。",
            ],
        },
        "en": {
            "title": "A spam complaint (feedback loop report)",
            "summary": "This is not a bounce: it reports that a recipient marked your message as spam.",
            "detail": "The receiving service tells the sender that a recipient reported this message as spam (ARF, "
            "a feedback loop). The message was delivered. Repeated complaints lower the sender's reputation.",
            "steps": [
                "Stop sending to the recipient who complained (remove them from the list).",
                "For bulk mail, send only to people who opted in and offer one-click unsubscribe.",
            ],
        },
    },
    "unrecognized": {
        "ja": {"title": "エラーメール (バウンスメール) として読み取れませんでした。戻ってきたメールのソース全体 (ヘッダーを含む) か、本文の全体を貼り付けてください。"},
        "en": {"title": "This does not look like a bounce message. Paste the whole source of the returned mail (with headers) or its whole text."},
    },
    "internal-error": {
        "ja": {"title": "読み取り中に予期しない問題が起きました。メールのソース全体を貼り付けて、もう一度試してください。"},
        "en": {"title": "Something unexpected went wrong while reading the mail. Paste the whole source and try again."},
    },
    "summary": {
        "ja": {"several": "宛先 {n} 件に届きませんでした。", "reply": "相手のサーバーの応答: 「{diag}」", "status": "(コード {status})"},
        "en": {"several": "{n} recipients were not reached.", "reply": "The server said: \"{diag}\"", "status": "(code {status})"},
    },
}


# Whose side must act, and whether sending again helps (shown in every bounce finding's detail
# and given in data.recipients[].side / .resend).
ACTION = {
    "user-unknown": ("sender", "after-fix"), "host-unknown": ("sender", "after-fix"),
    "bad-address-syntax": ("sender", "after-fix"), "smtputf8-unsupported": ("sender", "after-fix"),
    "has-moved": ("sender", "after-fix"), "mailbox-full": ("recipient", "later"),
    "suspended": ("recipient", "after-fix"), "domain-filter": ("recipient", "after-fix"),
    "message-too-large": ("sender", "after-fix"), "spam-rejected": ("sender", "after-fix"),
    "virus": ("sender", "after-fix"), "content-rejected": ("sender", "after-fix"),
    "sender-rejected": ("sender", "after-fix"), "auth-required": ("sender", "after-fix"),
    "relay-denied": ("sender", "after-fix"), "blocked": ("server", "after-fix"),
    "policy-auth-failure": ("server", "after-fix"), "not-rfc-compliant": ("server", "after-fix"),
    "rate-limited": ("server", "later"), "expired": ("recipient", "later"),
    "system-error": ("recipient", "later"), "network-error": ("recipient", "later"),
    "temporary-failure": ("nobody", "not-needed"),
}
SIDE_TEXT = {
    "ja": {
        "sender": "対処するのはこちら (送信者) 側です。", "recipient": "対処するのは相手 (受信者) 側です。",
        "server": "対処するのは送信サーバーの管理者 (プロバイダー、メール サービス、会社のシステム担当) です。",
        "nobody": "今のところ、どちらの側も対処は要りません。",
        "after-fix": "原因を直すまで、同じように送り直しても届きません。",
        "later": "時間をおいて送り直すと届くことがあります。", "not-needed": "送り直す必要はありません。",
    },
    "en": {
        "sender": "This is for you (the sender) to fix.", "recipient": "This is for the recipient's side to fix.",
        "server": "This is for the administrator of the sending server (provider, mail service, IT staff) to fix.",
        "nobody": "Nobody needs to act for now.",
        "after-fix": "Sending again will not help until the cause is fixed.",
        "later": "Sending again later may work.", "not-needed": "There is no need to send again.",
    },
}


def _render(f, lang):
    text = TEXTS[f["id"]][lang]
    params = TextParams(f["params"])
    params["subject"] = f.get("subject") or ("この宛先" if lang == "ja" else "this recipient")
    variant = f.get("variant")
    detail = pick_detail(text, variant)
    if f["id"] == "temporary-failure" and variant in TEXTS and variant not in ("temporary-failure",):
        kind = TEXTS[variant][lang]["title"]
        detail += (" 理由: {0}。" if lang == "ja" else " Reason given: {0}.").format(kind)
    detail = detail.format_map(params)
    act = ACTION.get(f["id"])
    if act:
        sep = " " if lang == "en" else ""
        detail += sep + SIDE_TEXT[lang][act[0]] + sep + SIDE_TEXT[lang][act[1]]
    ui = TEXTS["summary"][lang]
    if params.get("diag"):
        detail += (" " if lang == "en" else "") + ui["reply"].format(diag=params["diag"])
    if params.get("status"):
        detail += " " + ui["status"].format(status=params["status"])
    return finding_from_text(text, f, detail, VARIANT_PAGES.get((f["id"], variant), PAGES.get(f["id"], PAGE_BOUNCE)))


def _summary(rendered, findings, lang):
    if not findings:
        return ""
    first = findings[0]
    params = TextParams(first["params"])
    params["subject"] = first.get("subject") or ("この宛先" if lang == "ja" else "the recipient")
    text = TEXTS[first["id"]][lang]
    line = text.get("summary:" + (first.get("variant") or ""), text["summary"]).format_map(params)
    failed = [f for f in findings if f["severity"] in ("error", "warning")]
    if len(failed) > 1:
        head = TEXTS["summary"][lang]["several"].format(n=len(failed))
        return head + ("" if lang == "ja" else " ") + line
    return line


# =============================================================================================
# 5. Command line
# =============================================================================================

_CLI = {
    "ja": {
        "no_input": "入力がありません。メールアプリでエラーメールを .eml として保存するか「ソースを表示」の内容を"
        "テキストに保存して、py explain_bounce.py bounce.eml のように実行してください (- で標準入力から読みます)。",
    },
    "en": {
        "no_input": "no input. Save the bounce from your mail program as .eml (or save its source as text) and run "
        "python3 explain_bounce.py bounce.eml (- reads standard input).",
    },
}


def main(argv=None):
    hint = {lang: texts["no_input"] for lang, texts in _CLI.items()}
    return explainer_main(argv, PROG, "Explain a bounce mail (delivery status notification).", explain, None, hint,
                          redact=redact_text)


if __name__ == "__main__":
    sys.exit(main())
