#!/usr/bin/env bash
# Installs what the real-VS-Code tests need into <repo>/.tools (git-ignored), idempotently:
#   apt:   chromium libkrb5-dev build-essential python3 pkg-config   (only the missing ones)
#   npm:   node-<os>-<arch>@24.9.0  -> .tools/node24     (Node 24 binary + headers)
#          code-server@4.139.1      -> .tools/code-server (built with that Node and its headers)
#          playwright-core@~1.65.0  -> .tools/playwright
# Prints what it did and what it skipped, and how long each step took.
# Usage: bash test/e2e/setup.sh            (MD_E2E_SKIP_APT=1 to leave system packages alone)
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TOOLS="$REPO/.tools"
NODE_VERSION=24.9.0
CODE_SERVER_VERSION=4.139.1
PLAYWRIGHT_RANGE='~1.65.0'
APT_PACKAGES=(chromium libkrb5-dev build-essential python3 pkg-config)

t_all=$(date +%s.%N)
step_start=0
step() { step_start=$(date +%s.%N); printf '[setup] %s\n' "$*"; }
since() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'; }
done_step() { printf '[setup]   %s (%s s)\n' "$1" "$(since "$step_start")"; }
mkdir -p "$TOOLS"

# Everything npm installs goes through this: the tools folders are not part of the product, so no
# lockfile and no audit. The user's npmrc stays (registry, auth), but ~/.npmrc may pin nodedir to
# an older Node: code-server's install sets npm_config_nodedir, which wins over it.
npm_tools() {
  local prefix="$1"; shift
  mkdir -p "$prefix"
  [ -f "$prefix/package.json" ] || echo '{ "private": true }' >"$prefix/package.json"
  # Under `npm run`, the outer npm exports npm_* variables; its user agent says the outer
  # Node (20), which code-server's postinstall reads as "the wrong Node". Tool installs get
  # a clean npm environment (only the nodedir we set survives).
  local -a clean=()
  local v
  for v in $(compgen -e | grep '^npm_' | grep -v '^npm_config_nodedir$'); do clean+=(-u "$v"); done
  env "${clean[@]}" npm --prefix "$prefix" --no-audit --no-fund --no-package-lock \
    --loglevel=error install "$@"
}

# --- 1. system packages -------------------------------------------------------------------------
step "apt packages: ${APT_PACKAGES[*]}"
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  done_step "skipped: all present"
elif [ "${MD_E2E_SKIP_APT:-}" = 1 ]; then
  done_step "MISSING (MD_E2E_SKIP_APT=1): ${missing[*]}"
else
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  done_step "installed: ${missing[*]}"
fi

# --- 2. Node 24 (binary + headers) from npm ---------------------------------------------------
case "$(uname -s)" in Linux) os=linux ;; Darwin) os=darwin ;; *) echo "unsupported OS $(uname -s)" >&2; exit 2 ;; esac
case "$(uname -m)" in x86_64) arch=x64 ;; aarch64 | arm64) arch=arm64 ;; *) echo "unsupported CPU $(uname -m)" >&2; exit 2 ;; esac
NODE_PKG="node-$os-$arch"
NODE_DIR="$TOOLS/node24/node_modules/$NODE_PKG"
step "Node $NODE_VERSION ($NODE_PKG)"
if [ -x "$NODE_DIR/bin/node" ] && [ "$("$NODE_DIR/bin/node" --version)" = "v$NODE_VERSION" ] && [ -f "$NODE_DIR/include/node/node.h" ]; then
  done_step "skipped: present at ${NODE_DIR#"$REPO"/}"
else
  npm_tools "$TOOLS/node24" "$NODE_PKG@$NODE_VERSION"
  [ -f "$NODE_DIR/include/node/node.h" ] || { echo "$NODE_PKG has no include/node headers" >&2; exit 1; }
  done_step "installed $("$NODE_DIR/bin/node" --version)"
fi

# --- 3. code-server, built with Node 24 and its headers --------------------------------------
CS_DIR="$TOOLS/code-server/node_modules/code-server"
step "code-server $CODE_SERVER_VERSION"
cs_version() { "$NODE_DIR/bin/node" -p "require('$CS_DIR/package.json').version" 2>/dev/null || true; }
if [ -f "$CS_DIR/out/node/entry.js" ] && [ "$(cs_version)" = "$CODE_SERVER_VERSION" ] && [ -d "$CS_DIR/lib/vscode/node_modules" ]; then
  done_step "skipped: present at ${CS_DIR#"$REPO"/}"
else
  PATH="$NODE_DIR/bin:$PATH" npm_config_nodedir="$NODE_DIR" \
    npm_tools "$TOOLS/code-server" --unsafe-perm "code-server@$CODE_SERVER_VERSION"
  [ -f "$CS_DIR/out/node/entry.js" ] || { echo "code-server did not install" >&2; exit 1; }
  done_step "installed $(cs_version)"
fi

# --- 4. playwright-core (driver only: we use the system Chromium, no browser download) --------
PW_DIR="$TOOLS/playwright/node_modules/playwright-core"
step "playwright-core $PLAYWRIGHT_RANGE"
pw_version() { node -p "require('$PW_DIR/package.json').version" 2>/dev/null || true; }
if [[ "$(pw_version)" == 1.65.* ]]; then
  done_step "skipped: $(pw_version) present"
else
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm_tools "$TOOLS/playwright" "playwright-core@$PLAYWRIGHT_RANGE"
  done_step "installed $(pw_version)"
fi

# --- summary: the harness reads these paths from .tools/e2e-tools.json --------------------------
CHROMIUM="${MD_E2E_CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}"
cat >"$TOOLS/e2e-tools.json" <<EOF
{
  "node": "$NODE_DIR/bin/node",
  "codeServer": "$CS_DIR",
  "playwrightCore": "$PW_DIR",
  "chromium": "$CHROMIUM"
}
EOF
printf '[setup] done in %s s; tools described in %s\n' "$(since "$t_all")" "${TOOLS#"$REPO"/}/e2e-tools.json"
