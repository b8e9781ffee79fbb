#!/usr/bin/env python3
"""Read the output of a name lookup and explain it: Windows `nslookup` (Japanese and English,
also `-type=mx|ns|txt|soa|aaaa` and interactive sessions with `> ` prompts and `set type=`),
PowerShell `Resolve-DnsName` (table and list output, its errors in Japanese and English),
`dig` (full and `+short`), `host`, and the `nslookup` of macOS / Linux.

    python explain_nslookup.py FILE        reads a saved output (UTF-8, UTF-16, cp932)
    python explain_nslookup.py -           reads standard input
        --json        the report as JSON
        --lang en     English instead of Japanese
    (a bare run runs nothing: nslookup needs a name, so save its output or pipe it in)

Exit status: 0 no error found, 1 an error-level finding (the name does not exist, the DNS server
did not answer, failed or refused), 2 usage error / unreadable / not a name lookup.
Standard library only; also runs inside Pyodide.

Judging rules (the page network/nslookup/ shows the same):
- NXDOMAIN ("Non-existent domain", "DNS 名が存在しません", "not found: 3(NXDOMAIN)"): the server
  answered that the name does not exist: a typo, a name that only a company/VPN DNS knows, or a
  domain that is gone. error.
- timeout ("DNS request timed out", "timed-out", "connection timed out; no servers could be
  reached", "timeout period expired"): the server did not answer at all. error. EXCEPT a
  "DNS request timed out" printed BEFORE the "Server:" line: Windows nslookup first looks up the
  server's own name (a PTR query for its address); that timing out only makes the server
  "UnKnown". When the real query then answers, this is reported as `reverse-lookup-timeout` (info).
  Likewise SOA / nameserver lines printed before the "Server:" line are the output of that reverse
  lookup (`reverse-lookup-output`, info), not the answer.
  A reverse lookup (nslookup 203.0.113.25) that finds no name is only a warning: most devices have
  no PTR record, but mail servers need one.
- SERVFAIL ("Server failed", "DNS server failure"): the server tried but could not get an answer
  (the domain's own DNS servers broken or unreachable, DNSSEC failure). error.
- REFUSED ("Query refused"): the server will not answer this client (a server that serves only its
  own network or only its own zones). error.
- "UnKnown" as the server name: no PTR record for the resolver's address. Harmless: info.
- A name that resolves to a private address (RFC 1918, 100.64.0.0/10, 127.0.0.0/8, 169.254/16,
  fc00::/7, fe80::/10) or to 0.0.0.0 / ::: a company or VPN DNS (split DNS), a cloud private
  endpoint, the hosts file, or a DNS filter / rebinding protection that blocks the name.
  warning for public names, info for names that are internal by their suffix (.local, .lan, …).
- CNAME chains (Aliases:, "canonical name =", "is an alias for", CNAME rows): info.
- A mail domain without MX (an MX query answered with only the SOA, or no MX record): mail is then
  delivered to the name's A/AAAA address (RFC 5321 5.1) or fails; "MX 0 ." (null MX, RFC 7505)
  means the domain receives no mail. warning.
- "Non-authoritative answer" / "権限のない回答": the answering server is not an authoritative
  server for that zone (the AA bit is clear): the normal answer of a resolver (router, provider,
  public DNS). It does not mean "old", "from a cache" or "unreliable". info.

Data (report["data"]): {"formats": [...], "server": {"name", "address"} (the first server seen),
"queries": [{"tool": "nslookup|dig|host|resolve-dnsname", "name", "type", "server": {"name",
"address"}, "status": "noerror|nxdomain|servfail|refused|timeout|nodata|error|null", "authoritative":
true/false/null, "addresses": ["203.0.113.25", ...] (plain strings, A and AAAA of the name),
"records": [{"type": "MX", "value": "mx1.example.jp", "preference": 10, "owner": "example.jp"},
{"type": "SOA", "value": "ns.example.jp", "owner": "example.jp"}, ...], "aliases": ["www.example.jp", ...] (CNAME chain, queried name
first), "canonical_name", "reverse_lookup_timeout": bool, "lines": [1-based line numbers]}]}
"""

from __future__ import annotations

TOOL = "nslookup"
PROG = "explain_nslookup.py"

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


import re

# =============================================================================================
# 1. Patterns. Every line is cut to MAX_LINE characters before any pattern sees it, so a 1 MB
#    line costs one pass; all patterns are anchored at the start.
# =============================================================================================

MAX_LINE = 1000

# The patterns are compiled on the first parse, not at import: the browser imports every explainer
# when the paste page opens, and compiling some fifty expressions there would only slow it down.
_PATTERNS = {}


def _rx(name, pattern, flags=0):
    _PATTERNS[name] = (pattern, flags)


def _compile_patterns():
    g = globals()
    if "_COMMAND_SPLIT_RE" not in g:
        for name, (pattern, flags) in _PATTERNS.items():
            g[name] = re.compile(pattern, flags)
        g["_COMMAND_SPLIT_RE"] = re.compile(r"\s*(?:;|&&|\|\||\|)\s*")


_IPV4 = r"(?:\d{1,3}\.){3}\d{1,3}"
_IPV6 = r"[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*"
_rx("_ADDR_RE", r"^(?:" + _IPV4 + "|" + _IPV6 + r")(?:%\w+)?(?:#\d+)?$")
_rx("_NAME_TOKEN_RE", r"^[A-Za-z0-9_*](?:[A-Za-z0-9_\-.]*[A-Za-z0-9_.])?$")

# Windows nslookup (also the one of macOS/Linux, which has the same labels)
_rx("_SERVER_RE", r"^(Server|Default Server|サーバー|既定のサーバー)\s*:\s*(.*)$", re.I)
_rx("_ADDRESS_RE", r"^(Address(?:es)?)\s*:\s*(.*)$", re.I)
_rx("_NAME_RE", r"^(Name|名前)\s*:\s*(\S*)\s*$", re.I)
_rx("_ALIASES_RE", r"^Aliases\s*:\s*(.*)$", re.I)
_rx("_NONAUTH_RE", r"^(Non-authoritative answer|権限のない回答)\s*:?\s*$", re.I)
_rx("_AUTH_RE", r"^(Authoritative answers can be found from|権限のある回答は次から入手できます)\s*:?\s*$", re.I)
_rx("_CANT_FIND_RE", r"^\*{2,3}\s*(.+?)\s+can't find\s+(.+?)\s*:\s*(.+?)\s*$", re.I)
_rx("_CANT_FIND_JA_RE", r"^\*{2,3}\s*(.+?)\s+が\s+(.+?)\s+を見つけられません\s*:\s*(.+?)\s*$")
_rx("_LINUX_CANT_FIND_RE", r"^\*\*\s*server can't find\s+(.+?)\s*:\s*(\S+)\s*$", re.I)
_rx("_REQ_TIMEOUT_RE", r"^\*{2,3}\s*Request to\s+(.+?)\s+timed-?out\s*$", re.I)
_rx("_REQ_TIMEOUT_JA_RE", r"^\*{2,3}\s*(.+?)\s*への要求がタイムアウトしました")
_rx("_DNS_TIMEOUT_RE", r"^DNS request timed out\.?\s*$", re.I)
_rx("_TIMEOUT_WAS_RE", r"^timeout was \d+ seconds?\.?\s*$", re.I)
_rx("_NO_RESPONSE_RE", r"^\*{2,3}\s*No response from server\s*$", re.I)
_rx("_MX_RE", r"^(\S+)\s+MX preference\s*=\s*(\d+)\s*,\s*mail exchanger\s*=\s*(\S+)\s*$", re.I)
_rx("_NS_RE", r"^(\S+)\s+nameserver\s*=\s*(\S+)\s*$", re.I)
_rx("_TEXT_RE", r"^(\S+)\s+text\s*=\s*(.*)$", re.I)
_rx("_SOA_OWNER_RE", r"^(\S+)\s*$")
_rx("_SOA_PRIMARY_RE", r"^(?:(\S+)\s+)?primary name server\s*=\s*(\S+)\s*$", re.I)
_rx("_SOA_FIELD_RE", r"^(responsible mail addr|serial|refresh|retry|expire|default TTL)\s*=", re.I)
_rx("_INTERNET_RE", r"^(\S+)\s+internet address\s*=\s*(\S+)\s*$", re.I)
_rx("_AAAA_RE", r"^(\S+)\s+(?:AAAA IPv6 address|has AAAA address)\s*=?\s*(\S+)\s*$", re.I)
_rx("_CANON_RE", r"^(\S+)\s+canonical name\s*=\s*(\S+?)\.?\s*$", re.I)
_rx("_PTR_RE", r"^(\S+\.(?:in-addr|ip6)\.arpa)\.?\s+name\s*=\s*(\S+?)\.?\s*$", re.I)
_rx("_NO_INTERNAL_RE", r"^\*{2,3}\s*No internal type for both", re.I)

# command lines (a prompt, or the bare command at the start of a line)
_rx("_PROMPT_RE", r"^(?:PS\s+[^>]*>\s*|[A-Za-z]:\\[^>]*>\s*|\S*[$#%❯λ]\s+|>\s*)?(.*)$")
_rx("_COMMAND_RE", r"^(nslookup|nslookup\.exe|dig|host|resolve-dnsname)(?:\s+(?![:=])(.*))?$", re.I)

# dig
_rx("_DIG_BANNER_RE", r"^;\s*<<>>\s*DiG\b[^<]*<<>>\s*(.*)$", re.I)
_rx("_DIG_HEADER_RE", r"^;;\s*->>HEADER<<-\s*opcode:\s*\w+,\s*status:\s*([A-Z]+)", re.I)
_rx("_DIG_FLAGS_RE", r"^;;\s*flags:\s*([a-z ]*);", re.I)
_rx("_DIG_SECTION_RE", r"^;;\s*(QUESTION|ANSWER|AUTHORITY|ADDITIONAL) SECTION:", re.I)
_rx("_DIG_QUESTION_RE", r"^;(\S+)\s+(?:\d+\s+)?IN\s+(\S+)\s*$", re.I)
_rx("_DIG_RR_RE", r"^(\S+)\s+(\d+)\s+IN\s+([A-Z0-9]+)\s+(.*?)\s*$", re.I)
_rx("_DIG_SERVER_RE", r"^;;\s*SERVER:\s*([^#\s(]+)(?:#\d+)?(?:\(([^)]*)\))?", re.I)
_rx("_NO_SERVERS_RE", r"^;;\s*connection timed out;\s*no servers could be reached", re.I)

# host
_rx("_HOST_ADDR_RE", r"^(\S+) has (IPv6 )?address (\S+)\s*$", re.I)
_rx("_HOST_ALIAS_RE", r"^(\S+) is an alias for (\S+?)\.?\s*$", re.I)
_rx("_HOST_MX_RE", r"^(\S+) mail is handled by (\d+) (\S+)\s*$", re.I)
_rx("_HOST_NOMX_RE", r"^(\S+) has no (MX|AAAA|A|TXT|NS) record", re.I)
_rx("_HOST_NOTFOUND_RE", r"^Host (\S+) not found:\s*(\d+)\(([A-Z]+)\)", re.I)
_rx("_HOST_PTR_RE", r"^(\S+) domain name pointer (\S+?)\.?\s*$", re.I)
_rx("_HOST_USING_RE", r"^Using domain server\s*:?\s*$", re.I)

