"""Root URLs of Cimaise: the shell's pages, the membership domain's, then each app's."""

from django.conf import settings
from django.contrib import admin
from django.http import HttpResponseRedirect
from django.templatetags.static import static
from django.urls import include, path

from community import gdpr_views, views
from community.search import views as search_views


def favicon(_request):
    """Browsers, feed readers and bookmarks ask for /favicon.ico whatever the page links to."""
    response = HttpResponseRedirect(static("community/favicon.ico"))
    response["Cache-Control"] = "public, max-age=86400"
    return response


community_patterns = [
    path("favicon.ico", favicon, name="favicon"),
    path("", views.home, name="home"),
    path("mentions-legales/", views.legal, name="legal"),
    path("accessibilite/", views.accessibility, name="accessibility"),
    path("recherche/", search_views.search, name="search"),
    path("profil/donnees/", gdpr_views.my_data, name="gdpr"),
    path("profil/donnees/export.zip", gdpr_views.export_zip, name="gdpr_export"),
    path("profil/donnees/supprimer/", gdpr_views.delete_account, name="gdpr_delete"),
    path("compte-supprime/", gdpr_views.account_deleted, name="account_deleted"),
    path("", include("community.membership.urls")),
]

urlpatterns = [
    path("", include((community_patterns, "community"))),
    path("comptes/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("notifications/", include("notifications.urls")),
    path("forum/entraide/", include("forum.urls")),
    path("forum/", include("forum.machina_urls")),
    path("documents/", include("documents.urls")),
    path("cvtheque/", include("cvtheque.urls")),
    path("formations/", include("trainings.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
