"""Triggers refusing UPDATE, DELETE (and on PostgreSQL TRUNCATE) of audit events."""

from django.conf import settings
from django.db import migrations


def install(apps, schema_editor):
    from audit import db_guard

    if getattr(settings, "AUDIT_DB_GUARD", True):
        db_guard.install(schema_editor.connection)


def remove(apps, schema_editor):
    from audit import db_guard

    db_guard.remove(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [migrations.RunPython(install, remove, elidable=False)]
