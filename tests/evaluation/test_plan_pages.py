"""The action plan's public pages: the contract, an axis, an action sheet.

The tree is built once for the module; each test runs in a savepoint rolled back after it.
"""

import datetime
import decimal
import html
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from evaluation.models import (
    ActionFunder,
    ContractSignatory,
    HealthDeterminant,
    IndicatorKind,
    IndicatorUnit,
    PlanAxis,
    ValueStatus,
)
from evaluation.plan import format_euros, format_value
from home.models import HomePage, Public, Theme
from tests.conftest import rolled_back_after_module
from tests.partners.factories import (
    CommuneFactory,
    StructureIndexPageFactory,
    StructurePageFactory,
)

from .factories import (
    ActionSheetPageFactory,
    AnnualReportPageFactory,
    AxisPageFactory,
    ContractPageFactory,
    IndicatorFactory,
    IndicatorTargetFactory,
    IndicatorValueFactory,
)


def build_world():
    from wagtail.models import Site

    home = HomePage.objects.get(pk=Site.objects.get(is_default_site=True).root_page_id)
    directory = StructureIndexPageFactory(parent=home)
    ccas = StructurePageFactory(parent=directory, title="CCAS de Clamecy", slug="ccas-clamecy")
    cpts = StructurePageFactory(parent=directory, title="CPTS du Morvan", slug="cpts-morvan")
    draft = StructurePageFactory(
        parent=directory, title="Association en brouillon", slug="brouillon", live=False
    )
    nutrition = Theme.objects.get(slug="nutrition")
    mental = Theme.objects.get(slug="sante-mentale")
    elderly = Public.objects.get(slug="personnes-agees")
    young = Public.objects.get(slug="16-25-ans")
    commune = CommuneFactory(name="Clamecy", insee_code="58079")
    contract = ContractPageFactory(
        parent=home,
        signed_on=datetime.date(2025, 3, 14),
        introduction="<p>Un contrat pour réduire les écarts de santé.</p>",
        coordinator_contact="coordination@exemple.invalid",
        signatories=[
            ContractSignatory(
                name="Agence régionale de santé",
                represented_by="son directeur général",
                url="https://ars.exemple.invalid/",
            ),
            ContractSignatory(name="Préfecture de la Nièvre", represented_by="la préfète"),
        ],
    )
    prevention = AxisPageFactory(
        parent=contract,
        number=1,
        title="Prévenir et dépister",
        summary="Aller vers les habitants éloignés de la prévention.",
        description="<p>Un axe qui porte les actions de prévention.</p>",
    )
    care = AxisPageFactory(parent=contract, number=2, title="Accéder aux soins", slug="soins")
    full = ActionSheetPageFactory(
        parent=prevention,
        number=1,
        title="Ateliers nutrition",
        slug="ateliers-nutrition",
        typology="experimental",
        status="ongoing",
        status_note="Deux communes sur cinq ont commencé",
        carrying_structure=ccas,
        referent_role="Chargée de prévention du CCAS",
        summary="Des ateliers de cuisine et d'activité physique pour les aînés.",
        local_context="<p>Le diagnostic montre un isolement marqué des aînés.</p>",
        general_objective="Préserver l'autonomie des personnes âgées par l'alimentation.",
        specific_objectives="<ul><li>Faire connaître les repères nutritionnels.</li></ul>",
        operational_objectives="<ul><li>Tenir dix ateliers par an.</li></ul>",
        implementation_steps="<p>Recruter une diététicienne, puis ouvrir les inscriptions.</p>",
        duration="multi_year",
        start_year=2025,
        end_year=2027,
        partner_structures=[cpts, draft],
        partners_note="Les clubs des aînés des communes",
        themes=[nutrition],
        publics=[elderly],
        territory="Communes du nord du territoire",
        communes=[commune],
        budget=decimal.Decimal("12500"),
        budget_note="sur trois ans",
        funders=[
            ActionFunder(name="Conférence des financeurs", amount=decimal.Decimal("8000")),
            ActionFunder(name="Commune de Clamecy", amount=decimal.Decimal("1234.50")),
        ],
        other_resources="Salle prêtée par la mairie",
        determinants=list(
            HealthDeterminant.objects.filter(family__in=["lifestyle", "social_environment"])[:3]
        ),
        plan_axes=[
            PlanAxis.objects.get(plan="prs", code="Axe 1"),
            PlanAxis.objects.get(plan="prse", code="Axe 1"),
        ],
        fights_inequalities=True,
        participatory=True,
        participatory_note="Les menus sont choisis avec les participants",
        public_policies="Plan national nutrition santé",
        evaluation_method="Questionnaire avant et après le cycle d'ateliers.",
    )
    other = ActionSheetPageFactory(
        parent=care,
        number=2,
        title="Forum santé mentale",
        slug="forum",
        status="done",
        carrying_structure=cpts,
        themes=[mental],
        publics=[young],
    )
    unlisted = ActionSheetPageFactory(
        parent=care,
        number=3,
        title="Action portée hors annuaire",
        slug="hors-annuaire",
        status="not_started",
        carrier_name="PETR du Pays",
    )
    workshops = IndicatorFactory(
        action=full,
        kind=IndicatorKind.PROCESS,
        label="Nombre d'ateliers tenus",
        unit=IndicatorUnit.COUNT,
        frequency="quarterly",
        method="Comptage des feuilles de présence",
        source="Feuilles de présence",
        entered_by="carrier",
    )
    satisfaction = IndicatorFactory(
        action=full,
        kind=IndicatorKind.RESULT,
        label="Part des participants satisfaits",
        unit=IndicatorUnit.PERCENT,
        source="Questionnaire",
    )
    budget_spent = IndicatorFactory(
        action=full, kind=IndicatorKind.IMPACT, label="Budget consommé", unit=IndicatorUnit.EURO
    )
    for year, target in [(2025, 8), (2026, 10)]:
        IndicatorTargetFactory(indicator=workshops, year=year, value=target)
    IndicatorTargetFactory(indicator=satisfaction, year=2025, value=80)
    IndicatorValueFactory(indicator=workshops, year=2025, value=9)
    for quarter, value in [(1, 2), (2, 3), (3, 4)]:
        IndicatorValueFactory(indicator=workshops, year=2026, quarter=quarter, value=value)
    IndicatorValueFactory(indicator=satisfaction, year=2025, value=decimal.Decimal("87.5"))
    IndicatorValueFactory(
        indicator=satisfaction, year=2026, value=decimal.Decimal("61.3"), status=ValueStatus.PENDING
    )
    IndicatorValueFactory(
        indicator=budget_spent,
        year=2025,
        value=decimal.Decimal("4321"),
        status=ValueStatus.REJECTED,
    )
    report = AnnualReportPageFactory(parent=contract, year=2025, title="Rapport d'activité 2025")
    draft_report = AnnualReportPageFactory(
        parent=contract, year=2026, title="Rapport d'activité 2026", live=False
    )
    return SimpleNamespace(
        home=home,
        contract=contract,
        prevention=prevention,
        care=care,
        full=full,
        other=other,
        unlisted=unlisted,
        ccas=ccas,
        cpts=cpts,
        draft=draft,
        report=report,
        draft_report=draft_report,
        workshops=workshops,
    )


