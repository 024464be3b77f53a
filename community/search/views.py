"""The search page, reached from the header: every app's areas, one query, one page.

The form reads the query string; each area (community.registry.search_areas) counts and shows
only what this reader may open. Without an area chosen, the page shows each area's first
results and total; with one, its results page by page, and still every area's total.
"""

import math

from django import forms
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from community import registry
from community.search.base import Found, Terms
from community.text import CleanTextMixin

PAGE_SIZE = 20
PREVIEW_SIZE = 3
MAX_PAGE = 500


class SearchForm(CleanTextMixin, forms.Form):
    q = forms.CharField(
        label=_("Rechercher"), max_length=200, required=False, widget=forms.SearchInput
    )
    area = forms.ChoiceField(label=_("Où"), required=False)
    page = forms.IntegerField(required=False, min_value=1, max_value=MAX_PAGE)

    def __init__(self, *args, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = [("", _("Partout"))] + [(a.key, a.label) for a in areas]
        self.fields["q"].error_messages["max_length"] = _(
            "Une recherche tient en %(limit_value)d caractères au plus."
        )
        self.fields["page"].error_messages["invalid"] = _("Le numéro de page est invalide.")


def search(request):
    areas = [area for area in registry.search_areas() if area.shown_to(request)]
    form = SearchForm(request.GET or None, areas=areas)
    context = {"form": form, "areas": areas, "sections": [], "query": ""}
    if not form.is_bound:
        return render(request, "community/search.html", context)
    if not form.is_valid():
        return render(request, "community/search.html", context, status=400)
    terms = Terms.parse(form.cleaned_data["q"].strip())
    context["query"] = terms.text
    if not terms.words:
        context["empty_query"] = bool(terms.text) or "q" in request.GET
        return render(request, "community/search.html", context)
    chosen = form.cleaned_data["area"]
    number = form.cleaned_data["page"] or 1
    context.update(_results(request, terms, areas, chosen, number))
    return render(request, "community/search.html", context)


def _results(request, terms: Terms, areas, chosen: str, number: int) -> dict:
    sections = []
    for area in areas:
        if chosen and area.key != chosen:
            found = area.find(request, terms, offset=0, limit=0)
        elif chosen:
            found = area.find(request, terms, offset=(number - 1) * PAGE_SIZE, limit=PAGE_SIZE)
        else:
            found = area.find(request, terms, offset=0, limit=PREVIEW_SIZE)
        sections.append({"area": area, "found": found, "chosen": area.key == chosen})
    result = {
        "sections": sections,
        "chosen": chosen,
        "total": sum(section["found"].count for section in sections),
    }
    if chosen:
        current = next(section for section in sections if section["chosen"])
        found: Found = current["found"]
        pages = max(1, math.ceil(found.count / PAGE_SIZE))
        result["current"] = current
        result["pagination"] = {
            "number": number,
            "pages": pages,
            "previous": number - 1 if number > 1 else None,
            "next": number + 1 if number < pages else None,
            "beyond": number > pages,
        }
    return result
