#!/usr/bin/env python3
"""check_connection.py: climb the ping ladder to find where the connection breaks.

Rungs, from the inside out:
  1. loopback 127.0.0.1     is the PC's own TCP/IP stack working?
  2. own address            does the PC have a usable address (not 169.254.x.x)?
  3. default gateway        does the router on the LAN answer?
  4. DNS server             does the name server answer queries?
  5. outside host by address  does traffic get past the router to the internet?
  6. outside host by name     do names resolve, and is that host reachable?

Each rung uses the system's own `ping`, and also a TCP connection or a DNS query, so that a
network that only drops ping (ICMP) is not reported as down.

Usage:
  python check_connection.py [--gateway IP] [--dns-server IP] [--external-ip IP]
                             [--external-name NAME] [--timeout S] [-q/--quiet] [--json] [--lang ja|en]
Exit status: 0 no error, 1 a rung failed, 2 usage error, 130 interrupted.
Standard library only; Python 3.9 or later; Windows, macOS and Linux.
"""

from __future__ import annotations

import ipaddress
import re
import shutil
import socket
import struct
import subprocess
import threading
import time


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

TOOL = "connection"

DEFAULT_EXTERNAL_IP = "8.8.8.8"          # Google Public DNS: answers ping and TCP 443 / 53
DEFAULT_EXTERNAL_NAME = "www.google.com"
DEFAULT_TIMEOUT = 2.0
TCP_PORTS_GATEWAY = (53, 80, 443)        # a home router usually serves DNS or its web page
TCP_PORTS_EXTERNAL = (443, 53)
TCP_PORTS_NAME = (443, 80)

RUNGS = ("loopback", "own-address", "gateway", "dns-server", "external-ip", "external-name")
# The kinds of ping lines (see the ping block) that say what happened to a request.
PING_EVIDENCE_KINDS = ("reply", "timeout", "unreachable", "ttl-expired", "host-not-found", "transmit-failed", "statistics")

# ---- ping block: begin ---------------------------------------------------------------------
# How ping prints its results, in Windows (English and Japanese), macOS and Linux (iputils,
# BusyBox). Identical in check_connection.py and explain_ping.py; the source of truth is
# scripts/ping_block.py (`python scripts/sync_common.py` copies it, a test fails on drift).
# One table, tried in order: the first pattern that matches a line decides its kind. Lines are
# matched after removing quoting ("> "), iputils -D time stamps ("[1595103464.996693] ") and
# surrounding blanks, and only up to PING_MAX_LINE characters: every line costs bounded time,
# so reading is linear in the input.
import re as _ping_re

PING_MAX_LINE = 400
_PN = r"\d+(?:\.\d+)?"
_PING_UNREACH_EN = r"destination (?:host|net|network|port|protocol|prohibited)\w* (?:is )?unreachable"
_PING_UNREACH_JA = r"宛先(?:ホスト|ネットワーク|ポート|プロトコル)に到達できません"
PING_PATTERNS = (
    # Windows: "Pinging example.jp [192.0.2.1] with 32 bytes of data:"
    #          "example.jp [192.0.2.1]に ping を送信しています 32 バイトのデータ:"
    # Unix:    "PING example.jp (192.0.2.1) 56(84) bytes of data." / "PING ::1(::1) 56 data bytes"
    #          "PING6(56=40+8+8 bytes) ::1 --> ::1" (macOS ping6)
    ("header", _ping_re.compile(
        r"^(?:pinging (?P<n1>[^\s\[]+)(?:\s*\[(?P<a1>[^\]\s]+)\])?(?: from \S+)? with (?P<b1>\d+) bytes"
        r"|(?P<n2>[^\s\[]+)(?:\s*\[(?P<a2>[^\]\s]+)\])?\s*(?:\(送信元 \S+\)\s*)?に\s*ping\s*を送信しています(?:\s*(?P<b2>\d+)\s*バイト)?"
        r"|ping (?P<n3>[^\s(]+)\s*\((?P<a3>[^)\s]+)(?: \((?P<a3b>[^)\s]*)\))?\)(?::|\s)\s*(?P<b3>\d+)?"
        r"|ping6\([^)]*\)\s+\S+\s+-->\s+(?P<n4>\S+))", _ping_re.I)),
    ("stats-header", _ping_re.compile(
        r"^(?:ping statistics for (?P<n1>\S+?):?$"
        r"|(?P<n2>\S+?)\s*の\s*ping\s*統計:?"
        r"|--- (?P<n3>\S+) ping6? statistics ---)", _ping_re.I)),
    ("host-not-found", _ping_re.compile(
        r"^(?:ping request could not find host (?P<n1>\S+?)\.? please"
        r"|ping\s*要求ではホスト\s*(?P<n2>\S+)\s*が見つかりませんでした"
        r"|ping: (?:unknown host (?P<n3>\S+)"
        r"|cannot resolve (?P<n4>[^\s:]+): unknown host"
        r"|(?P<n5>[^\s:]+): (?:name or service not known|temporary failure in name resolution"
        r"|no address associated with hostname|nodename nor servname provided"
        r"|name does not resolve|address family for hostname not supported)))", _ping_re.I)),
    # Windows "Reply from 192.168.1.10: Destination host unreachable." (counted as received!),
    # iputils "From 10.0.0.2 icmp_seq=1 Destination Host Unreachable", macOS "92 bytes from
    # 10.0.0.1: Destination Host Unreachable", and the local stack: "ping: connect: Network
    # is unreachable", "ping: sendto: No route to host".
    ("unreachable", _ping_re.compile(
        r"^(?:(?:reply from (?P<a1>\S+?):\s*|(?P<a2>\S+?)\s*からの応答:\s*)?(?:" + _PING_UNREACH_EN + "|" + _PING_UNREACH_JA + ")"
        r"|from (?P<a3>\S+)(?: \((?P<a4>[^)\s]+)\))?:? (?:icmp_)?seq=(?P<s3>\d+) (?:" + _PING_UNREACH_EN + ")"
        r"|\d+ bytes from (?P<a5>[^\s(:]+(?::[^\s(:]*)*?)(?: \((?P<a6>[^)\s]+)\))?: (?:" + _PING_UNREACH_EN + ")"
        r"|ping6?: (?P<local>(?:connect|sendto|sendmsg|send): (?:network is unreachable|no route to host|host is down)))",
        _ping_re.I)),
    ("ttl-expired", _ping_re.compile(
        r"^(?:(?:reply from (?P<a1>\S+?):\s*|(?P<a2>\S+?)\s*からの応答:\s*)?"
        r"(?:ttl expired in transit|(?:転送中に\s*)?TTL\s*が(?:転送中に\s*)?期限切れ)"
        r"|from (?P<a3>\S+)(?: \((?P<a4>[^)\s]+)\))?:? (?:icmp_)?seq=(?P<s3>\d+) time to live exceeded"
        r"|\d+ bytes from (?P<a5>[^\s(:]+(?::[^\s(:]*)*?)(?: \((?P<a6>[^)\s]+)\))?: time to live exceeded)", _ping_re.I)),
    # Windows "General failure." / "PING: transmit failed. General failure." / error codes;
    # Japanese "一般エラーです。" / "PING: 転送に失敗しました。一般エラーです。"
    ("transmit-failed", _ping_re.compile(
        r"^(?:general failure|ping: transmit failed|一般エラー|ping:\s*転送に失敗しました"
        r"|ping6?: (?:sendto|sendmsg|send): (?!network is unreachable|no route to host|host is down)[^\n]+)",
        _ping_re.I)),
    ("timeout", _ping_re.compile(
        r"^(?:request timed out|要求がタイムアウトしました"
        r"|request timeout for icmp_seq[ =]?(?P<s1>\d+)"
        r"|no answer yet for icmp_seq=(?P<s2>\d+))", _ping_re.I)),
    # Windows en: "Reply from 10.0.0.1: bytes=32 time<1ms TTL=64"; IPv6: "Reply from ::1: time<1ms"
    # Windows ja: "10.0.0.1 からの応答: バイト数 =32 時間 <1ms TTL=64"; IPv6: "::1 からの応答: 時間 <1ms"
    # Unix: "64 bytes from 10.0.0.1: icmp_seq=1 ttl=64 time=0.052 ms" (+ " (DUP!)"),
    #       "64 bytes from host (10.0.0.1): ...", macOS ping6 "16 bytes from ::1, icmp_seq=0 hlim=64 time=0.071 ms"
    ("reply", _ping_re.compile(
        r"^(?:reply from (?P<a1>\S+?):\s*(?:bytes\s*=\s*(?P<b1>\d+)\s*(?:\(sent \d+\)\s*)?)?"
        r"time\s*(?P<o1>[=<])\s*(?P<t1>" + _PN + r")\s*ms(?:\s+ttl\s*=\s*(?P<l1>\d+))?"
        r"|(?P<a2>\S+?)\s*からの応答:\s*(?:バイト数\s*=\s*(?P<b2>\d+)\s*)?"
        r"時間\s*(?P<o2>[=<])\s*(?P<t2>" + _PN + r")\s*ms(?:\s*ttl\s*=\s*(?P<l2>\d+))?"
        r"|(?P<b3>\d+) bytes from (?P<a3>[^\s(,]+?)(?: \((?P<a4>[^)\s]+)\))?[:,]\s+"
        r"(?=[^\n]*?(?:seq|time)[=<])(?P<rest>[^\n]*))", _ping_re.I)),
    ("statistics", _ping_re.compile(
        r"^(?:packets: sent = (?P<s1>\d+), received = (?P<r1>\d+), lost = \d+ \((?P<l1>\d+)% loss\)"
        r"|パケット数:\s*送信\s*=\s*(?P<s2>\d+)\s*[、,]\s*受信\s*=\s*(?P<r2>\d+)\s*[、,]\s*損失\s*=\s*\d+\s*"
        r"\((?P<l2>\d+)%\s*の損失\)"
        r"|(?P<s3>\d+) packets transmitted, (?P<r3>\d+) (?:packets )?received(?P<rest>[^\n]*))", _ping_re.I)),
    ("rtt-summary", _ping_re.compile(
        r"^(?:(?:rtt|round-trip) min/avg/max(?:/(?:mdev|stddev|std-dev))? = "
        r"(?P<n1>" + _PN + ")/(?P<v1>" + _PN + ")/(?P<x1>" + _PN + ")"
        r"|minimum = (?P<n2>\d+)ms, maximum = (?P<x2>\d+)ms, average = (?P<v2>\d+)ms"
        r"|最小\s*=\s*(?P<n3>\d+)ms\s*[、,]\s*最大\s*=\s*(?P<x3>\d+)ms\s*[、,]\s*平均\s*=\s*(?P<v3>\d+)ms)", _ping_re.I)),
    ("rtt-header", _ping_re.compile(r"^(?:approximate round trip times|ラウンド\s*トリップの概算時間)", _ping_re.I)),
    ("interrupted", _ping_re.compile(r"^(?:control-c|\^c)$", _ping_re.I)),
    ("pattern", _ping_re.compile(r"^pattern: 0x[0-9a-f]+$", _ping_re.I)),
)
_PING_FIELD = _ping_re.compile(r"\b(icmp_seq|seq|ttl|hlim|time)([=<])(" + _PN + ")", _ping_re.I)
_PING_STAT_EXTRA = _ping_re.compile(r"\+(\d+) (duplicates|errors|corrupted)|(" + _PN + r")% packet loss", _ping_re.I)
# Cheap pre-filter: a line without any of these cannot match a pattern above.
_PING_HINTS = ("ping", "reply", "bytes", "unreach", "ttl", "time", "request", "failure", "packet",
               "min", "from", "応答", "到達", "タイムアウト", "エラー", "転送", "統計", "送信", "最小", "見つかり",
               "control", "^c", "---", "seq", "round", "ラウンド", "pattern")


