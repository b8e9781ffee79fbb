#!/usr/bin/env python3
"""check_address.py: check one mail address before you send to it or type it into a setting.

What it looks at:
  * full-width characters typed with the Japanese input method on (＠, ｔａｒｏ, ．, ー, the
    full-width space U+3000, also at the end), and other non-ASCII characters;
  * what Outlook and web pages add around an address ('name' <'addr'>, "名前" <addr>, mailto:);
  * the RFC 5321/5322 rules that matter in practice (one @, lengths, characters, dots), with
    the old docomo/au addresses (consecutive dots, a dot before @) told apart;
  * typing mistakes in well-known domains (gmial.com, docomo.ne.jo, ...);
  * unless --no-dns: whether the domain can receive mail (MX, else A/AAAA; RFC 7505 null MX),
    asked directly of a DNS server with a small built-in DNS client.

Usage:
  python check_address.py taro@example.jp              (Windows: py check_address.py ...)
  python check_address.py "ｔａｒｏ＠example.jp" --no-dns
  options: --no-dns  --dns-server IP  --dns-port N  --timeout S  -q/--quiet  --json  --lang ja|en
Exit status: 0 no error found, 1 an error was found, 2 bad command line or unusable input,
130 interrupted.

Standard library only; Python 3.9 or later; Windows, macOS, Linux (and Pyodide with --no-dns).
Nothing is sent anywhere except the DNS questions about the address's domain.
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

import ipaddress
import re
import socket
import struct
import time
import unicodedata

TOOL = "address"
DEFAULT_TIMEOUT = 3.0
MAX_ADDRESS_CHARS = 1000

# ------------------------------------------------------------------------------------------------
# Every human sentence of this module, keyed by finding id ("id/variant" for the variants of one
# finding).  Placeholders are filled with str.format.
# ------------------------------------------------------------------------------------------------
TEXTS = {
    "address-ok": {
        "ja": {
            "title": "アドレスの書き方に問題は見つかりませんでした",
            "detail": "{address} はメールアドレスとして正しい形です。{dns}",
            "next_steps": [
                "それでも届かない場合は、相手にアドレスをもう一度確かめてください。形が正しくても、その宛先が存在しないことはあります。",
                "相手が携帯電話のアドレスなら、迷惑メール対策の受信設定 (指定受信) で拒否されていないかも確かめてもらってください。",
            ],
        },
        "en": {
            "title": "No problem found in how the address is written",
            "detail": "{address} is a well-formed mail address. {dns}",
            "next_steps": [
                "If mail still does not arrive, confirm the address with the recipient: a well-formed address may still not exist.",
                "For a Japanese mobile address, ask the recipient whether their carrier's filter (指定受信) refuses your sender address.",
            ],
        },
    },
    "address-ok/dns-mx": {
        "ja": {"detail": "{domain} にはメールを受け取るサーバー (MX) があります: {hosts}。"},
        "en": {"detail": "{domain} has mail servers (MX): {hosts}."},
    },
    "address-ok/dns-implicit": {
        "ja": {"detail": "{domain} に MX はありませんが、アドレス ({hosts}) があるので、そこへ配送されます。"},
        "en": {"detail": "{domain} has no MX, but it has an address ({hosts}), where mail is delivered."},
    },
    "address-ok/dns-skipped": {
        "ja": {"detail": "メールサーバーがあるかどうかは確かめていません (--no-dns)。"},
        "en": {"detail": "Whether the domain has a mail server was not checked (--no-dns)."},
    },
    "address-ok/dns-failed": {
        "ja": {"detail": "メールサーバーがあるかどうかは、DNS に問い合わせられなかったため分かりません。"},
        "en": {"detail": "Whether the domain has a mail server is unknown: the DNS question failed."},
    },
    "full-width-characters": {
        "ja": {
            "title": "全角の文字が入っています",
            "detail": "{items}。日本語入力がオンのまま打つと、見た目は似ていても別の文字になります。このままでは送れないか、「555 Unsupported option: SMTPUTF8」などのエラーで戻ってきます。半角に直すと {suggestion} です。",
            "next_steps": [
                "日本語入力をオフ (半角英数) にして、アドレスを打ち直してください: {suggestion}",
                "最後に見えない全角スペースが残っていることがあります。アドレスの最後の文字のあとで Delete キーや BackSpace キーを押して確かめてください。",
                "アドレス帳や入力候補に登録してある場合は、そちらも直してください。",
            ],
        },
        "en": {
            "title": "The address contains full-width characters",
            "detail": "{items}. With the Japanese input method on, characters look alike but are different. Mail to this address is refused or comes back (e.g. '555 Unsupported option: SMTPUTF8'). In half-width characters it reads {suggestion}.",
            "next_steps": [
                "Turn the Japanese input method off and type the address again: {suggestion}",
                "An invisible full-width space may remain at the end: press Delete or Backspace after the last character to check.",
                "Correct the address book entry or the auto-complete entry as well.",
            ],
        },
    },
    "invisible-characters": {
        "ja": {
            "title": "目に見えない文字が入っています",
            "detail": "{items}。ウェブページや文書からコピーしたときに紛れ込むことがあり、アドレスの一部として送られてしまいます。取り除くと {suggestion} です。",
            "next_steps": ["コピーせずに、アドレスを手で打ち直してください: {suggestion}"],
        },
        "en": {
            "title": "The address contains invisible characters",
            "detail": "{items}. They come along when text is copied from web pages or documents and are sent as part of the address. Without them it reads {suggestion}.",
            "next_steps": ["Type the address by hand instead of copying it: {suggestion}"],
        },
    },
    "non-ascii-local-part": {
        "ja": {
            "title": "@ の前に日本語などの文字が入っています",
            "detail": "{items}。@ の前に半角英数字以外を含むアドレス (国際化メールアドレス) は、SMTPUTF8 に対応したサーバーどうしでしか届きません。日本の携帯電話会社やプロバイダーの多くは対応していないため、「555 Unsupported option: SMTPUTF8」や「SMTPUTF8 is required」などのエラーで戻ってきます。",
            "next_steps": [
                "打ち間違いでないか確かめてください。日本語入力をオフにして打ち直すと直ることがあります。",
                "本当にそのアドレスの場合は、半角英数字だけのアドレスを相手に教えてもらってください。",
            ],
        },
        "en": {
            "title": "The part before @ contains non-ASCII characters",
            "detail": "{items}. Such an internationalized address only works between servers that support SMTPUTF8. Most Japanese carriers and providers do not, so the mail comes back with errors like '555 Unsupported option: SMTPUTF8'.",
            "next_steps": [
                "Check for a typing mistake; typing again with the Japanese input method off often fixes it.",
                "If the address really is like this, ask the recipient for an ASCII-only address.",
            ],
        },
    },
    "international-domain": {
        "ja": {
            "title": "@ のあとが日本語ドメインです",
            "detail": "日本語ドメイン {domain} は、DNS やメールサーバーの間では {ascii} という形で扱われます。",
            "next_steps": ["日本語のままで送れないメールアプリでは、{ascii} の形で入力してください。"],
        },
        "en": {
            "title": "The domain is an internationalized (Japanese) domain name",
            "detail": "The domain {domain} is written {ascii} in DNS and between mail servers.",
            "next_steps": ["If your mail program refuses the Japanese form, type {ascii} instead."],
        },
    },
    "quoted-address": {
        "ja": {
            "title": "名前や記号を取り除いてから確かめました",
            "detail": "入力に含まれていた{removed}を取り除き、アドレスの部分 {address} だけを確かめました。",
            "next_steps": [
                "アカウント設定のメールアドレス欄や、サービスの登録フォームには、アドレスの部分だけを入力してください。",
            ],
        },
        "en": {
            "title": "The name and surrounding marks were removed before checking",
            "detail": "The input contained {removed}, so only the address part {address} was checked.",
            "next_steps": ["Type only the address part into account settings and sign-up forms."],
        },
    },
    "quoted-address/display-name": {"ja": {"detail": "表示名"}, "en": {"detail": "a display name"}},
    "quoted-address/brackets": {"ja": {"detail": "「< >」"}, "en": {"detail": "< >"}},
    "quoted-address/mailto": {"ja": {"detail": "「mailto:」"}, "en": {"detail": "'mailto:'"}},
    "quotes-in-address": {
        "ja": {
            "title": "アドレスが引用符 ({quotes}) で囲まれています",
            "detail": "アドレスの前後に引用符が付いています。Outlook のアドレス帳や入力候補から取り込んだときに起こりやすく、そのまま送ると「501 5.1.3 Bad recipient address syntax」(宛先アドレスの書式が正しくない) というエラーで戻ってきます。",
            "next_steps": [
                "引用符を消して、{suggestion} とだけ入力してください。",
                "Outlook の入力候補に引用符付きの古い形が残っている場合は、候補の右の × で削除してから入力し直してください。",
            ],
        },
        "en": {
            "title": "The address is wrapped in quotes ({quotes})",
            "detail": "Quotes surround the address. This often happens with Outlook's address book or auto-complete; sent like this, the mail comes back with '501 5.1.3 Bad recipient address syntax'.",
            "next_steps": [
                "Remove the quotes and enter only {suggestion}.",
                "If Outlook's auto-complete offers the quoted form, delete that entry with its × and type the address again.",
            ],
        },
    },
    "quoted-local-part": {
        "ja": {
            "title": "@ の前が引用符で囲まれた形です",
            "detail": "\"...\"@ の形は RFC 5321 では認められていますが、実際にはほとんどのメールサービスやフォームで扱えません。",
            "next_steps": ["相手に、引用符の要らないアドレスがないか確かめてください。"],
        },
        "en": {
            "title": "The part before @ is a quoted string",
            "detail": "\"...\"@ is allowed by RFC 5321, but hardly any mail service or web form accepts it.",
            "next_steps": ["Ask the recipient whether there is an address without quotes."],
        },
    },
    "invalid-syntax": {
        "ja": {
            "title": "メールアドレスの書き方になっていません",
            "detail": "{problems}",
            "next_steps": [
                "名刺や、相手から届いたメールの差出人欄を見て、アドレスを 1 文字ずつ確かめてください。",
                "コピーして貼り付けるときは、前後に余計な文字が付いていないか確かめてください。",
            ],
            "no-at": "「@」がありません。",
            "many-at": "「@」が {count} 個あります。アドレスに使える「@」は 1 個だけです (複数のアドレスを並べた場合は 1 つずつ確かめてください)。",
            "empty": "アドレスが空です。",
            "empty-local": "「@」の前が空です。",
            "empty-domain": "「@」のあとが空です。",
            "local-too-long": "「@」の前が {length} 文字あります。64 文字までと決まっています。",
            "domain-too-long": "「@」のあとが {length} 文字あります。253 文字までと決まっています。",
            "address-too-long": "アドレス全体が {length} 文字あります。254 文字までしか送れません。",
            "label-too-long": "ドメインの「{label}」の部分が 63 文字を超えています。",
            "space": "空白 (スペース) が入っています ({positions} 文字目)。アドレスには空白を入れられません。",
            "bad-local-chars": "「@」の前に使えない文字 {chars} があります。",
            "bad-domain-chars": "ドメイン (@ のあと) に使えない文字 {chars} があります。ドメインに使えるのは半角の英字・数字・「-」・「.」だけです。",
            "local-dots": "「@」の前で {where}。",
            "dot-leading": "先頭が「.」になっています",
            "dot-trailing": "「@」の直前が「.」になっています",
            "dot-double": "「.」が続いています",
            "domain-dots": "ドメイン ({domain}) の先頭・末尾に「.」があるか、「.」が続いています。",
            "domain-no-dot": "ドメイン ({domain}) に「.」がありません。example.jp のような形のはずです。",
            "numeric-tld": "ドメイン ({domain}) の最後が数字です。IP アドレスを書いたアドレスは、ほとんどのサーバーで受け付けられません。",
            "hyphen-label": "ドメインの「{label}」が「-」で始まるか終わっています。",
            "idna-error": "日本語ドメイン {domain} を DNS の形に変換できません。",
        },
        "en": {
            "title": "This is not a valid mail address",
            "detail": "{problems}",
            "next_steps": [
                "Check the address character by character against a business card or a mail from that person.",
                "When pasting, make sure nothing extra comes along before or after it.",
            ],
            "no-at": "There is no '@'.",
            "many-at": "There are {count} '@' characters; an address has exactly one (check several addresses one at a time).",
            "empty": "The address is empty.",
            "empty-local": "Nothing comes before '@'.",
            "empty-domain": "Nothing comes after '@'.",
            "local-too-long": "The part before '@' has {length} characters; the limit is 64.",
            "domain-too-long": "The domain has {length} characters; the limit is 253.",
            "address-too-long": "The address has {length} characters; no more than 254 can be sent.",
            "label-too-long": "The domain part '{label}' is longer than 63 characters.",
            "space": "There is a space (position {positions}); an address cannot contain spaces.",
            "bad-local-chars": "The part before '@' contains characters that are not allowed: {chars}.",
            "bad-domain-chars": "The domain contains characters that are not allowed: {chars}. Only letters, digits, '-' and '.' are.",
            "local-dots": "Before '@', {where}.",
            "dot-leading": "the address starts with '.'",
            "dot-trailing": "a '.' comes right before '@'",
            "dot-double": "two '.' follow each other",
            "domain-dots": "The domain ({domain}) starts or ends with '.', or has two dots in a row.",
            "domain-no-dot": "The domain ({domain}) has no '.'; it should look like example.jp.",
            "numeric-tld": "The domain ({domain}) ends in digits; addresses with an IP address are refused almost everywhere.",
            "hyphen-label": "The domain part '{label}' starts or ends with '-'.",
            "idna-error": "The internationalized domain {domain} cannot be converted to its DNS form.",
        },
    },
    "legacy-carrier-address": {
        "ja": {
            "title": "昔の携帯電話のアドレスの形です (「.」の連続、または @ の直前の「.」)",
            "detail": "{local} のように「.」が続く、または「@」の直前に「.」があるアドレスは、RFC の決まりには合いませんが、以前はドコモや au で作ることができました。携帯電話どうしでは届きますが、パソコンのメールアプリや Gmail などのサービス、ウェブのフォームでは、送れない・登録できないことがあります。",
            "next_steps": [
                "送れない・登録できない場合は、「.」が続かない形にアドレスを変更することを考えてください (携帯電話会社の設定画面で変えられます)。",
                "すぐに変えられない場合は、Gmail など別のアドレスでやり取りしてください。",
            ],
        },
        "en": {
            "title": "An old Japanese mobile address form (consecutive dots or a dot before @)",
            "detail": "Addresses like {local} with dots in a row or a dot right before '@' break the RFC rules, but docomo and au used to allow them. They work between mobile phones, but many mail programs, services such as Gmail and web forms refuse them.",
            "next_steps": [
                "If sending or signing up fails, consider changing the address to one without such dots (in the carrier's settings).",
                "Until then, use another address (e.g. Gmail) for this contact.",
            ],
        },
    },
    "address-literal": {
        "ja": {
            "title": "ドメインの代わりに IP アドレスが書かれています",
            "detail": "{domain} のような形は決まりの上では正しいものの、ほとんどのメールサーバーが受け付けません。",
            "next_steps": ["相手に、ドメイン名を使ったアドレスを確かめてください。"],
        },
        "en": {
            "title": "An IP address is written instead of a domain",
            "detail": "A form like {domain} is valid on paper, but almost every mail server refuses it.",
            "next_steps": ["Ask the recipient for an address with a domain name."],
        },
    },
    "domain-typo": {
        "ja": {
            "title": "ドメイン名の打ち間違いかもしれません",
            "detail": "「{domain}」は、よく使われるドメイン「{suggestion}」によく似ています。打ち間違えたドメインは存在しないか、無関係な人が受け取るおそれがあります。",
            "next_steps": [
                "{address} の間違いでないか確かめてください。",
                "{domain} で正しい場合 (会社や学校のドメインなど) は、この注意は無視してください。",
            ],
        },
        "en": {
            "title": "The domain may be mistyped",
            "detail": "'{domain}' is very close to the common domain '{suggestion}'. A mistyped domain either does not exist or may deliver to a stranger.",
            "next_steps": [
                "Check whether you meant {address}.",
                "If {domain} is right (a company or school domain, say), ignore this.",
            ],
        },
    },
    "domain-typo/known": {
        "ja": {
            "title": "ドメイン名が打ち間違っています",
            "detail": "「{domain}」は「{suggestion}」の打ち間違いとしてよく見られる形です。打ち間違えたドメインは存在しないか、無関係な人が受け取るおそれがあります。",
        },
        "en": {
            "title": "The domain is mistyped",
            "detail": "'{domain}' is a frequent mistyping of '{suggestion}'. A mistyped domain either does not exist or may deliver to a stranger.",
        },
    },
    "no-mail-server/nxdomain": {
        "ja": {
            "title": "ドメイン {domain} は存在しません",
            "detail": "DNS サーバー {server} に問い合わせたところ、{domain} というドメインはない (NXDOMAIN) という答えでした。このアドレスには送れません。",
            "next_steps": [
                "「@」のあとのつづりを確かめてください (.co.jp と .ne.jp、.com と .co.jp などの取り違えにも注意してください)。",
                "相手に正しいアドレスを確かめてください。",
            ],
        },
        "en": {
            "title": "The domain {domain} does not exist",
            "detail": "The DNS server {server} answered that {domain} does not exist (NXDOMAIN). Mail to this address cannot be delivered.",
            "next_steps": [
                "Check the spelling after '@' (watch for .co.jp vs .ne.jp, .com vs .co.jp).",
                "Confirm the address with the recipient.",
            ],
        },
    },
    "no-mail-server/no-records": {
        "ja": {
            "title": "{domain} にはメールを受け取るサーバーがありません",
            "detail": "{domain} というドメインはありますが、MX レコードも、代わりに使われるアドレス (A/AAAA レコード) もありません (DNS サーバー {server} の答え)。このアドレスには届きません。",
            "next_steps": [
                "「@」のあとが正しいか確かめてください。ウェブサイト用のドメインと、メール用のドメインが違うことがあります。",
                "相手に正しいアドレスを確かめてください。",
            ],
        },
        "en": {
            "title": "{domain} has no mail server",
            "detail": "The domain {domain} exists but has neither an MX record nor an address (A/AAAA) to fall back on (answer of DNS server {server}). Mail cannot be delivered there.",
            "next_steps": [
                "Check the part after '@'; an organisation's web domain and mail domain may differ.",
                "Confirm the address with the recipient.",
            ],
        },
    },
    "no-mail-server/null-mx": {
        "ja": {
            "title": "{domain} はメールを受け取らないドメインです",
            "detail": "{domain} には「メールを受け付けない」ことを表す null MX (MX 0 .、RFC 7505) が設定されています。このドメインのアドレスには送れません。",
            "next_steps": ["相手に、実際に使っているアドレスを確かめてください。"],
        },
        "en": {
            "title": "{domain} accepts no mail",
            "detail": "{domain} publishes a null MX (MX 0 ., RFC 7505): it states that it accepts no mail at all.",
            "next_steps": ["Ask the recipient for the address they actually use."],
        },
    },
    "implicit-mx": {
        "ja": {
            "title": "MX レコードがないため、ドメインのアドレスへ直接配送されます",
            "detail": "{domain} には MX レコードがありません。この場合は RFC 5321 の決まりで、ドメインそのもののアドレス ({hosts}) にメールが配送されます。ただし、そのサーバーがメールを受け取る設定になっているとは限りません。",
            "next_steps": ["届かない場合は、相手に正しいアドレスを確かめてください。"],
        },
        "en": {
            "title": "No MX record: mail goes to the domain's own address",
            "detail": "{domain} has no MX record, so by RFC 5321 mail is delivered to the domain's own address ({hosts}). That host may still not accept mail.",
            "next_steps": ["If mail does not arrive, confirm the address with the recipient."],
        },
    },
    "dns-error": {
        "ja": {
            "title": "メールサーバーがあるかどうか確かめられませんでした",
            "detail": "{reason} アドレスの書き方の確認はできていますが、{domain} がメールを受け取れるかは分かりません。",
            "next_steps": [
                "インターネットにつながっているか確かめてから、もう一度実行してください。",
                "--dns-server 8.8.8.8 のように、別の DNS サーバーを指定して試すこともできます。",
                "書き方だけを確かめるときは --no-dns を付けてください。",
            ],
            "timeout": "DNS サーバー {server} から {timeout} 秒待っても答えがありませんでした。",
            "refused": "DNS サーバー {server} に接続できませんでした。",
            "network": "DNS サーバー {server} に問い合わせを送れませんでした ({error})。",
            "rcode": "DNS サーバー {server} が {rcode} という答えを返しました (名前を調べられなかったという意味です)。",
            "format": "DNS サーバー {server} の答えを読み取れませんでした ({error})。",
            "truncated": "DNS サーバー {server} の答えは大きすぎて途中で切れていました (TC)。全体は TCP で問い合わせ直す決まりですが、"
                         "TCP では答えが得られませんでした ({error})。",
            "no-server": "このパソコンが使っている DNS サーバーが分かりませんでした。",
        },
        "en": {
            "title": "Could not tell whether the domain has a mail server",
            "detail": "{reason} The address is well-formed as far as checked, but whether {domain} receives mail is unknown.",
            "next_steps": [
                "Check that you are connected to the Internet and run the script again.",
                "You can try another DNS server with --dns-server 8.8.8.8, for example.",
                "Add --no-dns to check only how the address is written.",
            ],
            "timeout": "The DNS server {server} did not answer within {timeout} seconds.",
            "refused": "Could not reach the DNS server {server}.",
            "network": "Could not send the question to the DNS server {server} ({error}).",
            "rcode": "The DNS server {server} answered {rcode} (it could not look the name up).",
            "format": "The answer of the DNS server {server} could not be read ({error}).",
            "truncated": "The answer of the DNS server {server} was truncated (TC), and asking again over TCP, as "
                         "the rules require, got no answer ({error}).",
            "no-server": "The DNS server this computer uses could not be determined.",
        },
    },
    "internal-error": {
        "ja": {
            "title": "確認の途中で予期しない問題が起きました",
            "detail": "{error}",
            "next_steps": ["--no-dns を付けて、もう一度実行してみてください。"],
        },
        "en": {
            "title": "An unexpected problem occurred while checking",
            "detail": "{error}",
            "next_steps": ["Run the script again with --no-dns."],
        },
    },
    # Not findings: the summary line, the character descriptions and the command-line messages.
    "summary": {
        "ja": {
            "ok": "{address} は正しい形のメールアドレスです。",
            "ok-warnings": "{address} には直すべき点はありませんが、注意点が {count} 件あります。",
            "legacy-warnings": "{address} は以前の携帯電話で作れた形で、RFC の決まりには合いません。注意点が {count} 件あります。",
            "not-text": "入力に文字として読めないバイトが含まれています ({position} 文字目)。端末の文字コードを UTF-8 にするか、アドレスを打ち直してください。",
            "errors": "{address} には直すべき点が {count} 件あります。",
            "suggest": "正しくは {suggestion} と思われます。",
            "empty": "アドレスが入力されていません。",
            "too-long": "入力が長すぎます ({length:,} 文字)。メールアドレスは長くても 254 文字です。",
            "control": "入力に制御文字 ({code}) が含まれています ({position} 文字目)。アドレスだけを入力してください。",
        },
        "en": {
            "ok": "{address} is a well-formed mail address.",
            "ok-warnings": "{address} is well-formed, with {count} point(s) to note.",
            "legacy-warnings": "{address} is an old mobile-phone form that breaks the RFC rules; {count} point(s) to note.",
            "not-text": "The input holds bytes that are not text (position {position}); set the terminal to UTF-8 or type the address again.",
            "errors": "{address} has {count} problem(s) to fix.",
            "suggest": "It probably should read {suggestion}.",
            "empty": "No address was given.",
            "too-long": "The input is too long ({length:,} characters); a mail address has at most 254.",
            "control": "The input contains a control character ({code}) at position {position}; give only the address.",
        },
    },
    "chars": {
        "ja": {
            "full-width": "「{char}」(全角, {position} 文字目) → 「{ascii}」",
            "other": "「{char}」({code}, {position} 文字目) → 「{ascii}」",
            "space": "全角スペース ({position} 文字目) → 取り除く",
            "other-space": "特殊な空白 {code} ({position} 文字目) → 取り除く",
            "invisible": "見えない文字 {code} ({position} 文字目) → 取り除く",
            "non-ascii": "「{char}」({code}, {position} 文字目)",
            "more": "ほか {count} 文字",
            "sep": "、",
        },
        "en": {
            "full-width": "'{char}' (full-width, position {position}) -> '{ascii}'",
            "other": "'{char}' ({code}, position {position}) -> '{ascii}'",
            "space": "a full-width space (position {position}) -> remove",
            "other-space": "a special space {code} (position {position}) -> remove",
            "invisible": "an invisible character {code} (position {position}) -> remove",
            "non-ascii": "'{char}' ({code}, position {position})",
            "more": "{count} more",
            "sep": "; ",
        },
    },
    "dns-none": {"ja": {"detail": "なし"}, "en": {"detail": "none"}},
}

SEVERITY = {
    "address-ok": "ok",
    "full-width-characters": "error",
    "invisible-characters": "error",
    "non-ascii-local-part": "error",
    "international-domain": "info",
    "quoted-address": "warning",
    "quotes-in-address": "error",
    "quoted-local-part": "warning",
    "invalid-syntax": "error",
    "legacy-carrier-address": "warning",
    "address-literal": "warning",
    "domain-typo": "warning",          # "error" for the table of known typos
    "no-mail-server": "error",
    "implicit-mx": "info",
    "dns-error": "warning",
    "internal-error": "error",
}

PAGES = {
    "address-ok": "mail/not-received/",
    "full-width-characters": "mail/wrong-address/",
    "invisible-characters": "mail/wrong-address/",
    "non-ascii-local-part": "mail/bounce/",
    "quoted-address": "mail/wrong-address/",
    "quotes-in-address": "mail/wrong-address/",
    "quoted-local-part": "mail/wrong-address/",
    "invalid-syntax": "mail/wrong-address/",
    "legacy-carrier-address": "mail/wrong-address/",
    "address-literal": "mail/wrong-address/",
    "domain-typo": "mail/wrong-address/",
    "no-mail-server": "mail/wrong-address/",
    "implicit-mx": "mail/wrong-address/",
    "dns-error": "network/nslookup/",
}

# Domains that are real and widely used: never reported as typos, and the targets of the
# similarity check (most used first, so that ties go to the more likely one).
WELL_KNOWN_DOMAINS = (
    "gmail.com", "yahoo.co.jp", "docomo.ne.jp", "ezweb.ne.jp", "au.com", "softbank.ne.jp",
    "i.softbank.jp", "icloud.com", "outlook.jp", "outlook.com", "hotmail.co.jp", "hotmail.com",
    "ymail.ne.jp", "live.jp", "me.com", "mac.com", "nifty.com", "biglobe.ne.jp", "ocn.ne.jp",
    "so-net.ne.jp", "plala.or.jp", "ybb.ne.jp", "yahoo.com", "ymobile.ne.jp", "disney.ne.jp",
    "rakumail.jp", "povo.jp", "uqmobile.jp", "mineo.jp", "eonet.ne.jp", "zaq.ne.jp",
    "jcom.zaq.ne.jp", "odn.ne.jp", "dion.ne.jp", "ab.auone-net.jp", "googlemail.com",
    "biz.ezweb.ne.jp", "pdx.ne.jp", "willcom.com", "mopera.net", "excite.co.jp", "live.com",
    "msn.com", "aol.com",
)
# Real domains that merely look like a well-known one: never reported either.
OTHER_REAL_DOMAINS = frozenset((
    "mail.com", "email.com", "gmx.com", "gmx.net", "ymail.com", "rocketmail.com", "aol.jp",
    "outlook.co.jp", "outlook.fr", "outlook.de", "outlook.it", "outlook.es", "hotmail.co.uk",
    "hotmail.fr", "hotmail.de", "hotmail.it", "hotmail.es", "live.co.uk", "yahoo.co.uk",
    "yahoo.co.in", "yahoo.co.id", "yahoo.co.kr", "yahoo.co.nz", "yahoo.co.th", "yahoo.fr",
    "yahoo.de", "yahoo.es", "yahoo.it", "yahoo.ca", "softbank.co.jp", "softbank.jp",
    "nttdocomo.co.jp", "kddi.com", "au.jp", "icloud.jp", "proton.me", "protonmail.com", "zoho.com",
    "infoseek.jp", "goo.jp", "nifty.ne.jp", "ocn.ad.jp", "ntt.com",
))
# Typing mistakes seen often enough to call them mistakes, not just "similar".
KNOWN_TYPOS = {
    "gmial.com": "gmail.com", "gmai.com": "gmail.com", "gmail.co": "gmail.com",
    "gmail.con": "gmail.com", "gmail.cm": "gmail.com", "gmail.cpm": "gmail.com",
    "gmail.co.jp": "gmail.com", "gmail.ne.jp": "gmail.com", "gmail.jp": "gmail.com",
    "gamil.com": "gmail.com", "gmali.com": "gmail.com", "gmaill.com": "gmail.com",
    "yahoo.co.jo": "yahoo.co.jp", "yahoo.co.j": "yahoo.co.jp", "yahoo.co.pj": "yahoo.co.jp",
    "yahoo.ne.jp": "yahoo.co.jp", "yahoo.jp": "yahoo.co.jp", "yaho.co.jp": "yahoo.co.jp",
    "docomo.ne.jo": "docomo.ne.jp", "docomo.co.jp": "docomo.ne.jp", "docomo.ne": "docomo.ne.jp",
    "docomo.jp": "docomo.ne.jp", "docomo.or.jp": "docomo.ne.jp", "docomo.com": "docomo.ne.jp",
    "ezweb.ne.jo": "ezweb.ne.jp", "ezweb.co.jp": "ezweb.ne.jp", "ezweb.jp": "ezweb.ne.jp",
    "ezweb.com": "ezweb.ne.jp",
    "softbank.ne.jo": "softbank.ne.jp", "i.softbank.jo": "i.softbank.jp",
    "i.softbank.ne.jp": "i.softbank.jp", "i.softbank.co.jp": "i.softbank.jp",
    "icloud.co": "icloud.com", "icloud.con": "icloud.com", "icloud.co.jp": "icloud.com",
    "hotmial.com": "hotmail.com", "hotmai.com": "hotmail.com", "hotmail.co": "hotmail.com",
    "hotmail.con": "hotmail.com", "hotmail.jp": "hotmail.co.jp", "hotmail.ne.jp": "hotmail.co.jp",
    "outlook.co": "outlook.com", "outlook.con": "outlook.com", "outlook.ne.jp": "outlook.jp",
    "outllok.com": "outlook.com", "outlok.com": "outlook.com",
}
# Carriers whose old addresses may break the dot rules of RFC 5322.
LEGACY_CARRIER_DOMAINS = frozenset(("docomo.ne.jp", "ezweb.ne.jp", "au.com", "biz.ezweb.ne.jp"))

# Characters the input method produces that NFKC does not turn into ASCII.
_EXTRA_FOLD = {
    "\u3002": ".", "\uff61": ".", "\u30fc": "-", "\uff70": "-", "\u2010": "-", "\u2011": "-",
    "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-", "\u301c": "~",
    "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
}
_INVISIBLE = frozenset("\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u00ad\u202a\u202b\u202c\u202d\u202e")
_QUOTES = "'\"\uff07\uff02\u2018\u2019\u201c\u201d"
_ATEXT_EXTRA = set("!#$%&'*+-/=?^_`{|}~")
_ASCII_WS = " \t\r\n\v\f"


def _t(key, lang):
    entry = TEXTS.get(key, {})
    return entry.get(lang) or entry.get("ja") or {}


def _finding(key, lang, subject=None, severity=None, **values):
    """A finding built from TEXTS[key] (and TEXTS["id/variant"] over it)."""
    fid = key.split("/")[0]
    text = dict(_t(fid, lang))
    if key != fid:
        text.update(_t(key, lang))
    finding = {
        "id": fid,
        "severity": severity or SEVERITY.get(fid, "info"),
        "title": text.get("title", fid).format(**values),
        "detail": text.get("detail", "").format(**values),
        "next_steps": [step.format(**values) for step in text.get("next_steps", [])],
    }
    if subject:
        finding["subject"] = subject
    if PAGES.get(fid):
        finding["page"] = PAGES[fid]
    return finding


# ------------------------------------------------------------------------------------------------
# Reading what was typed
# ------------------------------------------------------------------------------------------------
def input_problem(text, lang="ja"):
    """A one-line reason why TEXT cannot be checked at all, or None."""
    words = _t("summary", lang)
    if text is None or not text.strip(_ASCII_WS + "\u3000"):
        return words["empty"]
    if len(text) > MAX_ADDRESS_CHARS:
        return words["too-long"].format(length=len(text))
    stripped = text.strip(_ASCII_WS)
    offset = len(text) - len(text.lstrip(_ASCII_WS))
    for index, char in enumerate(stripped):
        if unicodedata.category(char) == "Cc":
            return words["control"].format(code="U+{0:04X}".format(ord(char)), position=index + offset + 1)
        if "\ud800" <= char <= "\udfff":     # a byte of a non-UTF-8 command line (surrogateescape)
            return words["not-text"].format(position=index + offset + 1)
    return None


def extract_address(text):
    """(address, removed, quotes): the address part of what was typed or pasted.

    removed lists what was taken away around it ("display-name", "brackets", "mailto");
    quotes is the string of quote characters found around the address itself."""
    s = text.strip(_ASCII_WS)
    removed = []
    match = re.match(r"^(?P<name>[^<>\uff1c\uff1e]*)[<\uff1c](?P<addr>[^<>\uff1c\uff1e]*)[>\uff1e]\s*$", s)
    if match:
        s = match.group("addr").strip(_ASCII_WS)
        removed.append("display-name" if match.group("name").strip() else "brackets")
    if s[:7].lower() == "mailto:":
        s = s[7:].split("?", 1)[0].strip(_ASCII_WS)
        if "%" in s:
            from urllib.parse import unquote

            s = unquote(s, errors="replace")
        removed.append("mailto")
    quotes = ""
    # "local part"@domain is the RFC's quoted string; anything else wrapped in quotes is not.
    quoted_local = re.match(r'^"[^"]*"@[^"]*$', s) is not None
    if not quoted_local:
        while s and s[0] in _QUOTES:
            quotes += s[0]
            s = s[1:].strip(_ASCII_WS)
        while s and s[-1] in _QUOTES:
            quotes += s[-1]
            s = s[:-1].strip(_ASCII_WS)
    return s, removed, quotes


def fold_characters(address):
    """(folded, replaced, invisible, non_ascii): the address with full-width and look-alike
    characters turned into ASCII, and what was changed. Positions are 1-based in ADDRESS."""
    out = []          # (position, text) pairs
    replaced = []
    invisible = []
    non_ascii = []
    for position, char in enumerate(address, 1):
        code = ord(char)
        if code < 0x80:
            out.append((position, char))
            continue
        item = {"position": position, "char": char, "codepoint": "U+{0:04X}".format(code)}
        if char in _INVISIBLE or unicodedata.category(char) == "Cf":
            item["replacement"] = ""
            invisible.append(item)
            continue
        if unicodedata.category(char) == "Zs":
            item["replacement"] = ""
            item["kind"] = "space" if char == "\u3000" else "other-space"
            replaced.append(item)
            continue
        folded = _EXTRA_FOLD.get(char) or unicodedata.normalize("NFKC", char)
        if folded and all(0x21 <= ord(c) < 0x7F for c in folded):
            item["replacement"] = folded
            item["kind"] = "full-width" if unicodedata.east_asian_width(char) in ("F", "W") else "other"
            replaced.append(item)
            out.append((position, folded))
            continue
        non_ascii.append(item)
        out.append((position, char))
    folded = "".join(text for _, text in out).strip(_ASCII_WS)
    at_positions = [position for position, text in out if text == "@"]
    at_position = at_positions[-1] if at_positions else None
    for item in non_ascii:
        item["part"] = "domain" if at_position is not None and item["position"] > at_position else "local"
    return folded, replaced, invisible, non_ascii


def _describe(items, lang, limit=12):
    words = _t("chars", lang)
    parts = []
    for item in items[:limit]:
        kind = item.get("kind", "non-ascii" if "replacement" not in item else "invisible")
        parts.append(words[kind].format(char=item["char"], ascii=item.get("replacement", ""),
                                        position=item["position"], code=item["codepoint"]))
    if len(items) > limit:
        parts.append(words["more"].format(count=len(items) - limit))
    return words["sep"].join(parts)


# ------------------------------------------------------------------------------------------------
# Syntax (RFC 5321 / 5322, as far as it matters in practice)
# ------------------------------------------------------------------------------------------------
def split_address(address):
    """(local, domain) at the last @ (a quoted local part may contain @), or (address, None)."""
    at = address.rfind("@")
    if at < 0:
        return address, None
    return address[:at], address[at + 1:]


def check_syntax(address):
    """(problems, info): problems is a list of (code, values); info has local, domain,
    domain_ascii, quoted_local, legacy_dots, literal."""
    problems = []
    local, domain = split_address(address)
    info = {"local": local, "domain": domain, "domain_ascii": None, "quoted_local": False,
            "legacy_dots": [], "literal": False}
    if not address:
        return [("empty", {})], info
    if domain is None:
        problems.append(("no-at", {}))
    quoted = len(local) >= 2 and local.startswith('"') and local.endswith('"')
    info["quoted_local"] = quoted
    if not quoted and "@" in local:
        problems.append(("many-at", {"count": address.count("@")}))
    spaces = [str(i) for i, c in enumerate(address, 1) if c == " "]
    if spaces and not quoted:
        problems.append(("space", {"positions": ", ".join(spaces[:5])}))
    # local part
    if domain is not None and not local:
        problems.append(("empty-local", {}))
    if len(local.encode("utf-8")) > 64:
        problems.append(("local-too-long", {"length": len(local)}))
    if not quoted and local:
        bad = []
        for c in local:
            if c.isascii() and not (c.isalnum() or c in _ATEXT_EXTRA or c in ". @") and c not in bad:
                bad.append(c)
        if bad:
            problems.append(("bad-local-chars", {"chars": " ".join("「{0}」".format(c) if c != " " else "' '" for c in bad)}))
        dots = []
        if local.startswith("."):
            dots.append("dot-leading")
        if ".." in local:
            dots.append("dot-double")
        if local.endswith(".") and len(local) > 1:
            dots.append("dot-trailing")
        info["legacy_dots"] = dots
    elif quoted:
        inner = local[1:-1]
        bad = sorted({c for c in inner if c.isascii() and not (0x20 <= ord(c) < 0x7F)})
        if bad:
            problems.append(("bad-local-chars", {"chars": " ".join(repr(c) for c in bad)}))
    # domain
    if domain is None:
        return problems, info
    if not domain:
        problems.append(("empty-domain", {}))
        return problems, info
    if domain.startswith("[") and domain.endswith("]"):
        info["literal"] = True
        return problems, info
    labels = domain.split(".")
    domain_problem = False
    if any(label == "" for label in labels):
        problems.append(("domain-dots", {"domain": domain}))
        domain_problem = True
    elif len(labels) < 2:
        problems.append(("domain-no-dot", {"domain": domain}))
        domain_problem = True
    bad = []
    for c in domain:
        if c.isascii() and not (c.isalnum() or c in ".-") and c != " " and c not in bad:
            bad.append(c)
    if bad:
        problems.append(("bad-domain-chars", {"chars": " ".join("「{0}」".format(c) for c in bad)}))
        domain_problem = True
    for label in labels:
        if len(label) > 63:
            problems.append(("label-too-long", {"label": label[:20] + "..."}))
            domain_problem = True
            break
    for label in labels:
        if label.startswith("-") or label.endswith("-"):
            problems.append(("hyphen-label", {"label": label}))
            domain_problem = True
            break
    if not domain_problem and labels[-1].isdigit():
        problems.append(("numeric-tld", {"domain": domain}))
        domain_problem = True
    if domain_problem or " " in domain:
        return problems, info
    if domain.isascii():
        ascii_domain = domain.lower()
    else:
        try:
            ascii_domain = domain.encode("idna").decode("ascii").lower()
        except (UnicodeError, ValueError):
            problems.append(("idna-error", {"domain": domain}))
            return problems, info
    info["domain_ascii"] = ascii_domain
    if len(ascii_domain) > 253:
        problems.append(("domain-too-long", {"length": len(ascii_domain)}))
        info["domain_ascii"] = None
    elif len(local.encode("utf-8")) + 1 + len(ascii_domain) > 254:
        problems.append(("address-too-long", {"length": len(local.encode("utf-8")) + 1 + len(ascii_domain)}))
    return problems, info


# ------------------------------------------------------------------------------------------------
# Typing mistakes in well-known domains
# ------------------------------------------------------------------------------------------------
def edit_distance(a, b, limit=2):
    """Damerau-Levenshtein distance (optimal string alignment) of A and B, or limit + 1 when it
    is larger than LIMIT. Costs at most len(a) * len(b) steps and stops early."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    before = None
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                value = min(value, before[j - 2] + 1)
            current[j] = value
        if min(current) > limit:
            return limit + 1
        before, previous = previous, current
    return previous[-1] if previous[-1] <= limit else limit + 1


