"""The directory as open data: a CSV that round-trips through the importer, and data·inclusion JSON.

Only what a visitor may see leaves the site: live structures and actions without view
restrictions, under the directory, with their *public* contacts. Professionals-only contacts and
drafts never do. Every query is made once for the whole directory (prefetching), so the number
of queries does not grow with the number of structures.

data·inclusion (https://github.com/gip-inclusion/data-inclusion-schema) is the French schema of
the social inclusion offer: structures and the services they run. Our vocabularies map onto its
referentials as documented below; a value without a counterpart is left out (or null), never
invented.
"""

import csv
import datetime
import html
import re

from django.conf import settings
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Page

from .models import ActionPage, Fees, StructureContact, StructurePage, Typology

# CSV ----------------------------------------------------------------------------------------

# Columns of the CSV export, which are also the columns `manage.py import_structures` reads.
# Names follow data·inclusion where it has one (nom, presentation_resume, typologie, adresse,
# complement_adresse, code_postal, commune, code_insee, latitude, longitude, telephone,
# courriel, site_web, thematiques, siret, frais, frais_autres, date_maj).
CSV_COLUMNS = [
    "slug",
    "nom",
    "presentation_resume",
    "typologie",
    "adresse",
    "complement_adresse",
    "code_postal",
    "commune",
    "code_insee",
    "latitude",
    "longitude",
    "telephone",
    "courriel",
    "site_web",
    "thematiques",
    "publics",
    "siret",
    "frais",
    "frais_autres",
    "conditions_acces",
    "langues",
    "date_maj",
]
CSV_DELIMITER = ";"  # what spreadsheets expect in France (the importer sniffs ";" and ",")
LIST_SEPARATOR = "|"  # between themes or publics in one cell (the importer also accepts ";")

# Free-text cells starting with these would run as formulas in a spreadsheet: such a cell is
# written with a leading apostrophe, which spreadsheets hide and the importer removes.
FORMULA_PREFIXES = ("=", "+", "-", "@")
TEXT_COLUMNS = {
    "nom",
    "presentation_resume",
    "adresse",
    "complement_adresse",
    "frais_autres",
    "conditions_acces",
    "langues",
}


def protect_cell(value):
    return f"'{value}" if value.startswith(FORMULA_PREFIXES) else value


# data·inclusion referentials -------------------------------------------------------------

# typologies_de_structures: our typology → data·inclusion's code. A CPTS is by law an
# association; a PMI is a service of the département; France services is "RFS".
TYPOLOGY_TO_DATA_INCLUSION = {
    Typology.CCAS: "CCAS",
    Typology.CPTS: "ASSO",
    Typology.MSP: "ETABL_PRI",
    Typology.CENTRE_SANTE: "CMS",
    Typology.HOSPITAL: "ETABL_PUB",
    Typology.CMP: "CMP",
    Typology.ADDICTOLOGY: "CSAPA",
    Typology.PMI: "DEPT",
    Typology.SPORT_HEALTH: "Autre",
    Typology.ASSOCIATION: "ASSO",
    Typology.FOOD_BANK: "ES",
    Typology.MUTUAL: "ESS",
    Typology.SOCIAL_SECURITY: "CPAM",
    Typology.FRANCE_SERVICES: "RFS",
    Typology.LOCAL_AUTHORITY: "MUNI",
    Typology.EDUCATION: "ETABL_PUB",
    Typology.OTHER: "Autre",
}

# thematiques: our default themes (by slug) → data·inclusion's themes. A theme the coordination
# added later, unknown here, is exported as the generic "sante".
THEME_TO_DATA_INCLUSION = {
    "sante-mentale": ["sante--bien-etre-psychologique"],
    "addictions": ["sante--faire-face-a-une-situation-daddiction"],
    "nutrition": [
        "sante--prevention-et-acces-aux-soins",
        "equipement-et-alimentation--alimentation",
    ],
    "activite-physique": ["sante--prevention-et-acces-aux-soins"],
    "parentalite": [
        "famille--soutien-a-la-parentalite",
        "sante--accompagnement-de-la-femme-enceinte-du-bebe-et-du-jeune-enfant",
    ],
    "vieillissement": ["sante--prevention-et-acces-aux-soins"],
    "acces-aux-droits": ["sante--acces-aux-soins", "acces-aux-droits-et-citoyennete"],
    "sante-environnementale": ["sante--prevention-et-acces-aux-soins"],
    "depistage": ["sante--prevention-et-acces-aux-soins"],
    "vie-affective-et-sexuelle": ["sante--vie-relationnelle-et-affective"],
    "aidants": ["famille--soutien-aux-familles"],
    "handicap": ["handicap"],
}
DEFAULT_THEME = "sante"