# Resolve-DnsName
_rx("_RDN_TABLE_RE", r"^Name\s+Type\s+TTL\s+Section\b(.*)$", re.I)
_rx("_RDN_DASHES_RE", r"^-{2,}(\s+-{2,})+\s*$")
_rx("_RDN_LIST_RE", r"^(Name|QueryType|Type|TTL|Section|IP4Address|IP6Address|IPAddress|NameHost|NameExchange|"
                          r"Preference|PrimaryServer|NameAdministrator|SerialNumber|Strings|Text|Server)\s*:\s*(.*)$", re.I)
_rx("_RDN_ERROR_RE", r"^Resolve-DnsName\s*:\s*(\S+)\s*:\s*(.*)$", re.I)
_rx("_RDN_ERRID_RE", r"^\+?\s*FullyQualifiedErrorId\s*:\s*([A-Z0-9_]+)", re.I)

RDN_ERROR_IDS = {
    "DNS_ERROR_RCODE_NAME_ERROR": "NXDOMAIN",
    "RCODE_NAME_ERROR": "NXDOMAIN",
    "ERROR_TIMEOUT": "TIMEOUT",
    "WIN32_ERROR_TIMEOUT": "TIMEOUT",
    "DNS_ERROR_RCODE_SERVER_FAILURE": "SERVFAIL",
    "RCODE_SERVER_FAILURE": "SERVFAIL",
    "DNS_ERROR_RCODE_REFUSED": "REFUSED",
    "RCODE_REFUSED": "REFUSED",
    "DNS_INFO_NO_RECORDS": "NODATA",
}
# The error text after "Resolve-DnsName : NAME : " (English and Japanese Windows).
RDN_MESSAGES = (
    ("dns name does not exist", "NXDOMAIN"),
    ("dns 名が存在しません", "NXDOMAIN"),
    ("timeout period expired", "TIMEOUT"),
    ("タイムアウト", "TIMEOUT"),
    ("dns server failure", "SERVFAIL"),
    ("dns サーバーのエラー", "SERVFAIL"),
    ("dns サーバー エラー", "SERVFAIL"),
    ("サーバーの障害", "SERVFAIL"),
    ("refused", "REFUSED"),
    ("拒否", "REFUSED"),
    ("no records", "NODATA"),
    ("レコードが見つかりません", "NODATA"),
)
# The reason after "can't find NAME:" / "を見つけられません:" (Windows prints it in English).
NSLOOKUP_REASONS = (
    ("non-existent domain", "NXDOMAIN"),
    ("nxdomain", "NXDOMAIN"),
    ("server failed", "SERVFAIL"),
    ("servfail", "SERVFAIL"),
    ("query refused", "REFUSED"),
    ("refused", "REFUSED"),
    ("no response from server", "TIMEOUT"),
    ("timed out", "TIMEOUT"),
    ("no answer", "NODATA"),
    ("no data", "NODATA"),
)

INTERNAL_SUFFIXES = (
    "local", "lan", "home", "internal", "intranet", "corp", "private", "localdomain", "lab",
    "ad", "test", "invalid", "localhost", "home.arpa", "example", "domain", "router",
)
RECORD_TYPES = ("A", "AAAA", "MX", "NS", "TXT", "SOA", "CNAME", "PTR", "SRV", "ANY", "ALL", "CAA")


def _clean(line):
    """A line without the paste's decorations: BOM, trailing CR and white space."""
    return line.replace("\ufeff", "").rstrip()


def _digits(text):
    """ASCII digits only: str.isdigit() is also true for '²', which int() cannot read."""
    return text.isascii() and text.isdigit()


def _is_address(token):
    token = token.strip().strip("[]")
    if not token or not _ADDR_RE.match(token):
        return False
    if ":" not in token:
        parts = token.split("#")[0].split(".")
        return all(_digits(p) and int(p) <= 255 for p in parts)
    return token.count(":") >= 2


def _plain_address(token):
    """203.0.113.25#53 -> 203.0.113.25 (dig and Linux nslookup add the port)."""
    return token.strip().strip("[]").split("#")[0]


def _is_name(token):
    """A host name: dotted (www.example.jp), or a single label of letters and digits (MYPC01)."""
    if not token or len(token) > 253 or not _NAME_TOKEN_RE.match(token):
        return False
    return "." in token.strip(".") or (token.isalnum() and len(token) <= 63 and not token.isdigit())


def _norm_name(name):
    return (name or "").strip().rstrip(".").lower()


def _ipv4_tuple(text):
    parts = text.split(".")
    if len(parts) != 4 or not all(_digits(p) and len(p) <= 3 and int(p) <= 255 for p in parts):
        return None
    return tuple(int(p) for p in parts)


def address_kind(address):
    """'private', 'cgnat', 'loopback', 'link-local', 'unspecified', 'ula' or None (public)."""
    a = _plain_address(address).split("%")[0].lower()
    v4 = _ipv4_tuple(a)
    if v4 is not None:
        if v4 == (0, 0, 0, 0):
            return "unspecified"
        if v4[0] == 10 or (v4[0] == 172 and 16 <= v4[1] <= 31) or (v4[0] == 192 and v4[1] == 168):
            return "private"
        if v4[0] == 100 and 64 <= v4[1] <= 127:
            return "cgnat"
        if v4[0] == 127:
            return "loopback"
        if v4[0] == 169 and v4[1] == 254:
            return "link-local"
        return None
    if ":" not in a:
        return None
    if a in ("::", "0:0:0:0:0:0:0:0"):
        return "unspecified"
    if a in ("::1", "0:0:0:0:0:0:0:1"):
        return "loopback"
    head = a.split(":")[0]
    if len(head) >= 2 and head[:2] in ("fc", "fd") and len(head) == 4:
        return "ula"
    if len(head) == 4 and head[:3] in ("fe8", "fe9", "fea", "feb"):
        return "link-local"
    return None


def _is_internal_name(name):
    n = _norm_name(name)
    if not n:
        return True
    if "." not in n:
        return True
    return any(n == s or n.endswith("." + s) for s in INTERNAL_SUFFIXES)


# =============================================================================================
# 2. Parsing: one pass over the lines, building queries.
# =============================================================================================


def _new_query(tool, line_no, name=None, qtype=None, server=None):
    return {
        "tool": tool,
        "name": name,
        "type": qtype,
        "server": dict(server) if server else {"name": None, "address": None},
        "status": None,
        "authoritative": None,
        "addresses": [],
        "records": [],
        "aliases": [],
        "canonical_name": None,
        "reverse_lookup_timeout": False,
        "lines": [line_no] if line_no else [],
        "_answer_seen": False,
        "_nonauth_line": None,
        "_server_line": None,
        "_timeout_lines": [],
    }


class _Doc:
    def __init__(self):
        self.queries = []
        self.q = None
        self.markers = set()
        self.formats = []
        self.session_type = None  # interactive `set type=`
        self.session_server = None
        self.mode = None  # what the next Address: / continuation lines belong to
        self.pending_timeouts = []  # "DNS request timed out" lines before a Server: line
        self.dig_section = None
        self.dig_short = False
        self.rdn_table = None
        self.rdn_list = None
        self.host_server = False
        self.soa_owner = None
        self.soa_owner_line = None
        self.dig_pending = False

    def fmt(self, name):
        if name not in self.formats:
            self.formats.append(name)

    def start(self, tool, line_no, name=None, qtype=None, server=None):
        self.q = _new_query(tool, line_no, name, qtype, server)
        self.queries.append(self.q)
        self.mode = None
        self.dig_section = None
        return self.q

    def current(self, tool, line_no):
        """The query being read, or a new one when there is none or it is already complete."""
        if self.q is None or self.q["tool"] != tool:
            return self.start(tool, line_no, qtype=self.session_type, server=self.session_server)
        return self.q

    def has_content(self, q):
        return bool(q["status"] or q["addresses"] or q["records"] or q["_answer_seen"])


def _add_line(q, n):
    if n and (not q["lines"] or q["lines"][-1] != n) and len(q["lines"]) < 200:
        q["lines"].append(n)


def _add_address(q, addr):
    a = _plain_address(addr)
    if a not in q["addresses"] and len(q["addresses"]) < 500:
        q["addresses"].append(a)


def _add_record(q, rtype, value, owner=None, preference=None):
    rec = {"type": rtype, "value": value.rstrip(".") if rtype != "TXT" else value}
    if preference is not None:
        rec["preference"] = preference
    if owner:
        rec["owner"] = owner.rstrip(".")
    if len(q["records"]) < 500:
        q["records"].append(rec)


def _add_alias(q, name):
    n = name.rstrip(".")
    if n and n not in q["aliases"] and len(q["aliases"]) < 100:
        q["aliases"].append(n)


def _parse_command(doc, tool, args, line_no):
    """A command line: start a query with the name, type and server it asks for."""
    tool = tool.lower()
    tokens = args.split()[:20] if args else []
    name = qtype = server = None
    short = False
    if tool.startswith("nslookup"):
        doc.fmt("nslookup")
        positional = []
        for t in tokens:
            low = t.lower()
            if low.startswith("-") and "=" in low:
                key, _, val = low[1:].partition("=")
                if key in ("type", "q", "query", "querytype", "ty", "qt"):
                    qtype = val.upper()
            elif low.startswith("-"):
                continue
            else:
                positional.append(t)
        if positional:
            name = positional[0]
        if len(positional) > 1:
            server = positional[1]
        if name is None:
            # interactive mode: the queries follow after "> " prompts; this placeholder takes the
            # "Default Server:" lines (and what the reverse lookup of the server prints before them)
            doc.session_type = qtype
            q = doc.start("nslookup", line_no, None, None, None)
            q["_from_command"] = True
            q["_placeholder"] = True
            return
        q = doc.start("nslookup", line_no, name, qtype or "A+AAAA", {"name": None, "address": server})
        q["_from_command"] = True
    elif tool == "dig":
        doc.fmt("dig")
        for t in tokens:
            low = t.lower()
            if low.startswith("@"):
                server = t[1:]
            elif low.startswith("+"):
                if low in ("+short", "+sho", "+shor"):
                    short = True
            elif low.startswith("-"):
                continue
            elif t.upper() in RECORD_TYPES and name is not None:
                qtype = t.upper()
            elif t.upper() in RECORD_TYPES and qtype is None and name is None and t.upper() not in ("A",):
                qtype = t.upper()
            elif name is None:
                name = t
        q = doc.start("dig", line_no, name, qtype or "A", {"name": None, "address": server})
        doc.dig_short = short
        q["_short"] = short
    elif tool == "host":
        doc.fmt("host")
        positional = []
        skip = False
        for i, t in enumerate(tokens):
            if skip:
                skip = False
                continue
            if t == "-t" and i + 1 < len(tokens):
                qtype = tokens[i + 1].upper()
                skip = True
            elif t.startswith("-"):
                continue
            else:
                positional.append(t)
        name = positional[0] if positional else None
        server = positional[1] if len(positional) > 1 else None
        doc.start("host", line_no, name, qtype, {"name": None, "address": server})
    else:
        doc.fmt("resolve-dnsname")
        i = 0
        while i < len(tokens):
            t = tokens[i]
            low = t.lower()
            if low in ("-type", "-ty", "-t") and i + 1 < len(tokens):
                qtype = tokens[i + 1].upper()
                i += 2
                continue
            if low in ("-server", "-s") and i + 1 < len(tokens):
                server = tokens[i + 1]
                i += 2
                continue
            if low in ("-name", "-n") and i + 1 < len(tokens):
                name = tokens[i + 1]
                i += 2
                continue
            if low.startswith("-") or t in ("|",):
                if t == "|":
                    break
                i += 1
                continue
            if name is None:
                name = t
            elif qtype is None and t.upper() in RECORD_TYPES:
                qtype = t.upper()
            i += 1
        doc.start("resolve-dnsname", line_no, name, qtype or "A+AAAA", {"name": None, "address": server})
    doc.markers.add("command")


