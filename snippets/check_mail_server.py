#!/usr/bin/env python3
"""check_mail_server.py: can this computer talk to a mail server, and how safely?

Connects to the usual mail ports of HOST in parallel (SMTP 25/587/465, POP3 110/995,
IMAP 143/993), reads each greeting and the capabilities, tries STARTTLS or TLS with the
certificate checked, and lists the sign-in methods offered. It never sends mail and never
logs in: every session ends politely with QUIT / LOGOUT.

    python3 check_mail_server.py smtp.example.jp
    python3 check_mail_server.py smtp.example.jp --ports 587,465 --lang en
    python3 check_mail_server.py mail.example.jp --ports 2525/submission,10993/imaps --cafile ca.pem

A port may carry its service after a slash when it is not a standard one (smtp, submission,
submissions, pop3, pop3s, imap, imaps); a plain unknown port is recognised from its greeting.
--cafile adds a certificate authority to the system's (it does not replace them); -q/--quiet
leaves out the progress lines on stderr.
Exit status: 0 = no error found, 1 = an error-level finding, 2 = bad command line, 130 = Ctrl+C.
Standard library only, Python 3.9 or newer.
"""

from __future__ import annotations

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

import copy
import queue
import socket
import ssl
import threading
import time

TOOL = "mail_server"
PROG = "check_mail_server.py"

DEFAULT_PORTS = "25,465,587,110,995,143,993"
DEFAULT_TIMEOUT = 5.0
MAX_PORTS = 20
MAX_LINE = 8192          # bytes in one server line
MAX_LINES = 200          # lines in one reply
BANNER_CHARS = 300       # characters of a greeting kept in the report

# service name -> (protocol, how TLS starts)
SERVICES = {
    "smtp": ("smtp", "starttls"),
    "submission": ("smtp", "starttls"),
    "submissions": ("smtp", "implicit"),
    "pop3": ("pop3", "starttls"),
    "pop3s": ("pop3", "implicit"),
    "imap": ("imap", "starttls"),
    "imaps": ("imap", "implicit"),
}
SERVICE_ALIASES = {"smtps": "submissions", "pop": "pop3", "pops": "pop3s", "imap4": "imap"}
WELL_KNOWN = {25: "smtp", 587: "submission", 465: "submissions", 110: "pop3", 995: "pop3s",
              143: "imap", 993: "imaps"}
SUBMISSION_SERVICES = ("submission", "submissions")
OLD_TLS = ("SSLv3", "TLSv1", "TLSv1.1")
EXPIRY_WARNING_DAYS = 14

PAGE_TOOL = "tools/check-mail-server/"
PAGE_PORTS = "mail/blocked-ports/"
PAGE_AUTH = "mail/smtp-auth/"
PAGE_PORTCHECK = "network/port-check/"
PAGE_DNS = "network/nslookup/"

