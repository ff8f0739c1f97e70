"""Campaigns: their listing, their page, their kit, the kit's zip and its download counts.

A campaign page lists by itself the events that take part in its national campaign during its
dates, and the structures involved (those the page names, plus the organisers of those
events). Its kit offers documents, visuals (the original and the sizes social networks ask
for) and texts to copy. Every file leaves through a counting route of the page
(events/views/campaigns.py); documents are then handed to Wagtail's own serve view, which
enforces collection privacy, and never read straight from the media folder.

Counting is anonymous by construction: a counter per campaign, item, variant and month, with
nothing about who downloaded.

The zip of the whole kit is written file by file from the storage into a temporary file (in
chunks: a 50 MB kit never sits in memory), then saved in the default storage under a name that
depends on what it holds, so that a republished kit gets a new zip and two processes building it
at once do not step on each other.
"""

import contextlib
import datetime
import hashlib
import logging
import shutil
import tempfile
import zipfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import PurePath

from django.core.files import File
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.db import IntegrityError
from django.db.models import F, OuterRef, Prefetch, Q, Subquery, Sum, prefetch_related_objects
from django.utils import timezone
from django.utils.text import slugify
from wagtail.images import get_image_model
from wagtail.models import CollectionViewRestriction

from home.models import outside_private_sections

from .filters import next_per_event
from .models import (
    MAX_DURATION,
    CampaignPage,
    KitDownload,
    KitItem,
    KitItemKind,
    Occurrence,
    OccurrenceStatus,
)
from .occurrences import local_midnight
from .templatetags.agenda_tags import date_range, fr_date

logger = logging.getLogger(__name__)

# Cards per page of past campaigns.
PAST_PER_PAGE = 12
# The hero image of a card, and of a campaign page.
CARD_RENDITION = "fill-480x270"
HERO_RENDITION = "fill-1200x630"
# A visual's thumbnail in its kit entry (templates/components/kit_item.html).
PREVIEW_RENDITION = "max-320x320"
# Events already held that a campaign page still lists.
MAX_HELD_EVENTS = 12
# Current campaigns on the home page.
HOME_CAMPAIGNS = 3

# Where the zips of whole kits are cached (site/urls.py keeps the folder out of /media/).
KITS_FOLDER = "kits"
COPY_CHUNK = 1024 * 1024
# Formats already compressed: stored as they are in the zip (deflating them again wastes time).
STORED_EXTENSIONS = {
    "pdf", "docx", "pptx", "xlsx", "odt", "ods", "odp", "zip", "png", "jpg", "jpeg", "webp",
}  # fmt: skip


@dataclass(frozen=True)
class SocialFormat:
    slug: str
    label: str
    width: int
    height: int

    @property
    def spec(self):
        return f"fill-{self.width}x{self.height}"


# The sizes partners ask for most, each downloadable from the visual's kit entry.
SOCIAL_FORMATS = [
    SocialFormat("carre", "Carré (publication Instagram, Facebook)", 1080, 1080),
    SocialFormat("lien", "Paysage (lien partagé Facebook, LinkedIn)", 1200, 630),
    SocialFormat("story", "Vertical (story Instagram, Facebook)", 1080, 1920),
    SocialFormat("banniere", "Bannière (couverture LinkedIn, X)", 1500, 500),
]
SOCIAL_FORMATS_BY_SLUG = {social.slug: social for social in SOCIAL_FORMATS}
ORIGINAL = KitDownload.ORIGINAL
ACCESSIBLE = "version-accessible"

FORMAT_LABELS = {
    "pdf": "PDF",
    "docx": "DOCX (Word)",
    "odt": "ODT (texte OpenDocument)",
    "pptx": "PPTX (PowerPoint)",
    "odp": "ODP (présentation OpenDocument)",
    "xlsx": "XLSX (Excel)",
    "ods": "ODS (tableur OpenDocument)",
    "csv": "CSV",
    "txt": "texte brut",
    "zip": "ZIP",
    "png": "PNG",
    "jpg": "JPEG",
    "jpeg": "JPEG",
    "webp": "WebP",
}
# Office formats that a screen reader may not read well: RGAA 13.3 asks for an accessible version.
OFFICE_EXTENSIONS = {"docx", "odt", "pptx", "odp", "xlsx", "ods", "pdf"}
KIND_HEADINGS = {
    KitItemKind.DOCUMENT: "Documents à imprimer ou diffuser",
    KitItemKind.IMAGE: "Visuels pour les réseaux sociaux et les sites",
    KitItemKind.TEXT: "Textes prêts à copier",
}
KIND_FOLDERS = {
    KitItemKind.DOCUMENT: "documents",
    KitItemKind.IMAGE: "visuels",
    KitItemKind.TEXT: "textes",
}


