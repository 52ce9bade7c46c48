from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WagtailIndonesianConfig(AppConfig):
    name = "cms.wagtail_id"
    label = "cms_wagtail_id"
    verbose_name = _("Wagtail admin in Indonesian")
