"""The home page, editorial pages and the site-wide settings of a territory."""

from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from .blocks import ContentStreamBlock, HomeStreamBlock, SocialLinkBlock


class HomePage(Page):
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
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="image d'en-tête",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
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

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The hero carries the search box: no second one in the header.
        context["hide_header_search"] = True
        return context

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
        context["subpages"] = self.get_children().live().public().specific().defer_streamfields()
        return context

    class Meta:
        verbose_name = "page standard"
        verbose_name_plural = "pages standard"


def optional_page_link(verbose_name):
    """A link to a page of the site, which may be left empty and survives the page's deletion."""
    return models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )


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
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="logo",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
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
