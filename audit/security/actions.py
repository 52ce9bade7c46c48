"""The audit actions of visitor activity (registered from ``apps.ready``)."""

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "security.unlocked": _("Login lockout lifted by an officer"),
    "security.client_blocked": _("Client blocked after suspicious requests"),
    "security.block_lifted": _("Client block lifted by an officer"),
    "security.signal_alerted": _("High-severity security signal"),
}