# --- human text: one table keyed by finding id ------------------------------------------------
# Placeholders: {host} {port} {service} {banner} {mechs} {version} {why} {timeout} {days}
# {ports} {open} {error}
FINDINGS = {
    "host-not-found": {
        "severity": "error", "page": PAGE_DNS,
        "ja": {
            "title": "サーバー名が見つかりません",
            "detail": "「{host}」という名前から IP アドレスを引けませんでした ({error})。名前の打ち間違いか、"
                      "このパソコンの DNS (名前解決) がうまく動いていないことが考えられます。",
            "next_steps": [
                "メールアプリの設定画面や、プロバイダーから届いた設定案内と名前を一文字ずつ見比べてください。",
                "ほかの Web サイトが開けるか確かめてください。開けなければ名前解決やネット接続そのものの問題です。",
                "nslookup {host} を実行して、結果をこのサイトの nslookup のページで読んでください。",
            ],
        },
        "en": {
            "title": "The server name cannot be found",
            "detail": "The name \"{host}\" did not resolve to an IP address ({error}). The name may be mistyped, "
                      "or name resolution (DNS) on this computer may not be working.",
            "next_steps": [
                "Compare the name letter by letter with your mail settings or your provider's instructions.",
                "Check whether web sites open. If they do not, the problem is DNS or the connection itself.",
                "Run nslookup {host} and read its output with the nslookup page of this site.",
            ],
        },
    },
    "dns-unavailable": {
        "severity": "error", "page": PAGE_DNS,
        "ja": {
            "title": "名前を調べられませんでした (DNS に届きません)",
            "detail": "「{host}」の IP アドレスを調べようとしましたが、DNS サーバーから答えが返ってきませんでした ({error})。"
                      "名前が間違っているのではなく、このパソコンの名前解決 (DNS) やネット接続そのものが今は使えない状態です。",
            "next_steps": [
                "ほかの Web サイトが開けるか確かめてください。開けなければネット接続の問題です (check_connection.py で順番に確かめられます)。",
                "Wi-Fi やケーブル、ホームゲートウェイ (ルーター) の状態を確かめ、しばらくしてからもう一度実行してください。",
                "VPN やセキュリティソフトを使っていれば、一時的に止めて結果が変わるか確かめてください。",
            ],
        },
        "en": {
            "title": "The name could not be looked up (DNS cannot be reached)",
            "detail": "Looking up the address of \"{host}\" got no answer from the DNS server ({error}). The name is "
                      "not known to be wrong: name resolution (DNS) or the connection itself does not work right now.",
            "next_steps": [
                "Check whether web sites open. If not, the connection is the problem (check_connection.py checks it step by step).",
                "Check Wi-Fi or the cable and the home gateway (router), and run this again a little later.",
                "If you use a VPN or security software, turn it off for a moment and check again.",
            ],
        },
    },
    "local-trust-store-empty": {
        "severity": "warning", "page": PAGE_TOOL,
        "ja": {
            "title": "このパソコンの Python には信頼する認証局が登録されていないため、証明書を確かめられません",
            "detail": "Python が使う認証局の一覧 (トラストストア) が空なので、どのサーバーの証明書も「発行元を信頼できません」になります。"
                      "これはメールサーバーの問題ではなく、このパソコンの Python の設定の問題です ({ports} の証明書は確かめられていません)。"
                      "メールアプリは OS の証明書を使うので、この影響を受けません。",
            "next_steps": [
                "macOS で python.org の Python を使っている場合は、「アプリケーション」の Python のフォルダーにある "
                "「Install Certificates.command」をダブルクリックして実行してから、もう一度確かめてください。",
                "または、信頼できる認証局の一覧のファイル (certifi の cacert.pem など) を --cafile で指定して実行してください。",
            ],
        },
        "en": {
            "title": "This computer's Python trusts no certificate authority, so certificates cannot be checked",
            "detail": "The list of certificate authorities Python uses (its trust store) is empty, so every server "
                      "certificate looks like \"unknown issuer\". This is not a problem of the mail server but of Python "
                      "on this computer (the certificates on {ports} were not checked). Mail programs use the system's "
                      "certificates and are not affected.",
            "next_steps": [
                "With Python from python.org on macOS, run \"Install Certificates.command\" in the Python folder under "
                "Applications, then check again.",
                "Or give a file of trusted certificate authorities (such as certifi's cacert.pem) with --cafile.",
            ],
        },
    },
    "plaintext-after-starttls": {
        "severity": "warning", "page": PAGE_AUTH,
        "ja": {
            "title": "ポート {port} ({service}) で、暗号化の開始の返事の後ろに余分なデータが付いていました",
            "detail": "サーバーは STARTTLS への返事に続けて、暗号化が始まる前のデータを送ってきました。このデータは決まりどおり"
                      "捨てたので結果には使っていません。正常なサーバーはこうしないので、途中の装置やセキュリティソフトが通信に"
                      "割り込んでいるか、サーバーに不具合がある可能性があります。",
            "next_steps": [
                "別のネットワーク (スマートフォンのテザリングなど) から同じ確認をして、結果が変わるか見てください。",
                "変わらなければ、この結果をプロバイダーに伝えてください。",
            ],
        },
        "en": {
            "title": "Port {port} ({service}) sent extra data right after agreeing to start encryption",
            "detail": "After its reply to STARTTLS the server sent more data before encryption began. That data was "
                      "thrown away, as the rules require, and not used. A correct server does not do this: a device "
                      "or security software on the way may be tampering with the connection, or the server is faulty.",
            "next_steps": [
                "Run the same check from another network (for example a phone's tethering) and compare.",
                "If nothing changes, give this result to your provider.",
            ],
        },
    },
    "port-open": {
        "severity": "ok", "page": PAGE_PORTCHECK,
        "ja": {
            "title": "ポート {port} ({service}) に接続できました",
            "detail": "サーバーが応答しました。最初のあいさつ: {banner}",
            "next_steps": [],
        },
        "en": {
            "title": "Port {port} ({service}) accepts connections",
            "detail": "The server answered. Its greeting: {banner}",
            "next_steps": [],
        },
    },
    "port-refused": {
        "severity": "warning", "page": PAGE_PORTCHECK,
        "ja": {
            "title": "ポート {port} ({service}) への接続を拒否されました",
            "detail": "相手 (またはその手前の機器) が、このポートでは受け付けていないとすぐに返事をしました{why}。"
                      "サーバーがこのポートを使っていないか、ファイアウォールが拒否しています。",
            "next_steps": [
                "プロバイダーの案内で、このサーバーがこのポート番号を使うことになっているか確かめてください。",
                "使うことになっているのに拒否される場合は、サーバーの停止や設定変更がないかプロバイダーに問い合わせてください。",
            ],
        },
        "en": {
            "title": "Port {port} ({service}) refused the connection",
            "detail": "The server, or a device in front of it, answered at once that nothing accepts connections "
                      "on this port{why}. The server does not use this port, or a firewall rejects it.",
            "next_steps": [
                "Check in your provider's instructions whether this server is meant to be used on this port.",
                "If it is, ask the provider whether the server is down or its settings have changed.",
            ],
        },
    },
    "port-timeout": {
        "severity": "warning", "page": PAGE_PORTCHECK,
        "ja": {
            "title": "ポート {port} ({service}) から応答がありません",
            "detail": "{timeout} 秒待っても接続できませんでした。途中のファイアウォールが通信を黙って捨てているか、"
                      "サーバーが止まっているか、サーバー名が違うことが考えられます。",
            "next_steps": [
                "別のネットワーク (スマートフォンのテザリングなど) から同じ確認をして、結果が変わるか見てください。",
                "変わるなら、今いるネットワーク (会社、ホテル、公衆 Wi-Fi、プロバイダー) がこのポートを止めています。",
            ],
        },
        "en": {
            "title": "No answer on port {port} ({service})",
            "detail": "No connection within {timeout} seconds. A firewall on the way may be silently dropping the "
                      "traffic, the server may be down, or the server name may be wrong.",
            "next_steps": [
                "Run the same check from another network (for example a phone's tethering) and compare.",
                "If the result changes, the network you are on (office, hotel, public Wi-Fi, provider) blocks this port.",
            ],
        },
    },
    "banner-timeout": {
        "severity": "warning", "page": PAGE_PORTCHECK,
        "ja": {
            "title": "ポート {port} ({service}) はつながりましたが、サーバーが何も言いません",
            "detail": "接続はできましたが、{timeout} 秒待っても最初のあいさつ (バナー) が届きませんでした。"
                      "メールサーバーではないものが待ち受けているか、途中のセキュリティソフトや装置が通信を止めています。"
                      "TLS で始まるポートなら、ポート番号の後ろに /submissions、/pop3s、/imaps を付けて試してください。",
            "next_steps": [
                "ウイルス対策ソフトのメール検査機能を一時的に止めて、結果が変わるか確かめてください。",
                "ポート番号とサーバー名がプロバイダーの案内どおりか確かめてください。",
            ],
        },
        "en": {
            "title": "Port {port} ({service}) connected, but the server says nothing",
            "detail": "The connection opened, but no greeting (banner) came within {timeout} seconds. Something other "
                      "than a mail server may be listening, or security software or a device on the way holds the "
                      "traffic. If the port starts with TLS, add /submissions, /pop3s or /imaps after the port number.",
            "next_steps": [
                "Turn off the mail scanning of your antivirus software for a moment and check again.",
                "Check the port number and server name against your provider's instructions.",
            ],
        },
    },
    "greeting-rejected": {
        "severity": "warning", "page": PAGE_PORTS,
        "ja": {
            "title": "ポート {port} ({service}) のサーバーが接続を断りました",
            "detail": "サーバーはあいさつの代わりに拒否の返事を返しました: {banner}。"
                      "送信元 (この回線の IP アドレス) を受け付けない設定や、一時的な混雑が考えられます。",
            "next_steps": [
                "返事の文面をプロバイダーの案内やサポートに伝えて理由を聞いてください。",
                "しばらく時間をおいて、もう一度確かめてください。",
            ],
        },
        "en": {
            "title": "The server on port {port} ({service}) turned the connection away",
            "detail": "Instead of a greeting the server answered with a refusal: {banner}. It may not accept "
                      "connections from this line's IP address, or it may be busy.",
            "next_steps": [
                "Give the text of the answer to your provider's support and ask why.",
                "Try again a little later.",
            ],
        },
    },
    "protocol-error": {
        "severity": "warning", "page": PAGE_TOOL,
        "ja": {
            "title": "ポート {port} ({service}) とのやりとりが途中で止まりました",
            "detail": "あいさつの後のやりとりがうまくいきませんでした: {error}",
            "next_steps": ["しばらくしてからもう一度確かめてください。続くならこの結果をプロバイダーに伝えてください。"],
        },
        "en": {
            "title": "The conversation with port {port} ({service}) broke off",
            "detail": "After the greeting the exchange failed: {error}",
            "next_steps": ["Try again later. If it keeps happening, give this result to your provider."],
        },
    },
    "starttls-available": {
        "severity": "ok", "page": PAGE_AUTH,
        "ja": {
            "title": "ポート {port} ({service}) は STARTTLS に対応しています",
            "detail": "平文で接続した後に暗号化へ切り替える STARTTLS が使えます。メールアプリの暗号化の設定は"
                      "「STARTTLS」を選んでください。",
            "next_steps": [],
        },
        "en": {
            "title": "Port {port} ({service}) supports STARTTLS",
            "detail": "The connection can switch to encryption with STARTTLS. Choose \"STARTTLS\" as the encryption "
                      "setting of your mail program.",
            "next_steps": [],
        },
    },
    "starttls-missing": {
        "severity": "warning", "page": PAGE_AUTH,
        "ja": {
            "title": "ポート {port} ({service}) は STARTTLS を提示していません",
            "detail": "このポートでは通信を暗号化できません。パスワードやメールの中身が暗号化されずに流れます。"
                      "途中の装置やセキュリティソフトが STARTTLS の案内を消している場合もあります。",
            "next_steps": [
                "同じサーバーの TLS 専用ポート (送信は 465、受信は 995 や 993) が使えるか確かめて、そちらを使ってください。",
                "プロバイダーの案内に暗号化の方法が書かれていないか確かめてください。",
            ],
        },
        "en": {
            "title": "Port {port} ({service}) does not offer STARTTLS",
            "detail": "This port cannot encrypt the connection: passwords and messages would travel in clear text. "
                      "A device or security software on the way may also be removing the STARTTLS offer.",
            "next_steps": [
                "Check whether the server's TLS ports (465 for sending, 995 or 993 for receiving) work, and use them.",
                "Look for the encryption method in your provider's instructions.",
            ],
        },
    },
    "tls-ok": {
        "severity": "ok", "page": PAGE_AUTH,
        "ja": {
            "title": "ポート {port} ({service}) の暗号化と証明書は正常です ({version})",
            "detail": "{version} で暗号化でき、サーバー証明書も正しく確認できました。{cert}",
            "next_steps": [],
        },
        "en": {
            "title": "Encryption and certificate on port {port} ({service}) are fine ({version})",
            "detail": "The connection is encrypted with {version} and the server certificate checked out. {cert}",
            "next_steps": [],
        },
    },
    "tls-old-version": {
        "severity": "warning", "page": PAGE_AUTH,
        "ja": {
            "title": "ポート {port} ({service}) の暗号化方式が古いです ({version})",
            "detail": "{version} は 2021 年の RFC 8997 でメールの送受信に使わないことになった古い方式です。"
                      "新しいメールアプリや OS では接続できなくなります。",
            "next_steps": ["TLS 1.2 以上に対応しているかプロバイダーに問い合わせてください。"],
        },
        "en": {
            "title": "Port {port} ({service}) uses an old TLS version ({version})",
            "detail": "{version} was retired for mail submission and access by RFC 8997 (2021). Current mail "
                      "programs and systems refuse it.",
            "next_steps": ["Ask your provider about TLS 1.2 or newer."],
        },
    },
    "tls-certificate-error": {
        "severity": "error", "page": PAGE_AUTH,
        "ja": {
            "title": "ポート {port} ({service}) の証明書に問題があります: {why}",
            "detail": "{explain}メールアプリは「証明書が正しくない」「サーバーの識別情報を確認できません」などの"
                      "警告を出して接続を止めます。(技術的な理由: {error})",
            "next_steps": [
                "メールアプリに設定したサーバー名が、プロバイダーの案内どおりか確かめてください (証明書の名前と合っている必要があります)。",
                "パソコンの日付と時刻が正しいか確かめてください。",
                "警告を無視して接続を続ける設定にはせず、直らなければプロバイダーに連絡してください。",
            ],
        },
        "en": {
            "title": "The certificate on port {port} ({service}) has a problem: {why}",
            "detail": "{explain} Mail programs stop with a warning such as \"the certificate is not valid\" or "
                      "\"cannot verify the server's identity\". (Technical reason: {error})",
            "next_steps": [
                "Check that the server name in your mail program is exactly the one your provider gives "
                "(it must match the certificate).",
                "Check that this computer's date and time are right.",
                "Do not tell the mail program to ignore the warning; contact your provider if it stays.",
            ],
        },
    },
    "tls-certificate-expiring": {
        "severity": "warning", "page": PAGE_AUTH,
        "ja": {
            "title": "ポート {port} ({service}) の証明書はまもなく期限切れです",
            "detail": "証明書の有効期限まであと {days} 日です ({cert})。期限が過ぎるとメールアプリが接続を止めます。",
            "next_steps": ["自分で管理しているサーバーなら証明書を更新してください。そうでなければプロバイダーに知らせてください。"],
        },
        "en": {
            "title": "The certificate on port {port} ({service}) expires soon",
            "detail": "The certificate expires in {days} days ({cert}). After that, mail programs stop connecting.",
            "next_steps": ["Renew it if you run the server; otherwise tell your provider."],
        },
    },
    "tls-failed": {
        "severity": "error", "page": PAGE_AUTH,
        "ja": {
            "title": "ポート {port} ({service}) で暗号化を始められません: {why}",
            "detail": "{explain} (技術的な理由: {error})",
            "next_steps": [
                "メールアプリの暗号化の設定 (SSL/TLS か STARTTLS か) とポート番号の組み合わせを確かめてください: "
                "465・995・993 は SSL/TLS、587・110・143 は STARTTLS です。",
                "直らなければこの結果をプロバイダーに伝えてください。",
            ],
        },
        "en": {
            "title": "Encryption cannot start on port {port} ({service}): {why}",
            "detail": "{explain} (Technical reason: {error})",
            "next_steps": [
                "Check the pair of encryption setting and port in your mail program: 465, 995 and 993 use SSL/TLS; "
                "587, 110 and 143 use STARTTLS.",
                "If it stays, give this result to your provider.",
            ],
        },
    },
    "auth-offered": {
        "severity": "ok", "page": PAGE_AUTH,
        "ja": {
            "title": "ポート {port} ({service}) は暗号化の後にログイン方法を示しています: {mechs}",
            "detail": "暗号化した状態で使えるログイン (認証) の方式: {mechs}。メールアプリの認証の設定は"
                      "「通常のパスワード」(PLAIN / LOGIN) か、表示されていれば OAuth2 (XOAUTH2 / OAUTHBEARER) を選びます。",
            "next_steps": [],
        },
        "en": {
            "title": "Port {port} ({service}) offers sign-in after encryption: {mechs}",
            "detail": "Sign-in (authentication) methods available over the encrypted connection: {mechs}. In your mail "
                      "program choose \"normal password\" (PLAIN / LOGIN), or OAuth2 (XOAUTH2 / OAUTHBEARER) when listed.",
            "next_steps": [],
        },
    },
    "auth-not-offered": {
        "severity": "warning", "page": PAGE_AUTH,
        "ja": {
            "title": "ポート {port} ({service}) はログイン方法を示していません",
            "detail": "このポートではメールアプリがログインできません。送信ポートでこうなっていると、送信は"
                      "「リレーを拒否」などのエラーで断られます。",
            "next_steps": [
                "サーバー名とポート番号がプロバイダーの案内どおりか確かめてください。",
                "別の送信ポート (587 または 465) の結果を見て、ログイン方法が示されている方を使ってください。",
            ],
        },
        "en": {
            "title": "Port {port} ({service}) offers no way to sign in",
            "detail": "A mail program cannot sign in on this port. On a sending port, mail is then refused with "
                      "errors such as \"relaying denied\".",
            "next_steps": [
                "Check the server name and port against your provider's instructions.",
                "Look at the other sending port (587 or 465) and use the one that offers sign-in.",
            ],
        },
    },
    "auth-in-cleartext": {
        "severity": "warning", "page": PAGE_AUTH,
        "ja": {
            "title": "ポート {port} ({service}) は暗号化の前からログインを受け付けます",
            "detail": "暗号化していない状態でログイン方法 ({mechs}) を示しています。メールアプリの暗号化が"
                      "「なし」になっていると、パスワードがそのままネットワークに流れます。",
            "next_steps": [
                "メールアプリの暗号化の設定を「STARTTLS」または「SSL/TLS」にしてください。",
                "自分で管理しているサーバーなら、暗号化の後にだけログインを受け付けるように設定してください。",
            ],
        },
        "en": {
            "title": "Port {port} ({service}) accepts sign-in before encryption",
            "detail": "Sign-in methods ({mechs}) are offered on the unencrypted connection. If your mail program's "
                      "encryption is set to \"none\", the password travels in clear text.",
            "next_steps": [
                "Set the mail program's encryption to \"STARTTLS\" or \"SSL/TLS\".",
                "If you run the server, accept sign-in only after encryption.",
            ],
        },
    },
    "submission-blocked-likely": {
        "severity": "warning", "page": PAGE_PORTS,
        "ja": {
            "title": "送信用のポート ({ports}) に届きません",
            "detail": "このサーバーのほかのポートは応答するのに、メールアプリが送信に使うポートだけ接続できません。"
                      "今いるネットワーク (会社、ホテル、公衆 Wi-Fi など) が送信用ポートを止めているか、"
                      "このサーバーが送信を受け付けていない (受信専用の名前を入れている) ことが考えられます。",
            "next_steps": [
                "送信サーバー名が受信サーバー名と別になっていないか、プロバイダーの案内で確かめてください。",
                "スマートフォンのテザリングなど別のネットワークから同じ確認をして、結果が変わるか見てください。",
                "変わるなら、そのネットワークの管理者に 587 番と 465 番の通信を許可してもらってください。",
            ],
        },
        "en": {
            "title": "The sending ports ({ports}) cannot be reached",
            "detail": "Other ports of this server answer, but the ports that mail programs send on do not. The network "
                      "you are on (office, hotel, public Wi-Fi) may block them, or this server does not take mail "
                      "for sending (an incoming-only name).",
            "next_steps": [
                "Check in your provider's instructions whether the outgoing server has a different name.",
                "Run the same check from another network (for example a phone's tethering) and compare.",
                "If it changes, ask that network's administrator to allow ports 587 and 465.",
            ],
        },
    },
    "op25b-likely": {
        "severity": "info", "page": PAGE_PORTS,
        "ja": {
            "title": "ポート 25 は使えません (OP25B の可能性が高い)",
            "detail": "ポート 25 はサーバー同士の配送用です。日本の多くのプロバイダーは迷惑メール対策として、"
                      "契約者の回線から外部のサーバーのポート 25 へ出る通信を止めています (OP25B: Outbound Port 25 Blocking)。"
                      "{alt}",
            "next_steps": [
                "メールアプリの送信 (SMTP) ポートを 587 (STARTTLS) または 465 (SSL/TLS) にしてください。",
                "送信サーバーの認証 (SMTP 認証、「送信サーバーは認証が必要」) を有効にしてください。",
            ],
        },
        "en": {
            "title": "Port 25 is not usable from here (probably OP25B)",
            "detail": "Port 25 is for delivery between servers. Most Japanese providers block traffic from customer "
                      "lines to port 25 of outside servers against spam (OP25B: Outbound Port 25 Blocking). {alt}",
            "next_steps": [
                "Set the outgoing (SMTP) port of your mail program to 587 (STARTTLS) or 465 (SSL/TLS).",
                "Turn on authentication for the outgoing server (SMTP AUTH, \"my outgoing server requires authentication\").",
            ],
        },
    },
    "no-port-answers": {
        "severity": "error", "page": PAGE_PORTCHECK,
        "ja": {
            "title": "どのポートにも接続できません",
            "detail": "{host} ({address}) の調べたポートはすべて{how}。サーバー名が違う、サーバーが止まっている、"
                      "またはこのパソコンかネットワークのファイアウォールがメールの通信を止めていることが考えられます。",
            "next_steps": [
                "サーバー名をプロバイダーの案内と見比べてください。",
                "ウイルス対策ソフトやファイアウォールの設定で、メールアプリや Python の通信が止められていないか確かめてください。",
                "別のネットワークから同じ確認をして、結果が変わるか見てください。",
            ],
        },
        "en": {
            "title": "No port answers",
            "detail": "Every port checked on {host} ({address}) {how}. The server name may be wrong, the server may be "
                      "down, or a firewall on this computer or the network blocks mail traffic.",
            "next_steps": [
                "Compare the server name with your provider's instructions.",
                "Check whether antivirus or firewall software blocks your mail program or Python.",
                "Run the same check from another network and compare.",
            ],
        },
    },
}

