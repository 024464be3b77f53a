"""The site is named from SITE_NAME and SITE_URL: no email or page says "example.com"."""

import pytest
from django.contrib.sites.models import Site
from django.core import mail
from django.urls import reverse

from notifications.site import sync_site

pytestmark = pytest.mark.django_db


def test_the_site_object_follows_the_settings_after_migrate(settings):
    site = Site.objects.get_current()
    assert site.name == settings.SITE_NAME
    assert site.domain == settings.SITE_URL.split("://", 1)[1].rstrip("/")
    assert "example.com" not in (site.name, site.domain)


def test_a_change_of_settings_reaches_the_site_at_the_next_sync(settings):
    settings.SITE_NAME = "Réseau des musées"
    settings.SITE_URL = "https://cimaise.musees-occitanie.fr"

    sync_site()

    site = Site.objects.get_current()
    assert (site.name, site.domain) == ("Réseau des musées", "cimaise.musees-occitanie.fr")


def test_the_password_reset_email_names_the_site(anonymous_client, member, settings):
    response = anonymous_client.post(reverse("account_reset_password"), {"email": member.email})

    assert response.status_code == 302
    (email,) = mail.outbox
    assert "example.com" not in email.subject + email.body
    assert settings.SITE_NAME in email.subject + email.body


def test_the_login_page_does_not_say_example_com(anonymous_client):
    page = anonymous_client.get(reverse("account_login")).content.decode()
    assert "example.com" not in page
