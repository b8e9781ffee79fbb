#!/usr/bin/env python3
"""Read the header block of a mail (the "message source" or "show original" of a mail app) and
explain why it arrived late or in the spam folder:

* the Received chain as a timeline, oldest hop first, with the delay at each hop — a hop stamped
  before the one before it is clock skew between two servers, never a delay; greylisting
  (X-Greylist, or minutes of waiting where one organisation hands over to another) and mailing
  list queueing (List-Id) recognized;
* Authentication-Results of the receiving side (the topmost one; results further down were
  added by servers on the way, or by the sender, and are not trusted), Received-SPF,
  DKIM-Signature d= and ARC;
* the classic Japanese case: a From address of one domain (a gmail.com or a company address)
  sent through another provider's server (an ISP's SMTP) fails DMARC alignment.

    python explain_headers.py FILE       reads a saved mail or header block (.eml, UTF-8, cp932, UTF-16)
    python explain_headers.py -          reads standard input
        --json        the report as JSON
        --lang en     English instead of Japanese
        --redact      print a copy with addresses, host names and public IP addresses replaced by
                      stable placeholders (to show a helper), and nothing else

Exit status: 0 no error found, 1 an error-level finding (DMARC fail), 2 usage error /
unreadable / not a mail header. Standard library only; also runs inside Pyodide.
"""

from __future__ import annotations

TOOL = "headers"
PROG = "explain_headers.py"

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

import re

# =============================================================================================
# 1. Reading the header block
# =============================================================================================

MAX_HEADER_LINES = 5000
_FIELD = re.compile(r"^([A-Za-z0-9][A-Za-z0-9-]{0,76}):[ \t]?(.*)$")
_KNOWN = ("received", "from", "to", "subject", "date", "message-id", "return-path", "authentication-results",
          "dkim-signature", "received-spf", "delivered-to", "mime-version", "content-type", "arc-seal",
          "arc-authentication-results", "x-received", "reply-to", "cc", "list-id", "x-mailer", "user-agent")
_BOUNCE_MARKS = ("report-type=delivery-status", "mailer-daemon@", "delivery status notification",
                 "undelivered mail returned", "returned mail:", "mail delivery failed", "delivery has failed",
                 "undeliverable:", "配信不能", "配信できませんでした", "message/delivery-status",
                 "return-path: <>", "<mailer-daemon>", "from mailer-daemon", "x-failed-recipients:",
                 # au one net (KDDI), m-FILTER / qmail-style notices, SES notifications (explain_bounce)
                 "could not be delivered to:", "subject: failure notice", "\"notificationtype\":\"",
                 "interscan messaging security suite")


def parse_headers(text):
    """[(name, value, first_line, line_numbers)] of the header block at the top of TEXT, unfolded.
    Quoting ("> ") and a leading blank line are tolerated; reading stops at the body."""
    fields = []
    started = False
    lines = text.splitlines()[:MAX_HEADER_LINES]
    # A header pasted double-spaced (a blank line after every line) ends only at a run of blank
    # lines: the separator before the body, doubled.
    firsts = [line for line in lines if line.strip()][:3]
    double = len(firsts) == 3 and all(
        i + 1 < len(lines) and not lines[i + 1].strip() for i in range(min(len(lines), 12)) if lines[i].strip())
    blanks = 0
    for number, raw in enumerate(lines, 1):
        line = raw[2:] if raw.startswith("> ") else raw
        if not line.strip():
            blanks += 1
            if started and (not double or blanks >= 2):
                break
            continue
        blanks = 0
        if line[:1] in " \t" and fields:
            name, value, first, numbers = fields[-1]
            numbers.append(number)
            fields[-1] = (name, (value + " " + line.strip())[:20000], first, numbers)
            continue
        m = _FIELD.match(line)
        if not m:
            if started and len(fields) >= 3:
                break  # body text without the blank line (a copied header block ends here)
            continue
        started = True
        fields.append((m.group(1), m.group(2).strip(), number, [number]))
    return fields


def _values(fields, name):
    return [f for f in fields if f[0].lower() == name]


_RECEIVED_PART = re.compile(r"\b(from|by|with|id|for|via)\s+(\S+)", re.I)