def extension(name):
    return PurePath(name or "").suffix.lower().lstrip(".")


def format_label(name):
    ext = extension(name)
    return FORMAT_LABELS.get(ext, ext.upper())


def weight(size):
    """1234567 -> "1,2 Mo": the units French readers know (Django says "Mio"), decimal comma."""
    if not size:
        return ""
    if size < 1024:
        return f"{size}\xa0octets"
    for unit in ("Ko", "Mo", "Go"):
        size /= 1024
        if size < 1024 or unit == "Go":
            break
    number = f"{size:.1f}".replace(".", ",").removesuffix(",0")
    return f"{number}\xa0{unit}"


def campaign_dates(page):
    """ "du 1er au 30 novembre 2026", "du 28 septembre au 31 octobre 2026"."""
    if page.start_date == page.end_date:
        return f"le {fr_date(page.start_date, 'year')}"
    return date_range(page.start_date, page.end_date)


def period(page):
    """The campaign's dates as an aware [start, end) range, in Paris time."""
    return (
        local_midnight(page.start_date),
        local_midnight(page.end_date + datetime.timedelta(days=1)),
    )


# The listing ----------------------------------------------------------------------------------


def card_data(pages):
    """Give campaign cards their themes and hero rendition: three queries for all the cards."""
    images = get_image_model().objects.prefetch_renditions(CARD_RENDITION)
    prefetch_related_objects(pages, "themes", Prefetch("hero_image", queryset=images))
    return pages


def campaigns_queryset():
    return CampaignPage.objects.live().filter(outside_private_sections())


def campaign_listing(index_page, request=None):
    """Current campaigns, upcoming ones, then past ones (newest first, paginated).

    The queries do not depend on the number of campaigns: current and upcoming ones come in
    one query, past ones a page at a time, and every card's themes and picture in three more.
    """
    today = timezone.localdate()
    campaigns = campaigns_queryset().child_of(index_page)
    not_over = list(campaigns.filter(end_date__gte=today).order_by("start_date", "end_date", "pk"))
    current = sorted(
        (page for page in not_over if page.start_date <= today),
        key=lambda page: (page.end_date, page.pk),
    )
    upcoming = [page for page in not_over if page.start_date > today]
    past = campaigns.filter(end_date__lt=today).order_by("-end_date", "-pk")
    paginator = Paginator(past, PAST_PER_PAGE)
    page_obj = paginator.get_page(request.GET.get("page") if request is not None else None)
    past_cards = list(page_obj.object_list)
    card_data(not_over + past_cards)
    return {
        "current_campaigns": current,
        "upcoming_campaigns": upcoming,
        "past_campaigns": past_cards,
        "page_obj": page_obj,
        "paginator": paginator,
    }


def current_campaigns(limit=HOME_CAMPAIGNS):
    """The campaigns running today (those ending first first), for the home page.

    One query: the home page's cards leave out themes, and the hero's rendition comes from
    Wagtail's rendition cache once made.
    """
    today = timezone.localdate()
    return list(
        campaigns_queryset()
        .filter(start_date__lte=today, end_date__gte=today)
        .select_related("hero_image")
        .order_by("end_date", "pk")[:limit]
    )


# The campaign page ----------------------------------------------------------------------------


def campaign_occurrences(page):
    """Occurrences of visible events that take part in the page's national campaign, in its
    dates; none without a national campaign."""
    if not page.national_campaign_id or not page.start_date or not page.end_date:
        return Occurrence.objects.none()
    start, end = period(page)
    return (
        Occurrence.objects.visible()
        .filter(event__national_campaign_id=page.national_campaign_id)
        .between(start, end)
    )


def upcoming_events(page, now=None):
    """The next date of each event of the campaign still to come, in its dates."""
    now = now or timezone.now()
    occurrences = campaign_occurrences(page)
    if not page.national_campaign_id:
        return []
    start, _end = period(page)
    # From the campaign's start: a series that began before still shows its dates within.
    return list(next_per_event(occurrences, now=max(now, start)).for_listing())


