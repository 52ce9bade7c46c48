from django import template

from cms.scheduler.dates import format_wib

register = template.Library()


@register.filter
def wib(value):
    """A date and time as the scheduler writes it everywhere: ``{{ run.scheduled_for|wib }}``."""
    return format_wib(value)
