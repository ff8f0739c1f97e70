"""The agenda's filters: one GET form, read leniently, applied to the occurrence table.

The agenda's list, month view, archive and feeds read the same form, so a filtered address can
be shared, subscribed to, or opened as a month. Whatever the query string holds, the agenda
answers: a value the form does not understand (a theme since removed, a date like 2026-13-45,
a year 20266) is ignored, a range given backwards is put right, an over-long range is cut, and
each of these is told to the visitor in French (`form.messages`).

API used by the views and the feeds::

    form = AgendaFilterForm(request.GET)
    form.filter(occurrences)   # the queryset narrowed by every valid filter
    form.querystring()         # those valid filters, url-encoded, for links and feeds
    form.messages              # French sentences about what was ignored or corrected
"""

import datetime
from dataclasses import dataclass
from urllib.parse import urlencode

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import CharField, Exists, F, OuterRef, Q, Subquery
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.functional import cached_property
from wagtail.models import PageViewRestriction

from partners.filters import COMMUNITY_PREFIX, Term, filter_terms, place_choices, sort_key
from partners.models import StructurePage

from .models import (
    FIRST_YEAR,
    LAST_YEAR,
    MAX_DURATION,
    EventPage,
    Occurrence,
    OccurrenceStatus,
)
from .occurrences import local_midnight

# Dates typed by hand (jj/mm/aaaa) or sent by a date picker (aaaa-mm-jj).
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"]
# The longest range a visitor may ask for, enough for any archive or feed.
MAX_RANGE_YEARS = 2
MAX_RANGE_LABEL = "deux ans"
# How much of a bad value a message quotes back.
QUOTE_LENGTH = 40


def years_later(date, years):
    """The same day `years` later (28 February for a 29 February that does not come back)."""
    try:
        return date.replace(year=date.year + years)
    except ValueError:
        return date.replace(year=date.year + years, day=28)


def quote(value):
    value = " ".join(str(value).split())
    return value if len(value) <= QUOTE_LENGTH else value[: QUOTE_LENGTH - 1] + "…"


def fr_short_date(date):
    return date.strftime("%d/%m/%Y")


class LenientDateField(forms.DateField):
    """A date between FIRST_YEAR and LAST_YEAR, from a date picker or typed by hand."""

    widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", DATE_INPUT_FORMATS)
        super().__init__(**kwargs)

    def to_python(self, value):
        try:
            date = super().to_python(value)
        except (ValidationError, OverflowError, ValueError) as error:
            raise ValidationError("unreadable", code="invalid") from error
        if date is not None and not FIRST_YEAR <= date.year <= LAST_YEAR:
            raise ValidationError("out of range", code="out_of_range")
        return date