def held_events(page, now=None):
    """The last date held of each event of the campaign (the campaign's record)."""
    now = now or timezone.now()
    occurrences = campaign_occurrences(page)
    if not page.national_campaign_id:
        return []
    start, end = period(page)
    last = (
        Occurrence.objects.filter(
            event=OuterRef("event"), end__lt=now, start__gte=start - MAX_DURATION, start__lt=end
        )
        .exclude(status=OccurrenceStatus.CANCELLED)
        .order_by("-start", "-pk")
        .values("pk")[:1]
    )
    return list(
        occurrences.filter(end__lt=now, pk=Subquery(last))
        .order_by("-start", "-pk")
        .for_listing()[:MAX_HELD_EVENTS]
    )


def participating_structures(page, occurrences):
    """The structures the page names and those organising its events, each once, by title."""
    from partners.models import StructurePage

    named = [structure.pk for structure in page.structures.all()]
    events = {occurrence.event_id for occurrence in occurrences}
    return list(
        StructurePage.objects.live()
        .filter(outside_private_sections())
        .filter(
            Q(pk__in=named) | Q(organised_events__in=events) | Q(co_organised_events__in=events)
        )
        .distinct()
        .order_by("title")
    )


@dataclass
class KitVariant:
    slug: str
    label: str
    url: str
    width: int = 0
    height: int = 0


@dataclass
class KitEntry:
    """A kit item as its page shows it."""

    item: KitItem
    url: str = ""
    format: str = ""
    size: int = 0
    variants: list = field(default_factory=list)
    accessible_url: str = ""
    accessible_label: str = ""
    accessible_on_request: bool = False

    @property
    def weight(self):
        return weight(self.size)

    @property
    def kind(self):
        return self.item.kind

    @property
    def language(self):
        return self.item.get_language_display()

    @property
    def text_id(self):
        return f"texte-{self.item.pk or id(self.item)}"


@dataclass
class KitGroup:
    kind: str
    heading: str
    entries: list


def route_url(page, name, *args):
    """The address of one of the page's routes ("" when the page has no address yet)."""
    base = page.url
    if not base:
        return ""
    return base + page.reverse_subpage(name, args=args)


def kit_entries(page, items):
    entries = []
    for item in items:
        entry = KitEntry(item=item)
        can_link = item.pk is not None and page.live
        if item.kind == KitItemKind.DOCUMENT and item.document_id and item.document:
            document = item.document
            entry.format = format_label(document.filename)
            entry.size = document.file_size or 0
            entry.url = route_url(page, "kit_item", item.pk) if can_link else ""
            if extension(document.filename) in OFFICE_EXTENSIONS:
                if item.accessible_document_id and item.accessible_document:
                    entry.accessible_url = (
                        route_url(page, "kit_variant", item.pk, ACCESSIBLE) if can_link else ""
                    )
                    entry.accessible_label = (
                        f"{format_label(item.accessible_document.filename)}, "
                        f"{weight(item.accessible_document.file_size)}"
                    )
                elif item.accessible_url:
                    entry.accessible_url = item.accessible_url
                else:
                    entry.accessible_on_request = True
        elif item.kind == KitItemKind.IMAGE and item.image_id and item.image:
            image = item.image
            entry.format = format_label(image.file.name)
            entry.size = image.file_size or 0
            entry.url = route_url(page, "kit_item", item.pk) if can_link else ""
            if can_link:
                entry.variants = [
                    KitVariant(
                        social.slug,
                        social.label,
                        route_url(page, "kit_variant", item.pk, social.slug),
                        *fitted_size(image, social),
                    )
                    for social in SOCIAL_FORMATS
                ]
            if item.accessible_url:
                entry.accessible_url = item.accessible_url
        elif item.kind == KitItemKind.TEXT and item.text.strip():
            entry.format = FORMAT_LABELS["txt"]
            entry.size = len(item.text.encode())
            entry.url = route_url(page, "kit_item", item.pk) if can_link else ""
        else:
            continue  # an item without its file (a document deleted since)
        entries.append(entry)
    return entries


