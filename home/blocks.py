"""StreamField blocks of the public site.

Every image block asks for its own alt text: the same picture often says
different things on different pages, and an accessible page needs the text
that fits the context. Embeds are deliberately absent (no third-party frames).
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock as BaseDocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock as BaseImageChooserBlock

#: Objects fetched for many StreamField values at once, by model and pk.
_preloaded: ContextVar[dict | None] = ContextVar("home_blocks_preloaded", default=None)


@contextmanager
def preloaded(objects: dict[type, dict]):
    """Chooser blocks read ``objects`` ({model: {pk: obj}}) instead of querying."""
    token = _preloaded.set(objects)
    try:
        yield
    finally:
        _preloaded.reset(token)


class PreloadedChooserMixin:
    """A chooser block that takes its objects from ``preloaded()`` when it can.

    An API listing fetches the images and documents of every item's body in
    one query per model (home.api_prefetch), instead of one per item.
    Deconstructs as Wagtail's own block: no migration, same stored data.
    """

    def bulk_to_python(self, values):
        values = list(values)
        objects = (_preloaded.get() or {}).get(self.model_class)
        if objects is None or any(
            value is not None and value not in objects for value in values
        ):
            return super().bulk_to_python(values)
        return [objects.get(value) for value in values]

    def deconstruct(self):
        _path, args, kwargs = super().deconstruct()
        base = type(self).__mro__[2]
        return f"{base.__module__}.{base.__name__}", args, kwargs


class ImageChooserBlock(PreloadedChooserMixin, BaseImageChooserBlock):
    pass


class DocumentChooserBlock(PreloadedChooserMixin, BaseDocumentChooserBlock):
    pass


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading text"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Heading 2")), ("h3", _("Heading 3"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "blocks/heading_block.html"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=250,
        help_text=_("Describe the image for people who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/image_block.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(
        label=_("Attribution"), required=False, max_length=200
    )

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "blocks/quote_block.html"


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        label=_("Link text"),
        required=False,
        max_length=250,
        help_text=_("Leave empty to use the document's title."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Document link")
        template = "blocks/document_link_block.html"


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"),
        icon="pilcrow",
        features=["bold", "italic", "link", "document-link", "ol", "ul"],
    )
    image = ImageBlock()
    quote = QuoteBlock()
    document = DocumentLinkBlock()


class HighlightBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=120)
    text = blocks.TextBlock(label=_("Text"), max_length=400)
    page = blocks.PageChooserBlock(label=_("Link to page"), required=False)

    class Meta:
        icon = "pick"
        label = _("Highlight")
        template = "blocks/highlight_block.html"


class DocumentsBlock(blocks.StreamBlock):
    document = DocumentLinkBlock()
