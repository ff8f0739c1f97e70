"""Import a partner's existing calendar (.ics: OpenAgenda, Google Agenda, Outlook…) as drafts.

`manage.py import_ics FILE_OR_URL --structure SLUG` (management/commands/import_ics.py) reads
the file or the http(s) address, then each calendar entry (VEVENT) becomes an event page under
the structure's page, as a draft the coordination moderates.

- Reading: a file, or an http(s) address (webcal:// is read as https://), 5 MB at most, 20
  seconds at most. Anything that does not read as a whole iCalendar (empty, truncated, a web
  page, too large, unreachable) refuses the whole file with a French message: nothing is written.
- Identity: an entry is known by its UID within the structure's subtree. Importing the same
  calendar again updates the pages it created (a new draft revision on top of the latest one;
  a page never published is updated in place) and never duplicates them. An entry whose
  imported fields did not change is left alone ("unchanged"). Another structure's events are
  never looked at.
- What is kept: SUMMARY → title; DESCRIPTION → description (escaped paragraphs; HTML from
  Google is reduced to its text) and its first 280 characters → summary (else a neutral
  sentence); DTSTART/DTEND or DURATION → start/end in Europe/Paris (a floating time is read in
  the calendar's X-WR-TIMEZONE, else Paris; VALUE=DATE → all day, DTEND exclusive, the event
  ends at 23:59 on its last day); LOCATION → place, address, postal code and commune (when the
  commune is one of ours); GEO → coordinates; CATEGORIES → themes and publics of the same name;
  STATUS:CANCELLED → cancelled; RRULE → the recurrence rule (kept at the series' local time
  of day, as the agenda does), EXDATE → excluded dates, RDATE → extra dates (at the series'
  time of day, a note says when the source had another time). Overrides (RECURRENCE-ID)
  that are cancelled become cancelled dates; moved ones become moved dates. Other per-date
  changes made by editors ("full") are kept.
- Links: a video-conference link (CONFERENCE, X-GOOGLE-CONFERENCE, a LOCATION that is an
  address on the web, or a URL on a known visio service) becomes the online link; any other
  URL (the event's page on OpenAgenda…) becomes the registration link, registration staying
  optional.
- No place and no online link: the event is placed in the structure's own commune and the
  report says so, so the coordination checks it while moderating; a structure with no commune
  has such entries skipped.
- Skipped, with the reason in French, entries that cannot become a valid event: no UID, no
  DTSTART, end before start, dates outside 2000–2100, an unreadable or unsupported rule
  (HOURLY and finer, several times a day), a rule producing more than
  settings.AGENDA_MAX_OCCURRENCES dates, or anything the page's own validation refuses.
- All or nothing for the file: the import runs in one transaction, each entry in its own
  savepoint, so a skipped entry does not abort the others. A dry run does the same and rolls
  everything back: its report is exactly what a real import would do.
"""

import datetime
import html
import re
import urllib.error
import urllib.parse
import urllib.request
import zoneinfo
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

import icalendar
import recurrence
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.html import escape, strip_tags
from django.utils.text import slugify
from recurrence import exceptions as recurrence_exceptions
from wagtail.coreutils import find_available_slug
from wagtail.log_actions import log

from home.models import Commune, Public, Theme

from .models import FIRST_YEAR, LAST_YEAR, EventPage, EventStatus, OccurrenceChange
from .occurrences import (
    RecurrenceTooDense,
    at_series_time,
    check_recurrence,
    local_midnight,
)

MAX_BYTES = 5 * 1024 * 1024
TIMEOUT = 20  # seconds
SUMMARY_LENGTH = EventPage._meta.get_field("summary").max_length
TITLE_LENGTH = EventPage._meta.get_field("title").max_length

URL_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")
POSTAL_CODE = re.compile(r"(?<!\d)(\d{5})(?!\d)\s*(.*)")
WEEKDAY = re.compile(r"^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$")
HTML_TAG = re.compile(r"<(br|p|div|a|b|i|strong|em|ul|ol|li|span)\b[^>]*>", re.IGNORECASE)

