"""The demo's audience counter and attendance: daily page views since January 2025, and the
number of participants at some past event dates.

Page views are drawn from a fixed pseudo-random sequence (the same at every load): habitants
outnumber professionals in every section, professionals read on weekdays, habitants more at
weekends, August and the last week of December are quieter, and the audience grows slowly.
"""

import datetime
import zlib

from django.contrib.auth import get_user_model
from django.utils import timezone

from evaluation.models import Attendance, Audience, PageViewCount
from events.models import Occurrence, OccurrenceStatus

FIRST_DAY = datetime.date(2025, 1, 1)
# Section: (habitants, professionals) views on an ordinary weekday of January 2025.
SECTIONS = {
    "accueil": (12.0, 4.0),
    "annuaire": (10.0, 5.5),
    "agenda": (8.0, 2.0),
    "campagnes": (2.0, 1.2),
    "actualites": (3.0, 1.0),
    "appels-a-projets": (1.4, 0.9),
    "evaluation": (1.2, 0.8),
    "recherche": (4.0, 1.5),
    "reseau": (1.5, 1.0),
    "autres": (2.0, 0.5),
}
ATTENDANCE_DATES = 30


def noise(*parts):
    """A factor between 0.75 and 1.25, fixed for these parts."""
    return 0.75 + zlib.crc32("|".join(map(str, parts)).encode()) % 51 / 100


def day_views(day, section):
    """(habitants, professionals) views of `section` on `day`."""
    habitants, professionals = SECTIONS[section]
    growth = 1 + 0.4 * (day - FIRST_DAY).days / 730
    season = 0.65 if day.month == 8 or (day.month == 12 and day.day >= 24) else 1.0
    weekend = day.weekday() >= 5
    habitants *= growth * season * (1.25 if weekend else 1.0) * noise(day, section, "public")
    professionals *= growth * season * (0.15 if weekend else 1.0) * noise(day, section, "pro")
    habitants, professionals = round(habitants), round(professionals)
    return habitants, min(professionals, habitants)


def load_page_views(demo):
    last_day = timezone.localdate() - datetime.timedelta(days=1)
    if last_day < FIRST_DAY:
        return
    existing = set(
        PageViewCount.objects.filter(day__gte=FIRST_DAY, day__lte=last_day).values_list(
            "day", "section", "audience"
        )
    )
    rows = []
    day = FIRST_DAY
    while day <= last_day:
        for section in SECTIONS:
            habitants, professionals = day_views(day, section)
            for audience, views in (
                (Audience.HABITANT, habitants),
                (Audience.PROFESSIONAL, professionals),
            ):
                if views and (day, section, audience) not in existing:
                    rows.append(
                        PageViewCount(day=day, section=section, audience=audience, views=views)
                    )
        day += datetime.timedelta(days=1)
    if rows:
        PageViewCount.objects.bulk_create(rows, batch_size=2000)
        demo.note("pages vues", f"{len(rows)} compteurs journaliers")


def load_attendance(demo):
    """Participants for some past dates of the demo events, as their organisers enter them."""
    past = list(
        Occurrence.objects.filter(start__lt=timezone.now(), status=OccurrenceStatus.SCHEDULED)
        .select_related("event")
        .order_by("-start")[: ATTENDANCE_DATES * 2 : 2]
    )
    if not past:
        return
    existing = set(
        Attendance.objects.filter(event__in={o.event_id for o in past}).values_list(
            "event_id", "occurrence_start"
        )
    )
    coordination = get_user_model().objects.filter(username="coordination").first()
    rows = []
    for occurrence in past:
        if (occurrence.event_id, occurrence.start) in existing:
            continue
        seed = zlib.crc32(f"{occurrence.event.slug}|{occurrence.start:%Y%m%d}".encode())
        participants = 4 + seed % 23
        if occurrence.event.capacity:
            participants = min(participants, occurrence.event.capacity)
        rows.append(
            Attendance(
                event=occurrence.event,
                occurrence_start=occurrence.start,
                participants=participants,
                comment="Feuille de présence" if seed % 3 else "",
                entered_by=coordination,
            )
        )
    if rows:
        Attendance.objects.bulk_create(rows)
        demo.note("participations", f"{len(rows)} séances renseignées")
