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
#    Skipped when this checkout is already installed editable with this same pyproject.toml.
export PIP_ROOT_USER_ACTION=ignore
PIP_STAMP="$CUSTFLOW_TEST_CACHE/pip-install.stamp"
pip_state() {
    python - <<'PY'
import hashlib, json, os, sys
from importlib import metadata
# Look at what is installed, not at an in-tree *.egg-info next to pyproject.toml.
sys.path[:] = [p for p in sys.path if p not in ("", os.getcwd())]
try:
    url = json.loads(metadata.distribution("mkdocs-custflow").read_text("direct_url.json") or "{}")
except metadata.PackageNotFoundError:
    url = {}
where = url.get("url", "") if url.get("dir_info", {}).get("editable") else ""
with open("pyproject.toml", "rb") as f:
    digest = hashlib.sha256(f.read()).hexdigest()
print(sys.executable, where, os.path.realpath("."), digest)
PY
}
if [ ! -f "$PIP_STAMP" ] || [ "$(cat "$PIP_STAMP")" != "$(pip_state)" ]; then
    log "pip install -e '.[test]'"
    python -m pip install --quiet --disable-pip-version-check -e '.[test]'
    mkdir -p "$CUSTFLOW_TEST_CACHE"
    pip_state >"$PIP_STAMP"
fi

# 2. Debian's chromium (Playwright drives it; we never download a browser of our own) and
#    a CJK font, without which every Chinese character in a screenshot is an empty box.
APT_PACKAGES=()
[ -x "$CHROMIUM" ] || APT_PACKAGES+=(chromium)
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || APT_PACKAGES+=(fonts-noto-cjk)
if [ ${#APT_PACKAGES[@]} -gt 0 ]; then
    SUDO=""
    if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then
        SUDO="sudo"
    fi
    log "installing ${APT_PACKAGES[*]} with apt-get"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${APT_PACKAGES[@]}" >/dev/null
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