def fitted_size(image, social):
    """The size Wagtail's fill gives: the format's, or smaller from a small original (fill
    crops to the ratio but never enlarges)."""
    width, height = image.width or 0, image.height or 0
    if not width or not height:
        return social.width, social.height
    crop_width = min(width, height * social.width / social.height)
    scale = min(1.0, crop_width / social.width)
    return round(social.width * scale), round(social.height * scale)


def kit_items(page):
    """The page's kit items with their files, in the editor's order, in three queries."""
    images = get_image_model().objects.prefetch_renditions(PREVIEW_RENDITION)
    return (
        page.kit_items.all()
        .select_related("document__collection", "accessible_document__collection")
        .prefetch_related(Prefetch("image", queryset=images))
    )


def kit_groups(page, items=None):
    entries = kit_entries(page, kit_items(page) if items is None else items)
    groups = []
    for kind in KitItemKind.values:
        chosen = [entry for entry in entries if entry.kind == kind]
        if chosen:
            groups.append(KitGroup(kind, KIND_HEADINGS[kind], chosen))
    return groups


def campaign_context(page, request):
    """What the campaign page shows besides its own fields."""
    is_preview = getattr(request, "is_preview", False)
    # A draft's kit is in memory (select_related does not apply to it).
    items = list(page.kit_items.all()) if is_preview else list(kit_items(page))
    upcoming = upcoming_events(page)
    held = held_events(page)
    groups = kit_groups(page, items)
    files_size = sum(entry.size for group in groups for entry in group.entries)
    hero = None
    if page.hero_image_id and page.hero_image:
        hero = page.hero_image.get_rendition(HERO_RENDITION)
    return {
        "campaign_dates": campaign_dates(page) if page.start_date and page.end_date else "",
        "is_current": page.is_current() if page.start_date and page.end_date else False,
        "hero_rendition": hero,
        "themes": list(page.themes.all()),
        "publics": list(page.publics.all()),
        "campaign_events": upcoming,
        "held_events": held,
        "structures": participating_structures(page, upcoming + held),
        "kit_groups": groups,
        "kit_zip_url": (
            route_url(page, "kit_zip") if groups and page.live and not is_preview else ""
        ),
        "kit_size": weight(files_size),
        "social_formats": SOCIAL_FORMATS,
        "propose_material_url": propose_material_url(page) if page.pk else "",
    }


def propose_material_url(page):
    """Where a partner proposes material for the kit: the wall's relay form, campaign chosen.

    Partners have no rights on campaign pages; a relay request about the campaign, with its
    attachment, reaches Communication, who may add it to the kit (partners/relay_kit.py). The
    link is the same for every visitor: anyone else is asked to log in by the wall.
    """
    from partners.models import WallPage

    wall = WallPage.objects.live().first()
    if wall is None:
        return ""
    return f"{wall.url}{wall.reverse_subpage('relay_request')}?campagne={page.pk}"


# Serving the kit ------------------------------------------------------------------------------


def live_kit_item(page, item_id):
    """The item of the live version of `page`, or None."""
    return kit_items(page).filter(pk=item_id).first()


def private_collection_paths():
    """Paths of the collections with a view restriction (their descendants are private too)."""
    return list(
        CollectionViewRestriction.objects.values_list("collection__path", flat=True).distinct()
    )


def is_private_document(document, private_paths):
    if document is None:
        return True
    path = document.collection.path
    return any(path.startswith(private) for private in private_paths)


def count_download(page, item_key, item_title, variant=ORIGINAL, today=None):
    """One more download this month; safe when two requests count the same row at once."""
    month = (today or timezone.localdate()).replace(day=1)
    lookup = {
        "campaign_id": page.pk,
        "item_key": str(item_key),
        "variant": variant,
        "month": month,
    }
    title = (item_title or "")[:160]
    if KitDownload.objects.filter(**lookup).update(count=F("count") + 1, item_title=title):
        return
    try:
        row, _created = KitDownload.objects.get_or_create(**lookup, defaults={"item_title": title})
    except IntegrityError:
        # The other request created it between our get and our create, then get_or_create's
        # own second read raced too: the row exists now.
        row = KitDownload.objects.get(**lookup)
    KitDownload.objects.filter(pk=row.pk).update(count=F("count") + 1)


@dataclass
class ItemDownloads:
    key: str
    title: str
    months: list = field(default_factory=lambda: [0] * 12)
    variants: dict = field(default_factory=lambda: defaultdict(int))

    @property
    def total(self):
        return sum(self.months)


