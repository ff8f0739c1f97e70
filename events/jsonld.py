"""schema.org data of an event page: one Event per upcoming date, as search engines read them.

Built from the occurrences the page already shows (no query of its own beyond the page's
relations), rendered with the same escaping as django.utils.html.json_script: nothing in a
title can close the <script> element.
"""

from django.utils import timezone

from partners.templatetags.partners_tags import json_ld_script

from .models import EventStatus, OccurrenceStatus

SCHEMA = "https://schema.org/"
EVENT_STATUS = {
    OccurrenceStatus.SCHEDULED: "EventScheduled",
    OccurrenceStatus.FULL: "EventScheduled",
    OccurrenceStatus.CANCELLED: "EventCancelled",
    OccurrenceStatus.POSTPONED: "EventPostponed",
    OccurrenceStatus.MOVED: "EventRescheduled",
}
PAGE_STATUS = {
    EventStatus.SCHEDULED: "EventScheduled",
    EventStatus.FULL: "EventScheduled",
    EventStatus.CANCELLED: "EventCancelled",
    EventStatus.POSTPONED: "EventPostponed",
}


def iso(moment, all_day=False):
    moment = timezone.localtime(moment)
    return moment.date().isoformat() if all_day else moment.isoformat()


def attendance_mode(event):
    place = bool(event.venue or event.street_address or event.commune_id)
    if place and event.online_url:
        return "MixedEventAttendanceMode"
    if event.online_url:
        return "OnlineEventAttendanceMode"
    return "OfflineEventAttendanceMode"


def location(event):
    places = []
    if event.venue or event.street_address or event.commune_id:
        place = {
            "@type": "Place",
            "name": event.venue or (event.commune.name if event.commune else ""),
        }
        address = {
            "@type": "PostalAddress",
            "streetAddress": event.street_address,
            "postalCode": event.postal_code,
            "addressLocality": event.commune.name if event.commune else "",
            "addressCountry": "FR",
        }
        if event.street_address or event.postal_code or event.commune_id:
            place["address"] = {key: value for key, value in address.items() if value}
        if event.has_location:
            place["geo"] = {
                "@type": "GeoCoordinates",
                "latitude": float(event.latitude),
                "longitude": float(event.longitude),
            }
        places.append(place)
    if event.online_url:
        places.append({"@type": "VirtualLocation", "url": event.online_url})
    return places[0] if len(places) == 1 else places


def organisation(structure, request):
    return {
        "@type": "Organization",
        "name": structure.title,
        "url": structure.get_full_url(request),
    }


def event_schema(event, occurrences, request=None, image_url="", organisers=None):
    """A list of schema.org Events: one per date in `occurrences`, or the event's own date."""
    url = event.get_full_url(request)
    common = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "description": event.summary,
        "url": url,
        "eventAttendanceMode": SCHEMA + attendance_mode(event),
        "location": location(event),
        "isAccessibleForFree": event.is_free,
        "inLanguage": "fr",
    }
    if image_url:
        common["image"] = [image_url]
    if organisers is None:
        organisers = [event.organiser] if event.organiser_id and event.organiser.live else []
        organisers += [structure for structure in event.co_organisers.all() if structure.live]
    if organisers:
        common["organizer"] = [organisation(structure, request) for structure in organisers]
    if event.age_min is not None or event.age_max is not None:
        audience = {"@type": "PeopleAudience"}
        if event.age_min is not None:
            audience["suggestedMinAge"] = event.age_min
        if event.age_max is not None:
            audience["suggestedMaxAge"] = event.age_max
        common["audience"] = audience
    offer = {"@type": "Offer", "url": event.registration_url or url, "priceCurrency": "EUR"}
    if event.is_free:
        offer["price"] = 0
    elif event.price_detail:
        offer["description"] = event.price_detail
    keywords = [theme.name for theme in event.themes.all()]
    if event.national_campaign_id and event.national_campaign:
        keywords.append(event.national_campaign.name)
    if keywords:
        common["keywords"] = ", ".join(keywords)
    items = []
    dates = list(occurrences) or [None]
    for occurrence in dates:
        item = dict(common)
        if occurrence is None:
            item["startDate"] = iso(event.start, event.all_day)
            item["endDate"] = iso(event.end, event.all_day)
            item["eventStatus"] = SCHEMA + PAGE_STATUS.get(event.status, "EventScheduled")
            full = event.status == EventStatus.FULL
        else:
            item["startDate"] = iso(occurrence.start, occurrence.all_day)
            item["endDate"] = iso(occurrence.end, occurrence.all_day)
            item["eventStatus"] = SCHEMA + EVENT_STATUS.get(occurrence.status, "EventScheduled")
            if occurrence.original_start:
                item["previousStartDate"] = iso(occurrence.original_start, occurrence.all_day)
            full = occurrence.status == OccurrenceStatus.FULL
        item["offers"] = dict(offer, availability=SCHEMA + ("SoldOut" if full else "InStock"))
        items.append(item)
    return items


def event_jsonld(event, occurrences, request=None, image_url="", organisers=None):
    """The <script type="application/ld+json"> element of an event page."""
    return json_ld_script(event_schema(event, occurrences, request, image_url, organisers))
