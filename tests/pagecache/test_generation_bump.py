"""One generation bump per commit, however many public rows the commit saves.

Each bump rewrites the generation file (or the Redis key) and empties every
cached page, so a publish, which saves the page, its revision, its tags and a
few more rows, must bump once, after the commit. The transactions here are real
(``TransactionTestCase``): what is counted is what the commit runs.
"""

from __future__ import annotations

from django.db import connection, transaction
from django.test import TransactionTestCase

from cms.pagecache import generation
from home.models import ArticleIndexPage, SiteSettings
from tests.home.builders import build_article, build_home, publish


class Rollback(Exception):
    pass


def pending_bumps() -> int:
    return sum(
        1 for _ids, func, _robust in connection.run_on_commit if func is generation.bump
    )


class OneBumpPerCommitTests(TransactionTestCase):
    # Restore what migrations created (Wagtail's root page, the default site).
    serialized_rollback = True

    def setUp(self):
        self.home = build_home()
        self.index = publish(self.home, ArticleIndexPage(title="Berita", slug="berita"))
        self.before = generation.current()

    def test_a_publish_bumps_once_after_the_commit(self):
        with transaction.atomic():
            article = build_article(self.index, "Jadwal pemeriksaan", tags=["pilot"])
            article.title = "Jadwal pemeriksaan baru"
            article.save_revision().publish()
            self.assertEqual(pending_bumps(), 1)
            # Nobody may read the new token before the content is committed.
            self.assertEqual(generation.current(), self.before)
        self.assertNotEqual(generation.current(), self.before)
        self.assertEqual(connection.run_on_commit, [])

    def test_two_public_rows_saved_together_bump_once(self):
        with transaction.atomic():
            SiteSettings.for_site(self.home.get_site())
            self.home.title = "Beranda baru"
            self.home.save()
            self.assertEqual(pending_bumps(), 1)
        self.assertNotEqual(generation.current(), self.before)

    def test_a_bump_lost_with_its_savepoint_is_scheduled_again(self):
        with transaction.atomic():
            try:
                with transaction.atomic():
                    self.home.title = "Dibatalkan"
                    self.home.save()
                    self.assertEqual(pending_bumps(), 1)
                    raise Rollback
            except Rollback:
                pass
            self.assertEqual(pending_bumps(), 0)
            SiteSettings.for_site(self.home.get_site())
            self.assertEqual(pending_bumps(), 1)
        self.assertNotEqual(generation.current(), self.before)

    def test_a_bump_of_an_outer_savepoint_serves_an_inner_one(self):
        with transaction.atomic():
            self.home.title = "Luar"
            self.home.save()
            with transaction.atomic():
                SiteSettings.for_site(self.home.get_site())
            self.assertEqual(pending_bumps(), 1)
        self.assertNotEqual(generation.current(), self.before)

    def test_outside_a_transaction_each_save_bumps_at_once(self):
        self.home.title = "Pertama"
        self.home.save()
        first = generation.current()
        self.assertNotEqual(first, self.before)
        self.home.title = "Kedua"
        self.home.save()
        self.assertNotEqual(generation.current(), first)
