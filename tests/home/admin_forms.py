"""What Wagtail's page editor posts for a news item or a call for projects, for admin tests."""

from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

PUBLISH = {"action-publish": "action-publish"}
DASHBOARD = "/admin/"


def add_url(model, parent):
    return reverse("wagtailadmin_pages:add", args=["home", model, parent.pk])


def news_form(slug="nouveaux-partenaires", **changes):
    data = {
        "title": "Trois nouveaux partenaires",
        "slug": slug,
        "date": "2026-11-30",
        "summary": "Le réseau s'agrandit.",
        "image": "",
        "image_alt": "",
        "body": streamfield([("paragraph", rich_text("<p>Bienvenue à eux.</p>"))]),
        "comments": inline_formset([]),
        "seo_title": "",
        "search_description": "",
    }
    return nested_form_data(data | changes)


def call_form(slug="prevention-jeunes", **changes):
    data = {
        "title": "Prévention auprès des jeunes",
        "slug": slug,
        "funder": "ARS Bourgogne-Franche-Comté",
        "summary": "Des projets pour les 12-25 ans.",
        "opens_on": "2026-12-01",
        "deadline": "2027-01-15",
        "amount": "15000",
        "amount_note": "",
        "eligibility": rich_text("<p>Associations du territoire.</p>"),
        "body": rich_text(""),
        "link": "",
        "document": "",
        "comments": inline_formset([]),
        "seo_title": "",
        "search_description": "",
    }
    return nested_form_data(data | changes)


def is_refused(response):
    """Wagtail's "permission denied" (a redirect to the dashboard), 403 or 404 (follow=True)."""
    redirects = [url for url, _status in response.redirect_chain]
    if redirects and redirects[-1] == DASHBOARD:
        return True
    return response.status_code in (403, 404)


def form_errors(response):
    form = response.context["form"]
    return {name: " ".join(errors) for name, errors in form.errors.items()}
