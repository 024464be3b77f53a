"""URLs of trainings, under /formations/."""

from django.urls import path

from trainings import certificate_views, proposals, views

app_name = "trainings"
urlpatterns = [
    path("", views.calendar_list, name="list"),
    path("mois/", views.calendar_month, name="month"),
    path("mois/<int:year>/<int:month>/", views.calendar_month, name="month_of"),
    path("<id:pk>/", views.detail, name="detail"),
    path("<id:pk>/inscription/", views.register, name="register"),
    path("<id:pk>/agenda.ics", views.training_ics, name="ics"),
    path("<id:pk>/attestation.pdf", views.certificate, name="certificate"),
    path("inscriptions/<id:pk>/annuler/", views.cancel_registration, name="cancel_registration"),
    path("mes-inscriptions/", views.my_registrations, name="mine"),
    path("mes-inscriptions/agenda/regenerer/", views.regenerate_feed, name="regenerate_feed"),
    path("agenda/<str:token>.ics", views.feed, name="feed"),
    path("mes-attestations/", certificate_views.my_certificates, name="my_certificates"),
    path(
        "mes-attestations/attestations.zip",
        certificate_views.my_certificates_zip,
        name="my_certificates_zip",
    ),
    # Public: whoever holds a certificate checks it here, by its QR code or by typing its code.
    path("attestations/verifier/", certificate_views.verify, name="verify"),
    path("attestations/verifier/<str:code>/", certificate_views.verify_code, name="verify_code"),
    # The network's calendar: museums' designated contacts propose days and see their registrants.
    path("proposer/", proposals.propose, name="propose"),
    path("mon-musee/", proposals.hosted, name="hosted"),
    path("mon-musee/<id:pk>/", proposals.hosted_detail, name="hosted_detail"),
    path("mon-musee/<id:pk>/inscrits.csv", proposals.hosted_export, name="hosted_export"),
    # Staff pages.
    path("gestion/", views.staff_list, name="staff_list"),
    path("gestion/nouvelle/", views.staff_create, name="staff_create"),
    path("gestion/<id:pk>/", views.staff_detail, name="staff_detail"),
    path("gestion/<id:pk>/modifier/", views.staff_edit, name="staff_edit"),
    path("gestion/<id:pk>/publier/", views.staff_publish, name="staff_publish"),
    path("gestion/<id:pk>/annuler/", views.staff_cancel, name="staff_cancel"),
    path("gestion/<id:pk>/refuser/", proposals.decline, name="staff_decline"),
    path("gestion/<id:pk>/presences/", views.staff_attendance, name="staff_attendance"),
    path("gestion/<id:pk>/inscriptions.csv", views.staff_export, name="staff_export"),
    path("gestion/<id:pk>/emargement/", views.staff_signin_sheet, name="staff_signin_sheet"),
    path("gestion/inscriptions/<id:pk>/promouvoir/", views.staff_promote, name="staff_promote"),
    path("gestion/inscriptions/<id:pk>/liste-attente/", views.staff_demote, name="staff_demote"),
]
