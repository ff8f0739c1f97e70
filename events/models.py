"""Events, the agenda that lists them, and their materialised occurrences.

An event is a page: partners create theirs under their own structure page (so their page rights
and the moderation workflow apply unchanged), coordination and communication under the agenda.
A recurring event keeps its rule (django-recurrence); publishing it writes its dates, over a
rolling horizon, to the Occurrence table (events/occurrences.py), which is what the agenda, the
home page, structure pages and feeds read. Nothing expands a recurrence while serving a page.
"""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from recurrence.fields import RecurrenceField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from home.blocks import ContentStreamBlock
from home.models import (  # noqa: F401 (FIRST_YEAR, LAST_YEAR: imported from here)
    FIRST_YEAR,
    LAST_YEAR,
    alt_text_errors,
    image_alt_field,
    optional_image,
    outside_private_sections,
    year_error,
    year_errors,
)
from partners.models import (
    RICH_TEXT_FEATURES,
    coordinates_errors,
    latitude_field,
    longitude_field,
    postal_code_field,
)

# The longest single occurrence (a festival week, a two-week exhibition).
MAX_DURATION = datetime.timedelta(days=31)


class EventStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Programmé"
    CANCELLED = "cancelled", "Annulé"
    POSTPONED = "postponed", "Reporté (nouvelle date à venir)"
    FULL = "full", "Complet"


class OccurrenceStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Programmée"
    CANCELLED = "cancelled", "Annulée"
    POSTPONED = "postponed", "Reportée"
    FULL = "full", "Complète"
    MOVED = "moved", "Déplacée"


