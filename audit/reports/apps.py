from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "audit.reports"
    label = "reports"
    verbose_name = _("SOP and reports")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from audit.actions import register
        from audit.reports import checks  # noqa: F401  (registers the system checks)

        register("reports.sop_revised", _("SOP revised"))
        register("reports.availability_checked", _("Content and availability checked"))
        register("reports.activity_checked", _("Visitor activity checked"))
        register("reports.built", _("SOP report built"))
        register("reports.mailed", _("SOP report mailed to the supervisor"))
        register("reports.downloaded", _("SOP report downloaded"))
        register("reports.acknowledged", _("SOP report acknowledged by the supervisor"))
