"""The home page, editorial pages and the site-wide settings of a territory."""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Count, Exists, ExpressionWrapper, F, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.db.models.lookups import StartsWith
from django.utils import timezone
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from .blocks import ContentStreamBlock, HomeStreamBlock, SocialLinkBlock
from .routing import SinglePassRoutingMixin


def optional_link(model, verbose_name, **options):
    """A link to a page or an image, which may be left empty and survives its deletion."""
    return models.ForeignKey(
        model,
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        **options,
    )


def optional_page_link(verbose_name):
    return optional_link("wagtailcore.Page", verbose_name)


def optional_image(verbose_name, **options):
    return optional_link("wagtailimages.Image", verbose_name, **options)


def image_alt_field(verbose_name="texte alternatif de l'image"):
    """The alternative text that goes with an `optional_image`, required by `alt_text_errors`."""
    return models.CharField(
        verbose_name,
        max_length=250,
        blank=True,
        help_text="Ce que montre l'image, pour qui ne la voit pas. Obligatoire avec une image.",
    )


def alt_text_errors(instance, image="image", alt="image_alt"):
    """{alt: message} if `instance` has an image without its alternative text."""
    if getattr(instance, f"{image}_id") and not getattr(instance, alt).strip():
        return {alt: "Décrivez l'image en quelques mots (texte alternatif)."}
    return {}


# Dates an editor may type: anything else is a typo ("0202", "20266").
FIRST_YEAR, LAST_YEAR = 2000, 2100


def year_error(value):
    """A message if `value` (a date, or an aware datetime read in Paris) is outside the years."""
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value)
    if FIRST_YEAR <= value.year <= LAST_YEAR:
        return None
    return f"Indiquez une date entre {FIRST_YEAR} et {LAST_YEAR}."


def year_errors(instance, *names):
    return {
        name: message
        for name in names
        if (message := year_error(getattr(instance, name))) is not None
    }


def outside_private_sections():
    """A filter for pages outside any private section, evaluated by the database.

    Wagtail's `.public()` reads every view restriction first, in a query of its own; this is
    the same test as a subquery: no restricted page is the page itself or one of its ancestors.
    """
    from wagtail.models import PageViewRestriction

    path = ExpressionWrapper(OuterRef("path"), output_field=models.CharField())
    return ~Exists(PageViewRestriction.objects.filter(StartsWith(path, F("page__path"))))


