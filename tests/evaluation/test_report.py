"""The annual report: its figures, the page, the CSV, JSON and PDF downloads."""

import csv
import datetime
import io
import json
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from wagtail.models import PageViewRestriction

from evaluation.models import (
    ActionStatus,
    IndicatorUnit,
    ReportNarrative,
    ValueStatus,
)
from evaluation.report import build_report, fr_change, fr_number, fr_value, year_value
from evaluation.report_pdf import render_pdf

from .factories import (
    ActionSheetPageFactory,
    AnnualReportPageFactory,
    AxisPageFactory,
    IndicatorFactory,
    IndicatorTargetFactory,
    IndicatorValueFactory,
)

D = Decimal


# Numbers and the year's value, without the database -------------------------------------------


def test_numbers_are_written_the_french_way():
    assert fr_number(D("1234.5")) == "1\u00a0234,5"
    assert fr_number(D("85.00")) == "85"
    assert fr_number(0) == "0"
    assert fr_value(D("85"), IndicatorUnit.PERCENT) == "85\u00a0%"
    assert fr_value(D("1200"), IndicatorUnit.EURO) == "1\u00a0200\u00a0€"
    assert fr_value(D("7.5"), IndicatorUnit.SCORE, 10) == "7,5/10"
    assert fr_value(None, IndicatorUnit.COUNT) == ""
    assert fr_change(D("-2.5"), IndicatorUnit.PERCENT) == "\u22122,5\u00a0points"
    assert fr_change(D(3), IndicatorUnit.COUNT) == "+3"
    assert fr_change(D(0), IndicatorUnit.COUNT) == "="


def test_whole_year_value_wins_over_quarters():
    entries = [(1, "", D(5)), (0, "", D(40)), (2, "", D(7))]
    assert year_value(entries, additive=True) == D(40)


def test_quarters_and_events_add_up_for_counts_and_average_for_percentages():
    entries = [(1, "", D(5)), (2, "", D(7)), (0, "Forum du 12 mars", D(3))]
    assert year_value(entries, additive=True) == D(15)
    assert year_value([(1, "", D(80)), (2, "", D(85))], additive=False) == D("82.50")
    assert year_value([], additive=True) is None
    assert year_value(None, additive=False) is None


# A contract with two axes, three actions, their indicators and values ------------------------


@pytest.fixture
def plan(contract):
    """Axis 1: action 1 (three indicators), action 2 (none); axis 2: action 3 (one indicator)."""
    axis_one = AxisPageFactory(parent=contract, number=1, title="Prévenir et dépister")
    axis_two = AxisPageFactory(parent=contract, number=2, title="Santé mentale")
    first = ActionSheetPageFactory(
        parent=axis_one,
        number=1,
        title="Ateliers nutrition",
        carrier_name="PETR du Pays",
        status=ActionStatus.ONGOING,
        fights_inequalities=True,
    )
    ActionSheetPageFactory(
        parent=axis_one, number=2, title="Forum santé", status=ActionStatus.NOT_STARTED
    )
    third = ActionSheetPageFactory(
        parent=axis_two,
        number=3,
        title="Premiers secours en santé mentale",
        status=ActionStatus.DONE,
        participatory=True,
    )
    workshops = IndicatorFactory(action=first, label="Ateliers tenus", sort_order=1)
    satisfaction = IndicatorFactory(
        action=first, label="Satisfaction", unit=IndicatorUnit.PERCENT, sort_order=2
    )
    visits = IndicatorFactory(
        action=first,
        label="Structures de l'annuaire",
        sort_order=3,
        computed_metric="structures_published",
    )
    trained = IndicatorFactory(action=third, label="Personnes formées")
    for indicator, year, value in [
        (workshops, 2025, 10),
        (workshops, 2026, 12),
        (workshops, 2027, 12),
        (satisfaction, 2026, 90),
        (trained, 2026, 30),
    ]:
        IndicatorTargetFactory(indicator=indicator, year=year, value=D(value))
    # Workshops: a whole year in 2025; quarters in 2026 (plus a pending and a refused one).
    IndicatorValueFactory(indicator=workshops, year=2025, value=D(8))
    IndicatorValueFactory(indicator=workshops, year=2026, quarter=1, value=D(5))
    IndicatorValueFactory(indicator=workshops, year=2026, quarter=2, value=D(4))
    IndicatorValueFactory(indicator=workshops, year=2026, occasion="Forum", value=D(4))
    IndicatorValueFactory(
        indicator=workshops, year=2026, quarter=3, value=D(100), status=ValueStatus.PENDING
    )
    IndicatorValueFactory(
        indicator=workshops, year=2026, quarter=4, value=D(100), status=ValueStatus.REJECTED
    )
    # Satisfaction: quarters averaged; 2027's only value is still pending.
    IndicatorValueFactory(indicator=satisfaction, year=2026, quarter=1, value=D(80))
    IndicatorValueFactory(indicator=satisfaction, year=2026, quarter=2, value=D(85))
    IndicatorValueFactory(indicator=satisfaction, year=2025, value=D("70.5"))
    IndicatorValueFactory(
        indicator=satisfaction, year=2027, value=D(99), status=ValueStatus.PENDING
    )
    IndicatorValueFactory(indicator=trained, year=2026, value=D(45))
    return {
        "axes": (axis_one, axis_two),
        "actions": (first, third),
        "indicators": {
            "workshops": workshops,
            "satisfaction": satisfaction,
            "visits": visits,
            "trained": trained,
        },
    }


