"""ASGI application of the page benchmarks: the whole site, plus /bench/bare/, a view that only
answers "ok" behind the same ASGI server, middleware and members-only gate."""

from django.conf import settings
from django.http import HttpResponse
from django.urls import path

from community.asgi import application  # noqa: F401  (sets Django up; served by uvicorn)
from community.urls import urlpatterns as site_urlpatterns


def bare(_request):
    return HttpResponse("ok")


urlpatterns = [*site_urlpatterns, path("bench/bare/", bare, name="bench_bare")]
# Read by Django's handler at each request, so setting it after start-up is enough.
settings.ROOT_URLCONF = __name__
