from django.apps import AppConfig
from django.core import checks
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def forget_pages_after_migrate(sender, **kwargs):
    # A deploy runs migrate: pages rendered by the old code must not outlive it.
    from cms.pagecache import generation

    generation.bump()


class PageCacheConfig(AppConfig):
    name = "cms.pagecache"
    label = "pagecache"
    verbose_name = _("Page cache")

    def ready(self):
        from cms.pagecache.checks import check_settings
        from cms.pagecache.signal_handlers import register_signal_handlers

        checks.register(check_settings)
        register_signal_handlers()
        post_migrate.connect(
            forget_pages_after_migrate,
            sender=self,
            dispatch_uid="pagecache_forget_pages_after_migrate",
        )
