#!/bin/sh
# manage.py as the service user, with the services' settings:
#   sudo /srv/bkp/app/deploy/manage.sh migrate
#   sudo /srv/bkp/app/deploy/manage.sh cms_check_deployment --url https://bkp.example.go.id
# The environment file is read as shell assignments: keep its values free of
# spaces, quotes and "$" (the generated secrets are).
set -eu
APP="${BKP_APP:-/srv/bkp/app}"
ENV_FILE="${BKP_ENV_FILE:-/etc/bkp/bkp.env}"
if [ "$(id -un)" != bkp ]; then
    exec runuser -u bkp -- "$0" "$@"
fi
set -a
. "$ENV_FILE"
set +a
cd "$APP"
exec "$APP/.venv/bin/python" manage.py "$@"