def _date(text):
    """Seconds since the epoch (UTC) of an RFC 5322 date, or None."""
    from email.utils import mktime_tz, parsedate_tz  # the email package only when a mail is read

    try:
        parsed = parsedate_tz(text.strip())
        return mktime_tz(parsed) if parsed else None
    except (TypeError, ValueError, OverflowError, IndexError):
        return None


def parse_received(value):
    """from / by / with / date of one Received header."""
    head, _, stamp = value.rpartition(";")
    if not head:
        head, stamp = value, ""
    hop = {"from": None, "by": None, "with": None, "from_ip": None, "date": stamp.strip() or None, "time": None}
    for key, word in _RECEIVED_PART.findall(head[:2000]):
        key = key.lower()
        if key in ("from", "by", "with") and hop[key] is None:
            hop[key] = word.strip("();<>")
    m = re.search(r"\[((?:\d{1,3}\.){3}\d{1,3}|[0-9A-Fa-f:]+:[0-9A-Fa-f:.]*)\]", head[:2000])
    if m:
        hop["from_ip"] = m.group(1)
    if hop["date"]:
        hop["time"] = _date(hop["date"])
    return hop


def _domain_of(address):
    m = re.search(r"@([A-Za-z0-9.-]+\.[A-Za-z]{2,})", address or "")
    return m.group(1).lower().rstrip(".") if m else None


_RESULT = re.compile(r"\b(spf|dkim|dmarc|arc|compauth|sender-id|dkim-adsp|bimi)\s*=\s*([a-z]+)", re.I)
_PROP = re.compile(r"\b(header\.from|header\.d|header\.i|smtp\.mailfrom|smtp\.mfrom|policy\.dmarc)\s*=\s*([^\s;()]+)", re.I)


def parse_auth_results(value):
    """{"authserv": id, "results": [{"method", "result", "props"}]} of one Authentication-Results."""
    authserv, _, rest = value.partition(";")
    results = []
    for chunk in rest.split(";"):
        m = _RESULT.search(chunk)
        if not m:
            continue
        props = {k.lower(): v.strip('"').lstrip("@") for k, v in _PROP.findall(chunk)}
        reason = re.search(r"\(([^)]{0,200})\)", chunk)
        results.append({"method": m.group(1).lower(), "result": m.group(2).lower(), "props": props,
                        "comment": reason.group(1) if reason else None})
    return {"authserv": authserv.strip().split()[0] if authserv.strip() else None, "results": results}


def _score(fields, text):
    names = {f[0].lower() for f in fields}
    known = sum(1 for n in _KNOWN if n in names)
    received = len(_values(fields, "received"))
    if known < 2:
        return 0.0
    score = min(1.0, 0.15 * known + 0.15 * min(received, 3) + (0.2 if "authentication-results" in names else 0.0))
    low = text[:200000].lower()
    if any(mark in low for mark in _BOUNCE_MARKS):
        score *= 0.15  # a returned mail: the bounce reader explains it (its headers are the bounce's)
    return round(score, 3)


def detect(text):
    """0.0 .. 1.0: how sure this text is a mail's header block."""
    try:
        if not isinstance(text, str):
            return 0.0
        return _score(parse_headers(text), text)
    except Exception:  # noqa: BLE001 - detection must never fail
        return 0.0


# =============================================================================================
# 2. Interpretation
# =============================================================================================

DELAY_INFO = 60  # seconds at one hop worth showing
DELAY_WARN = 600  # seconds at one hop worth a warning
SKEW = 5  # seconds a hop may be stamped before the previous one (rounding) before it is skew
FREE_MAIL = frozenset(("gmail.com", "googlemail.com", "yahoo.co.jp", "yahoo.com", "outlook.com", "outlook.jp",
                       "hotmail.com", "hotmail.co.jp", "live.jp", "live.com", "icloud.com", "me.com", "aol.com"))