def find_domain_typo(domain):
    """(suggestion, known) for a domain that looks like a mistyped well-known domain, else None.
    known is True for the table of frequent mistakes, False for a mere similarity."""
    if not domain or domain in WELL_KNOWN_DOMAINS or domain in OTHER_REAL_DOMAINS:
        return None
    if domain in KNOWN_TYPOS:
        return KNOWN_TYPOS[domain], True
    if len(domain) > 40:
        return None
    tld = domain.rsplit(".", 1)[-1]
    best = None
    for known in WELL_KNOWN_DOMAINS:
        if len(known) < 8:
            continue   # au.com, me.com, ...: too short, one change makes another real domain
        # Two changes only for long names and within the same top-level domain, so that
        # yahoo.co.uk or outlook.fr are not taken for yahoo.co.jp or outlook.jp.
        limit = 2 if len(known) >= 10 and known.rsplit(".", 1)[-1] == tld else 1
        distance = edit_distance(domain, known, limit)
        if distance <= limit and (best is None or distance < best[1]):
            best = (known, distance)
    return (best[0], False) if best else None


# ------------------------------------------------------------------------------------------------
# A small DNS client (RFC 1035): UDP, TCP when the answer is truncated
# ------------------------------------------------------------------------------------------------
TYPE_A, TYPE_CNAME, TYPE_MX, TYPE_AAAA = 1, 5, 15, 28
RCODE_NAMES = {0: "NOERROR", 1: "FORMERR", 2: "SERVFAIL", 3: "NXDOMAIN", 4: "NOTIMP", 5: "REFUSED"}


