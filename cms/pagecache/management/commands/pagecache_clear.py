from django.core.management.base import BaseCommand

from cms.pagecache import generation


class Command(BaseCommand):
    help = (
        "Forget every cached page on every web worker (run after a deploy that "
        "changes templates without a migration)."
    )

    def handle(self, *args, **options):
        generation.bump()
        self.stdout.write("Every cached page is forgotten.")