# Plain words for the reason a TLS handshake failed: reason -> (short, explanation)
TLS_REASONS = {
    "expired": {
        "ja": ("有効期限切れ", "サーバー証明書の有効期限が切れています。"),
        "en": ("expired", "The server certificate has expired."),
    },
    "not-yet-valid": {
        "ja": ("まだ有効期間前", "サーバー証明書の有効期間がまだ始まっていません。このパソコンの日付が狂っていることがよくあります。"),
        "en": ("not yet valid", "The server certificate is not valid yet. Often this computer's date is wrong."),
    },
    "hostname-mismatch": {
        "ja": ("名前が一致しません", "証明書に書かれた名前が、接続に使ったサーバー名「{host}」と一致しません。"
                                   "サーバー名の入れ間違いか、別の名前で接続すべきサーバーです。"),
        "en": ("the name does not match", "The name in the certificate does not match the server name \"{host}\" "
                                          "that was used. The name may be mistyped, or the server expects another name."),
    },
    "self-signed": {
        "ja": ("自己署名証明書", "サーバー証明書が自己署名 (self-signed) で、信頼できる認証局が発行したものではありません。"),
        "en": ("self-signed certificate", "The server certificate is self-signed: no trusted certificate authority issued it."),
    },
    "unknown-ca": {
        "ja": ("発行元を信頼できません", "証明書の発行元 (認証局) がこのパソコンで信頼されていないか、途中の証明書 (中間証明書) が"
                                      "サーバーから送られていません。会社のセキュリティ装置が通信を検査している場合にも起こります。"),
        "en": ("unknown issuer", "The certificate authority that issued it is not trusted here, or the server does not "
                                 "send the intermediate certificate. Security devices that inspect traffic also cause this."),
    },
    "revoked": {
        "ja": ("失効しています", "サーバー証明書は発行元によって取り消されています。"),
        "en": ("revoked", "The issuer has revoked the server certificate."),
    },
    "certificate": {
        "ja": ("証明書を確認できません", "サーバー証明書の確認に失敗しました。"),
        "en": ("the certificate cannot be verified", "Checking the server certificate failed."),
    },
    "old-protocol": {
        "ja": ("古い暗号化方式しか使えません", "サーバーは TLS 1.0 / 1.1 などの古い方式しか話せないようです。"
                                          "今の OS やメールアプリはこれを使いません (RFC 8997)。"),
        "en": ("only old TLS versions", "The server seems to speak only old versions such as TLS 1.0 / 1.1, which "
                                        "current systems and mail programs no longer use (RFC 8997)."),
    },
    "not-tls": {
        "ja": ("TLS で話していません", "このポートは最初から暗号化する (SSL/TLS) ポートではないようです。"
                                   "ポート番号か暗号化の種類 (SSL/TLS と STARTTLS) の組み合わせが違う可能性があります。"),
        "en": ("it does not speak TLS", "This port does not seem to start with TLS. The port number or the kind of "
                                        "encryption (SSL/TLS vs STARTTLS) may be mixed up."),
    },
    "starttls-refused": {
        "ja": ("STARTTLS を断られました", "STARTTLS を提示しているのに、頼むと断られました: {reply}"),
        "en": ("STARTTLS was refused", "STARTTLS is offered but the request was refused: {reply}"),
    },
    "timeout": {
        "ja": ("時間切れ", "暗号化の開始中にサーバーが応答しなくなりました。"),
        "en": ("timed out", "The server stopped answering while encryption was being set up."),
    },
    "closed": {
        "ja": ("接続を切られました", "暗号化の開始中にサーバーが接続を切りました。"),
        "en": ("the connection was closed", "The server closed the connection while encryption was being set up."),
    },
    "handshake": {
        "ja": ("ハンドシェイクの失敗", "暗号化の取り決め (ハンドシェイク) が成立しませんでした。"),
        "en": ("handshake failure", "The TLS handshake did not succeed."),
    },
}
CERT_REASONS = ("expired", "not-yet-valid", "hostname-mismatch", "self-signed", "unknown-ca", "revoked", "certificate")