class DNSError(Exception):
    """A DNS question that got no usable answer; kind is timeout/refused/network/format."""

    def __init__(self, kind, message=""):
        Exception.__init__(self, message or kind)
        self.kind = kind
        self.message = message


def encode_name(name):
    out = b""
    for label in name.rstrip(".").split("."):
        raw = label.encode("ascii")
        if not 0 < len(raw) < 64:
            raise DNSError("format", "bad name")
        out += bytes((len(raw),)) + raw
    return out + b"\x00"


def build_query(qid, name, qtype):
    header = struct.pack("!HHHHHH", qid, 0x0100, 1, 0, 0, 0)   # RD set, one question
    return header + encode_name(name) + struct.pack("!HH", qtype, 1)


MAX_NAME_OCTETS = 255      # RFC 1035 3.1: a name, with its length octets, is at most 255 octets
MAX_ANSWERS = 64           # answer records read from one response; more are ignored (counted)


def read_name(message, offset):
    """(name, offset after the name) with RFC 1035 compression; raises DNSError on bad data,
    including a name longer than 255 octets (compression could otherwise make one answer of
    64 KB name the same 32 KB name thousands of times)."""
    labels = []
    end = None
    jumps = 0
    octets = 1
    while True:
        if offset >= len(message):
            raise DNSError("format", "name runs past the end")
        length = message[offset]
        if length & 0xC0 == 0xC0:
            if offset + 1 >= len(message):
                raise DNSError("format", "truncated pointer")
            if end is None:
                end = offset + 2
            jumps += 1
            if jumps > 64:
                raise DNSError("format", "pointer loop")
            offset = ((length & 0x3F) << 8) | message[offset + 1]
            continue
        if length & 0xC0:
            raise DNSError("format", "bad label type")
        offset += 1
        if length == 0:
            break
        if offset + length > len(message):
            raise DNSError("format", "label runs past the end")
        octets += length + 1
        if octets > MAX_NAME_OCTETS:
            raise DNSError("format", "name longer than 255 octets")
        labels.append(message[offset:offset + length].decode("ascii", "replace"))
        offset += length
    return ".".join(labels), (end if end is not None else offset)