# profils: our publics (by slug) → data·inclusion's profiles; publics without one are left out.
PUBLIC_TO_DATA_INCLUSION = {
    "0-6-ans": "familles-enfants",
    "7-11-ans": "familles-enfants",
    "12-15-ans": "jeunes",
    "16-25-ans": "jeunes-16-26",
    "adultes": "adultes",
    "personnes-agees": "seniors-65",
    "familles": "familles-enfants",
    "femmes": "femmes",
    "personnes-handicapees": "personnes-handicapees",
    "tout-public": "tous-publics",
}

# frais
FEES_TO_DATA_INCLUSION = {
    Fees.FREE: "gratuit",
    Fees.MEANS_TESTED: "gratuit-sous-conditions",
    Fees.PAID: "payant",
    Fees.COVERED: "gratuit-sous-conditions",
}

# types (typologies_de_services): guessed from the action's title, first match wins.
SERVICE_TYPE_KEYWORDS = [
    ("atelier", "atelier"),
    ("formation", "formation"),
    ("permanence", "accueil"),
    ("accueil", "accueil"),
    ("information", "information"),
    ("consultation", "accompagnement"),
    ("accompagnement", "accompagnement"),
    ("groupe", "atelier"),
    ("distribution", "aide-materielle"),
    ("colis", "aide-materielle"),
]

OSM_DAYS = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"]
OSM_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


# Queries -----------------------------------------------------------------------------------


def public_contacts_prefetch():
    return Prefetch(
        "contacts",
        queryset=StructureContact.objects.filter(
            visibility=StructureContact.Visibility.PUBLIC
        ).order_by("sort_order", "pk"),
        to_attr="exported_contacts",
    )


def exported_structures(directory):
    """Live, public structures of `directory`, with everything the exports read, by title."""
    return (
        StructurePage.objects.child_of(directory)
        .live()
        .public()
        .select_related("commune__community")
        .prefetch_related(
            "themes",
            "publics",
            "area_communes",
            "area_communities",
            "opening_hours",
            "closures",
            public_contacts_prefetch(),
        )
        .order_by("title", "pk")
    )


def exported_actions(directory, structures):
    """Live, public actions of the exported structures, each with `.structure` set."""
    by_path = {structure.path: structure for structure in structures}
    actions = (
        ActionPage.objects.descendant_of(directory)
        .live()
        .public()
        .prefetch_related("themes", "publics")
        .order_by("path")
    )
    result = []
    for action in actions:
        structure = by_path.get(action.path[: -Page.steplen])
        if structure is not None:  # an action of a draft structure stays out
            action.structure = structure
            result.append(action)
    return result


# Field helpers -----------------------------------------------------------------------------


def first_public(structure, field):
    contacts = getattr(structure, "exported_contacts", None)
    if contacts is None:
        contacts = structure.public_contacts()
    return next((getattr(c, field) for c in contacts if getattr(c, field)), "")


def coordinate(value):
    return "" if value is None else f"{value:.6f}"


def last_update(page):
    moment = page.last_published_at or page.latest_revision_created_at
    if moment is not None:
        return timezone.localtime(moment).date()
    return getattr(page, "last_verified", None)