# OpenSSL X509_V_ERR_* codes -> reason
_VERIFY_CODES = {
    10: "expired", 9: "not-yet-valid", 62: "hostname-mismatch", 64: "hostname-mismatch",
    18: "self-signed", 19: "unknown-ca", 20: "unknown-ca", 21: "unknown-ca", 2: "unknown-ca",
    23: "revoked",
}

UI = {
    "ja": {
        "summary": "{host} ({address}): {total} 個のポートのうち {open} 個に接続できました。{verdict}",
        "summary_none": "{host} ({address}): 調べた {total} 個のポートのどれにも接続できませんでした。",
        "summary_nohost": "{host} という名前のサーバーが見つかりませんでした。",
        "summary_nodns": "{host} の名前を調べられませんでした。DNS に届いていません。",
        "verdict_ok": "問題は見つかりませんでした。",
        "verdict_issues": "{parts}あります。",
        "verdict_errors": "エラーが {0} 件",
        "verdict_warnings": "注意が {0} 件",
        "verdict_sep": "、",
        "how_timeout": "応答がありませんでした",
        "how_refused": "接続を拒否されました",
        "how_mixed": "応答がないか、接続を拒否されました",
        "why_unreach": " (相手に届かないという通知: {0})",
        "alt_ok": "このサーバーの送信用ポート ({0}) には接続できているので、そちらを使えば送信できます。",
        "alt_none": "送信用ポート 587 と 465 も確かめてください (--ports 587,465)。",
        "cert_info": "証明書: {subject}、発行元 {issuer}、有効期限 {not_after}。",
        "no_banner": "(なし)",
        "resolving": "{0} の名前を調べています…",
        "probing": "{host} ({address}) の {n} 個のポートを調べています (最長 {secs:.0f} 秒)…",
        "st_open": "接続できました",
        "st_refused": "接続を拒否されました",
        "st_timeout": "応答がありません",
        "st_silent": "つながりましたが、あいさつがありません",
        "st_tls": "TLS {0}",
        "st_tls_error": "TLS エラー: {0}",
        "st_starttls_missing": "STARTTLS なし",
        "err_host_empty": "サーバー名を指定してください (例: smtp.example.jp)。",
        "err_host_email": "「{0}」はメールアドレスです。@ より後ろではなく、メールアプリに設定するサーバー名 (例: smtp.example.jp) を指定してください。",
        "err_host_url": "「{0}」は URL です。サーバー名だけ (例: smtp.example.jp) を指定してください。",
        "err_host_port": "「{0}」にはポート番号が付いています。ポートは --ports で指定してください (例: --ports 587)。",
        "err_host_bad": "サーバー名に使えない文字が入っています: {0}",
        "err_port": "ポートの指定が正しくありません: 「{0}」(1〜65535 の数字を , で区切ります。例: --ports 587,465)",
        "err_service": "「{0}」は知らないサービス名です。使えるのは {1} です。",
        "err_too_many": "ポートが多すぎます ({0} 個)。{1} 個までにしてください。",
        "err_no_ports": "ポートが指定されていません (例: --ports 587,465)。",
        "err_timeout": "--timeout には 0.1〜120 秒の数を指定してください: {0}",
        "err_cafile": "--cafile の証明書ファイルを読めません: {0}",
        "err_args": "コマンドラインが正しくありません: {0}",
        "description": "メールサーバーのポート、STARTTLS/TLS、証明書、ログイン方法を確かめます。"
                       "メールを送ることも、ログインすることもありません。",
        "h_host": "メールサーバーの名前 (例: smtp.example.jp)",
        "h_ports": "調べるポートを , で区切って指定します。標準以外の番号には 2525/submission のようにサービスを"
                   "付けられます (既定: " + DEFAULT_PORTS + ")",
        "h_timeout": "それぞれの答えを待つ秒数 (既定: {0})。名前の確認を含めて、長くてもこの 2 倍の時間で終わります".format(
            DEFAULT_TIMEOUT),
        "h_cafile": "信頼する認証局の証明書 (PEM) のファイル。OS の認証局に追加して使います (社内の認証局など)",
        "h_quiet": "途中経過を標準エラー出力に出しません (結果はそのまま出します)",
    },
    "en": {
        "summary": "{host} ({address}): {open} of {total} ports accepted a connection. {verdict}",
        "summary_none": "{host} ({address}): none of the {total} ports checked accepted a connection.",
        "summary_nohost": "No server named {host} was found.",
        "summary_nodns": "The name {host} could not be looked up: DNS cannot be reached.",
        "verdict_ok": "No problems found.",
        "verdict_issues": "{parts}.",
        "verdict_errors": "{0} error(s)",
        "verdict_warnings": "{0} warning(s)",
        "verdict_sep": " and ",
        "how_timeout": "gave no answer",
        "how_refused": "refused the connection",
        "how_mixed": "gave no answer or refused the connection",
        "why_unreach": " (an \"unreachable\" notice came back: {0})",
        "alt_ok": "The sending port(s) of this server ({0}) do answer: use them and mail can go out.",
        "alt_none": "Check the sending ports 587 and 465 as well (--ports 587,465).",
        "cert_info": "Certificate: {subject}, issued by {issuer}, valid until {not_after}.",
        "no_banner": "(none)",
        "resolving": "looking up {0} ...",
        "probing": "checking {n} port(s) of {host} ({address}), at most {secs:.0f} seconds ...",
        "st_open": "open",
        "st_refused": "refused",
        "st_timeout": "no answer",
        "st_silent": "connected, but no greeting",
        "st_tls": "TLS {0}",
        "st_tls_error": "TLS error: {0}",
        "st_starttls_missing": "no STARTTLS",
        "err_host_empty": "give the server name (for example smtp.example.jp).",
        "err_host_email": "\"{0}\" is a mail address; give the server name from your mail settings (for example smtp.example.jp).",
        "err_host_url": "\"{0}\" is a URL; give only the server name (for example smtp.example.jp).",
        "err_host_port": "\"{0}\" carries a port number; give ports with --ports (for example --ports 587).",
        "err_host_bad": "the server name contains characters that cannot be used: {0}",
        "err_port": "bad port list: \"{0}\" (numbers 1-65535 separated by commas, for example --ports 587,465)",
        "err_service": "\"{0}\" is not a known service; use one of {1}.",
        "err_too_many": "too many ports ({0}); the limit is {1}.",
        "err_no_ports": "no port given (for example --ports 587,465).",
        "err_timeout": "--timeout takes a number of seconds from 0.1 to 120: {0}",
        "err_cafile": "cannot read the --cafile certificate file: {0}",
        "err_args": "bad command line: {0}",
        "description": "Check the ports, STARTTLS/TLS, certificates and sign-in methods of a mail server. "
                       "It never sends mail and never logs in.",
        "h_host": "mail server name, e.g. smtp.example.jp",
        "h_ports": "comma-separated ports, optionally PORT/SERVICE (default: " + DEFAULT_PORTS + ")",
        "h_timeout": "seconds to wait for each answer (default: {0}); the run, name look-up included, takes at "
                     "most twice that".format(DEFAULT_TIMEOUT),
        "h_cafile": "PEM file of a certificate authority to trust in addition to the system's (e.g. a company CA)",
        "h_quiet": "no progress lines on stderr (the report is printed as usual)",
    },
}


# --- helpers ---------------------------------------------------------------------------------

