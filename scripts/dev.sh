#!/usr/bin/env bash
# One entry point for a fresh Debian/Ubuntu machine (run as root):
#   bash scripts/dev.sh serve    set up what serving needs, and serve the site on http://127.0.0.1:8000/
#                                (mkdocs serve: rebuilds on every change)
#   bash scripts/dev.sh preview  the same set-up, then build and serve site/ as a production host
#                                would (gzip, caching and security headers, the service worker)
#   bash scripts/dev.sh test     set everything up (also the browser and the test servers) and run
#                                every test
#   bash scripts/dev.sh setup    only set up everything
# Every step is skipped when it is already done, so running it again is cheap.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
export NO_MKDOCS_2_WARNING=1
export PIP_DISABLE_PIP_VERSION_CHECK=1

say() { printf '==> %s\n' "$*" >&2; }

# Debian packages. Serving needs Python and Node only; the tests add the browser and fonts for
# the browser tests, and the real servers and tools they start (DNS, POP3/IMAP, ping,
# namespaces, packet filter).
SERVE_PACKAGES=(python3-venv nodejs npm)
TEST_PACKAGES=(
  chromium fonts-noto-cjk
  iputils-ping iproute2 nftables
  dnsmasq-base
  dovecot-core dovecot-pop3d dovecot-imapd
  openssl ca-certificates util-linux
)

need_debs() {
  local missing=() p
  for p in "$@"; do
    # nodejs/npm may come from elsewhere (nvm, NodeSource); accept a working command instead.
    case $p in
      nodejs) command -v node >/dev/null && continue ;;
      npm) command -v npm >/dev/null && continue ;;
      python3-venv) python3 -c 'import venv, ensurepip' 2>/dev/null && continue ;;
    esac
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p")
  done
  if ((${#missing[@]})); then
    say "installing Debian packages: ${missing[*]}"
    if [ "$(id -u)" -ne 0 ]; then
      echo "dev.sh: these Debian packages are missing and installing them needs root: ${missing[*]}" >&2
      exit 2
    fi
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
  # Debian's dovecot and dnsmasq packages may start system services; the tests run their own.
  if command -v systemctl >/dev/null && systemctl is-active -q dovecot 2>/dev/null; then
    systemctl stop dovecot || true
  fi
}

need_venv() {
  local stamp=.venv/.requirements.sha256 want
  want=$(sha256sum requirements.txt | cut -d' ' -f1)
  if [ ! -x .venv/bin/python ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    say "creating .venv with the pinned Python packages (requirements.txt)"
    python3 -m venv .venv
    .venv/bin/pip install -q --upgrade pip >/dev/null
    .venv/bin/pip install -q -r requirements.txt
    echo "$want" >"$stamp"
  fi
}

need_node() {
  local stamp=node_modules/.package-lock.sha256 want
  want=$(sha256sum package-lock.json | cut -d' ' -f1)
  if [ ! -f node_modules/pyodide/pyodide.asm.wasm ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    say "installing npm packages (npm ci: self-hosted Pyodide)"
    npm ci --no-audit --no-fund --loglevel=error
    echo "$want" >"$stamp"
  fi
}

setup_serve() {
  need_debs "${SERVE_PACKAGES[@]}"
  need_venv
  need_node
}

setup() {
  need_debs "${SERVE_PACKAGES[@]}" "${TEST_PACKAGES[@]}"
  need_venv
  need_node
}

cmd=${1:-}
case $cmd in
  setup)
    setup
    ;;
  serve)
    setup_serve
    say "serving on http://127.0.0.1:${PORT:-8000}/ (Ctrl+C to stop)"
    export SITE_URL="http://127.0.0.1:${PORT:-8000}/"
    exec .venv/bin/mkdocs serve --strict -a "127.0.0.1:${PORT:-8000}"
    ;;
  preview)
    setup_serve
    port=${PORT:-8000}
    say "building site/ for http://127.0.0.1:${port}/"
    SITE_URL="http://127.0.0.1:${port}/" .venv/bin/mkdocs build --strict -q
    say "serving site/ like a production host on http://127.0.0.1:${port}/ (Ctrl+C to stop)"
    exec .venv/bin/python scripts/serve_site.py --dir site --port "$port"
    ;;
  test)
    setup
    shift
    say "running the tests"
    set +e
    .venv/bin/python -m pytest "$@"
    rc=$?
    set -e
    exit $rc
    ;;
  *)
    echo "usage: bash scripts/dev.sh serve|preview|test|setup" >&2
    exit 2
    ;;
esac
