"""Page types and site settings of the public website.

The tree is: one HomePage per locale (the Indonesian one is the Site root,
the English one is its translation), SectionPages for the subdivisions, each
owning its own subtree of articles, services, document libraries and forms.
Listings only ever show live, public pages of the page's own locale, because
they query the descendants of a page that already lives in that locale.
"""

from django.conf import settings
from django.core.paginator import Paginator
from django.db import IntegrityError, models, transaction
from django.db.models import Window
from django.db.models.functions import RowNumber
from django.http import HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.api import APIField
from wagtail.contrib.forms.models import (
    AbstractEmailForm,
    AbstractFormField,
    FormMixin,
)
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.images.api.fields import ImageRenditionField
from wagtail.models import Orderable, Page
from wagtail.search import index

from home import chrome, images, listings
from home.blocks import BodyBlock, DocumentsBlock, HighlightBlock
from home.forms import FeedbackFormBuilder
from home.routing import KnownRestrictionsMixin

ARTICLES_PER_PAGE = 10


class SectionLookupMixin:
    """Gives content pages the title of the subdivision that owns them."""

    @property
    def section(self):
        # API listings annotate it (home.api_prefetch.section_title).
        if "section_title" in self.__dict__:
            return self.section_title
        owner = (
            SectionPage.objects.ancestor_of(self).order_by("-depth").only("title")
        ).first()
        return owner.title if owner else None