class NationalCampaign(models.Model):
    """A national prevention campaign events can take part in ("Mois sans tabac")."""

    name = models.CharField("nom", max_length=120, unique=True)
    slug = models.SlugField("identifiant", max_length=120, unique=True)
    organiser = models.CharField(
        "porteur national",
        max_length=200,
        blank=True,
        help_text="Ex. « Santé publique France », « Ministère de la Santé ».",
    )
    period = models.CharField(
        "période habituelle", max_length=100, blank=True, help_text="Ex. « novembre »."
    )
    website = models.URLField("site officiel", blank=True, max_length=500)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("organiser"),
        FieldPanel("period"),
        FieldPanel("website"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = "campagne nationale"
        verbose_name_plural = "campagnes nationales"

    def __str__(self):
        return self.name


class AgendaPage(RoutablePageMixin, Page):
    """The territory's agenda (/agenda/): every upcoming occurrence, a month view, feeds."""

    intro = models.TextField(
        "introduction", max_length=600, blank=True, help_text="Quelques phrases sous le titre."
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["events.EventPage"]
    max_count = 1
    template = "pages/events/agenda_page.html"

    class Meta:
        verbose_name = "agenda"
        verbose_name_plural = "agendas"

    # Each route hands over to a thin view in events/views/. Wagtail serves only paths made of
    # "segment/" parts: feeds are named by their Content-Type, not by an extension.
    @path("", name="list")
    def upcoming(self, request):
        from .views import agenda

        return agenda.list_view(request, self)

    @path("mois/", name="month")
    def month(self, request):
        from .views import agenda

        return agenda.month_view(request, self)

    @path("archives/", name="archive")
    def archive(self, request):
        from .views import agenda

        return agenda.archive_view(request, self)

    @path("ics/", name="ics")
    def ics_feed(self, request):
        from .views import feeds

        return feeds.agenda_ics_view(request, self)

    @path("rss/", name="rss")
    def rss_feed(self, request):
        from .views import feeds

        return feeds.agenda_rss_view(request, self)


class EventPage(RoutablePageMixin, Page):
    """A prevention event: one date, or a series (every Tuesday, first Monday of the month…)."""

    summary = models.TextField(
        "résumé", max_length=280, help_text="Une ou deux phrases : quoi, pour qui, où."
    )
    description = RichTextField("description", features=RICH_TEXT_FEATURES + ["h3"], blank=True)
    image = optional_image("image")
    image_alt = image_alt_field()
    themes = ParentalManyToManyField(
        "home.Theme", verbose_name="thématiques", blank=True, related_name="events"
    )
    publics = ParentalManyToManyField(
        "home.Public", verbose_name="publics cibles", blank=True, related_name="events"
    )
    organiser = models.ForeignKey(
        "partners.StructurePage",
        verbose_name="structure organisatrice",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="organised_events",
        limit_choices_to={"live": True},
        help_text="Pour un événement d'une structure, c'est la structure elle-même.",
    )
    co_organisers = ParentalManyToManyField(
        "partners.StructurePage",
        verbose_name="co-organisateurs",
        blank=True,
        related_name="co_organised_events",
        limit_choices_to={"live": True},
    )
    national_campaign = models.ForeignKey(
        NationalCampaign,
        verbose_name="campagne nationale",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )

    # Where.
    venue = models.CharField(
        "lieu",
        max_length=200,
        blank=True,
        help_text="Ex. « Salle des fêtes », « Parc du château ».",
    )
    street_address = models.CharField("adresse", max_length=200, blank=True)
    postal_code = postal_code_field()
    commune = models.ForeignKey(
        "home.Commune",
        verbose_name="commune",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    latitude = latitude_field()
    longitude = longitude_field()
    online_url = models.URLField(
        "lien pour participer en ligne",
        max_length=500,
        blank=True,
        help_text="Visioconférence, diffusion en direct… Un lieu, un lien, ou les deux.",
    )

    # When (Europe/Paris). A series repeats start–end on each date of the recurrence.
    start = models.DateTimeField("début", help_text="Première date (heure de Paris).")
    end = models.DateTimeField("fin", help_text="Fin de cette première date.")
    all_day = models.BooleanField("toute la journée", default=False)
    recurrence = RecurrenceField(
        verbose_name="répétition",
        blank=True,
        help_text=(
            "Pour une activité régulière : « chaque mardi », « le premier lundi du mois »… "
            "Ajoutez ou excluez des dates au besoin. Sans date de fin, l'agenda affiche "
            "les 18 prochains mois."
        ),
    )

    # How to take part.
    registration_required = models.BooleanField("inscription obligatoire", default=False)
    registration_url = models.URLField("lien d'inscription", max_length=500, blank=True)
    registration_phone = models.CharField("téléphone d'inscription", max_length=30, blank=True)
    registration_email = models.EmailField("adresse d'inscription", blank=True)
    capacity = models.PositiveIntegerField(
        "nombre de places",
        null=True,
        blank=True,
        validators=[MaxValueValidator(100_000)],
    )
    is_free = models.BooleanField("gratuit", default=True)
    price_detail = models.CharField(
        "tarifs",
        max_length=300,
        blank=True,
        help_text="Ex. « 5 €, gratuit pour les moins de 18 ans ».",
    )
    accessibility = models.TextField(
        "accessibilité",
        max_length=1000,
        blank=True,
        help_text="Accès en fauteuil, boucle magnétique, interprète LSF, facile à lire…",
    )
    age_min = models.PositiveSmallIntegerField(
        "âge minimum", null=True, blank=True, validators=[MaxValueValidator(120)]
    )
    age_max = models.PositiveSmallIntegerField(
        "âge maximum", null=True, blank=True, validators=[MaxValueValidator(120)]
    )

    status = models.CharField(
        "statut", max_length=10, choices=EventStatus.choices, default=EventStatus.SCHEDULED
    )
    status_reason = models.CharField(
        "motif", max_length=300, blank=True, help_text="Affiché avec le statut, ex. « Météo »."
    )

    # The UID of the calendar entry this event was imported from (events/importer.py).
    ical_uid = models.CharField(
        "UID iCalendar d'origine", max_length=255, blank=True, editable=False
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("description"),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt")], heading="Image"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldPanel("all_day"),
                FieldPanel("recurrence"),
            ],
            heading="Dates",
            classname="maillage-event-dates",
        ),
        InlinePanel(
            "occurrence_changes",
            heading="Dates annulées, complètes ou déplacées",
            label="modification de date",
        ),
        MultiFieldPanel(
            [FieldPanel("status"), FieldPanel("status_reason")], heading="Statut de l'événement"
        ),
        MultiFieldPanel(
            [
                FieldPanel("venue"),
                FieldPanel("street_address"),
                FieldRowPanel([FieldPanel("postal_code"), FieldPanel("commune")]),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                FieldPanel("online_url"),
            ],
            heading="Lieu",
            classname="maillage-location",
        ),
        MultiFieldPanel(
            [
                FieldPanel("themes"),
                FieldPanel("publics"),
                FieldRowPanel([FieldPanel("age_min"), FieldPanel("age_max")]),
            ],
            heading="Pour qui, sur quoi",
        ),
        MultiFieldPanel(
            [
                FieldPanel("organiser"),
                FieldPanel("co_organisers"),
                FieldPanel("national_campaign"),
            ],
            heading="Organisation",
        ),
        MultiFieldPanel(
            [
                FieldPanel("registration_required"),
                FieldPanel("registration_url"),
                FieldRowPanel([FieldPanel("registration_phone"), FieldPanel("registration_email")]),
                FieldPanel("capacity"),
                FieldPanel("is_free"),
                FieldPanel("price_detail"),
                FieldPanel("accessibility"),
            ],
            heading="Inscription, tarifs, accessibilité",
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("description"),
        index.SearchField("venue"),
        index.AutocompleteField("title"),
        index.RelatedFields("themes", [index.SearchField("name")]),
        index.RelatedFields("publics", [index.SearchField("name")]),
        index.RelatedFields("commune", [index.SearchField("name")]),
        index.FilterField("commune"),
        index.FilterField("organiser"),
        index.FilterField("start"),
        index.FilterField("status"),
    ]

    parent_page_types = ["events.AgendaPage", "partners.StructurePage"]
    subpage_types = []
    template = "pages/events/event_page.html"

    class Meta:
        verbose_name = "événement"
        verbose_name_plural = "événements"

    @path("", name="detail")
    def detail(self, request):
        from .views import event

        return event.detail_view(request, self)

    @path("ics/", name="ics")
    def ics(self, request):
        from .views import feeds

        return feeds.event_ics_view(request, self)

    # Validation -------------------------------------------------------------------------------

    def clean(self):
        super().clean()
        errors = year_errors(self, "start", "end")
        if not errors and self.start and self.end:
            if self.end < self.start:
                errors["end"] = "La fin ne peut précéder le début."
            elif self.end - self.start > MAX_DURATION:
                errors["end"] = (
                    "Une date dure 31 jours au plus : pour une activité qui revient, "
                    "utilisez la répétition."
                )
        errors.update(alt_text_errors(self))
        if not (self.venue or self.street_address or self.commune_id or self.online_url):
            errors["commune"] = (
                "Indiquez un lieu (commune, adresse), un lien en ligne, ou les deux."
            )
        errors.update(coordinates_errors(self))
        if self.age_min is not None and self.age_max is not None and self.age_min > self.age_max:
            errors["age_max"] = "L'âge maximum doit être supérieur ou égal à l'âge minimum."
        if self.registration_required and not (
            self.registration_url or self.registration_phone or self.registration_email
        ):
            errors["registration_url"] = (
                "Indiquez comment s'inscrire : un lien, un téléphone ou une adresse."
            )
        if not errors and self.start and self.end:
            from .occurrences import RecurrenceTooDense, check_recurrence

            try:
                check_recurrence(self)
            except RecurrenceTooDense as error:
                errors["recurrence"] = str(error)
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        # A structure's event is organised by that structure: its partners cannot name another.
        if self.path and self.depth and self.depth > 1:
            parent = self.get_parent()
            if parent is not None and parent.specific_class.__name__ == "StructurePage":
                self.organiser_id = parent.pk
        return super().save(*args, **kwargs)

    # Reading ------------------------------------------------------------------------------

    @property
    def duration(self):
        return self.end - self.start

    @property
    def is_recurring(self):
        recurrence = self.recurrence
        return bool(recurrence and (recurrence.rrules or recurrence.rdates))

    @property
    def is_cancelled(self):
        return self.status == EventStatus.CANCELLED

    @property
    def has_location(self):
        return self.latitude is not None and self.longitude is not None

    @property
    def image_alt_text(self):
        return self.image_alt or (self.image.default_alt_text if self.image else "")

    def upcoming_occurrences(self, now=None):
        """This event's occurrences that have not ended, cancelled ones included, in order."""
        return self.occurrences.filter(end__gte=now or timezone.now()).order_by("start", "pk")


class OccurrenceChange(Orderable):
    """One date of a series cancelled, full or moved, without touching the rest of the series.

    Part of the event's revision: it goes through moderation like any other change, and is
    applied to the occurrence table when the event is published.
    """

    class Change(models.TextChoices):
        CANCELLED = "cancelled", "Annulée"
        FULL = "full", "Complète"
        MOVED = "moved", "Déplacée"

    event = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="occurrence_changes")
    date = models.DateField(
        "date concernée", help_text="La date de la série à modifier (jj/mm/aaaa)."
    )
    change = models.CharField(
        "modification", max_length=10, choices=Change.choices, default=Change.CANCELLED
    )
    new_start = models.DateTimeField(
        "nouveau début", null=True, blank=True, help_text="Seulement pour une date déplacée."
    )
    new_end = models.DateTimeField("nouvelle fin", null=True, blank=True)
    reason = models.CharField(
        "motif", max_length=300, blank=True, help_text="Affiché sur le site, ex. « Jour férié »."
    )

    panels = [
        FieldRowPanel([FieldPanel("date"), FieldPanel("change")]),
        FieldRowPanel([FieldPanel("new_start"), FieldPanel("new_end")]),
        FieldPanel("reason"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "modification de date"
        verbose_name_plural = "modifications de dates"

    def __str__(self):
        return f"{self.date:%d/%m/%Y} : {self.get_change_display()}"

    def clean(self):
        errors = year_errors(self, "date", "new_start", "new_end")
        if self.change == self.Change.MOVED and self.new_start is None:
            errors["new_start"] = "Indiquez la nouvelle date de cette séance."
        if self.change != self.Change.MOVED and (self.new_start or self.new_end):
            errors["new_start"] = "Une nouvelle date ne sert que pour une séance déplacée."
        if not errors and self.new_start and self.new_end:
            if self.new_end < self.new_start:
                errors["new_end"] = "La fin ne peut précéder le début."
            elif self.new_end - self.new_start > MAX_DURATION:
                errors["new_end"] = "Une date dure 31 jours au plus."
        if errors:
            raise ValidationError(errors)


class OccurrenceQuerySet(models.QuerySet):
    def visible(self):
        """Occurrences of live events that anyone may see (no view restriction)."""
        public = EventPage.objects.live().filter(outside_private_sections())
        return self.filter(event__in=public.values("pk"))

    def upcoming(self, now=None):
        return self.filter(end__gte=now or timezone.now()).order_by("start", "pk")

    def past(self, now=None):
        return self.filter(end__lt=now or timezone.now()).order_by("-start", "-pk")

    def between(self, start, end):
        """Occurrences overlapping [start, end)."""
        return self.filter(start__lt=end, end__gte=start)

    def for_structure(self, structure):
        """Events a structure organises, co-organises or publishes under its page."""
        return self.filter(
            models.Q(event__organiser=structure)
            | models.Q(event__co_organisers=structure)
            | models.Q(event__path__startswith=structure.path, event__depth=structure.depth + 1)
        ).distinct()

    def for_listing(self):
        """What a listing shows of each occurrence, in a constant number of queries."""
        return self.select_related("event", "event__commune", "event__organiser", "event__image")


class Occurrence(models.Model):
    """One materialised date of an event: what every agenda query reads.

    Written only by events/occurrences.py, from the live version of the event.
    """

    event = models.ForeignKey(
        EventPage, on_delete=models.CASCADE, related_name="occurrences", verbose_name="événement"
    )
    start = models.DateTimeField("début", db_index=True)
    end = models.DateTimeField("fin")
    all_day = models.BooleanField("toute la journée", default=False)
    status = models.CharField(
        "statut",
        max_length=10,
        choices=OccurrenceStatus.choices,
        default=OccurrenceStatus.SCHEDULED,
        db_index=True,
    )
    reason = models.CharField("motif", max_length=300, blank=True)
    # For a moved occurrence, when the series had it (its RECURRENCE-ID in iCalendar).
    original_start = models.DateTimeField("date d'origine", null=True, blank=True)

    objects = OccurrenceQuerySet.as_manager()

    class Meta:
        ordering = ["start", "pk"]
        verbose_name = "date d'événement"
        verbose_name_plural = "dates d'événements"
        indexes = [
            models.Index(fields=["event", "start"], name="events_occ_event_start"),
            models.Index(fields=["end"], name="events_occ_end"),
        ]

    def __str__(self):
        return f"{self.event.title} – {timezone.localtime(self.start):%d/%m/%Y %H:%M}"

    @property
    def is_cancelled(self):
        return self.status == OccurrenceStatus.CANCELLED

    @property
    def is_full(self):
        return self.status == OccurrenceStatus.FULL

    @property
    def series_start(self):
        """The date/time the series gave this occurrence (its iCalendar RECURRENCE-ID)."""
        return self.original_start or self.start

    @property
    def local_start(self):
        return timezone.localtime(self.start)

    @property
    def local_end(self):
        return timezone.localtime(self.end)


# Campaigns and their communication kits ------------------------------------------------------


class CampaignIndexPage(Page):
    """/campagnes/: the territory's campaigns, current and upcoming first, then past ones."""

    intro = models.TextField("introduction", max_length=600, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["events.CampaignPage"]
    max_count = 1
    template = "pages/events/campaign_index_page.html"

    def get_context(self, request, *args, **kwargs):
        from .campaigns import campaign_listing

        context = super().get_context(request, *args, **kwargs)
        context.update(campaign_listing(self, request))
        return context

    class Meta:
        verbose_name = "liste des campagnes"
        verbose_name_plural = "listes des campagnes"


class CampaignPage(RoutablePageMixin, Page):
    """A prevention campaign relayed on the territory, with the kit partners download and relay.

    Its events are listed automatically: those that take part in its national campaign, between
    its dates. Each file of its kit is downloaded through a route of the page, which counts it
    (events/views/campaigns.py).
    """

    national_campaign = models.ForeignKey(
        NationalCampaign,
        verbose_name="campagne nationale",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="campaign_pages",
        help_text="Les événements rattachés à cette campagne nationale pendant la période "
        "s'affichent d'eux-mêmes sur la page.",
    )
    start_date = models.DateField("début")
    end_date = models.DateField("fin")
    summary = models.TextField(
        "résumé", max_length=400, help_text="Deux ou trois phrases : le message, pour qui."
    )
    body = StreamField(ContentStreamBlock(), verbose_name="contenu", blank=True)
    hero_image = optional_image("image principale")
    hero_image_alt = image_alt_field()
    themes = ParentalManyToManyField(
        "home.Theme", verbose_name="thématiques", blank=True, related_name="campaigns"
    )
    publics = ParentalManyToManyField(
        "home.Public", verbose_name="publics cibles", blank=True, related_name="campaigns"
    )
    structures = ParentalManyToManyField(
        "partners.StructurePage",
        verbose_name="structures participantes",
        blank=True,
        related_name="campaigns",
        limit_choices_to={"live": True},
    )
    contact_email = models.EmailField(
        "contact presse et communication", blank=True, help_text="Pour les questions sur le kit."
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")], heading="Période"),
        FieldPanel("national_campaign"),
        MultiFieldPanel(
            [FieldPanel("hero_image"), FieldPanel("hero_image_alt")], heading="Image principale"
        ),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("themes"), FieldPanel("publics"), FieldPanel("structures")],
            heading="Thématiques, publics et structures",
        ),
        InlinePanel("kit_items", heading="Kit de communication", label="élément du kit"),
        FieldPanel("contact_email"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
        index.FilterField("start_date"),
        index.FilterField("end_date"),
        index.RelatedFields("themes", [index.SearchField("name")]),
        index.RelatedFields("publics", [index.SearchField("name")]),
        index.RelatedFields(
            "kit_items", [index.SearchField("title"), index.SearchField("description")]
        ),
    ]

    parent_page_types = ["events.CampaignIndexPage"]
    subpage_types = []
    template = "pages/events/campaign_page.html"

    class Meta:
        verbose_name = "campagne"
        verbose_name_plural = "campagnes"

    def clean(self):
        super().clean()
        errors = year_errors(self, "start_date", "end_date")
        if not errors and self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = "La fin de la campagne ne peut précéder son début."
        errors |= alt_text_errors(self, "hero_image", "hero_image_alt")
        if errors:
            raise ValidationError(errors)

    def get_context(self, request, *args, **kwargs):
        from .campaigns import campaign_context

        context = super().get_context(request, *args, **kwargs)
        context.update(campaign_context(self, request))
        return context

    def is_current(self, today=None):
        today = today or timezone.localdate()
        return self.start_date <= today <= self.end_date

    # The kit's downloads: Wagtail routes only live pages here; the views check the rest.
    @path("kit/tout/", name="kit_zip")
    def kit_zip(self, request):
        from .views import campaigns

        return campaigns.kit_zip_view(request, self)

    @path("kit/<int:item_id>/", name="kit_item")
    def kit_item(self, request, item_id):
        from .views import campaigns

        return campaigns.item_file_view(request, self, item_id)

    @path("kit/<int:item_id>/<slug:variant>/", name="kit_variant")
    def kit_variant(self, request, item_id, variant):
        from .views import campaigns

        return campaigns.item_variant_view(request, self, item_id, variant)


class KitItemKind(models.TextChoices):
    DOCUMENT = "document", "Document (affiche, flyer, dépliant…)"
    IMAGE = "image", "Visuel (réseaux sociaux, site, écran)"
    TEXT = "text", "Texte prêt à copier"


class KitItem(Orderable):
    """One piece of a campaign's communication kit: a document, a visual or a text to copy."""

    LANGUAGES = [
        ("fr", "français"),
        ("fr-falc", "français facile à lire (FALC)"),
        ("en", "anglais"),
        ("ar", "arabe"),
        ("es", "espagnol"),
        ("pt", "portugais"),
        ("tr", "turc"),
        ("uk", "ukrainien"),
    ]

    page = ParentalKey(CampaignPage, on_delete=models.CASCADE, related_name="kit_items")
    kind = models.CharField("type", max_length=20, choices=KitItemKind.choices)
    title = models.CharField("titre", max_length=160)
    description = models.TextField(
        "description", max_length=500, blank=True, help_text="Ce que c'est, où l'utiliser."
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name="document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="PDF, DOCX, ODT, PPTX… (pour un élément de type document).",
    )
    image = optional_image("visuel", help_text="Pour un élément de type visuel.")
    image_alt = models.CharField(
        "texte alternatif du visuel",
        max_length=250,
        blank=True,
        help_text="Ce que montre le visuel, texte compris.",
    )
    text = models.TextField(
        "texte à copier",
        max_length=5000,
        blank=True,
        help_text="Pour un élément de type texte : publication, courriel, article de bulletin.",
    )
    language = models.CharField("langue", max_length=10, choices=LANGUAGES, default="fr")
    usage_note = models.CharField(
        "conditions d'utilisation",
        max_length=300,
        blank=True,
        help_text="Licence, crédits, usages permis (ex. « libre de droits pour les partenaires, "
        "sans modification »).",
    )
    accessible_document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name="version accessible (document)",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Une version accessible du même contenu (RGAA 13.3) : PDF balisé, page web, "
        "texte.",
    )
    accessible_url = models.URLField(
        "version accessible (adresse)",
        max_length=500,
        blank=True,
        help_text="À défaut d'un document : l'adresse d'une version accessible en ligne.",
    )

    panels = [
        FieldPanel("kind"),
        FieldPanel("title"),
        FieldPanel("description"),
        FieldPanel("document"),
        FieldPanel("image"),
        FieldPanel("image_alt"),
        FieldPanel("text"),
        FieldRowPanel([FieldPanel("language"), FieldPanel("usage_note")]),
        MultiFieldPanel(
            [FieldPanel("accessible_document"), FieldPanel("accessible_url")],
            heading="Version accessible",
        ),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "élément du kit"
        verbose_name_plural = "éléments du kit"

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        errors = {}
        required = {
            KitItemKind.DOCUMENT: ("document", self.document_id, "Choisissez le document."),
            KitItemKind.IMAGE: ("image", self.image_id, "Choisissez le visuel."),
            KitItemKind.TEXT: ("text", self.text.strip(), "Écrivez le texte à copier."),
        }
        if self.kind in required:
            name, value, message = required[self.kind]
            if not value:
                errors[name] = message
        if self.kind == KitItemKind.IMAGE and self.image_id and not self.image_alt.strip():
            errors["image_alt"] = "Décrivez le visuel en quelques mots (texte alternatif)."
        if errors:
            raise ValidationError(errors)


class KitDownload(models.Model):
    """How many times a kit item (or a whole kit) was downloaded in a month.

    Anonymous by construction: a counter per item, variant and month, nothing about who.
    Items are keyed by their id (or "kit" for the whole zip) with their title beside, so that
    the counts outlive an item removed from the kit.
    """

    WHOLE_KIT = "kit"
    ORIGINAL = "original"

    campaign = models.ForeignKey(
        CampaignPage,
        verbose_name="campagne",
        on_delete=models.CASCADE,
        related_name="kit_downloads",
    )
    item_key = models.CharField("élément (identifiant)", max_length=20)
    item_title = models.CharField("élément", max_length=160)
    variant = models.CharField(
        "variante",
        max_length=40,
        default=ORIGINAL,
        help_text="« original », ou le format de réseau social du visuel.",
    )
    month = models.DateField("mois", help_text="Le premier jour du mois.")
    count = models.PositiveIntegerField("téléchargements", default=0)

    class Meta:
        verbose_name = "téléchargements du kit"
        verbose_name_plural = "téléchargements des kits"
        ordering = ["-month", "item_title"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "item_key", "variant", "month"],
                name="kit_download_once_a_month",
            )
        ]

    def __str__(self):
        return f"{self.item_title} ({self.variant}) {self.month:%m/%Y} : {self.count}"