def _fmt_delay(seconds, lang):
    seconds = int(round(seconds))
    if seconds < 120:
        return "{0} 秒".format(seconds) if lang == "ja" else "{0} s".format(seconds)
    if seconds < 7200:
        return "{0} 分".format(seconds // 60) if lang == "ja" else "{0} min".format(seconds // 60)
    return "{0:.1f} 時間".format(seconds / 3600) if lang == "ja" else "{0:.1f} h".format(seconds / 3600)


def analyse(text, lang):
    fields = parse_headers(text)
    if _score(fields, text) < 0.5:
        return _unrecognized(lang, text)
    out = []

    def add(fid, severity, lines, variant=None, subject=None, **params):
        out.append({"id": fid, "severity": severity, "lines": sorted(set(lines)), "variant": variant,
                    "subject": subject, "params": params})

    # ---- the Received chain, oldest first ----
    received = _values(fields, "received")
    hops = []
    for name, value, first, numbers in reversed(received):
        hop = parse_received(value)
        hop["lines"] = list(numbers)
        hops.append(hop)
    greylist = _values(fields, "x-greylist")
    is_list = bool(_values(fields, "list-id") or _values(fields, "list-unsubscribe"))
    previous = None
    delays = []
    for i, hop in enumerate(hops):
        hop["delay"] = None
        if hop["time"] is None:
            continue
        if previous is not None:
            hop["delay"] = hop["time"] - previous["time"]
            if hop["delay"] < -SKEW:
                add("clock-skew", "info", previous["lines"] + hop["lines"], subject=hop["by"] or "?",
                    early=hop["by"] or "?", late=previous["by"] or "?", seconds=_fmt_delay(-hop["delay"], lang))
            elif hop["delay"] >= DELAY_INFO:
                delays.append((hop, previous))
        previous = hop
    for hop, before in delays:
        waited_at = before["by"] or "?"
        # Handed from one organisation's server to another's (where greylisting happens).
        handover = bool(before["by"] and hop["by"]) and org_domain(_host(before["by"])) != org_domain(_host(hop["by"]))
        if greylist:
            variant = "greylist"
        elif is_list and hop["delay"] < 6 * 3600:
            variant = "list"
        elif handover and hop["delay"] <= 3600:
            variant = "handover"
        else:
            variant = None
        severity = "warning" if hop["delay"] >= DELAY_WARN and variant not in ("greylist", "list") else "info"
        add("hop-delay", severity, before["lines"] + hop["lines"], variant, subject=waited_at,
            delay=_fmt_delay(hop["delay"], lang), at=waited_at, to=hop["by"] or "?")
    total = None
    timed = [h for h in hops if h["time"] is not None]
    skewed = any(f["id"] == "clock-skew" for f in out)
    if len(timed) >= 2 and not skewed:
        total = timed[-1]["time"] - timed[0]["time"]  # unknowable when clocks disagree

    # ---- authentication, as the receiving side saw it ----
    # Trust only what the final receiver wrote: the Authentication-Results whose authserv-id is in
    # the organisation of the topmost Received's "by" host. Others were added on the way (a
    # forwarder, the sender's own server) or forged by the sender.
    all_auth = _values(fields, "authentication-results")
    receiver = _receiver(received)
    auth_fields = [f for f in all_auth
                   if receiver is None or org_domain(parse_auth_results(f[1])["authserv"]) == receiver]
    auth = parse_auth_results(auth_fields[0][1]) if auth_fields else None
    results = {}
    if auth:
        for r in auth["results"]:
            results.setdefault(r["method"], r)
    auth_lines = list(auth_fields[0][3]) if auth_fields else []
    spf_fields = _values(fields, "received-spf")
    if "spf" not in results and spf_fields:
        word = (spf_fields[0][1].split() or ["none"])[0].lower()
        results["spf"] = {"method": "spf", "result": word, "props": {}, "comment": None}
        auth_lines += spf_fields[0][3]
    from_fields = _values(fields, "from")
    from_domain = _domain_of(from_fields[0][1]) if from_fields else None
    dkim_domains = []
    for _, value, _, _ in _values(fields, "dkim-signature"):
        m = re.search(r"\bd\s*=\s*([A-Za-z0-9.-]+)", value)
        if m:
            dkim_domains.append(m.group(1).lower().rstrip("."))
    return_path = _values(fields, "return-path")
    mailfrom = (results.get("spf", {}).get("props", {}).get("smtp.mailfrom")
                or results.get("spf", {}).get("props", {}).get("smtp.mfrom")
                or (return_path[0][1] if return_path else None))
    mailfrom_domain = _domain_of(mailfrom) if mailfrom and "@" in mailfrom else (mailfrom or "").lower() or None
    common = {"authserv": (auth or {}).get("authserv") or "?", "from_domain": from_domain or "?",
              "dkim": ", ".join(dkim_domains) or "?", "mailfrom": mailfrom_domain or "?"}
    for method, fid in (("spf", "spf-fail"), ("dkim", "dkim-fail"), ("dmarc", "dmarc-fail")):
        r = results.get(method)
        if r and r["result"] in ("fail", "softfail", "permerror", "temperror") + (("neutral",) if method == "dkim" else ()):
            severity = "error" if method == "dmarc" else "warning"
            if method == "spf" and r["result"] == "softfail":
                severity = "info"
            add(fid, severity, auth_lines, r["result"], subject=from_domain, result=r["result"],
                comment=r.get("comment") or "", **common)
    checked = [m for m in ("spf", "dkim", "dmarc") if m in results]
    if checked and all(results[m]["result"] == "pass" for m in checked):
        add("auth-pass", "ok", auth_lines, subject=from_domain, methods=", ".join(m.upper() for m in checked), **common)
    if not checked and not [f for f in all_auth if f not in auth_fields]:
        add("no-auth-results", "info", [f[2] for f in from_fields])
    # ---- alignment: sending as one domain through another provider's server ----
    org_from = org_domain(from_domain)
    aligned_dkim = any(org_domain(d) == org_from for d in dkim_domains)
    aligned_spf = bool(mailfrom_domain) and org_domain(mailfrom_domain) == org_from
    dmarc = results.get("dmarc", {}).get("result")
    if from_domain and not aligned_dkim and not aligned_spf and (dkim_domains or mailfrom_domain) and dmarc != "pass":
        variant = "free-mail" if org_from in FREE_MAIL else None
        # A free-mail domain's policy makes this the usual reason for spam folders and 550 5.7.26;
        # for other domains it matters only where they publish DMARC (dmarc-fail says so when they do).
        severity = "warning" if variant and dmarc != "fail" else "info"
        add("dmarc-alignment", severity, [f[2] for f in from_fields] + auth_lines, variant, subject=from_domain,
            **common)
    ignored = [f for f in all_auth if f not in auth_fields[:1]]
    if ignored:
        add("lower-auth-results", "info", [f[2] for f in ignored], None if auth else "untrusted-only",
            count=len(ignored), authserv=common["authserv"], receiver=receiver or "?")

    findings = [_render(f, lang) for f in out]
    rank = {s: i for i, s in enumerate(SEVERITY_ORDER)}
    findings.sort(key=lambda f: rank[f["severity"]])
    data = {
        "hops": [dict({k: h[k] for k in ("from", "by", "with", "from_ip", "date", "delay")}, lines=h["lines"])
                 for h in hops],
        "total_seconds": total,
        "authentication": {"authserv": common["authserv"] if auth else None,
                           "results": {m: r["result"] for m, r in results.items()}},
        "from_domain": from_domain, "dkim_domains": dkim_domains, "mailfrom_domain": mailfrom_domain,
        "mailing_list": is_list,
    }
    t = TEXTS["summary"][lang]
    parts = [t["hops"].format(n=len(hops), total=_fmt_delay(total, lang) if total is not None else "?")]
    worst = next((f for f in findings if f["severity"] in ("error", "warning")), None)
    parts.append(t["issue"].format(title=worst["title"]) if worst else t["fine"])
    return {"tool": TOOL, "recognized": True, "locale": lang, "summary": "".join(parts), "data": data,
            "findings": findings}


def _receiver(received):
    """The organisation that received the mail last: from the topmost Received header whose
    "by" is a host name (internal hops show only an address or a bare name)."""
    for _, value, _, _ in received:
        by = _host(parse_received(value)["by"])
        if by and "." in by and not re.match(r"^[\d.]+$", by) and ":" not in by:
            return org_domain(by)
    return None


def _host(text):
    return (text or "").strip("[]()").lower() or None


def _unrecognized(lang, text=""):
    low = text[:200000].lower() if isinstance(text, str) else ""
    key = "bounce" if any(mark in low for mark in _BOUNCE_MARKS) else "title"
    return empty_report(TOOL, lang, TEXTS["unrecognized"][lang][key])


def explain(text, lang="ja"):
    """The report for a mail's header block; never raises."""
    summaries = {key: {code: TEXTS[key][code]["title"] for code in ("ja", "en")} for key in ("unrecognized", "internal-error")}
    return guarded_explain(TOOL, analyse, text, lang, summaries)


# =============================================================================================
# 3. Texts
# =============================================================================================

PAGE = "mail/spam-settings/"
PAGES = {"hop-delay": "mail/not-received/", "clock-skew": "mail/not-received/"}

TEXTS = {
    "hop-delay": {
        "ja": {"title": "途中のサーバーで時間がかかっています",
               "detail": "{at} で受け取ってから、次の {to} が受け取るまでに {delay} かかっています。送り先が混んでいたか、一時的な失敗のあとで再送されたと考えられます。",
               "detail:greylist": "{at} から {to} へ渡すまでに {delay} かかっています。ヘッダーに X-Greylist があるので、受け取り側が初めての送り手を一度断って再送を待つ「グレーリスティング」による遅れです。迷惑メール対策の仕組みで、故障ではありません。",
               "detail:list": "{at} から {to} までに {delay} かかっています。メーリングリストのメールなので、リストのサーバーが配信の順番待ちをしていたと考えられます。",
               "detail:handover": "{at} から別の組織のサーバー {to} に渡すまでに {delay} かかっています。受け取り側のグレーリスティング (初めての送り手を一度断って再送を待つ迷惑メール対策) か、一時的な受け取り拒否のあとの再送が考えられます。",
               "steps": ["遅れがいつも同じサーバーで起きるなら、そのサーバーの管理者 (送信側ならプロバイダー) に、この時刻とヘッダーを添えて問い合わせます。"]},
        "en": {"title": "A server on the way took long",
               "detail": "{delay} passed between {at} receiving the mail and {to} receiving it: the next server was busy, or delivery was retried after a temporary failure.",
               "detail:greylist": "{delay} passed between {at} and {to}. The X-Greylist header shows greylisting: the receiver refuses a new sender once and waits for the retry (an anti-spam measure, not a fault).",
               "detail:list": "{delay} passed between {at} and {to}: a mailing list's server queued the delivery.",
               "detail:handover": "{delay} passed before {at} handed the mail to another organisation's server, {to}: greylisting at the receiver, or a retry after a temporary refusal.",
               "steps": ["If the delay is always at the same server, ask its operator (your provider, on the sending side), quoting the time and these headers."]},
    },
    "clock-skew": {
        "ja": {"title": "サーバーの時計がずれています (遅れではありません)",
               "detail": "{early} の時刻が、その前の {late} の時刻より {seconds} 早くなっています。メールが時間を逆にたどることはないので、どちらかのサーバーの時計がずれています。この区間の「遅れ」は計算できないので、遅れとしては扱いません。",
               "steps": []},
        "en": {"title": "A server's clock is off (not a delay)",
               "detail": "{early} stamped the mail {seconds} earlier than {late} before it. Mail does not travel back in time: one of the clocks is off, so no delay is computed for this hop.",
               "steps": []},
    },
    "spf-fail": {
        "ja": {"title": "SPF の確認に失敗しています",
               "detail": "受け取ったサーバー ({authserv}) の判定で SPF が {result} です。送信元のアドレスが、{mailfrom} のドメインが許可した送信サーバーではありません。転送されたメールでよく起きます。{comment}",
               "detail:softfail": "受け取ったサーバー ({authserv}) の判定で SPF が softfail (許可されていないが、拒否まではしない設定) です。{comment}",
               "steps": ["自分が送ったメールなら、プロバイダーやメールサービスの送信サーバー (SMTP) から、SMTP 認証を使って送っているか確かめます。",
                         "自分のドメインなら、SPF レコードに使っている送信サーバーがすべて含まれているか確かめます。"]},
        "en": {"title": "SPF check failed",
               "detail": "The receiving server ({authserv}) judged SPF {result}: the sending address is not a server that the domain {mailfrom} allows. Forwarded mail often looks like this. {comment}",
               "detail:softfail": "The receiving server ({authserv}) judged SPF softfail (not allowed, but not to be refused). {comment}",
               "steps": ["If you sent it, send through your provider's SMTP server with SMTP authentication.",
                         "For your own domain, check that the SPF record lists every server you send from."]},
    },
    "dkim-fail": {
        "ja": {"title": "DKIM の署名を確かめられませんでした",
               "detail": "受け取ったサーバー ({authserv}) の判定で DKIM が {result} です (署名のドメイン: {dkim})。途中でメールが書き換えられた (メーリングリストの件名付けや転送、セキュリティソフトの署名追加など) か、署名の設定に問題があります。{comment}",
               "steps": ["メーリングリストや転送を経由していないなら、送信側のプロバイダーやメールサービスに DKIM の設定を確かめてもらいます。"]},
        "en": {"title": "The DKIM signature did not verify",
               "detail": "The receiving server ({authserv}) judged DKIM {result} (signing domain: {dkim}): the mail was changed on the way (a list's subject tag, forwarding, a footer added by security software) or the signing is misconfigured. {comment}",
               "steps": ["Without a list or forwarding on the way, ask the sending provider to check its DKIM setup."]},
    },
    "dmarc-fail": {
        "ja": {"title": "DMARC の確認に失敗しています",
               "detail": "受け取ったサーバー ({authserv}) の判定で、差出人 ({from_domain}) の DMARC が {result} です。差出人のドメインと一致する SPF か DKIM の合格がありません。受け取り側は迷惑メールにするか、受け取りを拒否します。{comment}",
               "steps": ["差出人のアドレスのドメインと同じサービスの送信サーバーから送ります (例: Gmail のアドレスなら Gmail の SMTP サーバー)。",
                         "自分のドメインなら、送信に使うサービスで DKIM 署名を差出人のドメインで付け、SPF にそのサービスを加えます。"]},
        "en": {"title": "DMARC check failed",
               "detail": "The receiving server ({authserv}) judged DMARC {result} for the sender's domain {from_domain}: no SPF or DKIM pass matches that domain. The receiver puts such mail in spam or refuses it. {comment}",
               "steps": ["Send through the servers of the service your From address belongs to (a Gmail address through Gmail's SMTP server).",
                         "For your own domain, sign with DKIM as your domain at the sending service and add the service to SPF."]},
    },
    "auth-pass": {
        "ja": {"title": "送信ドメイン認証は合格しています",
               "detail": "受け取ったサーバー ({authserv}) の判定で {methods} がすべて合格 (pass) です。差出人 ({from_domain}) のなりすましではないと確かめられています。迷惑メールになったなら、認証ではなく内容や送信元の評判が理由です。",
               "steps": []},
        "en": {"title": "Sender authentication passed",
               "detail": "The receiving server ({authserv}) passed {methods}: the sender ({from_domain}) is not forged. If the mail went to spam, content or the sender's reputation was the reason, not authentication.",
               "steps": []},
    },
    "no-auth-results": {
        "ja": {"title": "認証の結果がヘッダーにありません",
               "detail": "Authentication-Results も Received-SPF もありません。受け取り側のサーバーが結果を書き込まない設定か、ヘッダーの一部しか貼り付けられていません。",
               "steps": ["メールアプリの「メッセージのソースを表示」「オリジナルを表示」などで、ヘッダーの全体をコピーしてください。"]},
        "en": {"title": "No authentication results in the header",
               "detail": "There is no Authentication-Results and no Received-SPF: the receiving server does not add them, or only part of the header was pasted.",
               "steps": ["Copy the whole header (View source / Show original in the mail app)."]},
    },
    "dmarc-alignment": {
        "ja": {"title": "差出人のドメインと、実際に送ったサーバーのドメインが違います",
               "detail": "差出人は {from_domain} ですが、送信元として確かめられたドメインは SPF が {mailfrom}、DKIM 署名が {dkim} で、どちらも {from_domain} と一致しません。"
                         "{from_domain} が DMARC を公開していれば確認に通らず、迷惑メール扱いや受け取り拒否 (550 5.7.26 など) になります。",
               "detail:free-mail": "差出人は {from_domain} ですが、実際には別のサービスのサーバー (SPF: {mailfrom}、DKIM: {dkim}) から送られています。"
                                   "たとえばプロバイダーの送信サーバーで、差出人を Gmail や Yahoo!メールのアドレスにして送ったときの形です。"
                                   "{from_domain} は DMARC で「自分のサーバー以外から送られたものは拒否」と宣言しているため、迷惑メール扱いや受け取り拒否 (550 5.7.26 など) になります。",
               "steps": ["差出人のアドレスと同じサービスの送信サーバーで送ります (Gmail のアドレスは Gmail の SMTP サーバー smtp.gmail.com で、アプリパスワードか OAuth で認証)。",
                         "プロバイダーの送信サーバーを使うなら、差出人もプロバイダーのアドレスにします。"]},
        "en": {"title": "The From domain is not the domain that sent the mail",
               "detail": "The From address is at {from_domain}, but the domains verified for sending are {mailfrom} (SPF) and {dkim} (DKIM), neither matching {from_domain}: if {from_domain} publishes DMARC, the check fails and the mail goes to spam or is refused (550 5.7.26).",
               "detail:free-mail": "The From address is at {from_domain}, but the mail was sent by another service's servers (SPF: {mailfrom}, DKIM: {dkim}) — as when an ISP's SMTP server sends with a Gmail or Yahoo address in From. {from_domain} publishes a DMARC policy that refuses mail from other servers: spam folder or refusal (550 5.7.26).",
               "steps": ["Send through the service your From address belongs to (a Gmail address through smtp.gmail.com with an app password or OAuth).",
                         "To use your ISP's SMTP server, use your ISP address as From."]},
    },
    "lower-auth-results": {
        "ja": {"title": "途中で付けられた認証結果は参考にしていません",
               "detail": "Authentication-Results がほかに {count} 個あります。最後に受け取ったサーバー ({authserv}) の結果だけを信頼しました。ほかのものは途中のサーバーが付けたか、送り手が偽って書いた可能性があります。",
               "detail:untrusted-only": "Authentication-Results はありますが、最後に受け取った側 ({receiver}) が付けたものではありません ({count} 個)。途中のサーバーや送り手側が付けたもので、受け取り側の判定としては信頼できないため、使っていません。",
               "steps": []},
        "en": {"title": "Results added on the way were not trusted",
               "detail": "There are {count} more Authentication-Results headers. Only the last receiving server's ({authserv}) was trusted; the others were added on the way or may be forged by the sender.",
               "detail:untrusted-only": "There are Authentication-Results headers ({count}), but none written by the final receiver ({receiver}): they come from servers on the way or the sending side and were not used.",
               "steps": []},
    },
    "unrecognized": {
        "ja": {"title": "メールのヘッダーとして読み取れませんでした。メールアプリで「メッセージのソースを表示」「オリジナルを表示」を選び、最初の行 (Received: や Return-Path: など) から本文の前までを貼り付けてください。",
               "bounce": "これは返ってきたエラーメール (バウンス) のようです。エラーメールの読み取り (explain_bounce.py、または「英語のエラーメールが返ってきた」のページ) を使ってください。"},
        "en": {"title": "This does not look like a mail header. Use View source / Show original in your mail app and paste from the first line (Received:, Return-Path:) to the start of the body.",
               "bounce": "This looks like a returned mail (a bounce): read it with explain_bounce.py (or the bounce page)."},
    },
    "internal-error": {
        "ja": {"title": "読み取り中に予期しない問題が起きました。ヘッダーの全体を貼り付けて、もう一度試してください。"},
        "en": {"title": "Something unexpected went wrong while reading the header. Paste the whole header and try again."},
    },
    "summary": {
        "ja": {"hops": "メールのヘッダー: 中継 {n} か所、全体で {total}。", "issue": "注意点があります (最初: {title})。", "fine": "問題は見つかりませんでした。"},
        "en": {"hops": "Mail header: {n} relay(s), {total} in all. ", "issue": "Points to check (first: {title}).", "fine": "No problem found."},
    },
}


def _render(f, lang):
    text = TEXTS[f["id"]][lang]
    params = TextParams(f["params"])
    detail = " ".join(pick_detail(text, f["variant"]).format_map(params).split())
    return finding_from_text(text, f, detail, PAGES.get(f["id"], PAGE))


_CLI = {
    "ja": {"no_input": "入力がありません。メールのソースをファイルに保存して python3 explain_headers.py FILE のように実行してください。"},
    "en": {"no_input": "no input. Save the mail's source to a file and run python3 explain_headers.py FILE."},
}


def main(argv=None):
    hint = {lang: texts["no_input"] for lang, texts in _CLI.items()}
    return explainer_main(argv, PROG, "Explain a mail's header block: delays, SPF/DKIM/DMARC, alignment.",
                          explain, None, hint, redact=redact_text)


if __name__ == "__main__":
    sys.exit(main())
