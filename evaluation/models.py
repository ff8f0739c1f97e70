"""The contract as content (contract, axes, action sheets), its indicators and their values.

The action plan is a branch of the page tree: ContractPage (/evaluation/) → AxisPage →
ActionSheetPage, plus one AnnualReportPage per year. Indicators and their values are plain
models, not page content: a value is entered for a year (or a quarter, or one event) by the
coordination or by the structure that carries the action, and every change to it is kept in
IndicatorValueChange. Values are written only through evaluation/entry.py, which checks the
version a form was built from, so two people saving at once never lose an update.
"""

import decimal

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from home.models import FIRST_YEAR, LAST_YEAR

from .report_views import ReportRoutes

RICH_TEXT_FEATURES = ["bold", "italic", "ol", "ul", "link", "h3"]


def year_field(verbose_name, **options):
    return models.PositiveSmallIntegerField(
        verbose_name,
        validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)],
        **options,
    )


def contract_of(page):
    """The ContractPage above `page` (or `page` itself), or None."""
    if isinstance(page, ContractPage):
        return page
    return ContractPage.objects.ancestor_of(page).first()


class ParentAwarePageForm(WagtailAdminPageForm):
    """Lets a page's clean() check its siblings while it is created (it has no parent yet)."""

    def __init__(self, *args, parent_page=None, **kwargs):
        super().__init__(*args, parent_page=parent_page, **kwargs)
        self.instance._parent_for_clean = parent_page


