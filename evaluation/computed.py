"""Indicators the site computes from itself, per year (structures, events, downloads, audience…).

Interface used by the report and the entry screens:
- METRICS: {key: Metric}, in display order;
- figures_by_year(years) -> {year: {key: number}}, in a constant number of queries;
- audience_by_section(year) -> [(section label, professionals, habitants)];
- audience_by_month(year) -> 12 rows (month label, professionals, habitants).

What each metric counts, for a calendar year in Europe/Paris time (31 December at 23:30 in
Paris is still that year, although it is already the next one in UTC):
- structures_published: structure pages live and public today, first published on or before
  the year's end (the size of the directory at the end of the year, as it stands now);
- structures_updated: distinct structure pages published ("wagtail.publish" log entry) in the
  year, the first publication included;
- events_held, occurrences_held: occurrences of live events starting in the year and already
  started (never future dates), neither cancelled nor postponed; events_held counts the events
  once each;
- participants: the sum of the attendance counts organisers entered for occurrences of the year;
- kit_downloads: campaign kit downloads of the year's months (files, variants and whole zips);
- relay_requests: relay requests received in the year and handled (relayed or declined), as
  partners.models.RelayRequestQuerySet.counts_for_year counts them;
- wall_posts: wall cards first published in the year, except those moderation took down;
- searches: searches made on the site's search page (Wagtail's daily query hits);
- views_professionals, views_habitants: page views counted by evaluation/audience.py, logged-in
  members of the network and everybody else.
"""

import datetime
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count, Q, Sum
from django.db.models.functions import ExtractMonth, ExtractYear
from django.utils import timezone
from wagtail.contrib.search_promotions.models import QueryDailyHits
from wagtail.models import PageLogEntry

from events.models import KitDownload, Occurrence, OccurrenceStatus
from partners.models import RelayRequest, RelayStatus, StructurePage, WallCard, WallCardStatus

from .audience import OTHER_SECTION, SECTIONS
from .models import Attendance, Audience, PageViewCount


@dataclass(frozen=True)
class Metric:
    key: str
    label: str
    description: str


def _metrics(*rows):
    return {key: Metric(key, label, description) for key, label, description in rows}


# Keys are stable (Indicator.computed_metric stores them); labels are what the report shows.
METRICS = _metrics(
    (
        "structures_published",
        "Structures publiées",
        "Fiches de l'annuaire en ligne à la fin de l'année",
    ),
    (
        "structures_updated",
        "Structures mises à jour",
        "Fiches publiées ou mises à jour dans l'année",
    ),
    ("events_held", "Événements tenus", "Événements ayant eu au moins une date dans l'année"),
    ("occurrences_held", "Séances tenues", "Dates tenues, hors annulées et reportées"),
    ("participants", "Participants", "Participants comptés par les organisateurs"),
    ("kit_downloads", "Téléchargements des kits", "Éléments de kits de campagne téléchargés"),
    ("relay_requests", "Relais d'information traités", "Demandes de relais traitées"),
    ("wall_posts", "Publications sur le mur", "Cartes publiées sur le mur du réseau"),
    ("searches", "Recherches", "Recherches faites sur le site"),
    (
        "views_professionals",
        "Consultations par les professionnels",
        "Pages vues par les membres du réseau connectés",
    ),
    ("views_habitants", "Consultations par les habitants", "Pages vues par les autres visiteurs"),
)


def _start_of(year):
    """1 January of `year`, midnight in the site's time zone (aware)."""
    return timezone.make_aware(datetime.datetime(year, 1, 1))


def _grouped(queryset, field, value, years, **filters):
    """{year: value} of `queryset` rows grouped by the year of `field` (one query)."""
    rows = (
        queryset.filter(**filters)
        .annotate(year=ExtractYear(field))
        .values("year")
        .annotate(total=value)
        .order_by()
    )
    return {row["year"]: row["total"] or 0 for row in rows if row["year"] in years}


def _datetime_range(field, years):
    return {f"{field}__gte": _start_of(min(years)), f"{field}__lt": _start_of(max(years) + 1)}


def _date_range(field, years):
    return {
        f"{field}__gte": datetime.date(min(years), 1, 1),
        f"{field}__lt": datetime.date(max(years) + 1, 1, 1),
    }


def _structures_published(years):
    counts = (
        StructurePage.objects.live()
        .public()
        .aggregate(
            **{
                f"y{year}": Count("pk", filter=Q(first_published_at__lt=_start_of(year + 1)))
                for year in years
            }
        )
    )
    return {year: counts[f"y{year}"] or 0 for year in years}


def _structures_updated(years):
    return _grouped(
        PageLogEntry.objects.all(),
        "timestamp",
        Count("page", distinct=True),
        years,
        action="wagtail.publish",
        page__in=StructurePage.objects.values("pk"),
        **_datetime_range("timestamp", years),
    )


def _occurrences_held(years):
    rows = (
        Occurrence.objects.filter(
            event__live=True, start__lte=timezone.now(), **_datetime_range("start", years)
        )
        .exclude(status__in=[OccurrenceStatus.CANCELLED, OccurrenceStatus.POSTPONED])
        .annotate(year=ExtractYear("start"))
        .values("year")
        .annotate(occurrences=Count("pk"), events=Count("event", distinct=True))
        .order_by()
    )
    events, occurrences = {}, {}
    for row in rows:
        events[row["year"]] = row["events"]
        occurrences[row["year"]] = row["occurrences"]
    return events, occurrences


