#!/usr/bin/env bash
# One entry point for a fresh Debian/Ubuntu machine (run as root):
#   bash scripts/dev.sh serve   set everything up, build, and serve the site on http://127.0.0.1:8000/
#   bash scripts/dev.sh test    set everything up and run every test
#   bash scripts/dev.sh setup   only set up (Debian packages, .venv, node_modules)
# Every step is skipped when it is already done, so running it again is cheap.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
export NO_MKDOCS_2_WARNING=1
export PIP_DISABLE_PIP_VERSION_CHECK=1

say() { printf '==> %s\n' "$*" >&2; }

# Debian packages: the browser and fonts for the browser tests, and the real servers and
# tools the tests start (DNS, POP3/IMAP, ping, namespaces, packet filter).
DEB_PACKAGES=(
  python3-venv nodejs npm
  chromium fonts-noto-cjk
  iputils-ping iproute2 nftables
  dnsmasq-base
  dovecot-core dovecot-pop3d dovecot-imapd
  openssl ca-certificates util-linux
)

need_debs() {
  local missing=() p
  for p in "${DEB_PACKAGES[@]}"; do
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

setup() {
  need_debs
  need_venv
  need_node
}

cmd=${1:-}
case $cmd in
  setup)
    setup
    ;;
  serve)
    setup
    say "serving on http://127.0.0.1:${PORT:-8000}/ (Ctrl+C to stop)"
    export SITE_URL="http://127.0.0.1:${PORT:-8000}/"
    exec .venv/bin/mkdocs serve --strict -a "127.0.0.1:${PORT:-8000}"
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
    echo "usage: bash scripts/dev.sh serve|test|setup" >&2
    exit 2
    ;;
esac
