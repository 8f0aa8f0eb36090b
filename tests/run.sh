#!/usr/bin/env bash
# The project's one test command: installs what the tests need (idempotent, quick when
# everything is present) and then runs pytest with any arguments given.
#   bash tests/run.sh [pytest args...]
set -euo pipefail

cd "$(dirname "$0")/.."

export CUSTFLOW_TEST_CACHE="${CUSTFLOW_TEST_CACHE:-$HOME/.cache/mkdocs-custflow-test}"
NODE_DIR="$CUSTFLOW_TEST_CACHE/node"
CHROMIUM="${CUSTFLOW_CHROMIUM:-/usr/bin/chromium}"

log() { printf '[tests/run.sh] %s\n' "$*" >&2; }

# 1. The package itself plus the test extras (pytest, hypothesis, playwright, ruff).
export PIP_ROOT_USER_ACTION=ignore
log "pip install -e '.[test]'"
python -m pip install --quiet --disable-pip-version-check -e '.[test]'

# 2. Debian's chromium: Playwright drives it; we never download a browser of our own.
if [ ! -x "$CHROMIUM" ]; then
    SUDO=""
    if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then
        SUDO="sudo"
    fi
    log "installing chromium with apt-get"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi

# 3. Mermaid 11 (what Material loads from its CDN) and jsdom, for the parser and the browser.
mermaid_major() {
    node -e 'try { console.log(require(process.argv[1]).version.split(".")[0]) } catch (e) {}' \
        "$NODE_DIR/node_modules/mermaid/package.json" 2>/dev/null || true
}
if [ "$(mermaid_major)" != "11" ] \
    || [ ! -f "$NODE_DIR/node_modules/jsdom/package.json" ] \
    || [ ! -f "$NODE_DIR/node_modules/mermaid/dist/mermaid.min.js" ]; then
    log "npm install mermaid@11 jsdom into $NODE_DIR"
    mkdir -p "$NODE_DIR"
    npm install --prefix "$NODE_DIR" --no-audit --no-fund --loglevel=error mermaid@11 jsdom
fi

exec python -m pytest "$@"
