"""Template tags of structure and action pages: hours, contacts, maps and schema.org data."""

import datetime
import json

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.templatetags.static import static
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from home.models import outside_private_sections

from ..models import ActionPage, OpeningHours, StructurePage, Typology

register = template.Library()

# As django.utils.html.json_script: nothing in the data can close the <script> element.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}

# The most precise schema.org type for each typology; all of them can hold an address, geo
# coordinates and opening hours (LocalBusiness and CivicStructure are Places).
SCHEMA_TYPES = {
    Typology.HOSPITAL: "Hospital",
    Typology.MSP: "MedicalClinic",
    Typology.CENTRE_SANTE: "MedicalClinic",
    Typology.CMP: "MedicalClinic",
    Typology.ADDICTOLOGY: "MedicalClinic",
    Typology.PMI: "MedicalClinic",
    Typology.CCAS: "GovernmentOffice",
    Typology.SOCIAL_SECURITY: "GovernmentOffice",
    Typology.FRANCE_SERVICES: "GovernmentOffice",
    Typology.LOCAL_AUTHORITY: "GovernmentOffice",
    Typology.SPORT_HEALTH: "SportsActivityLocation",
}
DEFAULT_SCHEMA_TYPE = "LocalBusiness"


@register.filter
def fr_time(value):
    """09:00 -> "9 h", 13:30 -> "13 h 30", as French typography writes hours."""
    if not isinstance(value, datetime.time):
        return value
    return f"{value.hour} h" if not value.minute else f"{value.hour} h {value.minute:02d}"


def can_see_professional_contacts(user):
    """Professionals-only contacts are for logged-in users of the admin (partners, staff)."""
    return bool(user and user.is_authenticated and user.has_perm("wagtailadmin.access_admin"))


@register.inclusion_tag("components/structure_contacts.html", takes_context=True)
def structure_contacts(context, structure):
    request = context.get("request")
    contacts = list(structure.contacts.all())
    professional = can_see_professional_contacts(getattr(request, "user", None))
    return {
        "public_contacts": [contact for contact in contacts if contact.is_public],
        "professional_contacts": (
            [contact for contact in contacts if not contact.is_public] if professional else []
        ),
    }


@register.inclusion_tag("components/opening_hours.html")
def opening_hours(structure, moment=None):
    """The week's slots day by day, whether it is open now, and the closures to come."""
    moment = timezone.localtime(moment)
    today = moment.date()
    slots = list(structure.opening_hours.all())
    closures = sorted(structure.closures.all(), key=lambda closure: closure.start_date)
    days = [
        {
            "name": label,
            "is_today": weekday == moment.weekday(),
            "slots": sorted(
                (slot for slot in slots if slot.weekday == weekday), key=lambda slot: slot.opens
            ),
        }
        for weekday, label in OpeningHours.Weekday.choices
    ]
    return {
        "structure": structure,
        "days": days,
        "has_slots": bool(slots),
        "is_open": structure.is_open_at(moment) if slots else None,
        "current_closure": structure.closure_on(today),
        "upcoming_closures": [c for c in closures if c.start_date > today],
    }


@register.simple_tag
def map_attributes():
    """Data attributes that tell static/js/directory-map.js where tiles and icons come from."""
    return format_html(
        'data-tile-url="{}" data-tile-attribution="{}" data-icon-url="{}" '
        'data-icon-retina-url="{}" data-shadow-url="{}"',
        settings.MAP_TILE_URL,
        settings.MAP_TILE_ATTRIBUTION,
        static("vendor/leaflet/images/marker-icon.png"),
        static("vendor/leaflet/images/marker-icon-2x.png"),
        static("vendor/leaflet/images/marker-shadow.png"),
    )


@register.filter
def coordinate(value):
    """A latitude or longitude with a dot, whatever the locale (for URLs and attributes)."""
    return "" if value is None else format(value, "f")


@register.simple_tag(takes_context=True)
def structure_jsonld(context, structure):
    """schema.org data for search engines, in a <script type="application/ld+json">."""
    request = context.get("request")
    return json_ld_script(structure_schema(structure, request))


def json_ld_script(data):
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(text.translate(JSON_SCRIPT_ESCAPES)),  # noqa: S308 (escaped just above)
    )


def structure_schema(structure, request=None):
    """The structure as schema.org sees it: public contacts only."""
    data = {
        "@context": "https://schema.org",
        "@type": SCHEMA_TYPES.get(structure.typology, DEFAULT_SCHEMA_TYPE),
        "name": structure.title,
        "description": structure.short_description,
        "url": structure.get_full_url(request),
    }
    address = {
        "@type": "PostalAddress",
        "streetAddress": ", ".join(
            part for part in (structure.street_address, structure.address_complement) if part
        ),
        "postalCode": structure.postal_code,
        "addressLocality": structure.commune.name if structure.commune else "",
        "addressCountry": "FR",
    }
    if any(value for key, value in address.items() if key not in ("@type", "addressCountry")):
        data["address"] = {key: value for key, value in address.items() if value}
    if structure.has_location:
        data["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(structure.latitude),
            "longitude": float(structure.longitude),
        }
    contacts = structure.public_contacts()
    phone = next((contact.phone for contact in contacts if contact.phone), "")
    email = next((contact.email for contact in contacts if contact.email), "")
    if phone:
        data["telephone"] = phone
    if email:
        data["email"] = email
    if contacts:
        data["contactPoint"] = [
            {
                key: value
                for key, value in {
                    "@type": "ContactPoint",
                    "contactType": contact.role,
                    "telephone": contact.phone,
                    "email": contact.email,
                    "url": contact.website,
                }.items()
                if value
            }
            for contact in contacts
        ]
    hours = sorted(structure.opening_hours.all(), key=lambda slot: (slot.weekday, slot.opens))
    if hours:
        data["openingHoursSpecification"] = [
            {
                "@type": "OpeningHoursSpecification",
                "dayOfWeek": f"https://schema.org/{slot.schema_day}",
                "opens": slot.opens.strftime("%H:%M"),
                "closes": slot.closes.strftime("%H:%M"),
            }
            for slot in hours
        ]
    today = timezone.localdate()
    closures = [closure for closure in structure.closures.all() if closure.end_date >= today]
    if closures:
        # schema.org marks a closed period with opens = closes = 00:00.
        data["specialOpeningHoursSpecification"] = [
            {
                "@type": "OpeningHoursSpecification",
                "validFrom": closure.start_date,
                "validThrough": closure.end_date,
                "opens": "00:00",
                "closes": "00:00",
                "description": closure.reason,
            }
            for closure in closures
        ]
    if structure.whole_territory:
        data["areaServed"] = "Tout le territoire du contrat local de santé"
    else:
        areas = [c.name for c in structure.area_communities.all()]
        areas += [c.name for c in structure.area_communes.all()]
        if areas:
            data["areaServed"] = areas
    return data


@register.simple_tag
def structure_actions(structure):
    """The structure's live, public actions, with what their cards show."""
    return (
        ActionPage.objects.child_of(structure)
        .live()
        .filter(outside_private_sections())
        .prefetch_related("themes", "publics")
        .order_by("title")
    )


@register.simple_tag
def parent_structure(action):
    """The structure an action belongs to (its parent page), or None if not live."""
    return StructurePage.objects.live().filter(path=action.path[: -action.steplen]).first()