@pytest.fixture(scope="module")
def module_world(django_db_setup, django_db_blocker):
    with rolled_back_after_module(django_db_blocker):
        yield build_world()


@pytest.fixture
def w(module_world, db):
    return module_world


def text_of(response):
    assert response.status_code == 200
    return html.unescape(response.content.decode()).replace("\u00a0", " ").replace("\u202f", " ")


def count_queries(client, url):
    client.get(url)  # The first request of a test creates the site settings: not counted.
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


# Numbers ---------------------------------------------------------------------------------------


def test_euros_are_written_the_french_way():
    assert format_euros(decimal.Decimal("12500")) == "12\u202f500\u00a0€"
    assert format_euros(decimal.Decimal("1234.5")) == "1\u202f234,50\u00a0€"
    assert format_euros(None) == ""


def test_values_carry_their_unit():
    percent = SimpleNamespace(unit=IndicatorUnit.PERCENT, score_max=None)
    score = SimpleNamespace(unit=IndicatorUnit.SCORE, score_max=5)
    assert format_value(percent, decimal.Decimal("87.50")) == "87,5\u00a0%"
    assert format_value(score, decimal.Decimal("4")) == "4\u00a0/\u00a05"


# The contract ----------------------------------------------------------------------------------


def test_contract_page_shows_the_contract_its_signatories_and_its_plan(client, w):
    text = text_of(client.get("/evaluation/"))
    for expected in [
        "Contrat local de santé 2025–2029",
        "Communauté de communes des Deux Rives",
        "2025–2029",
        "14 mars 2025",
        "Un contrat pour réduire les écarts de santé.",
        "Agence régionale de santé",
        "(représentant : son directeur général)",
        "Préfecture de la Nièvre",
        "Axe 1 : Prévenir et dépister",
        "Axe 2 : Accéder aux soins",
        "Ateliers nutrition",
        "Forum santé mentale",
        "PETR du Pays",
        "Rapport d'activité 2025",
    ]:
        assert expected in text, expected
    assert 'href="https://ars.exemple.invalid/"' in text
    # The carrier links to its directory page; an action outside the directory has no link.
    assert 'href="/structures/ccas-clamecy/"' in text
    # Only published reports are linked.
    assert "Rapport d'activité 2026" not in text


