"""URLs of the notification center, the bell's JSON feed and the preferences page."""

from django.urls import path

from notifications import views

app_name = "notifications"
urlpatterns = [
    path("", views.center, name="center"),
    path("api/", views.api, name="api"),
    path("tout-lu/", views.mark_all_read, name="mark_all_read"),
    path("preferences/", views.preferences, name="preferences"),
    path("<id:pk>/lue/", views.mark_read, name="mark_read"),
    path("<id:pk>/ouvrir/", views.open_notification, name="open"),
    # The digest's one-click unsubscribe link: signed, it works without logging in.
    path("resume/desabonnement/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