def ping_clean_line(line):
    """The part of a line that carries ping's words: no quoting, time stamp or blanks."""
    s = line.strip()
    if s.startswith("\ufeff"):
        s = s[1:].lstrip()
    while s.startswith(">"):
        s = s[1:].lstrip()
    if s.startswith("[") and "]" in s[:40]:
        stamp = s[1:s.index("]")]
        if stamp.replace(".", "", 1).isdecimal():
            s = s[len(stamp) + 2:].lstrip()
    return s


def _ping_rtt(op, value):
    rtt = float(value)
    # Windows prints "<1ms" for anything under a millisecond: read it as 0.
    return 0.0 if op == "<" and rtt <= 1 else rtt


def read_ping_line(line):
    """One line of ping output as a dict {"kind", ...fields} or None. Never raises."""
    s = ping_clean_line(line) if isinstance(line, str) else ""
    if not s or len(s) > PING_MAX_LINE:
        return None
    low = s.lower()
    if not any(h in low for h in _PING_HINTS):
        return None
    for kind, pattern in PING_PATTERNS:
        m = pattern.match(s)
        if not m:
            continue
        g = {k: v for k, v in m.groupdict().items() if v is not None}
        ev = {"kind": kind, "text": s}
        if kind == "header":
            ev["target"] = g.get("n1") or g.get("n2") or g.get("n3") or g.get("n4")
            # ping6 with a name: "PING example.com(example.com (2001:db8::1))": the address is
            # the inner one, not the reverse-DNS name before it.
            ev["address"] = g.get("a1") or g.get("a2") or g.get("a3b") or g.get("a3") or g.get("n4")
            size = g.get("b1") or g.get("b2") or g.get("b3")
            ev["size"] = int(size) if size else None
        elif kind in ("stats-header", "host-not-found"):
            ev["target"] = next((g[k] for k in ("n1", "n2", "n3", "n4", "n5") if k in g), None)
        elif kind in ("unreachable", "ttl-expired"):
            ev["from"] = (g.get("a4") or g.get("a6") or g.get("a1") or g.get("a2") or g.get("a3") or g.get("a5") or "").rstrip(":") or None
            ev["seq"] = int(g["s3"]) if "s3" in g else None
            ev["local"] = "local" in g
        elif kind == "timeout":
            seq = g.get("s1") or g.get("s2")
            ev["seq"] = int(seq) if seq else None
            ev["no_answer_yet"] = "s2" in g
        elif kind == "reply":
            ev["from"] = g.get("a4") or g.get("a1") or g.get("a2") or g.get("a3")
            size = g.get("b1") or g.get("b2") or g.get("b3")
            ev["bytes"] = int(size) if size else None
            ev["seq"] = ev["ttl"] = ev["rtt_ms"] = None
            ev["dup"] = False
            if "t1" in g or "t2" in g:
                ev["rtt_ms"] = _ping_rtt(g.get("o1") or g.get("o2"), g.get("t1") or g.get("t2"))
                ttl = g.get("l1") or g.get("l2")
                ev["ttl"] = int(ttl) if ttl else None
            else:
                rest = g.get("rest", "")
                for name, op, value in _PING_FIELD.findall(rest):
                    name = name.lower()
                    if name in ("icmp_seq", "seq"):
                        ev["seq"] = int(float(value))
                    elif name in ("ttl", "hlim"):
                        ev["ttl"] = int(float(value))
                    else:
                        ev["rtt_ms"] = _ping_rtt(op, value)
                ev["dup"] = "DUP!" in rest
                if ev["rtt_ms"] is None and ev["seq"] is None:
                    continue
        elif kind == "statistics":
            ev["sent"] = int(g.get("s1") or g.get("s2") or g.get("s3"))
            ev["received"] = int(g.get("r1") or g.get("r2") or g.get("r3"))
            loss = g.get("l1") or g.get("l2")
            ev["loss_percent"] = float(loss) if loss is not None else None
            ev["duplicates"] = ev["errors"] = 0
            for count, what, percent in _PING_STAT_EXTRA.findall(g.get("rest", "")):
                if percent:
                    ev["loss_percent"] = float(percent)
                elif what.lower() == "duplicates":
                    ev["duplicates"] = int(count)
                elif what.lower() == "errors":
                    ev["errors"] = int(count)
            if ev["loss_percent"] is None:
                ev["loss_percent"] = 0.0 if ev["sent"] == 0 else round(100.0 * (ev["sent"] - ev["received"]) / ev["sent"], 1)
        elif kind == "rtt-summary":
            ev["min"] = float(g.get("n1") or g.get("n2") or g.get("n3"))
            ev["avg"] = float(g.get("v1") or g.get("v2") or g.get("v3"))
            ev["max"] = float(g.get("x1") or g.get("x2") or g.get("x3"))
        return ev
    return None


