"""Root URLs of Cimaise, and the URLs of the community app."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from community import gdpr_views, views

community_patterns = [
    path("", views.home, name="home"),
    path("mentions-legales/", views.legal, name="legal"),
    path("adhesion/candidature/", views.apply, name="apply"),
    path("adhesion/en-attente/", views.pending, name="pending"),
    path("adhesion/renouvellement/", views.renew, name="renew"),
    path("annuaire/", views.directory, name="directory"),
    path("annuaire/<id:pk>/", views.member_detail, name="member_detail"),
    path("profil/", views.profile, name="profile"),
    path("profil/donnees/", gdpr_views.my_data, name="gdpr"),
    path("profil/donnees/export.zip", gdpr_views.export_zip, name="gdpr_export"),
    path("profil/donnees/supprimer/", gdpr_views.delete_account, name="gdpr_delete"),
    path("compte-supprime/", gdpr_views.account_deleted, name="account_deleted"),
    path("adhesions/", views.membership_list, name="membership_list"),
    path("adhesions/export.csv", views.membership_export, name="membership_export"),
    path("adhesions/<id:pk>/", views.membership_detail, name="membership_detail"),
    path("adhesions/<id:pk>/accepter/", views.membership_approve, name="membership_approve"),
    path("adhesions/<id:pk>/refuser/", views.membership_reject, name="membership_reject"),
    path("adhesions/<id:pk>/suspendre/", views.membership_suspend, name="membership_suspend"),
    path("adhesions/<id:pk>/renouveler/", views.membership_renew, name="membership_renew"),
    path(
        "adhesions/<id:pk>/cotisation/",
        views.membership_record_dues,
        name="membership_record_dues",
    ),
]

urlpatterns = [
    path("", include((community_patterns, "community"))),
    path("comptes/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("notifications/", include("notifications.urls")),
    path("forum/entraide/", include("forum.urls")),
    path("forum/", include("machina.urls")),
    path("documents/", include("documents.urls")),
    path("cvtheque/", include("cvtheque.urls")),
    path("formations/", include("trainings.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