@pytest.fixture
def report_page(contract, plan):
    page = AnnualReportPageFactory(
        parent=contract,
        year=2026,
        introduction="<p>Une année de mise en route.</p>",
        conclusion="<p>En 2027, on continue.</p>",
    )
    ReportNarrative.objects.create(
        report=page, heading="Ce que disent les partenaires", text="<p>Texte général.</p>"
    )
    ReportNarrative.objects.create(
        report=page, axis=plan["axes"][1], heading="Un axe porté", text="<p>Texte d'axe.</p>"
    )
    return page


def by_label(report):
    return {indicator.label: indicator for indicator in report.indicators}


def test_values_against_targets(report_page):
    report = build_report(report_page)
    figures = by_label(report)
    workshops = figures["Ateliers tenus"]
    # Quarters and the event added up; pending and refused values left out.
    assert workshops.value == D(13)
    assert workshops.target == D(12)
    assert workshops.rate == D("108.3")
    assert workshops.met is True
    assert workshops.previous == D(8) and report.compare_year == 2025
    assert workshops.change == D(5)
    assert [p.value for p in workshops.series] == [D(8), D(13), None, None, None]
    assert [p.target for p in workshops.series] == [D(10), D(12), D(12), None, None]

    satisfaction = figures["Satisfaction"]
    assert satisfaction.value == D("82.50")  # averaged
    assert satisfaction.rate_text == "92\u00a0%"
    assert satisfaction.met is False
    assert satisfaction.change_text == "+12\u00a0points"
    assert satisfaction.series[2].value is None  # 2027's pending value does not show

    # Nothing entered: the indicator shows the site's own figure, said to be computed.
    visits = figures["Structures de l'annuaire"]
    assert visits.computed_label == "Structures publiées"
    assert visits.computed_value is not None
    assert visits.value == visits.computed_value and visits.value_is_computed

    headline = {item.key: item for item in report.headline}
    assert headline["actions"].value == 3
    assert headline["fights_inequalities"].value == 1
    assert headline["participatory"].value == 1
    assert headline["indicators"].value == 4
    assert headline["indicators_with_value"].value == 4  # the computed one included
    assert headline["indicators_with_value"].previous == 3
    assert headline["targets_met"].value == 2  # workshops and trained (45 ≥ 30)
    assert headline["targets_measured"].value == 3
    assert {row.status: row.count for row in report.statuses} == {
        "not_started": 1,
        "ongoing": 1,
        "done": 1,
        "abandoned": 0,
    }