def _rdata_name(message, start, end):
    """The name in record data [start, end): it must not run past the record (RFC 1035 3.3)."""
    name, after = read_name(message, start)
    if after > end:
        raise DNSError("format", "name runs past its record")
    return name


def parse_response(message):
    """The parts of a DNS response this script uses: id, flags, rcode, the question (name, type,
    class; None when there is not exactly one) and the answers (at most MAX_ANSWERS of them;
    answers_ignored counts the rest)."""
    if len(message) < 12:
        raise DNSError("format", "short message")
    qid, flags, qdcount, ancount, _, _ = struct.unpack("!HHHHHH", message[:12])
    offset = 12
    question = None
    for _ in range(qdcount):
        qname, offset = read_name(message, offset)
        if offset + 4 > len(message):
            raise DNSError("format", "truncated question")
        qtype, qclass = struct.unpack("!HH", message[offset:offset + 4])
        question = (qname, qtype, qclass) if qdcount == 1 else None
        offset += 4
    answers = []
    for _ in range(min(ancount, MAX_ANSWERS)):
        name, offset = read_name(message, offset)
        if offset + 10 > len(message):
            raise DNSError("format", "truncated record")
        rtype, _, ttl, rdlength = struct.unpack("!HHIH", message[offset:offset + 10])
        offset += 10
        rdata = message[offset:offset + rdlength]
        if len(rdata) != rdlength:
            raise DNSError("format", "truncated record data")
        record = {"name": name, "type": rtype, "ttl": ttl}
        if rtype == TYPE_MX and rdlength >= 3:
            record["preference"] = struct.unpack("!H", rdata[:2])[0]
            record["host"] = _rdata_name(message, offset + 2, offset + rdlength)
        elif rtype == TYPE_A and rdlength == 4:
            record["address"] = str(ipaddress.IPv4Address(rdata))
        elif rtype == TYPE_AAAA and rdlength == 16:
            record["address"] = str(ipaddress.IPv6Address(rdata))
        elif rtype == TYPE_CNAME:
            record["host"] = _rdata_name(message, offset, offset + rdlength)
        answers.append(record)
        offset += rdlength
    return {"id": qid, "qr": bool(flags & 0x8000), "tc": bool(flags & 0x0200),
            "rcode": flags & 0x000F, "question": question, "answers": answers,
            "answers_ignored": max(ancount - MAX_ANSWERS, 0)}


