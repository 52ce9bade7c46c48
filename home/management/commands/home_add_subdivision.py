from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from home.roles import add_subdivision


class Command(BaseCommand):
    help = (
        "Add a subdivision: its section page (unless one of that slug exists), "
        "contributor group, collection and permissions. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("name", type=str, help="Name in Indonesian, e.g. Humas.")
        parser.add_argument(
            "--name-en", type=str, default="", help="Name in English (optional)."
        )
        parser.add_argument(
            "--slug",
            type=str,
            default="",
            help="The section's slug; by default made from the name.",
        )

    def handle(self, *args, name: str, name_en: str, slug: str, **options) -> None:
        try:
            subdivision = add_subdivision(name, name_en=name_en, slug=slug)
        except ValueError as err:
            raise CommandError(str(err)) from err
        except DatabaseError as err:
            raise CommandError(f"Could not add the subdivision: {err}") from err
        section = subdivision.section.url_path if subdivision.section else "none yet"
        self.stdout.write(
            f"Subdivision “{subdivision.name}” ready: group “{subdivision.group.name}”, "
            f"collection “{subdivision.collection.name}”, section {section}."
        )