def read_ping_output(text):
    """What a ping printed: replies, timeouts, unreachable answers, unknown names, statistics.

    Works for Windows (English and Japanese), macOS and Linux. Returns a dict with counts,
    rtt_ms (list of reply times), loss_percent, and events [{"line", "kind", "text", ...}];
    "ok" is True only when at least one real echo reply came back. "Destination host
    unreachable" answers are failures even when Windows counts them as received (0% loss).
    Never raises; time linear in the length of the text."""
    result = {
        "replies": 0, "duplicates": 0, "timeouts": 0, "unreachable": 0, "ttl_expired": 0,
        "host_not_found": False, "transmit_failed": 0, "sent": None, "received": None,
        "loss_percent": None, "rtt_ms": [], "avg_rtt_ms": None, "min_rtt_ms": None,
        "max_rtt_ms": None, "target": None, "address": None, "events": [], "ok": False,
    }
    if not isinstance(text, str):
        return result
    counters = {"timeout": "timeouts", "unreachable": "unreachable", "ttl-expired": "ttl_expired",
                "transmit-failed": "transmit_failed"}
    for number, line in enumerate(text.splitlines(), 1):
        try:
            ev = read_ping_line(line)
        except Exception:  # noqa: BLE001 - a reader never fails on odd text
            ev = None
        if ev is None:
            continue
        ev["line"] = number
        kind = ev["kind"]
        if kind == "reply":
            result["replies"] += 1
            result["duplicates"] += 1 if ev["dup"] else 0
            if ev["rtt_ms"] is not None:
                result["rtt_ms"].append(ev["rtt_ms"])
            ev["address"] = ev["from"]
        elif kind in counters:
            result[counters[kind]] += 1
        elif kind == "host-not-found":
            result["host_not_found"] = True
            result["target"] = result["target"] or ev["target"]
        elif kind == "header":
            result["target"] = result["target"] or ev["target"]
            result["address"] = result["address"] or ev["address"]
        elif kind == "statistics":
            result["sent"], result["received"] = ev["sent"], ev["received"]
            result["loss_percent"] = ev["loss_percent"]
        elif kind == "rtt-summary":
            result["min_rtt_ms"], result["avg_rtt_ms"], result["max_rtt_ms"] = ev["min"], ev["avg"], ev["max"]
        result["events"].append(ev)
    result["ok"] = result["replies"] > 0
    rtts = result["rtt_ms"]
    if result["avg_rtt_ms"] is None and rtts:
        result["avg_rtt_ms"] = round(sum(rtts) / len(rtts), 3)
        result["min_rtt_ms"], result["max_rtt_ms"] = min(rtts), max(rtts)
    return result
# ---- ping block: end -----------------------------------------------------------------------


