"""Tests for snippets/check_connection.py.

Unit tests read real ping captures (tests/fixtures/ping/). The ladder itself runs for real inside
network namespaces that this file creates and removes:

    client ns (10.77.N.2/24) --veth-- gw ns (10.77.N.1, dnsmasq) --veth-- outside ns (203.0.113.1,
                                      ip_forward, nftables)          198.51.100.2, TCP 443)

All traffic stays inside those namespaces (TEST-NET addresses); the host's interfaces are never
touched. Needs root; skipped with the reason when `ip netns add` is not allowed.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "snippets" / "check_connection.py"
FIXTURES = ROOT / "tests" / "fixtures" / "ping"
PY = sys.executable
OUT_IP = "203.0.113.1"
OUT_NAME = "example.test"


def load(name):
    spec = importlib.util.spec_from_file_location(name, ROOT / "snippets" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


cc = load("check_connection")


# ---------------------------------------------------------------------------------------------
# read_ping_output on real captures
# ---------------------------------------------------------------------------------------------
def fixture_text(name):
    return cc.decode_bytes((FIXTURES / name).read_bytes())


def test_fixture_dir_has_real_and_handmade_captures():
    names = sorted(p.name for p in FIXTURES.iterdir() if p.is_file() and p.name != "SOURCES.md")
    assert any("handmade" in n for n in names)
    assert sum("handmade" not in n for n in names) >= 20


@pytest.mark.parametrize("name", sorted(
    p.name for p in FIXTURES.glob("*.out") if p.name.startswith(("ubuntu-", "centos-", "osx-"))
    and "unreachable" not in p.name and "unknown-errors" not in p.name and "unparsable" not in p.name))
def test_jc_captures_with_replies_are_ok(name):
    text = fixture_text(name)
    reading = cc.read_ping_output(text)
    assert reading["ok"], name
    # every "bytes from" line that carries a time is a reply
    expected = sum(1 for line in text.splitlines() if " bytes from " in line and "time=" in line)
    assert reading["replies"] == expected
    assert reading["sent"] is not None and reading["received"] is not None
    assert len(reading["rtt_ms"]) == expected


def test_osx_unreachable_capture_is_failure():
    text = fixture_text("osx-10.14.6-ping-ip-unreachable.out")
    reading = cc.read_ping_output(text)
    assert reading["ok"] is False
    assert reading["replies"] == 0
    assert reading["timeouts"] >= 1
    assert reading["loss_percent"] == 100.0


def test_osx_unknown_errors_capture_counts_unreachable_not_replies():
    text = fixture_text("osx-10.14.6-ping-ip-unknown-errors.out")
    reading = cc.read_ping_output(text)
    # "92 bytes from ...: Destination Host Unreachable" must not be read as a reply
    unreachable_lines = [n for n, line in enumerate(text.splitlines(), 1) if "Unreachable" in line]
    assert unreachable_lines
    kinds = {e["line"]: e["kind"] for e in reading["events"]}
    assert all(kinds.get(n) == "unreachable" for n in unreachable_lines)
    assert reading["replies"] == sum(1 for line in text.splitlines() if " bytes from " in line and "time=" in line)


def test_ubuntu_timestamped_capture_lines():
    text = fixture_text("ubuntu-18.04-ping-ip-O-D.out")
    reading = cc.read_ping_output(text)
    assert reading["ok"]
    first_reply = next(e for e in reading["events"] if e["kind"] == "reply")
    assert text.splitlines()[first_reply["line"] - 1].startswith("[")


def test_windows_japanese_handmade_cp932():
    raw = (FIXTURES / "windows-ja-handmade-mixed.txt").read_bytes()
    assert b"\r\n" in raw
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    reading = cc.read_ping_output(cc.decode_bytes(raw))
    assert reading["replies"] == 1
    assert reading["rtt_ms"] == [0.0]
    assert reading["timeouts"] == 1
    assert reading["unreachable"] == 2
    assert (reading["sent"], reading["received"], reading["loss_percent"]) == (4, 3, 25.0)
    assert reading["ok"] is True


def test_windows_japanese_unreachable_with_zero_loss_is_failure():
    reading = cc.read_ping_output(fixture_text("windows-ja-handmade-unreachable.txt"))
    assert reading["loss_percent"] == 0.0 and reading["received"] == 4
    assert reading["unreachable"] == 4
    assert reading["ok"] is False


def test_windows_japanese_host_not_found():
    reading = cc.read_ping_output(fixture_text("windows-ja-handmade-host-not-found.txt"))
    assert reading["host_not_found"] is True
    assert reading["ok"] is False


def test_windows_english_handmade():
    reading = cc.read_ping_output(fixture_text("windows-en-handmade-mixed.txt"))
    assert reading["replies"] == 2
    assert reading["rtt_ms"] == [12.0, 0.0]
    assert reading["timeouts"] == 1
    assert reading["unreachable"] == 1
    assert reading["avg_rtt_ms"] == 6.0


def test_read_ping_output_never_raises():
    for value in ("", "\x00\xff", "Reply from", "bytes from time=", None, 5, "パケット数: 送信 = x"):
        result = cc.read_ping_output(value)
        assert result["ok"] is False


def test_linux_runtime_captures_committed():
    # real iputils output captured inside the namespaces (see capture_iputils below)
    ok = cc.read_ping_output(fixture_text("linux-iputils-20221126-netns-reply.out"))
    assert ok["ok"] and ok["replies"] == 2
    lost = cc.read_ping_output(fixture_text("linux-iputils-20221126-netns-timeout.out"))
    assert not lost["ok"] and lost["loss_percent"] == 100.0
    unreach = cc.read_ping_output(fixture_text("linux-iputils-20221126-netns-host-unreachable.out"))
    assert not unreach["ok"] and unreach["unreachable"] >= 1
    noroute = cc.read_ping_output(fixture_text("linux-iputils-20221126-netns-no-route.out"))
    assert not noroute["ok"] and noroute["unreachable"] == 1


# ---------------------------------------------------------------------------------------------
# parsers for auto-detection, on real captures where there are some
# ---------------------------------------------------------------------------------------------
from conftest import SHARED  # noqa: E402

SAMPLES = SHARED / "samples"


def test_parse_proc_net_route():
    text = ("Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n"
            "eth0\t00000000\t0102A8C0\t0003\t0\t0\t600\t00000000\t0\t0\t0\n"
            "wlan0\t00000000\t0101A8C0\t0003\t0\t0\t100\t00000000\t0\t0\t0\n"
            "eth0\t0002A8C0\t00000000\t0001\t0\t0\t600\t00FFFFFF\t0\t0\t0\n")
    assert cc.parse_proc_net_route(text) == "192.168.1.1"
    assert cc.parse_proc_net_route(text.splitlines()[0]) is None


def test_choose_dns_server_systemd_resolved_stub():
    assert cc.choose_dns_server(["127.0.0.53"], ["192.168.1.1", "fe80::1"]) == "192.168.1.1"
    assert cc.choose_dns_server(["127.0.0.53"], []) == "127.0.0.53"
    assert cc.choose_dns_server(["fd00::1", "10.0.0.1"]) == "10.0.0.1"
    assert cc.choose_dns_server([]) is None
    text = "# generated\nsearch lan\nnameserver 127.0.0.53\noptions edns0 trust-ad\n"
    assert cc.parse_resolv_conf(text) == ["127.0.0.53"]


@pytest.mark.skipif(not (SAMPLES / "jc-fixtures").is_dir(), reason="shared samples not present")
@pytest.mark.parametrize("version,want", [
    ("windows-10", "10.211.55.1"), ("windows-11", "192.168.1.1"), ("windows-7", "192.168.22.1"),
    ("windows-2016", "192.168.22.1"),
])
def test_windows_route_print_samples(version, want):
    text = cc.decode_bytes((SAMPLES / "jc-fixtures/windows" / version / "route_print.out").read_bytes())
    assert cc.parse_windows_route_print(text) == want
    assert cc.parse_windows_route_print(text.replace("0.0.0.0          0.0.0.0", "x")) is None


@pytest.mark.skipif(not (SAMPLES / "jc-fixtures").is_dir(), reason="shared samples not present")
@pytest.mark.parametrize("version,want", [
    ("windows-10", ["10.50.13.1"]), ("windows-11", ["192.168.1.1"]), ("windows-7", ["192.168.22.151"]),
])
def test_windows_ipconfig_all_dns_servers(version, want):
    text = cc.decode_bytes((SAMPLES / "jc-fixtures/windows" / version / "ipconfig.out").read_bytes())
    assert cc.parse_windows_ipconfig_dns(text) == want


@pytest.mark.skipif(not (SAMPLES / "ja").is_dir(), reason="shared samples not present")
def test_interface_addresses_from_japanese_ipconfig():
    text = cc.decode_bytes((SAMPLES / "ja/ipconfig/ja-vuls-test-win10.txt").read_bytes())
    assert cc.parse_interface_addresses(text) == ["10.145.8.50", "192.168.56.1", "192.168.0.205"]
    wsl = cc.decode_bytes((SAMPLES / "ja/ipconfig/ja-wsl2-wireless.txt").read_bytes())
    found = cc.parse_interface_addresses(wsl)
    assert "172.16.2.14" in found and "169.254.167.151" in found
    assert not any(a.startswith("255.") for a in found)


def test_interface_addresses_from_ip_addr():
    text = ("1: lo    inet 127.0.0.1/8 scope host lo\\       valid_lft forever preferred_lft forever\n"
            "2: c0    inet 169.254.7.7/16 brd 169.254.255.255 scope global c0\\       valid_lft forever\n")
    assert cc.parse_interface_addresses(text) == ["169.254.7.7"]


# ---------------------------------------------------------------------------------------------
# CLI behaviour that needs no network
# ---------------------------------------------------------------------------------------------
def run_cli(args, env=None, timeout=60, netns=None):
    """Run the script; with NETNS inside that namespace, ENV then holds only the variables to
    change for the script (set with env(1) inside the namespace, so `ip` itself is unaffected)."""
    cmd = [PY, str(SCRIPT)] + args
    if netns:
        if env:
            cmd = ["env"] + ["{0}={1}".format(k, v) for k, v in env.items()] + cmd
            env = None
        cmd = ["ip", "netns", "exec", netns] + cmd
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=env)


@pytest.mark.parametrize("args", [
    ["--gateway", "300.1.1.1"], ["--dns-server", "nope"], ["--external-ip", ""], ["--timeout", "0"],
    ["--timeout", "abc"], ["--external-name", "bad name!"], ["--bogus"], ["--lang", "fr"],
])
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_bad_options_one_line_exit_2(args, lang):
    result = run_cli(args + (["--lang", "en"] if lang == "en" and "--lang" not in args else []))
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert lines[0].startswith("check_connection.py: ")


def test_help_in_japanese_and_quiet_option():
    """--help speaks Japanese with --lang ja (argparse's own words too); -q is the short --quiet."""
    result = run_cli(["--help", "--lang", "ja"])
    assert result.returncode == 0
    assert result.stdout.startswith("使い方: check_connection.py") and "オプション:" in result.stdout
    assert "-q, --quiet" in result.stdout and "130 = Ctrl+C" in result.stdout and "usage:" not in result.stdout


@pytest.mark.parametrize("extra", [[], ["--json"]])
def test_non_utf8_argument_is_one_line(extra):
    """L5: a command-line byte that is not UTF-8 never becomes a traceback."""
    for option in ("--gateway", "--external-name", "--dns-server"):
        proc = subprocess.run([sys.executable.encode(), str(ROOT / "snippets" / "check_connection.py").encode(),
                               option.encode(), b"gw\xff.example", *[e.encode() for e in extra]],
                              capture_output=True, timeout=30, stdin=subprocess.DEVNULL,
                              env=dict(os.environ, PYTHONIOENCODING="utf-8", LC_ALL="C.UTF-8"))
        err = proc.stderr.decode("utf-8", "replace")
        assert proc.returncode == 2 and "Traceback" not in err and err.count("\n") == 1, err
        assert proc.stdout == b""


def _udp_server(reply):
    """A UDP socket on 127.0.0.1 that answers one question with reply(query) (in a thread)."""
    import socket
    import threading

    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind(("127.0.0.1", 0))
    sock.settimeout(5)

    def serve():
        try:
            query, peer = sock.recvfrom(4096)
            for packet in reply(query):
                sock.sendto(packet, peer)
        except OSError:
            pass

    threading.Thread(target=serve, daemon=True).start()
    return sock


def test_dns_record_cut_short_does_not_fail_the_query():
    """L12: an A record whose data is cut short (2 of 4 octets) used to raise from inet_ntoa and
    fail the whole query (dns-failed); the record is ignored and the answer still counts."""
    import struct

    def reply(query):
        qid = query[:2]
        question = query[12:]
        head = qid + struct.pack(">HHHHH", 0x8180, 1, 2, 0, 0)
        good = b"\xc0\x0c" + struct.pack(">HHIH", 1, 1, 60, 4) + bytes([192, 0, 2, 7])
        cut = b"\xc0\x0c" + struct.pack(">HHIH", 1, 1, 60, 4) + bytes([192, 0])
        return [head + question + good + cut]

    sock = _udp_server(reply)
    try:
        result = cc.dns_query("127.0.0.1", "www.example.jp", 2.0, port=sock.getsockname()[1])
    finally:
        sock.close()
    assert result["answered"] is True and result["rcode"] == "NOERROR"
    assert result["addresses"] == ["192.0.2.7"]


def test_dns_query_id_is_not_from_the_random_module(monkeypatch):
    """L12: the query id comes from os.urandom, not from the predictable random module."""
    import random
    import struct

    seen = []

    def reply(query):
        seen.append(query[:2])
        return [query[:2] + struct.pack(">HHHHH", 0x8183, 1, 0, 0, 0) + query[12:]]

    random.seed(1)
    expected = random.randint(0, 0xFFFF)
    random.seed(1)
    monkeypatch.setattr(cc.os, "urandom", lambda n: b"\x12\x34"[:n])
    sock = _udp_server(reply)
    try:
        result = cc.dns_query("127.0.0.1", "nothing.example", 2.0, port=sock.getsockname()[1])
    finally:
        sock.close()
    assert result["rcode"] == "NXDOMAIN"
    assert seen == [b"\x12\x34"] and expected != 0x1234
    assert not hasattr(cc, "random")


def test_bad_ip_message_language():
    ja = run_cli(["--gateway", "1.2.3"])
    en = run_cli(["--gateway", "1.2.3", "--lang", "en"])
    assert "IP アドレスとして正しくありません" in ja.stderr
    assert "not a valid IP address" in en.stderr


# ---------------------------------------------------------------------------------------------
# Network namespaces
# ---------------------------------------------------------------------------------------------
def sh(*args, check=True, timeout=20):
    result = subprocess.run(list(args), capture_output=True, text=True, timeout=timeout)
    if check and result.returncode != 0:
        raise RuntimeError("{0}: {1}".format(" ".join(args), result.stderr.strip()))
    return result


def netns_available():
    if not shutil.which("ip"):
        return "iproute2 (ip) is not installed"
    probe = "cc-probe-{0}".format(os.getpid())
    result = subprocess.run(["ip", "netns", "add", probe], capture_output=True, text=True)
    if result.returncode != 0:
        return "cannot create network namespaces (needs root): " + result.stderr.strip()
    subprocess.run(["ip", "netns", "del", probe], capture_output=True)
    return None


_NETNS_REASON = netns_available()
needs_netns = pytest.mark.skipif(_NETNS_REASON is not None, reason=_NETNS_REASON or "")


class Lab:
    """client -- gw -- outside, three namespaces; everything is removed by close()."""

    counter = 0

    def __init__(self, apipa=False):
        Lab.counter += 1
        n = Lab.counter
        tag = "{0}-{1}".format(os.getpid(), n)
        self.client, self.gw, self.out = "cc-c-" + tag, "cc-g-" + tag, "cc-o-" + tag
        self.net = 70 + (os.getpid() + n) % 50
        self.gw_ip = "10.{0}.0.1".format(self.net)
        self.client_ip = "169.254.7.7" if apipa else "10.{0}.0.2".format(self.net)
        self.procs = []
        self.netns_dirs = []
        self.namespaces = []
        try:
            self._build(apipa)
        except Exception:
            self.close()
            raise

    def _build(self, apipa):
        for name in (self.client, self.gw, self.out):
            sh("ip", "netns", "add", name)
            self.namespaces.append(name)
            sh("ip", "-n", name, "link", "set", "lo", "up")
        sh("ip", "-n", self.client, "link", "add", "c0", "type", "veth", "peer", "name", "g0", "netns", self.gw)
        sh("ip", "-n", self.gw, "link", "add", "g1", "type", "veth", "peer", "name", "o0", "netns", self.out)
        if apipa:
            sh("ip", "-n", self.client, "addr", "add", self.client_ip + "/16", "dev", "c0")
        else:
            sh("ip", "-n", self.client, "addr", "add", self.client_ip + "/24", "dev", "c0")
        sh("ip", "-n", self.gw, "addr", "add", self.gw_ip + "/24", "dev", "g0")
        sh("ip", "-n", self.gw, "addr", "add", "198.51.100.1/24", "dev", "g1")
        sh("ip", "-n", self.out, "addr", "add", OUT_IP + "/32", "dev", "lo")
        sh("ip", "-n", self.out, "addr", "add", "198.51.100.2/24", "dev", "o0")
        for ns, dev in ((self.client, "c0"), (self.gw, "g0"), (self.gw, "g1"), (self.out, "o0")):
            sh("ip", "-n", ns, "link", "set", dev, "up")
        if not apipa:
            sh("ip", "-n", self.client, "route", "add", "default", "via", self.gw_ip)
        sh("ip", "-n", self.gw, "route", "add", OUT_IP + "/32", "via", "198.51.100.2")
        sh("ip", "-n", self.out, "route", "add", "default", "via", "198.51.100.1")
        sh("ip", "netns", "exec", self.gw, "sysctl", "-q", "-w", "net.ipv4.ip_forward=1")
        # the client's resolv.conf (ip netns exec bind-mounts /etc/netns/<ns>/resolv.conf)
        etc = Path("/etc/netns") / self.client
        etc.mkdir(parents=True, exist_ok=False)
        self.netns_dirs.append(etc)
        (etc / "resolv.conf").write_text("nameserver {0}\n".format(self.gw_ip))
        (etc / "hosts").write_text("127.0.0.1 localhost\n")
        self.start_dns()
        # a TCP service on the outside host
        server = ("import socket,sys\n"
                  "s=socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)\n"
                  "s.bind((sys.argv[1], 443)); s.listen(16); print('ready', flush=True)\n"
                  "while True:\n"
                  "    c,_=s.accept(); c.close()\n")
        proc = self.spawn(self.out, [PY, "-c", server, OUT_IP])
        assert proc.stdout.readline().strip() == "ready"
        self.wait_port(self.gw, self.gw_ip, 53)

    def spawn(self, ns, argv):
        proc = subprocess.Popen(["ip", "netns", "exec", ns] + argv, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)
        self.procs.append(proc)
        return proc

    def start_dns(self):
        self.dns = self.spawn(self.gw, [
            shutil.which("dnsmasq") or "/usr/sbin/dnsmasq", "--no-daemon", "--conf-file=/dev/null",
            "--no-resolv", "--no-hosts", "--pid-file", "--user=root",
            "--listen-address=" + self.gw_ip, "--bind-interfaces",
            "--address=/{0}/{1}".format(OUT_NAME, OUT_IP)])

    def stop_dns(self):
        self.dns.terminate()
        self.dns.wait(10)

    def wait_port(self, ns, host, port, deadline=10.0):
        code = ("import socket,sys,time\nend=time.time()+{0}\n"
                "while time.time()<end:\n"
                "    try:\n        socket.create_connection((sys.argv[1], {1}), 0.5).close(); sys.exit(0)\n"
                "    except OSError: time.sleep(0.1)\nsys.exit(1)\n").format(deadline, port)
        result = sh("ip", "netns", "exec", ns, PY, "-c", code, host, check=False, timeout=deadline + 5)
        if result.returncode != 0:
            raise RuntimeError("{0}:{1} did not come up in {2}".format(host, port, ns))

    def nft(self, ns, script):
        result = subprocess.run(["ip", "netns", "exec", ns, "nft", "-f", "-"], input=script,
                                capture_output=True, text=True, timeout=20)
        if result.returncode != 0:
            raise RuntimeError("nft: " + result.stderr)

    def run(self, *extra, explicit=True, env=None, timeout_s="1"):
        args = []
        if explicit:
            args += ["--gateway", self.gw_ip, "--dns-server", self.gw_ip]
        args += ["--external-ip", OUT_IP, "--external-name", OUT_NAME, "--timeout", timeout_s, "--json"]
        args += list(extra)
        started = time.monotonic()
        result = run_cli(args, env=env, timeout=120, netns=self.client)
        result.elapsed = time.monotonic() - started
        return result

    def close(self):
        for proc in self.procs:
            if proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(5)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait(5)
            for stream in (proc.stdout, proc.stderr):
                if stream:
                    stream.close()
        for name in reversed(self.namespaces):
            subprocess.run(["ip", "netns", "del", name], capture_output=True)
        for path in self.netns_dirs:
            shutil.rmtree(path, ignore_errors=True)
            try:
                path.parent.rmdir()      # /etc/netns itself, only when nothing else is in it
            except OSError:
                pass


@pytest.fixture
def lab():
    if _NETNS_REASON:
        pytest.skip(_NETNS_REASON)
    instance = Lab()
    try:
        yield instance
    finally:
        instance.close()


def report_of(result):
    assert "Traceback" not in result.stderr, result.stderr
    try:
        return json.loads(result.stdout)
    except ValueError:
        raise AssertionError("stdout is not JSON only: {0!r}\nstderr: {1}".format(result.stdout, result.stderr))


def ids(report):
    return [f["id"] for f in report["findings"]]


def rungs_ok(report, name):
    return [r["ok"] for r in report["data"]["rungs"] if r["name"] == name]


def check_shape(report):
    assert report["tool"] == "connection"
    assert report["recognized"] is True
    for f in report["findings"]:
        assert f["severity"] in ("error", "warning", "info", "ok")
        assert f["title"] and f["detail"]
        assert f["page"] in ("network/ping/", "network/ipconfig/", "network/nslookup/",
                             "network/no-internet/", "tools/check-connection/")
    for rung in report["data"]["rungs"]:
        assert rung["name"] in cc.RUNGS
        assert rung["method"] in ("ping", "tcp", "dns", "route")


@needs_netns
def test_all_ok(lab):
    result = lab.run()
    report = report_of(result)
    check_shape(report)
    assert result.returncode == 0, report
    assert "all-ok" in ids(report)
    assert not [f for f in report["findings"] if f["severity"] in ("error", "warning")]
    assert report["data"]["own_address"] == lab.client_ip
    assert report["data"]["name_addresses"] == [OUT_IP]
    for name in cc.RUNGS:
        assert rungs_ok(report, name) and all(rungs_ok(report, name)), (name, report["data"]["rungs"])
    pings = [r for r in report["data"]["rungs"] if r["method"] == "ping"]
    assert all(isinstance(r["rtt_ms"], float) for r in pings)
    # progress went to stderr, one line per rung
    lines = result.stderr.strip().splitlines()
    assert [l.split()[0] for l in lines] == ["[{0}/6]".format(n) for n in range(1, 7)]


@needs_netns
def test_text_output_english(lab):
    result = run_cli(["--gateway", lab.gw_ip, "--dns-server", lab.gw_ip, "--external-ip", OUT_IP,
                      "--external-name", OUT_NAME, "--timeout", "1", "--lang", "en"], netns=lab.client)
    assert result.returncode == 0
    assert "The connection works" in result.stdout
    assert "[OK] Every rung is fine" in result.stdout
    ja = run_cli(["--gateway", lab.gw_ip, "--dns-server", lab.gw_ip, "--external-ip", OUT_IP,
                  "--external-name", OUT_NAME, "--timeout", "1", "--quiet"], netns=lab.client)
    assert "接続は正常です" in ja.stdout
    assert ja.stderr == ""


@needs_netns
def test_auto_detects_gateway_and_dns_server(lab):
    result = lab.run(explicit=False)
    report = report_of(result)
    assert report["data"]["gateway"] == lab.gw_ip
    assert report["data"]["dns_server"] == lab.gw_ip
    assert "all-ok" in ids(report)
    assert result.returncode == 0


@needs_netns
def test_icmp_dropped_everywhere_is_not_down(lab):
    lab.nft(lab.gw, "table inet f {\n"
                    " chain inp { type filter hook input priority 0; icmp type echo-request drop; }\n"
                    " chain fw { type filter hook forward priority 0; icmp type echo-request drop; }\n"
                    "}\n")
    result = lab.run()
    report = report_of(result)
    check_shape(report)
    found = ids(report)
    assert "internet-unreachable" not in found and "gateway-unreachable" not in found
    assert "icmp-filtered" in found and "gateway-icmp-filtered" in found
    assert result.returncode == 0
    assert rungs_ok(report, "external-ip") == [False, True]   # ping failed, TCP worked
    assert rungs_ok(report, "gateway") == [False, True]


@needs_netns
def test_no_default_route(lab):
    sh("ip", "-n", lab.client, "route", "del", "default")
    for explicit in (True, False):
        result = lab.run(explicit=explicit)
        report = report_of(result)
        assert "no-gateway" in ids(report), report
        assert result.returncode == 1
        assert report["data"]["broken_at"] == "gateway"
        assert report["data"]["own_address"] == lab.client_ip


@needs_netns
def test_gateway_down(lab):
    sh("ip", "-n", lab.gw, "link", "set", "g0", "down")
    result = lab.run()
    report = report_of(result)
    found = ids(report)
    assert "gateway-unreachable" in found
    assert "internet-unreachable" in found
    assert report["data"]["broken_at"] == "gateway"
    assert result.returncode == 1
    assert report["summary"].startswith("「ゲートウェイ」の段で止まっています")


@needs_netns
def test_dns_server_not_running(lab):
    lab.stop_dns()
    result = lab.run("--lang", "en")
    report = report_of(result)
    found = ids(report)
    assert "dns-failed" in found and "name-resolution-failed" in found
    assert "internet-unreachable" not in found and "gateway-unreachable" not in found
    assert report["data"]["broken_at"] == "dns-server"
    assert result.returncode == 1
    assert report["locale"] == "en"


@needs_netns
def test_outside_unreachable(lab):
    lab.nft(lab.gw, "table inet f {\n chain fw { type filter hook forward priority 0; policy drop; }\n}\n")
    result = lab.run()
    report = report_of(result)
    found = ids(report)
    assert "internet-unreachable" in found
    assert "gateway-unreachable" not in found and "dns-failed" not in found
    assert report["data"]["broken_at"] == "external-ip"
    assert result.returncode == 1


@needs_netns
def test_loopback_down(lab):
    sh("ip", "-n", lab.client, "link", "set", "lo", "down")
    result = lab.run()
    report = report_of(result)
    assert "loopback-failed" in ids(report)
    assert report["data"]["broken_at"] == "loopback"
    assert result.returncode == 1


@needs_netns
def test_ping_missing_falls_back_to_tcp(lab):
    result = lab.run(env={"PATH": "/nonexistent"})
    report = report_of(result)
    found = ids(report)
    assert "ping-missing" in found
    assert "all-ok" in found, report
    assert result.returncode == 0
    assert not [r for r in report["data"]["rungs"] if r["method"] == "ping"]


@needs_netns
def test_apipa_client():
    if _NETNS_REASON:
        pytest.skip(_NETNS_REASON)
    lab = Lab(apipa=True)
    try:
        result = lab.run("--dns-server", lab.gw_ip, explicit=False)
        report = report_of(result)
        found = ids(report)
        assert "apipa" in found
        assert report["data"]["own_address"] == lab.client_ip
        assert report["data"]["broken_at"] == "own-address"
        assert result.returncode == 1
    finally:
        lab.close()


@needs_netns
def test_runtime_iputils_output_is_read(lab):
    """Real iputils output from inside the namespaces, read by read_ping_output."""
    def ping(target, count="1"):
        result = sh("ip", "netns", "exec", lab.client, "ping", "-c", count, "-W", "1", target,
                    check=False, timeout=30)
        return result.stdout + result.stderr

    reply = cc.read_ping_output(ping(lab.gw_ip, "2"))
    assert reply["ok"] and reply["replies"] == 2 and reply["loss_percent"] == 0.0
    missing = cc.read_ping_output(ping("10.{0}.0.99".format(lab.net)))
    assert not missing["ok"]
    lab.nft(lab.gw, "table inet f {\n chain fw { type filter hook forward priority 0; policy drop; }\n}\n")
    lost = cc.read_ping_output(ping(OUT_IP))
    assert not lost["ok"] and lost["loss_percent"] == 100.0
    sh("ip", "-n", lab.client, "route", "del", "default")
    noroute = cc.read_ping_output(ping(OUT_IP))
    assert not noroute["ok"] and noroute["unreachable"] == 1


@needs_netns
def test_cleanup_leaves_nothing():
    if _NETNS_REASON:
        pytest.skip(_NETNS_REASON)
    lab = Lab()
    names = [lab.client, lab.gw, lab.out]
    pids = [p.pid for p in lab.procs]
    lab.close()
    listed = sh("ip", "netns", "list").stdout
    assert not any(name in listed for name in names)
    assert not (Path("/etc/netns") / names[0]).exists()
    for pid in pids:
        assert not Path("/proc/{0}".format(pid)).exists() or \
            Path("/proc/{0}/stat".format(pid)).read_text().split()[2] == "Z"


@needs_netns
def test_dns_answers_but_name_does_not_exist(lab):
    result = run_cli(["--gateway", lab.gw_ip, "--dns-server", lab.gw_ip, "--external-ip", OUT_IP,
                      "--external-name", "no-such-name.invalid", "--timeout", "1", "--json"], netns=lab.client)
    report = report_of(result)
    found = ids(report)
    assert "name-resolution-failed" in found
    assert "dns-failed" not in found
    assert rungs_ok(report, "dns-server")[-1] is True     # the server answered (with an error code)
    assert result.returncode == 1


@needs_netns
def test_ctrl_c_one_line_exit_130(lab):
    import signal
    lab.nft(lab.gw, "table inet f {\n chain fw { type filter hook forward priority 0; policy drop; }\n}\n")
    proc = subprocess.Popen(["ip", "netns", "exec", lab.client, PY, str(SCRIPT), "--gateway", lab.gw_ip,
                             "--dns-server", lab.gw_ip, "--external-ip", OUT_IP, "--external-name", OUT_NAME,
                             "--timeout", "8", "--json", "--quiet"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lab.procs.append(proc)
    time.sleep(2.5)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 130
    assert out == ""
    assert err.strip().splitlines() == ["check_connection.py: 中断しました。"]