def _interactive(doc, rest, line_no):
    """The text after an interactive `> ` prompt. Returns True when it was a command."""
    tokens = rest.split()
    if not tokens or len(tokens) > 3:
        return False
    low = tokens[0].lower()
    if low == "set" and len(tokens) >= 2:
        key, _, val = tokens[1].lower().partition("=")
        if key in ("type", "q", "querytype", "ty") and val:
            doc.session_type = val.upper()
            doc.markers.add("interactive")
        return True
    if low in ("server", "lserver") and len(tokens) == 2:
        doc.session_server = {"name": None, "address": tokens[1]}
        doc.markers.add("interactive")
        return True
    if low in ("exit", "quit") and len(tokens) == 1:
        return True
    second_ok = len(tokens) == 1 or _is_name(tokens[1].rstrip(".")) or _is_address(tokens[1])
    if len(tokens) <= 2 and second_ok and (_is_name(tokens[0].rstrip(".")) or _is_address(tokens[0])):
        server = {"name": None, "address": tokens[1]} if len(tokens) == 2 else doc.session_server
        doc.start("nslookup", line_no, tokens[0], doc.session_type or "A+AAAA", server)
        doc.markers.add("interactive")
        return True
    return False


def parse(text):
    _compile_patterns()
    doc = _Doc()
    lines = text.splitlines()
    for idx, raw in enumerate(lines):
        n = idx + 1
        line = _clean(raw[:MAX_LINE])
        stripped = line.strip()
        if not stripped:
            if doc.mode in ("soa",):
                doc.mode = None
            txt_pending = doc.mode == "text" and doc.q is not None and doc.q["records"] and not doc.q["records"][-1]["value"]
            if doc.mode in ("addresses", "aliases", "text") and not txt_pending:
                doc.mode = None  # (Windows prints a blank line between "text =" and the quoted text)
            doc.dig_section = None if doc.dig_section != "question" else doc.dig_section
            if doc.rdn_list is not None:
                doc.rdn_list = None
            if doc.rdn_table is not None and doc.rdn_table.get("rows"):
                doc.rdn_table = None
            continue
        _line(doc, line, stripped, n)
    return doc


def _line(doc, line, s, n):
    # ---- prompts and command lines -------------------------------------------------------
    if s.startswith(">"):
        rest = s[1:].strip()
        cm = _COMMAND_RE.match(rest)
        if cm:
            _parse_command(doc, cm.group(1), cm.group(2) or "", n)
            return
        if doc.formats and "nslookup" in doc.formats and _interactive(doc, rest, n):
            return
        s = rest
        if not s:
            return
        if not doc.formats and _interactive(doc, s, n):
            doc.fmt("nslookup")
            return
    cm = _find_command(s)
    if cm is not None:
        _parse_command(doc, cm.group(1), cm.group(2) or "", n)
        return

    if doc.q is not None and doc.q["tool"] == "resolve-dnsname" and _rdn_line(doc, line, s, n):
        return

    # ---- dig -----------------------------------------------------------------------------
    if s.startswith(";"):
        _dig_line(doc, s, n)
        return
    if doc.dig_section in ("answer", "authority", "additional"):
        rr = _DIG_RR_RE.match(s)
        if rr:
            _dig_rr(doc, rr, n)
            return

    # ---- Windows / Linux nslookup ----------------------------------------------------------
    if _DNS_TIMEOUT_RE.match(s):
        doc.markers.add("timeout")
        doc.fmt("nslookup")
        q = doc.q
        if q is not None and q["tool"] == "nslookup" and q["_server_line"] is None and not doc.has_content(q):
            q["_timeout_lines"].append(n)  # before the Server: line of this run
            q["reverse_lookup_timeout"] = True
            _add_line(q, n)
        elif q is not None and q["tool"] == "nslookup" and q["_server_line"] is not None and (
                not doc.has_content(q) or q.get("_soft_timeout")):
            # after the Server: line: the query itself timed out (an answer may still follow a retry)
            q["_timeout_lines"].append(n)
            q["_query_timeouts"] = q.get("_query_timeouts", 0) + 1
            q["status"] = "TIMEOUT"
            q["_soft_timeout"] = True
            _add_line(q, n)
        else:
            doc.pending_timeouts.append(n)
        return
    if _TIMEOUT_WAS_RE.match(s):
        if doc.q is not None:
            _add_line(doc.q, n)
        return
    m = _SERVER_RE.match(s)
    if m:
        doc.markers.add("server")
        doc.fmt("nslookup")
        name = m.group(2).strip() or None
        q = doc.q
        if q is None or q["tool"] != "nslookup" or doc.has_content(q) or q["_server_line"] is not None:
            q = doc.start("nslookup", n, qtype=doc.session_type, server=doc.session_server)
        if doc.pending_timeouts:
            q["_timeout_lines"].extend(doc.pending_timeouts)
            q["reverse_lookup_timeout"] = True
            q["lines"] = sorted(set(q["lines"] + doc.pending_timeouts))
            doc.pending_timeouts = []
        q["server"] = {"name": name, "address": q["server"].get("address")}
        q["_server_line"] = n
        _add_line(q, n)
        doc.mode = "server-address"
        return
    m = _ADDRESS_RE.match(s)
    if m:
        value = m.group(2).strip()
        q = doc.q
        if doc.host_server and q is not None:
            q["server"]["address"] = _plain_address(value) if value else q["server"]["address"]
            doc.host_server = False
            return
        if doc.mode == "server-address" and q is not None:
            if _is_address(value):
                q["server"]["address"] = _plain_address(value)
                doc.markers.add("server-address")
            _add_line(q, n)
            doc.mode = None
            return
        value = value.replace(",", " ")
        if q is not None and _is_address(value.split()[0] if value else ""):
            for tok in value.split():
                if _is_address(tok):
                    _add_address(q, tok)
            q["_answer_seen"] = True
            if q["status"] is None or q.get("_soft_timeout"):
                q["status"] = "NOERROR"
                q["_soft_timeout"] = False
            _add_line(q, n)
            doc.mode = "addresses"
            doc.markers.add("answer")
        return
    m = _NONAUTH_RE.match(s)
    if m:
        doc.markers.add("nonauth")
        doc.fmt("nslookup")
        q = doc.q
        if q is None or q["tool"] != "nslookup" or (doc.has_content(q) and not q.get("_soft_timeout")):
            server = q["server"] if q is not None else doc.session_server
            q = doc.start("nslookup", n, qtype=doc.session_type, server=server)
        q["authoritative"] = False
        q["_nonauth_line"] = n
        _add_line(q, n)
        return
    if _AUTH_RE.match(s):
        doc.mode = "authority"
        return
    if doc.mode == "authority":
        return
    m = _NAME_RE.match(s)
    if m:
        q = doc.q
        if doc.host_server and q is not None:
            q["server"]["name"] = m.group(2)
            return
        if q is None:
            q = doc.start("nslookup", n, qtype=doc.session_type, server=doc.session_server)
        name = m.group(2).rstrip(".")
        if q["canonical_name"] and _norm_name(q["canonical_name"]) != _norm_name(name) and doc.has_content(q):
            server = q["server"]
            q = doc.start("nslookup", n, qtype=doc.session_type, server=server)
            q["authoritative"] = doc.queries[-2]["authoritative"] if len(doc.queries) > 1 else None
        q["canonical_name"] = name
        q["_answer_seen"] = True
        if q["name"] is None:
            q["name"] = name
            q["_name_from_answer"] = True
        _add_line(q, n)
        doc.mode = "name"
        doc.markers.add("name")
        return
    m = _ALIASES_RE.match(s)
    if m and doc.q is not None:
        if doc.q.get("_name_from_answer") and not doc.q["aliases"] and m.group(1).split():
            doc.q["name"] = m.group(1).split()[0].rstrip(".")  # Windows: Aliases lists the name asked for
        for tok in m.group(1).split():
            _add_alias(doc.q, tok)
        _add_line(doc.q, n)
        doc.mode = "aliases"
        doc.markers.add("aliases")
        return
    if line[:1] in (" ", "\t") and doc.mode in ("addresses", "aliases") and doc.q is not None:
        toks = s.replace(",", " ").split()
        if doc.mode == "addresses" and _is_address(toks[0]):
            for tok in toks:
                if _is_address(tok):
                    _add_address(doc.q, tok)
            _add_line(doc.q, n)
            return
        tok = toks[0]
        if doc.mode == "aliases" and _is_name(tok.rstrip(".")):
            _add_alias(doc.q, tok)
            _add_line(doc.q, n)
            return
    for regex, ja in ((_CANT_FIND_RE, False), (_CANT_FIND_JA_RE, True)):
        m = regex.match(s)
        if m:
            doc.markers.add("cant-find")
            doc.fmt("nslookup")
            server, name, reason = m.group(1), m.group(2), m.group(3)
            q = doc.q
            if q is None or q["tool"] != "nslookup" or (q["status"] is not None and q["status"] != "NOERROR") or (
                    q["name"] and _norm_name(q["name"]) != _norm_name(name) and doc.has_content(q)):
                q = doc.start("nslookup", n, name, doc.session_type, q["server"] if q else doc.session_server)
            if q["name"] is None:
                q["name"] = name
            status = _reason(reason, NSLOOKUP_REASONS)
            if status == "NODATA" and q["status"] == "NOERROR":
                status = "NOERROR"
            q["status"] = status or "ERROR"
            q["_reason"] = reason
            if q["server"]["name"] is None:
                q["server"]["name"] = server
            _add_line(q, n)
            return
    m = _LINUX_CANT_FIND_RE.match(s)
    if m:
        doc.markers.add("cant-find")
        q = doc.q
        if q is None or doc.has_content(q):
            q = doc.start("nslookup", n, m.group(1), doc.session_type, q["server"] if q else None)
        q["name"] = q["name"] or m.group(1)
        q["status"] = _reason(m.group(2), NSLOOKUP_REASONS) or m.group(2).upper()
        _add_line(q, n)
        return
    for regex in (_REQ_TIMEOUT_RE, _REQ_TIMEOUT_JA_RE):
        m = regex.match(s)
        if m:
            doc.markers.add("timeout")
            doc.fmt("nslookup")
            q = doc.q
            if q is not None and q["tool"] == "nslookup" and q["_server_line"] is None and not doc.has_content(q):
                # before the Server: line: the reverse lookup of the server's own address
                q["_timeout_lines"].append(n)
                q["reverse_lookup_timeout"] = True
                q["server"]["name"] = q["server"]["name"] or m.group(1)
                _add_line(q, n)
                return
            if q is None and not doc.queries:
                doc.pending_timeouts.append(n)
                return
            if q is None or q["tool"] != "nslookup" or (doc.has_content(q) and not q.get("_soft_timeout")):
                q = doc.start("nslookup", n, None, doc.session_type, q["server"] if q else doc.session_server)
                if doc.pending_timeouts:
                    q["_timeout_lines"].extend(doc.pending_timeouts)
                    q["lines"] = sorted(set(q["lines"] + doc.pending_timeouts))
                    doc.pending_timeouts = []
            q["status"] = "TIMEOUT"
            if q["server"]["name"] is None:
                q["server"]["name"] = m.group(1)
            _add_line(q, n)
            return
    if _NO_RESPONSE_RE.match(s):
        q = doc.current("nslookup", n)
        q["status"] = "TIMEOUT"
        _add_line(q, n)
        doc.markers.add("timeout")
        return
    if _NO_INTERNAL_RE.match(s):
        q = doc.current("nslookup", n)
        if q["status"] is None:
            q["status"] = "NODATA"
        _add_line(q, n)
        return
    m = _MX_RE.match(s)
    if m:
        doc.markers.add("records")
        q = _record_query(doc, n, "MX", m.group(1))
        _add_record(q, "MX", m.group(3), m.group(1), int(m.group(2)))
        return
    m = _NS_RE.match(s)
    if m:
        doc.markers.add("records")
        q = _record_query(doc, n, "NS", m.group(1))
        _add_record(q, "NS", m.group(2), m.group(1))
        return
    m = _TEXT_RE.match(s)
    if m:
        doc.markers.add("records")
        q = _record_query(doc, n, "TXT", m.group(1))
        _add_record(q, "TXT", m.group(2).strip(), m.group(1))
        doc.mode = "text"
        return
    if doc.mode == "text" and (s.startswith('"') or line[:1] in (" ", "\t")) and doc.q is not None:
        rec = doc.q["records"][-1] if doc.q["records"] else None
        if rec is not None and rec["type"] == "TXT" and len(rec["value"]) < 4000:
            rec["value"] = (rec["value"] + s).strip()
        _add_line(doc.q, n)
        return
    m = _SOA_PRIMARY_RE.match(s)
    if m:
        doc.markers.add("records")
        owner = m.group(1) or doc.soa_owner
        q = _record_query(doc, n, "SOA", owner, is_soa=True)
        _add_record(q, "SOA", m.group(2), owner)
        if doc.soa_owner_line:
            rq = doc.q
            if rq is not None and rq.get("_reverse_output") and rq["_server_line"] is None:
                if doc.soa_owner_line not in rq["_reverse_output"]:
                    rq["_reverse_output"].append(doc.soa_owner_line)
                    rq["_reverse_output"].sort()
                _add_line(rq, doc.soa_owner_line)
                rq["lines"].sort()
            else:
                _add_line(q, doc.soa_owner_line)
                q["lines"].sort()
        doc.mode = "soa"
        return
    if doc.mode == "soa" and _SOA_FIELD_RE.match(s):
        if doc.q is not None:
            _add_line(doc.q, n)
            if doc.q.get("_reverse_output") is not None and doc.q["_server_line"] is None:
                doc.q["_reverse_output"].append(n)
        return
    m = _INTERNET_RE.match(s)
    if m:
        doc.markers.add("records")
        q = _record_query(doc, n, "A", m.group(1), extra=True)
        _add_record(q, "A", m.group(2), m.group(1))
        if q["type"] in ("A", "A+AAAA", None) and (not q["name"] or _norm_name(q["name"]) == _norm_name(m.group(1))):
            _add_address(q, m.group(2))
        return
    m = _AAAA_RE.match(s)
    if m:
        doc.markers.add("records")
        q = _record_query(doc, n, "AAAA", m.group(1), extra=True)
        _add_record(q, "AAAA", m.group(2), m.group(1))
        if q["type"] in ("AAAA", "A+AAAA", None) and (not q["name"] or _norm_name(q["name"]) == _norm_name(m.group(1))):
            _add_address(q, m.group(2))
        return
    m = _CANON_RE.match(s)
    if m:
        doc.markers.add("records")
        q = _record_query(doc, n, "CNAME", m.group(1), extra=True)
        _add_alias(q, m.group(1))
        _add_alias(q, m.group(2))
        q["canonical_name"] = m.group(2).rstrip(".")
        return
    m = _PTR_RE.match(s)
    if m:
        doc.markers.add("records")
        q = _record_query(doc, n, "PTR", m.group(1))
        _add_record(q, "PTR", m.group(2), m.group(1))
        return

    # ---- host ----------------------------------------------------------------------------
    if _host_line(doc, s, n):
        return

    # ---- Resolve-DnsName -----------------------------------------------------------------
    if _rdn_line(doc, line, s, n):
        return

    # ---- dig +short ----------------------------------------------------------------------
    q = doc.q
    if q is not None and q["tool"] == "dig" and q.get("_short"):
        tokens = s.split()
        if len(tokens) == 1 and _is_address(tokens[0]):
            _add_address(q, tokens[0])
            q["status"] = q["status"] or "NOERROR"
            _add_line(q, n)
            doc.markers.add("dig-short")
        elif len(tokens) == 1 and _is_name(tokens[0].rstrip(".")) and tokens[0].endswith("."):
            _add_alias(q, q["name"] or "")
            _add_alias(q, tokens[0])
            q["canonical_name"] = tokens[0].rstrip(".")
            _add_line(q, n)
        elif len(tokens) == 2 and _digits(tokens[0]) and tokens[1].endswith("."):
            _add_record(q, "MX", tokens[1], q["name"], int(tokens[0]))
            q["status"] = q["status"] or "NOERROR"
            _add_line(q, n)
            doc.markers.add("dig-short")
        return
    # a bare owner line before "primary name server =" (Windows prints the SOA owner alone)
    tokens = s.split()
    if len(tokens) == 1 and _is_name(tokens[0].rstrip(".")) and line[:1] not in (" ", "\t"):
        doc.soa_owner = tokens[0]
        doc.soa_owner_line = n
        return