class AgendaFilterForm(forms.Form):
    """Every filter of the agenda; all optional, all combinable."""

    theme = forms.ChoiceField(label="Thématique", required=False)
    public = forms.ChoiceField(label="Public", required=False)
    commune = forms.ChoiceField(label="Commune ou communauté de communes", required=False)
    organisateur = forms.ChoiceField(label="Structure organisatrice", required=False)
    du = LenientDateField(label="Du", required=False)
    au = LenientDateField(label="Au", required=False)
    semaine = forms.BooleanField(label="Cette semaine", required=False)
    gratuit = forms.BooleanField(label="Gratuit", required=False)

    # What the visitor is told when a value is not understood, by field and error code.
    IGNORED = {
        "theme": "La thématique « {value} » n'existe pas : ce filtre a été ignoré.",
        "public": "Le public « {value} » n'existe pas : ce filtre a été ignoré.",
        "commune": "Le lieu « {value} » n'existe pas : ce filtre a été ignoré.",
        "organisateur": (
            "La structure « {value} » n'est pas dans l'annuaire : ce filtre a été ignoré."
        ),
        "du": (
            "La date de début « {value} » n'a pas été comprise (attendu : jj/mm/aaaa) : "
            "elle a été ignorée."
        ),
        "au": (
            "La date de fin « {value} » n'a pas été comprise (attendu : jj/mm/aaaa) : "
            "elle a été ignorée."
        ),
        ("du", "out_of_range"): (
            f"La date de début « {{value}} » sort de la période couverte ({FIRST_YEAR}–"
            f"{LAST_YEAR}) : elle a été ignorée."
        ),
        ("au", "out_of_range"): (
            f"La date de fin « {{value}} » sort de la période couverte ({FIRST_YEAR}–"
            f"{LAST_YEAR}) : elle a été ignorée."
        ),
    }

    def __init__(self, data=None, **kwargs):
        super().__init__(data if data is not None else {}, **kwargs)
        # One query for the taxonomies (shared with the directory), one for the structures.
        terms = {kind: {} for kind in ("theme", "public", "community", "commune")}
        for term in filter_terms():
            terms[term.kind][term.slug] = term
        self.themes, self.publics = terms["theme"], terms["public"]
        self.places = {COMMUNITY_PREFIX + slug: term for slug, term in terms["community"].items()}
        self.places.update(terms["commune"])
        self.organisers = {structure.slug: structure for structure in organiser_choices_queryset()}
        self.fields["theme"].choices = [("", "Toutes les thématiques")] + [
            (slug, term.name) for slug, term in self.themes.items()
        ]
        self.fields["public"].choices = [("", "Tous les publics")] + [
            (slug, term.name) for slug, term in self.publics.items()
        ]
        self.fields["commune"].choices = [("", "Tout le territoire")] + place_choices(
            terms["community"].values(), terms["commune"].values()
        )
        self.fields["organisateur"].choices = [("", "Toutes les structures")] + [
            (slug, structure.title)
            for slug, structure in sorted(
                self.organisers.items(), key=lambda item: sort_key(item[1].title)
            )
        ]
        self._corrections = []

    # Reading the query string ---------------------------------------------------------------

    def clean(self):
        data = super().clean()
        start, end = data.get("du"), data.get("au")
        if start and end and end < start:
            data["du"], data["au"] = start, end = end, start
            self._corrections.append(
                "La date de fin précédait la date de début : les deux dates ont été inversées "
                f"(du {fr_short_date(start)} au {fr_short_date(end)})."
            )
        if start and end and end > years_later(start, MAX_RANGE_YEARS):
            data["au"] = end = years_later(start, MAX_RANGE_YEARS)
            self._corrections.append(
                f"La période demandée dépassait {MAX_RANGE_LABEL} : elle a été ramenée "
                f"du {fr_short_date(start)} au {fr_short_date(end)}."
            )
        return data

    @cached_property
    def criteria(self):
        """The valid filters, looked up (invalid ones are dropped and told in `messages`)."""
        self.is_valid()
        data = self.cleaned_data
        place = self.places.get(data.get("commune") or "")
        return Criteria(
            theme=self.themes.get(data.get("theme") or ""),
            public=self.publics.get(data.get("public") or ""),
            place_slug=data.get("commune") or "",
            commune=place if place and place.kind == "commune" else None,
            community=place if place and place.kind == "community" else None,
            organiser=self.organisers.get(data.get("organisateur") or ""),
            start=data.get("du"),
            end=data.get("au"),
            this_week=bool(data.get("semaine")),
            free=bool(data.get("gratuit")),
        )

    @property
    def messages(self):
        """French sentences about the values that were ignored or corrected, in field order."""
        self.criteria  # noqa: B018 (cleans the form once)
        errors = self.errors.as_data()
        messages = []
        for name in self.fields:
            codes = [error.code for error in errors.get(name, ())]
            if codes:
                template = self.IGNORED.get((name, codes[0])) or self.IGNORED[name]
                messages.append(template.format(value=quote(self.data.get(name, ""))))
        return messages + self._corrections

    @property
    def is_active(self):
        return self.criteria.is_active

    def querystring(self, **extra):
        """The valid filters as a query string (no leading "?"), plus `extra` parameters."""
        pairs = self.criteria.as_pairs() + [(key, value) for key, value in extra.items() if value]
        return urlencode(pairs)

    # Applying it ------------------------------------------------------------------------------

    def filter(self, occurrences, today=None):
        """`occurrences` narrowed by every valid filter; invalid ones change nothing."""
        return self.criteria.apply(occurrences, today=today)