def test_contract_page_counts_actions_by_status_in_words(client, w):
    text = text_of(client.get("/evaluation/"))
    assert "2 axes stratégiques, 3 fiches actions." in text
    for count, words in [(1, "non démarrée"), (1, "en cours"), (1, "réalisée"), (0, "abandonnée")]:
        assert f'<span class="plan-counts__value">{count}</span>' in text
        assert words in text
    # Each card says its status in words, beside a symbol.
    assert "Réalisée</span>" in text and "En cours</span>" in text


def test_axes_are_listed_in_order_with_their_action_sheets(client, w):
    text = text_of(client.get("/evaluation/"))
    text = text[text.index('<h3 id="axe-1"') :]
    assert text.index("Axe 1 : Prévenir") < text.index("Ateliers nutrition")
    assert text.index("Ateliers nutrition") < text.index("Axe 2 : Accéder")
    assert text.index("Axe 2 : Accéder") < text.index("Forum santé mentale")
    assert "2025–2027" in text  # the action's years


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ("axe=2", ["Forum santé mentale", "Action portée hors annuaire"], ["Ateliers nutrition"]),
        ("avancement=done", ["Forum santé mentale"], ["Ateliers nutrition", "hors annuaire"]),
        ("theme=nutrition", ["Ateliers nutrition"], ["Forum santé mentale"]),
        ("public=16-25-ans", ["Forum santé mentale"], ["Ateliers nutrition"]),
        ("porteur=ccas-clamecy", ["Ateliers nutrition"], ["Forum santé mentale", "hors annuaire"]),
        ("axe=1&avancement=done", [], ["Ateliers nutrition", "Forum santé mentale"]),
    ],
)
def test_contract_filters_narrow_the_plan(client, w, query, shown, hidden):
    text = text_of(client.get(f"/evaluation/?{query}"))
    section = text[text.index('id="plan-titre"') : text.index('id="rapports"')]
    for title in shown:
        assert title in section, title
    for title in hidden:
        assert title not in section, title
    if not shown:
        assert "Aucune fiche action ne correspond à tous ces filtres." in section


def test_contract_filters_are_a_labelled_get_form(client, w):
    text = text_of(client.get("/evaluation/"))
    form = text[text.index('<form class="plan-filters"') :]
    form = form[: form.index("</form>")]
    assert 'method="get"' in form
    for name, label in [
        ("axe", "Axe"),
        ("avancement", "Avancement"),
        ("theme", "Thématique"),
        ("public", "Public"),
        ("porteur", "Structure porteuse"),
    ]:
        assert f'<label for="id_{name}">{label}</label>' in form
        assert f'name="{name}"' in form
    # The carriers offered are the plan's, the structures in the directory only.
    assert 'value="ccas-clamecy"' in form and 'value="cpts-morvan"' in form
    assert 'value="brouillon"' not in form