# ------------------------------------------------------------------------------------------
# Human text: one table keyed by finding id.
# ------------------------------------------------------------------------------------------
TEXT = {
    "ja": {
        "loopback-ok": (
            "ループバック (127.0.0.1) は応答しています",
            "このパソコン自身の TCP/IP の仕組みは動いています。",
            [],
        ),
        "loopback-failed": (
            "ループバック (127.0.0.1) が応答しません",
            "自分自身あての通信 ({target}) もできていません。TCP/IP の仕組みそのもの、またはセキュリティソフトの設定に問題があります。この段で止まっている間は、ほかの段の結果もあてになりません。",
            ["パソコンを再起動してもう一度試してください。",
             "セキュリティソフト (ファイアウォール) を一時的に止めて変わるか確かめてください。",
             "Windows では管理者のコマンドプロンプトで netsh winsock reset と netsh int ip reset を実行し、再起動してください。"],
        ),
        "no-address": (
            "このパソコンに IP アドレスがありません",
            "外へ出るための IPv4 アドレスが見つかりませんでした ({target})。ケーブルが抜けているか、Wi-Fi につながっていないか、ネットワーク アダプターが無効になっています。",
            ["LAN ケーブルの差し込みや Wi-Fi の接続先を確かめてください。",
             "ipconfig (macOS/Linux では ifconfig または ip addr) でアダプターの状態を確かめてください。",
             "ルーターや ONU の電源を入れ直し、数分待ってからもう一度試してください。"],
        ),
        "apipa": (
            "IP アドレスを自動で受け取れていません (169.254.x.x)",
            "このパソコンのアドレスは {target} です。169.254.0.1 〜 169.254.255.254 は、DHCP サーバー (ふつうはルーター) から返事がないときにパソコンが自分で付ける仮のアドレスで、これではルーターの先と通信できません。",
            ["ルーターの電源が入っているか、ケーブルや Wi-Fi の接続先が正しいか確かめてください。",
             "ルーターを再起動し、パソコンではアダプターを無効→有効にするか ipconfig /release と ipconfig /renew を実行してください。",
             "固定アドレスで使うネットワークなら、決められたアドレス・マスク・ゲートウェイを設定してください。"],
        ),
        "no-gateway": (
            "外への経路 (デフォルト ゲートウェイ) がありません",
            "{target} へ送る経路が見つかりませんでした。デフォルト ゲートウェイが設定されていないと、同じ LAN の外 (インターネット) には出られません。",
            ["ipconfig で「デフォルト ゲートウェイ」が空になっていないか確かめてください。",
             "DHCP で使っているならアダプターを無効→有効にするか、ルーターを再起動してください。",
             "固定アドレスで使っているなら、ゲートウェイ (ふつうはルーターのアドレス) を設定してください。"],
        ),
        "gateway-unreachable": (
            "デフォルト ゲートウェイ (ルーター) が応答しません",
            "ゲートウェイ {target} は ping にも TCP の接続にも応答しませんでした。パソコンとルーターの間 (ケーブル、Wi-Fi、ハブ) か、ルーターそのものに問題があります。",
            ["ルーターの電源やランプ、LAN ケーブルを確かめてください。",
             "Wi-Fi なら、正しいネットワーク (SSID) につながっているか確かめてください。",
             "ルーターを再起動し、数分待ってからもう一度試してください。"],
        ),
        "gateway-icmp-filtered": (
            "ゲートウェイは ping に答えない設定のようです",
            "ゲートウェイ {target} は ping に応答しませんでしたが、{evidence}。ping だけを止めている機器はよくあり、故障ではありません。",
            [],
        ),
        "no-dns-server": (
            "DNS サーバーが見つかりません",
            "このパソコンの設定から DNS サーバーのアドレスを見つけられませんでした。名前 (www.example.jp など) を IP アドレスに変換できません。",
            ["ipconfig /all で「DNS サーバー」を確かめてください。",
             "DHCP で使っているならルーターを再起動してください。固定で使っているなら DNS サーバーを設定してください。",
             "--dns-server オプションで DNS サーバーを指定して確かめることもできます。"],
        ),
        "dns-failed": (
            "DNS サーバーが応答しません",
            "DNS サーバー {target} に名前の問い合わせをしましたが、答えが返りませんでした ({evidence})。名前でのアクセス (Web ページ、メール) ができなくなります。",
            ["ipconfig /all で DNS サーバーのアドレスが正しいか確かめてください。",
             "ルーターを DNS サーバーにしている場合は、ルーターを再起動してください。",
             "別の DNS サーバーを --dns-server で指定して、この結果が変わるか確かめてください。"],
        ),
        "internet-unreachable": (
            "インターネット上の相手 ({target}) に届きません",
            "外のアドレス {target} へは ping も TCP の接続も通りませんでした ({evidence})。ルーターより先 (回線、プロバイダー、ONU やモデム) で止まっています。",
            ["ルーターや ONU のランプ (PPP、インターネット) を確かめ、電源を入れ直してください。",
             "プロバイダーの障害情報や、ルーターの接続設定 (PPPoE の ID とパスワード) を確かめてください。",
             "会社などのネットワークでは、外へ出る通信が制限されていないか管理者に確かめてください。"],
        ),
        "name-resolution-failed": (
            "名前 ({target}) を IP アドレスに変換できません",
            "{target} の名前解決に失敗しました ({evidence})。アドレスでは通信できても、名前を使う Web ページやメールは使えません。",
            ["nslookup {target} で DNS の答えを確かめてください。",
             "名前のつづりを確かめてください。",
             "DNS サーバーの設定を確かめるか、ルーターを再起動してください。"],
        ),
        "name-host-unreachable": (
            "名前から引いた相手 ({target}) に届きません",
            "名前は {evidence} に変換できましたが、そのアドレスには ping も TCP の接続も通りませんでした。相手側の問題か、その相手への通信だけが止められている可能性があります。",
            ["別の名前 (--external-name) でも試してください。",
             "ブラウザーで同じ相手を開けるか確かめてください。"],
        ),
        "icmp-filtered": (
            "この経路では ping (ICMP) が止められています",
            "{target} は ping に応答しませんでしたが、{evidence}。ping だけを止めるネットワークやファイアウォールはよくあります。インターネットへの接続そのものは動いています。",
            [],
        ),
        "ping-missing": (
            "ping コマンドが見つかりません",
            "このパソコンで ping を実行できなかったため ({evidence})、TCP の接続と DNS の問い合わせだけで確かめました。",
            [],
        ),
        "all-ok": (
            "どの段も問題ありません",
            "ループバック、自分のアドレス ({own})、ゲートウェイ、DNS サーバー、外のアドレス、外の名前のすべてに届きました。ネットワークの接続は正常です。メールだけが使えない場合は、メールアプリの設定やポートを確かめてください。",
            ["メールの送受信ができない場合は check_mail_server.py でメールサーバーへの接続を確かめてください。"],
        ),
    },
    "en": {
        "loopback-ok": (
            "Loopback (127.0.0.1) answers",
            "The PC's own TCP/IP stack works.",
            [],
        ),
        "loopback-failed": (
            "Loopback (127.0.0.1) does not answer",
            "Even traffic to the PC itself ({target}) fails. The TCP/IP stack or a security program is at fault; while this rung fails, the other rungs cannot be trusted.",
            ["Restart the PC and try again.",
             "Turn the security software (firewall) off for a moment and see whether that changes anything.",
             "On Windows, run netsh winsock reset and netsh int ip reset in an administrator command prompt, then restart."],
        ),
        "no-address": (
            "This PC has no IP address",
            "No IPv4 address for going out was found ({target}). The cable is unplugged, Wi-Fi is not connected, or the network adapter is disabled.",
            ["Check the LAN cable or which Wi-Fi network you are connected to.",
             "Check the adapter with ipconfig (ifconfig or ip addr on macOS/Linux).",
             "Power-cycle the router and the ONU/modem, wait a few minutes, and try again."],
        ),
        "apipa": (
            "The PC did not get an address automatically (169.254.x.x)",
            "This PC's address is {target}. Addresses 169.254.0.1 to 169.254.255.254 are what a PC gives itself when no DHCP server (usually the router) answers; with one, nothing beyond the LAN can be reached.",
            ["Check that the router is on and that the cable or Wi-Fi network is the right one.",
             "Restart the router; on the PC disable and re-enable the adapter, or run ipconfig /release and ipconfig /renew.",
             "On a network with fixed addresses, enter the assigned address, mask and gateway."],
        ),
        "no-gateway": (
            "There is no way out (no default gateway)",
            "No route to {target} was found. Without a default gateway nothing outside the LAN (the internet) can be reached.",
            ["Check with ipconfig whether \"Default Gateway\" is empty.",
             "With DHCP, disable and re-enable the adapter or restart the router.",
             "With a fixed address, set the gateway (usually the router's address)."],
        ),
        "gateway-unreachable": (
            "The default gateway (router) does not answer",
            "The gateway {target} answered neither ping nor a TCP connection. The problem is between the PC and the router (cable, Wi-Fi, switch) or in the router itself.",
            ["Check the router's power and lights and the LAN cable.",
             "On Wi-Fi, check that you are on the right network (SSID).",
             "Restart the router, wait a few minutes and try again."],
        ),
        "gateway-icmp-filtered": (
            "The gateway seems set not to answer ping",
            "The gateway {target} did not answer ping, but {evidence}. Many devices ignore ping on purpose; this is not a fault.",
            [],
        ),
        "no-dns-server": (
            "No DNS server found",
            "No DNS server address was found in this PC's settings, so names (like www.example.com) cannot be turned into addresses.",
            ["Check \"DNS Servers\" in ipconfig /all.",
             "With DHCP, restart the router; with fixed settings, enter a DNS server.",
             "You can also name a DNS server with --dns-server."],
        ),
        "dns-failed": (
            "The DNS server does not answer",
            "A name query to the DNS server {target} got no answer ({evidence}). Anything used by name (web pages, mail) will fail.",
            ["Check the DNS server addresses in ipconfig /all.",
             "If the router is your DNS server, restart it.",
             "Try another DNS server with --dns-server and see whether the result changes."],
        ),
        "internet-unreachable": (
            "A host on the internet ({target}) cannot be reached",
            "Neither ping nor a TCP connection got through to the outside address {target} ({evidence}). Traffic stops beyond the router (line, provider, ONU or modem).",
            ["Check the lights (PPP, internet) on the router and ONU, and power-cycle them.",
             "Check your provider's outage notices and the router's connection settings (PPPoE user and password).",
             "On a company network, ask the administrator whether outgoing traffic is restricted."],
        ),
        "name-resolution-failed": (
            "The name {target} cannot be turned into an address",
            "Resolving {target} failed ({evidence}). Even if addresses work, web pages and mail, which use names, will not.",
            ["Check the DNS answer with nslookup {target}.",
             "Check the spelling of the name.",
             "Check the DNS server settings or restart the router."],
        ),
        "name-host-unreachable": (
            "The host found by name ({target}) cannot be reached",
            "The name resolved to {evidence}, but neither ping nor TCP got through to it. The host may have a problem, or traffic to it alone is blocked.",
            ["Try another name with --external-name.",
             "Check whether a browser can open the same host."],
        ),
        "icmp-filtered": (
            "Ping (ICMP) is blocked on this path",
            "{target} did not answer ping, but {evidence}. Many networks and firewalls drop ping only; the internet connection itself works.",
            [],
        ),
        "ping-missing": (
            "The ping command was not found",
            "ping could not be run on this PC ({evidence}), so only TCP connections and DNS queries were used.",
            [],
        ),
        "all-ok": (
            "Every rung is fine",
            "Loopback, the own address ({own}), the gateway, the DNS server, the outside address and the outside name were all reached. The network connection works. If only mail fails, check the mail program's settings and ports.",
            ["If mail cannot be sent or received, check the mail server with check_mail_server.py."],
        ),
    },
}

SEVERITY = {
    "loopback-ok": "ok", "loopback-failed": "error", "no-address": "error", "apipa": "error",
    "no-gateway": "error", "gateway-unreachable": "error", "gateway-icmp-filtered": "info",
    "no-dns-server": "error", "dns-failed": "error", "internet-unreachable": "error",
    "name-resolution-failed": "error", "name-host-unreachable": "warning",
    "icmp-filtered": "info", "ping-missing": "info", "all-ok": "ok",
}

PAGE = {
    "loopback-ok": "network/ping/", "loopback-failed": "network/ping/",
    "no-address": "network/ipconfig/", "apipa": "network/ipconfig/",
    "no-gateway": "network/ipconfig/", "gateway-unreachable": "network/no-internet/",
    "gateway-icmp-filtered": "network/ping/", "no-dns-server": "network/ipconfig/",
    "dns-failed": "network/nslookup/", "internet-unreachable": "network/no-internet/",
    "name-resolution-failed": "network/nslookup/", "name-host-unreachable": "network/ping/",
    "icmp-filtered": "network/ping/", "ping-missing": "tools/check-connection/",
    "all-ok": "tools/check-connection/",
}

