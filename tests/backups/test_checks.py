from __future__ import annotations

from django.conf import settings
from django.test import SimpleTestCase, override_settings

from backups.checks import check_backups_settings


def ids(errors) -> list[str]:
    return [error.id for error in errors]


class CheckTests(SimpleTestCase):
    def test_the_project_settings_pass(self):
        self.assertEqual(check_backups_settings(None), [])

    def test_it_refuses_an_archive_folder_inside_media_root(self):
        storages = {
            **settings.STORAGES,
            "dbbackup": {
                "BACKEND": "django.core.files.storage.FileSystemStorage",
                "OPTIONS": {"location": str(settings.MEDIA_ROOT) + "/backups"},
            },
        }
        with override_settings(STORAGES=storages):
            self.assertEqual(ids(check_backups_settings(None)), ["backups.E002"])

    def test_it_refuses_bad_values(self):
        with override_settings(
            BACKUPS_KEEP_DAILY=-1,
            BACKUPS_SITE_ID=" ",
            BACKUPS_SECOND_LOCATION="/nonexistent/disk",
            BACKUPS_MAX_AGE_HOURS={"database": 0},
        ):
            self.assertEqual(
                ids(check_backups_settings(None)),
                ["backups.E003", "backups.E004", "backups.E005", "backups.E006"],
            )