@dataclass
class CampaignDownloads:
    campaign_id: int
    title: str
    items: dict = field(default_factory=dict)

    @property
    def months(self):
        totals = [0] * 12
        for item in self.items.values():
            totals = [a + b for a, b in zip(totals, item.months, strict=True)]
        return totals

    @property
    def total(self):
        return sum(self.months)


def download_counts(year):
    """Kit downloads of `year`: per campaign, per item (all variants), per month (0–11).

    [CampaignDownloads(campaign_id, title, items={key: ItemDownloads}), …], campaigns by title;
    the whole kit's zip is the item "kit". One query.
    """
    rows = (
        KitDownload.objects.filter(month__year=year)
        .values("campaign_id", "campaign__title", "item_key", "variant", "month")
        .annotate(total=Sum("count"))
        .order_by("campaign__title", "campaign_id")
    )
    titles = dict(
        KitDownload.objects.filter(month__year=year)
        .order_by("month")
        .values_list("item_key", "item_title")
    )
    campaigns = {}
    for row in rows:
        campaign = campaigns.setdefault(
            row["campaign_id"], CampaignDownloads(row["campaign_id"], row["campaign__title"])
        )
        key = row["item_key"]
        item = campaign.items.setdefault(key, ItemDownloads(key, titles.get(key, key)))
        item.months[row["month"].month - 1] += row["total"]
        item.variants[row["variant"]] += row["total"]
    return list(campaigns.values())


# The whole kit as a zip -----------------------------------------------------------------------


@dataclass
class ZipEntry:
    name: str  # inside the archive
    storage_name: str = ""  # a file of the default storage…
    text: str = ""  # …or a text
    fingerprint: str = ""

    @property
    def compress_type(self):
        if self.storage_name and extension(self.name) in STORED_EXTENSIONS:
            return zipfile.ZIP_STORED
        return zipfile.ZIP_DEFLATED


def unique_name(folder, stem, ext, taken):
    stem = slugify(stem)[:60] or "fichier"
    name, number = f"{folder}/{stem}.{ext}", 2
    while name in taken:
        name, number = f"{folder}/{stem}-{number}.{ext}", number + 1
    taken.add(name)
    return name


def media_fingerprint(media):
    return f"{media.file.name}:{getattr(media, 'file_hash', '')}:{media.file_size or ''}"


def zip_entries(page, items):
    """What the zip holds: files of the live kit (private documents left out), texts, a readme."""
    entries, taken, accessible, left_out = [], set(), [], []
    private_paths = private_collection_paths()
    for item in items:
        folder = KIND_FOLDERS.get(item.kind, "divers")
        if item.kind == KitItemKind.DOCUMENT and item.document is not None:
            if is_private_document(item.document, private_paths):
                left_out.append(item.title)
                continue
            document = item.document
            name = unique_name(folder, item.title, extension(document.filename), taken)
            entries.append(
                ZipEntry(name, document.file.name, fingerprint=media_fingerprint(document))
            )
            if item.accessible_document is not None:
                if is_private_document(item.accessible_document, private_paths):
                    left_out.append(f"{item.title} (version accessible)")
                else:
                    extra = item.accessible_document
                    extra_name = unique_name(
                        folder,
                        f"{item.title} version accessible",
                        extension(extra.filename),
                        taken,
                    )
                    entries.append(
                        ZipEntry(extra_name, extra.file.name, fingerprint=media_fingerprint(extra))
                    )
                    accessible.append((item.title, extra_name))
            elif item.accessible_url:
                accessible.append((item.title, item.accessible_url))
        elif item.kind == KitItemKind.IMAGE and item.image is not None:
            image = item.image
            name = unique_name(folder, item.title, extension(image.file.name), taken)
            entries.append(ZipEntry(name, image.file.name, fingerprint=media_fingerprint(image)))
            if item.accessible_url:
                accessible.append((item.title, item.accessible_url))
        elif item.kind == KitItemKind.TEXT and item.text.strip():
            name = unique_name(folder, item.title, "txt", taken)
            entries.append(ZipEntry(name, text=text_file(item)))
    readme = readme_text(page, items, entries, accessible, left_out)
    entries.insert(0, ZipEntry("LISEZMOI.txt", text=readme))
    return entries