MESSAGES = {
    "ja": {
        "rung": {"loopback": "ループバック", "own-address": "自分のアドレス", "gateway": "ゲートウェイ",
                 "dns-server": "DNS サーバー", "external-ip": "外のアドレス", "external-name": "外の名前"},
        "ok": "OK", "ng": "応答なし", "skip": "不明",
        "summary_ok": "接続は正常です。順番に確かめたすべての段階で応答がありました。",
        "summary_broken": "「{0}」の段で止まっています: {1}",
        "downstream": "手前の段がすでに失敗しているので、これはその影響と考えられます。",
        "tcp_evidence": "TCP の接続 ({0}) には応答がありました",
        "dns_evidence": "DNS の問い合わせには答えました",
        "beyond_evidence": "その先のインターネットには届いています",
        "bad_ip": "IP アドレスとして正しくありません: {0}",
        "bad_name": "名前として正しくありません: {0}",
        "bad_timeout": "--timeout は 0 より大きく 60 以下の秒数にしてください: {0}",
        "unknown": "不明",
        "error": "予期しないエラーで中断しました: {0}",
        "description": "接続を内側から順番に確かめて、どこで止まっているかを調べます: ループバック、自分のアドレス、"
                       "ゲートウェイ、DNS サーバー、外のアドレス、外の名前。",
        "h_gateway": "確かめるデフォルト ゲートウェイ (既定: このコンピューターの設定から見つけます)",
        "h_dns": "確かめる DNS サーバー (既定: このコンピューターの設定から見つけます)",
        "h_external_ip": "外のアドレス (既定: {0})".format(DEFAULT_EXTERNAL_IP),
        "h_external_name": "外の名前 (既定: {0})".format(DEFAULT_EXTERNAL_NAME),
        "h_timeout": "それぞれの答えを待つ秒数 (既定: {0})".format(DEFAULT_TIMEOUT),
        "h_quiet": "途中経過を標準エラー出力に出しません (結果はそのまま出します)",
    },
    "en": {
        "rung": {"loopback": "loopback", "own-address": "own address", "gateway": "gateway",
                 "dns-server": "DNS server", "external-ip": "outside address", "external-name": "outside name"},
        "ok": "OK", "ng": "no answer", "skip": "unknown",
        "summary_ok": "The connection works: every rung of the ladder was reached.",
        "summary_broken": "The ladder breaks at the {0} rung: {1}",
        "downstream": " (An earlier rung already fails, so this is probably a consequence of that.)",
        "tcp_evidence": "a TCP connection ({0}) was answered",
        "dns_evidence": "it answered a DNS query",
        "beyond_evidence": "the internet beyond it is reachable",
        "bad_ip": "not a valid IP address: {0}",
        "bad_name": "not a valid host name: {0}",
        "bad_timeout": "--timeout must be more than 0 and at most 60 seconds: {0}",
        "unknown": "unknown",
        "error": "stopped by an unexpected error: {0}",
        "description": "Climb the ping ladder: loopback, own address, gateway, DNS server, an outside address "
                       "and an outside name.",
        "h_gateway": "default gateway to test (default: found from the system)",
        "h_dns": "DNS server to test (default: found from the system)",
        "h_external_ip": "an outside address (default: {0})".format(DEFAULT_EXTERNAL_IP),
        "h_external_name": "an outside name (default: {0})".format(DEFAULT_EXTERNAL_NAME),
        "h_timeout": "seconds to wait for each answer (default: {0})".format(DEFAULT_TIMEOUT),
        "h_quiet": "no progress lines on stderr (the report is printed as usual)",
    },
}


EVIDENCE_JA = {
    "timed out": "時間切れ",
    "refused (nothing listens on port 53)": "拒否されました。53 番ポートで待ち受けているものがありません",
    "Network is unreachable": "経路がありません (Network is unreachable)",
    "No route to host": "相手までの経路がありません (No route to host)",
    "NXDOMAIN": "その名前は存在しません (NXDOMAIN)",
    "SERVFAIL": "DNS サーバーが答えを出せませんでした (SERVFAIL)",
    "REFUSED": "DNS サーバーに断られました (REFUSED)",
}


def finding(fid, lang, subject=None, **values):
    title, detail, steps = TEXT[lang][fid]
    if lang == "ja":
        for key in ("evidence", "target"):
            if values.get(key) in EVIDENCE_JA:
                values[key] = EVIDENCE_JA[values[key]]
    values.setdefault("target", subject or "")
    values.setdefault("evidence", "")
    values.setdefault("own", "")
    item = {
        "id": fid,
        "severity": SEVERITY[fid],
        "title": title.format(**values),
        "detail": detail.format(**values),
        "next_steps": [step.format(**values) for step in steps],
        "page": PAGE[fid],
    }
    if subject:
        item["subject"] = subject
    return item


# ------------------------------------------------------------------------------------------
# Running things, always with a timeout.
# ------------------------------------------------------------------------------------------
def _console_encoding():
    if os.name == "nt":
        try:
            import ctypes
            return "cp{0}".format(ctypes.windll.kernel32.GetOEMCP())
        except Exception:
            return "cp932"
    return None


def run_command(argv, timeout):
    """(returncode, text) of a command, or (None, reason) when it could not run. Never raises."""
    exe = shutil.which(argv[0])
    if not exe:
        return None, "not found: {0}".format(argv[0])
    kwargs = {}
    if os.name == "nt":
        kwargs["creationflags"] = getattr(subprocess, "CREATE_NO_WINDOW", 0)
    try:
        proc = subprocess.run([exe] + list(argv[1:]), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              stdin=subprocess.DEVNULL, timeout=timeout, **kwargs)
    except subprocess.TimeoutExpired as exc:
        data = exc.output or b""
        return -1, _decode(data) + "\n(timed out)"
    except OSError as exc:
        return None, str(exc)
    return proc.returncode, _decode(proc.stdout or b"")


def _decode(data):
    encoding = _console_encoding()
    if encoding:
        try:
            return data.decode(encoding, "replace")
        except LookupError:
            pass
    return decode_bytes(data)


