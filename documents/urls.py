from django.urls import path

from documents import views

app_name = "documents"
urlpatterns = [
    path("", views.index, name="index"),
    path("recherche/", views.search, name="search"),
    path("dossiers/nouveau/", views.folder_create, name="folder_create"),
    path("dossiers/<id:pk>/", views.folder_detail, name="folder"),
    path("dossiers/<id:pk>/modifier/", views.folder_edit, name="folder_edit"),
    path("dossiers/<id:pk>/deplacer/", views.folder_move, name="folder_move"),
    path("dossiers/<id:pk>/suivre/", views.folder_follow, name="folder_follow"),
    path("dossiers/<id:pk>/deposer/", views.upload, name="upload"),
    path("televersement/preparer/", views.upload_prepare, name="upload_prepare"),
    path("<id:pk>/", views.document_detail, name="document"),
    path("<id:pk>/modifier/", views.document_edit, name="document_edit"),
    path("<id:pk>/nouvelle-version/", views.version_upload, name="version_upload"),
    path("<id:pk>/supprimer/", views.document_delete, name="document_delete"),
    path("versions/<id:pk>/telecharger/", views.download, name="download"),
]