def _lang(lang):
    return lang if lang in ("ja", "en") else "ja"


def _printable(text, limit=BANNER_CHARS):
    """Server text made safe to print: control characters (C0, DEL, C1), bidi overrides and lone
    surrogates replaced, length limited."""
    out = "".join(ch if ch == "\n" or not (ord(ch) in _TERMINAL_UNSAFE or "\ud800" <= ch <= "\udfff") else "?"
                  for ch in text)
    return out if len(out) <= limit else out[:limit] + "…"


def parse_ports(text, lang="ja"):
    """'25,587,2525/submission' -> [(25, 'smtp'), (587, 'submission'), (2525, 'submission')].
    A service of None means: recognise it from the greeting. Raises UserError."""
    ui = UI[_lang(lang)]
    items = []
    seen = set()
    for raw in (text or "").split(","):
        part = raw.strip()
        if not part:
            continue
        number, _, service = part.partition("/")
        number = number.strip()
        if not number.isdigit() or not 1 <= int(number) <= 65535 or len(number) > 5:
            raise UserError(ui["err_port"].format(part))
        port = int(number)
        service = service.strip().lower()
        if service:
            service = SERVICE_ALIASES.get(service, service)
            if service not in SERVICES:
                raise UserError(ui["err_service"].format(service, ", ".join(SERVICES)))
        else:
            service = WELL_KNOWN.get(port)
        if port in seen:
            continue
        seen.add(port)
        items.append((port, service))
    if not items:
        raise UserError(ui["err_no_ports"])
    if len(items) > MAX_PORTS:
        raise UserError(ui["err_too_many"].format(len(items), MAX_PORTS))
    return items


def check_host(host, lang="ja"):
    """The server name as given, cleaned; raises UserError for things that are not a host name."""
    ui = UI[_lang(lang)]
    name = (host or "").strip()
    if not name:
        raise UserError(ui["err_host_empty"])
    if "://" in name or "/" in name:
        raise UserError(ui["err_host_url"].format(name))
    if "@" in name:
        raise UserError(ui["err_host_email"].format(name))
    if name.startswith("[") and name.endswith("]"):
        name = name[1:-1]
    if name.count(":") == 1:
        raise UserError(ui["err_host_port"].format(name))
    if any(ch.isspace() or ord(ch) < 32 or "\ud800" <= ch <= "\udfff" for ch in name) or len(name) > 253:
        raise UserError(ui["err_host_bad"].format(_printable(name, 80)))
    return name.rstrip(".") if name != "." else name


def default_resolver(host):
    """IP addresses of HOST (IPv4 first), via the system resolver. Raises OSError."""
    infos = socket.getaddrinfo(host, None, 0, socket.SOCK_STREAM)
    v4 = [i[4][0] for i in infos if i[0] == socket.AF_INET]
    v6 = [i[4][0] for i in infos if i[0] == socket.AF_INET6]
    out = []
    for addr in v4 + v6:
        if addr not in out:
            out.append(addr)
    return out


# getaddrinfo's "temporary failure": the DNS server did not answer (POSIX EAI_AGAIN, Windows WSATRY_AGAIN)
_DNS_UNAVAILABLE_ERRNOS = {getattr(socket, "EAI_AGAIN", -3), 11002}


class _ResolveTimeout(OSError):
    """The name look-up did not finish within the timeout."""


def resolve(resolver, host, timeout):
    """resolver(host) in a thread, waited for at most TIMEOUT seconds: getaddrinfo itself has no
    timeout (a silent DNS server holds it for 10 s or more). Raises what resolver raises, or
    _ResolveTimeout."""
    box = {}

    def work():
        try:
            box["addresses"] = list(resolver(host))
        except BaseException as exc:  # noqa: BLE001 - handed to the caller's thread
            box["error"] = exc

    thread = threading.Thread(target=work, daemon=True, name="resolve")
    thread.start()
    thread.join(timeout)
    if thread.is_alive():
        raise _ResolveTimeout("no answer from DNS within {0:g} seconds".format(timeout))
    if "error" in box:
        raise box["error"]
    return box["addresses"]


def _resolve_failure_kind(exc):
    """'unavailable' when DNS could not be asked or did not answer, 'not-found' otherwise."""
    if isinstance(exc, _ResolveTimeout):
        return "unavailable"
    if isinstance(exc, socket.gaierror) and exc.errno in _DNS_UNAVAILABLE_ERRNOS:
        return "unavailable"
    return "not-found"


def _is_ip(text):
    for family in (socket.AF_INET, socket.AF_INET6):
        try:
            socket.inet_pton(family, text)
            return True
        except (OSError, ValueError):
            pass
    return False


class _Closed(Exception):
    """The server closed the connection."""


class _ProtocolError(Exception):
    """The server said something this script cannot follow."""


class _StartTLSRefused(Exception):
    def __init__(self, reply):
        Exception.__init__(self, reply)
        self.reply = reply


class _Conn:
    """A line-oriented connection whose every operation waits at most `timeout` and never past
    `deadline` (time.monotonic())."""

    def __init__(self, sock, timeout, deadline):
        self.sock = sock
        self.timeout = timeout
        self.deadline = deadline
        self.buf = b""
        self.leftover_before_tls = False

    def _arm(self):
        remaining = self.deadline - time.monotonic()
        if remaining <= 0:
            raise socket.timeout("deadline")
        self.sock.settimeout(min(self.timeout, remaining))

    def readline(self):
        while b"\n" not in self.buf:
            if len(self.buf) > MAX_LINE:
                raise _ProtocolError("line too long")
            self._arm()
            data = self.sock.recv(4096)
            if not data:
                raise _Closed("connection closed")
            self.buf += data
        line, _, self.buf = self.buf.partition(b"\n")
        return line.rstrip(b"\r").decode("utf-8", "replace")

    def send(self, line):
        self._arm()
        self.sock.sendall(line.encode("ascii") + b"\r\n")

    def start_tls(self, context, server_hostname):
        if self.buf:
            # RFC 3207 / 2595: anything the server sent before the handshake must be discarded.
            self.leftover_before_tls = True
            self.buf = b""
        self._arm()
        self.sock = context.wrap_socket(self.sock, server_hostname=server_hostname)

    def close(self):
        try:
            self.sock.close()
        except OSError:
            pass


def _ehlo_name(sock):
    """A neutral EHLO argument: this side's address as an address literal (RFC 5321 4.1.3)."""
    try:
        local = sock.getsockname()[0]
    except (OSError, IndexError):
        return "[127.0.0.1]"
    if ":" in local:
        return "[IPv6:{0}]".format(local.split("%")[0])
    return "[{0}]".format(local)


# --- the three protocols ---------------------------------------------------------------------

def _smtp_reply(conn, first=None):
    lines = []
    line = first if first is not None else conn.readline()
    while True:
        if len(line) < 3 or not line[:3].isdigit():
            raise _ProtocolError("unexpected SMTP reply: " + _printable(line, 80))
        lines.append(line)
        if len(line) == 3 or line[3] != "-" or len(lines) >= MAX_LINES:
            return line[:3], lines
        line = conn.readline()


def _smtp_caps(conn, name):
    conn.send("EHLO " + name)
    code, lines = _smtp_reply(conn)
    if code != "250":
        conn.send("HELO " + name)
        _smtp_reply(conn)
        return []
    return [line[4:].strip() for line in lines[1:]]


def _smtp_auth(caps):
    mechs = []
    for cap in caps:
        word = cap.upper().replace("=", " ", 1).split()
        if word and word[0] == "AUTH":
            for mech in word[1:]:
                if mech not in mechs:
                    mechs.append(mech)
    return mechs


def _smtp_session(conn, res, tls, first_line=None):
    code, lines = _smtp_reply(conn, first_line)
    res["banner"] = _printable("\n".join(lines))
    if code != "220":
        res["greeting_rejected"] = True
        return
    res["stage"] = "capabilities"
    name = _ehlo_name(conn.sock)
    caps = _smtp_caps(conn, name)
    if res["tls_mode"] == "implicit":
        _store_caps(res, caps, _smtp_auth(caps), None, after_tls=True)
    else:
        _store_caps(res, caps, _smtp_auth(caps), None, after_tls=False)
        res["starttls"] = any(c.upper() == "STARTTLS" for c in caps)
        if res["starttls"]:
            res["stage"] = "starttls"
            conn.send("STARTTLS")
            code, lines = _smtp_reply(conn)
            if code != "220":
                raise _StartTLSRefused(" ".join(lines))
            tls(conn)
            res["stage"] = "capabilities after TLS"
            caps = _smtp_caps(conn, name)
            _store_caps(res, caps, _smtp_auth(caps), None, after_tls=True)
    res["stage"] = "quit"
    conn.send("QUIT")
    _smtp_reply(conn)


def _pop3_caps(conn):
    conn.send("CAPA")
    line = conn.readline()
    if not line.startswith("+OK"):
        return []
    caps = []
    for _ in range(MAX_LINES):
        line = conn.readline()
        if line == ".":
            break
        caps.append(line.strip())
    return caps


def _pop3_auth(caps):
    mechs = []
    for cap in caps:
        words = cap.upper().split()
        if words and words[0] == "SASL":
            mechs.extend(m for m in words[1:] if m not in mechs)
    return mechs, any(c.upper().split()[:1] == ["USER"] for c in caps if c.strip())


