"""Invisible characters typed in a name, a title or a message are taken out before they are saved.

A right-to-left override (U+202E) makes "Réunion\u202egnp.exe" read differently from what it is;
zero-width spaces make two names that look the same differ. Every app's forms strip them.
"""

import inspect
import sys
import unicodedata
from importlib import import_module

import pytest
from django import forms
from django.http import QueryDict
from django.urls import reverse

from community.text import CleanTextMixin, strip_invisible
from cvtheque.models import JobOffer
from tests.cvtheque.conftest import offer_form

BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
# Kept: the joiners make emoji sequences and some scripts; NUL is refused by Django with a message.
KEPT = {"\u200c", "\u200d", "\t", "\n", "\r", "\x00"}


def test_bidi_controls_and_zero_width_characters_are_stripped():
    assert (
        strip_invisible(f"Réu{BIDI_CONTROLS}nion\u200b d'équipe\ufeff\u2060") == "Réunion d'équipe"
    )


def test_what_a_reader_sees_is_kept():
    text = "Conservation préventive\n— « 45 % HR » 👩\u200d🔬 \u0627\u0644\u0645\u062a\u062d\u0641"
    assert strip_invisible(text) == text


def test_the_list_matches_unicode_format_and_control_characters():
    wrong = []
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        category = unicodedata.category(char)
        if category == "Cn":  # unassigned in this Python's Unicode: no text holds them
            continue
        invisible = category in ("Cf", "Cc") and char not in KEPT
        if (strip_invisible(char) == "") != invisible:
            wrong.append(f"U+{code:04X} {category}")
    assert wrong == []


class ContactForm(CleanTextMixin, forms.Form):
    subject = forms.CharField(max_length=20)
    password = forms.CharField(widget=forms.PasswordInput)
    count = forms.IntegerField()


def test_the_mixin_cleans_text_fields_but_not_passwords():
    data = QueryDict(mutable=True)
    data.update({"c-subject": "Prêt\u202e", "c-password": "mot\u200bde\u202epasse", "c-count": "3"})
    form = ContactForm(data, prefix="c")
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {
        "subject": "Prêt",
        "password": "mot\u200bde\u202epasse",
        "count": 3,
    }
    assert data["c-subject"] == "Prêt\u202e"  # the request's own data is left alone


def test_a_text_made_only_of_invisible_characters_is_empty():
    form = ContactForm({"subject": "\u202e\u200b ", "password": "x", "count": "1"})
    assert not form.is_valid()
    assert form.errors["subject"] == ["Ce champ est obligatoire."]


def test_max_length_counts_what_a_reader_sees():
    form = ContactForm({"subject": "a" * 20 + "\u2066" * 10, "password": "x", "count": "1"})
    assert form.is_valid(), form.errors


def test_a_member_renames_themselves_without_the_hidden_override(member_client, member):
    response = member_client.post(
        reverse("community:profile"),
        {"first_name": "Zo\u202eé", "last_name": "\u2067Martin\u2069", "handle": member.handle},
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert (member.first_name, member.last_name) == ("Zoé", "Martin")


def test_a_recruiter_publishes_an_offer_with_a_clean_title(recruiter_client):
    response = recruiter_client.post(
        "/cvtheque/offres/nouvelle/",
        offer_form(title="Régisseur\u202e·se\u200b", publish="1"),
    )
    assert response.status_code == 302
    assert JobOffer.objects.get().title == "Régisseur·se"


# Every form of every app that takes text. Documents' upload and folder forms are being rewritten
# with the upload code: they take the mixin with that work (then leave this list).
FORM_MODULES = [
    "community.membership.forms",
    "cvtheque.forms",
    "documents.forms",
    "notifications.forms",
    "trainings.forms",
    "forum.machina_apps.forum_conversation.forms",
    "forum.machina_apps.forum_conversation.forum_attachments.forms",
    "forum.machina_apps.forum_conversation.forum_polls.forms",
    "forum.machina_apps.forum_member.forms",
]
NOT_YET = {
    "documents.forms.DocumentForm",
    "documents.forms.DocumentEditForm",
    "documents.forms.FileFieldsMixin",
    "documents.forms.FolderForm",
    "documents.forms.UploadForm",
    "documents.forms.VersionForm",
}


def _forms_taking_text():
    for module_name in FORM_MODULES:
        module = import_module(module_name)
        for name, form in inspect.getmembers(module, inspect.isclass):
            if form.__module__ != module_name or not issubclass(form, forms.BaseForm):
                continue
            if any(isinstance(field, forms.CharField) for field in form.base_fields.values()):
                yield f"{module_name}.{name}", form


@pytest.mark.parametrize("name,form", list(_forms_taking_text()))
def test_every_form_taking_text_strips_invisible_characters(name, form):
    assert issubclass(form, CleanTextMixin) != (name in NOT_YET)