def _find_command(s):
    """The nslookup/dig/host/Resolve-DnsName command on a prompt line (also after `date ;` or
    `hostname |`), or None. Output lines of `host` ("Host x not found", "x has address") are not commands."""
    if _HOST_NOTFOUND_RE.match(s) or " has address " in s or " is an alias for " in s or " mail is handled by " in s:
        return None
    m = _PROMPT_RE.match(s)
    body = m.group(1) if m else s
    if len(body) > 300:
        return None
    for part in reversed(_COMMAND_SPLIT_RE.split(body)[:10]):
        cm = _COMMAND_RE.match(part.strip().lstrip("$#%"))
        if cm:
            return cm
    return None


def _reason(text, table):
    low = text.lower()
    for key, status in table:
        if key in low:
            return status
    return None


def _record_query(doc, n, rtype, owner, extra=False, is_soa=False):
    """The query that a record line belongs to (Windows nslookup prints record lines with
    their owner name; 'internet address' lines after MX/NS lines are extra information).
    Record lines after the command line but before its Server: line are what the reverse lookup
    of the server's own address printed (a referral or the SOA of *.in-addr.arpa): they are kept
    apart (in a throw-away query) and noted on the real one."""
    q = doc.q
    if q is not None and q["tool"] == "nslookup" and q.get("_from_command") and q["_server_line"] is None \
            and not doc.has_content(q):
        q.setdefault("_reverse_output", []).append(n)
        _add_line(q, n)
        return _new_query("nslookup", n)
    if q is None or q["tool"] != "nslookup":
        q = doc.start("nslookup", n, owner.rstrip(".") if owner else None, doc.session_type, doc.session_server)
    if q["name"] is None and owner and not extra:
        q["name"] = owner.rstrip(".")
    if not extra and not is_soa and q["status"] in (None, "NODATA"):
        q["status"] = "NOERROR"
    if is_soa and q["status"] is None:
        q["status"] = "NODATA" if not q["records"] and (q["type"] or "").upper() != "SOA" else "NOERROR"
    if (q["type"] in (None, "A+AAAA") and not extra and not is_soa and not q["addresses"]):
        q["type"] = rtype if q["type"] is None or q["tool"] == "nslookup" else q["type"]
    q["_answer_seen"] = True
    _add_line(q, n)
    return q


def _dig_line(doc, s, n):
    m = _DIG_BANNER_RE.match(s)
    if m:
        doc.fmt("dig")
        doc.markers.add("dig-banner")
        q = doc.q
        if q is not None and q["tool"] == "dig" and not doc.has_content(q):
            _add_line(q, n)
            doc.dig_pending = True
            return
        _parse_command(doc, "dig", m.group(1), n)
        doc.dig_pending = True
        return
    m = _DIG_HEADER_RE.match(s)
    if m:
        doc.fmt("dig")
        doc.markers.add("dig-header")
        q = doc.q
        if q is None or q["tool"] != "dig" or q["status"] is not None:
            q = doc.start("dig", n, server=q["server"] if (q is not None and q["tool"] == "dig") else None)
        q["status"] = m.group(1).upper()
        _add_line(q, n)
        return
    m = _DIG_FLAGS_RE.match(s)
    if m and doc.q is not None and doc.q["tool"] == "dig":
        flags = m.group(1).lower().split()
        doc.q["authoritative"] = "aa" in flags
        doc.q["flags"] = flags
        _add_line(doc.q, n)
        return
    m = _DIG_SECTION_RE.match(s)
    if m:
        doc.dig_section = m.group(1).lower()
        doc.markers.add("dig-section")
        return
    if doc.dig_section == "question" and doc.q is not None:
        m = _DIG_QUESTION_RE.match(s)
        if m:
            doc.q["name"] = m.group(1).rstrip(".")
            doc.q["type"] = m.group(2).upper()
            _add_line(doc.q, n)
        doc.dig_section = None
        return
    m = _DIG_SERVER_RE.match(s)
    if m and doc.q is not None:
        doc.q["server"] = {"name": (m.group(2) or None) if m.group(2) != m.group(1) else None,
                           "address": _plain_address(m.group(1))}
        return
    if _NO_SERVERS_RE.match(s):
        doc.markers.add("no-servers")
        q = doc.q
        if q is None or doc.has_content(q):
            q = doc.start("dig" if q is None or q["tool"] != "host" else "host", n)
        q["status"] = "TIMEOUT"
        _add_line(q, n)
        return


def _dig_rr(doc, rr, n):
    q = doc.q
    if q is None:  # an ANSWER SECTION pasted without the header above it
        q = doc.start("dig", n)
        doc.fmt("dig")
    owner, rtype, value = rr.group(1).rstrip("."), rr.group(3).upper(), rr.group(4)
    if doc.dig_section == "answer":
        if rtype in ("A", "AAAA"):
            _add_address(q, value.split()[0])
        elif rtype == "CNAME":
            _add_alias(q, owner)
            _add_alias(q, value.split()[0])
            q["canonical_name"] = value.split()[0].rstrip(".")
        elif rtype == "MX":
            parts = value.split()
            if len(parts) >= 2 and _digits(parts[0]):
                _add_record(q, "MX", parts[1], owner, int(parts[0]))
        else:
            _add_record(q, rtype, value.split()[0] if rtype != "TXT" else value, owner)
    elif doc.dig_section == "authority" and rtype == "SOA":
        _add_record(q, "SOA", value.split()[0], owner)
    _add_line(q, n)


