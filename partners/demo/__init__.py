"""The partners app's share of `manage.py load_demo`: the directory, its structures and actions.

Like the rest of the demo it only creates what is missing (pages are found again by slug under
their parent, logos by title) and never overwrites what was edited since. Pages are created as
editors create them (add_child, then a published revision); their contacts, opening hours and
closures travel in the same revision.
"""

import datetime
import zlib
from contextlib import contextmanager
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models.signals import post_save
from django.utils import timezone
from django.utils.text import slugify
from modelsearch.index import insert_or_update_object
from modelsearch.signal_handlers import post_save_signal_handler as search_index_on_save
from wagtail.models import Page, ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

from home.demo.territory import COMMUNITIES
from home.models import Commune, Community, Public, Theme
from partners.accounts import add_member, open_partner_space
from partners.models import (
    ActionPage,
    Closure,
    OpeningHours,
    StructureContact,
    StructureIndexPage,
    StructurePage,
)

from . import logos
from .structures import PARTNER_STRUCTURES, STRUCTURES

DAYS = {"Mo": 0, "Tu": 1, "We": 2, "Th": 3, "Fr": 4, "Sa": 5, "Su": 6}
# Structures not verified for more than a year, so that the coordination's reminder list and
# command have something to show.
STALE = {"randonneurs-ouroux": 430, "gym-volontaire-dornes": 400}


def load(demo):
    directory = demo.page(
        demo.home,
        StructureIndexPage,
        "structures",
        title="Annuaire des acteurs",
        show_in_menus=True,
        seo_title="Annuaire des actions et des acteurs de santé",
        search_description=(
            "Qui fait quoi, pour qui, où et quand : les structures de santé et de prévention "
            "du territoire et leurs actions."
        ),
        intro=(
            "Associations, services des communes, professionnels de santé, établissements : "
            "trouvez près de chez vous qui peut vous accompagner, et ce qu'il propose."
        ),
        join_text=(
            "<p>Votre structure agit pour la santé des habitants du territoire ? Demandez un "
            "accès : vous tiendrez à jour votre fiche et vos actions, relues par la "
            "coordination avant publication.</p>"
        ),
    )
    taxonomy = Taxonomy()
    existing = set(directory.get_children().values_list("slug", flat=True))
    today = timezone.localdate()
    with indexed_once([StructurePage, ActionPage]) as new_pages:
        for number, data in enumerate(STRUCTURES):
            if data["slug"] in existing:
                structure = StructurePage.objects.child_of(directory).get(slug=data["slug"])
            else:
                structure = create_structure(demo, directory, data, number, taxonomy, today)
                new_pages.append(structure.pk)
            for item in data["actions"]:
                before = len(demo.created)
                action_page = create_action(demo, structure, item, taxonomy)
                if len(demo.created) > before:
                    new_pages.append(action_page.pk)
    bind_partners(directory)
    # The wall comes after the partners are bound: each card names its author's structure.
    from . import wall

    wall.load(demo)


def load_links(demo):
    """What points at other apps' demo content, once every app has loaded (see load_demo)."""
    from . import relay

    relay.load(demo)


@contextmanager
def indexed_once(models):
    """Update the search and reference indexes once per new page, after it is published.

    Creating a page as editors do saves it three times (add_child, save_revision, publish), and
    each save would update both indexes. Like Wagtail's own bulk tools, this pauses them for
    `models` (see disable_reference_index_auto_update), then indexes the pages whose ids were
    collected, as they stand in the database.
    """
    new_pages = []
    for model in models:
        post_save.disconnect(search_index_on_save, sender=model)
    try:
        with disable_reference_index_auto_update():
            yield new_pages
    finally:
        for model in models:
            post_save.connect(search_index_on_save, sender=model)
    for page in Page.objects.filter(pk__in=new_pages).specific():
        insert_or_update_object(page)
        ReferenceIndex.create_or_update_for_object(page)


class Taxonomy:
    """Themes, publics, communes and communautés read once, by slug, INSEE code or name."""

    def __init__(self):
        self.themes = {theme.slug: theme for theme in Theme.objects.all()}
        self.publics = {public.slug: public for public in Public.objects.all()}
        self.communes = {commune.insee_code: commune for commune in Commune.objects.all()}
        by_name = {community.name: community for community in Community.objects.all()}
        self.communities = {
            community.short_name: by_name[community.name]
            for community in COMMUNITIES
            if community.name in by_name
        }

    def pick(self, index, slugs):
        return [index[slug] for slug in slugs if slug in index]