class HomePage(SinglePassRoutingMixin, Page):
    """The territory's front door: who we are, a search box, then the sections that matter now."""

    hero_title = models.CharField(
        "accroche",
        max_length=160,
        blank=True,
        help_text="La phrase d'accueil en tête de page ; le titre de la page sinon.",
    )
    hero_intro = models.TextField(
        "introduction",
        max_length=600,
        blank=True,
        help_text="Deux ou trois phrases pour dire à quoi sert le site.",
    )
    hero_image = optional_image(
        "image d'en-tête",
        help_text="Image d'ambiance, décorative : elle n'est pas lue par les lecteurs d'écran.",
    )
    body = StreamField(HomeStreamBlock(), verbose_name="contenu", blank=True)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("hero_title"), FieldPanel("hero_intro"), FieldPanel("hero_image")],
            heading="En-tête",
        ),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("hero_intro"),
        index.SearchField("body"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1
    template = "pages/home/home_page.html"

    # How many upcoming events the home page announces (the next date of each).
    UPCOMING_EVENTS = 4

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The hero carries the search box: no second one in the header.
        context["hide_header_search"] = True
        context.update(self.upcoming_events())
        from events.campaigns import current_campaigns  # events builds on home's taxonomies

        context["current_campaigns"] = current_campaigns()
        context.update(self.news_and_calls())
        return context

    def upcoming_events(self):
        """The next date of the next few events, and the agenda they come from."""
        from events.filters import next_per_event  # events builds on home's taxonomies
        from events.models import AgendaPage, Occurrence

        occurrences = next_per_event(Occurrence.objects.visible()).for_listing()
        upcoming = list(occurrences[: self.UPCOMING_EVENTS])
        agenda = AgendaPage.objects.live().first() if upcoming else None
        return {"upcoming_events": upcoming, "agenda_page": agenda}

    # How many news items the home page shows.
    LATEST_NEWS = 3

    def news_and_calls(self):
        """The latest news items, and the news and calls listings with their open calls' count.

        Two queries, however many pages: private sections are excluded inside each query
        (`outside_private_sections`) rather than read beforehand.
        """
        public = outside_private_sections()
        latest = NewsPage.objects.live().filter(public).order_by(*NEWS_ORDER)
        # Home cards go without pictures: the hero has one, and a rendition costs a query.
        news = list(latest[: self.LATEST_NEWS])
        open_calls = (
            CallForProjectsPage.objects.live()
            .filter(public)
            .open()
            .filter(path__startswith=OuterRef("path"))
            .order_by()
            .values("live")
            .annotate(count=Count("pk"))
            .values("count")
        )
        indexes = (
            Page.objects.live()
            .filter(public)
            .type(NewsIndexPage, CallForProjectsIndexPage)
            .annotate(open_calls=Coalesce(Subquery(open_calls), 0))
            .order_by("path")
        )
        news_type = ContentType.objects.get_for_model(NewsIndexPage).pk
        news_index = calls_index = None
        for listing in indexes:
            if listing.content_type_id == news_type:
                news_index = news_index or listing
            else:
                calls_index = calls_index or listing
        return {
            "latest_news": news,
            "news_index": news_index,
            "open_calls_count": calls_index.open_calls if calls_index else 0,
            "calls_index": calls_index,
        }

    class Meta:
        verbose_name = "page d'accueil"
        verbose_name_plural = "pages d'accueil"


class StandardPage(Page):
    """An editorial page: presentation of the contract, its axes, legal notices…"""

    intro = models.TextField(
        "chapô",
        max_length=600,
        blank=True,
        help_text="Un court paragraphe d'introduction, affiché en tête et dans les listes.",
    )
    body = StreamField(ContentStreamBlock(), verbose_name="contenu", blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]
    template = "pages/home/standard_page.html"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        children = self.get_children().live().filter(outside_private_sections())
        context["subpages"] = children.specific().defer_streamfields()
        return context

    class Meta:
        verbose_name = "page standard"
        verbose_name_plural = "pages standard"


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """Who runs the site and how to reach them: shown in the header and the footer."""

    ACCESSIBILITY_STATUSES = [
        ("non", "non conforme"),
        ("partiel", "partiellement conforme"),
        ("total", "totalement conforme"),
    ]

    territory_name = models.CharField(
        "nom du territoire",
        max_length=120,
        default="Mon territoire",
        help_text="Ex. « Pays des Quatre Rivières ».",
    )
    tagline = models.CharField(
        "sous-titre",
        max_length=160,
        blank=True,
        help_text="Ex. « Contrat local de santé 2025-2029 ».",
    )
    logo = optional_image("logo")
    contact_name = models.CharField(
        "service à contacter",
        max_length=160,
        blank=True,
        help_text="Ex. « Coordination du contrat local de santé ».",
    )
    contact_address = models.TextField("adresse postale", max_length=400, blank=True)
    contact_email = models.EmailField("adresse électronique", blank=True)
    contact_phone = models.CharField("téléphone", max_length=30, blank=True)
    contact_page = optional_page_link("page de contact")
    social_links = StreamField(
        [("link", SocialLinkBlock())], verbose_name="réseaux sociaux", blank=True
    )
    legal_notice_page = optional_page_link("page des mentions légales")
    privacy_page = optional_page_link("page de protection des données personnelles")
    accessibility_page = optional_page_link("page de la déclaration d'accessibilité")
    accessibility_status = models.CharField(
        "conformité au RGAA",
        max_length=10,
        choices=ACCESSIBILITY_STATUSES,
        default="non",
        help_text="Mention légale affichée en pied de page, selon le dernier audit.",
    )

    # Header and footer read these in one query with the settings themselves.
    select_related = [
        "logo",
        "contact_page",
        "legal_notice_page",
        "privacy_page",
        "accessibility_page",
    ]

    panels = [
        MultiFieldPanel(
            [FieldPanel("territory_name"), FieldPanel("tagline"), FieldPanel("logo")],
            heading="Identité",
        ),
        MultiFieldPanel(
            [
                FieldPanel("contact_name"),
                FieldPanel("contact_address"),
                FieldPanel("contact_email"),
                FieldPanel("contact_phone"),
                FieldPanel("contact_page"),
            ],
            heading="Contact",
        ),
        FieldPanel("social_links"),
        MultiFieldPanel(
            [
                FieldPanel("legal_notice_page"),
                FieldPanel("privacy_page"),
                FieldPanel("accessibility_page"),
                FieldPanel("accessibility_status"),
            ],
            heading="Pages obligatoires",
        ),
    ]

    class Meta:
        verbose_name = "paramètres du site"
        verbose_name_plural = "paramètres du site"

    def __str__(self):
        return self.territory_name

    def is_untouched(self):
        """True while every field still holds its default: nobody has filled the settings yet."""
        blank = SiteSettings(site=self.site)
        return all(
            getattr(self, field.attname) == getattr(blank, field.attname)
            for field in self._meta.concrete_fields
            if field.name not in ("id", "site")
        )


# Shared taxonomies ----------------------------------------------------------------------------
# Themes, publics, communes and communautés de communes describe structures, actions, events,
# campaigns and action sheets alike; the coordination keeps them in the admin ("Référentiels").


class Theme(models.Model):
    """A field of prevention: santé mentale, addictions, nutrition…"""

    name = models.CharField("nom", max_length=80, unique=True)
    slug = models.SlugField(
        "identifiant d'adresse",
        max_length=80,
        unique=True,
        help_text="Utilisé dans les adresses filtrées, ex. « sante-mentale ».",
    )
    description = models.TextField("description", max_length=400, blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]

    class Meta:
        ordering = ["name"]
        verbose_name = "thématique"
        verbose_name_plural = "thématiques"

    def __str__(self):
        return self.name


class Public(models.Model):
    """Who an action is for: an age group, a situation, a role (aidants, professionnels…)."""

    name = models.CharField("nom", max_length=80, unique=True)
    slug = models.SlugField("identifiant d'adresse", max_length=80, unique=True)
    sort_order = models.PositiveSmallIntegerField(
        "ordre d'affichage",
        default=100,
        help_text="Les publics sont listés du plus petit nombre au plus grand (âges d'abord).",
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = "public"
        verbose_name_plural = "publics"

    def __str__(self):
        return self.name


class Community(models.Model):
    """A communauté de communes (or d'agglomération) of the territory."""

    name = models.CharField("nom", max_length=120, unique=True)
    short_name = models.CharField(
        "nom court", max_length=60, blank=True, help_text="Ex. « Haut-Morvan », pour les filtres."
    )
    slug = models.SlugField("identifiant d'adresse", max_length=120, unique=True)
    siren = models.CharField(
        "SIREN",
        max_length=9,
        blank=True,
        validators=[RegexValidator(r"^\d{9}$", "Un numéro SIREN compte 9 chiffres.")],
    )

    panels = [FieldPanel("name"), FieldPanel("short_name"), FieldPanel("slug"), FieldPanel("siren")]

    class Meta:
        ordering = ["name"]
        verbose_name = "communauté de communes"
        verbose_name_plural = "communautés de communes"

    def __str__(self):
        return self.name

    @property
    def label(self):
        return self.short_name or self.name


class Commune(models.Model):
    """A commune, identified by its INSEE code (the postal code is shared by several)."""

    name = models.CharField("nom", max_length=120)
    slug = models.SlugField("identifiant d'adresse", max_length=120, unique=True)
    insee_code = models.CharField(
        "code INSEE",
        max_length=5,
        unique=True,
        validators=[
            RegexValidator(
                r"^(\d{5}|2[AB]\d{3})$", "Un code INSEE compte 5 caractères, ex. 58079 ou 2A004."
            )
        ],
    )
    postal_code = models.CharField(
        "code postal",
        max_length=5,
        validators=[RegexValidator(r"^\d{5}$", "Un code postal compte 5 chiffres.")],
    )
    community = models.ForeignKey(
        Community,
        verbose_name="communauté de communes",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="communes",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("insee_code"),
        FieldPanel("postal_code"),
        FieldPanel("community"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = "commune"
        verbose_name_plural = "communes"

    def __str__(self):
        return self.name


# News ----------------------------------------------------------------------------------------

# Newest first: by the date the item gives itself, then by first publication.
NEWS_ORDER = ("-date", "-first_published_at", "-pk")


class NewsIndexPage(RoutablePageMixin, Page):
    """/actualites/: the coordination's news, newest first, with an RSS feed."""

    intro = models.TextField("introduction", max_length=600, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.NewsPage"]
    max_count = 1
    template = "pages/home/news_index_page.html"

    @path("")
    def listing(self, request):
        from .views import news

        return news.listing(request, self)

    @path("rss/")
    def rss(self, request):
        from .views import news

        return news.rss(request, self)

    class Meta:
        verbose_name = "liste des actualités"
        verbose_name_plural = "listes des actualités"


class NewsPage(Page):
    """A news item of the contract: a new partner, a report published, a call for projects…"""

    date = models.DateField("date", default=timezone.localdate)
    summary = models.TextField(
        "chapô", max_length=400, help_text="Deux ou trois phrases, reprises dans les listes."
    )
    image = optional_image("image")
    image_alt = image_alt_field()
    body = StreamField(ContentStreamBlock(), verbose_name="contenu", blank=True)
    themes = ParentalManyToManyField(
        "home.Theme", verbose_name="thématiques", blank=True, related_name="news"
    )

    content_panels = Page.content_panels + [
        FieldPanel("date"),
        FieldPanel("summary"),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt")], heading="Image"),
        FieldPanel("body"),
        FieldPanel("themes"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
        index.FilterField("date"),
        index.RelatedFields("themes", [index.SearchField("name")]),
    ]

    parent_page_types = ["home.NewsIndexPage"]
    subpage_types = []
    template = "pages/home/news_page.html"

    class Meta:
        verbose_name = "actualité"
        verbose_name_plural = "actualités"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The listing, for the link back and the feed announced in the page head.
        context["news_index"] = NewsIndexPage.objects.parent_of(self).first()
        context["themes"] = list(self.themes.all())
        return context

    def clean(self):
        super().clean()
        errors = year_errors(self, "date") | alt_text_errors(self)
        if errors:
            raise ValidationError(errors)


# Calls for projects ----------------------------------------------------------------------------


class CallForProjectsIndexPage(Page):
    """/appels-a-projets/: the calls for projects the coordination relays, open ones first."""

    intro = models.TextField("introduction", max_length=600, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.CallForProjectsPage"]
    max_count = 1
    template = "pages/home/call_for_projects_index_page.html"

    def get_context(self, request, *args, **kwargs):
        from .views.calls import listing_context

        context = super().get_context(request, *args, **kwargs)
        context.update(listing_context(self, request))
        return context

    class Meta:
        verbose_name = "liste des appels à projets"
        verbose_name_plural = "listes des appels à projets"


class CallForProjectsQuerySet(PageQuerySet):
    def open(self, today=None):
        today = today or timezone.localdate()
        return self.filter(models.Q(deadline__gte=today) | models.Q(deadline__isnull=True))

    def closed(self, today=None):
        today = today or timezone.localdate()
        return self.filter(deadline__lt=today)


class CallForProjectsPage(Page):
    """A call for projects ("appel à projets") relayed to partners: who funds, how much, by when."""

    funder = models.CharField(
        "financeur", max_length=200, help_text="Ex. « ARS Bourgogne-Franche-Comté », « CPAM »."
    )
    summary = models.TextField("résumé", max_length=400)
    amount = models.DecimalField(
        "montant maximal (€)",
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    amount_note = models.CharField(
        "précision sur le montant",
        max_length=200,
        blank=True,
        help_text="Ex. « jusqu'à 80 % du budget du projet », « enveloppe totale de 200 000 € ».",
    )
    opens_on = models.DateField("ouverture", null=True, blank=True)
    deadline = models.DateField(
        "date limite de dépôt", null=True, blank=True, help_text="Vide : appel permanent."
    )
    eligibility = RichTextField("qui peut candidater", features=["bold", "italic", "ul", "link"])
    body = RichTextField(
        "présentation", features=["h3", "bold", "italic", "ol", "ul", "link"], blank=True
    )
    link = models.URLField("adresse de l'appel (site du financeur)", max_length=500, blank=True)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name="cahier des charges",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    themes = ParentalManyToManyField(
        "home.Theme", verbose_name="thématiques", blank=True, related_name="calls_for_projects"
    )
    publics = ParentalManyToManyField(
        "home.Public", verbose_name="publics cibles", blank=True, related_name="calls_for_projects"
    )

    content_panels = Page.content_panels + [
        FieldPanel("funder"),
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("opens_on"), FieldPanel("deadline")]),
                FieldRowPanel([FieldPanel("amount"), FieldPanel("amount_note")]),
            ],
            heading="Calendrier et montant",
        ),
        FieldPanel("eligibility"),
        FieldPanel("body"),
        MultiFieldPanel([FieldPanel("link"), FieldPanel("document")], heading="Pour candidater"),
        FieldPanel("themes"),
        FieldPanel("publics"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("funder"),
        index.SearchField("eligibility"),
        index.SearchField("body"),
        index.FilterField("deadline"),
        index.RelatedFields("themes", [index.SearchField("name")]),
    ]

    objects = PageManager.from_queryset(CallForProjectsQuerySet)()

    parent_page_types = ["home.CallForProjectsIndexPage"]
    subpage_types = []
    template = "pages/home/call_for_projects_page.html"

    class Meta:
        verbose_name = "appel à projets"
        verbose_name_plural = "appels à projets"

    def clean(self):
        super().clean()
        errors = year_errors(self, "opens_on", "deadline")
        if not errors and self.opens_on and self.deadline and self.deadline < self.opens_on:
            errors["deadline"] = "La date limite ne peut précéder l'ouverture."
        if errors:
            raise ValidationError(errors)

    def is_open(self, today=None):
        today = today or timezone.localdate()
        return self.deadline is None or self.deadline >= today

    # Within this many days of its deadline, an open call says how many days are left.
    COUNTDOWN_DAYS = 14

    def amount_text(self):
        """ "jusqu'à 15 000 €", or "" without an amount."""
        from .dates import french_amount

        return f"jusqu'à {french_amount(self.amount)}" if self.amount is not None else ""

    def deadline_text(self, today=None):
        """ "dépôt avant le 15 janvier 2027", "appel permanent" or "clos"."""
        from .dates import french_date

        if self.deadline is None:
            return "appel permanent"
        if not self.is_open(today):
            return "clos"
        return f"dépôt avant le {french_date(self.deadline)}"

    def countdown_text(self, today=None):
        """ "plus que 5 jours" when the deadline is near, "" otherwise."""
        if self.deadline is None or not self.is_open(today):
            return ""
        days = (self.deadline - (today or timezone.localdate())).days
        if days > self.COUNTDOWN_DAYS:
            return ""
        if days == 0:
            return "dernier jour"
        return "plus qu'un jour" if days == 1 else f"plus que {days} jours"

    def opens_later(self, today=None):
        """True while the call is announced but not open for applications yet."""
        return self.opens_on is not None and self.opens_on > (today or timezone.localdate())

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["calls_index"] = CallForProjectsIndexPage.objects.parent_of(self).first()
        context["themes"] = list(self.themes.all())
        context["publics"] = list(self.publics.all())
        return context