def _host_line(doc, s, n):
    m = _HOST_NOTFOUND_RE.match(s)
    if m:
        doc.fmt("host")
        doc.markers.add("host")
        q = _host_query(doc, m.group(1), n, force_new=True)
        q["status"] = m.group(3).upper()
        return True
    m = _HOST_ADDR_RE.match(s)
    if m and _is_address(m.group(3)):
        doc.fmt("host")
        doc.markers.add("host")
        q = _host_query(doc, m.group(1), n)
        _add_address(q, m.group(3))
        q["status"] = "NOERROR"
        return True
    m = _HOST_ALIAS_RE.match(s)
    if m:
        doc.fmt("host")
        doc.markers.add("host")
        q = _host_query(doc, m.group(1), n)
        _add_alias(q, m.group(1))
        _add_alias(q, m.group(2))
        q["canonical_name"] = m.group(2).rstrip(".")
        q["status"] = q["status"] or "NOERROR"
        return True
    m = _HOST_MX_RE.match(s)
    if m:
        doc.fmt("host")
        doc.markers.add("host")
        q = _host_query(doc, m.group(1), n)
        _add_record(q, "MX", m.group(3), m.group(1), int(m.group(2)))
        q["status"] = "NOERROR"
        return True
    m = _HOST_NOMX_RE.match(s)
    if m:
        doc.fmt("host")
        doc.markers.add("host")
        q = _host_query(doc, m.group(1), n)
        if m.group(2).upper() == "MX":
            q["_no_mx_line"] = n
        q["status"] = q["status"] or "NOERROR"
        return True
    m = _HOST_PTR_RE.match(s)
    if m:
        doc.fmt("host")
        doc.markers.add("host")
        q = _host_query(doc, m.group(1), n, force_new=True)
        _add_record(q, "PTR", m.group(2), m.group(1))
        q["status"] = "NOERROR"
        return True
    if _HOST_USING_RE.match(s):
        doc.host_server = True
        doc.fmt("host")
        if doc.q is None or doc.q["tool"] != "host":
            doc.start("host", n)
        return True
    return False


def _host_query(doc, name, n, force_new=False):
    q = doc.q
    names = set()
    if q is not None and q["tool"] == "host":
        names = {_norm_name(q["name"])} | {_norm_name(a) for a in q["aliases"]}
    if q is None or q["tool"] != "host" or (force_new and doc.has_content(q)) or (
            doc.has_content(q) and _norm_name(name) not in names and q["name"] is not None):
        q = doc.start("host", n, name.rstrip("."))
    if q["name"] is None:
        q["name"] = name.rstrip(".")
    _add_line(q, n)
    return q


def _rdn_line(doc, line, s, n):
    m = _RDN_ERROR_RE.match(s)
    if m:
        doc.fmt("resolve-dnsname")
        doc.markers.add("rdn-error")
        q = doc.q
        if q is None or q["tool"] != "resolve-dnsname" or doc.has_content(q):
            q = doc.start("resolve-dnsname", n, m.group(1))
        q["name"] = q["name"] or m.group(1)
        q["status"] = _reason(m.group(2), RDN_MESSAGES) or "ERROR"
        q["_reason"] = m.group(2)
        _add_line(q, n)
        return True
    m = _RDN_ERRID_RE.match(s)
    if m and doc.q is not None and doc.q["tool"] == "resolve-dnsname":
        key = m.group(1).upper()
        if key in RDN_ERROR_IDS:
            doc.q["status"] = RDN_ERROR_IDS[key]
            doc.markers.add("rdn-errid")
        _add_line(doc.q, n)
        return True
    m = _RDN_TABLE_RE.match(s)
    if m:
        doc.fmt("resolve-dnsname")
        doc.markers.add("rdn-table")
        q = doc.q
        if q is None or q["tool"] != "resolve-dnsname" or doc.has_content(q):
            q = doc.start("resolve-dnsname", n)
        doc.rdn_table = {"rows": 0, "extra": m.group(1).split()}
        _add_line(q, n)
        return True
    if doc.rdn_table is not None and _RDN_DASHES_RE.match(s):
        return True
    if doc.rdn_table is not None and doc.q is not None:
        tokens = s.split()
        if len(tokens) >= 5 and _digits(tokens[2]) and tokens[3].lower() in ("answer", "authority", "additional", "question"):
            _rdn_record(doc, doc.q, tokens[0], tokens[1], tokens[3], tokens[4:], n)
            doc.rdn_table["rows"] += 1
            return True
        if len(tokens) >= 4 and _digits(tokens[2]) and tokens[1].upper() in RECORD_TYPES:
            _rdn_record(doc, doc.q, tokens[0], tokens[1], tokens[3] if len(tokens) > 4 else "Answer", tokens[3:] if len(tokens) == 4 else tokens[4:], n)
            doc.rdn_table["rows"] += 1
            return True
    m = _RDN_LIST_RE.match(s)
    if m and (doc.rdn_list is not None or m.group(1).lower() == "name"):
        key = m.group(1).lower()
        value = m.group(2).strip()
        if key == "name":
            if doc.rdn_list is not None and doc.rdn_list.get("name"):
                _rdn_flush(doc, n)
            doc.rdn_list = {"name": value, "line": n}
            return True
        doc.rdn_list[key] = value[:500]
        doc.rdn_list.setdefault("lines", []).append(n)
        if key in ("ip4address", "ip6address", "ipaddress", "namehost", "nameexchange", "primaryserver", "strings", "text"):
            _rdn_flush(doc, n)
        return True
    return False


def _rdn_flush(doc, n):
    item = doc.rdn_list
    if not item:
        return
    doc.fmt("resolve-dnsname")
    doc.markers.add("rdn-list")
    q = doc.q
    if q is None or q["tool"] != "resolve-dnsname":
        q = doc.start("resolve-dnsname", item["line"], item.get("name"))
    rtype = (item.get("querytype") or item.get("type") or "").upper()
    value = (item.get("ip4address") or item.get("ip6address") or item.get("ipaddress") or item.get("namehost")
             or item.get("nameexchange") or item.get("primaryserver") or item.get("strings") or item.get("text") or "")
    if not rtype:
        if item.get("ip4address"):
            rtype = "A"
        elif item.get("ip6address"):
            rtype = "AAAA"
        elif item.get("nameexchange"):
            rtype = "MX"
        elif item.get("primaryserver"):
            rtype = "SOA"
        elif item.get("namehost"):
            rtype = "CNAME"
    rest = [value]
    if _digits(item.get("preference", "")):
        rest = [value, item["preference"]]
    section = item.get("section", "Answer")
    _add_line(q, item["line"])
    for ln in item.get("lines", []):
        _add_line(q, ln)
    _rdn_record(doc, q, item.get("name", ""), rtype, section, rest, None)
    doc.rdn_list = None


def _rdn_record(doc, q, name, rtype, section, rest, n):
    rtype = rtype.upper()
    name = name.rstrip(".")
    if q["name"] is None:
        q["name"] = name
    value = rest[0] if rest else ""
    if section.lower() == "answer":
        if rtype in ("A", "AAAA") and _is_address(value):
            _add_address(q, value)
        elif rtype == "CNAME":
            _add_alias(q, name)
            _add_alias(q, value)
            q["canonical_name"] = value.rstrip(".")
        elif rtype == "MX":
            pref = None
            for tok in rest[1:]:
                if _digits(tok):
                    pref = int(tok)
            _add_record(q, "MX", value, name, pref)
        elif rtype:
            _add_record(q, rtype, " ".join(rest) if rtype == "TXT" else value, name)
        q["status"] = q["status"] or "NOERROR"
    elif rtype == "SOA":
        _add_record(q, "SOA", value, name)
        q["status"] = q["status"] or "NODATA"
    q["_answer_seen"] = True
    if n:
        _add_line(q, n)


# =============================================================================================
# 3. Interpretation
# =============================================================================================

_POINTS = {
    "nonauth": 2, "cant-find": 2, "dig-header": 2, "dig-banner": 1, "dig-section": 1, "rdn-table": 2,
    "rdn-error": 2, "rdn-errid": 1, "no-servers": 2, "rdn-list": 2, "dig-short": 2, "records": 1, "aliases": 1, "timeout": 1, "interactive": 1,
}


def _score(doc):
    useful = [q for q in doc.queries if doc.has_content(q)]
    if not useful:
        return 0.0
    points = sum(v for k, v in _POINTS.items() if k in doc.markers)
    if "server" in doc.markers and "server-address" in doc.markers:
        points += 2
    if "name" in doc.markers and "answer" in doc.markers:
        points += 1
    if "host" in doc.markers:
        host_lines = sum(len(q["lines"]) for q in doc.queries if q["tool"] == "host" and doc.has_content(q))
        points += 2 if host_lines < 2 else 3
    if "command" in doc.markers and any(q["lines"] and doc.has_content(q) for q in doc.queries):
        points += 1
    return round(min(1.0, 0.2 * points), 2)


def detect(text):
    """0.0 .. 1.0: how sure this text is the output of nslookup, Resolve-DnsName, dig or host."""
    try:
        if not isinstance(text, str) or not text.strip():
            return 0.0
        return _score(parse(text))
    except Exception:  # noqa: BLE001 - detection must never fail
        return 0.0


def _qname(q):
    return (q["name"] or q["canonical_name"] or "?").rstrip(".")


def _is_mx_query(q):
    return (q["type"] or "").upper() == "MX"


def _public_dns(address):
    return address in ("8.8.8.8", "8.8.4.4", "1.1.1.1", "1.0.0.1", "9.9.9.9", "208.67.222.222", "208.67.220.220",
                       "2001:4860:4860::8888", "2001:4860:4860::8844", "2606:4700:4700::1111")