def _answers_question(response, qid, name, qtype):
    """True when RESPONSE is the answer to our question: same id, a response, and the question
    section repeats our name (case-insensitively), type and class IN (RFC 5452 section 9.1)."""
    question = response["question"]
    return (response["id"] == qid and response["qr"] and question is not None
            and question[0].lower().rstrip(".") == name.lower().rstrip(".") and question[1:] == (qtype, 1))


def _server_address(server, port, kind):
    try:
        infos = socket.getaddrinfo(server, port, 0, kind, 0, socket.AI_NUMERICHOST)
    except (socket.gaierror, UnicodeError, ValueError) as exc:
        raise DNSError("network", str(exc)) from None
    return infos[0][0], infos[0][4]


def _remaining(deadline):
    left = deadline - time.monotonic()
    if left <= 0:
        raise DNSError("timeout")
    return left


def _query_tcp(packet, qid, name, qtype, server, port, deadline):
    family, address = _server_address(server, port, socket.SOCK_STREAM)
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.settimeout(_remaining(deadline))
        sock.connect(address)
        sock.settimeout(_remaining(deadline))
        sock.sendall(struct.pack("!H", len(packet)) + packet)

        def receive(count):
            data = b""
            while len(data) < count:
                sock.settimeout(_remaining(deadline))
                chunk = sock.recv(count - len(data))
                if not chunk:
                    raise DNSError("format", "connection closed")
                data += chunk
            return data

        length = struct.unpack("!H", receive(2))[0]
        response = parse_response(receive(length))
    except socket.timeout:
        raise DNSError("timeout") from None
    except (ConnectionRefusedError, ConnectionResetError):   # Windows reports a refused UDP port as a reset
        raise DNSError("refused") from None
    except OSError as exc:
        raise DNSError("network", exc.strerror or str(exc)) from None
    finally:
        sock.close()
    if not _answers_question(response, qid, name, qtype):
        raise DNSError("format", "answer does not match the question")
    return response