def test_narratives_go_to_the_top_or_to_their_axis(report_page, plan):
    report = build_report(report_page)
    assert [n.heading for n in report.general_narratives] == ["Ce que disent les partenaires"]
    assert [n.heading for n in report.axes[1].narratives] == ["Un axe porté"]
    assert report.axes[0].narratives == []


def test_unpublished_or_private_actions_and_axes_are_left_out(report_page, plan):
    plan["actions"][1].unpublish()
    report = build_report(report_page)
    assert [a.number for a in report.actions] == [1, 2]
    assert "Personnes formées" not in by_label(report)
    PageViewRestriction.objects.create(page=plan["axes"][0], restriction_type="login")
    report = build_report(report_page)
    assert [axis.number for axis in report.axes] == [2] and report.indicators == []


def test_page_shows_figures_charts_and_tables(client, report_page, plan):
    response = client.get(report_page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Rapport d&#x27;activité 2026</h1>" in html
    assert "Chiffres clés 2026" in html
    assert 'role="img"' in html and 'aria-labelledby="graphique-' in html
    assert "<caption>Indicateurs de la fiche 1 en 2026</caption>" in html
    assert '<th scope="col">Valeur 2025</th>' in html
    assert "108\u00a0%" in html  # rate, French
    assert "82,5\u00a0%" in html
    # Status in words; the action's title links to its sheet.
    assert "Réalisée" in html and "En cours" in html
    assert f'href="{plan["actions"][0].url}"' in html
    assert "Une année de mise en route." in html and "En 2027, on continue." in html
    assert "Texte général." in html and "Texte d'axe." in html
    assert 'href="#axe-2"' in html and 'id="axe-2"' in html
    assert "csv/" in html and "json/" in html and "/pdf/" in html
    assert 'css/report-print.css" media="print"' in html


def test_comparison_with_another_year(client, report_page):
    response = client.get(report_page.url, {"comparer": "2028"})
    html = response.content.decode()
    assert response.status_code == 200
    assert '<th scope="col">Valeur 2028</th>' in html
    assert '<option value="2028" selected>' in html
    assert build_report(report_page, "2025").compare_year == 2025


@pytest.mark.parametrize(
    "junk", ["abc", "1900", "2026", "", " ", "2025.5", "99999999999999999999", "\x00", "-1"]
)
def test_junk_comparison_falls_back_to_the_previous_year(client, report_page, junk):
    response = client.get(report_page.url, {"comparer": junk})
    assert response.status_code == 200
    assert '<th scope="col">Valeur 2025</th>' in response.content.decode()


def test_first_year_has_nothing_to_compare_with(client, contract, plan):
    page = AnnualReportPageFactory(parent=contract, year=2025)
    report = build_report(page, "abc")
    assert report.compare_year is None
    html = client.get(page.url).content.decode()
    assert "pas d'année précédente à comparer" in html
    assert "Évolution" not in html


def test_reports_of_the_contract_link_to_each_other(client, report_page, contract):
    AnnualReportPageFactory(parent=contract, year=2025)
    draft = AnnualReportPageFactory(parent=contract, year=2027)
    draft.unpublish()
    html = client.get(report_page.url).content.decode()
    assert 'href="/evaluation/rapport-2025/"' in html
    assert '<span aria-current="page">2026</span>' in html
    assert "rapport-2027" not in html


def test_empty_report_says_why(client, contract):
    page = AnnualReportPageFactory(parent=contract, year=2026)
    response = client.get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Aucune valeur d'indicateur n'est encore validée pour 2026" in html
    assert "pas encore d'axe ni de fiche publiés" in html
    for suffix in ("csv/", "json/", "pdf/"):
        assert client.get(page.url + suffix).status_code == 200


def test_draft_or_private_report_is_not_shown_to_visitors(client, contract, make_user):
    page = AnnualReportPageFactory(parent=contract, year=2026)
    page.unpublish()
    for suffix in ("", "csv/", "json/", "pdf/"):
        assert client.get(f"/evaluation/rapport-2026/{suffix}").status_code == 404
    private = AnnualReportPageFactory(parent=contract, year=2027)
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    for suffix in ("", "csv/", "json/", "pdf/"):
        response = client.get(f"/evaluation/rapport-2027/{suffix}")
        assert response.status_code == 302 and "login" in response["Location"]


def test_labels_from_editors_are_escaped(client, contract):
    axis = AxisPageFactory(parent=contract, number=1, title="Axe <b>gras</b>")
    action = ActionSheetPageFactory(parent=axis, number=1, title="Fiche & <i>co</i>")
    IndicatorFactory(action=action, label='<script>alert("x")</script>')
    page = AnnualReportPageFactory(parent=contract, year=2026)
    html = client.get(page.url).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "<b>gras</b>" not in html


# Downloads ---------------------------------------------------------------------------------


def test_csv_holds_one_row_per_indicator_and_year(client, report_page):
    response = client.get(report_page.url + "csv/")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="rapport-2026.csv"'
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(body[1:]), delimiter=";"))
    indicators = [row for row in rows if row["rubrique"] == "Indicateur"]
    assert len(indicators) == 4 * 5  # four indicators, five years of the contract
    satisfaction = {r["annee"]: r for r in indicators if r["indicateur"] == "Satisfaction"}
    assert satisfaction["2026"]["valeur"] == "82,5"
    assert satisfaction["2026"]["cible"] == "90"
    assert satisfaction["2026"]["taux_atteinte_pct"] == "91,7"
    assert satisfaction["2026"]["fiche"] == "Ateliers nutrition"
    assert satisfaction["2026"]["avancement"] == "En cours"
    assert satisfaction["2026"]["unite"] == "Pourcentage"
    assert satisfaction["2027"]["valeur"] == ""  # pending: not there
    assert all(None not in row and len(row) == 16 for row in rows)  # every row, every column
    empty_action = [row for row in rows if row["rubrique"] == "Fiche"]
    assert [(r["fiche"], r["avancement"], r["annee"]) for r in empty_action] == [
        ("Forum santé", "Non démarrée", "2026")
    ]
    computed = [row for row in rows if row["rubrique"] == "Chiffre du site"]
    assert {row["indicateur"] for row in computed} >= {"Structures publiées", "Recherches"}
    assert "2026" in {row["annee"] for row in computed}


