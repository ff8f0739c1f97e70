"""The directory of actors and actions with 1,000 structures: queries and server-side time.

On top of the demo territory, 1,000 live structures (two themes, two publics, a commune, an
intervention area, weekday opening hours, a closure, a contact and two actions each) are added
under the directory, then rolled back. Each URL goes through Django's full stack (middleware,
Wagtail routing, the route of the directory page, templates): one warm-up, then REPEAT timed
requests.
"""

import datetime
import io
import statistics
import time

from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils.text import slugify

from home.models import Commune, Community, HomePage, Public, Theme
from partners.models import (
    ActionPage,
    Closure,
    OpeningHours,
    StructureContact,
    StructureIndexPage,
    StructurePage,
    Typology,
)

STRUCTURES = 1000
REPEAT = 30


class Rollback(Exception):
    pass


def directory_page():
    directory = StructureIndexPage.objects.first()
    if directory is None:
        home = HomePage.objects.get()
        directory = home.add_child(
            instance=StructureIndexPage(title="Annuaire des acteurs", slug="structures")
        )
    return directory


def taxonomy():
    themes, publics = list(Theme.objects.all()), list(Public.objects.all())
    communes = list(Commune.objects.select_related("community"))
    if not communes:
        community = Community.objects.create(name="Communauté de mesure", slug="mesure")
        communes = [
            Commune.objects.create(
                name=f"Commune {n}",
                slug=f"commune-mesure-{n}",
                insee_code=f"{58900 + n}",
                postal_code="58000",
                community=community,
            )
            for n in range(20)
        ]
    return themes, publics, communes


def add_structures(directory, count):
    themes, publics, communes = taxonomy()
    typologies = [choice for choice, _label in Typology.choices]
    slots, closures, contacts = [], [], []
    for number in range(count):
        commune = communes[number % len(communes)]
        structure = directory.add_child(
            instance=StructurePage(
                title=f"Structure de mesure {number:04d}",
                slug=f"mesure-{number:04d}",
                short_description="Une structure ajoutée pour la mesure de l'annuaire.",
                typology=typologies[number % len(typologies)],
                commune=commune,
                latitude=f"{46.9 + (number % 50) / 100:.6f}",
                longitude=f"{3.1 + (number // 50) / 50:.6f}",
                whole_territory=number % 10 == 0,
                themes=[themes[number % len(themes)], themes[(number + 3) % len(themes)]],
                publics=[publics[number % len(publics)], publics[(number + 5) % len(publics)]],
                area_communities=[commune.community] if commune.community else [],
                live=True,
            )
        )
        for weekday in range(5):
            slots.append(
                OpeningHours(
                    structure=structure,
                    weekday=weekday,
                    opens=datetime.time(9),
                    closes=datetime.time(12 + number % 6),
                )
            )
        closures.append(
            Closure(
                structure=structure,
                start_date=datetime.date(2030, 8, 1),
                end_date=datetime.date(2030, 8, 15),
                reason="Congés",
            )
        )
        contacts.append(
            StructureContact(structure=structure, role="Accueil", phone="01 99 00 00 00")
        )
        for action in ("Atelier nutrition", "Permanence d'accueil"):
            structure.add_child(
                instance=ActionPage(
                    title=f"{action} {number:04d}",
                    slug=slugify(action),
                    summary="Une action ajoutée pour la mesure.",
                    themes=[themes[number % len(themes)]],
                    publics=[publics[number % len(publics)]],
                    live=True,
                )
            )
    OpeningHours.objects.bulk_create(slots)
    Closure.objects.bulk_create(closures)
    StructureContact.objects.bulk_create(contacts)
    return themes[0], communes[0]


def measure(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    query_count = len(queries.captured_queries)
    assert response.status_code == 200, (url, response.status_code)
    timings = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
    return query_count, statistics.median(timings), len(response.content)


def run():
    call_command("load_demo", allow_production=True, stdout=io.StringIO())
    client = Client()
    try:
        with transaction.atomic():
            directory = directory_page()
            start = time.perf_counter()
            theme, commune = add_structures(directory, STRUCTURES)
            built = time.perf_counter() - start
            base = directory.url
            filters = f"theme={theme.slug}&lieu={commune.slug}"
            urls = {
                "directory": base,
                "filtered directory": f"{base}?{filters}",
                "open now": f"{base}?ouvert=1&typologie=MSP",
                "text search": f"{base}?q=nutrition",
                "actions only": f"{base}?afficher=actions&theme={theme.slug}",
                "map page": f"{base}carte/",
                "map data": f"{base}carte/donnees/",
                "filtered map data": f"{base}carte/donnees/?{filters}",
            }
            total = StructurePage.objects.live().count()
            print(
                f"\nDirectory with {total} live structures ({connection.vendor}, production "
                f"settings; {STRUCTURES} added in {built:.0f} s), median of {REPEAT} requests"
            )
            print(f"{'':<20} {'queries':>8} {'median ms':>10} {'kB':>8}  url")
            for name, url in urls.items():
                queries, median, size = measure(client, url)
                print(f"{name:<20} {queries:>8} {median:>10.1f} {size / 1024:>8.0f}  {url}")
            raise Rollback
    except Rollback:
        pass
