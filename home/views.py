from django.http import HttpResponse


def robots_txt(request):
    return HttpResponse("User-agent: *\n", content_type="text/plain")


def search(request):
    return HttpResponse("")


def page_not_found(request, exception=None):
    from django.views.defaults import page_not_found as default

    return default(request, exception)


def server_error(request):
    from django.views.defaults import server_error as default

    return default(request)