@pytest.mark.parametrize(
    "query",
    [
        "axe=99",
        "axe=abc&avancement=fini",
        "theme=inconnu&public=%00",
        "porteur=brouillon",
        "axe=1&axe=<script>",
        "avancement=" + "x" * 5000,
        "page=-1&tri=%ff%fe",
    ],
)
def test_junk_filters_are_ignored_never_an_error(client, w, query):
    response = client.get(f"/evaluation/?{query}")
    text = text_of(response)
    assert "<script>" not in response.content.decode()
    if "page=" not in query:
        assert "Certains filtres n'ont pas été compris et ont été ignorés" in text
    # Ignored filters leave the whole plan shown.
    assert "Ateliers nutrition" in text and "Forum santé mentale" in text


def test_contract_page_queries_do_not_grow_with_the_plan(client, w):
    before = count_queries(client, "/evaluation/")
    for number in range(3, 6):
        axis = AxisPageFactory(parent=w.contract, number=number, slug=f"axe-{number}")
        for position in range(3):
            action = ActionSheetPageFactory(
                parent=axis,
                number=number * 10 + position,
                carrying_structure=w.cpts if position else w.ccas,
                themes=list(Theme.objects.all()[:2]),
                publics=list(Public.objects.all()[:2]),
            )
            IndicatorFactory(action=action)
    AnnualReportPageFactory(parent=w.contract, year=2027, slug="rapport-2027")
    after = count_queries(client, "/evaluation/")
    filtered = count_queries(client, "/evaluation/?theme=nutrition&axe=1")
    assert after == before
    assert filtered == before


# An axis ---------------------------------------------------------------------------------------


def test_axis_page_shows_its_summary_description_and_action_cards(client, w):
    text = text_of(client.get(w.prevention.url))
    assert "Axe stratégique 1" in text
    assert "<h1>Prévenir et dépister</h1>" in text
    assert "Aller vers les habitants éloignés de la prévention." in text
    assert "Un axe qui porte les actions de prévention." in text
    assert "Ateliers nutrition" in text and 'href="/structures/ccas-clamecy/"' in text
    assert "Forum santé mentale" not in text


def test_axis_page_queries_do_not_grow_with_its_actions(client, w):
    before = count_queries(client, w.care.url)
    for position in range(5):
        ActionSheetPageFactory(
            parent=w.care,
            number=100 + position,
            carrying_structure=w.ccas,
            themes=list(Theme.objects.all()[:3]),
        )
    assert count_queries(client, w.care.url) == before


# An action sheet --------------------------------------------------------------------------------


def test_action_sheet_shows_every_field(client, w):
    text = text_of(client.get(w.full.url))
    for expected in [
        "Fiche action n° 1",
        "<h1>Ateliers nutrition</h1>",
        "Action expérimentale",
        "En cours : Deux communes sur cinq ont commencé",
        "Chargée de prévention du CCAS",
        'href="/structures/ccas-clamecy/">CCAS de Clamecy</a>',
        "Axe 1 : Prévenir et dépister",
        "Le diagnostic montre un isolement marqué des aînés.",
        "Préserver l'autonomie des personnes âgées par l'alimentation.",
        "Faire connaître les repères nutritionnels.",
        "Tenir dix ateliers par an.",
        "Recruter une diététicienne",
        "Pluriannuelle, 2025–2027",
        'href="/structures/cpts-morvan/">CPTS du Morvan</a>',
        "Les clubs des aînés des communes",
        "Personnes âgées",
        "Nutrition et alimentation",
        "Communes du nord du territoire",
        "Clamecy",
        "12 500 € (sur trois ans)",
        "Conférence des financeurs",
        "8 000 €",
        "1 234,50 €",
        "Salle prêtée par la mairie",
        "Mode de vie",
        "Environnement social",
        "Axe 1 : Prévention",
        "Axe 1 : Modes de vie et de consommation favorables à la santé",
        "Oui, c'est un objectif direct de l'action",
        "Oui : Les menus sont choisis avec les participants",
        "Plan national nutrition santé",
        "Questionnaire avant et après le cycle d'ateliers.",
        "Rapport d'activité 2025",
    ]:
        assert expected in text, expected
    # A partner structure not published is not linked from the public sheet.
    assert "Association en brouillon" not in text


