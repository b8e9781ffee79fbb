"""snippets/check_mail_server.py against real servers on loopback.

The servers (aiosmtpd SMTP, Dovecot POP3/IMAP, a silent TCP server, a filtered port) are started
and stopped here, on 127.0.0.1 / 127.0.0.2 or inside a network namespace the test creates; no
traffic leaves the machine. See tests/mailservers.py."""

from __future__ import annotations

import importlib.util
import json
import logging
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SCRIPT = ROOT / "snippets" / "check_mail_server.py"
sys.path.insert(0, str(HERE))
import mailservers as ms  # noqa: E402

pytestmark = pytest.mark.skipif(not ms.OPENSSL, reason="the openssl command is needed to make test certificates")


def load(name="check_mail_server"):
    spec = importlib.util.spec_from_file_location(name, ROOT / "snippets" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


cms = load()
TIMEOUT = 1.5


def run_cli(*args, timeout=60, env=None, prefix=()):
    return subprocess.run([*prefix, sys.executable, str(SCRIPT), *map(str, args)], capture_output=True,
                          text=True, encoding="utf-8", timeout=timeout, stdin=subprocess.DEVNULL, env=env)


def findings(report, subject=None):
    return [f for f in report["findings"] if subject is None or f.get("subject") == subject]


def ids(report, subject=None):
    return {f["id"] for f in findings(report, subject)}


def one(report, fid, subject=None):
    found = [f for f in findings(report, subject) if f["id"] == fid]
    assert len(found) == 1, (fid, subject, [f["id"] for f in report["findings"]])
    return found[0]


def port_of(report, port):
    return next(p for p in report["data"]["ports"] if p["port"] == port)


# --- servers -------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def pki(tmp_path_factory):
    return ms.TestPKI(tmp_path_factory.mktemp("pki"))


@pytest.fixture(scope="module")
def smtp(pki):
    logging.getLogger("mail.log").setLevel(logging.CRITICAL)  # aiosmtpd logs refused handshakes
    servers = {
        "starttls": ms.start_smtp("starttls", pki),
        "plain": ms.start_smtp("plain"),
        "cleartext": ms.start_smtp("auth-cleartext"),
        "implicit": ms.start_smtp("implicit", pki),
        "expired": ms.start_smtp("implicit", pki, cert="expired"),
        "wrong_name": ms.start_smtp("starttls", pki, cert="wrong_name"),
        "self_signed": ms.start_smtp("implicit", pki, cert="self_signed"),
    }
    yield servers
    for server in servers.values():
        server.stop()


@pytest.fixture(scope="module")
def silent():
    server = ms.SilentServer()
    yield server
    server.close()


@pytest.fixture()
def filtered():
    made = []

    def make(host="127.0.0.1"):
        port = ms.FilteredPort(host)
        made.append(port)
        if not port.works:
            pytest.skip("this kernel answers SYNs beyond a full accept queue; no filtered port on loopback")
        return port

    yield make
    for port in made:
        port.close()


def _need_dovecot():
    if not ms.DOVECOT:
        pytest.skip("dovecot is not installed (Debian: dovecot-core dovecot-pop3d dovecot-imapd)")
    try:
        with socket.create_server(("127.0.0.2", 0)):
            pass
    except OSError:
        pytest.skip("127.0.0.2 is not usable on this machine")


@pytest.fixture(scope="module")
def dovecot_tls(pki, tmp_path_factory):
    _need_dovecot()
    server = ms.Dovecot(tmp_path_factory.mktemp("dovecot-tls"), pki)
    yield server
    server.stop()


@pytest.fixture(scope="module")
def dovecot_plain(tmp_path_factory):
    _need_dovecot()
    server = ms.Dovecot(tmp_path_factory.mktemp("dovecot-plain"), None)
    yield server
    server.stop()


# --- SMTP ----------------------------------------------------------------------------------

def test_starttls_with_auth_after_tls(smtp, pki):
    port = smtp["starttls"].port
    report = cms.check("127.0.0.1", [(port, "submission")], TIMEOUT, str(pki.ca_cert), "en")
    subject = f"{port}/submission"
    assert ids(report, subject) == {"port-open", "starttls-available", "tls-ok", "auth-offered"}
    p = port_of(report, port)
    assert p["service"] == "submission" and p["state"] == "open"
    assert p["banner"].startswith("220 ") and "ESMTP" in p["banner"]
    assert p["starttls"] is True
    # RFC 3207: capabilities are read again after TLS, and only then is AUTH offered.
    assert p["auth_before_tls"] == []
    assert "STARTTLS" in [c.upper() for c in p["capabilities_before_tls"]]
    assert sorted(p["auth"]) == ["LOGIN", "PLAIN"]
    assert p["tls"]["ok"] is True and p["tls"]["error"] is None
    assert p["tls"]["version"] in ("TLSv1.2", "TLSv1.3")
    assert p["tls"]["version"] in one(report, "tls-ok", subject)["title"]
    assert "PLAIN" in one(report, "auth-offered", subject)["title"]
    assert report["summary"].startswith("127.0.0.1 (127.0.0.1): 1 of 1 ")
    assert not getattr(smtp["starttls"].handler, "mail_from_seen", False), "the script must never send MAIL FROM"


def test_certificate_is_verified_by_default(smtp):
    """Without --cafile only the system's CAs are trusted, so the test CA is unknown."""
    port = smtp["starttls"].port
    report = cms.check("127.0.0.1", [(port, "submission")], TIMEOUT, None, "ja")
    p = port_of(report, port)
    assert p["tls"]["ok"] is False and p["tls"]["reason"] == "unknown-ca"
    finding = one(report, "tls-certificate-error")
    assert finding["severity"] == "error" and "認証局" in finding["detail"]


def test_no_starttls(smtp):
    port = smtp["plain"].port
    report = cms.check("127.0.0.1", [(port, "smtp")], TIMEOUT, None, "en")
    assert "starttls-missing" in ids(report) and "tls-ok" not in ids(report)
    p = port_of(report, port)
    assert p["starttls"] is False and p["tls"] is None and p["auth"] == []


def test_auth_before_tls_is_flagged(smtp):
    port = smtp["cleartext"].port
    report = cms.check("127.0.0.1", [(port, "submission")], TIMEOUT, None, "en")
    finding = one(report, "auth-in-cleartext")
    assert finding["severity"] == "warning" and "PLAIN" in finding["detail"]
    assert sorted(port_of(report, port)["auth_before_tls"]) == ["LOGIN", "PLAIN"]
    assert "starttls-missing" in ids(report)


def test_implicit_tls(smtp, pki):
    port = smtp["implicit"].port
    report = cms.check("127.0.0.1", [(port, "submissions")], TIMEOUT, str(pki.ca_cert), "en")
    p = port_of(report, port)
    assert p["tls_mode"] == "implicit" and p["starttls"] is None
    assert p["tls"]["ok"] is True and p["tls"]["version"].startswith("TLSv1.")
    assert p["banner"].startswith("220 ")
    assert {"port-open", "tls-ok", "auth-offered"} <= ids(report)
    assert "starttls-missing" not in ids(report) and "auth-in-cleartext" not in ids(report)


def test_implicit_tls_port_that_speaks_plain_text(smtp, pki):
    """465-style setting against a plain SMTP port: a clear 'does not speak TLS' verdict."""
    port = smtp["plain"].port
    report = cms.check("127.0.0.1", [(port, "submissions")], TIMEOUT, str(pki.ca_cert), "en")
    p = port_of(report, port)
    assert p["tls"]["ok"] is False and p["tls"]["reason"] == "not-tls"
    assert one(report, "tls-failed")["severity"] == "error"


@pytest.mark.parametrize("server,reason,words", [
    ("expired", "expired", {"ja": "期限", "en": "expired"}),
    ("wrong_name", "hostname-mismatch", {"ja": "名前", "en": "name"}),
    ("self_signed", "self-signed", {"ja": "自己署名", "en": "self-signed"}),
])
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_certificate_errors_in_plain_words(smtp, pki, server, reason, words, lang):
    port = smtp[server].port
    service = "submission" if server == "wrong_name" else "submissions"
    report = cms.check("127.0.0.1", [(port, service)], TIMEOUT, str(pki.ca_cert), lang)
    p = port_of(report, port)
    assert p["tls"]["ok"] is False and p["tls"]["reason"] == reason
    finding = one(report, "tls-certificate-error")
    assert finding["severity"] == "error"
    assert words[lang] in finding["title"], finding["title"]
    # Looked at again without verification: the TLS version and the sign-in methods still show.
    assert p["tls"]["version"] in ("TLSv1.2", "TLSv1.3")
    assert sorted(p["auth"]) == ["LOGIN", "PLAIN"]


# --- ports that do not answer ----------------------------------------------------------------

def test_refused_port():
    port = ms.free_port()
    started = time.monotonic()
    report = cms.check("127.0.0.1", [(port, "submission")], TIMEOUT, None, "en")
    assert time.monotonic() - started < 1.0
    assert port_of(report, port)["state"] == "refused"
    assert {"port-refused", "no-port-answers"} <= ids(report)
    assert one(report, "no-port-answers")["severity"] == "error"


def test_filtered_port_times_out_within_the_timeout(filtered):
    port = filtered().port
    started = time.monotonic()
    report = cms.check("127.0.0.1", [(port, "submission")], 1.0, None, "en")
    elapsed = time.monotonic() - started
    assert 0.9 <= elapsed < 2.0
    assert port_of(report, port)["state"] == "timeout"
    assert one(report, "port-timeout")["severity"] == "warning"
    assert "no answer" in one(report, "no-port-answers")["detail"]


def test_server_that_never_greets(silent):
    started = time.monotonic()
    report = cms.check("127.0.0.1", [(silent.port, None)], 1.0, None, "ja")
    assert time.monotonic() - started < 2.0
    p = port_of(report, silent.port)
    assert p["state"] == "open" and p["banner"] is None and p["silent"] is True
    assert ids(report) == {"banner-timeout"}
    assert "あいさつ" in one(report, "banner-timeout")["detail"]


def test_unknown_port_is_recognised_from_its_greeting(smtp, pki):
    port = smtp["starttls"].port
    report = cms.check("127.0.0.1", cms.parse_ports(str(port)), TIMEOUT, str(pki.ca_cert), "en")
    p = port_of(report, port)
    assert p["protocol"] == "smtp" and p.get("sniffed") is True
    assert {"starttls-available", "tls-ok", "auth-offered"} <= ids(report)


def test_host_not_found_with_an_injected_resolver():
    asked = []

    def resolver(name):
        asked.append(name)
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    report = cms.check("smtp.example.invalid", None, TIMEOUT, None, "en", resolver=resolver)
    assert asked == ["smtp.example.invalid"]
    assert ids(report) == {"host-not-found"}
    finding = one(report, "host-not-found")
    assert finding["severity"] == "error" and "smtp.example.invalid" in finding["detail"]
    assert report["data"]["ports"] == [] and "Name or service not known" in report["data"]["resolve_error"]


# --- conclusions ---------------------------------------------------------------------------

def test_submission_blocked_likely(smtp, filtered):
    """587 and 465 do not answer while the relay port does: the network blocks sending ports."""
    relay = smtp["plain"].port
    blocked = filtered().port
    refused = ms.free_port()
    report = cms.check("127.0.0.1", [(relay, "smtp"), (blocked, "submission"), (refused, "submissions")],
                       1.0, None, "en")
    finding = one(report, "submission-blocked-likely")
    assert finding["severity"] == "warning" and finding["page"] == "mail/blocked-ports/"
    assert str(blocked) in finding["title"] and str(refused) in finding["title"]
    assert "op25b-likely" not in ids(report) and "no-port-answers" not in ids(report)


def test_op25b_likely(smtp, pki, filtered):
    """The relay port is filtered while the submission port works: OP25B, use 587."""
    relay = filtered().port
    submission = smtp["starttls"].port
    report = cms.check("127.0.0.1", [(relay, "smtp"), (submission, "submission")], 1.0, str(pki.ca_cert), "ja")
    finding = one(report, "op25b-likely")
    assert "OP25B" in finding["detail"] and str(submission) in finding["detail"]
    assert "submission-blocked-likely" not in ids(report)


# --- Dovecot: POP3 and IMAP ----------------------------------------------------------------

def test_pop3_stls_and_capa_again(dovecot_tls, pki):
    port = dovecot_tls.ports["pop3"]
    report = cms.check("127.0.0.2", [(port, "pop3")], TIMEOUT, str(pki.ca_cert), "en")
    p = port_of(report, port)
    assert p["banner"].startswith("+OK")
    assert "STLS" in p["capabilities_before_tls"]
    assert "USER" not in p["capabilities_before_tls"]       # disable_plaintext_auth = yes
    assert p["auth_before_tls"] == [] and p["plain_login_before_tls"] is False
    assert "SASL PLAIN LOGIN" in p["capabilities_after_tls"] and "USER" in p["capabilities_after_tls"]
    assert p["auth"] == ["PLAIN", "LOGIN"] and p["plain_login"] is True
    assert ids(report) == {"port-open", "starttls-available", "tls-ok", "auth-offered"}


def test_imap_starttls_and_capability_again(dovecot_tls, pki):
    port = dovecot_tls.ports["imap"]
    report = cms.check("127.0.0.2", [(port, "imap")], TIMEOUT, str(pki.ca_cert), "en")
    p = port_of(report, port)
    assert p["banner"].startswith("* OK")
    before = [c.upper() for c in p["capabilities_before_tls"]]
    assert "STARTTLS" in before and "LOGINDISABLED" in before and not any(c.startswith("AUTH=") for c in before)
    assert "AUTH=PLAIN" in [c.upper() for c in p["capabilities_after_tls"]]
    assert p["auth"] == ["PLAIN", "LOGIN"]
    assert ids(report) == {"port-open", "starttls-available", "tls-ok", "auth-offered"}


@pytest.mark.parametrize("name", ["pop3s", "imaps"])
def test_pop3s_and_imaps(dovecot_tls, pki, name):
    port = dovecot_tls.ports[name]
    report = cms.check("127.0.0.2", [(port, name)], TIMEOUT, str(pki.ca_cert), "en")
    p = port_of(report, port)
    assert p["tls_mode"] == "implicit" and p["tls"]["ok"] is True
    assert p["capabilities_before_tls"] is None and p["auth"] == ["PLAIN", "LOGIN"]
    assert ids(report) == {"port-open", "tls-ok", "auth-offered"}


def test_pop3_imap_without_tls(dovecot_plain):
    ports = dovecot_plain.ports
    report = cms.check("127.0.0.2", [(ports["pop3"], "pop3"), (ports["imap"], "imap")], TIMEOUT, None, "en")
    for name in ("pop3", "imap"):
        subject = f"{ports[name]}/{name}"
        assert {"port-open", "starttls-missing", "auth-in-cleartext"} <= ids(report, subject)
        assert port_of(report, ports[name])["starttls"] is False
    pop3 = one(report, "auth-in-cleartext", f"{ports['pop3']}/pop3")
    assert "USER/PASS" in pop3["detail"] and "PLAIN" in pop3["detail"]


def test_dovecot_saw_no_login(dovecot_tls, pki):
    """The script never logs in: Dovecot records only sessions without auth attempts."""
    cms.check("127.0.0.2", [(dovecot_tls.ports["imap"], "imap"), (dovecot_tls.ports["pop3s"], "pop3s")],
              TIMEOUT, str(pki.ca_cert), "en")
    time.sleep(0.3)
    log = (dovecot_tls.dir / "dovecot.log").read_text(errors="replace")
    assert "no auth attempts" in log
    assert "auth failed" not in log and "Login: user=" not in log


# --- command line --------------------------------------------------------------------------

def test_cli_json_only_json_on_stdout(smtp, pki):
    port = smtp["starttls"].port
    proc = run_cli("127.0.0.1", "--ports", f"{port}/submission", "--timeout", TIMEOUT, "--cafile", pki.ca_cert,
                   "--json")
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert report["tool"] == "mail_server" and report["recognized"] is True and report["locale"] == "ja"
    p = report["data"]["ports"][0]
    assert {"port", "service", "state", "banner", "starttls", "auth", "tls"} <= set(p)
    assert set(p["tls"]) >= {"ok", "version", "error"}
    assert proc.stderr == ""


def test_cli_text_en_with_progress_on_stderr(smtp, pki):
    port = smtp["expired"].port
    proc = run_cli("127.0.0.1", "--ports", f"{port}/submissions", "--timeout", TIMEOUT, "--cafile", pki.ca_cert,
                   "--lang", "en")
    assert proc.returncode == 1
    assert "[ERROR] The certificate on port" in proc.stdout and "expired" in proc.stdout
    assert f"{port}/submissions" in proc.stderr and "Traceback" not in proc.stderr


@pytest.mark.parametrize("args,words", [
    (["127.0.0.1", "--ports", "99999,abc"], "99999"),
    (["127.0.0.1", "--ports", "25/foo"], "foo"),
    (["127.0.0.1", "--timeout", "abc"], "--timeout"),
    (["127.0.0.1", "--cafile", "/nonexistent/ca.pem"], "--cafile"),
    (["taro@example.jp"], "taro@example.jp"),
    (["smtp.example.jp:587"], "--ports"),
    ([], "HOST"),
])
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_cli_bad_arguments_one_line_exit_2(args, words, lang):
    proc = run_cli(*args, "--lang", lang, timeout=20)
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1, proc.stderr
    assert words in proc.stderr
    if lang == "ja" and args and args[-1] != "abc" and "--cafile" not in args:
        assert any("\u3040" <= ch <= "\u30ff" for ch in proc.stderr), proc.stderr


def test_cli_all_ports_filtered_ends_within_the_timeout(filtered):
    ports = [filtered() for _ in range(7)]
    spec = ",".join(f"{p.port}/{s}" for p, s in zip(ports, cms.SERVICES))
    started = time.monotonic()
    proc = run_cli("127.0.0.1", "--ports", spec, "--timeout", "2", "--json")
    elapsed = time.monotonic() - started
    assert proc.returncode == 1
    report = json.loads(proc.stdout)
    assert [p["state"] for p in report["data"]["ports"]] == ["timeout"] * 7
    assert "no-port-answers" in ids(report)
    # The ports are tried at once: the documented bound (2 x --timeout) plus Python's start-up,
    # far below the 7 x 2 s of one port after another; a loaded CI machine needs the margin.
    assert elapsed < 2 * 2 + 1.0, elapsed


def test_cli_ctrl_c_is_one_line_exit_130(silent):
    proc = subprocess.Popen([sys.executable, str(SCRIPT), "127.0.0.1", "--ports", f"{silent.port}/imap",
                             "--timeout", "20", "--json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            stdin=subprocess.DEVNULL, text=True, encoding="utf-8")
    time.sleep(1.0)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=10)
    assert proc.returncode == 130
    assert out == ""
    assert err.strip().splitlines() == ["check_mail_server.py: 中断しました。"]


def test_cli_broken_pipe_is_quiet(smtp, pki):
    port = smtp["starttls"].port
    proc = subprocess.run(
        f'"{sys.executable}" "{SCRIPT}" 127.0.0.1 --ports {port}/submission --cafile "{pki.ca_cert}" -q | head -c 10',
        shell=True, capture_output=True, text=True, timeout=30)
    assert "Traceback" not in proc.stderr and "BrokenPipe" not in proc.stderr


# --- inside a network namespace: a real dropping firewall and no resolver -------------------

def _can_netns():
    if os.geteuid() != 0 or not shutil.which("unshare") or not shutil.which("ip"):
        return "needs root, unshare and ip (iproute2) to make a private network namespace"
    probe = subprocess.run(["unshare", "-n", "true"], capture_output=True)
    if probe.returncode != 0:
        return "unshare -n is not permitted here: " + probe.stderr.decode(errors="replace").strip()
    return None


def test_unreachable_dns_in_an_empty_namespace_is_not_host_not_found():
    """L3: with no network at all getaddrinfo fails with EAI_AGAIN ("temporary failure"): DNS was
    not reached, which is not "the name does not exist". Nothing leaves the empty namespace."""
    why = _can_netns()
    if why:
        pytest.skip(why)
    proc = run_cli("no-such-host.invalid", "--json", "--lang", "en", "--timeout", "1", prefix=("unshare", "-n"))
    assert proc.returncode == 1, proc.stderr
    report = json.loads(proc.stdout)
    assert [f["id"] for f in report["findings"]] == ["dns-unavailable"]
    assert report["data"]["resolve_error_kind"] == "unavailable"
    assert report["summary"] == "The name no-such-host.invalid could not be looked up: DNS cannot be reached."


def _in_private_namespaces(tmp_path, script, files):
    """Run SCRIPT (sh) in new mount and network namespaces where FILES ({/etc/x: text}) are
    bind-mounted over the real ones: the machine's own files and network are never touched."""
    mounts = []
    for n, (target, text) in enumerate(files.items()):
        source = tmp_path / "file{0}".format(n)
        source.write_text(text, encoding="utf-8")
        mounts.append("mount --bind '{0}' '{1}'".format(source, target))
    body = "set -e\nip link set lo up\n" + "\n".join(mounts) + "\n" + script
    return subprocess.run(["unshare", "-m", "-n", "--propagation", "private", "sh", "-c", body],
                          capture_output=True, text=True, encoding="utf-8", timeout=60, stdin=subprocess.DEVNULL)


def test_host_not_found_subprocess_in_a_namespace_without_dns(tmp_path):
    """A name that truly does not exist (hosts file only, no DNS): host-not-found."""
    why = _can_netns()
    if why:
        pytest.skip(why)
    proc = _in_private_namespaces(tmp_path, '"{0}" "{1}" no-such-host.invalid --json --lang en --timeout 1'.format(
        sys.executable, SCRIPT), {"/etc/nsswitch.conf": "hosts: files\n", "/etc/hosts": "127.0.0.1 localhost\n"})
    assert proc.returncode == 1, proc.stderr
    report = json.loads(proc.stdout)
    assert [f["id"] for f in report["findings"]] == ["host-not-found"]
    assert report["summary"] == "No server named no-such-host.invalid was found."


def test_silent_dns_server_is_bounded_by_the_timeout(tmp_path):
    """L3: a DNS server that never answers held getaddrinfo for 10 s with --timeout 1. The
    look-up now waits at most the timeout and says that DNS did not answer."""
    why = _can_netns()
    if why:
        pytest.skip(why)
    silent = ("import socket, time\ns = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n"
              "s.bind(('127.0.0.1', 53))\nopen('{0}', 'w').close()\ntime.sleep(60)\n").format(tmp_path / "ready")
    (tmp_path / "silent.py").write_text(silent, encoding="utf-8")
    script = ('"{py}" "{silent}" >/dev/null 2>&1 &\npid=$!\nwhile [ ! -e "{ready}" ]; do sleep 0.05; done\n'
              'start=$(date +%s.%N)\n"{py}" "{script}" smtp.example.jp --json --lang en --timeout 1 > "{out}" || true\n'
              'end=$(date +%s.%N)\necho "$start $end"\nkill $pid\n').format(
        py=sys.executable, silent=tmp_path / "silent.py", ready=tmp_path / "ready", script=SCRIPT,
        out=tmp_path / "out.json")
    proc = _in_private_namespaces(tmp_path, script, {
        "/etc/resolv.conf": "nameserver 127.0.0.1\noptions timeout:5 attempts:2\n",
        "/etc/nsswitch.conf": "hosts: files dns\n", "/etc/hosts": "127.0.0.1 localhost\n"})
    assert proc.returncode == 0, proc.stderr
    start, end = (float(x) for x in proc.stdout.split())
    report = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert [f["id"] for f in report["findings"]] == ["dns-unavailable"]
    assert "within 1 seconds" in report["data"]["resolve_error"]
    assert end - start < 1 + 1.5, end - start     # one timeout plus Python start-up (was 10 s)


def test_injected_resolver_that_never_answers_and_eai_again():
    """L3 without namespaces: the resolver runs in a thread and is given up after the timeout;
    EAI_AGAIN (DNS not reachable) reads differently from EAI_NONAME (no such name)."""
    import threading

    never = threading.Event()
    started = time.monotonic()
    report = cms.check("smtp.example.jp", None, 0.5, None, "ja", resolver=lambda host: never.wait(30) or [])
    assert time.monotonic() - started < 0.9
    assert ids(report) == {"dns-unavailable"}
    assert report["summary"] == "smtp.example.jp の名前を調べられませんでした。DNS に届いていません。"

    def again(host):
        raise socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")

    report = cms.check("smtp.example.jp", None, 0.5, None, "en", resolver=again)
    assert ids(report) == {"dns-unavailable"} and "Temporary failure" in one(report, "dns-unavailable")["detail"]
    never.set()


def test_op25b_with_a_dropping_firewall_in_a_namespace(pki, tmp_path):
    """The real picture: port 25 dropped by nftables, 587 served (STARTTLS + AUTH), 465 closed,
    on the standard port numbers inside a namespace made for this test."""
    why = _can_netns()
    if why:
        pytest.skip(why)
    if not shutil.which("nft"):
        pytest.skip("nft (nftables) is not installed")
    crt, key = pki.good
    script = tmp_path / "run.sh"
    script.write_text(f"""set -e
ip link set lo up
nft add table inet t
nft add chain inet t in '{{ type filter hook input priority 0; }}'
nft add rule inet t in tcp dport 25 drop
"{sys.executable}" "{HERE / 'mailservers.py'}" starttls 587 "{crt}" "{key}" > "{tmp_path}/server.out" 2>&1 &
server=$!
for i in $(seq 100); do grep -q ready "{tmp_path}/server.out" 2>/dev/null && break; sleep 0.1; done
set +e
"{sys.executable}" "{SCRIPT}" 127.0.0.1 --ports 25,587,465 --timeout 1 --cafile "{pki.ca_cert}" --json --lang en
rc=$?
kill $server
wait $server 2>/dev/null
exit $rc
""")
    proc = subprocess.run(["unshare", "-n", "sh", str(script)], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr + proc.stdout
    report = json.loads(proc.stdout)
    states = {p["port"]: p["state"] for p in report["data"]["ports"]}
    assert states == {25: "timeout", 587: "open", 465: "refused"}
    assert {"op25b-likely", "port-timeout", "starttls-available", "tls-ok", "auth-offered"} <= ids(report)
    assert "587" in one(report, "op25b-likely")["detail"]
    assert "submission-blocked-likely" not in ids(report)


# --- pure functions ------------------------------------------------------------------------

def test_parse_ports():
    assert cms.parse_ports("25, 587,465,2525/submission,993/IMAPS,25") == [
        (25, "smtp"), (587, "submission"), (465, "submissions"), (2525, "submission"), (993, "imaps")]
    assert cms.parse_ports("10465/smtps") == [(10465, "submissions")]
    assert cms.parse_ports("2525") == [(2525, None)]
    for bad in ("", "0", "65536", "abc", "25/foo", "-1", ",".join(str(n) for n in range(1000, 1030))):
        with pytest.raises(cms.UserError):
            cms.parse_ports(bad, "en")


def test_report_shape_for_every_finding_text():
    """Every finding id has ja and en text, a known severity and an existing page."""
    nav = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for fid, entry in cms.FINDINGS.items():
        assert entry["severity"] in cms.SEVERITY_ORDER
        assert entry["page"].rstrip("/") + ".md" in nav, (fid, entry["page"])
        for lang in ("ja", "en"):
            assert entry[lang]["title"] and entry[lang]["detail"]
    contract = {"host-not-found", "port-open", "port-refused", "port-timeout", "starttls-available",
                "starttls-missing", "auth-offered", "auth-in-cleartext", "tls-ok", "tls-certificate-error",
                "submission-blocked-likely"}
    assert contract <= set(cms.FINDINGS)


# --- hostile servers, scripted on 127.0.0.1 ------------------------------------------------

class ScriptedSMTP:
    """A one-connection-at-a-time SMTP server on 127.0.0.1 that sends exactly what a test says:
    caps_before (the EHLO reply lines before TLS), starttls_reply (sent in one segment, may carry
    plaintext after the 220) and, after the TLS handshake with CONTEXT, caps_after."""

    def __init__(self, caps_before, starttls_reply=b"220 go ahead\r\n", context=None, caps_after=None):
        import threading

        self.caps_before, self.starttls_reply = caps_before, starttls_reply
        self.context, self.caps_after = context, caps_after
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.listener.settimeout(0.2)
        self.port = self.listener.getsockname()[1]
        self.commands = []
        self.stopped = False
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        while not self.stopped:
            try:
                conn, _ = self.listener.accept()
            except (socket.timeout, OSError):
                continue
            try:
                self._session(conn)
            except (OSError, ValueError):
                pass
            finally:
                conn.close()

    def _session(self, conn):
        conn.settimeout(5)
        reader = conn.makefile("rb")
        conn.sendall(b"220 fake.example ESMTP\r\n")
        caps = self.caps_before
        while True:
            line = reader.readline()
            if not line:
                return
            command = line.strip().upper()
            self.commands.append(command)
            if command.startswith(b"EHLO"):
                conn.sendall(b"".join(caps))
            elif command == b"STARTTLS" and self.context is not None:
                conn.sendall(self.starttls_reply)
                conn = self.context.wrap_socket(conn, server_side=True)
                reader = conn.makefile("rb")
                caps = self.caps_after
            elif command == b"QUIT":
                conn.sendall(b"221 bye\r\n")
                return
            else:
                conn.sendall(b"502 no\r\n")

    def stop(self):
        self.stopped = True
        self.thread.join(2)
        self.listener.close()


def test_escape_sequences_in_auth_mechanisms_do_not_reach_the_terminal():
    """M1: the mechanism list seen before TLS (injectable by anyone on the path) is printed as
    text; ESC/BEL/CR show as \\x1b etc. and the JSON keeps the exact string."""
    server = ScriptedSMTP([b"250-fake.example\r\n", b"250 AUTH PLAIN \x1b]0;PWNED\x07\x1b[2K\rLOGIN\r\n"])
    try:
        text = run_cli("127.0.0.1", "--ports", f"{server.port}/submission", "--timeout", "2", "--lang", "en", "-q")
        as_json = run_cli("127.0.0.1", "--ports", f"{server.port}/submission", "--timeout", "2", "--json")
    finally:
        server.stop()
    out = text.stdout
    assert "Sign-in methods (PLAIN, \\x1b]0;PWNED\\x07\\x1b[2K, LOGIN)" in out, out   # CR splits words
    assert "\x1b" not in out and "\x07" not in out and "\r" not in out
    report = json.loads(as_json.stdout)
    assert report["data"]["ports"][0]["auth"] == ["PLAIN", "\x1b]0;PWNED\x07\x1b[2K", "LOGIN"]


def test_plaintext_after_the_starttls_reply_is_reported(pki):
    """L1: plaintext sent behind the 220 to STARTTLS is discarded (RFC 3207) and now reported
    as a warning: a sign of a broken or hostile server or path."""
    server = ScriptedSMTP([b"250-fake.example\r\n", b"250 STARTTLS\r\n"],
                          starttls_reply=b"220 go ahead\r\n250-INJECTED\r\n250 AUTH ANONYMOUS\r\n",
                          context=pki.server_context("good"),
                          caps_after=[b"250-fake.example\r\n", b"250 AUTH PLAIN LOGIN\r\n"])
    try:
        report = cms.check("127.0.0.1", [(server.port, "submission")], 3, str(pki.ca_cert), "ja")
    finally:
        server.stop()
    p = port_of(report, server.port)
    assert p["plaintext_after_starttls"] is True and p["auth"] == ["PLAIN", "LOGIN"]   # injected data unused
    finding = one(report, "plaintext-after-starttls")
    assert finding["severity"] == "warning" and "捨てた" in finding["detail"]
    assert "ANONYMOUS" not in json.dumps(report)


def test_clean_starttls_has_no_tampering_warning(smtp, pki):
    report = cms.check("127.0.0.1", [(smtp["starttls"].port, "submission")], TIMEOUT, str(pki.ca_cert), "en")
    assert "plaintext-after-starttls" not in ids(report)


def test_empty_trust_store_is_a_local_problem_not_the_servers(smtp, pki, tmp_path):
    """M2: with no CA at all (python.org's Python on macOS before "Install Certificates.command";
    here SSL_CERT_FILE / SSL_CERT_DIR point at nothing) every server looked broken."""
    port = smtp["starttls"].port
    env = dict(os.environ, SSL_CERT_FILE=str(tmp_path / "none.pem"), SSL_CERT_DIR=str(tmp_path / "none"))
    proc = run_cli("127.0.0.1", "--ports", f"{port}/submission", "--timeout", "2", "--json", env=env)
    report = json.loads(proc.stdout)
    assert report["data"]["trust_store_empty"] is True
    assert "tls-certificate-error" not in ids(report)
    finding = one(report, "local-trust-store-empty")
    assert finding["severity"] == "warning" and "Install Certificates.command" in finding["next_steps"][0]
    assert "このパソコン" in finding["detail"] and f"{port}/submission" in finding["detail"]
    assert proc.returncode == 0
    # With --cafile (e.g. certifi's bundle; here the test CA) the store is not empty: tls-ok.
    fixed = run_cli("127.0.0.1", "--ports", f"{port}/submission", "--timeout", "2", "--json", "--cafile",
                    pki.ca_cert, env=env)
    report = json.loads(fixed.stdout)
    assert report["data"]["trust_store_empty"] is False and "tls-ok" in ids(report)


def test_a_normal_trust_store_still_blames_an_unknown_issuer(smtp):
    report = cms.check("127.0.0.1", [(smtp["starttls"].port, "submission")], TIMEOUT, None, "en")
    assert report["data"]["trust_store_empty"] is False
    assert "tls-certificate-error" in ids(report) and "local-trust-store-empty" not in ids(report)


def test_cafile_adds_to_the_system_store(smtp, pki, tmp_path):
    """L2: --cafile adds a CA; it does not replace the system's. Here the "system" store is the
    test CA (SSL_CERT_FILE) and --cafile names another CA: the server still checks out."""
    other = tmp_path / "other-ca.pem"
    other.write_bytes(pki.self_signed[0].read_bytes())
    port = smtp["starttls"].port
    env = dict(os.environ, SSL_CERT_FILE=str(pki.ca_cert), SSL_CERT_DIR=str(tmp_path / "none"))
    proc = run_cli("127.0.0.1", "--ports", f"{port}/submission", "--timeout", "2", "--json", "--cafile", other,
                   env=env)
    report = json.loads(proc.stdout)
    assert "tls-ok" in ids(report), [f["id"] for f in report["findings"]]
    help_text = run_cli("--help", "--lang", "en").stdout
    assert "in addition to the system's" in " ".join(help_text.split())


def test_help_in_japanese_with_quiet_and_exit_statuses():
    out = run_cli("--help", "--lang", "ja").stdout
    assert out.startswith("使い方: check_mail_server.py") and "オプション:" in out and "位置引数" not in out
    assert "-q, --quiet" in out and "130 = Ctrl+C" in out and "OS の認証局に追加" in out


def test_summary_grammar_in_japanese():
    data = {"host": "mail.example.jp", "addresses": ["192.0.2.1"], "timeout": 5, "resolve_error": None,
            "ports": [dict(cms._new_result(587, "submission"), state="timeout"),
                      dict(cms._new_result(993, "imaps"), state="refused")]}
    summary = cms.build_report(data, "ja")["summary"]
    assert "件があります" not in summary
    data["ports"].append(dict(cms._new_result(995, "pop3s"), state="open", banner="+OK", stage="done",
                              tls={"ok": False, "reason": "expired", "error": "x", "version": None}))
    summary = cms.build_report(data, "ja")["summary"]
    assert summary.endswith("エラーが 1 件、注意が 3 件あります。"), summary
