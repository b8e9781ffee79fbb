"""Real mail servers on loopback for tests/test_check_mail_server.py.

Everything here listens on 127.0.0.0/8 only and is started and stopped by the tests:
- a test certificate authority made with the `openssl` command (good, expired, wrong-name and
  self-signed server certificates),
- SMTP servers from aiosmtpd (STARTTLS + AUTH after TLS, no STARTTLS, AUTH before TLS,
  implicit TLS as on port 465),
- Dovecot (POP3/IMAP with STLS/STARTTLS and pop3s/imaps, and one instance without TLS),
- a TCP server that accepts connections and never says anything,
- a "filtered" port: a listening socket whose accept queue is full, so that further SYNs are
  dropped by the kernel and connect() times out, as behind a dropping firewall.
"""

from __future__ import annotations

import os
import shutil
import socket
import ssl
import subprocess
import threading
import time
from pathlib import Path

OPENSSL = shutil.which("openssl")
DOVECOT = shutil.which("dovecot") or ("/usr/sbin/dovecot" if os.path.exists("/usr/sbin/dovecot") else None)


def free_port(host: str = "127.0.0.1") -> int:
    """A port nobody listens on (bound, then closed): connecting to it is refused."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def wait_port(host: str, port: int, timeout: float = 10.0) -> None:
    end = time.monotonic() + timeout
    while True:
        try:
            with socket.create_connection((host, port), timeout=0.5):
                return
        except OSError:
            if time.monotonic() > end:
                raise RuntimeError(f"{host}:{port} did not start listening")
            time.sleep(0.05)


# --- certificates -------------------------------------------------------------------------

_CA_CONF = """\
[ ca ]
default_ca = testca
[ testca ]
dir = {dir}
database = {dir}/index.txt
new_certs_dir = {dir}/newcerts
serial = {dir}/serial
default_md = sha256
policy = anything
copy_extensions = copy
unique_subject = no
[ anything ]
commonName = supplied
[ req ]
distinguished_name = dn
prompt = no
[ dn ]
CN = unused
[ server ]
basicConstraints = CA:FALSE
keyUsage = digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
"""


def _openssl(*args: str, cwd: Path) -> None:
    subprocess.run([OPENSSL, *args], cwd=cwd, check=True, capture_output=True, timeout=60)


class TestPKI:
    """A test CA and server certificates in DIR (all files PEM)."""

    def __init__(self, directory: Path):
        self.dir = Path(directory)
        d = self.dir
        (d / "newcerts").mkdir(parents=True, exist_ok=True)
        (d / "index.txt").write_text("")
        (d / "serial").write_text("1000\n")
        self.conf = d / "ca.cnf"
        self.conf.write_text(_CA_CONF.format(dir=d))
        self.ca_key, self.ca_cert = d / "ca.key", d / "ca.pem"
        _openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                 "-keyout", str(self.ca_key), "-out", str(self.ca_cert), "-days", "30",
                 "-subj", "/CN=check_mail_server test CA", "-addext", "basicConstraints=critical,CA:TRUE",
                 "-addext", "keyUsage=critical,keyCertSign,cRLSign", cwd=d)
        # mail.example.jp: the name used for the example output on docs/tools/check-mail-server.md
        good_san = "IP:127.0.0.1,IP:127.0.0.2,DNS:localhost,DNS:mail.example.jp"
        self.good = self._issue("good", "mail.example.jp", good_san)
        self.expired = self._issue("expired", "127.0.0.1", good_san,
                                   dates=("20200101000000Z", "20200201000000Z"))
        self.wrong_name = self._issue("wrongname", "mail.wrong-name.example", "DNS:mail.wrong-name.example")
        self.self_signed = self._self_signed("selfsigned", "127.0.0.1", good_san)

    def _issue(self, name, cn, san, dates=None):
        d = self.dir
        key, csr, crt = d / f"{name}.key", d / f"{name}.csr", d / f"{name}.pem"
        _openssl("req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                 "-keyout", str(key), "-out", str(csr), "-subj", f"/CN={cn}",
                 "-addext", f"subjectAltName={san}", cwd=d)
        period = ["-startdate", dates[0], "-enddate", dates[1]] if dates else ["-days", "30"]
        _openssl("ca", "-batch", "-config", str(self.conf), "-extensions", "server", "-cert", str(self.ca_cert),
                 "-keyfile", str(self.ca_key), "-in", str(csr), "-out", str(crt), "-notext", *period, cwd=d)
        return crt, key

    def _self_signed(self, name, cn, san):
        d = self.dir
        key, crt = d / f"{name}.key", d / f"{name}.pem"
        _openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                 "-keyout", str(key), "-out", str(crt), "-days", "30", "-subj", f"/CN={cn}",
                 "-addext", f"subjectAltName={san}", cwd=d)
        return crt, key

    def server_context(self, which: str = "good") -> ssl.SSLContext:
        crt, key = getattr(self, which)
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(str(crt), str(key))
        return ctx


# --- SMTP (aiosmtpd) ----------------------------------------------------------------------

class _Authenticator:
    """Accepts nothing: the check script never logs in, so no login may succeed."""

    def __call__(self, server, session, envelope, mechanism, auth_data):
        from aiosmtpd.smtp import AuthResult

        return AuthResult(success=False, handled=False)


class _Handler:
    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        # The script must never start a mail transaction; remember if it did.
        self.mail_from_seen = True
        return "503 5.5.1 this test server refuses every MAIL FROM"


def start_smtp(kind: str, pki: TestPKI | None = None, cert: str = "good", host: str = "127.0.0.1",
               port: int | None = None):
    """An aiosmtpd Controller on a free port. kind: 'starttls' (STARTTLS, AUTH only after TLS),
    'plain' (no STARTTLS, no AUTH), 'auth-cleartext' (AUTH offered without TLS), 'implicit'
    (TLS from the first byte, AUTH offered). Returns the started controller (.port, .stop())."""
    from aiosmtpd.controller import Controller

    port = port or free_port(host)
    handler = _Handler()
    kwargs = dict(hostname=host, port=port, ready_timeout=10, server_hostname="mx.test.invalid",
                  ident="test ESMTP")
    if kind == "starttls":
        kwargs.update(tls_context=pki.server_context(cert), require_starttls=True, auth_require_tls=True,
                      authenticator=_Authenticator())
    elif kind == "plain":
        kwargs.update(auth_exclude_mechanism=["PLAIN", "LOGIN"])
    elif kind == "auth-cleartext":
        kwargs.update(auth_require_tls=False, authenticator=_Authenticator())
    elif kind == "implicit":
        # aiosmtpd only counts STARTTLS as TLS for auth_require_tls; the whole session is TLS here.
        kwargs.update(ssl_context=pki.server_context(cert), authenticator=_Authenticator(), auth_require_tls=False)
    else:
        raise ValueError(kind)
    controller = Controller(handler, **kwargs)
    controller.start()
    controller.port = port
    controller.handler = handler
    return controller


# --- silent and filtered TCP ports --------------------------------------------------------

class SilentServer:
    """Accepts every connection and never sends a byte (a banner that never comes)."""

    def __init__(self, host: str = "127.0.0.1"):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind((host, 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.conns: list[socket.socket] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self):
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.conns.append(conn)

    def close(self):
        self._stop.set()
        self._thread.join(2)
        for c in self.conns:
            c.close()
        self.sock.close()


class FilteredPort:
    """A port whose SYNs go unanswered: a listener with backlog 0 whose single queue slot is
    taken by a connection nobody accepts. Linux then drops new SYNs, so connect() times out."""

    def __init__(self, host: str = "127.0.0.1"):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind((host, 0))
        self.sock.listen(0)
        self.port = self.sock.getsockname()[1]
        self.fillers = []
        for _ in range(1):  # backlog 0 leaves room for one queued connection
            c = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            c.settimeout(0.3)
            try:
                c.connect((host, self.port))
            except OSError:
                pass
            self.fillers.append(c)
        # Check that the queue really is full (kernel behaviour may differ elsewhere).
        probe = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        probe.settimeout(0.2)
        try:
            probe.connect((host, self.port))
            self.works = False
        except socket.timeout:
            self.works = True
        except OSError:
            self.works = False
        finally:
            probe.close()

    def close(self):
        for c in self.fillers:
            c.close()
        self.sock.close()


# --- Dovecot ------------------------------------------------------------------------------

_DOVECOT_CONF = """\
# Test instance for tests/test_check_mail_server.py (Dovecot 2.3 syntax).
base_dir = {dir}/run
state_dir = {dir}/state
log_path = {dir}/dovecot.log
protocols = pop3 imap
listen = {host}
default_internal_user = dovecot
default_internal_group = dovecot
default_login_user = dovenull
ssl = {ssl}
{ssl_files}
disable_plaintext_auth = {disable_plaintext}
auth_mechanisms = plain login
passdb {{
  driver = passwd-file
  args = scheme=PLAIN {dir}/passwd
}}
userdb {{
  driver = static
  args = uid=dovecot gid=dovecot home={dir}/home/%u
}}
mail_location = maildir:{dir}/home/%u/Maildir
{listeners}service stats {{
  inet_listener http {{
    port = 0
  }}
}}
"""


class Dovecot:
    """Dovecot in the foreground with its own configuration in DIRECTORY.

    It listens on 127.0.0.2 (the tests connect from 127.0.0.1): Dovecot treats a connection whose
    remote and local addresses are equal as secure and would offer plaintext login before TLS."""

    def __init__(self, directory: Path, pki: TestPKI | None, host: str = "127.0.0.2", ports: dict | None = None):
        self.dir = Path(directory)
        self.host = host
        self.dir.mkdir(parents=True, exist_ok=True)
        for sub in ("run", "state", "home"):
            (self.dir / sub).mkdir(exist_ok=True)
        os.chmod(self.dir, 0o755)
        (self.dir / "passwd").write_text("tester:{PLAIN}not-a-real-password\n")
        self.ports = ports or {name: free_port(host) for name in ("pop3", "pop3s", "imap", "imaps")}
        self.tls = pki is not None
        ssl_files = f"ssl_cert = <{pki.good[0]}\nssl_key = <{pki.good[1]}" if self.tls else ""
        conf = _DOVECOT_CONF.format(dir=self.dir, host=host, ssl="yes" if self.tls else "no",
                                    ssl_files=ssl_files, disable_plaintext="yes" if self.tls else "no",
                                    listeners=self._listeners())
        self.conf = self.dir / "dovecot.conf"
        self.conf.write_text(conf)
        self.proc = subprocess.Popen([DOVECOT, "-F", "-c", str(self.conf)], stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT)
        try:
            wanted = ("pop3", "imap", "pop3s", "imaps") if self.tls else ("pop3", "imap")
            for name in wanted:
                wait_port(host, self.ports[name])
        except Exception:
            self.stop()
            raise RuntimeError("dovecot did not start: " + self.log())

    def _listeners(self) -> str:
        out = []
        for proto in ("imap", "pop3"):
            out.append(f"service {proto}-login {{")
            names = (proto, proto + "s") if self.tls else (proto,)
            for name in names:
                out.append(f"  inet_listener {name} {{")
                out.append(f"    address = {self.host}")
                out.append(f"    port = {self.ports[name]}")
                if name.endswith("s"):
                    out.append("    ssl = yes")
                out.append("  }")
            out.append("}")
        return "\n".join(out) + "\n"

    def log(self) -> str:
        out = ""
        path = self.dir / "dovecot.log"
        if path.exists():
            out += path.read_text(errors="replace")
        return out[-3000:]

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        if self.proc.stdout:
            self.proc.stdout.close()


if __name__ == "__main__":
    # Serve one SMTP server until killed (used inside a network namespace by the tests):
    #   python mailservers.py KIND PORT CERT.pem KEY.pem
    import sys

    kind, port, crt, key = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]

    class _FixedPKI:
        good = (crt, key)
        server_context = TestPKI.server_context

    server = start_smtp(kind, _FixedPKI(), port=port)
    print("ready", flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