def _pop3_session(conn, res, tls, first_line=None):
    line = first_line if first_line is not None else conn.readline()
    res["banner"] = _printable(line)
    if not line.startswith("+OK"):
        res["greeting_rejected"] = True
        return
    res["stage"] = "capabilities"
    caps = _pop3_caps(conn)
    mechs, user = _pop3_auth(caps)
    if res["tls_mode"] == "implicit":
        _store_caps(res, caps, mechs, user, after_tls=True)
    else:
        _store_caps(res, caps, mechs, user, after_tls=False)
        res["starttls"] = any(c.upper() == "STLS" for c in caps)
        if res["starttls"]:
            res["stage"] = "starttls"
            conn.send("STLS")
            reply = conn.readline()
            if not reply.startswith("+OK"):
                raise _StartTLSRefused(reply)
            tls(conn)
            res["stage"] = "capabilities after TLS"
            caps = _pop3_caps(conn)
            mechs, user = _pop3_auth(caps)
            _store_caps(res, caps, mechs, user, after_tls=True)
    res["stage"] = "quit"
    conn.send("QUIT")
    conn.readline()


def _imap_command(conn, tag, command):
    conn.send("{0} {1}".format(tag, command))
    untagged = []
    for _ in range(MAX_LINES):
        line = conn.readline()
        if line.startswith(tag + " "):
            return line[len(tag) + 1:], untagged
        untagged.append(line)
    raise _ProtocolError("no tagged reply to " + command)


def _imap_caps(conn, tag):
    status, untagged = _imap_command(conn, tag, "CAPABILITY")
    caps = []
    for line in untagged:
        if line.upper().startswith("* CAPABILITY "):
            caps.extend(line.split()[2:])
    return caps


def _imap_auth(caps):
    upper = [c.upper() for c in caps]
    mechs = [c[5:] for c in upper if c.startswith("AUTH=")]
    return mechs, "LOGINDISABLED" not in upper


def _imap_session(conn, res, tls, first_line=None):
    line = first_line if first_line is not None else conn.readline()
    res["banner"] = _printable(line)
    upper = line.upper()
    if not (upper.startswith("* OK") or upper.startswith("* PREAUTH")):
        res["greeting_rejected"] = True
        return
    res["stage"] = "capabilities"
    caps = _imap_caps(conn, "C1")
    mechs, login = _imap_auth(caps)
    if res["tls_mode"] == "implicit":
        _store_caps(res, caps, mechs, login, after_tls=True)
    else:
        _store_caps(res, caps, mechs, login, after_tls=False)
        res["starttls"] = "STARTTLS" in [c.upper() for c in caps]
        if res["starttls"]:
            res["stage"] = "starttls"
            status, _ = _imap_command(conn, "C2", "STARTTLS")
            if not status.upper().startswith("OK"):
                raise _StartTLSRefused(status)
            tls(conn)
            res["stage"] = "capabilities after TLS"
            caps = _imap_caps(conn, "C3")
            mechs, login = _imap_auth(caps)
            _store_caps(res, caps, mechs, login, after_tls=True)
    res["stage"] = "quit"
    _imap_command(conn, "C4", "LOGOUT")


SESSIONS = {"smtp": _smtp_session, "pop3": _pop3_session, "imap": _imap_session}


def _store_caps(res, caps, mechs, plain_login, after_tls):
    """Record capabilities; plain_login: POP3 USER / IMAP LOGIN usable (None for SMTP)."""
    caps = [_printable(c, 200) for c in caps[:MAX_LINES]]
    if after_tls:
        res["capabilities_after_tls"] = caps
    else:
        res["capabilities_before_tls"] = caps
        res["auth_before_tls"] = list(mechs)
        res["plain_login_before_tls"] = bool(plain_login)
    res["auth"] = list(mechs)
    res["plain_login"] = bool(plain_login)


def _sniff(line):
    if line[:3].isdigit():
        return "smtp"
    if line.startswith("+OK") or line.startswith("-ERR"):
        return "pop3"
    if line.startswith("* "):
        return "imap"
    return None


# --- TLS -------------------------------------------------------------------------------------

def _tls_failure(exc):
    """(reason, technical message) for an exception raised while TLS was being set up."""
    if isinstance(exc, ssl.SSLCertVerificationError):
        code = getattr(exc, "verify_code", None)
        message = getattr(exc, "verify_message", None) or str(exc)
        return _VERIFY_CODES.get(code, "certificate"), "{0} (X509 error {1})".format(message, code)
    if isinstance(exc, _StartTLSRefused):
        return "starttls-refused", _printable(exc.reply, 200)
    if isinstance(exc, socket.timeout):
        return "timeout", "timed out"
    if isinstance(exc, ssl.SSLError):
        reason = (getattr(exc, "reason", None) or "").upper()
        text = "{0}".format(getattr(exc, "reason", None) or exc)
        if reason in ("UNSUPPORTED_PROTOCOL", "TLSV1_ALERT_PROTOCOL_VERSION", "NO_PROTOCOLS_AVAILABLE",
                      "WRONG_SSL_VERSION", "VERSION_TOO_LOW", "TLSV1_ALERT_INSUFFICIENT_SECURITY"):
            return "old-protocol", text
        if reason in ("WRONG_VERSION_NUMBER", "PACKET_LENGTH_TOO_LONG", "HTTP_REQUEST", "RECORD_LAYER_FAILURE"):
            return "not-tls", text
        if isinstance(exc, (ssl.SSLEOFError, ssl.SSLZeroReturnError)):
            return "closed", text
        return "handshake", text
    if isinstance(exc, (_Closed, ConnectionError)):
        return "closed", str(exc) or type(exc).__name__
    return "handshake", str(exc) or type(exc).__name__


def _name_of(cert_part):
    """'CN=..., O=...' from the tuple structure of SSLSocket.getpeercert()."""
    out = []
    for rdn in cert_part or ():
        for key, value in rdn:
            if key in ("commonName", "organizationName"):
                out.append("{0}={1}".format("CN" if key == "commonName" else "O", value))
    return ", ".join(out) or "?"


