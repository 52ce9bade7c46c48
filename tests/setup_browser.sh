#!/usr/bin/env bash
# The browser tests drive Debian's chromium (never a browser a tool downloads).
# Install it with apt when it is missing and we are allowed to.
set -u
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