def analyse(text, lang):
    """The report. May raise on a bug; explain() is the safe wrapper."""
    doc = parse(text)
    if _score(doc) < 0.5:
        return _unrecognized(lang)
    out = []

    def add(fid, severity, lines=(), variant=None, subject=None, **params):
        finding = {"id": fid, "severity": severity, "variant": variant, "params": params}
        if subject:
            finding["subject"] = subject
        finding["lines"] = sorted(set(x for x in lines if x))[:50]
        out.append(finding)

    queries = [q for q in doc.queries if doc.has_content(q) or q["reverse_lookup_timeout"]]
    # A Windows "DNS request timed out" block with no Server: line after it (pasted alone).
    if doc.pending_timeouts and not queries:
        q = _new_query("nslookup", doc.pending_timeouts[0])
        q["status"] = "TIMEOUT"
        q["lines"] = list(doc.pending_timeouts)
        queries.append(q)
        doc.queries.append(q)
    unknown_servers = []
    nonauth_seen = False
    answered_names = {}
    for q in queries:
        if q["addresses"]:
            answered_names[_norm_name(_qname(q))] = q
            for alias in q["aliases"]:
                answered_names[_norm_name(alias)] = q

    for q in queries:
        if q.get("_reverse_output"):
            noise = set(q["_reverse_output"])
            q["lines"] = [x for x in q["lines"] if x not in noise]
        name = _qname(q)
        server = q["server"]
        server_label = server.get("name") or server.get("address") or "?"
        if server.get("name") and server.get("address") and server["name"] != server["address"]:
            server_label = "{0} ({1})".format(server["name"], server["address"])
        status = q["status"]
        lines = q["lines"]
        # a reverse lookup: nslookup 203.0.113.25, host 203.0.113.25, or a *.in-addr.arpa / ip6.arpa name
        reverse = _is_address(name) or _norm_name(name).endswith((".in-addr.arpa", ".ip6.arpa")) or (q["type"] or "") == "PTR"
        # "DNS サーバー 192.168.1.1 は" / "the DNS server 192.168.1.1": the name only when it is known
        srv = server_label if server_label != "?" else ""
        if status is None and q["reverse_lookup_timeout"] and q.get("_query_timeouts"):
            status = q["status"] = "TIMEOUT"
        if status is None and (q["addresses"] or q["records"]):
            status = q["status"] = "NOERROR"
        if q["tool"] == "nslookup" and q["authoritative"] is None and status == "NOERROR" and q["_answer_seen"]:
            q["authoritative"] = True  # nslookup prints "Non-authoritative answer" whenever the AA bit is clear

        # ---- failures ----
        if status == "TIMEOUT":
            variant = None
            if q["tool"] in ("dig", "host"):
                variant = "no-servers"
            elif q["tool"] == "resolve-dnsname":
                variant = "rdn"
            elif q["reverse_lookup_timeout"]:
                variant = "also-reverse"
            add("dns-timeout", "error", lines, variant, name if q["name"] else server_label,
                name=name, server=srv, address=server.get("address") or "?")
        elif status == "NXDOMAIN":
            if reverse:
                variant = "reverse"
            elif _is_internal_name(name):
                variant = "internal"
            elif _is_mx_query(q):
                variant = "mx"
            else:
                variant = None
            # no PTR for an address is worth a warning (mail servers need one), not an error
            add("nxdomain", "warning" if reverse else "error", lines, variant, name, name=name, server=srv)
        elif status == "SERVFAIL":
            add("servfail", "error", lines, None, name, name=name, server=srv)
        elif status == "REFUSED":
            add("refused", "error", lines, None, name, name=name, server=srv)
        elif status == "ERROR":
            add("lookup-failed", "warning", lines, None, name, name=name, reason=q.get("_reason", "?"))

        if q.get("_reverse_output") and status not in ("TIMEOUT", None):
            add("reverse-lookup-output", "info", q["_reverse_output"] + ([q["_server_line"]] if q["_server_line"] else []),
                None, server_label, address=server.get("address") or "?")

        # ---- the reverse lookup of the server's own address ----
        if q["reverse_lookup_timeout"] and status not in ("TIMEOUT", None):
            add("reverse-lookup-timeout", "info", q["_timeout_lines"] + ([q["_server_line"]] if q["_server_line"] else []),
                None, server_label, address=server.get("address") or "?")

        # ---- answers ----
        mx = [r for r in q["records"] if r["type"] == "MX"]
        soa_only = q["records"] and all(r["type"] == "SOA" for r in q["records"]) and not q["addresses"]
        null_mx = [r for r in mx if r["value"] in ("", ".") and r.get("preference") == 0]
        blocked_only = all(address_kind(a) == "unspecified" for a in q["addresses"])
        ptr = [r["value"] for r in q["records"] if r["type"] == "PTR"]
        if reverse and (ptr or (q["canonical_name"] and _norm_name(q["canonical_name"]) != _norm_name(name))) \
                and status not in ("NXDOMAIN", "SERVFAIL", "REFUSED", "TIMEOUT"):
            add("resolved", "ok", lines, "reverse", name, name=name, canonical=_join(ptr[:4], lang) if ptr else q["canonical_name"])
        elif q["addresses"] and not blocked_only and status not in ("NXDOMAIN", "SERVFAIL", "REFUSED", "TIMEOUT"):
            add("resolved", "ok", lines, "aliases" if len(q["aliases"]) >= 2 else None, name,
                name=name, addresses=_join(q["addresses"][:8], lang) + (" …" if len(q["addresses"]) > 8 else ""),
                canonical=q["canonical_name"] or name)
        elif mx and not null_mx:
            ordered = sorted(mx, key=lambda r: (r.get("preference") if r.get("preference") is not None else 65536))
            add("resolved", "ok", lines, "mx", name, name=name,
                records=_join(["{0} ({1})".format(r["value"], r.get("preference", "?")) for r in ordered[:8]], lang))
        elif q["records"] and (not soa_only or (q["type"] or "").upper() == "SOA") and status in ("NOERROR", None):
            kinds = []
            for r in q["records"]:
                if r["type"] not in kinds:
                    kinds.append(r["type"])
            values = [r["value"] if len(r["value"]) <= 80 else r["value"][:77] + "…" for r in q["records"][:6]]
            add("resolved", "ok", lines, "records", name, name=name, types="/".join(kinds), records=_join(values, lang))

        # ---- mail without MX ----
        if null_mx:
            add("no-mx", "warning", lines, "null-mx", name, name=name)
        elif (_is_mx_query(q) or q.get("_no_mx_line")) and not mx and status in ("NOERROR", "NODATA"):
            other = answered_names.get(_norm_name(name))
            variant = "fallback-a" if (other is not None or q["addresses"]) else None
            add("no-mx", "warning", lines, variant, name, name=name,
                addresses=_join((other or q)["addresses"][:4], lang) if variant else "")
        elif soa_only and q["type"] in (None, "A+AAAA") and q["tool"] == "nslookup" and status in ("NODATA", "NOERROR"):
            add("no-mx", "warning", lines, "soa-only", name, name=name)
        elif not q["addresses"] and not q["records"] and status in ("NODATA",) and not _is_mx_query(q):
            add("no-records", "warning", lines, None, name, name=name, type=q["type"] or "A")

        # ---- CNAME chain ----
        if len(q["aliases"]) >= 2 or (q["aliases"] and q["canonical_name"] and _norm_name(q["aliases"][0]) != _norm_name(q["canonical_name"])):
            chain = list(q["aliases"])
            if q["canonical_name"] and _norm_name(chain[-1]) != _norm_name(q["canonical_name"]):
                chain.append(q["canonical_name"])
            add("cname-chain", "info", lines, None, name, chain=" → ".join(chain[:8]), canonical=chain[-1])

        # ---- private addresses ----
        kinds = [(a, address_kind(a)) for a in q["addresses"]]
        private = [(a, k) for a, k in kinds if k]
        if private and not reverse and status not in ("NXDOMAIN", "SERVFAIL", "REFUSED", "TIMEOUT"):
            addrs = _join([a for a, _ in private][:6], lang)
            names_checked = [name] + list(q["aliases"])
            internal = all(_is_internal_name(x) for x in names_checked)
            if any(k == "unspecified" for _, k in private):
                add("private-address", "warning", lines, "blocked", name, name=name, addresses=addrs)
            elif any(k == "loopback" for _, k in private):
                add("private-address", "warning", lines, "loopback", name, name=name, addresses=addrs)
            elif internal:
                add("private-address", "info", lines, "internal", name, name=name, addresses=addrs)
            else:
                cloud = any(x in _norm_name(n) for n in names_checked
                            for x in ("amazonaws.com", "privatelink", "azure", "windows.net", "googleapis.com", "cloudapp"))
                kindset = {k for _, k in private}
                variant = "cloud" if cloud else ("cgnat" if kindset == {"cgnat"} else None)
                add("private-address", "warning", lines, variant, name, name=name, addresses=addrs)

        # ---- the server's name and the AA bit ----
        sname = (server.get("name") or "").strip()
        if sname.lower() == "unknown" and server_label not in unknown_servers:
            unknown_servers.append(server_label)
            add("server-unknown", "info", [q["_server_line"]] if q["_server_line"] else lines[:1], None,
                server.get("address") or "UnKnown", address=server.get("address") or "?")
        if q["authoritative"] is False and not nonauth_seen and status not in ("TIMEOUT",):
            nonauth_seen = True
            add("non-authoritative", "info", [q["_nonauth_line"]] if q.get("_nonauth_line") else lines[:1],
                "dig" if q["tool"] == "dig" else None, server_label, server=srv)

    rank = {s: i for i, s in enumerate(SEVERITY_ORDER)}
    out.sort(key=lambda f: rank[f["severity"]])
    findings = [_render(f, lang) for f in out]
    first_server = next((q["server"] for q in queries if q["server"].get("name") or q["server"].get("address")), None)
    data = {
        "formats": list(doc.formats),
        "server": dict(first_server) if first_server else {"name": None, "address": None},
        "queries": [_public(q) for q in queries],
    }
    return {
        "tool": TOOL,
        "recognized": True,
        "locale": lang,
        "summary": _summary(queries, findings, lang),
        "data": data,
        "findings": findings,
    }


def _public(q):
    """A query as report data: no working keys, the status in lower case (explain_session.py and
    other readers compare "timeout", "nxdomain", ...)."""
    out = {k: v for k, v in q.items() if not k.startswith("_")}
    out["status"] = q["status"].lower() if q["status"] else None
    return out


def _join(items, lang):
    return ("、" if lang == "ja" else ", ").join(str(x) for x in items)


def _unrecognized(lang):
    return empty_report(TOOL, lang, TEXTS["unrecognized"][lang]["title"])


def explain(text, lang="ja"):
    """The report for the output of a name lookup `text`; never raises."""
    summaries = {key: {code: TEXTS[key][code]["title"] for code in ("ja", "en")} for key in ("unrecognized", "internal-error")}
    return guarded_explain(TOOL, analyse, text, lang, summaries)


# =============================================================================================
# 4. Human text: ONE table keyed by finding id (variants as "detail:<variant>").
# =============================================================================================

PAGE_NSLOOKUP = "network/nslookup/"
PAGES = {}

