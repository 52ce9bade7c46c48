"""The project's one way of writing dates, per language (``FORMAT_MODULE_PATH``).

Django looks here first and falls back to its own locale formats for anything
not set. Times are shown in ``TIME_ZONE`` (Asia/Jakarta) unless a Wagtail user
chose another zone. Templates use ``{{ value|date }}`` / ``{{ value }}`` and
Python code ``django.utils.formats.date_format(value)``; never a literal format.
"""
