from django.urls import path

from audit.monitoring import views

# The status page is added inside i18n_patterns in cms/urls.py (/status/,
# /en/status/); the health endpoint is language-free.
health_urlpatterns = [path("health/", views.health_view, name="health")]
status_urlpatterns = [path("status/", views.status_page, name="status")]
