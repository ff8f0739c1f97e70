"""What Wagtail's page editor posts for an event, and how the admin refuses, for admin tests."""

import datetime

from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from .factories import next_week_at

DASHBOARD = "/admin/"
PUBLISH = {"action-publish": "action-publish"}


def admin_datetime(value):
    """A date as the editor's date-time input writes it."""
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")


def event_form(slug="marche-sante", **changes):
    """What the page editor posts for a weekly event starting next week, with `changes`."""
    start = next_week_at(18, 30)
    data = {
        "title": "Marche santé du mardi",
        "slug": slug,
        "summary": "Une marche d'une heure, ouverte à tous.",
        "description": rich_text("<p>Départ devant la mairie.</p>"),
        "image": "",
        "image_alt": "",
        "start": admin_datetime(start),
        "end": admin_datetime(start + datetime.timedelta(hours=1, minutes=30)),
        "recurrence": "RRULE:FREQ=WEEKLY;COUNT=4",
        "occurrence_changes": inline_formset([]),
        "status": "scheduled",
        "status_reason": "",
        "venue": "Salle des fêtes",
        "street_address": "",
        "postal_code": "",
        "commune": "",
        "latitude": "",
        "longitude": "",
        "online_url": "",
        "age_min": "",
        "age_max": "",
        "organiser": "",
        "national_campaign": "",
        "registration_url": "",
        "registration_phone": "",
        "registration_email": "",
        "capacity": "",
        "is_free": "on",
        "price_detail": "",
        "accessibility": "",
        "comments": inline_formset([]),
        "seo_title": "",
        "search_description": "",
    }
    return nested_form_data(data | changes)


def add_url(parent):
    return reverse("wagtailadmin_pages:add", args=["events", "eventpage", parent.pk])


def pages_url(name, *args):
    return reverse(f"wagtailadmin_pages:{name}", args=args)


def is_refused(response):
    """Wagtail's "permission denied" (a redirect to the dashboard), 403 or 404 (follow=True)."""
    redirects = [url for url, _status in response.redirect_chain]
    if redirects and redirects[-1] == DASHBOARD:
        return True
    return response.status_code in (403, 404)


def form_errors(response):
    form = response.context["form"]
    return {name: " ".join(errors) for name, errors in form.errors.items()}