def ping_command(target, timeout):
    """The argv for one echo request with the system ping."""
    seconds = max(1, int(-(-timeout // 1)))
    millis = max(1, int(timeout * 1000))
    if os.name == "nt":
        return ["ping", "-n", "1", "-w", str(millis), target]
    if sys.platform == "darwin":
        return ["ping", "-c", "1", "-W", str(millis), target]   # macOS: -W is milliseconds
    return ["ping", "-c", "1", "-W", str(seconds), target]      # iputils: -W is seconds


def ping(target, timeout):
    """One echo request: dict with ok, rtt_ms, detail; ok None when ping could not run."""
    code, text = run_command(ping_command(target, timeout), timeout + 3)
    if code is None:
        return {"ok": None, "rtt_ms": None, "detail": text, "missing": True}
    reading = read_ping_output(text)
    lines = [e["text"] for e in reading["events"] if e["kind"] in PING_EVIDENCE_KINDS]
    detail = "; ".join(lines[:3]) or (text.strip().splitlines() or [""])[-1][:200]
    return {"ok": bool(reading["ok"]), "rtt_ms": reading["rtt_ms"][0] if reading["rtt_ms"] else None,
            "detail": detail, "missing": False, "reading": reading}


def tcp_probe(host, port, timeout):
    """'open' or 'refused' (the host answered), 'timeout', 'unreachable' or 'error'."""
    start = time.monotonic()
    try:
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        sock = socket.socket(family, socket.SOCK_STREAM)
    except OSError as exc:
        return {"port": port, "state": "error", "rtt_ms": None, "error": str(exc)}
    sock.settimeout(timeout)
    try:
        sock.connect((host, port))
        state, error = "open", None
    except socket.timeout:
        state, error = "timeout", "timed out"
    except ConnectionRefusedError:
        state, error = "refused", "refused"
    except OSError as exc:
        state, error = "unreachable", exc.strerror or str(exc)
    finally:
        try:
            sock.close()
        except OSError:
            pass
    rtt = round((time.monotonic() - start) * 1000, 2)
    return {"port": port, "state": state, "rtt_ms": rtt if state in ("open", "refused") else None, "error": error}


def tcp_probes(host, ports, timeout):
    """Probe several ports at once (threads, each with its own socket timeout)."""
    results = [None] * len(ports)

    def work(index, port):
        results[index] = tcp_probe(host, port, timeout)

    threads = [threading.Thread(target=work, args=(i, p), daemon=True) for i, p in enumerate(ports)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout + 2)
    return [r if r is not None else {"port": p, "state": "timeout", "rtt_ms": None, "error": "timed out"}
            for r, p in zip(results, ports)]


def tcp_self_test(address, timeout):
    """Listen on ADDRESS and connect to it: proves the stack carries TCP to that address."""
    family = socket.AF_INET6 if ":" in address else socket.AF_INET
    server = client = None
    try:
        server = socket.socket(family, socket.SOCK_STREAM)
        server.settimeout(timeout)
        server.bind((address, 0))
        server.listen(1)
        client = socket.socket(family, socket.SOCK_STREAM)
        client.settimeout(timeout)
        start = time.monotonic()
        client.connect(server.getsockname()[:2])
        return True, round((time.monotonic() - start) * 1000, 2), "connected to {0}:{1}".format(*server.getsockname()[:2])
    except socket.timeout:
        return False, None, "timed out"
    except OSError as exc:
        return False, None, exc.strerror or str(exc)
    finally:
        for sock in (client, server):
            if sock is not None:
                try:
                    sock.close()
                except OSError:
                    pass


# ------------------------------------------------------------------------------------------
# A tiny DNS client (A records over UDP) and the system resolver with a timeout.
# ------------------------------------------------------------------------------------------
RCODES = {0: "NOERROR", 1: "FORMERR", 2: "SERVFAIL", 3: "NXDOMAIN", 4: "NOTIMP", 5: "REFUSED"}


def build_query(name, qid, qtype=1):
    labels = [p for p in name.rstrip(".").split(".") if p]
    qname = b"".join(struct.pack("B", len(p.encode("idna"))) + p.encode("idna") for p in labels) + b"\x00"
    return struct.pack(">HHHHHH", qid, 0x0100, 1, 0, 0, 0) + qname + struct.pack(">HH", qtype, 1)


def _skip_name(data, offset):
    while True:
        if offset >= len(data):
            raise ValueError("truncated name")
        length = data[offset]
        if length & 0xC0 == 0xC0:
            return offset + 2
        if length == 0:
            return offset + 1
        offset += 1 + length


def parse_response(data, qid):
    """(rcode name, [IPv4 addresses]) of a DNS answer; raises ValueError for garbage."""
    if len(data) < 12:
        raise ValueError("short answer")
    rid, flags, qd, an, _ns, _ar = struct.unpack(">HHHHHH", data[:12])
    if rid != qid or not flags & 0x8000:
        raise ValueError("not our answer")
    offset = 12
    for _ in range(qd):
        offset = _skip_name(data, offset) + 4
    addresses = []
    for _ in range(an):
        offset = _skip_name(data, offset)
        if offset + 10 > len(data):
            break                       # cut short: keep what was read, ignore the rest
        rtype, _rclass, _ttl, length = struct.unpack(">HHIH", data[offset:offset + 10])
        offset += 10
        if offset + length > len(data):
            break                       # a record cut short is ignored, not a failed query
        if rtype == 1 and length == 4:
            addresses.append(socket.inet_ntoa(data[offset:offset + 4]))
        offset += length
    return RCODES.get(flags & 0x000F, str(flags & 0x000F)), addresses


def dns_query(server, name, timeout, port=53):
    """Ask SERVER for the A records of NAME: dict with answered, rcode, addresses, rtt_ms, error."""
    qid = int.from_bytes(os.urandom(2), "big")   # unpredictable, so a forged answer cannot guess it
    try:
        query = build_query(name, qid)
    except (UnicodeError, ValueError) as exc:
        return {"answered": False, "rcode": None, "addresses": [], "rtt_ms": None, "error": str(exc)}
    family = socket.AF_INET6 if ":" in server else socket.AF_INET
    start = time.monotonic()
    deadline = start + timeout
    try:
        sock = socket.socket(family, socket.SOCK_DGRAM)
    except OSError as exc:
        return {"answered": False, "rcode": None, "addresses": [], "rtt_ms": None, "error": str(exc)}
    try:
        sock.connect((server, port))
        sock.send(query)
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise socket.timeout()
            sock.settimeout(left)
            data = sock.recv(4096)
            try:
                rcode, addresses = parse_response(data, qid)
            except (ValueError, struct.error):
                continue
            return {"answered": True, "rcode": rcode, "addresses": addresses,
                    "rtt_ms": round((time.monotonic() - start) * 1000, 2), "error": None}
    except socket.timeout:
        error = "timed out"
    except ConnectionRefusedError:
        error = "refused (nothing listens on port 53)"
    except OSError as exc:
        error = exc.strerror or str(exc)
    finally:
        try:
            sock.close()
        except OSError:
            pass
    return {"answered": False, "rcode": None, "addresses": [], "rtt_ms": None, "error": error}


def system_resolve(name, timeout):
    """IPv4 addresses from the system resolver (getaddrinfo has no timeout: a thread waits)."""
    box = {}

    def work():
        try:
            infos = socket.getaddrinfo(name, None, socket.AF_INET, socket.SOCK_STREAM)
            box["addresses"] = sorted({info[4][0] for info in infos})
        except (OSError, UnicodeError) as exc:
            box["error"] = getattr(exc, "strerror", None) or str(exc)

    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    thread.join(timeout)
    if thread.is_alive():
        return [], "timed out"
    return box.get("addresses", []), box.get("error")


# ------------------------------------------------------------------------------------------
# Finding the gateway, the DNS server and the own address.
# ------------------------------------------------------------------------------------------
_IPV4 = re.compile(r"(?<![\d.])(\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3})(?![\d.])")


def _is_ipv4(text):
    try:
        ipaddress.IPv4Address(text)
        return True
    except ValueError:
        return False


def parse_proc_net_route(text):
    """Default gateway from Linux /proc/net/route (lowest metric), or None."""
    best = None
    for line in text.splitlines()[1:]:
        fields = line.split()
        if len(fields) < 8:
            continue
        try:
            dest, gateway, flags, metric, mask = fields[1], fields[2], int(fields[3], 16), int(fields[6]), fields[7]
        except ValueError:
            continue
        if dest != "00000000" or mask != "00000000" or not flags & 0x2 or not flags & 0x1:
            continue
        address = socket.inet_ntoa(struct.pack("<I", int(gateway, 16)))
        if best is None or metric < best[0]:
            best = (metric, address)
    return best[1] if best else None


def parse_ip_route(text):
    match = re.search(r"^default via (\S+)", text, re.M)
    return match.group(1) if match and _is_ipv4(match.group(1)) else None


def parse_macos_route(text):
    match = re.search(r"^\s*gateway:\s*(\S+)", text, re.M)
    return match.group(1) if match and _is_ipv4(match.group(1)) else None


def parse_windows_route_print(text):
    """Gateway of the 0.0.0.0/0 route with the lowest metric in `route print` (any language)."""
    best = None
    for line in text.splitlines():
        fields = line.split()
        if len(fields) >= 5 and fields[0] == "0.0.0.0" and fields[1] == "0.0.0.0" and _is_ipv4(fields[2]):
            try:
                metric = int(fields[4])
            except ValueError:
                continue
            if best is None or metric < best[0]:
                best = (metric, fields[2])
    return best[1] if best else None


def parse_resolv_conf(text):
    servers = []
    for line in text.splitlines():
        fields = line.split()
        if len(fields) >= 2 and fields[0] == "nameserver":
            servers.append(fields[1].split("%")[0])
    return servers


def choose_dns_server(servers, upstream=None):
    """First usable server; a loopback stub (systemd-resolved 127.0.0.53) gives way to its
    upstream list when one is known. IPv4 first."""
    def first(items):
        v4 = [s for s in items if _is_ipv4(s)]
        return (v4 or [s for s in items if s])[:1]

    chosen = first(servers)
    if chosen and chosen[0].startswith("127.") and upstream:
        better = first([s for s in upstream if not s.startswith("127.")])
        if better:
            return better[0]
    return chosen[0] if chosen else None


def parse_scutil_dns(text):
    return [m.group(1) for m in re.finditer(r"nameserver\[\d+\]\s*:\s*(\S+)", text)]


def parse_windows_ipconfig_dns(text, gateway=None):
    """DNS servers of the adapter that has GATEWAY (or the first one with a gateway) in
    `ipconfig /all`, English or Japanese."""
    blocks, current = [], []
    for line in text.splitlines():
        if line and not line[0].isspace():
            if current:
                blocks.append(current)
            current = [line]
        else:
            current.append(line)
    if current:
        blocks.append(current)
    candidates = []
    for block in blocks:
        servers, gateways, in_dns, in_gw = [], [], False, False
        for line in block[1:]:
            label, sep, value = line.partition(":")
            if sep and "." in label and not label.strip()[:1].isdigit():
                low = label.lower()
                in_dns = "dns" in low and ("server" in low or "サーバー" in label)
                in_gw = "gateway" in low or "ゲートウェイ" in label
                found = _IPV4.findall(value)
            else:
                found = _IPV4.findall(line) if line.strip() else []
                if not found:
                    in_dns = in_gw = False
            if in_dns:
                servers.extend(found)
            elif in_gw:
                gateways.extend(a for a in found if a != "0.0.0.0")
        if gateways and servers:
            candidates.append((gateway in gateways if gateway else False, servers))
    for preferred, servers in candidates:
        if preferred:
            return servers
    return candidates[0][1] if candidates else []


def parse_interface_addresses(text):
    """IPv4 addresses (not loopback) from `ip -4 -o addr`, `ifconfig` or `ipconfig`."""
    found = []
    for line in text.splitlines():
        low = line.lower()
        if not ("inet " in low or "ipv4" in low):
            continue
        if "mask" in low and "inet " not in low or "マスク" in line:
            continue
        for address in _IPV4.findall(line.split("netmask")[0].split("brd")[0]):
            if _is_ipv4(address) and not address.startswith(("127.", "255.")) and address != "0.0.0.0":
                if address not in found:
                    found.append(address)
                break
    return found


def _read(path):
    try:
        with open(path, "r", encoding="utf-8", errors="replace") as handle:
            return handle.read(1024 * 1024)
    except OSError:
        return ""


def detect_gateway(timeout):
    if os.name == "nt":
        code, text = run_command(["route", "print", "-4", "0.0.0.0"], timeout + 5)
        return parse_windows_route_print(text) if code is not None else None
    if sys.platform == "darwin":
        code, text = run_command(["route", "-n", "get", "default"], timeout + 5)
        return parse_macos_route(text) if code is not None else None
    gateway = parse_proc_net_route(_read("/proc/net/route"))
    if gateway is None:
        code, text = run_command(["ip", "-4", "route", "show", "default"], timeout + 5)
        gateway = parse_ip_route(text) if code is not None else None
    return gateway


def detect_dns_server(gateway, timeout):
    if os.name == "nt":
        code, text = run_command(["ipconfig", "/all"], timeout + 10)
        servers = parse_windows_ipconfig_dns(text, gateway) if code is not None else []
        return choose_dns_server(servers)
    if sys.platform == "darwin":
        code, text = run_command(["scutil", "--dns"], timeout + 5)
        servers = parse_scutil_dns(text) if code is not None else []
        return choose_dns_server(servers or parse_resolv_conf(_read("/etc/resolv.conf")))
    servers = parse_resolv_conf(_read("/etc/resolv.conf"))
    upstream = parse_resolv_conf(_read("/run/systemd/resolve/resolv.conf"))
    return choose_dns_server(servers, upstream)


def source_address(target):
    """The address the OS would send from towards TARGET (UDP connect: no packet is sent)."""
    try:
        family = socket.AF_INET6 if ":" in target else socket.AF_INET
        sock = socket.socket(family, socket.SOCK_DGRAM)
    except OSError as exc:
        return None, exc.strerror or str(exc)
    try:
        sock.connect((target, 9))
        address = sock.getsockname()[0]
        return (address if address not in ("0.0.0.0", "::") else None), None
    except OSError as exc:
        return None, exc.strerror or str(exc)
    finally:
        sock.close()


def interface_addresses(timeout):
    if os.name == "nt":
        argv = ["ipconfig"]
    elif sys.platform == "darwin":
        argv = ["ifconfig"]
    else:
        argv = ["ip", "-4", "-o", "addr", "show"]
    code, text = run_command(argv, timeout + 5)
    return parse_interface_addresses(text) if code is not None else []


def is_apipa(address):
    try:
        return ipaddress.IPv4Address(address) in ipaddress.IPv4Network("169.254.0.0/16")
    except ValueError:
        return False


# ------------------------------------------------------------------------------------------
# The ladder.
# ------------------------------------------------------------------------------------------
def _progress(callback, text):
    if callback:
        try:
            callback(text)
        except Exception:
            pass


def _reached(probes):
    return [p for p in probes if p["state"] in ("open", "refused")]


def _probe_text(probes):
    return ", ".join("{0}/{1}".format(p["port"], p["state"]) for p in probes)


def check(gateway=None, dns_server=None, external_ip=DEFAULT_EXTERNAL_IP,
          external_name=DEFAULT_EXTERNAL_NAME, timeout=DEFAULT_TIMEOUT, lang="ja", progress=None):
    """Climb the ladder and return the report (CONTRACT section 3). Never raises for
    network conditions."""
    msg = MESSAGES[lang]
    rungs = []
    state = {"ping_missing": None}

    def add(name, target, method, ok, rtt_ms=None, detail=None):
        rung = {"name": name, "target": target, "method": method, "ok": ok, "rtt_ms": rtt_ms, "detail": detail}
        rungs.append(rung)
        return rung

    def do_ping(name, target):
        result = ping(target, timeout)
        if result["missing"]:
            state["ping_missing"] = result["detail"]
            return None
        add(name, target, "ping", result["ok"], result["rtt_ms"], result["detail"])
        return result["ok"]

    def say(name, target, ok):
        word = msg["ok"] if ok else (msg["skip"] if ok is None else msg["ng"])
        _progress(progress, "[{0}/{1}] {2} {3} ... {4}".format(
            RUNGS.index(name) + 1, len(RUNGS), msg["rung"][name], target or msg["unknown"], word))

    # 1. loopback
    loop_ping = do_ping("loopback", "127.0.0.1")
    loop_ok = loop_ping
    if not loop_ping:
        ok, rtt, detail = tcp_self_test("127.0.0.1", timeout)
        add("loopback", "127.0.0.1", "tcp", ok, rtt, detail)
        loop_ok = ok
    say("loopback", "127.0.0.1", loop_ok)

    # where the ladder is going, for the route look-ups below
    if gateway is None:
        gateway = detect_gateway(timeout)
        auto_gateway = True
    else:
        auto_gateway = False

    # 2. own address
    own, route_error = source_address(external_ip)
    has_route_out = own is not None
    if own is None and gateway:
        own, _ = source_address(gateway)
    if own is None:
        listed = interface_addresses(timeout)
        usable = [a for a in listed if not is_apipa(a)]
        own = (usable or listed or [None])[0]
    own_ok = None
    if own is None:
        add("own-address", None, "route", False, None, route_error or "no IPv4 address")
        own_ok = False
    else:
        own_ping = do_ping("own-address", own)
        own_ok = own_ping
        if not own_ping:
            ok, rtt, detail = tcp_self_test(own, timeout)
            add("own-address", own, "tcp", ok, rtt, detail)
            own_ok = ok
    say("own-address", own, own_ok and not (own and is_apipa(own)))

    # 3. gateway
    gateway_ok = None
    gateway_ping = None
    gateway_probes = []
    if gateway:
        gateway_ping = do_ping("gateway", gateway)
        gateway_ok = gateway_ping
        if not gateway_ping:
            gateway_probes = tcp_probes(gateway, TCP_PORTS_GATEWAY, timeout)
            reached = _reached(gateway_probes)
            add("gateway", gateway, "tcp", bool(reached), reached[0]["rtt_ms"] if reached else None,
                _probe_text(gateway_probes))
            gateway_ok = bool(reached)
    say("gateway", gateway, gateway_ok)

    # 4. DNS server
    if dns_server is None:
        dns_server = detect_dns_server(gateway, timeout)
    dns_answer = None
    dns_ok = None
    if dns_server:
        if not dns_server.startswith("127."):
            do_ping("dns-server", dns_server)
        dns_answer = dns_query(dns_server, external_name, timeout)
        detail = ("{0} {1}".format(dns_answer["rcode"], " ".join(dns_answer["addresses"])).strip()
                  if dns_answer["answered"] else dns_answer["error"])
        add("dns-server", dns_server, "dns", dns_answer["answered"], dns_answer["rtt_ms"], detail)
        dns_ok = dns_answer["answered"]
    say("dns-server", dns_server, dns_ok)

    # 5. outside host by address
    ext_ping = do_ping("external-ip", external_ip)
    ext_probes = []
    ext_ok = ext_ping
    if not ext_ping:
        ext_probes = tcp_probes(external_ip, TCP_PORTS_EXTERNAL, timeout)
        reached = _reached(ext_probes)
        add("external-ip", external_ip, "tcp", bool(reached), reached[0]["rtt_ms"] if reached else None,
            _probe_text(ext_probes))
        ext_ok = bool(reached)
    say("external-ip", external_ip, ext_ok)

    # 6. outside host by name
    addresses, resolve_error = system_resolve(external_name, timeout + 1)
    source = "system resolver"
    if not addresses and dns_answer and dns_answer["addresses"]:
        addresses, source = dns_answer["addresses"], "dns-server {0}".format(dns_server)
    if not addresses and dns_answer and dns_answer["answered"] and not resolve_error:
        resolve_error = dns_answer["rcode"]
    add("external-name", external_name, "dns", bool(addresses), None,
        "{0}: {1}".format(source, " ".join(addresses)) if addresses else (resolve_error or "no address"))
    name_ping = None
    name_ok = None
    name_probes = []
    if addresses:
        name_ping = do_ping("external-name", addresses[0])
        name_ok = name_ping
        if not name_ping:
            name_probes = tcp_probes(addresses[0], TCP_PORTS_NAME, timeout)
            reached = _reached(name_probes)
            add("external-name", addresses[0], "tcp", bool(reached), reached[0]["rtt_ms"] if reached else None,
                _probe_text(name_probes))
            name_ok = bool(reached)
    say("external-name", external_name, bool(addresses) and name_ok)

    # ---- findings ----
    findings = []
    broken = []   # rung names that failed, in ladder order

    def downstream(item):
        if broken:
            item["detail"] += msg["downstream"]
        return item

    if state["ping_missing"] is not None:
        findings.append(finding("ping-missing", lang, evidence=state["ping_missing"]))
    if loop_ok:
        findings.append(finding("loopback-ok", lang, "127.0.0.1"))
    else:
        findings.append(finding("loopback-failed", lang, "127.0.0.1"))
        broken.append("loopback")
    if own is None:
        findings.append(downstream(finding("no-address", lang, target=route_error or msg["unknown"])))
        broken.append("own-address")
    elif is_apipa(own):
        findings.append(downstream(finding("apipa", lang, own)))
        broken.append("own-address")
    elif not own_ok:
        findings.append(downstream(finding("no-address", lang, own)))
        broken.append("own-address")
    if not has_route_out or (auto_gateway and not gateway and not ext_ok):
        findings.append(downstream(finding("no-gateway", lang, external_ip if not has_route_out else None,
                                           target=external_ip)))
        broken.append("gateway")
    elif gateway and not gateway_ok:
        if ext_ok:
            findings.append(finding("gateway-icmp-filtered", lang, gateway, evidence=msg["beyond_evidence"]))
        else:
            findings.append(downstream(finding("gateway-unreachable", lang, gateway)))
            broken.append("gateway")
    elif gateway and gateway_ping is False and gateway_ok:
        findings.append(finding("gateway-icmp-filtered", lang, gateway,
                                evidence=msg["tcp_evidence"].format(_probe_text(_reached(gateway_probes)))))
    if not dns_server:
        findings.append(downstream(finding("no-dns-server", lang)))
        broken.append("dns-server")
    elif not dns_ok:
        findings.append(downstream(finding("dns-failed", lang, dns_server,
                                           evidence=dns_answer["error"] if dns_answer else "")))
        broken.append("dns-server")
    if not ext_ok:
        findings.append(downstream(finding("internet-unreachable", lang, external_ip,
                                           evidence=_probe_text(ext_probes) or "ping")))
        broken.append("external-ip")
    elif ext_ping is False:
        findings.append(finding("icmp-filtered", lang, external_ip,
                                evidence=msg["tcp_evidence"].format(_probe_text(_reached(ext_probes)))))
    if not addresses:
        findings.append(downstream(finding("name-resolution-failed", lang, external_name,
                                           evidence=resolve_error or msg["unknown"])))
        broken.append("external-name")
    elif not name_ok and ext_ok:
        findings.append(finding("name-host-unreachable", lang, external_name, evidence=addresses[0]))
    if not broken and not any(f["severity"] == "warning" for f in findings):
        findings.append(finding("all-ok", lang, own=own or ""))

    if broken:
        first = next(f for f in findings if f["severity"] == "error")
        summary = msg["summary_broken"].format(msg["rung"][broken[0]], first["title"])
    elif any(f["severity"] == "warning" for f in findings):
        summary = next(f["title"] for f in findings if f["severity"] == "warning")
    else:
        summary = msg["summary_ok"]
    order = {s: i for i, s in enumerate(SEVERITY_ORDER)}
    findings.sort(key=lambda f: order.get(f["severity"], 9))
    return {
        "tool": TOOL,
        "recognized": True,
        "locale": lang,
        "summary": summary,
        "data": {
            "rungs": rungs,
            "gateway": gateway,
            "dns_server": dns_server,
            "own_address": own,
            "external_ip": external_ip,
            "external_name": external_name,
            "name_addresses": addresses,
            "ping_available": state["ping_missing"] is None,
            "broken_at": broken[0] if broken else None,
        },
        "findings": findings,
    }


# ------------------------------------------------------------------------------------------
# Command line.
# ------------------------------------------------------------------------------------------
def _lang_from_argv(argv):
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv) and argv[index + 1] in ("ja", "en"):
            return argv[index + 1]
        if arg in ("--lang=en", "--lang=ja"):
            return arg.split("=", 1)[1]
    return "ja"


def _ip_option(value, lang):
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        raise UserError(MESSAGES[lang]["bad_ip"].format(value)) from None


_HOSTNAME = re.compile(r"^(?=.{1,253}\.?$)(?!-)[A-Za-z0-9_-]{1,63}(?<!-)(?:\.(?!-)[A-Za-z0-9_-]{1,63}(?<!-))*\.?$")


def main(argv=None):
    argv = list(sys.argv[1:] if argv is None else argv)
    prog = "check_connection.py"
    lang = _lang_from_argv(argv)
    try:
        shown = help_lang(argv)
        words = MESSAGES[shown]
        parser = command_line_parser(prog, words["description"], shown)
        parser.add_argument("--gateway", metavar="IP", help=words["h_gateway"])
        parser.add_argument("--dns-server", metavar="IP", help=words["h_dns"])
        parser.add_argument("--external-ip", metavar="IP", default=DEFAULT_EXTERNAL_IP, help=words["h_external_ip"])
        parser.add_argument("--external-name", metavar="NAME", default=DEFAULT_EXTERNAL_NAME, help=words["h_external_name"])
        parser.add_argument("--timeout", metavar="S", default=str(DEFAULT_TIMEOUT), help=words["h_timeout"])
        parser.add_argument("-q", "--quiet", action="store_true", help=words["h_quiet"])
        add_common_options(parser, shown)
        args = parser.parse_args(argv)
        lang = args.lang
        gateway = _ip_option(args.gateway, lang) if args.gateway else None
        dns_server = _ip_option(args.dns_server, lang) if args.dns_server else None
        external_ip = _ip_option(args.external_ip, lang)
        name = args.external_name.strip()
        try:
            name.encode("idna")
            ascii_name = name.encode("idna").decode("ascii")
        except UnicodeError:
            ascii_name = ""
        if not _HOSTNAME.match(ascii_name or ""):
            raise UserError(MESSAGES[lang]["bad_name"].format(args.external_name))
        try:
            timeout = float(args.timeout)
        except ValueError:
            timeout = -1.0
        if not 0 < timeout <= 60:
            raise UserError(MESSAGES[lang]["bad_timeout"].format(args.timeout))

        def progress(line):
            sys.stderr.write(line + "\n")
            sys.stderr.flush()

        report = check(gateway, dns_server, external_ip, name, timeout, lang,
                       None if args.quiet else progress)
        return emit(report, lang, args.json)
    except UserError as exc:
        return fail(prog, str(exc))
    except KeyboardInterrupt:
        fail(prog, _UI[lang]["interrupted"])
        return 130
    except BrokenPipeError:
        return 1
    except Exception as exc:  # never a traceback for a person
        return fail(prog, MESSAGES[lang]["error"].format(exc))


if __name__ == "__main__":
    sys.exit(main())