TEXTS = {
    "resolved": {
        "ja": {
            "title": "名前解決できました",
            "detail": "{name} の IP アドレスは {addresses} です。",
            "detail:aliases": "{name} は別名 (CNAME) で、本当の名前 {canonical} の IP アドレス {addresses} に変わりました。",
            "detail:mx": "{name} 宛てのメールを受け取るサーバー (MX) は {records} です (かっこ内は優先度で、小さいほど優先)。",
            "detail:records": "{name} の {types} レコードは {records} です。",
            "detail:reverse": "{name} を逆引きした名前 (PTR レコード) は {canonical} です。",
            "steps": [],
        },
        "en": {
            "title": "The name resolved",
            "detail": "The IP address of {name} is {addresses}.",
            "detail:aliases": "{name} is an alias (CNAME); its real name {canonical} has the address {addresses}.",
            "detail:mx": "Mail for {name} is received by (MX) {records} (the number is the preference: lower is tried first).",
            "detail:records": "The {types} record(s) of {name}: {records}.",
            "detail:reverse": "The reverse lookup of {name} gives the name (PTR record) {canonical}.",
            "steps": [],
        },
    },
    "nxdomain": {
        "ja": {
            "title": "その名前は存在しません (NXDOMAIN)",
            "detail": "DNS サーバー{server}は答えましたが、その答えは「{name} という名前は存在しない」でした。"
            "DNS サーバーまでは届いているので、通信の問題ではありません。ほとんどは名前の入力ミスで、"
            "サービスの変更で名前がなくなった場合や、ドメインの契約が切れた場合にもこうなります。",
            "detail:internal": "DNS サーバー{server}は「{name} という名前は存在しない」と答えました。"
            "この名前は社内や家庭の中だけで使う形 (.local、.lan、.lab など) です。その名前を知っているのは社内の DNS サーバーだけなので、"
            "VPN につないでいない、またはパソコンが社内の DNS サーバーを使っていないと見つかりません。",
            "detail:reverse": "{name} の逆引き (このアドレスの名前、PTR レコード) は登録されていません。ふつうの機器ならかまいませんが、"
            "メールサーバーのアドレスなら、逆引きがないことを理由に受信を拒むサーバー (Gmail など) があります。"
            "自分で運用するメールサーバーなら、回線やサーバーの提供元に逆引きの設定を頼みます。",
            "detail:mx": "DNS サーバー{server}は「{name} というドメインは存在しない」と答えました。"
            "このドメイン宛てのメールは届かず、「宛先のドメインが見つからない」というエラーメールが返ってきます。"
            "メールアドレスの @ より後ろの綴りを確かめてください。",
            "steps": [
                "名前を 1 文字ずつ確かめます (全角の文字、ピリオドの打ち間違い、余分な空白に注意します)。",
                "メールアプリの送信・受信サーバー名なら、プロバイダーやサービスの案内と見比べます。",
                "社内のサーバーなら、VPN につないでからもう一度試します。",
                "nslookup 名前 8.8.8.8 のように別の DNS サーバーでも存在しないと言われるなら、その名前はインターネット上にありません。",
            ],
        },
        "en": {
            "title": "The name does not exist (NXDOMAIN)",
            "detail": "The DNS server{server} answered, and its answer was that {name} does not exist. The server was "
            "reached, so this is not a connection problem. Mostly a typo; also a name removed by a service change or an expired domain.",
            "detail:internal": "The DNS server{server} answered that {name} does not exist. The name has an internal form "
            "(.local, .lan, .lab, …) that only a company DNS server knows: without the VPN, or when this PC does not use "
            "the company's DNS server, it cannot be found.",
            "detail:reverse": "The reverse lookup of {name} (its PTR record) has no name. Fine for most devices, but for a mail "
            "server's address some receivers (Gmail and others) refuse mail from addresses without reverse DNS: ask the line or "
            "server provider to set it.",
            "detail:mx": "The DNS server{server} answered that the domain {name} does not exist. Mail to it cannot be delivered "
            "and comes back as \"domain not found\". Check the spelling after the @ of the address.",
            "steps": [
                "Check the name character by character (full-width characters, misplaced dots, extra spaces).",
                "For a mail server name, compare it with what the provider or service tells you.",
                "For a company server, connect the VPN and try again.",
                "If another server (nslookup NAME 8.8.8.8) also says it does not exist, the name does not exist on the internet.",
            ],
        },
    },
    "dns-timeout": {
        "ja": {
            "title": "DNS サーバーが答えません (タイムアウト)",
            "detail": "DNS サーバー{server}に {name} を問い合わせましたが、返事がありませんでした。名前が間違っているのではなく、"
            "DNS サーバーまで届いていないか、DNS サーバーが止まっています。",
            "detail:also-reverse": "DNS サーバー{server}は、最初の逆引き (サーバー自身の名前) にも、{name} の問い合わせにも答えませんでした。"
            "DNS サーバーまで届いていないか、DNS サーバーが止まっています。",
            "detail:no-servers": "DNS サーバーに {name} を問い合わせましたが、どのサーバーからも返事がありませんでした "
            "(no servers could be reached)。DNS サーバーまで届いていないか、止まっています。",
            "detail:rdn": "Resolve-DnsName で {name} を問い合わせましたが、DNS サーバーが時間内に答えませんでした。"
            "DNS サーバーまで届いていないか、止まっています。",
            "steps": [
                "ping で DNS サーバーのアドレス{address_hint}に届くか確かめます。",
                "nslookup 名前 8.8.8.8 のように別の DNS サーバーを指定して試します。答えるなら、ふだんの DNS サーバー (多くはルーター) の不調なので、ルーターを再起動します。",
                "どの DNS サーバーも答えないなら、インターネットへの接続そのもの、または DNS の通信 (53 番ポート) を止めているセキュリティソフトや会社のネットワークを疑います。",
            ],
        },
        "en": {
            "title": "The DNS server does not answer (timeout)",
            "detail": "{name} was asked of the DNS server{server}, and no answer came back. The name is not the problem: the "
            "server cannot be reached or is not working.",
            "detail:also-reverse": "The DNS server{server} answered neither the first reverse lookup (its own name) nor the query "
            "for {name}: it cannot be reached or is not working.",
            "detail:no-servers": "{name} was asked, and no DNS server answered (no servers could be reached): the servers cannot "
            "be reached or are not working.",
            "detail:rdn": "Resolve-DnsName asked for {name}, and the DNS server did not answer in time: it cannot be reached or "
            "is not working.",
            "steps": [
                "Check with ping that the DNS server's address{address_hint} answers.",
                "Ask another server: nslookup NAME 8.8.8.8. If that answers, your usual DNS server (often the router) is at fault: restart the router.",
                "If no server answers, suspect the internet connection itself, or security software or a company network blocking DNS (port 53).",
            ],
        },
    },
    "servfail": {
        "ja": {
            "title": "DNS サーバーが答えを得られませんでした (SERVFAIL)",
            "detail": "DNS サーバー{server}は {name} を調べようとしましたが、失敗したと答えました (Server failed / SERVFAIL)。"
            "名前が存在しないという答えではありません。多くは、そのドメインを管理する DNS サーバー (権威サーバー) が止まっているか設定が壊れている、"
            "または DNSSEC の検証に失敗した場合で、問い合わせた DNS サーバー自身の不調のこともあります。",
            "steps": [
                "nslookup 名前 8.8.8.8 のように別の DNS サーバーでも試します。そちらでは答えが出るなら、ふだんの DNS サーバー (ルーターやプロバイダー) の不調です。",
                "どの DNS サーバーでも SERVFAIL なら、そのドメインの側の問題です。時間をおいて試すか、そのサービスの障害情報を確かめます。",
            ],
        },
        "en": {
            "title": "The DNS server could not get an answer (SERVFAIL)",
            "detail": "The DNS server{server} tried to look up {name} and reported failure (Server failed / SERVFAIL). This is not "
            "\"the name does not exist\". Usually the domain's own (authoritative) DNS servers are down or misconfigured, or "
            "DNSSEC validation failed; sometimes the server you asked has trouble itself.",
            "steps": [
                "Try another server (nslookup NAME 8.8.8.8). If it answers there, your usual DNS server (router, provider) is at fault.",
                "If every server says SERVFAIL, the problem is on the domain's side: try later or check the service's status page.",
            ],
        },
    },
    "refused": {
        "ja": {
            "title": "DNS サーバーに問い合わせを断られました (REFUSED)",
            "detail": "DNS サーバー{server}は {name} の問い合わせを拒否しました (Query refused / REFUSED)。"
            "そのサーバーが、あなたのネットワークからの問い合わせや、自分の管理していない名前の問い合わせを受け付けない設定になっています "
            "(社内専用の DNS サーバーを外から使った、プロバイダーの DNS サーバーを別の回線から使った、権威サーバーに直接聞いた、など)。",
            "steps": [
                "ふだん使う DNS サーバー (ipconfig /all の「DNS サーバー」) に問い合わせ直します。",
                "DNS サーバーを手で設定しているなら、自動取得に戻すか、8.8.8.8 や 1.1.1.1 のような公開 DNS を使います。",
            ],
        },
        "en": {
            "title": "The DNS server refused the query (REFUSED)",
            "detail": "The DNS server{server} refused the query for {name} (Query refused / REFUSED). It does not answer queries "
            "from your network, or for names it does not manage (a company DNS server used from outside, a provider's server "
            "used from another line, an authoritative server asked directly).",
            "steps": [
                "Ask your usual DNS server again (the \"DNS Servers\" of ipconfig /all).",
                "If the DNS server is set by hand, return to automatic, or use a public DNS such as 8.8.8.8 or 1.1.1.1.",
            ],
        },
    },
    "lookup-failed": {
        "ja": {
            "title": "名前解決に失敗しました",
            "detail": "{name} の問い合わせは失敗しました ({reason})。",
            "steps": ["名前を確かめ、nslookup 名前 8.8.8.8 のように別の DNS サーバーでも試します。"],
        },
        "en": {
            "title": "The lookup failed",
            "detail": "The query for {name} failed ({reason}).",
            "steps": ["Check the name and try another server: nslookup NAME 8.8.8.8."],
        },
    },
    "reverse-lookup-timeout": {
        "ja": {
            "title": "最初の「DNS request timed out」は障害ではありません",
            "detail": "Server の行より前の DNS request timed out. は、nslookup が最初に DNS サーバー自身の名前を調べる逆引き "
            "({address} の PTR レコード) が時間切れになったものです。そのあとの本来の問い合わせには答えが出ているので、"
            "名前解決は動いています。サーバー名が UnKnown になるだけです。",
            "steps": [],
        },
        "en": {
            "title": "The first \"DNS request timed out\" is not an outage",
            "detail": "The DNS request timed out before the Server line is nslookup's first step: a reverse lookup of the DNS "
            "server's own name (the PTR record of {address}), which timed out. The real query after it was answered, so name "
            "resolution works; the server's name just shows as UnKnown.",
            "steps": [],
        },
    },
    "reverse-lookup-output": {
        "ja": {
            "title": "Server の行より前の行は、問い合わせの答えではありません",
            "detail": "Server (サーバー) の行より前に出ている SOA や nameserver の行は、nslookup が最初に DNS サーバー自身の名前を調べる逆引き "
            "({address} の PTR レコード) の途中経過です。逆引きの答えが見つからなかったのでサーバー名が UnKnown になっただけで、"
            "調べた名前の答えはその後の行です。",
            "steps": [],
        },
        "en": {
            "title": "The lines before the Server line are not the answer",
            "detail": "The SOA or nameserver lines printed before the Server line come from nslookup's first step, the reverse lookup "
            "of the DNS server's own address (the PTR record of {address}). It found no name, so the server shows as UnKnown; "
            "the answer to your query is in the lines after it.",
            "steps": [],
        },
    },
    "server-unknown": {
        "ja": {
            "title": "サーバー名の「UnKnown」は問題ありません",
            "detail": "「UnKnown」は、問い合わせた DNS サーバー ({address}) の名前がわからないという意味です。nslookup は最初に "
            "DNS サーバー自身の名前を逆引きしますが、家庭用ルーターや多くの DNS サーバーはその名前 (PTR レコード) を登録していません。"
            "名前解決の成否とは関係ありません。",
            "steps": [],
        },
        "en": {
            "title": "\"UnKnown\" as the server name is harmless",
            "detail": "\"UnKnown\" means the name of the DNS server ({address}) is not known: nslookup first looks up the server's own "
            "name, and home routers and many DNS servers have no such (PTR) record. It says nothing about whether lookups work.",
            "steps": [],
        },
    },
    "non-authoritative": {
        "ja": {
            "title": "「権限のない回答」はふつうの答えです",
            "detail": "「権限のない回答」(Non-authoritative answer) は、答えた DNS サーバー{server}がその名前のゾーンを管理する権威サーバーではない、"
            "という意味です (DNS の応答の AA ビットが立っていない)。ルーターやプロバイダー、公開 DNS のような、問い合わせを代わりに調べる DNS サーバー "
            "(フルリゾルバー) の答えはいつもこうなります。答えが古い、キャッシュから出た、信頼できない、という意味ではありません。"
            "たった今、権威サーバーに問い合わせて得た答えでもこう表示されます。",
            "detail:dig": "dig の flags: に aa がないので、答えた DNS サーバー{server}はその名前のゾーンを管理する権威サーバーではありません "
            "(nslookup なら「権限のない回答」と表示されます)。ルーターやプロバイダー、公開 DNS のような、問い合わせを代わりに調べる DNS サーバーの"
            "答えはいつもこうで、答えが古い、キャッシュから出た、信頼できない、という意味ではありません。",
            "steps": [],
        },
        "en": {
            "title": "\"Non-authoritative answer\" is the normal answer",
            "detail": "\"Non-authoritative answer\" means that the answering server{server} is not an authoritative server for the "
            "name's zone (the AA bit of the reply is clear). Resolvers that look names up on your behalf (router, provider, public "
            "DNS) always answer like this. It does not mean the answer is old, came from a cache or is unreliable: an answer "
            "fetched from the authoritative server a moment ago is shown the same way.",
            "detail:dig": "dig's flags: line has no aa, so the answering server{server} is not authoritative for the name's zone "
            "(nslookup says \"Non-authoritative answer\"). Resolvers (router, provider, public DNS) always answer like this; it does "
            "not mean old, cached or unreliable.",
            "steps": [],
        },
    },
    "cname-chain": {
        "ja": {
            "title": "別名 (CNAME) をたどって答えが出ています",
            "detail": "{chain} の順に別名 (CNAME) をたどり、最後の {canonical} のアドレスが答えになっています。"
            "CDN やクラウドのサービスではふつうの形です。nslookup では Aliases: に元の名前が、名前: に最後の名前が表示されます。",
            "steps": [],
        },
        "en": {
            "title": "The answer follows an alias (CNAME) chain",
            "detail": "The lookup followed the aliases (CNAME) {chain}; the address is that of the last name, {canonical}. This is "
            "normal for CDNs and cloud services. nslookup shows the original name under Aliases: and the last one under Name:.",
            "steps": [],
        },
    },
    "private-address": {
        "ja": {
            "title": "インターネット上の名前がプライベート アドレスになっています",
            "detail": "{name} が {addresses} になりました。これはインターネットからは届かない、社内や家庭の中だけのアドレスです。"
            "会社や VPN の DNS サーバーが社内向けの答えを返している (スプリット DNS)、hosts ファイルやルーターの設定で書き換えている、"
            "のどちらかです。社内や VPN の中なら正しい答えですが、外出先や自宅ではその答えでは届きません。",
            "detail:internal": "{name} は社内や家庭の中で使う名前で、アドレス {addresses} もプライベート アドレスです。"
            "同じネットワークの中から使うなら正しい答えです。",
            "detail:cloud": "{name} が {addresses} になりました。クラウドのプライベート エンドポイント (AWS の VPC エンドポイント、"
            "Azure の Private Link など) を使う DNS の答えで、その VPC や社内ネットワークの中だけで使えるアドレスです。"
            "その中からなら正しい答えです。",
            "detail:cgnat": "{name} が {addresses} になりました。100.64.0.0/10 はプロバイダーの CGNAT や Tailscale などの VPN が使う範囲で、"
            "インターネット上の公開アドレスではありません。VPN の DNS が答えている可能性があります。",
            "detail:blocked": "{name} が {addresses} になりました。0.0.0.0 (または ::) はどこにもつながらないアドレスで、"
            "DNS のフィルター (広告・有害サイトのブロック、セキュリティソフト、会社のフィルター) やルーターの DNS リバインディング対策が、"
            "この名前をわざと止めているときの答えです。",
            "detail:loopback": "{name} が {addresses} (このパソコン自身) になりました。hosts ファイルに書かれているか、"
            "DNS のフィルターやセキュリティソフトがこの名前を止めています。",
            "steps": [
                "会社や VPN につないでいるときだけ使う名前か、確かめます。",
                "hosts ファイル (C:\\Windows\\System32\\drivers\\etc\\hosts) に、この名前の古い行がないか確かめます。",
                "nslookup 名前 8.8.8.8 で公開 DNS の答えと比べます。違うなら、ふだんの DNS サーバー (会社、VPN、ルーター、フィルター) が書き換えています。",
            ],
        },
        "en": {
            "title": "An internet name resolves to a private address",
            "detail": "{name} resolved to {addresses}, an address used only inside a company or home network, not reachable from the "
            "internet. A company or VPN DNS server gives its internal answer (split DNS), or the hosts file or router rewrites it. "
            "Inside the company or VPN this is right; from elsewhere that address cannot be reached.",
            "detail:internal": "{name} is an internal name and its address {addresses} is private: correct when used from the same network.",
            "detail:cloud": "{name} resolved to {addresses}: the DNS answer for a cloud private endpoint (AWS VPC endpoint, Azure Private "
            "Link, …), usable only inside that VPC or company network. Correct from inside.",
            "detail:cgnat": "{name} resolved to {addresses}. 100.64.0.0/10 is used by provider CGNAT and VPNs such as Tailscale, not a "
            "public internet address: a VPN's DNS may be answering.",
            "detail:blocked": "{name} resolved to {addresses}. 0.0.0.0 (or ::) leads nowhere: a DNS filter (ad or malware blocking, "
            "security software, a company filter) or the router's DNS rebinding protection blocks this name on purpose.",
            "detail:loopback": "{name} resolved to {addresses} (this computer itself): the hosts file, a DNS filter or security software blocks it.",
            "steps": [
                "Check whether the name is meant to be used only on the company network or VPN.",
                "Look for an old line with this name in the hosts file (C:\\Windows\\System32\\drivers\\etc\\hosts).",
                "Compare with a public DNS: nslookup NAME 8.8.8.8. If the answers differ, your usual DNS server (company, VPN, router, filter) rewrites it.",
            ],
        },
    },
    "no-mx": {
        "ja": {
            "title": "メールを受け取るサーバー (MX) がありません",
            "detail": "{name} には MX レコードがありません。このときメールを送る側は {name} 自身のアドレス (A / AAAA レコード) に届けようとし、"
            "それもなければ送れずにエラーメールが返ってきます。ふつうのメールのドメインには MX があるので、宛先のドメインの綴りを確かめてください。",
            "detail:fallback-a": "{name} には MX レコードがありませんが、アドレス {addresses} はあります。メールを送る側はこのアドレスに直接届けようとします "
            "(RFC 5321)。そこでメールを受け付けていなければ届きません。ふつうのメールのドメインには MX があるので、綴りを確かめてください。",
            "detail:null-mx": "{name} の MX は「0 .」(Null MX) です。このドメインはメールを受け取らないと宣言しているので、"
            "ここ宛てのメールはすぐにエラーで返ってきます。",
            "detail:soa-only": "{name} の問い合わせには、ゾーンの管理情報 (SOA: primary name server など) だけが返り、求めたレコードはありませんでした。"
            "-type=mx で調べたのなら、このドメインには MX レコードがなく、メールはドメイン自身のアドレスに届けられるか、届きません。",
            "steps": [
                "宛先のメールアドレスの @ より後ろの綴りを確かめます。",
                "自分のドメインなら、DNS の管理画面で MX レコードを設定します。",
            ],
        },
        "en": {
            "title": "No mail server (MX) for the domain",
            "detail": "{name} has no MX record. Senders then try the domain's own address (A / AAAA); without one, the mail "
            "cannot be sent and bounces. Normal mail domains have MX records: check the spelling of the domain.",
            "detail:fallback-a": "{name} has no MX record but has the address {addresses}: senders deliver straight to that address "
            "(RFC 5321). If nothing accepts mail there, delivery fails. Normal mail domains have MX records: check the spelling.",
            "detail:null-mx": "The MX of {name} is \"0 .\" (null MX): the domain declares that it receives no mail, so mail to it bounces at once.",
            "detail:soa-only": "The query for {name} returned only the zone's SOA (primary name server, …), not the record asked for. If "
            "this was -type=mx, the domain has no MX: mail goes to the domain's own address, or fails.",
            "steps": [
                "Check the spelling after the @ of the recipient's address.",
                "For your own domain, add MX records in your DNS control panel.",
            ],
        },
    },
    "no-records": {
        "ja": {
            "title": "名前はありますが、求めた種類のレコードがありません",
            "detail": "{name} という名前は存在しますが、{type} レコードはありませんでした。",
            "steps": ["-type を変えて (A、AAAA、MX など) もう一度調べます。"],
        },
        "en": {
            "title": "The name exists but has no record of that type",
            "detail": "{name} exists, but it has no {type} record.",
            "steps": ["Ask for another type (A, AAAA, MX, …)."],
        },
    },
    "unrecognized": {
        "ja": {"title": "名前解決の結果として読み取れませんでした。nslookup (または Resolve-DnsName、dig、host) の結果を貼り付けてください。"},
        "en": {"title": "This does not look like the output of a name lookup. Paste what nslookup (or Resolve-DnsName, dig, host) prints."},
    },
    "internal-error": {
        "ja": {"title": "読み取り中に予期しない問題が起きました。出力の全体を貼り付けて、もう一度試してください。"},
        "en": {"title": "Something unexpected went wrong while reading the output. Paste the whole output and try again."},
    },
    "summary": {
        "ja": {
            "head": "nslookup: 問い合わせを {count} 件読み取りました。",
            "errors": "問題が {n} 件あります (最初: {title})。",
            "warnings": "注意点が {n} 件あります。",
            "fine": "名前解決はできています。",
            "none": "答えは出ていません。",
        },
        "en": {
            "head": "nslookup: {count} lookup(s) read.",
            "errors": "{n} problem(s) found (first: {title}).",
            "warnings": "{n} warning(s).",
            "fine": "Name resolution works.",
            "none": "No answer was given.",
        },
    },
}


