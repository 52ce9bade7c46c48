#!/usr/bin/env bash
# The deployment tests (tests/deploy/) put Debian's nginx in front of gunicorn.
# Install it with apt when it is missing and we are allowed to. A package's
# post-install script would start a system nginx on port 80: a temporary
# policy-rc.d forbids that, so only the tests' own nginx processes ever run
# (each with its own generated configuration, prefix and free ports).
set -u
if command -v nginx >/dev/null || [ -x /usr/sbin/nginx ]; then
    exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing Debian's nginx (nginx-light) for the deployment tests..."
    export DEBIAN_FRONTEND=noninteractive
    policy=/usr/sbin/policy-rc.d
    created_policy=0
    if [ ! -e "$policy" ]; then
        printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod 755 "$policy" && created_policy=1
    fi
    apt-get update -qq >/dev/null
    apt-get install -y -qq nginx-light >/dev/null || apt-get install -y -qq nginx >/dev/null
    status=$?
    if [ "$created_policy" = 1 ]; then
        rm -f "$policy"
    fi
    if [ "$status" = 0 ]; then
        exit 0
    fi
fi
echo "nginx is not installed and could not be installed (run: sudo apt-get install nginx-light)."
echo "The deployment tests (tests/deploy/) will be skipped until it is."
exit 0
