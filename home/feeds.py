"""The RSS feed of an article index, served by ArticleIndexPage's ``feed/`` route."""

from django.contrib.syndication.views import Feed
from django.utils.translation import gettext as _

FEED_ITEMS = 20


class ArticleFeed(Feed):
    def __init__(self, index_page):
        super().__init__()
        self.index_page = index_page

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return self.index_page

    def title(self, obj):
        return obj.title

    def link(self, obj):
        return obj.get_url(request=self.request)

    def description(self, obj):
        return obj.intro or _("Latest news and announcements")

    def items(self, obj):
        articles = obj.get_articles(request=self.request, cards=False)
        return articles.defer_streamfields().prefetch_related("tags")[:FEED_ITEMS]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.get_url(request=self.request)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_categories(self, item):
        return [item.get_kind_display(), *(tag.name for tag in item.tags.all())]
