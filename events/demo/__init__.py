"""The events app's share of `manage.py load_demo`: the agenda, national campaigns, ~60 events.

Events are placed relative to the day the demo is loaded (events/demo/dates.py), so the agenda
always shows the months to come. Like the rest of the demo it creates only what is missing
(events are found again by slug under their parent, campaigns by slug) and never overwrites
what was edited since. Each event is created as an editor creates it (add_child, then a
published revision, per-date changes included); publishing writes its occurrences
(events/signal_handlers.py).
"""

from django.utils import timezone
from wagtail.models import Page

from events.models import AgendaPage, EventPage, EventStatus, NationalCampaign, OccurrenceChange
from partners.demo import Taxonomy, indexed_once, nearby
from partners.models import StructureIndexPage, StructurePage

from . import campaign_pages
from .campaigns import CAMPAIGNS
from .dates import DemoCalendar
from .events import build

AGENDA_INTRO = (
    "Marches santé, ateliers, permanences, dépistages, conférences : tous les rendez-vous "
    "santé et prévention du Pays des Quatre Rivières, proposés par les structures du "
    "territoire et la coordination du contrat local de santé."
)


def load(demo):
    agenda = demo.page(
        demo.home,
        AgendaPage,
        "agenda",
        title="Agenda",
        show_in_menus=True,
        seo_title="Agenda santé et prévention du Pays des Quatre Rivières",
        search_description=(
            "Les rendez-vous santé et prévention du territoire : ateliers, marches, "
            "dépistages, permanences et conférences."
        ),
        intro=AGENDA_INTRO,
    )
    campaigns = load_campaigns(demo)
    directory = StructureIndexPage.objects.first()
    structures = (
        {page.slug: page for page in StructurePage.objects.child_of(directory)}
        if directory is not None
        else {}
    )
    taxonomy = Taxonomy()
    existing = existing_slugs(agenda, structures)
    calendar = DemoCalendar(timezone.localdate())
    with indexed_once([EventPage]) as new_pages:
        for data in build(calendar):
            parent = structures.get(data["parent"]) if data["parent"] else agenda
            if parent is None or data["slug"] in existing[parent.pk]:
                continue  # a structure removed since, or an event already there
            page = demo.page(
                parent,
                EventPage,
                data["slug"],
                **event_fields(data, structures, campaigns, taxonomy),
            )
            new_pages.append(page.pk)
    # After the events, which the campaign pages list.
    campaign_pages.load(demo)


def load_campaigns(demo):
    campaigns = {}
    for slug, name, organiser, period, website in CAMPAIGNS:
        campaign, created = NationalCampaign.objects.get_or_create(
            slug=slug,
            defaults={"name": name, "organiser": organiser, "period": period, "website": website},
        )
        campaigns[slug] = campaign
        if created:
            demo.note("campagne nationale", name)
    return campaigns


def existing_slugs(agenda, structures):
    """The slugs of the pages already under the agenda and each structure, in one query."""
    parents = {page.path: page.pk for page in [agenda, *structures.values()]}
    existing = {pk: set() for pk in parents.values()}
    depths = {page.depth + 1 for page in [agenda, *structures.values()]}
    for path, slug in Page.objects.filter(depth__in=depths).values_list("path", "slug"):
        parent_pk = parents.get(path[: -Page.steplen])
        if parent_pk is not None:
            existing[parent_pk].add(slug)
    return existing


def event_fields(data, structures, campaigns, taxonomy):
    commune = taxonomy.communes.get(data.get("commune"))
    latitude = longitude = None
    if commune is not None:
        latitude, longitude = nearby(data["slug"], commune.insee_code)
    registration = data.get("registration", {})
    age_min, age_max = data.get("age", (None, None))
    fields = {
        "title": data["title"],
        "summary": data["summary"],
        "description": data.get("description", ""),
        "start": data["start"],
        "end": data["end"],
        "all_day": data.get("all_day", False),
        "themes": taxonomy.pick(taxonomy.themes, data["themes"]),
        "publics": taxonomy.pick(taxonomy.publics, data["publics"]),
        "organiser": structures.get(data.get("organiser") or data["parent"]),
        "co_organisers": [
            structures[slug] for slug in data.get("co_organisers", []) if slug in structures
        ],
        "national_campaign": campaigns.get(data.get("campaign")),
        "venue": data.get("venue", ""),
        "street_address": data.get("address", ""),
        "postal_code": commune.postal_code if commune is not None else "",
        "commune": commune,
        "latitude": latitude,
        "longitude": longitude,
        "online_url": data.get("online", ""),
        "registration_required": registration.get("required", False),
        "registration_url": registration.get("url", ""),
        "registration_phone": registration.get("phone", ""),
        "registration_email": registration.get("email", ""),
        "capacity": registration.get("capacity"),
        "is_free": data.get("is_free", True),
        "price_detail": data.get("price", ""),
        "accessibility": data.get("accessibility", ""),
        "age_min": age_min,
        "age_max": age_max,
        "status": data.get("status", EventStatus.SCHEDULED),
        "status_reason": data.get("status_reason", ""),
        "occurrence_changes": [
            OccurrenceChange(
                date=date, change=change, reason=reason, new_start=new_start, new_end=new_end
            )
            for date, change, reason, new_start, new_end in data.get("changes", [])
        ],
    }
    if data.get("recurrence"):
        fields["recurrence"] = data["recurrence"]
    return fields