class HomePage(KnownRestrictionsMixin, Page):
    hero_title = models.CharField(_("hero title"), max_length=200)
    hero_text = models.TextField(_("hero text"), max_length=600, blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_link = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("hero button target"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_link_text = models.CharField(_("hero button text"), max_length=60, blank=True)
    highlights = StreamField(
        [("highlight", HighlightBlock())],
        verbose_name=_("highlights"),
        blank=True,
        max_num=6,
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("hero_title"),
                FieldPanel("hero_text"),
                FieldPanel("hero_image"),
                FieldRowPanel([FieldPanel("hero_link"), FieldPanel("hero_link_text")]),
            ],
            heading=_("Hero"),
        ),
        FieldPanel("highlights"),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("hero_title"),
        index.SearchField("hero_text"),
    ]

    api_fields = [
        APIField("hero_title"),
        APIField("hero_text"),
        APIField("hero_image"),
        APIField(
            "hero_image_url",
            serializer=ImageRenditionField("fill-1200x500", source="hero_image"),
        ),
        APIField("highlights"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "home.SectionPage",
        "home.ArticleIndexPage",
        "home.DocumentLibraryPage",
        "home.FeedbackFormPage",
    ]

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Lazy: read only if the template's fragment is rendered, not served
        # from the fragment cache (home.fragments).
        latest = SimpleLazyObject(lambda: self.latest_articles(request))
        context["latest_news"] = SimpleLazyObject(
            lambda: [a for a in latest if a.kind == ArticlePage.Kind.NEWS]
        )
        context["latest_announcements"] = SimpleLazyObject(
            lambda: [a for a in latest if a.kind == ArticlePage.Kind.ANNOUNCEMENT]
        )
        context["services"] = (
            chrome.public(ServicePage.objects.live(), request)
            .descendant_of(self)
            .order_by("path")
            .only("title", "summary", "path", "depth", "url_path", "locale_id")
        )[:6]
        context["news_index"] = SimpleLazyObject(
            lambda: (
                chrome.public(Page.objects.live().type(ArticleIndexPage), request)
                .descendant_of(self)
                .order_by("path")
                .first()
            )
        )
        return context

    def latest_articles(self, request) -> list:
        """The latest four of each kind, in one query (a window per kind)."""
        return list(
            images.prefetch_renditions(
                chrome.public(ArticlePage.objects.live(), request)
                .descendant_of(self)
                .annotate(
                    rank=Window(
                        RowNumber(), partition_by="kind", order_by=("-date", "-pk")
                    )
                )
                .filter(rank__lte=4)
                .order_by("-date", "-pk"),
                "feed_image",
                images.CARD,
            )
        )


class SectionPage(KnownRestrictionsMixin, Page):
    intro = models.TextField(_("introduction"), max_length=600, blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("image"),
        FieldPanel("body"),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    api_fields = [
        APIField("intro"),
        APIField("image"),
        APIField("body"),
    ]

    parent_page_types = ["home.HomePage", "home.SectionPage"]
    subpage_types = [
        "home.SectionPage",
        "home.ArticleIndexPage",
        "home.ServicePage",
        "home.DocumentLibraryPage",
        "home.FeedbackFormPage",
    ]

    class Meta:
        verbose_name = _("section page")
        verbose_name_plural = _("section pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Base pages with their summary or intro: one query for every type.
        context["children"] = listings.with_texts(
            chrome.public(self.get_children().live(), request)
        ).order_by("path")
        return context


class ArticleIndexPage(KnownRestrictionsMixin, RoutablePageMixin, Page):
    intro = models.TextField(_("introduction"), max_length=600, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]

    search_fields = Page.search_fields + [index.SearchField("intro")]

    api_fields = [APIField("intro")]

    parent_page_types = ["home.HomePage", "home.SectionPage"]
    subpage_types = ["home.ArticlePage"]

    class Meta:
        verbose_name = _("article index page")
        verbose_name_plural = _("article index pages")

    def get_articles(self, kind=None, *, request=None, cards=True):
        """Live, public articles, newest first; ``cards``: with their card images."""
        articles = chrome.public(
            ArticlePage.objects.child_of(self).live(), request
        ).order_by("-date", "-pk")
        if cards:
            articles = images.prefetch_renditions(
                articles.defer_streamfields(), "feed_image", images.CARD
            )
        if kind:
            articles = articles.filter(kind=kind)
        return articles

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        kind = request.GET.get("kind", "")
        if kind not in ArticlePage.Kind.values:
            kind = ""
        paginator = Paginator(
            self.get_articles(kind, request=request), ARTICLES_PER_PAGE
        )
        # get_page() falls back to the first or last page on a bad ?page=.
        context["articles"] = paginator.get_page(request.GET.get("page"))
        context["kind"] = kind
        context["kinds"] = ArticlePage.Kind.choices
        return context

    @path("")
    def index_view(self, request):
        return self.render(request)

    @path("feed/")
    def feed_view(self, request):
        from home.feeds import ArticleFeed

        return ArticleFeed(self)(request)


class ArticlePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "home.ArticlePage", related_name="tagged_items", on_delete=models.CASCADE
    )


class ArticlePage(KnownRestrictionsMixin, SectionLookupMixin, Page):
    class Kind(models.TextChoices):
        NEWS = "news", _("News")
        ANNOUNCEMENT = "announcement", _("Announcement")

    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, default=Kind.NEWS
    )
    date = models.DateField(_("date"), default=timezone.localdate)
    summary = models.TextField(
        _("summary"),
        max_length=400,
        help_text=_("Shown in listings, search results and the RSS feed."),
    )
    feed_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("feed image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    feed_image_alt = models.CharField(
        _("feed image alternative text"),
        max_length=250,
        blank=True,
        help_text=_("Leave empty to use the image's description."),
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"))
    tags = ClusterTaggableManager(
        through=ArticlePageTag, blank=True, verbose_name=_("tags")
    )

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("date")]),
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("feed_image"), FieldPanel("feed_image_alt")],
            heading=_("Feed image"),
        ),
        FieldPanel("body"),
        FieldPanel("tags"),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("kind"),
        index.FilterField("date"),
        index.RelatedFields("tags", [index.SearchField("name")]),
    ]

    api_fields = [
        APIField("kind"),
        APIField("date"),
        APIField("summary"),
        APIField("body"),
        APIField("tags"),
        APIField("section"),
        APIField("feed_image"),
        APIField(
            "feed_image_thumbnail",
            serializer=ImageRenditionField("fill-600x400", source="feed_image"),
        ),
    ]

    parent_page_types = ["home.ArticleIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("article page")
        verbose_name_plural = _("article pages")

    @property
    def image_alt(self):
        if self.feed_image_alt:
            return self.feed_image_alt
        return self.feed_image.default_alt_text if self.feed_image else ""


class ServicePage(KnownRestrictionsMixin, SectionLookupMixin, Page):
    summary = models.TextField(_("summary"), max_length=400)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt = models.CharField(
        _("image alternative text"), max_length=250, blank=True
    )
    requirements = RichTextField(
        _("requirements"),
        blank=True,
        features=["bold", "italic", "link", "document-link", "ol", "ul"],
    )
    schedule = RichTextField(
        _("schedule"), blank=True, features=["bold", "italic", "ol", "ul"]
    )
    fees = RichTextField(
        _("fees"),
        blank=True,
        features=["bold", "italic", "link", "ol", "ul"],
        help_text=_("Tariffs and the regulation that sets them."),
    )
    body = StreamField(BodyBlock(), verbose_name=_("more information"), blank=True)
    documents = StreamField(
        DocumentsBlock(),
        verbose_name=_("documents and forms"),
        blank=True,
        help_text=_("Required documents and downloadable forms."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("image"), FieldPanel("image_alt")], heading=_("Image")
        ),
        FieldPanel("requirements"),
        FieldPanel("schedule"),
        FieldPanel("fees"),
        FieldPanel("documents"),
        FieldPanel("body"),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("requirements"),
        index.SearchField("schedule"),
        index.SearchField("fees"),
        index.SearchField("body"),
    ]

    api_fields = [
        APIField("summary"),
        APIField("requirements"),
        APIField("schedule"),
        APIField("fees"),
        APIField("documents"),
        APIField("body"),
        APIField("section"),
        APIField("image"),
    ]

    parent_page_types = ["home.SectionPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("service page")
        verbose_name_plural = _("service pages")


class DocumentLibraryPage(KnownRestrictionsMixin, Page):
    intro = models.TextField(_("introduction"), max_length=600, blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        InlinePanel("library_documents", heading=_("Documents"), label=_("Document")),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.RelatedFields(
            "library_documents",
            [index.SearchField("title"), index.SearchField("number")],
        ),
    ]

    api_fields = [APIField("intro"), APIField("library_documents")]

    parent_page_types = ["home.HomePage", "home.SectionPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("document library page")
        verbose_name_plural = _("document library pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        documents = self.library_documents.select_related("document")
        doc_type = request.GET.get("type", "")
        if doc_type not in LibraryDocument.DocType.values:
            doc_type = ""
        if doc_type:
            documents = documents.filter(doc_type=doc_type)
        year = request.GET.get("year", "")
        if year.isdigit():
            documents = documents.filter(year=int(year))
        else:
            year = ""
        context.update(
            documents=documents.order_by("-year", "sort_order"),
            doc_type=doc_type,
            year=year,
            doc_types=LibraryDocument.DocType.choices,
            years=(
                self.library_documents.order_by("-year")
                .values_list("year", flat=True)
                .distinct()
            ),
        )
        return context


class LibraryDocument(Orderable):
    class DocType(models.TextChoices):
        LAW = "law", _("Law (Undang-Undang)")
        GOVERNMENT_REGULATION = (
            "gov_regulation",
            _("Government Regulation (Peraturan Pemerintah)"),
        )
        MINISTER_REGULATION = (
            "minister_regulation",
            _("Minister Regulation (Peraturan Menteri)"),
        )
        DECREE = "decree", _("Decree (Keputusan)")
        SOP = "sop", _("Standard operating procedure (SOP)")
        FORM = "form", _("Form (Formulir)")

    page = ParentalKey(
        DocumentLibraryPage,
        related_name="library_documents",
        on_delete=models.CASCADE,
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    title = models.CharField(_("title"), max_length=255)
    doc_type = models.CharField(_("type"), max_length=32, choices=DocType.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.CharField(
        _("number"),
        max_length=100,
        blank=True,
        help_text=_("The official number, e.g. PM 21 Tahun 2022."),
    )

    panels = [
        FieldPanel("document"),
        FieldPanel("title"),
        FieldRowPanel(
            [FieldPanel("doc_type"), FieldPanel("year"), FieldPanel("number")]
        ),
    ]

    api_fields = [
        APIField("title"),
        APIField("doc_type"),
        APIField("year"),
        APIField("number"),
        APIField("document"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("library document")
        verbose_name_plural = _("library documents")

    def __str__(self):
        return self.title


class FeedbackFormField(AbstractFormField):
    page = ParentalKey(
        "home.FeedbackFormPage", related_name="form_fields", on_delete=models.CASCADE
    )

    class Meta(AbstractFormField.Meta):
        verbose_name = _("form field")
        verbose_name_plural = _("form fields")


class FeedbackFormPage(KnownRestrictionsMixin, AbstractEmailForm):
    """The public feedback form ("Masukan").

    Every valid submission is stored as a FormSubmission; the officers'
    notification goes out from the task worker, never inside the request.
    """

    form_builder = FeedbackFormBuilder

    intro = RichTextField(
        _("introduction"), blank=True, features=["bold", "italic", "link"]
    )
    thank_you_text = RichTextField(
        _("thank-you text"), blank=True, features=["bold", "italic", "link"]
    )

    content_panels = AbstractEmailForm.content_panels + [
        FormSubmissionsPanel(),
        FieldPanel("intro"),
        InlinePanel("form_fields", label=_("Form fields")),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("from_address"), FieldPanel("to_address")]),
                FieldPanel("subject"),
            ],
            heading=_("Notification email"),
        ),
    ]

    search_fields = Page.search_fields + [index.SearchField("intro")]

    # The form definition is public; the notification addresses are not.
    api_fields = [APIField("intro"), APIField("form_fields")]

    parent_page_types = ["home.HomePage", "home.SectionPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("feedback form page")
        verbose_name_plural = _("feedback form pages")

    #: Query string of the thank-you page a valid submission redirects to.
    SENT_QUERY = "sent=1"

    def serve(self, request, *args, **kwargs):
        if request.method == "GET" and request.GET.get("sent") == "1":
            response = self.render_landing_page(request)
        elif request.method == "POST":
            response = self.serve_post(request)
        else:
            response = super().serve(request, *args, **kwargs)
        # The page carries a CSRF token: a shared cache would hand one
        # visitor's token to everybody and every submission would fail.
        patch_cache_control(response, private=True, no_store=True)
        return response

    def get_context(self, request, *args, **kwargs):
        from home import antibot

        context = super().get_context(request, *args, **kwargs)
        context["form_token"] = antibot.token_for_form(request)
        context["token_field"] = antibot.TOKEN_FIELD
        context["honeypot_field"] = antibot.HONEYPOT_FIELD
        return context

    def render_form(self, request, form, *, status=200, **extra):
        context = self.get_context(request)
        context.update(form=form, **extra)
        return TemplateResponse(
            request, self.get_template(request), context, status=status
        )

    def serve_post(self, request):
        """A post of the form, through the anti-bot checks (home/antibot.py).

        A client over its rate limit gets a 429 page with its text kept; an
        invalid form gets its errors; a valid one from a bot (honeypot filled,
        token forged, too fast or replayed) is answered like a success and
        stored nowhere; an expired form is shown again with its text.
        """
        from home import antibot

        if int(request.META.get("CONTENT_LENGTH") or 0) > FEEDBACK_MAX_BODY_BYTES:
            return HttpResponse(
                _("The message is too large to be sent."),
                status=413,
                content_type="text/plain; charset=utf-8",
            )
        form = self.get_form(request.POST, request.FILES, page=self, user=request.user)
        if antibot.over_rate_limit(request):
            response = self.render_form(request, form, status=429, rate_limited=True)
            response["Retry-After"] = str(antibot.retry_after_seconds())
            return response
        if not form.is_valid():
            return self.render_form(request, form)
        check = antibot.check_token(request.POST.get(antibot.TOKEN_FIELD, ""))
        if check.verdict == "expired":
            return self.render_form(request, form, expired=True)
        if (
            antibot.is_trapped(request)
            or check.verdict != "ok"
            or FeedbackItem.objects.filter(form_nonce=check.nonce).exists()
        ):
            return self.render_landing_page(request, BOT_SUBMISSION)
        form.feedback_nonce = check.nonce
        try:
            with transaction.atomic():
                submission = self.process_form_submission(form)
        except IntegrityError:
            # The same token posted twice at once: the other post stored it.
            if FeedbackItem.objects.filter(form_nonce=check.nonce).exists():
                return self.render_landing_page(request, BOT_SUBMISSION)
            raise
        return self.render_landing_page(request, submission)

    def render_landing_page(self, request, form_submission=None, *args, **kwargs):
        # Post/Redirect/Get: reloading the thank-you page must not post the
        # feedback again. Previews render the landing page in place.
        if form_submission is None:
            return super().render_landing_page(request, None, *args, **kwargs)
        url = self.get_url(request) or self.url
        return HttpResponseRedirect(f"{url}?{self.SENT_QUERY}", status=303)

    def process_form_submission(self, form):
        # Skip EmailFormMixin's synchronous send_mail: store the submission and
        # its inbox item; the worker sends the notification after the commit.
        from home import inbox

        with transaction.atomic():
            submission = FormMixin.process_form_submission(self, form)
            inbox.receive(submission, nonce=getattr(form, "feedback_nonce", None))
        return submission


#: What a bot's post "stores": nothing, but it is answered like a success.
BOT_SUBMISSION = object()
#: A post larger than this is refused before its form is read.
FEEDBACK_MAX_BODY_BYTES = getattr(settings, "HOME_FEEDBACK_MAX_BODY_BYTES", 64 * 1024)


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    address = models.TextField(_("address"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("email"), blank=True)
    whatsapp = models.CharField(
        _("WhatsApp number"),
        max_length=30,
        blank=True,
        help_text=_("International format without +, e.g. 6281234567890."),
    )
    opening_hours = models.TextField(_("opening hours (Indonesian)"), blank=True)
    opening_hours_en = models.TextField(_("opening hours (English)"), blank=True)
    facebook_url = models.URLField(_("Facebook URL"), blank=True)
    instagram_url = models.URLField(_("Instagram URL"), blank=True)
    x_url = models.URLField(_("X (Twitter) URL"), blank=True)
    youtube_url = models.URLField(_("YouTube URL"), blank=True)
    footer_text = models.TextField(_("footer text (Indonesian)"), blank=True)
    footer_text_en = models.TextField(_("footer text (English)"), blank=True)
    feedback_page = models.ForeignKey(
        "home.FeedbackFormPage",
        verbose_name=_("feedback page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Linked from the main menu and the footer, in the visitor's language. "
            "Leave empty to use the site's first feedback page."
        ),
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldRowPanel([FieldPanel("phone"), FieldPanel("whatsapp")]),
                FieldPanel("email"),
            ],
            heading=_("Contact details"),
        ),
        MultiFieldPanel(
            [FieldPanel("opening_hours"), FieldPanel("opening_hours_en")],
            heading=_("Opening hours"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("facebook_url"),
                FieldPanel("instagram_url"),
                FieldPanel("x_url"),
                FieldPanel("youtube_url"),
            ],
            heading=_("Social media"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("feedback_page"),
                FieldPanel("footer_text"),
                FieldPanel("footer_text_en"),
            ],
            heading=_("Menu and footer"),
        ),
    ]

    class Meta:
        verbose_name = _("site settings")

    def _localized(self, field):
        # Free text is kept per language; fall back to Indonesian.
        if (get_language() or settings.LANGUAGE_CODE).startswith("en"):
            return getattr(self, f"{field}_en") or getattr(self, field)
        return getattr(self, field)

    @property
    def localized_opening_hours(self):
        return self._localized("opening_hours")

    @property
    def localized_footer_text(self):
        return self._localized("footer_text")

    @property
    def whatsapp_url(self):
        digits = "".join(ch for ch in self.whatsapp if ch.isdigit())
        return f"https://wa.me/{digits}" if digits else ""

    @property
    def social_links(self):
        links = [
            ("Facebook", self.facebook_url),
            ("Instagram", self.instagram_url),
            ("X", self.x_url),
            ("YouTube", self.youtube_url),
        ]
        return [(name, url) for name, url in links if url]


# --- Feedback inbox (home/inbox.py) -------------------------------------------
class FeedbackItemQuerySet(models.QuerySet):
    def open(self):
        """Not yet handled: new or in progress."""
        return self.filter(
            status__in=[FeedbackItem.Status.NEW, FeedbackItem.Status.IN_PROGRESS]
        )


class FeedbackItem(models.Model):
    """One public feedback submission as the officers handle it.

    Created in the same transaction as Wagtail's FormSubmission; the citizen's
    answers stay in the submission, the handling lives here.
    """

    class Status(models.TextChoices):
        NEW = "new", _("New")
        IN_PROGRESS = "in_progress", _("In progress")
        ANSWERED = "answered", _("Answered")
        CLOSED = "closed", _("Closed")

    submission = models.OneToOneField(
        "wagtailforms.FormSubmission",
        verbose_name=_("submission"),
        on_delete=models.CASCADE,
        related_name="feedback_item",
    )
    received_at = models.DateTimeField(_("received"), db_index=True)
    sender_name = models.CharField(_("name"), max_length=255, blank=True)
    sender_email = models.EmailField(_("email"), max_length=254, blank=True)
    message = models.TextField(_("message"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.NEW,
        db_index=True,
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assignee"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    notes = models.TextField(_("internal notes"), blank=True)
    handled_at = models.DateTimeField(_("handled"), null=True, blank=True)
    # The signed form token's nonce: a replayed token finds its row here.
    form_nonce = models.CharField(max_length=64, null=True, blank=True, unique=True)
    last_reminded_on = models.DateField(null=True, blank=True)

    objects = FeedbackItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("feedback item")
        verbose_name_plural = _("feedback items")
        ordering = ["-received_at", "-pk"]

    def __str__(self):
        return _("Feedback #%(id)s from %(name)s") % {
            "id": self.pk,
            "name": self.sender_name or "?",
        }

    @property
    def is_open(self):
        return self.status in (self.Status.NEW, self.Status.IN_PROGRESS)


class FeedbackMail(models.Model):
    """An email about feedback, kept until it is sent.

    The worker sends it; if the mail server fails it is tried again later
    (attempts and the last error are kept), so nothing is lost.
    """

    class Kind(models.TextChoices):
        NOTIFICATION = "notification", _("New feedback notification")
        ANSWER = "answer", _("Answer to the citizen")
        REMINDER = "reminder", _("Overdue reminder")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    item = models.ForeignKey(
        FeedbackItem,
        verbose_name=_("feedback item"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="mails",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    from_email = models.CharField(max_length=254)
    recipients = models.JSONField(_("recipients"), default=list)
    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("text"))
    html_body = models.TextField(blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.PENDING,
        db_index=True,
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now, db_index=True)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("feedback email")
        verbose_name_plural = _("feedback emails")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.subject


# --- Subdivisions (roles and moderation: home/roles.py) ------------------------


class Subdivision(models.Model):
    """A subdivision that contributes content: its section, group and collection.

    Made by ``home.roles.add_subdivision`` (the command ``home_add_subdivision``
    or the admin's "Add subdivision"), never by hand, so the three always agree.
    """

    name = models.CharField(_("name"), max_length=100, unique=True)
    name_en = models.CharField(_("name in English"), max_length=100, blank=True)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    section = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("section page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    group = models.OneToOneField(
        "auth.Group",
        verbose_name=_("contributor group"),
        on_delete=models.PROTECT,
        related_name="subdivision",
    )
    collection = models.ForeignKey(
        "wagtailcore.Collection",
        verbose_name=_("collection"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("subdivision")
        verbose_name_plural = _("subdivisions")

    def __str__(self):
        if (get_language() or settings.LANGUAGE_CODE).startswith("en"):
            return self.name_en or self.name
        return self.name


# --- Content version (home/chrome.py) ---------------------------------------------


class ContentVersion(models.Model):
    """One row whose token changes whenever the site chrome's sources change.

    Written in the same transaction as the change (``home.signal_handlers``),
    read once per request: caches keyed by it are never stale on any worker.
    """

    token = models.CharField(max_length=32)

    class Meta:
        verbose_name = _("content version")