def _participants(years):
    return _grouped(
        Attendance.objects.all(),
        "occurrence_start",
        Sum("participants"),
        years,
        **_datetime_range("occurrence_start", years),
    )


def _kit_downloads(years):
    return _grouped(
        KitDownload.objects.all(), "month", Sum("count"), years, **_date_range("month", years)
    )


def _relay_requests(years):
    return _grouped(
        RelayRequest.objects.all(),
        "created_at",
        Count("pk"),
        years,
        status__in=[RelayStatus.RELAYED, RelayStatus.DECLINED],
        **_datetime_range("created_at", years),
    )


def _wall_posts(years):
    return _grouped(
        WallCard.objects.exclude(status=WallCardStatus.REJECTED),
        "published_at",
        Count("pk"),
        years,
        **_datetime_range("published_at", years),
    )


def _searches(years):
    return _grouped(
        QueryDailyHits.objects.all(), "date", Sum("hits"), years, **_date_range("date", years)
    )


def _views(years):
    rows = (
        PageViewCount.objects.filter(**_date_range("day", years))
        .annotate(year=ExtractYear("day"))
        .values("year", "audience")
        .annotate(total=Sum("views"))
        .order_by()
    )
    professionals, habitants = {}, {}
    for row in rows:
        target = professionals if row["audience"] == Audience.PROFESSIONAL else habitants
        target[row["year"]] = target.get(row["year"], 0) + (row["total"] or 0)
    return professionals, habitants


def figures_by_year(years):
    """{year: {metric key: number}} for every key of METRICS (see the module's docstring).

    One query per metric (two metrics share one), whatever the number of years.
    """
    years = sorted({int(year) for year in years})
    if not years:
        return {}
    events, occurrences = _occurrences_held(years)
    professionals, habitants = _views(years)
    by_metric = {
        "structures_published": _structures_published(years),
        "structures_updated": _structures_updated(years),
        "events_held": events,
        "occurrences_held": occurrences,
        "participants": _participants(years),
        "kit_downloads": _kit_downloads(years),
        "relay_requests": _relay_requests(years),
        "wall_posts": _wall_posts(years),
        "searches": _searches(years),
        "views_professionals": professionals,
        "views_habitants": habitants,
    }
    return {year: {key: by_metric[key].get(year, 0) for key in METRICS} for year in years}


# The public report reads these figures through the cache: they are statistics, not content,
# and a few minutes' delay is harmless (the counter itself writes once a minute); a past year
# changes only with a late entry (participants). The admin screens read them fresh.
CURRENT_YEAR_SECONDS = 10 * 60
PAST_YEAR_SECONDS = 6 * 60 * 60


def _cache_seconds(year):
    return CURRENT_YEAR_SECONDS if year >= timezone.localdate().year else PAST_YEAR_SECONDS


def cached_figures_by_year(years):
    """figures_by_year(years), each year kept in the cache; the missing years in one go."""
    keys = {year: f"evaluation:site-figures:{year}" for year in sorted({int(y) for y in years})}
    found = cache.get_many(list(keys.values()))
    figures = {year: found[key] for year, key in keys.items() if key in found}
    missing = [year for year in keys if year not in figures]
    if missing:
        fresh = figures_by_year(missing)
        for year, values in fresh.items():
            cache.set(keys[year], values, _cache_seconds(year))
        figures.update(fresh)
    return figures


def cached_audience_by_section(year):
    key = f"evaluation:audience-by-section:{year}"
    rows = cache.get(key)
    if rows is None:
        rows = audience_by_section(year)
        cache.set(key, rows, _cache_seconds(year))
    return rows


def audience_by_section(year):
    """[(section label, professionals, habitants)] of `year`, sections in the site's order."""

    totals = {key: [0, 0] for key in SECTIONS}
    rows = (
        PageViewCount.objects.filter(day__year=year)
        .values("section", "audience")
        .annotate(total=Sum("views"))
        .order_by()
    )
    for row in rows:
        section = row["section"] if row["section"] in totals else OTHER_SECTION
        index = 0 if row["audience"] == Audience.PROFESSIONAL else 1
        totals[section][index] += row["total"] or 0
    return [(SECTIONS[key], pro, public) for key, (pro, public) in totals.items()]


MONTHS = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]


def audience_by_month(year):
    """12 rows (month label, professionals, habitants) of `year`, January first."""
    totals = [[0, 0] for _month in MONTHS]
    rows = (
        PageViewCount.objects.filter(day__year=year)
        .annotate(month=ExtractMonth("day"))
        .values("month", "audience")
        .annotate(total=Sum("views"))
        .order_by()
    )
    for row in rows:
        index = 0 if row["audience"] == Audience.PROFESSIONAL else 1
        totals[row["month"] - 1][index] += row["total"] or 0
    return [(label, pro, public) for label, (pro, public) in zip(MONTHS, totals, strict=True)]
