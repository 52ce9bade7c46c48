from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WagtailIndonesianConfig(AppConfig):
    name = "cms.wagtail_id"
    label = "cms_wagtail_id"
    verbose_name = _("Wagtail admin in Indonesian")

    def ready(self):
        from wagtail.models import Locale

        # Wagtail's Locale declares no verbose name, so Django derives a plain,
        # untranslatable "locale"/"locales" ("2 locales" in every language).
        # Setting the names on _meta (not Meta's original_attrs) translates
        # them without changing Wagtail's migration state.
        Locale._meta.verbose_name = _("locale")
        Locale._meta.verbose_name_plural = _("locales")
