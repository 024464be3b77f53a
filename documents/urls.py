from django.urls import path

from documents import views

app_name = "documents"
urlpatterns = [
    path("", views.index, name="index"),
    path("recherche/", views.search, name="search"),
    path("dossiers/nouveau/", views.folder_create, name="folder_create"),
    path("dossiers/<int:pk>/", views.folder_detail, name="folder"),
    path("dossiers/<int:pk>/modifier/", views.folder_edit, name="folder_edit"),
    path("dossiers/<int:pk>/deplacer/", views.folder_move, name="folder_move"),
    path("dossiers/<int:pk>/suivre/", views.folder_follow, name="folder_follow"),
    path("dossiers/<int:pk>/deposer/", views.upload, name="upload"),
    path("televersement/preparer/", views.upload_prepare, name="upload_prepare"),
    path("<int:pk>/", views.document_detail, name="document"),
    path("<int:pk>/modifier/", views.document_edit, name="document_edit"),
    path("<int:pk>/nouvelle-version/", views.version_upload, name="version_upload"),
    path("<int:pk>/supprimer/", views.document_delete, name="document_delete"),
    path("versions/<int:pk>/telecharger/", views.download, name="download"),
]