def plain_text(rich_text):
    """Wagtail rich text as plain text: paragraphs and list items on their own lines."""
    text = re.sub(r"</(p|li|h[1-6])>|<br\s*/?>", "\n", rich_text or "")
    text = html.unescape(re.sub(r"<[^>]+>", "", text))
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def opening_hours_osm(structure, today=None):
    """Weekly slots (and coming closures) in OpenStreetMap's opening_hours syntax.

    Days sharing the same slots are grouped ("Mo-Fr 09:00-12:00,14:00-17:00"); slots by
    appointment get the comment "sur rendez-vous"; closures not yet over are "off" dates.
    """
    today = today or timezone.localdate()
    slots = {}
    appointment = {}
    for slot in sorted(structure.opening_hours.all(), key=lambda s: (s.weekday, s.opens)):
        target = appointment if slot.by_appointment else slots
        target.setdefault(slot.weekday, []).append(f"{slot.opens:%H:%M}-{slot.closes:%H:%M}")
    rules = _day_rules(slots) + [f'{rule} "sur rendez-vous"' for rule in _day_rules(appointment)]
    if not rules:
        return None
    text = ", ".join(rules)
    closures = [
        f"{_osm_date(c.start_date)}-{_osm_date(c.end_date)} off"
        for c in sorted(structure.closures.all(), key=lambda c: c.start_date)
        if c.end_date >= today
    ]
    return "; ".join([text, *closures])


def _day_rules(slots_by_day):
    """[(days, "09:00-12:00,14:00-17:00")] with consecutive days of equal slots as a range."""
    rules, run = [], []
    for day in range(7):
        hours = ",".join(slots_by_day.get(day, []))
        if run and hours and hours == run[-1][1] and run[-1][0] == day - 1:
            run.append((day, hours))
            continue
        if run:
            rules.append(_rule(run))
        run = [(day, hours)] if hours else []
    if run:
        rules.append(_rule(run))
    return rules


def _rule(run):
    first, last = OSM_DAYS[run[0][0]], OSM_DAYS[run[-1][0]]
    days = first if len(run) == 1 else f"{first}{',' if len(run) == 2 else '-'}{last}"
    return f"{days} {run[0][1]}"


def _osm_date(date):
    return f"{date.year} {OSM_MONTHS[date.month - 1]} {date.day:02d}"


def data_inclusion_themes(themes):
    codes = set()
    for theme in themes:
        codes.update(THEME_TO_DATA_INCLUSION.get(theme.slug, [DEFAULT_THEME]))
    return sorted(codes)


def data_inclusion_profiles(publics):
    return sorted(
        {PUBLIC_TO_DATA_INCLUSION[p.slug] for p in publics if p.slug in PUBLIC_TO_DATA_INCLUSION}
    )


def service_types(action):
    title = slugify(action.title)
    return next(([kind] for word, kind in SERVICE_TYPE_KEYWORDS if word in title), [])


def diffusion_zone(structure):
    """(zone_diffusion_type, zone_diffusion_code) from the structure's intervention area."""
    communes = list(structure.area_communes.all())
    communities = list(structure.area_communities.all())
    if not structure.whole_territory:
        if len(communes) == 1 and not communities:
            return "commune", communes[0].insee_code
        if len(communities) == 1 and not communes and communities[0].siren:
            return "epci", communities[0].siren
        if not communes and not communities and structure.commune_id:
            return "commune", structure.commune.insee_code
    # Several places, or the whole territory: the département they lie in.
    reference = structure.commune or (communes[0] if communes else None)
    if reference is None:
        return None, None
    code = reference.insee_code
    return "departement", code[:3] if code.startswith("97") else code[:2]


# Serialisers -------------------------------------------------------------------------------


def csv_row(structure):
    commune = structure.commune
    row = {
        "slug": structure.slug,
        "nom": structure.title,
        "presentation_resume": structure.short_description,
        "typologie": structure.typology,
        "adresse": structure.street_address,
        "complement_adresse": structure.address_complement,
        "code_postal": structure.postal_code or (commune.postal_code if commune else ""),
        "commune": commune.name if commune else "",
        "code_insee": commune.insee_code if commune else "",
        "latitude": coordinate(structure.latitude),
        "longitude": coordinate(structure.longitude),
        "telephone": first_public(structure, "phone"),
        "courriel": first_public(structure, "email"),
        "site_web": first_public(structure, "website"),
        "thematiques": LIST_SEPARATOR.join(theme.slug for theme in structure.themes.all()),
        "publics": LIST_SEPARATOR.join(public.slug for public in structure.publics.all()),
        "siret": structure.siret,
        "frais": structure.fees,
        "frais_autres": structure.fees_detail,
        "conditions_acces": structure.access_conditions,
        "langues": structure.languages,
        "date_maj": _iso(last_update(structure)),
    }
    return {
        column: protect_cell(value) if column in TEXT_COLUMNS else value
        for column, value in row.items()
    }