def dns_query(name, qtype, server, port=53, timeout=DEFAULT_TIMEOUT):
    """Ask SERVER one question over UDP (sent again once half way), then over TCP when the
    answer is truncated. Returns parse_response()'s dict; raises DNSError."""
    deadline = time.monotonic() + max(float(timeout), 0.05)
    qid = struct.unpack("!H", os.urandom(2))[0]
    packet = build_query(qid, name, qtype)
    family, address = _server_address(server, port, socket.SOCK_DGRAM)
    sock = socket.socket(family, socket.SOCK_DGRAM)
    try:
        sock.settimeout(_remaining(deadline))
        sock.connect(address)            # only the server's answers reach this socket
        sock.send(packet)
        resend_at = time.monotonic() + timeout / 2.0
        while True:
            wait = _remaining(deadline)
            if resend_at:
                wait = min(wait, max(resend_at - time.monotonic(), 0.01))
            sock.settimeout(wait)
            try:
                data = sock.recv(65535)
            except socket.timeout:
                if resend_at and time.monotonic() >= resend_at:
                    sock.send(packet)
                    resend_at = None
                continue
            try:
                response = parse_response(data)
            except DNSError:
                continue                  # not a DNS answer: keep waiting for the real one
            if not _answers_question(response, qid, name, qtype):
                continue                  # an answer to some other question (or forged): ignore it
            break
    except DNSError:
        raise
    except (ConnectionRefusedError, ConnectionResetError):   # Windows reports a refused UDP port as a reset
        raise DNSError("refused") from None
    except OSError as exc:
        raise DNSError("network", exc.strerror or str(exc)) from None
    finally:
        sock.close()
    if response["tc"]:
        try:
            return _query_tcp(packet, qid, name, qtype, server, port, deadline)
        except DNSError as exc:
            # Say what happened: the UDP answer was cut short and TCP gave nothing usable.
            raise DNSError("truncated", "TCP: {0}".format(exc.message or exc.kind)) from None
    return response