def create_structure(demo, directory, data, number, taxonomy, today):
    commune = taxonomy.communes[data["commune"]]
    latitude, longitude = nearby(data["slug"], data["commune"])
    area = data["area"]
    logo = demo.image(
        f"Logo : {data['title']}",
        lambda: logos.logo(data["title"], data["typology"], number),
        f"logo-{data['slug']}.png",
    )
    structure = demo.page(
        directory,
        StructurePage,
        data["slug"],
        title=data["title"],
        short_description=data["summary"],
        missions=data.get("missions", ""),
        typology=data["typology"],
        logo=logo,
        themes=taxonomy.pick(taxonomy.themes, data["themes"]),
        publics=taxonomy.pick(taxonomy.publics, data["publics"]),
        whole_territory=area == "territoire",
        area_communities=[] if area == "territoire" else taxonomy.pick(taxonomy.communities, area),
        area_communes=[] if area == "territoire" else taxonomy.pick(taxonomy.communes, area),
        street_address=data["address"],
        postal_code=commune.postal_code,
        commune=commune,
        latitude=latitude,
        longitude=longitude,
        contacts=[
            StructureContact(
                role=role, name=name, phone=phone, email=email, website=website, visibility=who
            )
            for role, name, phone, email, website, who in data["contacts"]
        ],
        appointment_only=data.get("appointment_only", False),
        hours_note=data.get("hours_note", ""),
        opening_hours=opening_hours(data["hours"]),
        closures=[closure(today, *item) for item in data.get("closures", [])],
        step_free_access=data.get("step_free", ""),
        languages=data.get("languages", "français"),
        access_conditions=data.get("access", ""),
        fees=data["fees"],
        fees_detail=data.get("fees_detail", ""),
        last_verified=today - datetime.timedelta(days=STALE.get(data["slug"], number * 7)),
    )
    if data["slug"] in STALE:
        # Whatever publishing sets, this one is meant to look forgotten.
        days = STALE[data["slug"]]
        StructurePage.objects.filter(pk=structure.pk).update(
            last_verified=today - datetime.timedelta(days=days)
        )
    return structure


def create_action(demo, structure, item, taxonomy):
    modes = {
        "on_site": item.get("on_site", True),
        "remote": item.get("remote", False),
        "itinerant": item.get("itinerant", False),
    }
    return demo.page(
        structure,
        ActionPage,
        slugify(item["title"])[:80],
        title=item["title"],
        summary=item["summary"],
        themes=taxonomy.pick(taxonomy.themes, item["themes"]),
        publics=taxonomy.pick(taxonomy.publics, item["publics"]),
        access_conditions=item.get("access", ""),
        fees=item.get("fees", "gratuit"),
        booking_url=item.get("booking", ""),
        **modes,
    )


def bind_partners(directory):
    """partenaire1 and partenaire2 each become a member of their own structure."""
    users = get_user_model().objects.in_bulk(list(PARTNER_STRUCTURES), field_name="username")
    for username, slug in PARTNER_STRUCTURES.items():
        structure = StructurePage.objects.child_of(directory).filter(slug=slug).first()
        if structure is not None and username in users:
            add_member(open_partner_space(structure), users[username])


# Helpers -------------------------------------------------------------------------------------


def nearby(slug, insee_code):
    """A point a few hundred metres from the commune's centre, the same at every load."""
    centre = next(
        commune
        for community in COMMUNITIES
        for commune in community.communes
        if commune.insee_code == insee_code
    )
    seed = zlib.crc32(slug.encode())
    offset_lat = Decimal((seed % 81) - 40) / 10000
    offset_lon = Decimal((seed // 81 % 81) - 40) / 10000
    return (
        (Decimal(str(centre.latitude)) + offset_lat).quantize(Decimal("0.000001")),
        (Decimal(str(centre.longitude)) + offset_lon).quantize(Decimal("0.000001")),
    )


def opening_hours(spec):
    """OpeningHours slots from "Mo-Fr 09:00-12:00 14:00-17:00; Sa 09:00-12:00*"."""
    slots = []
    for rule in filter(None, (part.strip() for part in spec.split(";"))):
        days, *times = rule.split()
        for weekday in expand_days(days):
            for time in times:
                by_appointment = time.endswith("*")
                opens, closes = time.rstrip("*").split("-")
                slots.append(
                    OpeningHours(
                        weekday=weekday,
                        opens=datetime.time.fromisoformat(opens),
                        closes=datetime.time.fromisoformat(closes),
                        by_appointment=by_appointment,
                    )
                )
    return slots


def expand_days(days):
    result = []
    for part in days.split(","):
        first, _, last = part.partition("-")
        result.extend(range(DAYS[first], DAYS[last or first] + 1))
    return result


def closure(today, reason, month, day, length):
    """A closure of `length` days starting on the next `day`/`month` (this year or next)."""
    start = datetime.date(today.year, month, day)
    if start + datetime.timedelta(days=length) < today:
        start = start.replace(year=today.year + 1)
    return Closure(
        start_date=start, end_date=start + datetime.timedelta(days=length - 1), reason=reason
    )
