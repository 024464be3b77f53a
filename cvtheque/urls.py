from django.urls import path

from cvtheque import views

app_name = "cvtheque"
urlpatterns = [
    path("", views.home, name="home"),
    path("mon-cv/", views.my_profile, name="my_profile"),
    path("mon-cv/renouveler/", views.my_profile_renew, name="my_profile_renew"),
    path("mon-cv/supprimer/", views.my_profile_delete, name="my_profile_delete"),
    path("mon-cv/export/", views.my_profile_export, name="my_profile_export"),
    path("cv/", views.profile_list, name="profile_list"),
    path("cv/recherche/", views.search, name="search"),
    path("cv/<id:pk>/", views.profile_detail, name="profile_detail"),
    path("cv/<id:pk>/fichier/", views.profile_cv, name="profile_cv"),
    path("cv/<id:pk>/contacter/", views.contact_candidate, name="contact_candidate"),
    path("messages/", views.contact_list, name="contact_list"),
    path("messages/envoyes/", views.sent_contacts, name="sent_contacts"),
    path("messages/<id:pk>/", views.contact_detail, name="contact_detail"),
    path("messages/<id:pk>/repondre/", views.contact_reply, name="contact_reply"),
    path("messages/<id:pk>/decliner/", views.contact_decline, name="contact_decline"),
    path("offres/", views.offer_list, name="offer_list"),
    path("offres/mes-offres/", views.my_offers, name="my_offers"),
    path("offres/nouvelle/", views.offer_create, name="offer_create"),
    path("offres/<id:pk>/", views.offer_detail, name="offer_detail"),
    path("offres/<id:pk>/modifier/", views.offer_edit, name="offer_edit"),
    path("offres/<id:pk>/publier/", views.offer_publish, name="offer_publish"),
    path("offres/<id:pk>/cloturer/", views.offer_close, name="offer_close"),
    path("offres/<id:pk>/supprimer/", views.offer_delete, name="offer_delete"),
]
