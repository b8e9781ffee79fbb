"""Bounce reading measured against Sisimai on its public corpus: prints figures, asserts nothing.

    .venv/bin/python scripts/bench_bounce.py [--corpus DIR] [--snippet FILE] [--json] [--show N]

The corpus is Sisimai's set-of-emails (461 real bounces with Sisimai's expected reasons), kept
outside the repository in ../shared/sisimai (see its README). For each mail the script runs
snippets/explain_bounce.py the way ../shared/tools/bounce_agreement.py does (same reason map) and
prints:

- agreement: mails whose every Sisimai reason with a counterpart among our ids is among our
  finding ids, over the mails that have such a reason;
- documented: disagreements we keep on purpose (tests/fixtures/bounce/SOURCES.md, "Where we read
  a mail differently from Sisimai"), and agreement counting them;
- recognized: mails read as a bounce (or a feedback report / delivery notice) at all;
- time per mail (median and worst) and in total.

Exit status: 0 figures printed, 2 corpus or snippet missing or unreadable (one line on stderr).
Hooked into scripts/bench_explain.py by the coordinator.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "sisimai"
SNIPPET = ROOT / "snippets" / "explain_bounce.py"

# Sisimai reason -> our bounce ids that say the same thing (as ../shared/tools/bounce_agreement.py).
MAP = {
    "userunknown": {"user-unknown"},
    "mailboxfull": {"mailbox-full"},
    "hostunknown": {"host-unknown"},
    "filtered": {"domain-filter"},
    "spamdetected": {"spam-rejected"},
    "blocked": {"blocked"},
    "rejected": {"sender-rejected"},
    "norelaying": {"relay-denied"},
    "authfailure": {"policy-auth-failure"},
    "mesgtoobig": {"message-too-large"},
    "exceedlimit": {"message-too-large"},
    "expired": {"expired"},
}

# Mails where we keep a different reading on purpose, with the id we give and the rule behind it
# (SOURCES.md explains each rule). A mail listed here that stops giving this id is reported as drift.
_DELAY = "delay notice: the server is still retrying (Sisimai: expired)"
_NOSTAGE = "'user unknown' with no SMTP stage and no 5.1.1 (Sisimai: filtered)"
DOCUMENTED = {
    **{f"lhost-{n}.eml": ("temporary-failure", _DELAY) for n in (
        "gmail-08", "gmail-09", "gmail-17", "messagingserver-07", "outlook-06", "sendmail-29", "zoho-04")},
    **{f"lhost-{n}.eml": ("user-unknown", _NOSTAGE) for n in (
        "activehunter-02", "amazonses-02", "apachejames-01", "exchange2003-04", "mailfoundry-01",
        "mcafee-01", "mcafee-04", "mcafee-05", "mxlogic-03", "postfix-07",
        "surfcontrol-01", "x1-01", "x1-02", "x2-01", "x2-02", "zoho-03")},
    "lhost-sendmail-48.eml": ("user-unknown", "PIPELINING: the 550 after '>>> DATA' answered RCPT TO (Sisimai: filtered)"),
    "lhost-postfix-74.eml": ("rate-limited", "Yahoo TSS04 'unexpected volume' (Sisimai: rejected)"),
    "lhost-dragonfly-22.eml": ("bad-address-syntax", "5.1.3 bad address syntax (Sisimai: userunknown)"),
    "lhost-exim-58.eml": ("not-rfc-compliant", "'Line limit exceeded' (Sisimai: mesgtoobig)"),
    "lhost-mfilter-04.eml": ("user-unknown", "Exchange Online '5.4.1 All recipient addresses rejected : Access denied' "
                             "is Directory-Based Edge Blocking (Sisimai: rejected)"),
    "lhost-sendmail-21.eml": ("expired", "'Connection refused … could not be delivered for 8 hours, will be deleted from "
                              "queue': a final give-up (Sisimai: blocked)"),
    "lhost-v5sendmail-05.eml": ("network-error", "sendmail's verdict for one of four recipients is 'Connection reset by "
                                "peer' (Sisimai: blocked)"),
}


def load(path):
    spec = importlib.util.spec_from_file_location("explain_bounce_bench", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def measure(corpus, mod):
    """The figures as a dict (also used by tests/test_explain_bounce.py)."""
    expected = json.loads((Path(corpus) / "expected.json").read_text(encoding="utf-8"))
    res = {"mails": 0, "recognized": 0, "raised": 0, "with_mapped_reason": 0, "agreed": 0, "documented": 0,
           "documented_drift": [], "misses": [], "seconds": []}
    for name, exp in sorted(expected.items()):
        raw = (Path(corpus) / "maildir" / name).read_bytes()
        res["mails"] += 1
        t0 = time.perf_counter()
        try:
            report = mod.explain(mod.decode_bytes(raw), "en")
        except Exception as exc:  # noqa: BLE001 - explain() must never raise; count it
            res["raised"] += 1
            res["misses"].append(f"{name}: raised {exc!r}")
            continue
        finally:
            res["seconds"].append(time.perf_counter() - t0)
        ids = {f.get("id") for f in report.get("findings", [])}
        res["recognized"] += bool(report.get("recognized"))
        wanted = sorted({r for r in exp["reasons"] if r in MAP})
        if name in DOCUMENTED and DOCUMENTED[name][0] not in ids:
            res["documented_drift"].append(f"{name}: documented {DOCUMENTED[name][0]}, now {sorted(ids)}")
        if not wanted:
            continue
        res["with_mapped_reason"] += 1
        if all(ids & MAP[r] for r in wanted):
            res["agreed"] += 1
        elif name in DOCUMENTED and DOCUMENTED[name][0] in ids:
            res["documented"] += 1
        else:
            res["misses"].append(f"{name}: Sisimai {wanted} {exp.get('status')}; ours {sorted(i for i in ids if i)}")
    return res


def main(argv=None):
    ap = argparse.ArgumentParser(description="Bounce reading vs Sisimai on its corpus (figures only).")
    ap.add_argument("--corpus", default=str(CORPUS), help="Sisimai corpus directory (default: %(default)s)")
    ap.add_argument("--snippet", default=str(SNIPPET), help="explain_bounce.py to measure (default: %(default)s)")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--show", type=int, default=0, help="list this many undocumented disagreements")
    a = ap.parse_args(argv)
    try:
        res = measure(a.corpus, load(a.snippet))
    except (OSError, ValueError, KeyError, SyntaxError, ImportError) as exc:
        print(f"bench_bounce: cannot read the corpus or the snippet: {exc}", file=sys.stderr)
        return 2
    secs = res.pop("seconds")
    mapped = max(res["with_mapped_reason"], 1)
    figures = {
        "mails": res["mails"], "recognized": res["recognized"], "raised": res["raised"],
        "with_mapped_reason": res["with_mapped_reason"], "agreed": res["agreed"],
        "agreement": round(res["agreed"] / mapped, 3), "documented_disagreements": res["documented"],
        "agreement_with_documented": round((res["agreed"] + res["documented"]) / mapped, 3),
        "documented_drift": res["documented_drift"],
        "ms_per_mail_median": round(1000 * statistics.median(secs), 2) if secs else None,
        "ms_per_mail_max": round(1000 * max(secs), 1) if secs else None,
        "seconds_total": round(sum(secs), 2),
    }
    if a.json:
        print(json.dumps(figures, indent=1))
        return 0
    for line in res["misses"][: a.show]:
        print("  ", line)
    print(f"Bounce reading vs Sisimai: agreement {res['agreed']}/{res['with_mapped_reason']} "
          f"({figures['agreement']:.1%}); with {res['documented']} documented disagreements "
          f"{figures['agreement_with_documented']:.1%}; recognized {res['recognized']}/{res['mails']}; "
          f"raised {res['raised']}")
    print(f"time per mail: median {figures['ms_per_mail_median']} ms, max {figures['ms_per_mail_max']} ms; "
          f"total {figures['seconds_total']} s for {res['mails']} mails")
    if res["documented_drift"]:
        print("documented readings that changed:", *res["documented_drift"], sep="\n   ")
    return 0


if __name__ == "__main__":
    sys.exit(main())
