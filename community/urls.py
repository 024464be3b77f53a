"""Root URLs of Cimaise, and the URLs of the community app."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from community import views

community_patterns = [
    path("", views.home, name="home"),
    path("mentions-legales/", views.legal, name="legal"),
    path("adhesion/candidature/", views.apply, name="apply"),
    path("adhesion/en-attente/", views.pending, name="pending"),
    path("adhesion/renouvellement/", views.renew, name="renew"),
    path("annuaire/<int:pk>/", views.member_detail, name="member_detail"),
]

urlpatterns = [
    path("", include((community_patterns, "community"))),
    path("comptes/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("notifications/", include("notifications.urls")),
    path("forum/", include("forum.urls")),
    path("documents/", include("documents.urls")),
    path("cvtheque/", include("cvtheque.urls")),
    path("formations/", include("trainings.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
