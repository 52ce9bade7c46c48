"""The renditions the public templates show, made once, before visitors ask.

Each use of an image on the site has one set of filter specs: a few widths,
each in AVIF and WebP with a JPEG fallback, rendered by Wagtail's own
``{% picture %}`` tag as ``<picture>`` with ``srcset``, ``sizes``, width and
height. The templates spell the same specs (a template tag cannot take them
from a variable); ``tests/queries/test_images.py`` checks that a page shows
only renditions made here.

Publishing a page queues ``generate_page_renditions_task``, which makes every
rendition the page's images need; saving an image does the same for the pages
that use it. A visitor's request therefore finds them made; if the worker has
not run yet, the first request makes them and no later one does.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django.db.models import Prefetch
from wagtail.images import get_image_model
from wagtail.images.models import AbstractImage, Filter
from wagtail.models import Page

FORMATS = "format-{avif,webp,jpeg}"
#: The home page's banner, full width, above the fold.
HERO = ("fill-{800x300,1600x600}", FORMATS)
#: An article's image on a card in a listing (cards are 16-24rem wide).
CARD = ("fill-{400x227,600x340}", FORMATS)
#: An image in a page's text column (at most 46rem, ~740px).
CONTENT = ("width-{480,800,1000}", FORMATS)

#: Which specs each image field of a page type needs.
USES: dict[str, dict[str, tuple[tuple[str, ...], ...]]] = {
    "home.homepage": {"hero_image": (HERO,)},
    "home.sectionpage": {"image": (CONTENT,)},
    "home.articlepage": {"feed_image": (CARD, CONTENT)},
    "home.servicepage": {"image": (CONTENT,)},
}
STREAM_FIELDS = ("body",)


def filter_specs(*uses: tuple[str, ...]) -> list[str]:
    """The rendition filter specs of one or more uses, as Wagtail stores them."""
    specs: list[str] = []
    for use in uses:
        specs.extend(Filter.expand_spec(list(use)))
    return specs


def prefetch_renditions(queryset, field: str, *uses: tuple[str, ...]):
    """``queryset`` with ``field``'s image and its renditions for ``uses``: 2 queries.

    Wagtail then finds every rendition of a listing without a query per image.
    """
    Image = get_image_model()
    renditions = Image.get_rendition_model().objects.filter(
        filter_spec__in=filter_specs(*uses)
    )
    return queryset.select_related(field).prefetch_related(
        Prefetch(
            f"{field}__renditions",
            queryset=renditions,
            to_attr="prefetched_renditions",
        )
    )


def page_images(page: Page) -> Iterator[tuple[AbstractImage, list[str]]]:
    """Each image ``page`` shows, with the filter specs it is shown with."""
    page = page.specific
    for field, uses in USES.get(page._meta.label_lower, {}).items():
        image = getattr(page, field, None)
        if image is not None:
            yield image, filter_specs(*uses)
    for name in STREAM_FIELDS:
        stream = getattr(page, name, None)
        if stream is None or not hasattr(stream, "raw_data"):
            continue
        for block in stream:
            if block.block_type == "image" and block.value.get("image"):
                yield block.value["image"], filter_specs(CONTENT)


def generate(items: Iterable[tuple[AbstractImage, list[str]]]) -> int:
    """Make the missing renditions; the number of images looked at."""
    count = 0
    for image, specs in items:
        image.get_renditions(*specs)
        count += 1
    return count


def generate_for_page(page_id: int) -> int:
    page = Page.objects.filter(pk=page_id).first()
    return generate(page_images(page)) if page is not None else 0


def generate_for_image(image_id: int) -> int:
    """Renditions of one image for every live page that shows it."""
    from wagtail.models import ReferenceIndex

    image = get_image_model().objects.filter(pk=image_id).first()
    if image is None:
        return 0
    count = 0
    references = ReferenceIndex.get_references_to(image).group_by_source_object()
    for source, _references in references:
        if isinstance(source, Page) and source.live:
            count += generate(
                (shown, specs)
                for shown, specs in page_images(source)
                if shown.pk == image.pk
            )
    return count
