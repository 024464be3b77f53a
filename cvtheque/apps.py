from django.apps import AppConfig


class CvthequeConfig(AppConfig):
    name = "cvtheque"