def system_dns_server():
    """The first DNS server this computer uses, or None (nothing is asked on the network)."""
    if os.name == "nt":
        return _windows_dns_server()
    try:
        with open("/etc/resolv.conf", encoding="utf-8", errors="replace") as handle:
            for line in handle:
                parts = line.split()
                if len(parts) >= 2 and parts[0] == "nameserver" and _usable_server(parts[1]):
                    return parts[1]
    except OSError:
        pass
    return None


def _usable_server(text):
    try:
        address = ipaddress.ip_address(text.split("%", 1)[0])
    except ValueError:
        return False
    # fec0:0:0:ffff::1-3 are Windows' placeholders for "no IPv6 DNS server".
    return not address.is_unspecified and not str(address).startswith("fec0:0:0:ffff::")


def _windows_dns_server():
    import subprocess

    commands = (
        ["powershell", "-NoProfile", "-NonInteractive", "-Command",
         "Get-DnsClientServerAddress -AddressFamily IPv4 | Select-Object -ExpandProperty ServerAddresses"],
        ["ipconfig", "/all"],
    )
    for command in commands:
        try:
            proc = subprocess.run(command, capture_output=True, timeout=10, stdin=subprocess.DEVNULL)
        except (OSError, subprocess.SubprocessError):
            continue
        text = decode_bytes(proc.stdout or b"")
        if command[0] == "ipconfig":
            found = _dns_servers_from_ipconfig(text)
        else:
            found = [w for w in text.split() if _usable_server(w)]
        if found:
            return found[0]
    return None


def _dns_servers_from_ipconfig(text):
    """The DNS server addresses listed by `ipconfig /all` (English or Japanese labels)."""
    servers = []
    in_list = False
    for line in text.splitlines():
        more = re.match(r"^\s+([0-9A-Fa-f:.%]+)\s*$", line)
        labelled = re.match(r"^\s*([^:]*?)[ .]*:\s*(.*)$", line)
        if in_list and more:
            value = more.group(1)
        elif labelled and re.search(r"DNS (Servers|サーバー)", labelled.group(1)):
            in_list = True
            value = labelled.group(2)
        else:
            in_list = False
            continue
        value = re.sub(r"\(.*\)$", "", value).strip()
        if _usable_server(value):
            servers.append(value)
    servers.sort(key=lambda s: ":" in s)     # IPv4 first
    return servers


def lookup_mail_servers(domain, server, port=53, timeout=DEFAULT_TIMEOUT):
    """Where mail for DOMAIN goes, by RFC 5321 section 5.1: the MX records, else the domain's own
    A/AAAA records; RFC 7505 null MX. Never raises. status: mx, implicit, null-mx, nxdomain,
    no-records or error (with error_kind)."""
    result = {"checked": True, "server": server, "port": port, "status": "error", "mx": [],
              "addresses": [], "error_kind": None, "error": None, "rcode": None}
    try:
        answer = dns_query(domain, TYPE_MX, server, port, timeout)
        result["rcode"] = RCODE_NAMES.get(answer["rcode"], str(answer["rcode"]))
        if answer["rcode"] == 3:
            result["status"] = "nxdomain"
            return result
        if answer["rcode"] != 0:
            result["error_kind"] = "rcode"
            return result
        records = [r for r in answer["answers"] if r["type"] == TYPE_MX and "host" in r]
        records.sort(key=lambda r: (r["preference"], r["host"]))
        result["mx"] = [{"preference": r["preference"], "host": r["host"] or "."} for r in records]
        real = [r for r in records if r["host"]]
        if records and not real:
            result["status"] = "null-mx"
            return result
        if real:
            result["status"] = "mx"
            return result
        for qtype in (TYPE_A, TYPE_AAAA):
            answer = dns_query(domain, qtype, server, port, timeout)
            result["rcode"] = RCODE_NAMES.get(answer["rcode"], str(answer["rcode"]))
            if answer["rcode"] == 3:
                result["status"] = "nxdomain"
                return result
            if answer["rcode"] != 0:
                result["error_kind"] = "rcode"
                return result
            result["addresses"] = [r["address"] for r in answer["answers"] if "address" in r]
            if result["addresses"]:
                result["status"] = "implicit"
                return result
        result["status"] = "no-records"
    except DNSError as exc:
        result["status"] = "error"
        result["error_kind"] = exc.kind
        result["error"] = exc.message or exc.kind
    return result


# ------------------------------------------------------------------------------------------------
# The check
# ------------------------------------------------------------------------------------------------
def check(address, lang="ja", dns=True, dns_server=None, dns_port=53, timeout=DEFAULT_TIMEOUT):
    """The report for ADDRESS (CONTRACT.md section 3). Never raises; with dns=False nothing is
    sent anywhere (this is what runs in the browser)."""
    lang = lang if lang in _UI else "ja"
    try:
        return _check(address, lang, dns, dns_server, dns_port, timeout)
    except Exception as exc:   # a last resort: a report, never a traceback
        report = _report(lang, True, _t("summary", lang)["errors"].format(address=address, count=1), {})
        report["findings"].append(_finding("internal-error", lang, error="{0}: {1}".format(type(exc).__name__, exc)))
        return report


def _report(lang, recognized, summary, data):
    return {"tool": TOOL, "recognized": recognized, "locale": lang, "summary": summary,
            "data": data, "findings": []}


def _check(address, lang, dns, dns_server, dns_port, timeout):
    words = _t("summary", lang)
    problem = input_problem(address if isinstance(address, str) else None, lang)
    if problem:
        return _report(lang, False, problem, {"input": address if isinstance(address, str) else None})

    examined, removed, quotes = extract_address(address)
    folded, replaced, invisible, non_ascii = fold_characters(examined)
    data = {"input": address, "examined": examined, "suggestion": folded,
            "changed": folded != examined or bool(removed) or bool(quotes),
            "removed": removed, "full_width": replaced, "invisible": invisible, "non_ascii": non_ascii}
    findings = []
    if removed:
        what = "、" if lang == "ja" else ", "
        findings.append(_finding("quoted-address", lang, subject=examined, address=examined,
                                 removed=what.join(_t("quoted-address/" + r, lang)["detail"] for r in removed)))
    if quotes:
        findings.append(_finding("quotes-in-address", lang, subject=examined, quotes=" ".join(sorted(set(quotes))),
                                 suggestion=folded or examined))
    if replaced:
        finding = _finding("full-width-characters", lang, subject=examined,
                           items=_describe(replaced, lang), suggestion=folded)
        if not any(i["kind"] in ("space", "other-space") for i in replaced):
            del finding["next_steps"][1]      # the step about an invisible trailing space
        findings.append(finding)
    if invisible:
        findings.append(_finding("invisible-characters", lang, subject=examined,
                                 items=_describe(invisible, lang), suggestion=folded))

    problems, info = check_syntax(folded)
    domain = info["domain_ascii"]
    data.update({"local_part": info["local"], "domain": info["domain"], "domain_ascii": domain})
    local_non_ascii = [i for i in non_ascii if i["part"] == "local"]
    if local_non_ascii:
        findings.append(_finding("non-ascii-local-part", lang, subject=folded, items=_describe(local_non_ascii, lang)))
    if info["quoted_local"]:
        findings.append(_finding("quoted-local-part", lang, subject=folded))
    dots = info["legacy_dots"]
    if dots:
        legacy = domain in LEGACY_CARRIER_DOMAINS and "dot-leading" not in dots
        data["legacy_carrier_address"] = legacy
        if legacy:
            findings.append(_finding("legacy-carrier-address", lang, subject=folded, local=info["local"]))
        else:
            sep = "、" if lang == "ja" else ", "
            problems.append(("local-dots", {"where": sep.join(_t("invalid-syntax", lang)[d] for d in dots)}))
    if problems:
        texts = _t("invalid-syntax", lang)
        data["syntax_problems"] = [code for code, _ in problems]
        findings.append(_finding("invalid-syntax", lang, subject=folded,
                                 problems=" ".join(texts[code].format(**values) for code, values in problems)))
    if info["literal"]:
        findings.append(_finding("address-literal", lang, subject=folded, domain=info["domain"]))
    if domain and info["domain"] and not info["domain"].isascii():
        findings.append(_finding("international-domain", lang, subject=info["domain"],
                                 domain=info["domain"], ascii=domain))

    typo = find_domain_typo(domain) if domain else None
    if typo:
        corrected = "{0}@{1}".format(info["local"], typo[0])
        data["domain_suggestion"] = typo[0]
        data["address_suggestion"] = corrected
        findings.append(_finding("domain-typo/known" if typo[1] else "domain-typo", lang, subject=domain,
                                 severity="error" if typo[1] else "warning",
                                 domain=domain, suggestion=typo[0], address=corrected))

    # The DNS question only makes sense for a domain that passed the checks above.
    dns_note = "address-ok/dns-skipped"
    if not dns or not domain or any(code in ("domain-too-long",) for code, _ in problems):
        data["dns"] = {"checked": False}
    else:
        server = dns_server or system_dns_server()
        if not server:
            data["dns"] = {"checked": False, "status": "error", "error_kind": "no-server"}
            reason = _t("dns-error", lang)["no-server"]
            findings.append(_finding("dns-error", lang, subject=domain, reason=reason, domain=domain))
            dns_note = "address-ok/dns-failed"
        else:
            result = lookup_mail_servers(domain, server, dns_port, timeout)
            data["dns"] = result
            dns_note = _dns_findings(result, domain, server, timeout, lang, findings)

    # Sort: errors first, then warnings, info, ok (stable within a severity).
    errors = [f for f in findings if f["severity"] == "error"]
    shown = folded if folded else examined
    if not errors:
        note = _t(dns_note, lang).get("detail", "")
        hosts = _hosts_text(data.get("dns") or {}, lang)
        findings.append(_finding("address-ok", lang, subject=shown, address=shown,
                                 dns=note.format(domain=domain or "", hosts=hosts)))
    findings.sort(key=lambda f: SEVERITY_ORDER.index(f["severity"]))
    count = len([f for f in findings if f["severity"] in ("error", "warning")])
    if errors:
        summary = words["errors"].format(address=address.strip(_ASCII_WS), count=len(errors))
        best = data.get("address_suggestion") or (folded if folded != address.strip(_ASCII_WS) else None)
        if best and not problems:
            summary += ("" if lang == "ja" else " ") + words["suggest"].format(suggestion=best)
    elif count:
        key = "legacy-warnings" if data.get("legacy_carrier_address") else "ok-warnings"
        summary = words[key].format(address=shown, count=count)
    else:
        summary = words["ok"].format(address=shown)
    report = _report(lang, True, summary, data)
    report["findings"] = findings
    return report