# Hosts of video-conference services: a URL there is where to take part, not a web page.
ONLINE_HOSTS = (
    "zoom.us",
    "teams.microsoft.com",
    "teams.live.com",
    "meet.google.com",
    "meet.jit.si",
    "jitsi.org",
    "webex.com",
    "whereby.com",
    "gotomeeting.com",
    "livestorm.co",
    "bigbluebutton.org",
)
CONFERENCE_PROPERTIES = (
    "CONFERENCE",
    "X-GOOGLE-CONFERENCE",
    "X-MICROSOFT-SKYPETEAMSMEETINGURL",
    "X-MICROSOFT-ONLINEMEETINGEXTERNALLINK",
)
FREQUENCIES = {name: index for index, name in enumerate(recurrence.Rule.frequencies)}
SUPPORTED_FREQUENCIES = {"YEARLY", "MONTHLY", "WEEKLY", "DAILY"}
RULE_PARTS = {
    "FREQ",
    "INTERVAL",
    "COUNT",
    "UNTIL",
    "WKST",
    "BYDAY",
    "BYMONTHDAY",
    "BYMONTH",
    "BYSETPOS",
    "BYYEARDAY",
    "BYWEEKNO",
}
INTEGER_PARTS = {
    "BYMONTHDAY": "bymonthday",
    "BYMONTH": "bymonth",
    "BYSETPOS": "bysetpos",
    "BYYEARDAY": "byyearday",
    "BYWEEKNO": "byweekno",
}
# The per-date changes an import writes; the others ("full") belong to the editors.
IMPORTED_CHANGES = {OccurrenceChange.Change.CANCELLED, OccurrenceChange.Change.MOVED}


class ImportRefused(Exception):
    """The file or address cannot be read as a calendar: nothing is imported."""


class SkipEntry(Exception):
    """One entry cannot become an event; the message says why, in French."""


@dataclass
class Skipped:
    label: str
    reason: str

    def __str__(self):
        return f"{self.label} : {self.reason}"


@dataclass
class ImportReport:
    dry_run: bool = False
    entries: int = 0
    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    skipped: list = field(default_factory=list)
    submitted: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    workflow: str = ""


@dataclass
class Entry:
    """A calendar entry: its main VEVENT and the VEVENTs that change one of its dates."""

    uid: str
    default_tz: datetime.tzinfo | None
    master: icalendar.Event | None = None
    overrides: list = field(default_factory=list)

    @property
    def label(self):
        component = self.master or (self.overrides[0] if self.overrides else None)
        summary = clean_line(component.get("SUMMARY", "")) if component is not None else ""
        return f"« {summary} » (UID {self.uid})" if summary else f"UID {self.uid}"


@dataclass
class EventData:
    """What an entry gives the event page: field values, dates changes, notes."""

    fields: dict
    changes: list
    themes: list
    publics: list
    cancelled: bool
    notes: list


# Reading -------------------------------------------------------------------------------------


def read_source(source, *, max_bytes=None, timeout=TIMEOUT):
    """The bytes of a file path or an http(s) address; ImportRefused with the reason."""
    max_bytes = max_bytes or MAX_BYTES
    if URL_SCHEME.match(source):
        return fetch_url(source, max_bytes=max_bytes, timeout=timeout)
    try:
        with open(source, "rb") as file:
            data = file.read(max_bytes + 1)
    except FileNotFoundError as error:
        raise ImportRefused(f"Fichier introuvable : « {source} ».") from error
    except IsADirectoryError as error:
        raise ImportRefused(f"« {source} » est un dossier, pas un fichier .ics.") from error
    except OSError as error:
        raise ImportRefused(f"Impossible de lire « {source} » : {error.strerror}.") from error
    check_size(len(data), max_bytes)
    return data


class HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirections to http(s) addresses only (urllib would follow ftp:// too)."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if urllib.parse.urlsplit(newurl).scheme.lower() not in ("http", "https"):
            raise urllib.error.URLError(f"redirection refusée vers « {newurl} »")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch_url(url, *, max_bytes=None, timeout=TIMEOUT):
    max_bytes = max_bytes or MAX_BYTES
    parts = urllib.parse.urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "webcal":  # the calendar apps' name for an https address
        url = urllib.parse.urlunsplit(("https", *parts[1:]))
    elif scheme not in ("http", "https"):
        raise ImportRefused(
            f"Adresse refusée : seules les adresses http://, https:// (ou webcal://) sont "
            f"acceptées, pas « {scheme}:// ». Pour un fichier, donnez son chemin."
        )
    if not parts.hostname:
        raise ImportRefused(f"Adresse incomplète : « {url} » ne nomme aucun serveur.")
    request = urllib.request.Request(  # noqa: S310 (scheme checked above)
        url, headers={"User-Agent": "Maillage import_ics", "Accept": "text/calendar, */*"}
    )
    opener = urllib.request.build_opener(HttpOnlyRedirects)
    try:
        with opener.open(request, timeout=timeout) as response:
            length = response.headers.get("Content-Length", "")
            if length.isdigit():
                check_size(int(length), max_bytes)
            data = response.read(max_bytes + 1)
    except urllib.error.HTTPError as error:
        if 300 <= error.code < 400:  # urllib refuses to follow it (file://…)
            raise ImportRefused(
                f"Impossible de lire « {url} » : redirection refusée vers une adresse qui "
                "n'est pas http(s)."
            ) from error
        raise ImportRefused(
            f"Le serveur a répondu « {error.code} {error.reason} » pour « {url} » : vérifiez "
            "l'adresse, et que l'agenda est public."
        ) from error
    except urllib.error.URLError as error:
        reason = error.reason
        if isinstance(reason, TimeoutError):
            reason = f"pas de réponse en {timeout} secondes"
        raise ImportRefused(f"Impossible de joindre « {url} » : {reason}.") from error
    except TimeoutError as error:
        raise ImportRefused(
            f"Impossible de joindre « {url} » : pas de réponse en {timeout} secondes."
        ) from error
    except (OSError, ValueError) as error:
        raise ImportRefused(f"Impossible de lire « {url} » : {error}.") from error
    check_size(len(data), max_bytes)
    return data


def check_size(size, max_bytes):
    if size > max_bytes:
        raise ImportRefused(
            f"Le fichier dépasse {max_bytes // (1024 * 1024)} Mo : exportez une période plus "
            "courte de l'agenda, ou découpez-le."
        )


def parse_calendar(data, *, max_bytes=None):
    """(calendars, warnings) from the bytes of an .ics file; ImportRefused with the reason."""
    max_bytes = max_bytes or MAX_BYTES
    check_size(len(data), max_bytes)
    if not data.strip():
        raise ImportRefused("Le fichier est vide.")
    # Unfold long lines first, on bytes: some exporters cut them inside a UTF-8 character.
    data = re.sub(rb"\r?\n[ \t]", b"", data)
    warnings = []
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
        warnings.append(
            "Le fichier n'est pas en UTF-8 : il a été lu en Windows-1252, vérifiez les accents."
        )
    stripped = text.strip()
    head = stripped[:15].upper()
    if not head.startswith("BEGIN:VCALENDAR"):
        hint = (
            " C'est une page web : cherchez sur le site le lien d'export « iCal » ou « .ics »."
            if head.startswith("<")
            else ""
        )
        raise ImportRefused(
            "Ce n'est pas un fichier iCalendar (.ics) : il devrait commencer par "
            f"« BEGIN:VCALENDAR ».{hint}"
        )
    if not stripped.upper().endswith("END:VCALENDAR"):
        raise ImportRefused(
            "Le fichier est incomplet (tronqué) : il ne se termine pas par « END:VCALENDAR ». "
            "Téléchargez ou exportez-le à nouveau."
        )
    try:
        calendars = icalendar.Calendar.from_ical(text, multiple=True)
    except (ValueError, KeyError, IndexError, TypeError) as error:
        detail = str(error).splitlines()[0][:200] if str(error) else type(error).__name__
        raise ImportRefused(
            f"Le fichier n'est pas un iCalendar valide ({detail}) : rien n'a été importé."
        ) from error
    if not calendars:
        raise ImportRefused("Le fichier ne contient aucun calendrier (VCALENDAR).")
    return calendars, warnings


def collect_entries(calendars, report):
    """Entries by UID, in file order; VEVENTs without a UID go to report.skipped."""
    entries = {}
    for calendar in calendars:
        default_tz = calendar_timezone(calendar)
        for component in calendar.walk("VEVENT"):
            uid = clean_line(component.get("UID", ""))
            if not uid:
                summary = clean_line(component.get("SUMMARY", ""))
                report.skipped.append(
                    Skipped(
                        f"« {summary} »" if summary else "Entrée sans titre",
                        "pas d'identifiant (UID) : impossible de la retrouver au prochain "
                        "import sans créer de doublon",
                    )
                )
                continue
            entry = entries.setdefault(uid, Entry(uid=uid, default_tz=default_tz))
            if "RECURRENCE-ID" in component:
                entry.overrides.append(component)
            elif entry.master is None or sequence(component) >= sequence(entry.master):
                entry.master = component
    return list(entries.values())


def calendar_timezone(calendar):
    name = clean_line(calendar.get("X-WR-TIMEZONE", ""))
    if not name:
        return None
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None


def sequence(component):
    try:
        return int(component.get("SEQUENCE", 0))
    except (TypeError, ValueError):
        return 0


# Entry → event fields ------------------------------------------------------------------------


class Lookups:
    """Communes, themes and publics by their slugified name, read once per import."""

    def __init__(self):
        self.communes = {}
        for commune in Commune.objects.all():
            self.communes.setdefault(slugify(commune.name), []).append(commune)
        self.themes = self.terms(Theme)
        self.publics = self.terms(Public)

    @staticmethod
    def terms(model):
        index = {}
        for term in model.objects.all():
            index[slugify(term.name)] = term
            index[term.slug] = term
        return index

    def commune(self, name, postal_code=""):
        """The commune of that name; with a postal code, not a namesake elsewhere."""
        candidates = self.communes.get(slugify(name), [])
        exact = [c for c in candidates if postal_code and c.postal_code == postal_code]
        others = [c for c in candidates if not (postal_code and c.postal_code)]
        return next(iter(exact + others), None)


def build_event(entry, structure, lookups):
    """EventData for `entry`, or SkipEntry with the reason."""
    component = entry.master
    notes = []
    broken = dict(getattr(component, "errors", []))
    for name, what in (
        ("DTSTART", "la date de début (DTSTART)"),
        ("DTEND", "la date de fin (DTEND)"),
        ("DURATION", "la durée (DURATION)"),
        ("RRULE", "la règle de répétition (RRULE)"),
        ("EXDATE", "les dates exclues (EXDATE)"),
        ("RDATE", "les dates ajoutées (RDATE)"),
        ("RECURRENCE-ID", "la date modifiée (RECURRENCE-ID)"),
    ):
        if name in broken:
            raise SkipEntry(f"{what} est illisible : « {raw(component, name)} »")

    start, end, all_day = event_dates(component, entry.default_tz)
    fields = {"start": start, "end": end, "all_day": all_day}
    fields["recurrence"] = event_recurrence(component, start, entry.default_tz, notes)
    changes = date_changes(entry, start, end, all_day, notes)

    title = clean_line(component.get("SUMMARY", ""))
    if not title:
        title = "Événement sans titre"
        notes.append("sans titre dans le fichier : « Événement sans titre », à renommer")
    fields["title"] = shorten(title, TITLE_LENGTH)
    text = plain_text(component.get("DESCRIPTION", ""))
    fields["description"] = rich_text(text)
    fields["summary"] = shorten(" ".join(text.split()), SUMMARY_LENGTH) or shorten(
        f"Événement proposé par {structure.title}.", SUMMARY_LENGTH
    )
    fields.update(event_place(component, lookups, notes))
    if not (
        fields["venue"] or fields["street_address"] or fields["commune"] or fields["online_url"]
    ):
        if structure.commune_id is None:
            raise SkipEntry(
                "ni lieu (LOCATION) ni lien en ligne, et la structure n'a pas de commune à "
                "proposer à la place"
            )
        fields["commune"] = structure.commune
        notes.append(
            f"sans lieu dans le fichier : placé à {structure.commune.name}, commune de la "
            "structure (à préciser)"
        )
    categories = [slugify(str(name)) for name in categories_of(component)]
    return EventData(
        fields=fields,
        changes=changes,
        themes=[lookups.themes[name] for name in categories if name in lookups.themes],
        publics=[lookups.publics[name] for name in categories if name in lookups.publics],
        cancelled=str(component.get("STATUS", "")).upper() == "CANCELLED",
        notes=notes,
    )


def raw(component, name):
    value = component.get(name)
    if isinstance(value, list):
        value = value[0]
    return str(value)[:120]


def check_year(value, what):
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise SkipEntry(
            f"{what} en {value.year}, hors des années {FIRST_YEAR} à {LAST_YEAR} "
            "(probablement une faute de saisie)"
        )


def to_local(value, default_tz):
    """An aware Europe/Paris datetime from a datetime (a naive one is in `default_tz`)."""
    if timezone.is_naive(value):
        value = value.replace(tzinfo=default_tz or timezone.get_current_timezone())
    return timezone.localtime(value)


def all_day_end(last_day):
    """An all-day event ends at 23:59 on its last day (the agenda counts days on `end`)."""
    return datetime.datetime.combine(
        last_day, datetime.time(23, 59), tzinfo=timezone.get_current_timezone()
    )


def is_date(value):
    return isinstance(value, datetime.date) and not isinstance(value, datetime.datetime)


def event_dates(component, default_tz, default_start=None):
    """(start, end, all_day) of a VEVENT, local; SkipEntry when they make no sense."""
    prop = component.get("DTSTART")
    if prop is None and default_start is None:
        raise SkipEntry("pas de date de début (DTSTART)")
    value = prop.dt if prop is not None else default_start
    if not isinstance(value, datetime.date):
        raise SkipEntry("la date de début (DTSTART) n'est pas une date")
    check_year(value, "début")
    all_day = is_date(value)
    end_value = None
    if "DTEND" in component:
        end_value = component["DTEND"].dt
        if not isinstance(end_value, datetime.date):
            raise SkipEntry("la date de fin (DTEND) n'est pas une date")
        check_year(end_value, "fin")
    elif "DURATION" in component:
        duration = component["DURATION"].dt
        if not isinstance(duration, datetime.timedelta):
            raise SkipEntry("la durée (DURATION) n'est pas une durée")
        end_value = value + duration

    if all_day:
        start_date = value
        if end_value is None:
            last_day = start_date
        else:
            end_date = end_value.date() if isinstance(end_value, datetime.datetime) else end_value
            if end_date < start_date:
                raise SkipEntry(
                    f"la fin ({end_date:%d/%m/%Y}) précède le début ({start_date:%d/%m/%Y})"
                )
            # DTEND is exclusive: an event on the 8th and 9th ends on the 10th.
            last_day = max(start_date, end_date - datetime.timedelta(days=1))
        return local_midnight(start_date), all_day_end(last_day), True

    start = to_local(value, default_tz)
    if end_value is None:
        end = start  # RFC 5545: a DATE-TIME start without end or duration is an instant
    elif is_date(end_value):
        end = local_midnight(end_value)
    else:
        end = to_local(end_value, default_tz)
    if end < start:
        raise SkipEntry(f"la fin ({end:%d/%m/%Y %H:%M}) précède le début ({start:%d/%m/%Y %H:%M})")
    return start, end, False


def property_values(component, name):
    """Every value of a property that may appear several times, each with a list of values."""
    props = component.get(name)
    if props is None:
        return []
    if not isinstance(props, list):
        props = [props]
    values = []
    for prop in props:
        values.extend(item.dt for item in getattr(prop, "dts", [prop]))
    return values


def event_recurrence(component, start, default_tz, notes):
    rules = [to_rule(rule, start, default_tz) for rule in as_list(component.get("RRULE"))]
    exrules = [to_rule(rule, start, default_tz) for rule in as_list(component.get("EXRULE"))]
    exdates = []
    for value in property_values(component, "EXDATE"):
        exdates.append(at_series_time(date_of(value, default_tz), start))
    rdates = []
    for value in property_values(component, "RDATE"):
        if isinstance(value, tuple):  # VALUE=PERIOD: (start, end or duration)
            value = value[0]
        day = date_of(value, default_tz)
        check_year(day, "date ajoutée (RDATE)")
        rdates.append(at_series_time(day, start))
        if isinstance(value, datetime.datetime):
            local = to_local(value, default_tz)
            if local.time() != start.time():
                notes.append(
                    f"la date ajoutée du {day:%d/%m/%Y} garde l'horaire de la série "
                    f"({start:%H:%M} au lieu de {local:%H:%M})"
                )
    result = recurrence.Recurrence(
        rrules=rules, exrules=exrules, rdates=rdates, exdates=exdates, include_dtstart=True
    )
    try:
        recurrence.base.validate(result)
    except recurrence_exceptions.ValidationError as error:
        raise SkipEntry(f"règle de répétition invalide ({error})") from error
    return result


def as_list(value):
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def date_of(value, default_tz):
    if isinstance(value, datetime.datetime):
        return to_local(value, default_tz).date()
    return value


def to_rule(rule, start, default_tz):
    """A django-recurrence Rule from an icalendar vRecur; SkipEntry when unsupported."""
    parts = {str(key).upper(): value for key, value in rule.items()}
    text = rule.to_ical().decode(errors="replace")
    frequency = str(first(parts.get("FREQ")) or "").upper()
    if not frequency:
        raise SkipEntry(f"règle de répétition sans fréquence (FREQ) : « {text} »")
    if frequency not in SUPPORTED_FREQUENCIES:
        raise SkipEntry(
            f"répétition « {frequency} » non prise en charge : l'agenda répète un événement "
            "au plus une fois par jour (quotidienne, hebdomadaire, mensuelle, annuelle)"
        )
    unknown = sorted(set(parts) - RULE_PARTS)
    if unknown:
        raise SkipEntry(
            f"règle de répétition avec {', '.join(unknown)} non prise en charge "
            f"(plusieurs horaires dans la journée ou extension) : « {text} »"
        )
    if "COUNT" in parts and "UNTIL" in parts:
        raise SkipEntry(f"règle de répétition avec COUNT et UNTIL à la fois : « {text} »")
    kwargs = {}
    try:
        interval = int(first(parts.get("INTERVAL")) or 1)
        count = int(first(parts["COUNT"])) if "COUNT" in parts else None
        for name, attribute in INTEGER_PARTS.items():
            if name in parts:
                kwargs[attribute] = [int(value) for value in parts[name]]
    except (TypeError, ValueError) as error:
        raise SkipEntry(f"règle de répétition illisible : « {text} »") from error
    if interval < 1 or (count is not None and count < 1):
        raise SkipEntry(f"règle de répétition illisible : « {text} »")
    if "BYDAY" in parts:
        kwargs["byday"] = [weekday(value, text) for value in parts["BYDAY"]]
    wkst = None
    if "WKST" in parts:
        wkst = weekday(first(parts["WKST"]), text).number
    until = rule_until(first(parts.get("UNTIL")), start, default_tz)
    return recurrence.Rule(
        FREQUENCIES[frequency], interval=interval, wkst=wkst, count=count, until=until, **kwargs
    )


def first(values):
    if isinstance(values, list | tuple):
        return values[0] if values else None
    return values


def weekday(value, text):
    match = WEEKDAY.match(str(value).strip().upper())
    if not match:
        raise SkipEntry(f"jour de répétition « {value} » illisible : « {text} »")
    index = int(match.group(1)) if match.group(1) else None
    if index is not None and not (1 <= abs(index) <= 53):
        raise SkipEntry(f"jour de répétition « {value} » illisible : « {text} »")
    return recurrence.Weekday(recurrence.Rule.weekdays.index(match.group(2)), index)


def rule_until(value, start, default_tz):
    """UNTIL as the series' last date (the agenda includes the whole of its last day).

    A series at 18:30 with UNTIL 00:00 UTC on the 1st ends on the 31st; a far-off UNTIL
    (9999, "no end" for some exporters) means no end: the horizon bounds it.
    """
    if value is None:
        return None
    if value.year > LAST_YEAR:
        return None
    if isinstance(value, datetime.datetime):
        local = to_local(value, default_tz)
        last_day = local.date()
        if local.time() < start.time():
            last_day -= datetime.timedelta(days=1)
    else:
        last_day = value
    return at_series_time(last_day, start)


def date_changes(entry, start, end, all_day, notes):
    """OccurrenceChange rows from the entry's overrides (RECURRENCE-ID)."""
    changes = {}
    for component in entry.overrides:
        if any(name == "RECURRENCE-ID" for name, _ in getattr(component, "errors", [])):
            notes.append(
                f"une date modifiée illisible a été ignorée ({raw(component, 'RECURRENCE-ID')})"
            )
            continue
        prop = component["RECURRENCE-ID"]
        original = prop.dt
        try:
            check_year(original, "date modifiée")
        except SkipEntry as error:
            notes.append(f"{error} : ignorée")
            continue
        if "RANGE" in prop.params:
            notes.append(
                f"la modification du {date_of(original, entry.default_tz):%d/%m/%Y} « et "
                "suivantes » ne vaut ici que pour cette date"
            )
        day = date_of(original, entry.default_tz)
        if str(component.get("STATUS", "")).upper() == "CANCELLED":
            changes[day] = OccurrenceChange(date=day, change=OccurrenceChange.Change.CANCELLED)
            continue
        try:
            new_start, new_end, _ = event_dates(component, entry.default_tz, original)
        except SkipEntry as error:
            notes.append(f"la modification du {day:%d/%m/%Y} a été ignorée : {error}")
            continue
        if "DTEND" not in component and "DURATION" not in component:
            new_end = new_start + (end - start)  # the date keeps the series' duration
        planned_start = local_midnight(day) if all_day else at_series_time(day, start)
        if new_start != planned_start or new_end - new_start != end - start:
            changes[day] = OccurrenceChange(
                date=day,
                change=OccurrenceChange.Change.MOVED,
                new_start=new_start,
                new_end=new_end,
            )
    return [changes[day] for day in sorted(changes)]


def event_place(component, lookups, notes):
    place = {
        "venue": "",
        "street_address": "",
        "postal_code": "",
        "commune": None,
        "latitude": None,
        "longitude": None,
        "online_url": "",
        "registration_url": "",
    }
    for name in CONFERENCE_PROPERTIES:
        for value in as_list(component.get(name)):
            if is_web_address(str(value)) and not place["online_url"]:
                place["online_url"] = str(value).strip()
    location = clean_text(component.get("LOCATION", ""))
    if is_web_address(location):
        place["online_url"] = place["online_url"] or location
    elif location:
        place.update(parse_location(location, lookups, notes))
    url = clean_line(component.get("URL", ""))
    if is_web_address(url):
        if is_online_host(url) and not place["online_url"]:
            place["online_url"] = url
        elif url != place["online_url"]:
            place["registration_url"] = url
    for name in ("online_url", "registration_url"):
        if len(place[name]) > 500:
            notes.append(f"lien trop long ignoré ({place[name][:60]}…)")
            place[name] = ""
    geo = component.get("GEO")
    if geo is not None:
        try:
            place["latitude"] = coordinate(geo.latitude)
            place["longitude"] = coordinate(geo.longitude)
        except (AttributeError, InvalidOperation, TypeError, ValueError):
            notes.append("coordonnées (GEO) illisibles : ignorées")
            place["latitude"] = place["longitude"] = None
    return place


def coordinate(value):
    return Decimal(str(value)).quantize(Decimal("0.000001"))


def is_web_address(value):
    return bool(re.match(r"^https?://\S+$", value.strip(), re.IGNORECASE)) if value else False


def is_online_host(url):
    host = (urllib.parse.urlsplit(url).hostname or "").lower()
    return any(host == name or host.endswith("." + name) for name in ONLINE_HOSTS)


def parse_location(location, lookups, notes):
    """Place, address, postal code and commune from "Salle, 3 rue X, 58500 Clamecy, France"."""
    parts = [part.strip() for part in re.split(r"[,\n;]", location) if part.strip()]
    result = {}
    postal_index = next(
        (index for index, part in enumerate(parts) if POSTAL_CODE.search(part)), None
    )
    town = ""
    if postal_index is not None:
        match = POSTAL_CODE.search(parts[postal_index])
        result["postal_code"] = match.group(1)
        town = match.group(2).strip()
        if not town and postal_index + 1 < len(parts):
            town = parts[postal_index + 1]
        before = parts[:postal_index]
    elif len(parts) >= 2 and lookups.commune(parts[-1]):
        town = parts[-1]
        before = parts[:-1]
    else:
        before = parts
    commune = lookups.commune(town, result.get("postal_code", "")) if town else None
    if town and commune is None:
        notes.append(f"commune « {town} » inconnue du territoire : gardée dans l'adresse")
        before = [*before, town]
    result["commune"] = commune
    if not before:
        pass
    elif len(before) == 1 and before[0][:1].isdigit():
        result["street_address"] = before[0]
    elif postal_index is None and commune is None:
        result["venue"] = ", ".join(before)
    else:
        result["venue"] = before[0]
        result["street_address"] = ", ".join(before[1:])
    for name in ("venue", "street_address"):
        if name in result:
            result[name] = shorten(result[name], 200)
    return result


def categories_of(component):
    names = []
    for prop in as_list(component.get("CATEGORIES")):
        names.extend(getattr(prop, "cats", [prop]))
    return names


# Text ----------------------------------------------------------------------------------------


def clean_line(value):
    return " ".join(str(value).split())


def clean_text(value):
    return "\n".join(" ".join(line.split()) for line in str(value).splitlines()).strip()


def plain_text(value):
    """DESCRIPTION as plain text: Google Agenda writes HTML there, others plain text."""
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    if HTML_TAG.search(text):
        text = re.sub(r"(?i)<br\s*/?>", "\n", text)
        text = re.sub(r"(?i)</(p|div|li)\s*>", "\n\n", text)
        text = html.unescape(strip_tags(text))
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def rich_text(text):
    """Escaped paragraphs, line breaks kept: rich text Wagtail's editor opens as it is."""
    paragraphs = [part for part in re.split(r"\n\s*\n", text) if part.strip()]
    return "".join(
        "<p>" + "<br/>".join(escape(line) for line in part.splitlines() if line) + "</p>"
        for part in paragraphs
    )


def shorten(text, length):
    text = text.strip()
    if len(text) <= length:
        return text
    cut = text[: length - 1]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.-") + "…"


# Writing -------------------------------------------------------------------------------------


def snapshot(page):
    """The imported fields of a page, to tell an unchanged entry from an updated one."""
    values = [getattr(page, name) for name in COMPARED_FIELDS]
    values.append(recurrence.serialize(page.recurrence) if page.recurrence else "")
    values.append(page.commune_id if page.commune_id else None)
    values.append(sorted(term.pk for term in page.themes.all()))
    values.append(sorted(term.pk for term in page.publics.all()))
    values.append(
        sorted(
            (c.date, c.change, c.new_start, c.new_end, c.reason)
            for c in page.occurrence_changes.all()
        )
    )
    return values


COMPARED_FIELDS = [
    "title",
    "summary",
    "description",
    "start",
    "end",
    "all_day",
    "venue",
    "street_address",
    "postal_code",
    "latitude",
    "longitude",
    "online_url",
    "registration_url",
    "status",
]


def fill(page, data):
    for name, value in data.fields.items():
        setattr(page, name, value)
    if data.cancelled:
        page.status = EventStatus.CANCELLED
    elif page.status == EventStatus.CANCELLED:
        page.status = EventStatus.SCHEDULED
        page.status_reason = ""
    # The dates the editors marked "full" stay; cancelled and moved ones come from the file.
    kept = [c for c in page.occurrence_changes.all() if c.change not in IMPORTED_CHANGES]
    imported_days = {change.date for change in data.changes}
    page.occurrence_changes = [c for c in kept if c.date not in imported_days] + data.changes
    if data.themes:
        page.themes = list({term.pk: term for term in [*page.themes.all(), *data.themes]}.values())
    if data.publics:
        page.publics = list(
            {term.pk: term for term in [*page.publics.all(), *data.publics]}.values()
        )


def write_entry(entry, data, structure, existing, user):
    """Create or update the page of `entry`; returns (outcome, page)."""
    if existing is None:
        page = EventPage(live=False, ical_uid=entry.uid, owner=user, organiser=structure)
        fill(page, data)
        check_recurrence(page)
        page.slug = find_available_slug(
            structure, slugify(page.title)[:80].strip("-") or "evenement"
        )
        structure.add_child(instance=page)  # saving runs full_clean(): the model's validation
        log(instance=page, action="wagtail.create", user=user)
        page.save_revision(user=user, log_action=True)
        return "created", page

    page = existing.get_latest_revision_as_object()
    before = snapshot(page)
    fill(page, data)
    if snapshot(page) == before:
        return "unchanged", page
    check_recurrence(page)
    page.full_clean()
    if not existing.live and existing.first_published_at is None:
        page.save()  # never published: the page itself is the draft, update it in place
    page.save_revision(user=user, log_action=True)
    return "updated", page


def awaits_moderation(outcome, existing):
    """Whether --submit submits this entry's page: new or changed, or a draft not yet submitted.

    So an import without --submit, then the same with it, submits the drafts of the first.
    """
    if outcome != "unchanged":
        return True
    has_draft = not existing.live or existing.has_unpublished_changes
    return has_draft and existing.current_workflow_state is None


def submit_for_moderation(page, workflow, user):
    """Start the page's moderation workflow, or restart it on the new revision."""
    state = page.current_workflow_state
    if state is not None and state.status == state.STATUS_NEEDS_CHANGES:
        state.resume(user=user)
        return
    if state is not None:
        state.cancel(user=user)  # in moderation: moderators see the new revision instead
    workflow.start(page, user)


def validation_messages(error):
    if not hasattr(error, "error_dict"):
        return "; ".join(error.messages)
    messages = []
    for name, field_messages in error.message_dict.items():
        try:
            label = str(EventPage._meta.get_field(name).verbose_name)
        except Exception:  # noqa: BLE001 (a non-field key such as "__all__")
            label = ""
        for message in field_messages:
            messages.append(f"{label} : {message}" if label else message)
    return "; ".join(messages)


def import_calendar(data, structure, *, user=None, submit=False, dry_run=False, progress=None):
    """Import the .ics `data` (bytes) under `structure`; returns an ImportReport.

    Raises ImportRefused when the file cannot be read as a calendar (nothing is written).
    `progress`, if given, wraps the iterable of entries (a tqdm bar).
    """
    report = ImportReport(dry_run=dry_run)
    calendars, report.warnings = parse_calendar(data)
    entries = collect_entries(calendars, report)
    report.entries = len(entries) + len(report.skipped)
    lookups = Lookups()
    existing_pages = {}
    for page in (
        EventPage.objects.descendant_of(structure).exclude(ical_uid="").order_by("pk").specific()
    ):
        existing_pages.setdefault(page.ical_uid, page)

    iterable = progress(entries) if progress is not None else entries
    with transaction.atomic():
        for entry in iterable:
            label = entry.label
            if entry.master is None:
                report.skipped.append(
                    Skipped(
                        label,
                        "date modifiée (RECURRENCE-ID) d'une série absente du fichier",
                    )
                )
                continue
            try:
                data = build_event(entry, structure, lookups)
                with transaction.atomic():
                    outcome, page = write_entry(
                        entry, data, structure, existing_pages.get(entry.uid), user
                    )
                    if submit and awaits_moderation(outcome, existing_pages.get(entry.uid)):
                        workflow = page.get_workflow()
                        if workflow is not None and not dry_run:  # a dry run e-mails nobody
                            submit_for_moderation(page, workflow, user)
                        if workflow is not None:
                            report.workflow = workflow.name
                            report.submitted.append(label)
            except SkipEntry as error:
                report.skipped.append(Skipped(label, str(error)))
                continue
            except RecurrenceTooDense as error:
                report.skipped.append(Skipped(label, str(error)))
                continue
            except ValidationError as error:
                report.skipped.append(Skipped(label, validation_messages(error)))
                continue
            except DatabaseError as error:
                report.skipped.append(Skipped(label, f"refusé par la base de données : {error}"))
                continue
            getattr(report, outcome).append(label)
            existing_pages.setdefault(entry.uid, page)
            report.notes.extend(f"{label} : {note}" for note in data.notes)
        if dry_run:
            transaction.set_rollback(True)
    return report
