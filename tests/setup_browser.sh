#!/usr/bin/env bash
# The browser tests drive Debian's chromium (never a browser a tool downloads).
# Install it with apt when it is missing and we are allowed to; then fetch
# axe-core from npm into tests/e2e/node_modules (git-ignored) for the
# accessibility test, which skips with a message when it is missing. The SOP
# report tests read the PDF's text back with poppler's pdftotext (poppler-utils);
# they skip that check with a message when it is missing.
set -u
HERE="$(cd "$(dirname "$0")" && pwd)"

install_axe() {
    if [ -f "$HERE/e2e/node_modules/axe-core/axe.min.js" ]; then
        return 0
    fi
    if ! command -v npm >/dev/null; then
        echo "npm is not installed: the accessibility (axe-core) test will be skipped."
        return 0
    fi
    echo "Installing axe-core for the accessibility test..."
    npm install --prefix "$HERE/e2e" --no-save --no-package-lock --no-audit \
        --no-fund --silent axe-core@4 \
        || echo "npm could not install axe-core: the accessibility test will be skipped."
}

install_poppler() {
    if command -v pdftotext >/dev/null; then
        return 0
    fi
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        echo "Installing poppler-utils (pdftotext) for the SOP report tests..."
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq >/dev/null && apt-get install -y -qq poppler-utils >/dev/null \
            && return 0
    fi
    echo "pdftotext is not installed: the report tests skip reading the PDF's text."
}

install_axe
install_poppler
if [ -x /usr/bin/chromium ]; then
    exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing Debian's chromium for the browser tests..."
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null && apt-get install -y -qq chromium >/dev/null \
        && exit 0
fi
echo "chromium is not installed and could not be installed (run: sudo apt-get install chromium)."
echo "The browser tests will fail until it is."
exit 0