def test_json_holds_the_same_figures_as_numbers(client, report_page):
    response = client.get(report_page.url + "json/")
    assert response.status_code == 200
    data = json.loads(response.content)
    assert data["rapport"]["annee"] == 2026 and data["rapport"]["annee_comparee"] == 2025
    assert [axis["numero"] for axis in data["axes"]] == [1, 2]
    first = data["axes"][0]["fiches"][0]
    assert first["avancement"] == {"code": "ongoing", "libelle": "En cours"}
    workshops, satisfaction, visits = first["indicateurs"]
    assert workshops["valeur"] == 13 and workshops["cible"] == 12
    assert workshops["valeur_comparee"] == 8 and workshops["evolution"] == 5
    assert satisfaction["valeur"] == 82.5 and satisfaction["taux_atteinte_pct"] == 91.7
    assert [p["valeur"] for p in workshops["serie"]] == [8, 13, None, None, None]
    assert visits["chiffre_du_site"]["cle"] == "structures_published"
    assert data["chiffres_cles"]["actions"]["valeur"] == 3
    assert {m["cle"] for m in data["chiffres_du_site"]} >= {"searches", "views_habitants"}
    assert isinstance(data["chiffres_du_site"][0]["annees"]["2026"], int)


def test_pdf_is_an_a4_document(client, report_page):
    response = client.get(report_page.url + "pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="rapport-2026.pdf"'
    assert response.content.startswith(b"%PDF")
    assert b"/MediaBox [0 0 595.28 841.89]" in response.content
    # A title page, the headline figures, one page per axis; numbered "page n / N".
    pdf = render_pdf(build_report(report_page), compress=False)
    assert pdf.count(b"/Type /Page\n") == 4
    assert b"(page 3 / ) Tj (4)" in pdf
    assert b"Ateliers nutrition" in pdf and b"Axe 2 : Sant\xe9 mentale" in pdf


def test_report_of_a_past_year_shows_no_future_site_figures(report_page):
    report = build_report(report_page)
    this_year = datetime.date.today().year
    assert all(year <= max(this_year, 2026) for year in report.site_years)
    assert 2025 in report.site_years and 2026 in report.site_years


def test_preview_reads_the_texts_being_edited(rf, report_page, plan):
    # The editor's preview renders the page with its unsaved texts (modelcluster, in memory).
    report_page.narratives = [
        ReportNarrative(heading="Brouillon général", text="<p>En cours d'écriture.</p>"),
        ReportNarrative(axis=plan["axes"][0], heading="Brouillon d'axe", text="<p>…</p>"),
    ]
    request = rf.get(report_page.url)
    request.user = AnonymousUser()
    response = report_page.serve_preview(request, report_page.default_preview_mode)
    html = response.render().content.decode()
    assert "Brouillon général" in html and "Brouillon d&#x27;axe" in html
    assert "Ce que disent les partenaires" not in html


def test_csv_cells_are_never_run_as_formulas(client, contract):
    axis = AxisPageFactory(parent=contract, number=1, title='=HYPERLINK("http://x")')
    action = ActionSheetPageFactory(parent=axis, number=1, title="@SUM(A1)")
    IndicatorFactory(action=action, label="+1+1")
    page = AnnualReportPageFactory(parent=contract, year=2026)
    body = client.get(page.url + "csv/").content.decode("utf-8")[1:]
    row = next(r for r in csv.DictReader(io.StringIO(body), delimiter=";") if r["annee"] == "2026")
    assert row["axe"] == '\'=HYPERLINK("http://x")'
    assert row["fiche"] == "'@SUM(A1)" and row["indicateur"] == "'+1+1"


def test_a_new_report_previews_before_its_first_save(contract, plan):
    from wagtail.models import Page

    from evaluation.models import AnnualReportPage

    page = AnnualReportPage(title="Rapport 2027 (brouillon)", year=2027, slug="rapport-2027")
    page.narratives = [ReportNarrative(heading="Premier jet", text="<p>Texte.</p>")]
    # As Wagtail's "preview on create" places a page not yet saved.
    page.depth = contract.depth + 1
    page.path = Page._get_children_path_interval(contract.path)[1]
    response = page.make_preview_request()
    assert response.status_code == 200
    html = response.content.decode()
    assert "Premier jet" in html and "Ateliers tenus" in html


def test_audience_per_section_is_charted_with_its_table(client, report_page):
    from evaluation.models import PageViewCount

    html = client.get(report_page.url).content.decode()
    assert "Aucune page vue n'a été comptée en 2026" in html
    PageViewCount.objects.create(day="2026-03-02", section="annuaire", audience="pro", views=1200)
    PageViewCount.objects.create(day="2026-03-02", section="annuaire", audience="public", views=35)
    PageViewCount.objects.create(day="2026-05-09", section="agenda", audience="public", views=80)
    PageViewCount.objects.create(day="2025-05-09", section="agenda", audience="public", views=9)
    # The site's figures are statistics kept a few minutes in the cache.
    assert "1\u00a0200" not in client.get(report_page.url).content.decode()
    cache.clear()
    html = client.get(report_page.url).content.decode()
    assert 'id="graphique-frequentation"' in html and "hachures" in html
    assert (
        '<tr><th scope="row">Annuaire des structures</th><td class="num">1\u00a0200</td>'
        '<td class="num">35</td></tr>'
    ) in html
    assert (
        '<tr><th scope="row">Agenda</th><td class="num">0</td><td class="num">80</td></tr>' in html
    )