def write_csv(stream, structures):
    """Write the directory to `stream` (a file or an HttpResponse), UTF-8 with BOM."""
    stream.write("\ufeff")
    writer = csv.DictWriter(stream, fieldnames=CSV_COLUMNS, delimiter=CSV_DELIMITER)
    writer.writeheader()
    for structure in structures:
        writer.writerow(csv_row(structure))


def structure_record(structure, url):
    commune = structure.commune
    return {
        "id": structure.slug,
        "siret": structure.siret or None,
        "nom": structure.title,
        "commune": commune.name if commune else None,
        "code_postal": structure.postal_code or (commune.postal_code if commune else None),
        "code_insee": commune.insee_code if commune else None,
        "adresse": structure.street_address or None,
        "complement_adresse": structure.address_complement or None,
        "longitude": _float(structure.longitude),
        "latitude": _float(structure.latitude),
        "typologie": TYPOLOGY_TO_DATA_INCLUSION.get(structure.typology, "Autre"),
        "telephone": first_public(structure, "phone") or None,
        "courriel": first_public(structure, "email") or None,
        "site_web": first_public(structure, "website") or None,
        "presentation_resume": structure.short_description,
        "presentation_detail": plain_text(structure.missions) or None,
        "source": source_name(),
        "date_maj": _iso(last_update(structure)),
        "lien_source": url,
        "horaires_ouverture": opening_hours_osm(structure),
        # data·inclusion expects the address of an acceslibre record, which we do not keep.
        "accessibilite": None,
        "labels_nationaux": [],
        "thematiques": data_inclusion_themes(structure.themes.all()),
    }


def service_record(action, url):
    structure = action.structure
    zone_type, zone_code = diffusion_zone(structure)
    modes = []
    if action.on_site or action.itinerant:
        modes.append("en-presentiel")
    if action.remote:
        modes.append("a-distance")
    return {
        "id": f"{structure.slug}--{action.slug}",
        "structure_id": structure.slug,
        "nom": action.title,
        "presentation_resume": action.summary,
        "presentation_detail": plain_text(action.description) or None,
        "types": service_types(action),
        "thematiques": data_inclusion_themes(action.themes.all()),
        "frais": [FEES_TO_DATA_INCLUSION[action.fees]]
        if action.fees in FEES_TO_DATA_INCLUSION
        else [],
        "frais_autres": action.fees_detail or None,
        "profils": data_inclusion_profiles(action.publics.all()),
        "modes_accueil": modes,
        "zone_diffusion_type": zone_type,
        "zone_diffusion_code": zone_code,
        "contact_public": True,
        "telephone": action.contact_phone or first_public(structure, "phone") or None,
        "courriel": action.contact_email or first_public(structure, "email") or None,
        "lien_source": url,
        "date_maj": _iso(last_update(action)),
    }


def data_inclusion(directory, base_url):
    """{"structures": [...], "services": [...]} for the directory at `base_url` (ends with /)."""
    structures = list(exported_structures(directory))
    actions = exported_actions(directory, structures)
    return {
        "structures": [structure_record(s, f"{base_url}{s.slug}/") for s in structures],
        "services": [service_record(a, f"{base_url}{a.structure.slug}/{a.slug}/") for a in actions],
    }


def source_name():
    return slugify(settings.WAGTAIL_SITE_NAME) or "maillage"


def _float(value):
    return None if value is None else float(value)


def _iso(date):
    if isinstance(date, datetime.datetime):
        date = date.date()
    return date.isoformat() if date else None