class AnnualReportPageForm(ParentAwarePageForm):
    """A report's address always follows its year: /evaluation/rapport-2026/."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].required = False
            self.fields["slug"].help_text = "Donnée par l'année : rapport-<année>."

    def clean(self):
        year = self.cleaned_data.get("year")
        if year:
            self.cleaned_data["slug"] = f"rapport-{year}"
        return super().clean()


def parent_for_clean(page):
    return page.get_parent() if page.pk else getattr(page, "_parent_for_clean", None)


# Reference lists ----------------------------------------------------------------------------


class HealthDeterminant(models.Model):
    """A health determinant an action addresses ("Accessibilité", "Intégration sociale"…)."""

    class Family(models.TextChoices):
        CARE_SYSTEM = "care_system", "Système de soins"
        LIFESTYLE = "lifestyle", "Mode de vie"
        LIVING_CONDITIONS = "living_conditions", "Conditions de vie"
        SOCIAL_ENVIRONMENT = "social_environment", "Environnement social"
        ECONOMIC_POLITICAL = "economic_political", "Contexte économique et politique"
        SOCIO_ECONOMIC = "socio_economic", "Conditions socio-économiques"

    family = models.CharField("famille", max_length=30, choices=Family.choices)
    name = models.CharField("déterminant", max_length=150)
    sort_order = models.PositiveSmallIntegerField("ordre", default=0)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = "déterminant de santé"
        verbose_name_plural = "déterminants de santé"
        constraints = [
            models.UniqueConstraint(fields=["family", "name"], name="evaluation_determinant_unique")
        ]

    def __str__(self):
        return f"{self.get_family_display()} : {self.name}"


class PlanAxis(models.Model):
    """An axis of a regional plan an action refers to: the PRS (health) or the PRSE
    (environmental health). Each region writes its own: the coordination keeps the list."""

    class Plan(models.TextChoices):
        PRS = "prs", "Projet régional de santé (PRS)"
        PRSE = "prse", "Plan régional santé environnement (PRSE)"

    plan = models.CharField("plan", max_length=10, choices=Plan.choices)
    code = models.CharField("code", max_length=20, help_text="Ex. « Axe 1 », « 3.2 ».")
    name = models.CharField("intitulé", max_length=250)
    sort_order = models.PositiveSmallIntegerField("ordre", default=0)

    class Meta:
        ordering = ["plan", "sort_order", "code"]
        verbose_name = "axe de plan régional"
        verbose_name_plural = "axes des plans régionaux"
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], name="evaluation_plan_axis_unique")
        ]

    def __str__(self):
        return f"{self.get_plan_display().split(' (')[0]} – {self.code} : {self.name}"


# The action plan as pages ----------------------------------------------------------------------


class ContractPage(RoutablePageMixin, Page):
    """The Contrat Local de Santé: its territory, period and signatories; its axes below it."""

    territory = models.CharField(
        "territoire", max_length=200, help_text="Ex. « Communauté de communes du Val d'Aunis »."
    )
    start_year = year_field("première année")
    end_year = year_field("dernière année")
    signed_on = models.DateField("date de signature", null=True, blank=True)
    introduction = RichTextField("présentation", features=RICH_TEXT_FEATURES, blank=True)
    coordinator_contact = models.EmailField("contact de la coordination", blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("territory"),
        FieldRowPanel([FieldPanel("start_year"), FieldPanel("end_year"), FieldPanel("signed_on")]),
        FieldPanel("introduction"),
        FieldPanel("coordinator_contact"),
        InlinePanel("signatories", heading="Signataires", label="signataire"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("territory"),
        index.SearchField("introduction"),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["evaluation.AxisPage", "evaluation.AnnualReportPage"]
    max_count_per_parent = 1
    template = "pages/evaluation/contract_page.html"

    class Meta:
        verbose_name = "contrat local de santé"
        verbose_name_plural = "contrats locaux de santé"

    def clean(self):
        super().clean()
        if self.start_year and self.end_year and self.end_year < self.start_year:
            raise ValidationError({"end_year": "La dernière année ne peut précéder la première."})
        if self.start_year and self.end_year and self.end_year - self.start_year > 10:
            raise ValidationError({"end_year": "Un contrat dure dix ans au plus."})

    def get_context(self, request, *args, **kwargs):
        from .plan import contract_context

        return {**super().get_context(request, *args, **kwargs), **contract_context(self, request)}

    @property
    def years(self):
        return list(range(self.start_year, self.end_year + 1))

    @property
    def period_label(self):
        return f"{self.start_year}–{self.end_year}"


class ContractSignatory(Orderable):
    contract = ParentalKey(ContractPage, on_delete=models.CASCADE, related_name="signatories")
    name = models.CharField(
        "signataire", max_length=200, help_text="Ex. « Agence régionale de santé »."
    )
    represented_by = models.CharField(
        "représenté par", max_length=200, blank=True, help_text="Une fonction, pas un nom."
    )
    url = models.URLField("site", blank=True, max_length=300)

    panels = [FieldPanel("name"), FieldPanel("represented_by"), FieldPanel("url")]

    class Meta(Orderable.Meta):
        verbose_name = "signataire"
        verbose_name_plural = "signataires"

    def __str__(self):
        return self.name


class AxisPage(Page):
    """A strategic axis of the contract, grouping its action sheets."""

    number = models.PositiveSmallIntegerField(
        "numéro", validators=[MinValueValidator(1), MaxValueValidator(99)]
    )
    summary = models.TextField("enjeux en bref", max_length=600, blank=True)
    description = RichTextField("description", features=RICH_TEXT_FEATURES, blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("number"),
        FieldPanel("summary"),
        FieldPanel("description"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("description"),
    ]

    parent_page_types = ["evaluation.ContractPage"]
    subpage_types = ["evaluation.ActionSheetPage"]
    template = "pages/evaluation/axis_page.html"
    base_form_class = ParentAwarePageForm

    class Meta:
        verbose_name = "axe stratégique"
        verbose_name_plural = "axes stratégiques"

    def clean(self):
        super().clean()
        parent = parent_for_clean(self)
        if parent is not None and self.number:
            others = AxisPage.objects.child_of(parent).filter(number=self.number)
            if self.pk:
                others = others.exclude(pk=self.pk)
            if others.exists():
                raise ValidationError({"number": "Un autre axe du contrat porte déjà ce numéro."})

    def get_context(self, request, *args, **kwargs):
        from .plan import axis_context

        return {**super().get_context(request, *args, **kwargs), **axis_context(self, request)}

    @property
    def label(self):
        return f"Axe {self.number} : {self.title}"


class ActionTypology(models.TextChoices):
    NEW = "new", "Nouvelle action"
    EXPERIMENTAL = "experimental", "Action expérimentale"
    INNOVATIVE = "innovative", "Action innovante"
    EXISTING = "existing", "Action existante (adaptation, extension)"


class ActionDuration(models.TextChoices):
    ANNUAL = "annual", "Annuelle"
    MULTI_YEAR = "multi_year", "Pluriannuelle"
    ONE_OFF = "one_off", "Ponctuelle"


class ActionStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Non démarrée"
    ONGOING = "ongoing", "En cours"
    DONE = "done", "Réalisée"
    ABANDONED = "abandoned", "Abandonnée"


class ActionSheetPage(Page):
    """A "fiche action" of the contract, with every field of a real CLS action sheet."""

    number = models.PositiveSmallIntegerField(
        "numéro de fiche", validators=[MinValueValidator(1), MaxValueValidator(999)]
    )
    typology = models.CharField(
        "typologie", max_length=20, choices=ActionTypology.choices, default=ActionTypology.NEW
    )
    status = models.CharField(
        "avancement",
        max_length=20,
        choices=ActionStatus.choices,
        default=ActionStatus.NOT_STARTED,
        db_index=True,
    )
    status_note = models.CharField("précisions sur l'avancement", max_length=300, blank=True)

    # Who carries it.
    carrying_structure = models.ForeignKey(
        "partners.StructurePage",
        verbose_name="structure porteuse",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="carried_actions",
        help_text="Ses comptes partenaires saisiront les indicateurs qui lui reviennent.",
    )
    carrier_name = models.CharField(
        "porteur (hors annuaire)",
        max_length=200,
        blank=True,
        help_text="Si le porteur n'a pas de fiche dans l'annuaire, ex. « PETR du Pays ».",
    )
    referent_role = models.CharField(
        "personne référente (fonction)",
        max_length=200,
        blank=True,
        help_text="Une fonction, pas un nom : « chargée de mission santé ».",
    )

    # Why and what.
    summary = models.TextField("résumé", max_length=400, blank=True)
    local_context = RichTextField(
        "contexte et enjeux locaux", features=RICH_TEXT_FEATURES, blank=True
    )
    general_objective = models.TextField("objectif général", max_length=1000, blank=True)
    specific_objectives = RichTextField(
        "objectifs spécifiques", features=RICH_TEXT_FEATURES, blank=True
    )
    operational_objectives = RichTextField(
        "objectifs opérationnels", features=RICH_TEXT_FEATURES, blank=True
    )
    implementation_steps = RichTextField(
        "étapes de mise en œuvre", features=RICH_TEXT_FEATURES, blank=True
    )

    # When.
    duration = models.CharField(
        "durée", max_length=20, choices=ActionDuration.choices, default=ActionDuration.MULTI_YEAR
    )
    start_year = year_field("année de début")
    end_year = year_field("année de fin")

    # With whom, for whom, where.
    partner_structures = ParentalManyToManyField(
        "partners.StructurePage",
        verbose_name="partenaires (annuaire)",
        blank=True,
        related_name="partnered_actions",
    )
    partners_note = models.TextField("autres partenaires", max_length=1000, blank=True)
    themes = ParentalManyToManyField(
        "home.Theme", verbose_name="thématiques", blank=True, related_name="action_sheets"
    )
    publics = ParentalManyToManyField(
        "home.Public", verbose_name="publics visés", blank=True, related_name="action_sheets"
    )
    territory = models.CharField(
        "territoire d'intervention",
        max_length=300,
        blank=True,
        help_text="Ex. « Territoire du CLS », « Communes du nord du territoire ».",
    )
    communes = ParentalManyToManyField(
        "home.Commune", verbose_name="communes concernées", blank=True, related_name="+"
    )

    # Money.
    budget = models.DecimalField(
        "budget global prévisionnel (€)",
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(decimal.Decimal(0))],
    )
    budget_note = models.CharField("précisions sur le budget", max_length=300, blank=True)
    other_resources = models.TextField(
        "autres ressources mobilisables", max_length=1000, blank=True
    )

    # How it fits.
    determinants = ParentalManyToManyField(
        HealthDeterminant, verbose_name="déterminants de santé visés", blank=True, related_name="+"
    )
    plan_axes = ParentalManyToManyField(
        PlanAxis,
        verbose_name="lien avec le PRS et le PRSE",
        blank=True,
        related_name="action_sheets",
    )
    fights_inequalities = models.BooleanField(
        "vise directement la lutte contre les inégalités sociales de santé", default=False
    )
    participatory = models.BooleanField(
        "démarche participative associant les habitants", default=False
    )
    participatory_note = models.CharField(
        "précisions sur la participation", max_length=300, blank=True
    )
    public_policies = models.TextField(
        "politiques publiques concernées", max_length=600, blank=True
    )
    evaluation_method = models.TextField(
        "méthode d'évaluation envisagée",
        max_length=1000,
        blank=True,
        help_text="Ex. « Feuilles de présence, compteur de visites de la plateforme ».",
    )

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("number"), FieldPanel("typology")]),
        FieldRowPanel([FieldPanel("status"), FieldPanel("status_note")], heading="Avancement"),
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("carrying_structure"),
                FieldPanel("carrier_name"),
                FieldPanel("referent_role"),
            ],
            heading="Porteur",
        ),
        FieldPanel("local_context"),
        MultiFieldPanel(
            [
                FieldPanel("general_objective"),
                FieldPanel("specific_objectives"),
                FieldPanel("operational_objectives"),
            ],
            heading="Objectifs",
        ),
        FieldPanel("implementation_steps"),
        FieldRowPanel(
            [FieldPanel("duration"), FieldPanel("start_year"), FieldPanel("end_year")],
            heading="Durée",
        ),
        MultiFieldPanel(
            [
                FieldPanel("partner_structures"),
                FieldPanel("partners_note"),
                FieldPanel("themes"),
                FieldPanel("publics"),
                FieldPanel("territory"),
                FieldPanel("communes"),
            ],
            heading="Partenaires, publics, territoire",
        ),
        MultiFieldPanel(
            [
                FieldPanel("budget"),
                FieldPanel("budget_note"),
                InlinePanel("funders", label="financeur"),
                FieldPanel("other_resources"),
            ],
            heading="Financement",
        ),
        MultiFieldPanel(
            [
                FieldPanel("determinants", widget=forms.CheckboxSelectMultiple),
                FieldPanel("plan_axes", widget=forms.CheckboxSelectMultiple),
                FieldPanel("fights_inequalities"),
                FieldPanel("participatory"),
                FieldPanel("participatory_note"),
                FieldPanel("public_policies"),
            ],
            heading="Cadre et déterminants",
        ),
        FieldPanel("evaluation_method"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("general_objective"),
        index.SearchField("local_context"),
        index.SearchField("specific_objectives"),
        index.SearchField("operational_objectives"),
        index.SearchField("implementation_steps"),
        index.SearchField("carrier_name"),
        index.AutocompleteField("title"),
        index.FilterField("status"),
        index.FilterField("number"),
        index.RelatedFields("themes", [index.SearchField("name")]),
        index.RelatedFields("publics", [index.SearchField("name")]),
    ]

    parent_page_types = ["evaluation.AxisPage"]
    subpage_types = []
    template = "pages/evaluation/action_sheet_page.html"
    base_form_class = ParentAwarePageForm

    class Meta:
        verbose_name = "fiche action"
        verbose_name_plural = "fiches actions"

    def clean(self):
        super().clean()
        errors = {}
        if self.start_year and self.end_year and self.end_year < self.start_year:
            errors["end_year"] = "L'année de fin ne peut précéder l'année de début."
        contract = None
        parent = parent_for_clean(self)
        if parent is not None:
            contract = contract_of(parent)
        outside = contract is not None and (
            (self.start_year or 0) < contract.start_year
            or (self.end_year or 9999) > contract.end_year
        )
        if outside and self.start_year and self.end_year:
            errors.setdefault(
                "start_year",
                f"L'action se déroule pendant le contrat ({contract.period_label}).",
            )
        if contract is not None and self.number:
            others = ActionSheetPage.objects.descendant_of(contract).filter(number=self.number)
            if self.pk:
                others = others.exclude(pk=self.pk)
            if others.exists():
                errors["number"] = "Une autre fiche du contrat porte déjà ce numéro."
        if errors:
            raise ValidationError(errors)

    def get_context(self, request, *args, **kwargs):
        from .plan import action_sheet_context

        context = super().get_context(request, *args, **kwargs)
        return {**context, **action_sheet_context(self, request)}

    @property
    def label(self):
        return f"Fiche {self.number} : {self.title}"

    @property
    def carrier_label(self):
        if self.carrying_structure_id:
            return self.carrying_structure.title
        return self.carrier_name

    @property
    def years(self):
        return list(range(self.start_year, self.end_year + 1))


class ActionFunder(Orderable):
    action = ParentalKey(ActionSheetPage, on_delete=models.CASCADE, related_name="funders")
    name = models.CharField("financeur", max_length=200)
    amount = models.DecimalField(
        "montant (€)",
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(decimal.Decimal(0))],
    )

    panels = [FieldRowPanel([FieldPanel("name"), FieldPanel("amount")])]

    class Meta(Orderable.Meta):
        verbose_name = "financeur"
        verbose_name_plural = "financeurs"

    def __str__(self):
        return self.name


# Indicators -----------------------------------------------------------------------------------


class IndicatorKind(models.TextChoices):
    PROCESS = "process", "Processus"
    RESULT = "result", "Résultat"
    IMPACT = "impact", "Impact"


class IndicatorUnit(models.TextChoices):
    COUNT = "count", "Nombre"
    PERCENT = "percent", "Pourcentage"
    EURO = "euro", "Euros"
    SCORE = "score", "Score"


class Frequency(models.TextChoices):
    ANNUAL = "annual", "Annuelle"
    QUARTERLY = "quarterly", "Trimestrielle"
    PER_EVENT = "per_event", "À chaque événement"


class EnteredBy(models.TextChoices):
    COORDINATION = "coordination", "La coordination"
    CARRIER = "carrier", "La structure porteuse"


# The default range of each unit; an indicator may narrow it (a score out of 5).
UNIT_RANGES = {
    IndicatorUnit.COUNT: (decimal.Decimal(0), None),
    IndicatorUnit.PERCENT: (decimal.Decimal(0), decimal.Decimal(100)),
    IndicatorUnit.EURO: (decimal.Decimal(0), None),
    IndicatorUnit.SCORE: (decimal.Decimal(0), decimal.Decimal(10)),
}
# Largest value any indicator accepts (the value column has 12 digits before the point).
MAX_VALUE = decimal.Decimal("999999999999")


class Indicator(ClusterableModel):
    """What an action sheet measures, how, how often and by whom; its targets per year."""

    action = models.ForeignKey(
        ActionSheetPage,
        verbose_name="fiche action",
        on_delete=models.CASCADE,
        related_name="indicators",
    )
    kind = models.CharField("type", max_length=10, choices=IndicatorKind.choices)
    label = models.CharField("intitulé", max_length=250)
    unit = models.CharField(
        "unité", max_length=10, choices=IndicatorUnit.choices, default=IndicatorUnit.COUNT
    )
    score_max = models.PositiveSmallIntegerField(
        "score maximal",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text="Pour un score : sur combien (10 par défaut).",
    )
    method = models.CharField(
        "méthode de recueil",
        max_length=300,
        blank=True,
        help_text="Ex. « Comptage des feuilles de présence », « Questionnaire en fin d'atelier ».",
    )
    source = models.CharField(
        "source", max_length=200, blank=True, help_text="Ex. « Feuille de présence »."
    )
    frequency = models.CharField(
        "fréquence", max_length=10, choices=Frequency.choices, default=Frequency.ANNUAL
    )
    entered_by = models.CharField(
        "saisi par", max_length=15, choices=EnteredBy.choices, default=EnteredBy.COORDINATION
    )
    # A figure the site computes itself (evaluation/computed.py), shown beside entered values.
    computed_metric = models.CharField(
        "calculé par le site",
        max_length=40,
        blank=True,
        help_text="Le site affiche ce chiffre à côté des valeurs saisies.",
    )
    sort_order = models.PositiveSmallIntegerField("ordre", default=0)

    panels = [
        FieldPanel("action"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("sort_order")]),
        FieldPanel("label"),
        FieldRowPanel([FieldPanel("unit"), FieldPanel("score_max")]),
        FieldRowPanel([FieldPanel("frequency"), FieldPanel("entered_by")]),
        FieldPanel("method"),
        FieldPanel("source"),
        FieldPanel("computed_metric"),
        InlinePanel("targets", heading="Cibles", label="cible"),
    ]

    class Meta:
        ordering = ["action__number", "sort_order", "pk"]
        verbose_name = "indicateur"
        verbose_name_plural = "indicateurs"

    def __str__(self):
        return self.label

    def clean(self):
        super().clean()
        if self.score_max and self.unit != IndicatorUnit.SCORE:
            raise ValidationError({"score_max": "Un maximum ne sert que pour un score."})

    @property
    def value_range(self):
        """(minimum, maximum or None) a value of this indicator must fall in."""
        low, high = UNIT_RANGES[self.unit]
        if self.unit == IndicatorUnit.SCORE and self.score_max:
            high = decimal.Decimal(self.score_max)
        return low, high

    @property
    def decimal_places(self):
        """Counts are whole numbers; the other units take two decimals."""
        return 0 if self.unit == IndicatorUnit.COUNT else 2

    @property
    def is_additive(self):
        """Whether quarter or event values add up to the year (counts, euros), or average."""
        return self.unit in (IndicatorUnit.COUNT, IndicatorUnit.EURO)

    def value_error(self, value):
        """A French message if `value` (a Decimal) is not a valid value of this indicator."""
        low, high = self.value_range
        if not value.is_finite():
            return "Saisissez un nombre."
        if abs(value) > MAX_VALUE:
            return "Ce nombre est trop grand."
        if value < low:
            return "Une valeur ne peut pas être négative." if low == 0 else f"Minimum : {low}."
        if high is not None and value > high:
            if self.unit == IndicatorUnit.PERCENT:
                return "Un pourcentage ne dépasse pas 100."
            return f"Le score va de 0 à {high.normalize():f}."
        if self.unit == IndicatorUnit.COUNT and value != value.to_integral_value():
            return "Un nombre de… est un nombre entier."
        if value.as_tuple().exponent < -2:
            return "Deux décimales au plus."
        return None

    def target_for(self, year):
        for target in self.targets.all():
            if target.year == year:
                return target.value
        return None


class IndicatorTarget(models.Model):
    indicator = ParentalKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    year = year_field("année")
    value = models.DecimalField("cible", max_digits=14, decimal_places=2)

    panels = [FieldRowPanel([FieldPanel("year"), FieldPanel("value")])]

    class Meta:
        ordering = ["year"]
        verbose_name = "cible"
        verbose_name_plural = "cibles"
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year"], name="evaluation_target_one_per_year"
            )
        ]

    def __str__(self):
        return f"{self.year} : {self.value}"


class ValueStatus(models.TextChoices):
    VALIDATED = "validated", "Validée"
    PENDING = "pending", "À valider"
    REJECTED = "rejected", "Refusée"


class IndicatorValueQuerySet(models.QuerySet):
    def validated(self):
        return self.filter(status=ValueStatus.VALIDATED)

    def pending(self):
        return self.filter(status=ValueStatus.PENDING)

    def for_year(self, year):
        return self.filter(year=year)

    def whole_year(self):
        return self.filter(quarter=0, occasion="")


class IndicatorValue(models.Model):
    """The value of an indicator for a period: a year, a quarter of it, or one event.

    `version` grows with each write; evaluation/entry.py writes only if the version a form was
    built from is still the current one.
    """

    indicator = models.ForeignKey(
        Indicator, verbose_name="indicateur", on_delete=models.CASCADE, related_name="values"
    )
    year = year_field("année")
    # 0 for the whole year, 1 to 4 for a quarter.
    quarter = models.PositiveSmallIntegerField(
        "trimestre",
        default=0,
        validators=[MaxValueValidator(4)],
        choices=[
            (0, "Année entière"),
            (1, "1er trimestre"),
            (2, "2e trimestre"),
            (3, "3e trimestre"),
            (4, "4e trimestre"),
        ],
    )
    # A single event ("Forum du 12 mars"); empty for a year or a quarter.
    occasion = models.CharField("événement", max_length=200, blank=True, default="")
    value = models.DecimalField("valeur", max_digits=14, decimal_places=2)
    comment = models.TextField("commentaire", max_length=2000, blank=True)
    source = models.CharField("source", max_length=200, blank=True)
    status = models.CharField(
        "statut",
        max_length=10,
        choices=ValueStatus.choices,
        default=ValueStatus.VALIDATED,
        db_index=True,
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="saisie par",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    entered_at = models.DateTimeField("saisie le", default=timezone.now)
    validated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="validée par",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    validated_at = models.DateTimeField("validée le", null=True, blank=True)
    version = models.PositiveIntegerField("version", default=1)

    objects = IndicatorValueQuerySet.as_manager()

    class Meta:
        ordering = ["indicator", "year", "quarter", "occasion"]
        verbose_name = "valeur d'indicateur"
        verbose_name_plural = "valeurs d'indicateurs"
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year", "quarter", "occasion"],
                name="evaluation_value_one_per_period",
            ),
            models.CheckConstraint(
                condition=models.Q(quarter__lte=4), name="evaluation_value_quarter_range"
            ),
        ]
        indexes = [models.Index(fields=["year", "status"], name="evaluation_value_year_status")]
        permissions = [
            ("validate_indicatorvalue", "Valider les valeurs saisies par les structures"),
        ]

    def __str__(self):
        return f"{self.indicator} – {self.period_label} : {self.value}"

    @property
    def period_label(self):
        label = str(self.year)
        if self.quarter:
            label = f"{self.get_quarter_display()} {self.year}"
        if self.occasion:
            label = f"{self.occasion} ({label})"
        return label


class IndicatorValueChange(models.Model):
    """One change to a value, kept for ever: nothing is overwritten silently."""

    class Action(models.TextChoices):
        CREATED = "created", "Saisie"
        CHANGED = "changed", "Modification"
        VALIDATED = "validated", "Validation"
        REJECTED = "rejected", "Refus"
        DELETED = "deleted", "Suppression"

    # Kept when the value itself is deleted: the period is copied below.
    value = models.ForeignKey(
        IndicatorValue,
        verbose_name="valeur",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="changes",
    )
    indicator = models.ForeignKey(
        Indicator, verbose_name="indicateur", on_delete=models.CASCADE, related_name="+"
    )
    year = year_field("année")
    quarter = models.PositiveSmallIntegerField("trimestre", default=0)
    occasion = models.CharField("événement", max_length=200, blank=True, default="")
    action = models.CharField("action", max_length=10, choices=Action.choices)
    old_value = models.DecimalField(
        "ancienne valeur", max_digits=14, decimal_places=2, null=True, blank=True
    )
    new_value = models.DecimalField(
        "nouvelle valeur", max_digits=14, decimal_places=2, null=True, blank=True
    )
    old_status = models.CharField("ancien statut", max_length=10, blank=True)
    new_status = models.CharField("nouveau statut", max_length=10, blank=True)
    comment = models.TextField("commentaire", max_length=2000, blank=True)
    source = models.CharField("source", max_length=200, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="par",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField("le", default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = "historique d'une valeur"
        verbose_name_plural = "historique des valeurs"

    def __str__(self):
        return f"{self.get_action_display()} – {self.indicator} ({self.year})"


# Participants per occurrence, entered by organisers -------------------------------------------


class Attendance(models.Model):
    """How many people came to one occurrence of an event, entered by its organiser.

    Keyed by the event and the occurrence's start rather than the Occurrence row, which
    events/occurrences.py may rewrite: the count survives a republication.
    """

    event = models.ForeignKey(
        "events.EventPage",
        verbose_name="événement",
        on_delete=models.CASCADE,
        related_name="attendances",
    )
    occurrence_start = models.DateTimeField("date de la séance", db_index=True)
    participants = models.PositiveIntegerField(
        "participants", validators=[MaxValueValidator(100000)]
    )
    comment = models.CharField("commentaire", max_length=300, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="saisie par",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    entered_at = models.DateTimeField("saisie le", auto_now=True)

    class Meta:
        ordering = ["-occurrence_start"]
        verbose_name = "participation à une séance"
        verbose_name_plural = "participations aux séances"
        constraints = [
            models.UniqueConstraint(
                fields=["event", "occurrence_start"], name="evaluation_attendance_one_per_date"
            )
        ]

    def __str__(self):
        day = timezone.localtime(self.occurrence_start)
        return f"{self.event.title} – {day:%d/%m/%Y} : {self.participants}"


# The anonymous audience counter ------------------------------------------------------------------


class Audience(models.TextChoices):
    PROFESSIONAL = "pro", "Professionnels"
    HABITANT = "public", "Habitants"


class PageViewCount(models.Model):
    """Page views of one day, one section of the site and one audience: nothing else.

    No address, identifier, cookie or page URL is stored, and counts are only ever added to,
    which keeps the counter within the CNIL's exemption for audience measurement.
    """

    day = models.DateField("jour")
    section = models.CharField("rubrique", max_length=40)
    audience = models.CharField("public", max_length=10, choices=Audience.choices)
    views = models.PositiveIntegerField("pages vues", default=0)

    class Meta:
        ordering = ["-day", "section", "audience"]
        verbose_name = "pages vues (par jour)"
        verbose_name_plural = "pages vues (par jour)"
        constraints = [
            models.UniqueConstraint(
                fields=["day", "section", "audience"], name="evaluation_pageviews_unique"
            )
        ]

    def __str__(self):
        return f"{self.day} {self.section} {self.get_audience_display()} : {self.views}"


# The annual report ------------------------------------------------------------------------------


class AnnualReportPage(ReportRoutes, Page):
    """The public report of one year of the contract, drawn from the indicators' values."""

    year = year_field("année")
    introduction = RichTextField("introduction", features=RICH_TEXT_FEATURES, blank=True)
    conclusion = RichTextField("perspectives", features=RICH_TEXT_FEATURES, blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("year"),
        FieldPanel("introduction"),
        InlinePanel(
            "narratives",
            heading="Textes par axe",
            label="texte",
            help_text="Ce que les chiffres ne disent pas : un texte par axe, lu avec ses actions.",
        ),
        FieldPanel("conclusion"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("introduction"),
        index.SearchField("conclusion"),
        index.FilterField("year"),
    ]

    parent_page_types = ["evaluation.ContractPage"]
    subpage_types = []
    template = "pages/evaluation/annual_report_page.html"
    base_form_class = AnnualReportPageForm

    class Meta:
        verbose_name = "rapport annuel"
        verbose_name_plural = "rapports annuels"

    def clean(self):
        super().clean()
        parent = parent_for_clean(self)
        contract = contract_of(parent) if parent is not None else None
        if contract is not None and self.year and self.year not in contract.years:
            raise ValidationError(
                {"year": f"Choisissez une année du contrat ({contract.period_label})."}
            )
        if contract is not None and self.year:
            others = AnnualReportPage.objects.child_of(contract).filter(year=self.year)
            if self.pk:
                others = others.exclude(pk=self.pk)
            if others.exists():
                raise ValidationError({"year": "Le rapport de cette année existe déjà."})

    def full_clean(self, *args, **kwargs):
        # The address follows the year: /evaluation/rapport-2026/.
        if self.year:
            self.slug = f"rapport-{self.year}"
        super().full_clean(*args, **kwargs)


class ReportNarrative(Orderable):
    report = ParentalKey(AnnualReportPage, on_delete=models.CASCADE, related_name="narratives")
    axis = models.ForeignKey(
        AxisPage,
        verbose_name="axe",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Laissez vide pour un texte général, affiché après les chiffres clés.",
    )
    heading = models.CharField("titre", max_length=200, blank=True)
    text = RichTextField("texte", features=RICH_TEXT_FEATURES)

    panels = [FieldPanel("axis"), FieldPanel("heading"), FieldPanel("text")]

    class Meta(Orderable.Meta):
        verbose_name = "texte du rapport"
        verbose_name_plural = "textes du rapport"
