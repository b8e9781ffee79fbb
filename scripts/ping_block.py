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
