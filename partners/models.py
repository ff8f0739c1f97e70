"""Partner structures, the actions they offer, the directory that lists them, and partner accounts.

A structure is a page under the directory; its actions (and later its events) are its children.
A partner's rights are page permissions on its own structure's subtree, so one rule covers its
profile, actions and events, and Wagtail enforces it in every admin view.
"""

import datetime
import html
from pathlib import PurePosixPath

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Collection, Orderable, Page
from wagtail.search import index

from home.models import optional_image
from home.sanitize import plain_text

from .api import ACTION_API_FIELDS, STRUCTURE_API_FIELDS

RICH_TEXT_FEATURES = ["bold", "italic", "ol", "ul", "link"]

# Path segments the directory answers itself (see partners/views.py): no structure may take them.
RESERVED_SLUGS = {"carte", "devenir-partenaire", "export", "donnees", "livret"}


class Typology(models.TextChoices):
    """Kinds of structures, after data·inclusion's typology where one exists."""

    CCAS = "CCAS", "CCAS / CIAS"
    CPTS = "CPTS", "CPTS"
    MSP = "MSP", "Maison de santé pluriprofessionnelle"
    CENTRE_SANTE = "CDS", "Centre de santé"
    HOSPITAL = "CH", "Hôpital / centre hospitalier"
    CMP = "CMP", "Centre médico-psychologique"
    ADDICTOLOGY = "CSAPA", "CSAPA / consultation jeunes consommateurs"
    PMI = "PMI", "Protection maternelle et infantile (PMI)"
    SPORT_HEALTH = "MSS", "Maison sport-santé"
    ASSOCIATION = "ASSO", "Association"
    FOOD_BANK = "BANQUE_ALIM", "Banque alimentaire / épicerie solidaire"
    MUTUAL = "MUTUELLE", "Mutuelle"
    SOCIAL_SECURITY = "SECU", "Assurance maladie, CAF, MSA"
    FRANCE_SERVICES = "FS", "France services"
    LOCAL_AUTHORITY = "COLLECTIVITE", "Collectivité (commune, communauté, département)"
    EDUCATION = "EDUC", "Établissement scolaire ou de formation"
    OTHER = "AUTRE", "Autre"


class Fees(models.TextChoices):
    FREE = "gratuit", "Gratuit"
    MEANS_TESTED = "selon-ressources", "Selon les ressources"
    PAID = "payant", "Payant"
    COVERED = "pris-en-charge", "Pris en charge (Assurance maladie, mutuelle)"


class StepFreeAccess(models.TextChoices):
    UNKNOWN = "", "Non renseigné"
    YES = "oui", "Accès de plain-pied ou ascenseur"
    PARTIAL = "partiel", "Accès partiel (aide possible)"
    NO = "non", "Pas d'accès de plain-pied"


latitude_validators = [MinValueValidator(-90), MaxValueValidator(90)]
longitude_validators = [MinValueValidator(-180), MaxValueValidator(180)]
postal_code_validator = RegexValidator(r"^\d{5}$", "Un code postal compte 5 chiffres.")
siret_validator = RegexValidator(r"^\d{14}$", "Un numéro SIRET compte 14 chiffres, sans espace.")


def postal_code_field():
    return models.CharField(
        "code postal", max_length=5, blank=True, validators=[postal_code_validator]
    )


def latitude_field(**options):
    return models.DecimalField(
        "latitude",
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=latitude_validators,
        **options,
    )


def longitude_field(**options):
    return models.DecimalField(
        "longitude",
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=longitude_validators,
        **options,
    )


def coordinates_errors(place):
    """A form error if `place` has a latitude without a longitude, or the reverse."""
    if (place.latitude is None) == (place.longitude is None):
        return {}
    missing = "longitude" if place.latitude is not None else "latitude"
    return {missing: "Indiquez la latitude et la longitude, ou aucune des deux."}


def validate_siret(value):
    """14 digits whose Luhn checksum holds (La Poste's SIRETs are the documented exception)."""
    siret_validator(value)
    if value.startswith("356000000"):
        return
    total = 0
    for position, digit in enumerate(reversed(value)):
        number = int(digit) * (2 if position % 2 else 1)
        total += number - 9 if number > 9 else number
    if total % 10:
        raise ValidationError("Ce numéro SIRET n'est pas valide (clé de contrôle incorrecte).")


