"""URLs of the membership domain, in the community namespace."""

from django.urls import path

from community.membership import views

urlpatterns = [
    path("adhesion/candidature/", views.apply, name="apply"),
    path("adhesion/en-attente/", views.pending, name="pending"),
    path("adhesion/renouvellement/", views.renew, name="renew"),
    path("annuaire/", views.directory, name="directory"),
    path("annuaire/<id:pk>/", views.member_detail, name="member_detail"),
    path("annuaire/<id:pk>/photo/", views.member_photo, name="member_photo"),
    path("annuaire/listes/", views.knowledge_lists, name="knowledge_lists"),
    path("annuaire/listes/<slug:which>/", views.knowledge_entry, name="knowledge_entry"),
    path("adhesion/confirmations/", views.vouch_list, name="vouch_list"),
    path("adhesion/confirmations/<id:pk>/", views.vouch_answer, name="vouch_answer"),
    path("adhesions/structures/", views.structure_list, name="structure_list"),
    path("adhesions/structures/<id:pk>/", views.structure_detail, name="structure_detail"),
    path(
        "adhesions/structures/<id:pk>/contacts/",
        views.structure_contact,
        name="structure_contact",
    ),
    path("profil/", views.profile, name="profile"),
    path("profil/structure/", views.profile_work, name="profile_work"),
    path("profil/photo/", views.profile_photo, name="profile_photo"),
    path("adhesions/", views.membership_list, name="membership_list"),
    path("adhesions/export.csv", views.membership_export, name="membership_export"),
    path("adhesions/<id:pk>/", views.membership_detail, name="membership_detail"),
    path("adhesions/<id:pk>/accepter/", views.membership_approve, name="membership_approve"),
    path("adhesions/<id:pk>/refuser/", views.membership_reject, name="membership_reject"),
    path("adhesions/<id:pk>/suspendre/", views.membership_suspend, name="membership_suspend"),
    path("adhesions/<id:pk>/renouveler/", views.membership_renew, name="membership_renew"),
    path("adhesions/<id:pk>/structure/", views.membership_structure, name="membership_structure"),
    path(
        "adhesions/<id:pk>/cotisation/",
        views.membership_record_dues,
        name="membership_record_dues",
    ),
]