def test_action_sheet_hides_empty_fields(client, w):
    text = text_of(client.get(w.unlisted.url))
    assert "PETR du Pays" in text
    for absent in [
        "Personne référente",
        "Contexte et enjeux locaux",
        "Objectifs spécifiques",
        "Étapes de mise en œuvre",
        "Financement",
        "Communes concernées",
        "Politiques publiques",
    ]:
        assert absent not in text, absent
    assert "Les indicateurs de cette action ne sont pas encore définis." in text
    assert "Lutte contre les inégalités sociales de santé</dt><dd>Non" in text


def test_indicators_are_grouped_by_kind_with_targets_and_validated_values(client, w):
    text = text_of(client.get(w.full.url))
    process = text.index("Indicateurs de processus")
    result = text.index("Indicateurs de résultat")
    impact = text.index("Indicateurs d'impact")
    assert process < text.index("Nombre d'ateliers tenus") < result
    assert result < text.index("Part des participants satisfaits") < impact
    assert "Comptage des feuilles de présence" in text
    assert "La structure porteuse" in text and "Trimestrielle" in text
    assert (
        "<caption>Cibles et valeurs validées par année : Nombre d'ateliers tenus</caption>" in text
    )
    assert '<th scope="col">Année</th>' in text and '<th scope="row">2029</th>' in text
    # 2025: 9 against 8; 2026: three validated quarters add up to 9.
    table = text[text.index("valeurs validées par année : Nombre") :]
    table = table[: table.index("</table>")]
    assert "<td>8</td>" in table and "<td>9</td>" in table and "<td>10</td>" in table
    assert "9 <span" in table and "(cumul T1 à T3)" in table
    assert "87,5 %" in text and "80 %" in text


def test_pending_and_refused_values_are_not_public(client, w):
    text = text_of(client.get(w.full.url))
    assert "61,3" not in text
    assert "4 321" not in text and "4321" not in text
    assert "Seules les valeurs validées" in text


def test_action_sheet_queries_do_not_grow_with_indicators(client, w):
    before = count_queries(client, w.full.url)
    for position in range(4):
        indicator = IndicatorFactory(action=w.full, kind=IndicatorKind.RESULT)
        for year in (2025, 2026, 2027):
            IndicatorTargetFactory(indicator=indicator, year=year, value=5)
            IndicatorValueFactory(indicator=indicator, year=year, value=position)
    ActionFunder.objects.create(action=w.full, name="CAF", amount=500)
    assert count_queries(client, w.full.url) == before


def test_plan_pages_have_one_h1_and_headings_in_order(client, w):
    import re

    for url in ["/evaluation/", w.prevention.url, w.full.url]:
        body = client.get(url).content.decode()
        main = body[body.index("<main") : body.index("</main>")]
        levels = [int(level) for level in re.findall(r"<h([1-6])", main)]
        assert levels.count(1) == 1, url
        for previous, level in zip(levels, levels[1:], strict=False):
            assert level <= previous + 1, (url, levels)
        assert "css/evaluation.css" in body


# Previews --------------------------------------------------------------------------------------


def test_pages_preview_before_their_first_save(w):
    from wagtail.models import Page

    from evaluation.models import ActionSheetPage, AxisPage, ContractPage

    pages = [
        (
            ContractPage(title="Nouveau contrat", territory="Lieu", start_year=2025, end_year=2026),
            w.home,
        ),
        (AxisPage(title="Nouvel axe", number=9), w.contract),
        (
            ActionSheetPage(
                title="Nouvelle fiche",
                number=99,
                start_year=2025,
                end_year=2026,
                carrier_name="PETR",
                themes=[Theme.objects.get(slug="nutrition")],
                funders=[ActionFunder(name="CAF", amount=decimal.Decimal(300))],
            ),
            w.prevention,
        ),
    ]
    for page, parent in pages:
        # As Wagtail's "preview on create" places a page not yet saved.
        page.depth = parent.depth + 1
        page.path = Page._get_children_path_interval(parent.path)[1]
        response = page.make_preview_request()
        assert response.status_code == 200, page
        assert page.title in response.content.decode()


def test_an_edited_action_sheet_previews_with_its_indicators(w):
    page = w.full
    page.title = "Ateliers nutrition, nouvelle version"
    response = page.make_preview_request()
    body = html.unescape(response.content.decode())
    assert "Ateliers nutrition, nouvelle version" in body
    assert "Nombre d'ateliers tenus" in body