class StructureIndexPage(RoutablePageMixin, Page):
    """The directory of actors and actions: filters, list, map, open data exports.

    The routes answer below the directory's own URL (/structures/carte/…); each one hands over
    to a thin view in partners/views/, and RESERVED_SLUGS keeps structures from shadowing them.
    """

    intro = models.TextField(
        "introduction",
        max_length=600,
        blank=True,
        help_text="Quelques phrases au-dessus des filtres.",
    )
    join_text = RichTextField(
        "texte « Devenir partenaire »",
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text="Affiché au-dessus du formulaire de demande de compte partenaire.",
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("join_text")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["partners.StructurePage"]
    max_count = 1
    template = "pages/partners/structure_index_page.html"

    class Meta:
        verbose_name = "annuaire des acteurs"
        verbose_name_plural = "annuaires des acteurs"

    @path("", name="list")
    def directory(self, request):
        from .views import directory

        return directory.list_view(request, self)

    @path("carte/", name="map")
    def directory_map(self, request):
        from .views import directory

        return directory.map_view(request, self)

    @path("carte/donnees/", name="map_data")  # GeoJSON (Wagtail routes end with "/")
    def directory_map_data(self, request):
        from .views import directory

        return directory.map_data_view(request, self)

    @path("devenir-partenaire/", name="join")
    def join(self, request):
        from .views import join

        return join.join_view(request, self)

    @path("devenir-partenaire/merci/", name="join_thanks")
    def join_thanks(self, request):
        from .views import join

        return join.thanks_view(request, self)

    @path("livret/", name="booklet")
    def booklet(self, request):
        from .views import booklet

        return booklet.booklet_view(request, self)

    @path("livret/pdf/", name="booklet_pdf")
    def booklet_pdf(self, request):
        from .views import booklet

        return booklet.booklet_pdf_view(request, self)

    # Wagtail serves only paths made of "segment/" parts: no file extension in these routes
    # (the downloads are named by their Content-Disposition and Content-Type).
    @path("export/csv/", name="export_csv")
    def export_csv(self, request):
        from .views import exports

        return exports.csv_view(request, self)

    @path("export/data-inclusion/", name="export_data_inclusion")
    def export_data_inclusion(self, request):
        from .views import exports

        return exports.data_inclusion_view(request, self)


class StructurePage(Page):
    """A partner structure's public profile, kept current by the structure itself."""

    short_description = models.TextField(
        "présentation courte",
        max_length=280,
        help_text="Une ou deux phrases : qui vous êtes et pour qui (280 caractères au plus).",
    )
    missions = RichTextField("missions et rôles", features=RICH_TEXT_FEATURES + ["h3"], blank=True)
    typology = models.CharField(
        "typologie", max_length=20, choices=Typology.choices, default=Typology.ASSOCIATION
    )
    logo = optional_image("logo")
    themes = ParentalManyToManyField(
        "home.Theme", verbose_name="thématiques", blank=True, related_name="structures"
    )
    publics = ParentalManyToManyField(
        "home.Public", verbose_name="publics cibles", blank=True, related_name="structures"
    )

    # Where it acts.
    whole_territory = models.BooleanField(
        "intervient sur tout le territoire",
        default=False,
        help_text="Sinon, précisez les communautés de communes ou les communes.",
    )
    area_communities = ParentalManyToManyField(
        "home.Community",
        verbose_name="communautés de communes couvertes",
        blank=True,
        related_name="+",
    )
    area_communes = ParentalManyToManyField(
        "home.Commune", verbose_name="communes couvertes", blank=True, related_name="+"
    )

    # Where to find it.
    street_address = models.CharField("adresse", max_length=200, blank=True)
    address_complement = models.CharField("complément d'adresse", max_length=200, blank=True)
    postal_code = postal_code_field()
    commune = models.ForeignKey(
        "home.Commune",
        verbose_name="commune",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="structures",
    )
    latitude = latitude_field(
        help_text="Degrés décimaux, ex. 47.4578. Cliquez sur la carte pour la remplir.",
    )
    longitude = longitude_field(help_text="Degrés décimaux, ex. 3.5172.")

    # How to come.
    appointment_only = models.BooleanField("uniquement sur rendez-vous", default=False)
    hours_note = models.CharField(
        "précisions sur les horaires",
        max_length=200,
        blank=True,
        help_text="Ex. « Permanence téléphonique le mercredi matin ».",
    )
    step_free_access = models.CharField(
        "accessibilité du lieu",
        max_length=10,
        choices=StepFreeAccess.choices,
        blank=True,
        default=StepFreeAccess.UNKNOWN,
    )
    languages = models.CharField(
        "langues parlées",
        max_length=200,
        blank=True,
        help_text="Séparées par des virgules, ex. « français, anglais, langue des signes ».",
    )
    access_conditions = models.TextField(
        "conditions d'accès",
        max_length=1000,
        blank=True,
        help_text="Ex. « Sur orientation d'un professionnel », « Résider dans la commune ».",
    )
    fees = models.CharField("tarifs", max_length=20, choices=Fees.choices, default=Fees.FREE)
    fees_detail = models.CharField("précisions sur les tarifs", max_length=300, blank=True)

    # Administrative.
    siret = models.CharField(
        "SIRET", max_length=14, blank=True, validators=[validate_siret], help_text="Facultatif."
    )
    last_verified = models.DateField(
        "dernière vérification",
        null=True,
        blank=True,
        help_text="Mise à jour à chaque publication validée par la coordination.",
    )

    content_panels = Page.content_panels + [
        FieldPanel("short_description"),
        FieldPanel("typology"),
        FieldPanel("logo"),
        FieldPanel("missions"),
        MultiFieldPanel(
            [FieldPanel("themes"), FieldPanel("publics")], heading="Pour qui, sur quoi"
        ),
        MultiFieldPanel(
            [
                FieldPanel("whole_territory"),
                FieldPanel("area_communities"),
                FieldPanel("area_communes"),
            ],
            heading="Territoire d'intervention",
        ),
        MultiFieldPanel(
            [
                FieldPanel("street_address"),
                FieldPanel("address_complement"),
                FieldRowPanel([FieldPanel("postal_code"), FieldPanel("commune")]),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading="Adresse",
            classname="maillage-location",
        ),
        InlinePanel("contacts", heading="Contacts", label="contact"),
        MultiFieldPanel(
            [
                FieldPanel("appointment_only"),
                FieldPanel("hours_note"),
                InlinePanel("opening_hours", label="créneau"),
            ],
            heading="Horaires d'ouverture",
        ),
        InlinePanel("closures", heading="Fermetures exceptionnelles", label="fermeture"),
        MultiFieldPanel(
            [
                FieldPanel("step_free_access"),
                FieldPanel("languages"),
                FieldPanel("access_conditions"),
                FieldPanel("fees"),
                FieldPanel("fees_detail"),
            ],
            heading="Accès et accueil",
        ),
        MultiFieldPanel(
            [FieldPanel("siret"), FieldPanel("last_verified", read_only=True)], heading="Gestion"
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("short_description", boost=2),
        index.SearchField("missions"),
        index.SearchField("access_conditions"),
        index.AutocompleteField("title"),
        index.RelatedFields("themes", [index.SearchField("name")]),
        index.RelatedFields("publics", [index.SearchField("name")]),
        index.RelatedFields("commune", [index.SearchField("name")]),
        index.FilterField("typology"),
        index.FilterField("commune"),
    ]

    api_fields = STRUCTURE_API_FIELDS  # public fields only: see partners/api.py

    parent_page_types = ["partners.StructureIndexPage"]
    subpage_types = ["partners.ActionPage", "events.EventPage"]
    template = "pages/partners/structure_page.html"

    class Meta:
        verbose_name = "structure"
        verbose_name_plural = "structures"

    def clean(self):
        super().clean()
        errors = {}
        if self.slug in RESERVED_SLUGS:
            errors["slug"] = f"« {self.slug} » est réservé par l'annuaire ; choisissez-en un autre."
        errors.update(coordinates_errors(self))
        if errors:
            raise ValidationError(errors)

    # What the structure page shows, read once per request (the template reads some twice).
    PAGE_RELATIONS = [
        "contacts",
        "opening_hours",
        "closures",
        "themes",
        "publics",
        "area_communities",
        "area_communes",
    ]

    # How many upcoming events the structure page lists (the next date of each).
    UPCOMING_EVENTS = 6

    def get_context(self, request, *args, **kwargs):
        if not getattr(self, "_prefetched_objects_cache", None):
            models.prefetch_related_objects([self], *self.PAGE_RELATIONS)
        context = super().get_context(request, *args, **kwargs)
        context.update(self.upcoming_events())
        return context

    def upcoming_events(self):
        """The next date of the events it organises, co-organises or publishes; the agenda."""
        from urllib.parse import urlencode

        from events.filters import next_per_event  # events builds on partners
        from events.models import AgendaPage, Occurrence

        occurrences = next_per_event(Occurrence.objects.visible().for_structure(self))
        upcoming = list(occurrences.for_listing()[: self.UPCOMING_EVENTS])
        agenda = AgendaPage.objects.live().first() if upcoming else None
        return {
            "upcoming_events": upcoming,
            "agenda_page": agenda,
            "agenda_query": urlencode({"organisateur": self.slug}),
        }

    @property
    def has_location(self):
        return self.latitude is not None and self.longitude is not None

    def public_contacts(self):
        return [contact for contact in self.contacts.all() if contact.is_public]

    def is_open_at(self, moment=None):
        """True if a weekly slot covers `moment` (local time) and no closure covers its date."""
        moment = timezone.localtime(moment)
        today, now = moment.date(), moment.time()
        if any(closure.covers(today) for closure in self.closures.all()):
            return False
        return any(slot.covers(moment.weekday(), now) for slot in self.opening_hours.all())

    def closure_on(self, date):
        return next((c for c in self.closures.all() if c.covers(date)), None)


class StructureContact(Orderable):
    """A way to reach the structure, shown to everyone or to logged-in professionals only."""

    class Visibility(models.TextChoices):
        PUBLIC = "public", "Public"
        PROFESSIONALS = "pro", "Professionnels seulement"

    structure = ParentalKey(StructurePage, on_delete=models.CASCADE, related_name="contacts")
    role = models.CharField(
        "rôle", max_length=120, help_text="Ex. « Accueil », « Infirmière de prévention »."
    )
    name = models.CharField("nom", max_length=120, blank=True)
    phone = models.CharField("téléphone", max_length=30, blank=True)
    email = models.EmailField("adresse électronique", blank=True)
    website = models.URLField("site web", blank=True)
    visibility = models.CharField(
        "visibilité", max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC
    )

    panels = [
        FieldRowPanel([FieldPanel("role"), FieldPanel("name")]),
        FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
        FieldPanel("website"),
        FieldPanel("visibility"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "contact"
        verbose_name_plural = "contacts"

    def __str__(self):
        return self.role

    @property
    def is_public(self):
        return self.visibility == self.Visibility.PUBLIC

    def clean(self):
        if not (self.phone or self.email or self.website):
            raise ValidationError("Indiquez au moins un téléphone, une adresse ou un site web.")


class OpeningHours(Orderable):
    """A weekly opening slot: Monday 9:00–12:00. Several slots make a day with a lunch break."""

    class Weekday(models.IntegerChoices):
        MONDAY = 0, "lundi"
        TUESDAY = 1, "mardi"
        WEDNESDAY = 2, "mercredi"
        THURSDAY = 3, "jeudi"
        FRIDAY = 4, "vendredi"
        SATURDAY = 5, "samedi"
        SUNDAY = 6, "dimanche"

    structure = ParentalKey(StructurePage, on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField("jour", choices=Weekday.choices)
    opens = models.TimeField("ouverture")
    closes = models.TimeField("fermeture")
    by_appointment = models.BooleanField("sur rendez-vous", default=False)

    panels = [
        FieldRowPanel(
            [
                FieldPanel("weekday"),
                FieldPanel("opens"),
                FieldPanel("closes"),
                FieldPanel("by_appointment"),
            ]
        )
    ]

    # schema.org day names, for openingHoursSpecification.
    SCHEMA_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

    class Meta(Orderable.Meta):
        verbose_name = "créneau d'ouverture"
        verbose_name_plural = "horaires d'ouverture"

    def __str__(self):
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"

    def clean(self):
        if self.opens is not None and self.closes is not None and self.closes <= self.opens:
            raise ValidationError({"closes": "La fermeture doit suivre l'ouverture."})

    def covers(self, weekday, time):
        return self.weekday == weekday and self.opens <= time < self.closes

    @property
    def schema_day(self):
        return self.SCHEMA_DAYS[self.weekday]


class Closure(Orderable):
    """An exceptional closure: holidays, training day, works…"""

    structure = ParentalKey(StructurePage, on_delete=models.CASCADE, related_name="closures")
    start_date = models.DateField("du")
    end_date = models.DateField("au")
    reason = models.CharField("motif", max_length=200, help_text="Ex. « Congés d'été ».")

    panels = [
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
        FieldPanel("reason"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "fermeture exceptionnelle"
        verbose_name_plural = "fermetures exceptionnelles"

    def __str__(self):
        return f"{self.start_date:%d/%m/%Y}–{self.end_date:%d/%m/%Y} : {self.reason}"

    def clean(self):
        errors = {}
        for name in ("start_date", "end_date"):
            value = getattr(self, name)
            if value is not None and not 2000 <= value.year <= 2100:
                errors[name] = "Indiquez une date entre 2000 et 2100."
        if not errors and self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = "La fin de la fermeture ne peut précéder son début."
        if errors:
            raise ValidationError(errors)

    def covers(self, date):
        return self.start_date <= date <= self.end_date


class ActionPage(Page):
    """An action or service a structure offers: a consultation, a workshop, a permanence…"""

    summary = models.TextField(
        "résumé", max_length=280, help_text="Une ou deux phrases : quoi, pour qui, où."
    )
    description = RichTextField("description", features=RICH_TEXT_FEATURES + ["h3"], blank=True)
    themes = ParentalManyToManyField(
        "home.Theme", verbose_name="thématiques", blank=True, related_name="actions"
    )
    publics = ParentalManyToManyField(
        "home.Public", verbose_name="publics cibles", blank=True, related_name="actions"
    )
    on_site = models.BooleanField("sur place", default=True)
    remote = models.BooleanField("à distance", default=False)
    itinerant = models.BooleanField("itinérant (aller-vers)", default=False)
    access_conditions = models.TextField("conditions d'accès", max_length=1000, blank=True)
    fees = models.CharField("tarifs", max_length=20, choices=Fees.choices, default=Fees.FREE)
    fees_detail = models.CharField("précisions sur les tarifs", max_length=300, blank=True)
    contact_phone = models.CharField("téléphone", max_length=30, blank=True)
    contact_email = models.EmailField("adresse électronique", blank=True)
    booking_url = models.URLField(
        "lien de prise de rendez-vous ou d'inscription", blank=True, max_length=500
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("description"),
        MultiFieldPanel(
            [FieldPanel("themes"), FieldPanel("publics")], heading="Pour qui, sur quoi"
        ),
        FieldRowPanel(
            [FieldPanel("on_site"), FieldPanel("remote"), FieldPanel("itinerant")],
            heading="Modalités",
        ),
        MultiFieldPanel(
            [FieldPanel("access_conditions"), FieldPanel("fees"), FieldPanel("fees_detail")],
            heading="Accès",
        ),
        MultiFieldPanel(
            [FieldPanel("contact_phone"), FieldPanel("contact_email"), FieldPanel("booking_url")],
            heading="Contact et inscription",
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("description"),
        index.AutocompleteField("title"),
        index.RelatedFields("themes", [index.SearchField("name")]),
        index.RelatedFields("publics", [index.SearchField("name")]),
    ]

    api_fields = ACTION_API_FIELDS

    parent_page_types = ["partners.StructurePage"]
    subpage_types = []
    template = "pages/partners/action_page.html"

    class Meta:
        verbose_name = "action ou service"
        verbose_name_plural = "actions et services"

    def clean(self):
        super().clean()
        if not (self.on_site or self.remote or self.itinerant):
            raise ValidationError(
                {"on_site": "Choisissez au moins une modalité : sur place, à distance, itinérant."}
            )

    @property
    def modes(self):
        labels = [("on_site", "sur place"), ("remote", "à distance"), ("itinerant", "itinérant")]
        return [label for name, label in labels if getattr(self, name)]


# Partner accounts ------------------------------------------------------------------------------


class PartnerSpace(models.Model):
    """What a structure's staff share: its group (page rights) and its media collection."""

    structure = models.OneToOneField(
        "wagtailcore.Page",
        verbose_name="structure",
        on_delete=models.CASCADE,
        related_name="partner_space",
    )
    group = models.OneToOneField(
        Group, verbose_name="groupe", on_delete=models.PROTECT, related_name="partner_space"
    )
    collection = models.OneToOneField(
        Collection,
        verbose_name="collection",
        on_delete=models.PROTECT,
        related_name="partner_space",
    )
    created_at = models.DateTimeField("créé le", auto_now_add=True)

    class Meta:
        verbose_name = "espace partenaire"
        verbose_name_plural = "espaces partenaires"

    def __str__(self):
        return self.group.name

    @property
    def members(self):
        return self.group.user_set.all()


class PartnerRequest(models.Model):
    """A structure's request for a partner account, sent from the public form."""

    class Status(models.TextChoices):
        PENDING = "pending", "À traiter"
        APPROVED = "approved", "Acceptée"
        REJECTED = "rejected", "Refusée"

    structure_name = models.CharField("structure", max_length=200)
    typology = models.CharField(
        "typologie", max_length=20, choices=Typology.choices, default=Typology.ASSOCIATION
    )
    commune = models.ForeignKey(
        "home.Commune",
        verbose_name="commune",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    first_name = models.CharField("prénom", max_length=150)
    last_name = models.CharField("nom", max_length=150)
    contact_role = models.CharField(
        "fonction", max_length=150, help_text="Ex. « Directrice », « Chargé de prévention »."
    )
    email = models.EmailField("adresse électronique")
    phone = models.CharField("téléphone", max_length=30, blank=True)
    message = models.TextField("message", max_length=3000, blank=True)

    status = models.CharField(
        "état", max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    existing_structure = models.ForeignKey(
        StructurePage,
        verbose_name="structure existante",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Si la structure a déjà une fiche, l'accepter y rattache le compte.",
    )
    decision_note = models.TextField(
        "note de la coordination",
        blank=True,
        help_text="Envoyée au demandeur en cas de refus.",
    )
    created_at = models.DateTimeField("reçue le", auto_now_add=True)
    handled_at = models.DateTimeField("traitée le", null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="traitée par",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="compte créé",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="partner_requests",
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "demande de compte partenaire"
        verbose_name_plural = "demandes de compte partenaire"

    def __str__(self):
        return f"{self.structure_name} ({self.first_name} {self.last_name})"

    @property
    def is_pending(self):
        return self.status == self.Status.PENDING


def stale_structures(today=None, months=12):
    """Live structures not verified for `months` months (or never), oldest first."""
    today = today or timezone.localdate()
    limit = today - datetime.timedelta(days=round(months * 365.25 / 12))
    return (
        StructurePage.objects.live()
        .filter(models.Q(last_verified__lt=limit) | models.Q(last_verified__isnull=True))
        .order_by(models.F("last_verified").asc(nulls_first=True), "title")
    )


# The partners' wall ----------------------------------------------------------------------------


class WallPage(RoutablePageMixin, Page):
    """/reseau/: the partners' own wall, closed to the public.

    Logged-in partners, communication officers and the coordination post cards here (news,
    offers, needs, calls for projects…) and ask the coordination to relay information. The page
    carries a "logged-in users only" view restriction (set when it is created), which keeps it
    out of the sitemap, the API, the feeds and public search; `serve` checks again on its own.
    """

    intro = models.TextField(
        "introduction", max_length=600, blank=True, help_text="Affichée en tête du mur."
    )
    charter = RichTextField(
        "charte du mur",
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text="Ce qu'on peut publier ici, et comment la coordination modère.",
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("charter")]
    # Nothing of the wall is worth finding: its cards are models, shown only to members.
    search_fields = []

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1
    template = "pages/partners/wall_page.html"

    class Meta:
        verbose_name = "mur des partenaires"
        verbose_name_plural = "murs des partenaires"

    def get_sitemap_urls(self, request=None):
        return []

    def serve(self, request, *args, **kwargs):
        from .members import require_member

        refusal = require_member(request)
        if refusal is not None:
            return refusal
        return super().serve(request, *args, **kwargs)

    @path("")
    def cards(self, request):
        from .views import wall

        return wall.card_list(request, self)

    @path("publier/")
    def post_card(self, request):
        from .views import wall

        return wall.card_create(request, self)

    @path("cartes/<int:card_id>/modifier/")
    def edit_card(self, request, card_id):
        from .views import wall

        return wall.card_edit(request, self, card_id)

    @path("cartes/<int:card_id>/retirer/")
    def withdraw_card(self, request, card_id):
        from .views import wall

        return wall.card_withdraw(request, self, card_id)

    @path("cartes/<int:card_id>/fichier/<str:which>/")
    def card_file(self, request, card_id, which):
        from .views import wall

        return wall.card_file(request, self, card_id, which)

    @path("mes-cartes/")
    def my_cards(self, request):
        from .views import wall

        return wall.my_cards(request, self)

    @path("preferences/")
    def preferences(self, request):
        from .views import wall

        return wall.preferences(request, self)

    @path("relais/")
    def relay_request(self, request):
        from .views import relay

        return relay.request_create(request, self)

    @path("relais/mes-demandes/")
    def my_relay_requests(self, request):
        from .views import relay

        return relay.my_requests(request, self)

    @path("relais/<int:request_id>/fichier/")
    def relay_request_file(self, request, request_id):
        from .views import relay

        return relay.request_file(request, self, request_id)


class WallCardKind(models.TextChoices):
    NEWS = "news", "Actualité"
    OFFER = "offer", "Offre"
    NEED = "need", "Besoin"
    CALL = "call", "Appel à projets"
    EVENT = "event", "Annonce d'événement"
    RESOURCE = "resource", "Ressource"


class WallCardStatus(models.TextChoices):
    PENDING = "pending", "En attente de validation"
    PUBLISHED = "published", "Publiée"
    REJECTED = "rejected", "Refusée"
    WITHDRAWN = "withdrawn", "Retirée par son auteur"


class WallCardQuerySet(models.QuerySet):
    def visible(self, today=None):
        """Published and not expired: what members see on the wall."""
        today = today or timezone.localdate()
        return self.filter(status=WallCardStatus.PUBLISHED, expires_on__gte=today)

    def by(self, user):
        return self.filter(author=user)

    def on_wall_for(self, user, today=None):
        """What the wall lists for `user`: visible cards, and their own cards awaiting review."""
        today = today or timezone.localdate()
        return self.filter(
            models.Q(status=WallCardStatus.PUBLISHED)
            | models.Q(status=WallCardStatus.PENDING, author=user),
            expires_on__gte=today,
        )

    def readable_by(self, user, today=None):
        """Cards whose files `user` may download: visible ones, their own, and any for those
        who read every card in the admin (the coordination moderates, communication looks)."""
        if user.has_perm("partners.view_wallcard") or user.has_perm("partners.change_wallcard"):
            return self.all()
        today = today or timezone.localdate()
        return self.filter(
            models.Q(status=WallCardStatus.PUBLISHED, expires_on__gte=today)
            | (models.Q(author=user) & ~models.Q(status=WallCardStatus.WITHDRAWN))
        )


def wall_upload_path(instance, filename):
    # Never under a public media prefix: files of the wall are served by the wall's own view.
    return f"reseau/{timezone.now():%Y/%m}/{filename}"


class WallCard(index.Indexed, models.Model):
    """A card on the partners' wall, posted from the wall itself by a member.

    Indexed for the site's search page, which shows members only the cards the wall shows them
    (`WallCardQuerySet.on_wall_for`), never anyone else.
    """

    MAX_TEXT = 3000
    # The longest a card stays up without being posted again.
    MAX_LIFETIME = datetime.timedelta(days=366)
    DEFAULT_LIFETIME = datetime.timedelta(days=60)

    kind = models.CharField("type", max_length=20, choices=WallCardKind.choices)
    title = models.CharField("titre", max_length=120)
    text = models.TextField(
        "texte",
        max_length=MAX_TEXT,
        help_text="Mise en forme simple ; les balises non prévues sont retirées.",
    )
    link = models.URLField("lien", max_length=500, blank=True)
    image = models.ImageField(
        "image",
        upload_to=wall_upload_path,
        blank=True,
        width_field="image_width",
        height_field="image_height",
    )
    image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_alt = models.CharField("texte alternatif de l'image", max_length=250, blank=True)
    attachment = models.FileField("pièce jointe", upload_to=wall_upload_path, blank=True)
    themes = models.ManyToManyField(
        "home.Theme", verbose_name="thématiques", blank=True, related_name="wall_cards"
    )
    expires_on = models.DateField("visible jusqu'au")

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="auteur",
        null=True,
        on_delete=models.SET_NULL,
        related_name="wall_cards",
    )
    structure = models.ForeignKey(
        StructurePage,
        verbose_name="structure",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="wall_cards",
    )
    status = models.CharField(
        "état",
        max_length=20,
        choices=WallCardStatus.choices,
        default=WallCardStatus.PENDING,
        db_index=True,
    )
    moderation_note = models.TextField(
        "note de modération", blank=True, help_text="Envoyée à l'auteur en cas de refus."
    )
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="modérée par",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    moderated_at = models.DateTimeField("modérée le", null=True, blank=True)
    # When members could first see it (at once under post-moderation, on approval otherwise):
    # the weekly digest lists the cards published since the member's last letter.
    published_at = models.DateTimeField(
        "mise en ligne le", null=True, blank=True, editable=False, db_index=True
    )
    created_at = models.DateTimeField("déposée le", auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField("modifiée le", auto_now=True)

    objects = WallCardQuerySet.as_manager()

    search_fields = [
        index.SearchField("title", boost=2),
        index.SearchField("text"),
        index.AutocompleteField("title"),
        index.RelatedFields("themes", [index.SearchField("name")]),
    ]

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "carte du mur"
        verbose_name_plural = "cartes du mur"

    def __str__(self):
        return self.title

    def is_expired(self, today=None):
        return self.expires_on < (today or timezone.localdate())

    @property
    def is_pending(self):
        return self.status == WallCardStatus.PENDING

    @property
    def text_as_plain(self):
        """The card's text for e-mails: paragraphs and line breaks kept, no tag, no entity."""
        import html
        import re

        from home.sanitize import plain_text

        text = re.sub(r"</p>|<br\s*/?>|</li>", "\n", self.text or "", flags=re.IGNORECASE)
        text = html.unescape(plain_text(text))
        return re.sub(r"\n{3,}", "\n\n", text).strip()

    @property
    def is_visible(self):
        return self.status == WallCardStatus.PUBLISHED and not self.is_expired()

    def set_status(self, status, by=None):
        """Change the status; the first publication is dated (for the digest)."""
        self.status = status
        if status == WallCardStatus.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        if by is not None:
            self.moderated_by = by
            self.moderated_at = timezone.now()


class WallModeration(models.TextChoices):
    BEFORE = "before", "Avant publication (la carte attend la validation)"
    AFTER = "after", "Après publication (la carte paraît tout de suite)"


@register_setting(icon="group")
class WallSettings(BaseSiteSetting):
    """How the partners' wall is moderated and how much one member may post."""

    moderation = models.CharField(
        "modération des cartes",
        max_length=10,
        choices=WallModeration.choices,
        default=WallModeration.BEFORE,
    )
    cards_per_day = models.PositiveSmallIntegerField(
        "cartes par membre et par jour",
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text="Au-delà, le mur refuse poliment les nouvelles cartes jusqu'au lendemain.",
    )
    relay_requests_per_day = models.PositiveSmallIntegerField(
        "demandes de relais par membre et par jour",
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )

    panels = [
        FieldPanel("moderation"),
        FieldPanel("cards_per_day"),
        FieldPanel("relay_requests_per_day"),
    ]

    class Meta:
        verbose_name = "mur des partenaires"


class MemberPreferences(models.Model):
    """What a member of the wall wants to receive: the weekly digest, for now."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="utilisateur",
        on_delete=models.CASCADE,
        related_name="wall_preferences",
    )
    weekly_digest = models.BooleanField(
        "recevoir la lettre hebdomadaire du réseau",
        default=True,
        help_text="Chaque semaine : les nouvelles cartes du mur et les événements à venir.",
    )
    last_digest_at = models.DateTimeField("dernière lettre reçue le", null=True, blank=True)

    class Meta:
        verbose_name = "préférences d'un membre du réseau"
        verbose_name_plural = "préférences des membres du réseau"

    def __str__(self):
        return str(self.user)


# Relay requests --------------------------------------------------------------------------------


class RelayAudience(models.TextChoices):
    PROFESSIONALS = "professionals", "Les professionnels et partenaires"
    HABITANTS = "habitants", "Les habitants"
    BOTH = "both", "Les deux"


class RelayStatus(models.TextChoices):
    NEW = "new", "Nouvelle"
    RELAYED = "relayed", "Relayée"
    DECLINED = "declined", "Déclinée"


class RelayRequestQuerySet(models.QuerySet):
    def by(self, user):
        return self.filter(requested_by=user)

    def new(self):
        return self.filter(status=RelayStatus.NEW)

    def sent_since(self, moment):
        return self.filter(created_at__gte=moment)

    def counts_for_year(self, year):
        """What the evaluation reports of a year's relay requests (received in that year).

        "structures" is the contract's indicator "nombre de partenaires demandant le relai
        d'information": distinct structures, so a structure asking ten times counts once and a
        request sent by the coordination's own staff (no structure) counts for none.
        """
        counts = self.filter(created_at__year=year).aggregate(
            received=models.Count("pk"),
            structures=models.Count("structure", distinct=True),
            relayed=models.Count("pk", filter=models.Q(status=RelayStatus.RELAYED)),
            declined=models.Count("pk", filter=models.Q(status=RelayStatus.DECLINED)),
            new=models.Count("pk", filter=models.Q(status=RelayStatus.NEW)),
        )
        return {name: value or 0 for name, value in counts.items()}


class RelayRequest(models.Model):
    """A partner's request that the coordination relay an information (letter, site, networks).

    With a campaign and an attachment, it is also a proposal of material for that campaign's
    kit: the coordination may add the file to the kit's draft (partners/relay_admin.py).
    """

    IMAGE_EXTENSIONS = frozenset({"jpg", "jpeg", "png", "webp"})

    subject = models.CharField("quoi", max_length=160, help_text="L'information à relayer.")
    message = models.TextField(
        "détails",
        max_length=3000,
        help_text="Le texte à diffuser ou ce qu'il faut en dire ; les balises non prévues sont "
        "retirées.",
    )
    audience = models.CharField(
        "à qui", max_length=20, choices=RelayAudience.choices, default=RelayAudience.BOTH
    )
    wanted_by = models.DateField("à relayer avant le", null=True, blank=True)
    link = models.URLField("lien", max_length=500, blank=True)
    attachment = models.FileField("pièce jointe", upload_to=wall_upload_path, blank=True)
    campaign = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="campagne concernée",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Pour proposer un support au kit d'une campagne.",
    )

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="demandée par",
        null=True,
        on_delete=models.SET_NULL,
        related_name="relay_requests",
    )
    structure = models.ForeignKey(
        StructurePage,
        verbose_name="structure",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="relay_requests",
    )
    status = models.CharField(
        "état",
        max_length=10,
        choices=RelayStatus.choices,
        default=RelayStatus.NEW,
        db_index=True,
    )
    note = models.TextField(
        "note de la coordination",
        blank=True,
        help_text="Envoyée au partenaire : où l'information a été relayée, ou pourquoi pas.",
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="traitée par",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    handled_at = models.DateTimeField("traitée le", null=True, blank=True)
    created_at = models.DateTimeField("reçue le", auto_now_add=True, db_index=True)

    objects = RelayRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "demande de relais"
        verbose_name_plural = "demandes de relais"

    def __str__(self):
        return self.subject

    @property
    def is_new(self):
        return self.status == RelayStatus.NEW

    @property
    def attachment_name(self):
        return PurePosixPath(self.attachment.name).name if self.attachment else ""

    @property
    def attachment_extension(self):
        return PurePosixPath(self.attachment.name).suffix.lower().lstrip(".")

    @property
    def has_image_attachment(self):
        return bool(self.attachment) and self.attachment_extension in self.IMAGE_EXTENSIONS

    @property
    def is_kit_proposal(self):
        """A file proposed for a campaign's kit: what "Ajouter au kit" works on."""
        return bool(self.campaign_id and self.attachment)

    @property
    def details_text(self):
        """The details without markup: for exports and e-mails."""
        return html.unescape(plain_text(self.message))

    @property
    def requester_name(self):
        user = self.requested_by
        if user is None:
            return ""
        return user.get_full_name() or user.email or user.get_username()

    def can_read_attachment(self, user):
        """Its requester and the staff who handle relay requests; nobody else."""
        return bool(
            self.attachment
            and user.is_authenticated
            and user.is_active
            and (self.requested_by_id == user.pk or user.has_perm("partners.view_relayrequest"))
        )
