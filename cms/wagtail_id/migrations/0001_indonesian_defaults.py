"""Wagtail's English default data, and the old admin language code, in Indonesian.

1. A user's saved admin language ``id-id`` (the code the admin used before it
   spoke the site's own ``id``) becomes ``id``: ``id-id`` is no longer offered
   and would build ``/id-id/...`` page URLs that answer 404.
2. The default moderation task and workflow Wagtail creates ("Moderators
   approval") get an Indonesian name, as officers read it in "Kirim ke ...".
3. The tree's root page ("Root", shown as "Menjelajahi: Root") becomes "Akar".

Only rows still holding Wagtail's defaults are renamed; an officer's own names
are left alone. Reversible.
"""

from django.db import migrations

OLD_LANGUAGE, NEW_LANGUAGE = "id-id", "id"
WORKFLOW_EN, WORKFLOW_ID = "Moderators approval", "Persetujuan moderator"
ROOT_EN, ROOT_ID = "Root", "Akar"


def rename_defaults(apps, *, workflow, root):
    for model in ("Task", "Workflow"):
        apps.get_model("wagtailcore", model).objects.filter(name=workflow[0]).update(
            name=workflow[1]
        )
    apps.get_model("wagtailcore", "Page").objects.filter(
        depth=1, title=root[0]
    ).update(title=root[1], draft_title=root[1])


def forwards(apps, schema_editor):
    apps.get_model("wagtailusers", "UserProfile").objects.filter(
        preferred_language=OLD_LANGUAGE
    ).update(preferred_language=NEW_LANGUAGE)
    rename_defaults(
        apps, workflow=(WORKFLOW_EN, WORKFLOW_ID), root=(ROOT_EN, ROOT_ID)
    )


def backwards(apps, schema_editor):
    # Users who chose Indonesian keep "id": it works before and after.
    rename_defaults(
        apps, workflow=(WORKFLOW_ID, WORKFLOW_EN), root=(ROOT_ID, ROOT_EN)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("wagtailcore", "0098_apitoken"),
        ("wagtailusers", "0015_userprofile_keyboard_shortcuts"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
