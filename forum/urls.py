"""URLs of what Cimaise adds to machina's forum (machina's own URLs are in community.urls)."""

from django.urls import path

from forum import views

app_name = "cimaise_forum"
urlpatterns = [
    path("poser-une-question/", views.ask, name="ask"),
    path("apercu/", views.preview, name="preview"),
    path("piece-jointe/<id:pk>/image/", views.attachment_preview, name="attachment_preview"),
    path("questions/", views.open_questions, name="open_questions"),
    path("reponse/<id:post_pk>/solution/", views.mark_solution, name="mark_solution"),
    path("sujet/<id:topic_pk>/sans-solution/", views.unmark_solution, name="unmark_solution"),
    path("forum/<id:forum_pk>/suivre/", views.follow_forum, name="follow_forum"),
]
