"""The printable resource booklet (/structures/livret/ and its PDF), over HTTP."""

import datetime
import re
import zlib
from types import SimpleNamespace
from unittest import mock

import pytest
import segno
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction, Site

from home.models import Commune, HomePage, Theme
from partners import booklet
from partners.models import ActionPage, OpeningHours, StructureContact, StructurePage
from tests.html import PageStructure

from .factories import (
    ActionPageFactory,
    ClosureFactory,
    CommuneFactory,
    CommunityFactory,
    OpeningHoursFactory,
    PublicFactory,
    StructureContactFactory,
    StructureIndexPageFactory,
    StructurePageFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db

URL = "/structures/livret/"
PDF_URL = "/structures/livret/pdf/"
TODAY = datetime.date(2026, 12, 2)
ENTRY_TITLE = re.compile(r'<h3 class="booklet-entry__title"><a href="[^"]*">([^<]*)</a>')
ACTION_TITLE = re.compile(r'<li><a href="[^"]*">([^<]*)</a> :')


@pytest.fixture(autouse=True)
def frozen_today():
    with mock.patch("partners.booklet.timezone.localdate", return_value=TODAY):
        yield


def build_territory():
    """Structures around Clamecy and Varzy; a draft and a private page that must never show."""
    home = HomePage.objects.get(pk=Site.objects.get(is_default_site=True).root_page_id)
    directory = StructureIndexPageFactory(parent=home)
    mental = ThemeFactory(name="Santé mentale", slug="sante-mentale")
    nutrition = ThemeFactory(name="Nutrition", slug="nutrition")
    young = PublicFactory(name="Jeunes", slug="jeunes")
    elderly = PublicFactory(name="Personnes âgées", slug="personnes-agees")
    morvan = CommunityFactory(name="CC du Morvan", slug="morvan")
    vaux = CommunityFactory(name="CC des Vaux", slug="vaux")
    clamecy = CommuneFactory(name="Clamecy", slug="clamecy", insee_code="58079", community=morvan)
    varzy = CommuneFactory(name="Varzy", slug="varzy", insee_code="58304", community=vaux)

    cmp = StructurePageFactory(
        parent=directory,
        title="CMP de Clamecy",
        typology="CMP",
        commune=clamecy,
        street_address="3 rue de la Paix",
        postal_code="58500",
        themes=[mental],
        publics=[young],
    )
    StructureContactFactory(structure=cmp, role="Accueil", phone="03 86 00 00 01")
    StructureContactFactory(
        structure=cmp,
        role="Ligne directe des infirmiers",
        phone="03 86 99 99 99",
        email="ligne-pro@cmp.example",
        visibility=StructureContact.Visibility.PROFESSIONALS,
    )
    for weekday in range(5):
        OpeningHoursFactory(structure=cmp, weekday=weekday, opens="09:00", closes="12:00")
    OpeningHoursFactory(structure=cmp, weekday=5, opens="10:00", closes="12:00")
    ClosureFactory(
        structure=cmp,
        start_date=datetime.date(2026, 12, 24),
        end_date=datetime.date(2026, 12, 26),
        reason="Fêtes de fin d'année",
    )

    grocery = StructurePageFactory(
        parent=directory,
        title="Épicerie solidaire de Varzy",
        typology="BANQUE_ALIM",
        commune=varzy,
        themes=[nutrition],
        publics=[elderly],
    )
    cpts = StructurePageFactory(
        parent=directory, title="CPTS du territoire", typology="CPTS", whole_territory=True
    )
    ActionPageFactory(
        parent=cpts,
        title="Atelier équilibre alimentaire",
        themes=[nutrition],
        publics=[elderly],
    )
    ActionPageFactory(
        parent=cpts,
        title="Groupe de parole des jeunes",
        themes=[mental],
        publics=[young],
        contact_phone="03 86 11 22 33",
    )
    ActionPageFactory(parent=cpts, title="Action en brouillon", themes=[mental], live=False)
    private_action = ActionPageFactory(parent=cpts, title="Action réservée", themes=[mental])
    PageViewRestriction.objects.create(page=private_action, restriction_type="login")

    StructurePageFactory(
        parent=directory,
        title="Association brouillon",
        commune=clamecy,
        themes=[mental],
        live=False,
    )
    private = StructurePageFactory(
        parent=directory, title="Structure réservée", commune=clamecy, themes=[mental]
    )
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    return {"directory": directory, "cmp": cmp, "grocery": grocery, "cpts": cpts}


@pytest.fixture(scope="module")
def module_territory(django_db_setup, django_db_blocker):
    """Built once for the module (pages with revisions are slow to create), rolled back after."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield build_territory()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            cache.clear()


@pytest.fixture
def territory(module_territory, db):
    """The shared territory; what a test adds is rolled back after it."""
    return module_territory


def get(client, query="", url=URL):
    response = client.get(url + (f"?{query}" if query else ""))
    assert response.status_code == 200
    return response


def entries(response):
    return ENTRY_TITLE.findall(response.content.decode())


def actions(response):
    return ACTION_TITLE.findall(response.content.decode())


def pdf_streams(content):
    """Every stream of a PDF, decompressed (fpdf2 compresses them with zlib)."""
    streams = []
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", content, re.S):
        try:
            streams.append(zlib.decompress(match.group(1)).decode("latin-1"))
        except zlib.error:
            streams.append(match.group(1).decode("latin-1"))
    return streams


def pdf_text(content):
    return "\n".join(pdf_streams(content))


def pdf_pages(content):
    """The content stream of each page (those that write text), in order."""
    return [stream for stream in pdf_streams(content) if ") Tj" in stream]


# Selection ---------------------------------------------------------------------------------------


def test_booklet_lists_structures_covering_the_commune_with_their_matching_actions(
    client, territory
):
    response = get(client, "theme=sante-mentale&commune=clamecy")

    # The CPTS has no theme of its own: one of its actions brings it in, and only that one.
    assert entries(response) == ["CMP de Clamecy", "CPTS du territoire"]
    assert actions(response) == ["Groupe de parole des jeunes"]


def test_several_themes_match_any_of_them(client, territory):
    response = get(client, "theme=sante-mentale&theme=nutrition&commune=varzy")

    # The CMP of Clamecy does not act in Varzy.
    assert entries(response) == ["CPTS du territoire", "Épicerie solidaire de Varzy"]
    assert actions(response) == ["Atelier équilibre alimentaire", "Groupe de parole des jeunes"]


def test_publics_select_structures_and_actions(client, territory):
    response = get(client, "public=personnes-agees")

    assert entries(response) == ["CPTS du territoire", "Épicerie solidaire de Varzy"]
    assert actions(response) == ["Atelier équilibre alimentaire"]


def test_themes_and_publics_must_both_be_met(client, territory):
    response = get(client, "theme=nutrition&public=jeunes")

    assert entries(response) == []
    assert "Aucune structure ne correspond à cette sélection." in response.content.decode()


def test_drafts_and_private_pages_never_appear(client, territory):
    for query in ("theme=sante-mentale", "commune=clamecy", "theme=sante-mentale&public=jeunes"):
        html = get(client, query).content.decode()
        text = pdf_text(get(client, query, PDF_URL).content)
        for hidden in ("brouillon", "réservée"):
            assert hidden not in html
            assert booklet.pdf_text(hidden) not in text


def test_professional_contacts_never_appear_even_to_professionals(client, territory, make_user):
    client.force_login(make_user("coordinatrice", "Coordination"))

    html = get(client, "theme=sante-mentale").content.decode()
    text = pdf_text(get(client, "theme=sante-mentale", PDF_URL).content)

    assert "03 86 00 00 01" in html and "03 86 00 00 01" in text
    for private in ("03 86 99 99 99", "ligne-pro@cmp.example", "Ligne directe"):
        assert private not in html
        assert private not in text


def test_sheet_shows_address_hours_closures_and_action_contacts(client, territory):
    html = get(client, "theme=sante-mentale&commune=clamecy").content.decode()

    assert "3 rue de la Paix<br>58500 Clamecy" in html
    assert "Du lundi au vendredi : 9 h – 12 h<br>Samedi : 10 h – 12 h" in html
    assert "Fermé du 24 décembre 2026 au 26 décembre 2026 (Fêtes de fin d&#x27;année)" in html
    assert "03 86 11 22 33" in html


def test_sheet_is_dated_in_french_and_states_the_selection_in_words(client, territory):
    html = get(client, "theme=sante-mentale&public=jeunes&commune=clamecy").content.decode()

    assert "Édité le 2 décembre 2026" in html
    assert "Santé mentale · Jeunes · Clamecy" in html


def test_first_of_the_month_is_written_premier():
    assert booklet.french_date(datetime.date(2027, 1, 1)) == "1er janvier 2027"


def test_unchosen_filters_are_spelled_out(client, territory):
    html = get(client, "commune=varzy").content.decode()

    assert "Toutes thématiques · Tous publics · Varzy" in html


def test_a_selection_is_needed_before_listing(client, territory):
    first_visit = get(client).content.decode()
    empty = get(client, "theme=&commune=").content.decode()

    assert 'class="booklet-form"' in first_visit
    assert "booklet-sheet" not in first_visit and "Choisissez au moins" not in first_visit
    assert "booklet-sheet" not in empty
    assert "Choisissez au moins une thématique, un public ou une commune" in empty


def test_result_is_capped_with_a_message(client, territory, monkeypatch):
    monkeypatch.setattr(booklet, "MAX_STRUCTURES", 1)  # Clamecy has two

    response = get(client, "commune=clamecy")
    text = pdf_text(get(client, "commune=clamecy", PDF_URL).content)

    assert entries(response) == ["CMP de Clamecy"]
    assert "Plus de 1 structures correspondent à cette sélection" in response.content.decode()
    assert "Plus de 1 structures correspondent" in text


def test_weekly_hours_share_a_line_between_consecutive_days_alike():
    def slot(weekday, opens, closes):
        return OpeningHours(
            weekday=weekday,
            opens=datetime.time(*opens),
            closes=datetime.time(*closes),
        )

    slots = [slot(0, (9,), (12,)), slot(1, (9,), (12,)), slot(3, (9,), (12,))]
    slots += [slot(3, (14,), (17, 30)), slot(4, (14,), (17, 30)), slot(5, (9,), (12,))]

    assert booklet.weekly_hours(slots) == [
        ("lundi et mardi", "9 h – 12 h"),
        ("jeudi", "9 h – 12 h, 14 h – 17 h 30"),
        ("vendredi", "14 h – 17 h 30"),
        ("samedi", "9 h – 12 h"),
    ]


# Bad input ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query, named",
    [
        ("theme=martiens", "Thématiques « martiens »"),
        ("commune=99999", "Commune du domicile « 99999 »"),
        ("public=extraterrestres&theme=sante-mentale", "Publics « extraterrestres »"),
    ],
)
def test_unknown_filters_are_ignored_with_a_message(client, territory, query, named):
    response = get(client, query)
    html = response.content.decode()

    assert "Certains filtres n&#x27;ont pas été compris et ont été ignorés" in html
    assert named.replace("'", "&#x27;") in html


def test_known_filters_still_apply_beside_unknown_ones(client, territory):
    response = get(client, "theme=martiens&theme=sante-mentale&commune=clamecy")

    assert entries(response) == ["CMP de Clamecy", "CPTS du territoire"]
    assert "« martiens »" in response.content.decode()


def test_markup_in_a_filter_is_shown_escaped(client, territory):
    html = get(client, "theme=<script>alert(1)</script>").content.decode()

    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_huge_values_are_cut_and_not_echoed_whole(client, territory):
    huge = "x" * 10_000
    response = get(client, f"theme={huge}&commune={huge}&titre={huge}")
    pdf = get(client, f"theme={huge}&titre={huge}", PDF_URL)

    html = response.content.decode()
    assert huge[:200] not in html
    assert "x" * 39 + "…" in html
    assert f"seuls ses {booklet.MAX_TITLE_LENGTH} premiers caractères" in html
    assert pdf.content.startswith(b"%PDF")


def test_repeated_unknown_values_are_named_once_and_only_a_few(client, territory):
    query = "&".join(["theme=martiens"] * 300 + [f"public=inconnu-{n}" for n in range(8)])

    html = get(client, query).content.decode()

    assert html.count("« martiens »") == 1
    assert "« inconnu-3 »" in html and "« inconnu-4 »" not in html
    assert "et 4 autres." in html


def test_a_second_commune_is_ignored_with_a_message(client, territory):
    response = get(client, "commune=varzy&commune=clamecy&theme=nutrition&theme=nutrition")

    assert entries(response) == ["CPTS du territoire", "Épicerie solidaire de Varzy"]
    assert "Une seule commune peut être choisie : « Varzy » a été retenue." in (
        response.content.decode().replace("&#x27;", "'")
    )


def test_control_characters_in_the_title_become_spaces(client, territory):
    html = get(client, "commune=clamecy&titre=Sortie%00d%27hospitalisation%0A").content.decode()

    assert "Sortie d&#x27;hospitalisation</h2>" in html


def test_booklet_only_answers_reading_requests(client, territory):
    assert client.post(URL, {"theme": "sante-mentale"}).status_code == 405
    assert client.post(PDF_URL, {"theme": "sante-mentale"}).status_code == 405


# Link back, printing -----------------------------------------------------------------------------


def test_qr_code_points_to_the_selection_without_its_title(client, territory):
    response = get(client, "commune=clamecy&theme=sante-mentale&titre=Sortie+de+Mme+X")
    html = response.content.decode()

    expected = "http://testserver/structures/livret/?theme=sante-mentale&commune=clamecy"
    code = segno.make(expected, error="m")
    assert code.svg_inline(border=2, omitsize=True, svgclass="booklet-qr__code") in html
    assert (
        f'aria-label="Code QR menant à cette liste sur le site : {expected.replace("&", "&amp;")}"'
        in html
    )
    assert f">{expected.replace('&', '&amp;')}</a>" in html
    assert html.count("Mme X") == 2  # the printed title and the form's own field


def test_page_with_a_title_is_never_cached(client, territory):
    with_title = get(client, "commune=clamecy&titre=Mme+X")
    pdf = get(client, "commune=clamecy&titre=Mme+X", PDF_URL)
    without = get(client, "commune=clamecy")

    assert "no-store" in with_title["Cache-Control"]
    assert "no-store" in pdf["Cache-Control"]
    assert "no-store" not in without.get("Cache-Control", "")


def test_pdf_link_carries_the_selection_and_the_title(client, territory):
    html = get(client, "commune=clamecy&theme=sante-mentale&titre=Mme+X").content.decode()

    assert (
        'href="/structures/livret/pdf/?theme=sante-mentale&amp;commune=clamecy&amp;titre=Mme+X"'
        in html
    )


def test_print_stylesheet_and_print_button_script_are_linked(client, territory):
    html = get(client, "commune=clamecy").content.decode()

    assert re.search(
        r'<link rel="stylesheet" href="[^"]*css/booklet-print\.css" media="print">', html
    )
    assert re.search(r'<script src="[^"]*js/booklet\.js" defer></script>', html)
    # Without JavaScript the button stays hidden and the browser's own command is named.
    assert (
        '<button class="button" type="button" data-booklet-print hidden>Imprimer</button>' in html
    )
    assert "Télécharger en PDF" in html

    stylesheet = (settings.BASE_DIR / "static/css/booklet-print.css").read_text()
    assert "size: A4" in stylesheet and "@page" in stylesheet
    assert "break-inside: avoid" in stylesheet


def test_booklet_page_is_accessible(client, territory):
    structure = PageStructure()
    structure.feed(get(client, "theme=sante-mentale&commune=clamecy").content.decode())

    assert structure.headings.count(1) == 1
    pairs = zip(structure.headings, structure.headings[1:], strict=False)
    assert not [(a, b) for a, b in pairs if b > a + 1]
    assert len(structure.ids) == len(set(structure.ids))
    assert all(field in structure.labels for field in structure.fields)
    assert not structure.inline_styles


def test_form_keeps_what_was_understood(client, territory):
    html = get(client, "theme=sante-mentale&theme=martiens&commune=clamecy").content.decode()

    assert re.search(r'<input[^>]*value="sante-mentale"[^>]*checked', html)
    assert re.search(r'<option value="clamecy" selected>', html)
    assert 'method="get"' in html


def test_directory_links_to_the_booklet(client, territory):
    html = get(client, url="/structures/").content.decode()

    assert '<a href="/structures/livret/">Imprimer un livret de ressources</a>' in html


def test_no_structure_may_take_the_booklet_slug(db):
    structure = StructurePage(title="Livret", slug="livret", short_description="x")

    with pytest.raises(ValidationError) as error:
        structure.full_clean()
    assert "slug" in error.value.message_dict


# PDF ---------------------------------------------------------------------------------------------


def test_pdf_holds_the_selection(client, territory):
    response = get(client, "theme=sante-mentale&commune=clamecy&titre=Sortie+de+Mme+X", PDF_URL)

    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="livret-ressources-2026-12-02.pdf"'
    assert response.content.startswith(b"%PDF")
    text = pdf_text(response.content)
    for expected in (
        "CMP de Clamecy",
        "CPTS du territoire",
        "Groupe de parole des jeunes",
        "Sortie de Mme X",
        "Édité le 2 décembre 2026",
        "Santé mentale · Tous publics · Clamecy",
        "http://testserver/structures/livret/?theme=sante-mentale&commune=clamecy",
    ):
        assert booklet.pdf_text(expected) in text
    # fpdf2 writes the page count apart, once it is known.
    assert re.search(r"\(page 1 / \) Tj \(1\) Tj", text)
    assert "Varzy" not in text


def test_pdf_spells_characters_outside_latin1():
    assert booklet.pdf_text("Cœur – « ça » … 10 €") == "Coeur - « ça » ... 10 EUR"
    assert booklet.pdf_text("Ｃafé 😀") == "Café ?"


def test_pdf_of_an_unknown_selection_says_so(client, territory):
    response = get(client, "theme=martiens", PDF_URL)

    text = pdf_text(response.content)
    assert "martiens" in text
    assert "Choisissez au moins une th" in text


def fake_entry(number, actions):
    """An entry without the database: the PDF reads only these attributes."""
    structure = SimpleNamespace(
        title=f"Structure {number:03d}",
        short_description="Une structure de prévention du territoire, " * 5,
        commune=None,
        appointment_only=False,
        hours_note="",
        get_typology_display=lambda: "Association",
    )
    return booklet.Entry(
        structure=structure,
        address=["1 rue de l'Hôpital", "58500 Clamecy"],
        contacts=[StructureContact(role="Accueil", phone="03 86 00 00 00")],
        hours=[("du lundi au vendredi", "9 h – 12 h")],
        closures=[],
        actions=[
            SimpleNamespace(
                title=f"Action {number:03d}-{index}",
                summary="Un atelier collectif. " * 10,
                contact_phone="",
                contact_email="",
            )
            for index in range(actions)
        ],
    )


def test_pdf_never_splits_a_structure_that_fits_on_one_page():
    entries = [fake_entry(number, actions=number % 4) for number in range(40)]
    entries.append(fake_entry(99, actions=70))  # longer than a page: it must flow over several
    sheet = booklet.Booklet(
        criteria=booklet.BookletCriteria(),
        notices=[],
        entries=entries,
        truncated=False,
        today=TODAY,
        selection_url="http://testserver/structures/livret/?commune=clamecy",
        pdf_url="",
    )

    pages = pdf_pages(booklet.render_pdf(sheet))

    assert len(pages) > 3
    for entry in entries[:-1]:
        last_line = (
            entry.actions[-1].title if entry.actions else "Du lundi au vendredi : 9 h - 12 h"
        )
        holding = [page for page in pages if f"({entry.title})" in page]
        assert len(holding) == 1
        assert last_line in holding[0]
    assert sum("Action 099-" in page for page in pages) > 1


def test_pdf_cuts_words_longer_than_a_line():
    pdf = booklet.BookletPDF(None)
    pdf.set_font("helvetica", "", 10)
    url = "https://exemple.fr/" + "tres-long-" * 40

    lines = booklet._wrap(pdf, f"Site : {url} fin", 100)

    assert "".join(lines).replace(" ", "") == f"Site:{url}fin"
    assert all(pdf.get_string_width(line) <= 100 for line in lines)


# Queries -----------------------------------------------------------------------------------------


def add_structures(directory, theme, commune, count):
    """Live structures (no revisions, for speed) with contacts, hours, a closure, an action."""
    for _ in range(count):
        number = StructurePage.objects.count()
        structure = directory.add_child(
            instance=StructurePage(
                title=f"Maison de santé {number:03d}",
                slug=f"maison-{number:03d}",
                short_description="Une maison de santé.",
                typology="MSP",
                commune=commune,
                themes=[theme],
                live=True,
            )
        )
        OpeningHoursFactory(structure=structure, weekday=number % 7)
        ClosureFactory(structure=structure, start_date=TODAY, end_date=TODAY)
        StructureContactFactory(structure=structure)
        StructureContactFactory(structure=structure, visibility="pro")
        structure.add_child(
            instance=ActionPage(
                title=f"Action {number:03d}",
                slug="action",
                summary="Un atelier.",
                themes=[theme],
                live=True,
            )
        )


def count_queries(client, url):
    client.get(url)  # warm-up: site root paths, menu and settings caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_queries_do_not_grow_with_structures_and_actions(client, territory):
    theme = Theme.objects.get(slug="nutrition")
    commune = Commune.objects.get(slug="clamecy")
    urls = [f"{URL}?theme=nutrition&commune=clamecy", f"{PDF_URL}?theme=nutrition"]

    add_structures(territory["directory"], theme, commune, 3)
    few = {url: count_queries(client, url) for url in urls}
    add_structures(territory["directory"], theme, commune, 15)
    many = {url: count_queries(client, url) for url in urls}

    assert many == few
    assert all(0 < count <= 20 for count in few.values())
    # The CPTS of the shared territory matches too, through its workshop.
    assert len(entries(client.get(urls[0]))) == 18 + 1