def _tls_info(sock):
    info = {"ok": True, "version": sock.version(), "error": None, "reason": None, "verified": True,
            "cipher": (sock.cipher() or (None,))[0], "certificate": None}
    try:
        cert = sock.getpeercert()
    except (ValueError, OSError):
        cert = None
    if cert:
        not_after = cert.get("notAfter")
        days = None
        if not_after:
            try:
                days = int((ssl.cert_time_to_seconds(not_after) - time.time()) // 86400)
            except (ValueError, OverflowError):
                days = None
        info["certificate"] = {"subject": _name_of(cert.get("subject")), "issuer": _name_of(cert.get("issuer")),
                               "not_after": not_after, "days_left": days,
                               "names": [v for k, v in cert.get("subjectAltName", ()) if k in ("DNS", "IP Address")]}
    return info


def _contexts(cafile):
    """(verifying context, non-verifying context). The verifying one trusts the system's
    certificate authorities plus, with --cafile, those in CAFILE (added, not instead: a server
    with a public certificate still checks out). Raises OSError / ssl.SSLError for a bad cafile."""
    verify = ssl.create_default_context()
    if cafile:
        verify.load_verify_locations(cafile=cafile)
    loose = ssl.create_default_context()
    loose.check_hostname = False
    loose.verify_mode = ssl.CERT_NONE
    return verify, loose


def _trust_store_empty(context):
    """True when CONTEXT trusts no certificate authority at all: no CA loaded and no usable
    directory of CA files (python.org's Python on macOS before "Install Certificates.command",
    or SSL_CERT_FILE / SSL_CERT_DIR pointing at nothing). Every certificate then fails as
    "unknown issuer", whoever the server is."""
    try:
        if context.cert_store_stats().get("x509_ca", 0):
            return False
        paths = ssl.get_default_verify_paths()
    except (AttributeError, ValueError, ssl.SSLError):
        return False
    directory = paths.capath     # the directory in use (SSL_CERT_DIR or the default), None when missing
    if directory and os.path.isdir(directory):   # its files are loaded on demand: not in the stats yet
        try:
            with os.scandir(directory) as entries:
                if any(entry.is_file() for entry in entries):
                    return False
        except OSError:
            pass
    return True


# --- one port --------------------------------------------------------------------------------

def _new_result(port, service):
    protocol, mode = SERVICES.get(service, (None, "starttls"))
    return {
        "port": port, "service": service or "unknown", "protocol": protocol, "tls_mode": mode,
        "address": None, "state": None, "banner": None, "starttls": None, "auth": [],
        "plain_login": False, "auth_before_tls": None, "plain_login_before_tls": False,
        "capabilities_before_tls": None, "capabilities_after_tls": None, "tls": None,
        "greeting_rejected": False, "silent": False, "error": None, "stage": "connect", "elapsed": None,
    }


def _connect(addresses, port, timeout, deadline):
    """(socket, address, None) or (None, address, (state, message))."""
    last = (None, addresses[0] if addresses else None, ("refused", "no address"))
    for addr in addresses[:2] if len(addresses) > 1 else addresses:
        family = socket.AF_INET6 if ":" in addr else socket.AF_INET
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            break
        sock = socket.socket(family, socket.SOCK_STREAM)
        sock.settimeout(min(timeout, remaining))
        try:
            sock.connect((addr, port))
            return sock, addr, None
        except socket.timeout:
            sock.close()
            return None, addr, ("timeout", "timed out")
        except ConnectionRefusedError as exc:
            sock.close()
            last = (None, addr, ("refused", exc.strerror or "refused"))
        except OSError as exc:
            sock.close()
            # "No route to host" / "Network unreachable": an active rejection on the way.
            last = (None, addr, ("refused", exc.strerror or str(exc)))
    return last


def _converse(res, addresses, host, timeout, deadline, context):
    """One connection and conversation; fills RES. Returns the exception that stopped the TLS
    set-up (or None)."""
    sock, addr, problem = _connect(addresses, res["port"], timeout, deadline)
    res["address"] = addr
    if problem:
        res["state"], res["error"] = problem
        return None
    res["state"] = "open"
    conn = _Conn(sock, timeout, deadline)
    tls_error = None

    def tls(c):
        # An IP address as server_hostname is checked against the certificate's IP entries.
        before = res["stage"]
        res["stage"] = "tls"
        c.start_tls(context, host)
        if c.leftover_before_tls:
            res["plaintext_after_starttls"] = True   # a sign of tampering or a broken server
        res["tls"] = _tls_info(c.sock)
        if context.verify_mode == ssl.CERT_NONE:
            res["tls"]["verified"] = False
        res["stage"] = before

    try:
        if res["tls_mode"] == "implicit" and res["protocol"]:
            tls(conn)
        res["stage"] = "banner"
        first = None
        if res["protocol"] is None:
            first = conn.readline()
            res["protocol"] = _sniff(first)
            res["sniffed"] = True
            if res["protocol"] is None:
                res["banner"] = _printable(first)
                raise _ProtocolError("not a mail server greeting")
            if res["service"] == "unknown":
                res["service"] = res["protocol"]
        SESSIONS[res["protocol"]](conn, res, tls, first)
        res["stage"] = "done"
    except (socket.timeout, _Closed, _ProtocolError, _StartTLSRefused, OSError, UnicodeError) as exc:
        if res["stage"] == "tls" or isinstance(exc, _StartTLSRefused):
            tls_error = exc
        elif res["stage"] == "banner" and res["banner"] is None and isinstance(exc, socket.timeout):
            res["silent"] = True
            res["error"] = "no greeting within the timeout"
        elif isinstance(exc, socket.timeout):
            res["error"] = "timeout while waiting for the server ({0})".format(res["stage"])
        elif isinstance(exc, _Closed):
            res["error"] = "the server closed the connection ({0})".format(res["stage"])
        else:
            res["error"] = "{0} ({1})".format(_printable(str(exc) or type(exc).__name__, 200), res["stage"])
    finally:
        conn.close()
    if tls_error is not None:
        reason, message = _tls_failure(tls_error)
        res["tls"] = {"ok": False, "version": None, "error": message, "reason": reason, "verified": False,
                      "cipher": None, "certificate": None}
    return tls_error


def probe_port(port, service, addresses, host, timeout, deadline, contexts):
    """Everything about one port, as the dict that goes into data.ports."""
    started = time.monotonic()
    res = _new_result(port, service)
    try:
        verify, loose = contexts
        error = _converse(res, addresses, host, timeout, deadline, verify)
        if isinstance(error, ssl.SSLCertVerificationError) and deadline - time.monotonic() > 0.2:
            # The certificate is refused: look again without checking it, to still report the TLS
            # version and what the server offers after TLS. tls.ok stays false.
            again = _new_result(port, service)
            _converse(again, addresses, host, timeout, deadline, loose)
            if again["tls"] and again["tls"].get("version"):
                refused = dict(res["tls"])
                refused["version"] = again["tls"]["version"]
                refused["cipher"] = again["tls"].get("cipher")
                res = again
                res["tls"] = refused
                res["checked_without_verification"] = True
    except Exception as exc:  # a bug must not kill the whole run: report it on this port
        res["error"] = "internal error: {0}: {1}".format(type(exc).__name__, exc)
    res["elapsed"] = round(time.monotonic() - started, 3)
    return res


# --- findings --------------------------------------------------------------------------------

def _finding(fid, lang, subject=None, **values):
    entry = FINDINGS[fid]
    text = entry[lang]

    def fmt(s):
        try:
            return s.format(**values)
        except (KeyError, IndexError, ValueError):
            return s

    out = {"id": fid, "severity": entry["severity"], "title": fmt(text["title"]), "detail": fmt(text["detail"]),
           "next_steps": [fmt(s) for s in text["next_steps"]]}
    if subject:
        out["subject"] = subject
    out["page"] = entry["page"]
    return out


def _port_findings(res, host, lang, timeout, trust_store_empty=False):
    ui = UI[lang]
    subject = "{0}/{1}".format(res["port"], res["service"])
    base = {"port": res["port"], "service": res["service"], "timeout": _num(timeout)}
    out = []
    state = res["state"]
    if state == "refused":
        why = ""
        if res.get("error") and "refused" not in res["error"].lower():
            why = ui["why_unreach"].format(res["error"])
        out.append(_finding("port-refused", lang, subject, why=why, **base))
        return out
    if state == "timeout":
        out.append(_finding("port-timeout", lang, subject, **base))
        return out
    if state != "open":
        return out
    banner = (res.get("banner") or "").split("\n")[0] or ui["no_banner"]
    if res.get("silent"):
        out.append(_finding("banner-timeout", lang, subject, **base))
        return out
    out.append(_finding("port-open", lang, subject, banner=banner, **base))
    if res.get("greeting_rejected"):
        out.append(_finding("greeting-rejected", lang, subject, banner=banner, **base))
        return out
    tls = res.get("tls")
    if res.get("tls_mode") == "starttls" and res.get("starttls") is True:
        out.append(_finding("starttls-available", lang, subject, **base))
    elif res.get("tls_mode") == "starttls" and res.get("starttls") is False:
        out.append(_finding("starttls-missing", lang, subject, **base))
    if tls is not None:
        if tls.get("ok"):
            cert = tls.get("certificate") or {}
            cert_text = ui["cert_info"].format(**cert) if cert else ""
            out.append(_finding("tls-ok", lang, subject, version=tls.get("version"), cert=cert_text, **base))
            days = cert.get("days_left")
            if isinstance(days, int) and days < EXPIRY_WARNING_DAYS:
                out.append(_finding("tls-certificate-expiring", lang, subject, days=days, cert=cert.get("not_after"),
                                    **base))
        elif trust_store_empty and tls.get("reason") in ("unknown-ca", "self-signed"):
            pass   # not the server's fault: one local-trust-store-empty finding says so for every port
        else:
            reason = tls.get("reason") or "handshake"
            short, explain = TLS_REASONS.get(reason, TLS_REASONS["handshake"])[lang]
            explain = explain.format(host=host, reply=tls.get("error") or "")
            fid = "tls-certificate-error" if reason in CERT_REASONS else "tls-failed"
            out.append(_finding(fid, lang, subject, why=short, explain=explain, error=tls.get("error") or "", **base))
        if tls.get("version") in OLD_TLS:
            out.append(_finding("tls-old-version", lang, subject, version=tls["version"], **base))
    if res.get("plaintext_after_starttls"):
        out.append(_finding("plaintext-after-starttls", lang, subject, **base))
    if res.get("auth_before_tls") or res.get("plain_login_before_tls"):
        mechs = _login_methods(res.get("auth_before_tls"), res.get("plain_login_before_tls"), res.get("protocol"))
        out.append(_finding("auth-in-cleartext", lang, subject, mechs=", ".join(mechs), **base))
    if tls is not None and tls.get("version"):
        mechs = _login_methods(res.get("auth"), res.get("plain_login"), res.get("protocol"))
        if mechs:
            out.append(_finding("auth-offered", lang, subject, mechs=", ".join(mechs), **base))
        elif res.get("stage") == "done" and res.get("service") != "smtp":
            out.append(_finding("auth-not-offered", lang, subject, **base))
    elif res.get("stage") == "done" and res.get("starttls") is False and res.get("service") in SUBMISSION_SERVICES \
            and not res.get("auth"):
        out.append(_finding("auth-not-offered", lang, subject, **base))
    if res.get("error") and not (tls and tls.get("error")):
        out.append(_finding("protocol-error", lang, subject, error=res["error"], **base))
    return out


def _login_methods(mechs, plain_login, protocol):
    """SASL mechanisms plus the protocol's own password command (POP3 USER/PASS, IMAP LOGIN)."""
    out = list(mechs or [])
    if plain_login:
        out.append("USER/PASS" if protocol == "pop3" else "IMAP LOGIN")
    return out


def _num(value):
    return int(value) if float(value).is_integer() else value


def _conclusions(ports, host, address, lang):
    ui = UI[lang]
    out = []
    open_ports = [p for p in ports if p["state"] == "open"]
    if not open_ports:
        states = {p["state"] for p in ports}
        how = ui["how_timeout"] if states == {"timeout"} else ui["how_refused"] if states == {"refused"} else ui["how_mixed"]
        out.append(_finding("no-port-answers", lang, host, host=host, address=address, how=how))
    submission = [p for p in ports if p["service"] in SUBMISSION_SERVICES]
    others_open = [p for p in open_ports if p["service"] not in SUBMISSION_SERVICES]
    if submission and not any(p["state"] == "open" for p in submission) and others_open:
        names = ", ".join(str(p["port"]) for p in submission)
        out.append(_finding("submission-blocked-likely", lang, host, ports=names))
    # The relay port (25, or a port given as N/smtp); a port recognised from its greeting is not.
    port25 = [p for p in ports if p["service"] == "smtp" and not p.get("sniffed")]
    if port25 and port25[0]["state"] in ("timeout", "refused"):
        good = [str(p["port"]) for p in submission if p["state"] == "open"]
        if good or len(ports) == 1 or open_ports:
            alt = ui["alt_ok"].format(", ".join(good)) if good else ui["alt_none"]
            out.append(_finding("op25b-likely", lang, "{0}/smtp".format(port25[0]["port"]), alt=alt))
    return out


def build_report(data, lang="ja"):
    """The CONTRACT report for the probe results in DATA."""
    lang = _lang(lang)
    ui = UI[lang]
    host = data.get("host", "")
    findings = []
    if data.get("resolve_error") is not None:
        if data.get("resolve_error_kind") == "unavailable":
            findings.append(_finding("dns-unavailable", lang, host, host=host, error=data["resolve_error"]))
            summary = ui["summary_nodns"].format(host=host)
        else:
            findings.append(_finding("host-not-found", lang, host, host=host, error=data["resolve_error"]))
            summary = ui["summary_nohost"].format(host=host)
    else:
        address = data.get("addresses", ["?"])[0]
        ports = data.get("ports", [])
        empty = bool(data.get("trust_store_empty"))
        for res in ports:
            findings.extend(_port_findings(res, host, lang, data.get("timeout", DEFAULT_TIMEOUT), empty))
        unchecked = [p for p in ports if empty and (p.get("tls") or {}).get("reason") in ("unknown-ca", "self-signed")]
        if unchecked:
            names = ", ".join("{0}/{1}".format(p["port"], p["service"]) for p in unchecked)
            findings.append(_finding("local-trust-store-empty", lang, host, ports=names))
        findings = _conclusions(ports, host, address, lang) + findings
        opened = sum(1 for p in ports if p["state"] == "open")
        errors = sum(1 for f in findings if f["severity"] == "error")
        warnings = sum(1 for f in findings if f["severity"] == "warning")
        if opened == 0:
            summary = ui["summary_none"].format(host=host, address=address, total=len(ports))
        else:
            parts = ([ui["verdict_errors"].format(errors)] if errors else []) + (
                [ui["verdict_warnings"].format(warnings)] if warnings else [])
            verdict = ui["verdict_issues"].format(parts=ui["verdict_sep"].join(parts)) if parts else ui["verdict_ok"]
            summary = ui["summary"].format(host=host, address=address, total=len(ports), open=opened, verdict=verdict)
    order = {s: n for n, s in enumerate(SEVERITY_ORDER)}
    findings.sort(key=lambda f: order.get(f["severity"], 9))  # stable: port order kept within a level
    return {"tool": TOOL, "recognized": True, "locale": lang, "summary": summary, "data": data,
            "findings": findings}


# --- the whole run ---------------------------------------------------------------------------

def probe(host, ports=None, timeout=DEFAULT_TIMEOUT, cafile=None, resolver=None, progress=None):
    """Look the name up, then talk to every port in parallel. Returns the data dict.

    ports: [(port, service or None)] as from parse_ports(); resolver(host) -> [IP strings] (raises
    OSError when the name does not resolve); progress(event, info) is called in this thread.
    Every port gets `timeout` seconds per answer and the run ends by 2 x timeout at the latest."""
    resolver = resolver or default_resolver
    ports = ports if ports is not None else parse_ports(DEFAULT_PORTS)
    started = time.monotonic()
    data = {"host": host, "addresses": [], "timeout": timeout, "resolve_error": None, "resolve_error_kind": None,
            "ports": [], "elapsed": None}
    contexts = _contexts(cafile)
    data["trust_store_empty"] = _trust_store_empty(contexts[0])
    if progress:
        progress("resolving", {"host": host})
    try:
        addresses = resolve(resolver, host, timeout)
        if not addresses:
            raise OSError("no address")
    except (OSError, UnicodeError, ValueError) as exc:
        data["resolve_error"] = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
        data["resolve_error_kind"] = _resolve_failure_kind(exc)
        data["elapsed"] = round(time.monotonic() - started, 3)
        return data
    data["addresses"] = addresses
    # The documented bound: the whole run, the look-up included, ends by 2 x timeout.
    deadline = started + 2 * timeout
    if progress:
        progress("probing", {"host": host, "address": addresses[0], "n": len(ports),
                             "secs": max(deadline - time.monotonic(), 0)})
    events = queue.Queue()
    slots = [None] * len(ports)

    def worker(index, port, service):
        events.put((index, probe_port(port, service, addresses, host, timeout, deadline, contexts)))

    for index, (port, service) in enumerate(ports):
        thread = threading.Thread(target=worker, args=(index, port, service), daemon=True,
                                  name="probe-{0}".format(port))
        thread.start()
    pending = len(ports)
    hard_stop = deadline + 1.5
    while pending:
        remaining = hard_stop - time.monotonic()
        if remaining <= 0:
            break
        try:
            index, res = events.get(timeout=min(0.1, remaining))
        except queue.Empty:
            continue
        slots[index] = res
        pending -= 1
        if progress:
            progress("port", res)
    for index, (port, service) in enumerate(ports):
        if slots[index] is None:  # should not happen: every socket call is bounded by the deadline
            res = _new_result(port, service)
            res["state"], res["error"] = "timeout", "no result before the deadline"
            slots[index] = res
    data["ports"] = [copy.deepcopy(r) for r in slots]
    data["elapsed"] = round(time.monotonic() - started, 3)
    return data


def check(host, ports=None, timeout=DEFAULT_TIMEOUT, cafile=None, lang="ja", resolver=None, progress=None):
    """probe() + build_report(): the CONTRACT report."""
    return build_report(probe(host, ports, timeout, cafile, resolver, progress), lang)


# --- command line ----------------------------------------------------------------------------

def _progress_printer(lang):
    ui = UI[lang]

    def say(text):
        try:
            sys.stderr.write(text + "\n")
            sys.stderr.flush()
        except (OSError, ValueError):
            pass

    def progress(event, info):
        if event == "resolving":
            say(ui["resolving"].format(info["host"]))
        elif event == "probing":
            say(ui["probing"].format(**info))
        elif event == "port":
            say("  {0}/{1}: {2}".format(info["port"], info["service"], _short_status(info, lang)))

    return progress


def _short_status(res, lang):
    ui = UI[lang]
    if res["state"] == "refused":
        return ui["st_refused"]
    if res["state"] == "timeout":
        return ui["st_timeout"]
    if res.get("silent"):
        return ui["st_silent"]
    parts = [ui["st_open"]]
    if res.get("starttls") is False:
        parts.append(ui["st_starttls_missing"])
    tls = res.get("tls")
    if tls:
        if tls.get("ok"):
            parts.append(ui["st_tls"].format(tls.get("version")))
        else:
            parts.append(ui["st_tls_error"].format(TLS_REASONS.get(tls.get("reason"), TLS_REASONS["handshake"])[lang][0]))
    return ", ".join(parts) if lang == "en" else "、".join(parts)


def _guess_lang(argv):
    for n, arg in enumerate(argv):
        if arg == "--lang" and n + 1 < len(argv) and argv[n + 1] in ("ja", "en"):
            return argv[n + 1]
        if arg.startswith("--lang=") and arg[7:] in ("ja", "en"):
            return arg[7:]
    return "ja"


def build_parser(lang="en"):
    words = UI[_lang(lang)]
    parser = command_line_parser(PROG, words["description"], _lang(lang))
    parser.add_argument("host", metavar="HOST", help=words["h_host"])
    parser.add_argument("--ports", metavar="PORTS", default=DEFAULT_PORTS, help=words["h_ports"])
    parser.add_argument("--timeout", metavar="S", default=str(DEFAULT_TIMEOUT), help=words["h_timeout"])
    parser.add_argument("--cafile", metavar="PEM", help=words["h_cafile"])
    parser.add_argument("-q", "--quiet", action="store_true", help=words["h_quiet"])
    add_common_options(parser, _lang(lang))
    return parser


def main(argv=None):
    argv = list(sys.argv[1:] if argv is None else argv)
    lang = _guess_lang(argv)
    try:
        try:
            args = build_parser(help_lang(argv)).parse_args(argv)
        except UserError as exc:
            return fail(PROG, UI[lang]["err_args"].format(exc))
        lang = args.lang
        ui = UI[lang]
        try:
            host = check_host(args.host, lang)
            ports = parse_ports(args.ports, lang)
            try:
                timeout = float(args.timeout)
            except ValueError:
                timeout = -1.0
            if not 0.1 <= timeout <= 120:
                raise UserError(ui["err_timeout"].format(args.timeout))
            if args.cafile:
                try:
                    _contexts(args.cafile)
                except (OSError, ssl.SSLError, ValueError) as exc:
                    raise UserError(ui["err_cafile"].format(getattr(exc, "strerror", None) or exc)) from None
        except UserError as exc:
            return fail(PROG, str(exc))
        progress = None if (args.json or args.quiet) else _progress_printer(lang)
        report = check(host, ports, timeout, args.cafile, lang, progress=progress)
        return emit(report, lang, args.json)
    except UserError as exc:
        return fail(PROG, str(exc))
    except KeyboardInterrupt:
        try:
            sys.stderr.write("{0}: {1}\n".format(PROG, _UI[lang]["interrupted"]))
        except Exception:
            pass
        return 130
    except Exception as exc:  # noqa: BLE001 - one line, never a traceback
        return fail(PROG, "{0}: {1}".format(type(exc).__name__, exc))


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(130)