def text_file(item):
    """A text item as a .txt file: Windows line ends and a BOM, for every editor."""
    return item.text.replace("\r\n", "\n").replace("\n", "\r\n")


def readme_text(page, items, entries, accessible, left_out):
    published = timezone.localtime(page.last_published_at) if page.last_published_at else None
    lines = [
        f"Kit de communication : {page.title}",
        "=" * 40,
        "",
        f"Campagne {campaign_dates(page)}.",
    ]
    if published is not None:
        lines.append(f"Kit mis à jour le {fr_date(published.date(), 'year')}.")
    lines += ["", page.summary, "", "Contenu du kit", "--------------", ""]
    for item in items:
        lines.append(f"- {item.title} ({item.get_kind_display()}, {item.get_language_display()})")
        if item.description:
            lines.append(f"  {item.description}")
        if item.usage_note:
            lines.append(f"  Conditions d'utilisation : {item.usage_note}")
    lines += ["", "Versions accessibles", "--------------------", ""]
    if accessible:
        lines += [f"- {title} : {where}" for title, where in accessible]
    contact = page.contact_email
    lines.append(
        "Pour tout autre document, une version accessible est envoyée sur demande"
        + (f" : {contact}." if contact else ".")
    )
    if left_out:
        lines += [
            "",
            "Documents réservés (à télécharger depuis la page, une fois connecté) :",
            *[f"- {title}" for title in left_out],
        ]
    lines += [
        "",
        "Les visuels existent aussi aux formats des réseaux sociaux (carré, paysage, story, "
        "bannière) : téléchargez-les depuis la page de la campagne.",
        "",
        f"Page de la campagne : {page.full_url or page.url or ''}",
    ]
    return "\r\n".join(lines) + "\r\n"


def zip_name(page, entries):
    digest = hashlib.sha256()
    for entry in entries:
        digest.update(entry.name.encode() + b"\0")
        digest.update((entry.fingerprint or entry.text).encode() + b"\0")
    return f"{KITS_FOLDER}/{page.pk}-{digest.hexdigest()[:20]}.zip"


def write_zip(entries, target, storage=default_storage):
    """Write the archive into the open binary file `target`, one chunk at a time."""
    with zipfile.ZipFile(target, "w", allowZip64=True) as archive:
        for entry in entries:
            info = zipfile.ZipInfo(entry.name, date_time=timezone.localtime().timetuple()[:6])
            info.compress_type = entry.compress_type
            info.external_attr = 0o644 << 16
            if entry.storage_name:
                try:
                    size = storage.size(entry.storage_name)
                    source = storage.open(entry.storage_name, "rb")
                except OSError:
                    # A file lost from the storage: the rest of the kit is still worth having.
                    logger.warning("Kit file missing, left out of the zip: %s", entry.storage_name)
                    continue
                info.file_size = size
                with source, archive.open(info, "w", force_zip64=size > 2**31) as destination:
                    shutil.copyfileobj(source, destination, COPY_CHUNK)
            else:
                data = "\ufeff".encode() + entry.text.encode()
                archive.writestr(info, data)


def kit_zip(page, storage=default_storage):
    """The name, in `storage`, of the zip of the live kit of `page`; built if missing."""
    items = list(kit_items(page))
    entries = zip_entries(page, items)
    name = zip_name(page, entries)
    if storage.exists(name):
        return name
    with tempfile.TemporaryFile(suffix=".zip") as target:
        write_zip(entries, target, storage)
        target.seek(0)
        if storage.exists(name):
            return name  # another process built it meanwhile
        saved = storage.save(name, File(target, name=PurePath(name).name))
    if saved != name:
        # Another process saved the same archive first: keep one.
        storage.delete(saved)
    remove_old_zips(page, keep=name, storage=storage)
    return name


def remove_old_zips(page, keep, storage=default_storage):
    try:
        _folders, files = storage.listdir(KITS_FOLDER)
    except (FileNotFoundError, NotImplementedError, OSError):
        return
    prefix = f"{page.pk}-"
    for filename in files:
        path = f"{KITS_FOLDER}/{filename}"
        if filename.startswith(prefix) and path != keep:
            with contextlib.suppress(OSError):
                storage.delete(path)


def kit_zip_filename(page):
    return f"kit-{page.slug}.zip"