def _render(f, lang):
    text = TEXTS[f["id"]][lang]
    params = TextParams(f["params"])
    if "server" in params:
        # "DNS サーバー 192.168.1.1 は" / "DNS サーバーは"; "the DNS server 192.168.1.1 answered" / "the DNS server answered"
        label = params["server"]
        params["server"] = (" {0} ".format(label) if lang == "ja" else " " + label) if label else ""
    address = params.get("address")
    params["address_hint"] = ((" ({0}) ".format(address) if lang == "ja" else " ({0})".format(address))
                              if address and address != "?" else "")
    finding = finding_from_text(text, f, pick_detail(text, f["variant"]).format_map(params), PAGES.get(f["id"], PAGE_NSLOOKUP))
    finding["next_steps"] = [step.format_map(params) for step in finding["next_steps"]]
    return finding


def _summary(queries, findings, lang):
    t = TEXTS["summary"][lang]
    parts = [t["head"].format(count=len(queries))]
    errors = [f for f in findings if f["severity"] == "error"]
    warnings = [f for f in findings if f["severity"] == "warning"]
    if errors:
        parts.append(t["errors"].format(n=len(errors), title=errors[0]["title"]))
    elif warnings:
        parts.append(t["warnings"].format(n=len(warnings)))
    elif any(f["id"] == "resolved" for f in findings):
        parts.append(t["fine"])
    else:
        parts.append(t["none"])
    return ("" if lang == "ja" else " ").join(parts)


# =============================================================================================
# 5. Command line
# =============================================================================================

_CLI = {
    "ja": {
        "no_input": "入力がありません。nslookup smtp.example.jp > nslookup.txt 2>&1 のように保存して "
        "python3 explain_nslookup.py nslookup.txt と実行するか、出力をパイプで渡してください。",
    },
    "en": {
        "no_input": "no input. Save the output, e.g. nslookup smtp.example.jp > nslookup.txt 2>&1, and run "
        "python3 explain_nslookup.py nslookup.txt, or pipe the output in.",
    },
}


def main(argv=None):
    hint = {lang: texts["no_input"] for lang, texts in _CLI.items()}
    return explainer_main(argv, PROG, "Explain a name lookup: nslookup, Resolve-DnsName, dig, host.", explain, None, hint)


if __name__ == "__main__":
    sys.exit(main())
