from __future__ import annotations

import logging

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from home.demo import DemoDataError, seed_demo_content


class Command(BaseCommand):
    help = (
        "Fill an empty database with the bilingual demo site. Does nothing when "
        "a home page already exists."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--to-address",
            type=str,
            default="humas@bkp.example.go.id",
            help="Where the feedback form sends its notifications.",
        )

    def handle(self, *args, to_address: str, verbosity: int, **options) -> None:
        # Wagtail logs a line for every page created, edited and published
        # (~150 here); show them only at -v 2.
        wagtail_log = logging.getLogger("wagtail")
        previous_level = wagtail_log.level
        if verbosity < 2:
            wagtail_log.setLevel(logging.WARNING)
        try:
            result = seed_demo_content(to_address=to_address)
        except DemoDataError as err:
            raise CommandError(f"The demo data is not valid: {err}") from err
        except DatabaseError as err:
            raise CommandError(f"Could not create the demo content: {err}") from err
        finally:
            wagtail_log.setLevel(previous_level)
        if not result.created:
            self.stdout.write("Demo content already present; nothing to do.")
            return
        self.stdout.write(
            f"Demo content created: {result.pages} pages, {result.images} images, "
            f"{result.documents} documents."
        )
