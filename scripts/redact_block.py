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
