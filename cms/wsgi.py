"""WSGI entry point for gunicorn: ``gunicorn cms.wsgi``."""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")

application = get_wsgi_application()

# Everything loaded so far (Django, Wagtail, every app's models and modules)
# lives as long as the worker: keep it out of the collector's full passes,
# which otherwise walk it all and hold a request up for ~90 ms now and then
# (tests/bench/bench_http.py: the p99 of an uncached page).
gc.freeze()