def _hosts_text(result, lang):
    if result.get("status") == "mx":
        return ", ".join("{0} ({1})".format(m["host"], m["preference"]) for m in result["mx"])
    if result.get("status") == "implicit":
        return ", ".join(result["addresses"])
    return _t("dns-none", lang)["detail"]


def _dns_findings(result, domain, server, timeout, lang, findings):
    """Add the findings for a DNS result; return the TEXTS key of the note for address-ok."""
    status = result["status"]
    if status == "mx":
        return "address-ok/dns-mx"
    if status == "implicit":
        findings.append(_finding("implicit-mx", lang, subject=domain, domain=domain, hosts=_hosts_text(result, lang)))
        return "address-ok/dns-implicit"
    if status in ("nxdomain", "no-records", "null-mx"):
        findings.append(_finding("no-mail-server/" + status, lang, subject=domain, domain=domain, server=server))
        return "address-ok/dns-failed"
    reasons = _t("dns-error", lang)
    kind = result.get("error_kind") or "network"
    reason = reasons.get(kind, reasons["network"]).format(
        server=server, timeout=("%g" % timeout), error=result.get("error") or "", rcode=result.get("rcode") or "")
    findings.append(_finding("dns-error", lang, subject=domain, reason=reason, domain=domain))
    return "address-ok/dns-failed"


# ------------------------------------------------------------------------------------------------
# Command line
# ------------------------------------------------------------------------------------------------
_CLI = {
    "ja": {
        "description": "メールアドレスを確かめます: 全角文字、書き方の決まり、ドメイン名の打ち間違い、"
                       "(--no-dns を付けなければ) そのドメインにメールサーバーがあるか。",
        "address": "確かめるアドレス (シェルでは引用符で囲んでください)",
        "no_dns": "DNS にメールサーバーを問い合わせません (何も送信しません)",
        "dns_server": "問い合わせる DNS サーバーの IP アドレス (既定: このコンピューターが使っている最初のもの)",
        "dns_port": "DNS サーバーのポート番号 (既定: 53)",
        "timeout": "DNS の答えを待つ秒数 (既定: {0})".format(DEFAULT_TIMEOUT),
        "quiet": "ほかの確認スクリプトとそろえたオプションです。このスクリプトは途中経過を出さないので、結果は変わりません",
        "bad_number": "数ではありません: {0}",
        "bad_timeout": "0 より大きく 300 以下の秒数にしてください: {0}",
        "bad_port": "1〜65535 のポート番号にしてください: {0}",
        "bad_server": "DNS サーバーは IP アドレスで指定してください: {0}",
    },
    "en": {
        "description": "Check a mail address: full-width characters, syntax, mistyped domains and "
                       "(unless --no-dns) whether the domain has a mail server.",
        "address": "the address to check (quote it in the shell)",
        "no_dns": "do not ask DNS for the domain's mail servers (nothing is sent)",
        "dns_server": "DNS server to ask, as an IP address (default: the system's first one)",
        "dns_port": "port of the DNS server (default: 53)",
        "timeout": "seconds to wait for each DNS answer (default: {0})".format(DEFAULT_TIMEOUT),
        "quiet": "accepted like in the other check scripts; this one prints no progress, so nothing changes",
        "bad_number": "not a number: {0}",
        "bad_timeout": "give more than 0 and at most 300 seconds: {0}",
        "bad_port": "give a port number from 1 to 65535: {0}",
        "bad_server": "give the DNS server as an IP address: {0}",
    },
}


def build_parser(lang="en"):
    words = _CLI[lang if lang in _CLI else "en"]
    parser = command_line_parser("check_address.py", words["description"], lang)
    parser.add_argument("address", metavar="ADDRESS", help=words["address"])
    parser.add_argument("--no-dns", action="store_true", help=words["no_dns"])
    parser.add_argument("--dns-server", metavar="IP", help=words["dns_server"])
    parser.add_argument("--dns-port", metavar="N", default="53", help=words["dns_port"])
    parser.add_argument("--timeout", metavar="S", default=str(DEFAULT_TIMEOUT), help=words["timeout"])
    parser.add_argument("-q", "--quiet", action="store_true", help=words["quiet"])
    add_common_options(parser, lang)
    return parser


def _lang_of(argv):
    for index, arg in enumerate(argv):
        if arg == "--lang=en" or (arg == "--lang" and argv[index + 1:index + 2] == ["en"]):
            return "en"
    return "ja"


def _options(args, lang):
    """(dns_port, timeout) from the command line; raises UserError with a one-line reason."""
    words = _CLI[lang]
    try:
        timeout = float(args.timeout)
    except ValueError:
        raise UserError(words["bad_number"].format(args.timeout)) from None
    if not 0 < timeout <= 300:
        raise UserError(words["bad_timeout"].format(args.timeout))
    port = args.dns_port.strip()
    if not (port.isascii() and port.isdigit() and 0 < int(port) < 65536):
        raise UserError(words["bad_port"].format(args.dns_port))
    if args.dns_server is not None and not _usable_server(args.dns_server):
        raise UserError(words["bad_server"].format(args.dns_server))
    return int(port), timeout


def main(argv=None):
    argv = list(sys.argv[1:] if argv is None else argv)
    prog = "check_address.py"
    lang = _lang_of(argv)
    try:
        args = build_parser(help_lang(argv)).parse_args(argv)
        lang = args.lang
        dns_port, timeout = _options(args, lang)
        problem = input_problem(args.address, lang)
        if problem:
            return fail(prog, problem)
        report = check(args.address, lang, dns=not args.no_dns, dns_server=args.dns_server,
                       dns_port=dns_port, timeout=timeout)
        return emit(report, lang, args.json)
    except UserError as exc:
        return fail(prog, str(exc))
    except KeyboardInterrupt:
        fail(prog, _UI[lang]["interrupted"])
        return 130
    except Exception as exc:  # noqa: BLE001 - one line, never a traceback
        return fail(prog, "{0}: {1}".format(type(exc).__name__, exc))


if __name__ == "__main__":
    sys.exit(main())