@dataclass
class Criteria:
    """The agenda's valid filters, whatever the form they came from."""

    theme: Term | None = None
    public: Term | None = None
    place_slug: str = ""
    commune: Term | None = None
    community: Term | None = None
    organiser: StructurePage | None = None
    start: datetime.date | None = None
    end: datetime.date | None = None
    this_week: bool = False
    free: bool = False

    @property
    def is_active(self):
        return bool(self.as_pairs())

    def as_pairs(self):
        pairs = [
            ("theme", self.theme.slug if self.theme else ""),
            ("public", self.public.slug if self.public else ""),
            ("commune", self.place_slug if (self.commune or self.community) else ""),
            ("organisateur", self.organiser.slug if self.organiser else ""),
            ("du", self.start.isoformat() if self.start else ""),
            ("au", self.end.isoformat() if self.end else ""),
            ("semaine", "1" if self.this_week else ""),
            ("gratuit", "1" if self.free else ""),
        ]
        return [(key, value) for key, value in pairs if value]

    def apply(self, occurrences, today=None):
        events = EventPage.objects.all()
        narrowed = False
        if self.theme:
            events, narrowed = events.filter(themes=self.theme.pk), True
        if self.public:
            events, narrowed = events.filter(publics=self.public.pk), True
        if narrowed:
            # A subquery, not a join: an event with two matching terms is listed once.
            occurrences = occurrences.filter(event__in=events.values("pk"))
        if self.commune:
            occurrences = occurrences.filter(event__commune=self.commune.pk)
        elif self.community:
            occurrences = occurrences.filter(event__commune__community=self.community.pk)
        if self.organiser:
            occurrences = occurrences.filter(event__in=organised_by(self.organiser))
        if self.free:
            occurrences = occurrences.filter(event__is_free=True)
        if self.start:
            # Occurrences still running on that day count, as well as those starting then.
            occurrences = overlapping_from(occurrences, local_midnight(self.start))
        if self.end:
            occurrences = occurrences.filter(
                start__lt=local_midnight(self.end + datetime.timedelta(days=1))
            )
        if self.this_week:
            first, after = this_week(today)
            occurrences = overlapping_from(occurrences, first).filter(start__lt=after)
        return occurrences


def overlapping_from(occurrences, moment):
    """Occurrences not ended at `moment`.

    No occurrence lasts longer than MAX_DURATION: the bound on the start lets the database read
    the start index from there, instead of every date since the first.
    """
    return occurrences.filter(end__gt=moment, start__gte=moment - MAX_DURATION)


def this_week(today=None):
    """From today's midnight to next Monday's midnight (local time)."""
    today = today or timezone.localdate()
    monday = today + datetime.timedelta(days=7 - today.weekday())
    return local_midnight(today), local_midnight(monday)


def organised_by(structure):
    """Ids of the events a structure organises, co-organises or publishes under its page."""
    return EventPage.objects.filter(
        Q(organiser=structure.pk)
        | Q(co_organisers=structure.pk)
        | Q(path__startswith=structure.path, depth=structure.depth + 1)
    ).values("pk")


def restricted(path):
    """In SQL: a view restriction covers the page at `path` (itself or an ancestor)."""
    return Exists(
        PageViewRestriction.objects.alias(target=Cast(path, CharField())).filter(
            target__startswith=F("page__path")
        )
    )


def organiser_choices_queryset():
    """Live structures anyone may see, for the organiser filter."""
    return (
        StructurePage.objects.live()
        .exclude(restricted(OuterRef("path")))
        .only("pk", "title", "slug", "path", "depth")
        .order_by("title", "pk")
    )


# Lists outside the agenda ----------------------------------------------------------------------


def next_per_event(occurrences, now=None):
    """The next date of each event among `occurrences` (cancelled dates skipped), by date.

    One query: each event's next date is picked by a correlated subquery on (event, start).
    """
    now = now or timezone.now()
    first = (
        Occurrence.objects.filter(event=OuterRef("event"), end__gte=now)
        .exclude(status=OccurrenceStatus.CANCELLED)
        .order_by("start", "pk")
        .values("pk")[:1]
    )
    return occurrences.filter(
        end__gte=now, start__gte=now - MAX_DURATION, pk=Subquery(first)
    ).order_by("start", "pk")
