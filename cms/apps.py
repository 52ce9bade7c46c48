from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    """The project package as an app: its templates, its locale, cms_ensure_admin.

    It has no models left; its migrations only hand the scheduler's tables over
    to ``cms.scheduler`` (see that app's first migration).
    """

    name = "cms"
    verbose_name = _("Website management")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from cms.signal_handlers import register_signal_handlers

        register_signal_handlers()
