"""What the API's page listings fetch up front, so no field costs a query per item.

Read from each page type's ``api_fields``: image fields are joined, with the
renditions their ``ImageRenditionField`` shows; tags and child relations (with
their own foreign keys) are prefetched; ``section`` (the subdivision that owns
a page) is a subquery of the listing's own query instead of a query per page.
"""

from __future__ import annotations

from collections import defaultdict

from django.core.exceptions import FieldDoesNotExist
from django.db.models import F, ForeignKey, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Length, Substr
from taggit.managers import _TaggableManager
from wagtail.api.v2.serializers import TagsField
from wagtail.blocks import ChooserBlock, ListBlock, StreamBlock, StructBlock
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.images.api.fields import ImageRenditionField
from wagtail.models import Page

from home.blocks import PreloadedChooserMixin


class PrefetchedTagsField(TagsField):
    """Tag names, sorted in Python so that prefetched tags are used."""

    def to_representation(self, value):
        return sorted(tag.name for tag in value.all())


class PrefetchedTagsMixin:
    def build_property_field(self, field_name, model_class):
        if isinstance(getattr(model_class, field_name, None), _TaggableManager):
            return PrefetchedTagsField, {}
        return super().build_property_field(field_name, model_class)


def section_title() -> Subquery:
    """The title of the deepest SectionPage above the outer page."""
    from home.models import SectionPage

    ancestors = (
        SectionPage.objects.annotate(prefix=Substr(OuterRef("path"), 1, Length("path")))
        .filter(prefix=F("path"), depth__lt=OuterRef("depth"))
        .order_by("-depth")
        .values("title")[:1]
    )
    return Subquery(ancestors)


def pages(queryset: QuerySet) -> QuerySet:
    """``queryset`` with everything its model's API fields read."""
    model = queryset.model
    queryset = queryset.select_related("locale")
    if model is Page:
        return queryset
    Image = get_image_model()
    for api_field in getattr(model, "api_fields", []):
        name = api_field.name
        serializer = api_field.serializer
        if name == "section":
            queryset = queryset.annotate(section_title=section_title())
            continue
        if isinstance(serializer, ImageRenditionField):
            source = serializer.source or name
            renditions = Image.get_rendition_model().objects.filter(
                filter_spec=serializer.filter_spec
            )
            queryset = queryset.prefetch_related(
                Prefetch(
                    f"{source}__renditions",
                    queryset=renditions,
                    to_attr="prefetched_renditions",
                )
            )
            continue
        attribute = getattr(model, name, None)
        if isinstance(attribute, _TaggableManager):
            queryset = queryset.prefetch_related(name)
            continue
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:  # a property, not a field
            continue
        if isinstance(field, ForeignKey):
            queryset = queryset.select_related(name)
        elif field.one_to_many:
            queryset = queryset.prefetch_related(
                name, *_child_foreign_keys(field.related_model, name)
            )
    return queryset


def stream_objects(items) -> dict[type, dict]:
    """The images, documents and pages the StreamFields of ``items`` choose.

    One query per model for the whole listing, for ``home.blocks.preloaded``.
    """
    wanted: dict[type, set] = defaultdict(set)
    for item in items:
        for field in item._meta.get_fields():
            if isinstance(field, StreamField):
                value = getattr(item, field.name)
                _collect(field.stream_block, list(value.raw_data), wanted)
    return {model: model._default_manager.in_bulk(pks) for model, pks in wanted.items()}


def _collect(block, raw, wanted: dict[type, set]) -> None:
    if raw is None:
        return
    if isinstance(block, ChooserBlock):
        if isinstance(block, PreloadedChooserMixin):
            wanted[block.model_class].add(raw)
    elif isinstance(block, StreamBlock):
        for child in raw:
            child_block = block.child_blocks.get(child.get("type"))
            if child_block is not None:
                _collect(child_block, child.get("value"), wanted)
    elif isinstance(block, StructBlock) and isinstance(raw, dict):
        for name, child_block in block.child_blocks.items():
            _collect(child_block, raw.get(name), wanted)
    elif isinstance(block, ListBlock):
        for child in raw:
            value = child.get("value") if isinstance(child, dict) else child
            _collect(block.child_block, value, wanted)


def _child_foreign_keys(child_model, relation: str) -> list[str]:
    """``<relation>__<fk>`` for each foreign key a child row's API fields show."""
    lookups = []
    for api_field in getattr(child_model, "api_fields", []):
        try:
            field = child_model._meta.get_field(api_field.name)
        except FieldDoesNotExist:  # a property, not a field
            continue
        if isinstance(field, ForeignKey):
            lookups.append(f"{relation}__{api_field.name}")
    return lookups
