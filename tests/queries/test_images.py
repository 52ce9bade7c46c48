"""Light images: WebP and AVIF with a JPEG fallback, sized, lazy below the
fold, and made once (on publish), never again on a visitor's request."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from django.conf import settings
from django.core.cache import caches
from django.core.files.storage import default_storage
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from PIL import Image
from wagtail.images import get_image_model
from wagtail.images.models import Filter

from home import images
from tests.queries.content import SiteContent

Rendition = get_image_model().get_rendition_model()


class Pictures(HTMLParser):
    """Each <picture>: its <source>s (type, srcset) and its <img> attributes."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.pictures: list[dict] = []
        self._open = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "picture":
            self._open = {"sources": [], "img": None}
            self.pictures.append(self._open)
        elif tag == "source" and self._open is not None:
            self._open["sources"].append(attrs)
        elif tag == "img" and self._open is not None:
            self._open["img"] = attrs
            self._open = None


def media_path(url: str) -> str:
    return url.removeprefix(settings.MEDIA_URL)


class ImagesTestCase(TestCase):
    def setUp(self):
        # Renditions are cached by image id and file hash: a rolled-back
        # test's rows must not be found by the next one.
        for cache in caches.all():
            cache.clear()


class PictureMarkupTest(ImagesTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site = SiteContent()
        cls.site.add(3, per_page=1)

    def pictures(self, url: str) -> list[dict]:
        response = self.client.get(url, HTTP_ACCEPT="image/avif,image/webp,*/*")
        self.assertEqual(response.status_code, 200)
        return Pictures(response.content.decode()).pictures

    def test_a_browser_that_accepts_webp_gets_a_real_webp_file(self):
        picture = self.pictures(self.site.article.url)[0]
        types = [source["type"] for source in picture["sources"]]
        self.assertEqual(types, ["image/avif", "image/webp"])
        webp = picture["sources"][1]
        first_url = webp["srcset"].split(",")[0].split()[0]
        with default_storage.open(media_path(first_url)) as file:
            self.assertEqual(Image.open(file).format, "WEBP")
        avif = picture["sources"][0]["srcset"].split(",")[0].split()[0]
        with default_storage.open(media_path(avif)) as file:
            self.assertEqual(Image.open(file).format, "AVIF")
        # Browsers without either get the JPEG in <img>.
        with default_storage.open(media_path(picture["img"]["src"])) as file:
            self.assertEqual(Image.open(file).format, "JPEG")

    def test_every_picture_has_a_srcset_sizes_width_and_height(self):
        for url in ("/", self.site.index.url, self.site.article.url):
            for picture in self.pictures(url):
                img = picture["img"]
                with self.subTest(url=url, src=img["src"]):
                    self.assertRegex(img["srcset"], r"\d+w, .+ \d+w")
                    self.assertTrue(img["sizes"])
                    self.assertTrue(int(img["width"]) and int(img["height"]))
                    for source in picture["sources"]:
                        self.assertEqual(source["sizes"], img["sizes"])

    def test_only_images_below_the_fold_load_lazily(self):
        home = self.pictures("/")
        hero, *cards = home
        self.assertNotIn("loading", hero["img"])
        self.assertEqual(hero["img"]["fetchpriority"], "high")
        self.assertTrue(cards)
        self.assertTrue(all(card["img"]["loading"] == "lazy" for card in cards))
        listing = self.pictures(self.site.index.url)
        self.assertEqual(listing[0]["img"]["loading"], "eager")
        self.assertTrue(all(p["img"]["loading"] == "lazy" for p in listing[1:]))
        article = self.pictures(self.site.article.url)
        self.assertNotIn("loading", article[0]["img"])  # its lead image
        self.assertEqual(article[1]["img"]["loading"], "lazy")  # in the text


class RenditionsMadeOnceTest(ImagesTestCase):
    def test_publishing_makes_every_rendition_a_page_shows(self):
        with self.captureOnCommitCallbacks(execute=True):
            site = SiteContent()
            site.add(2, per_page=1)
        made = Rendition.objects.count()
        self.assertGreater(made, 0)
        for url in ("/", site.index.url, site.article.url, site.service.url):
            self.client.get(url)
        # The pages asked for nothing that publishing had not made.
        self.assertEqual(Rendition.objects.count(), made)

    def test_a_second_visit_makes_nothing_and_queries_no_rendition(self):
        site = SiteContent()
        site.add(3, per_page=1)
        for url in ("/", site.index.url, site.article.url, site.service.url):
            with self.subTest(url=url):
                self.client.get(url)
                made = Rendition.objects.count()
                with CaptureQueriesContext(connection) as captured:
                    self.client.get(url)
                self.assertEqual(Rendition.objects.count(), made)
                sql = [query["sql"] for query in captured]
                writes = [q for q in sql if re.match(r"\s*(INSERT|UPDATE)", q)]
                self.assertEqual(writes, [])
                lookups = [q for q in sql if 'FROM "wagtailimages_rendition"' in q]
                # At most the one prefetch of a listing's card renditions.
                self.assertLessEqual(len(lookups), 1, lookups)

    def test_a_new_focal_point_makes_the_renditions_again_for_the_pages(self):
        with self.captureOnCommitCallbacks(execute=True):
            site = SiteContent()
            site.add(1, per_page=1)
        image = site.article.feed_image
        with self.captureOnCommitCallbacks(execute=True):
            image.focal_point_x, image.focal_point_y = 10, 10
            image.focal_point_width = image.focal_point_height = 20
            image.save()
        specs = set(images.filter_specs(images.CARD, images.CONTENT))
        key = Filter(spec="fill-400x227")
        made = set(
            Rendition.objects.filter(
                image=image, focal_point_key=key.get_cache_key(image)
            ).values_list("filter_spec", flat=True)
        )
        self.assertLessEqual({spec for spec in specs if spec.startswith("fill")}, made)
