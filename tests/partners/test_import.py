"""manage.py import_structures: checked row by row, all or nothing, drafts unless told otherwise."""

import io

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page, Revision

from home.models import Theme
from partners.importer import ImportAborted, import_structures
from partners.models import StructurePage

from .factories import CommuneFactory, StructureContactFactory, StructurePageFactory

pytestmark = pytest.mark.django_db

HEADER = [
    "nom",
    "presentation_resume",
    "typologie",
    "adresse",
    "code_postal",
    "commune",
    "latitude",
    "longitude",
    "telephone",
    "courriel",
    "site_web",
    "thematiques",
    "publics",
    "siret",
]
MSP = {
    "nom": "Maison de santé de Varzy",
    "presentation_resume": "Médecins, infirmières et kinésithérapeutes réunis.",
    "typologie": "MSP",
    "adresse": "3 rue de la Gare",
    "code_postal": "58210",
    "commune": "Varzy",
    "latitude": "47.3594",
    "longitude": "3.3867",
    "telephone": "01 99 00 20 01",
    "courriel": "accueil@msp-varzy.example",
    "site_web": "msp-varzy.example",
    "thematiques": "depistage|Santé mentale",
    "publics": "adultes;personnes-agees",
    "siret": "732 829 320 00074",
}
CCAS = {
    **dict.fromkeys(HEADER, ""),
    "nom": "CCAS de Clamecy",
    "presentation_resume": "Aides sociales et accompagnement.",
    "typologie": "CCAS",
    "commune": "58079",
}


@pytest.fixture(autouse=True)
def communes(db):
    CommuneFactory(name="Varzy", insee_code="58304", postal_code="58210")
    CommuneFactory(name="Clamecy", insee_code="58079", postal_code="58500")


def csv_bytes(*rows, header=HEADER, delimiter=";", encoding="utf-8-sig"):
    lines = [delimiter.join(header)]
    for row in rows:
        lines.append(delimiter.join(quote(row.get(column, ""), delimiter) for column in header))
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


def quote(value, delimiter):
    return f'"{value}"' if delimiter in value or '"' in value else value


def snapshot():
    return Page.objects.count(), Revision.objects.count()


def run(data, directory, **options):
    return import_structures(data, directory, **options)


def test_dry_run_checks_everything_and_writes_nothing(directory):
    before = snapshot()

    report = run(csv_bytes(MSP, CCAS), directory)

    assert report.ok and not report.committed
    assert report.created == ["Maison de santé de Varzy", "CCAS de Clamecy"]
    assert snapshot() == before


def test_commit_creates_draft_structures_under_the_directory(directory):
    report = run(csv_bytes(MSP, CCAS), directory, commit=True)

    assert report.committed and len(report.created) == 2
    msp = StructurePage.objects.child_of(directory).get(slug="maison-de-sante-de-varzy")
    assert not msp.live and msp.has_unpublished_changes
    draft = msp.get_latest_revision_as_object()
    assert draft.typology == "MSP"
    assert (draft.commune.insee_code, draft.postal_code) == ("58304", "58210")
    assert (str(draft.latitude), str(draft.longitude)) == ("47.359400", "3.386700")
    assert draft.siret == "73282932000074"
    assert {t.slug for t in draft.themes.all()} == {"depistage", "sante-mentale"}
    assert {p.slug for p in draft.publics.all()} == {"adultes", "personnes-agees"}
    [contact] = draft.contacts.all()
    assert contact.is_public
    assert (contact.phone, contact.email, contact.website) == (
        "01 99 00 20 01",
        "accueil@msp-varzy.example",
        "https://msp-varzy.example",
    )
    ccas = StructurePage.objects.get(slug="ccas-de-clamecy")
    assert ccas.commune.name == "Clamecy"  # found by its INSEE code


def test_anonymous_visitors_do_not_see_imported_drafts(client, directory):
    run(csv_bytes(MSP), directory, commit=True)

    assert client.get("/structures/maison-de-sante-de-varzy/").status_code == 404


def test_publish_option_publishes(client, directory):
    run(csv_bytes(MSP), directory, commit=True, publish=True)

    page = StructurePage.objects.get(slug="maison-de-sante-de-varzy")
    assert page.live and not page.has_unpublished_changes
    assert page.themes.count() == 2


def test_update_makes_a_draft_revision_and_keeps_live_content(directory):
    live = StructurePageFactory(parent=directory, title="Maison de santé de Varzy")
    StructureContactFactory(
        structure=live, role="Médecin", visibility="pro", phone="01 99 00 20 99"
    )
    changed = {**MSP, "presentation_resume": "Nouvelle présentation."}

    report = run(csv_bytes(changed), directory, commit=True)

    assert report.updated == ["Maison de santé de Varzy"] and not report.created
    live.refresh_from_db()
    assert live.live and live.has_unpublished_changes
    assert live.short_description == "Une structure de prévention du territoire."
    draft = live.get_latest_revision_as_object()
    assert draft.short_description == "Nouvelle présentation."
    roles = sorted((c.role, c.visibility) for c in draft.contacts.all())
    assert roles == [("Accueil", "public"), ("Médecin", "pro")]  # the pro contact is kept


def test_update_leaves_fields_of_absent_columns_alone(directory):
    live = StructurePageFactory(
        parent=directory, title="CCAS de Clamecy", typology="CCAS", street_address="Mairie"
    )
    data = csv_bytes(
        {"nom": "CCAS de Clamecy", "presentation_resume": "Autre texte."},
        header=["nom", "presentation_resume"],
    )

    run(data, directory, commit=True)

    draft = live.get_latest_revision_as_object()
    assert (draft.street_address, draft.typology, draft.latitude) == (
        "Mairie",
        "CCAS",
        live.latitude,
    )


BAD_ROWS = [
    ({"commune": "Nevers"}, "commune", "n'est pas une commune"),
    ({"commune": "99999"}, "commune", "n'est pas une commune"),
    ({"thematiques": "depistage|astrologie"}, "thematiques", "astrologie"),
    ({"publics": "martiens"}, "publics", "martiens"),
    ({"latitude": "147.2"}, "latitude", "hors limites"),
    ({"longitude": "trois"}, "longitude", "n'est pas un nombre"),
    ({"latitude": "47°21'"}, "latitude", "n'est pas un nombre"),
    ({"longitude": ""}, "longitude", "ou aucune des deux"),
    ({"courriel": "accueil(at)msp"}, "courriel", "n'est pas une adresse valide"),
    ({"site_web": "http://exemple dot fr"}, "site_web", "n'est pas une adresse web valide"),
    ({"telephone": "01 99 00 20 01 poste 12 (secrétariat)"}, "telephone", "30 caractères"),
    ({"siret": "73282932000075"}, "siret", "SIRET"),
    ({"typologie": "Pharmacie"}, "typologie", "inconnue"),
    ({"code_postal": "582"}, "code_postal", "5 chiffres"),
    ({"nom": ""}, "nom", "obligatoire"),
    ({"presentation_resume": "x" * 300}, "presentation_resume", "280"),
    ({"nom": "Carte", "presentation_resume": "x"}, "slug", "réservé"),
]


@pytest.mark.parametrize(("change", "column", "message"), BAD_ROWS)
def test_a_bad_row_is_reported_and_nothing_is_written(directory, change, column, message):
    before = snapshot()

    report = run(csv_bytes(CCAS, {**MSP, **change}), directory, commit=True)

    assert not report.committed
    assert [(e.line, e.column) for e in report.errors] == [(3, column)]
    assert message in report.errors[0].message
    assert snapshot() == before


def test_duplicated_rows_are_refused(directory):
    same_name = {**CCAS, "nom": "Maison de santé de Varzy", "commune": "Clamecy"}
    report = run(csv_bytes(MSP, MSP, same_name), directory, commit=True)

    assert [(e.line, e.column) for e in report.errors] == [(3, "slug"), (4, "slug")]
    assert "ligne 2" in report.errors[0].message

    other_slug = {**same_name, "slug": "msp-varzy"}
    report = run(csv_bytes(MSP, other_slug, header=[*HEADER, "slug"]), directory)
    assert [(e.line, e.column) for e in report.errors] == [(3, "nom")]
    assert not StructurePage.objects.exists()


def test_a_row_with_the_wrong_number_of_cells_is_reported(directory):
    data = csv_bytes(MSP) + b"Structure;sans;assez\r\n"

    report = run(data, directory, commit=True)

    assert [(e.line, e.column) for e in report.errors] == [(3, None)]
    assert "3 cellule(s) au lieu de 14" in report.errors[0].message


def test_every_error_of_the_file_is_reported_at_once(directory):
    bad = {**MSP, "commune": "Atlantide", "latitude": "91"}

    report = run(csv_bytes(bad, {**CCAS, "typologie": "?"}), directory)

    assert [(e.line, e.column) for e in report.errors] == [
        (2, "commune"),
        (2, "latitude"),
        (3, "typologie"),
    ]


def test_missing_required_columns_are_named(directory):
    data = csv_bytes(MSP, header=["typologie", "commune"])

    with pytest.raises(ImportAborted, match="nom, presentation_resume"):
        run(data, directory)


def test_comma_decimals_are_accepted(directory):
    report = run(csv_bytes({**MSP, "latitude": "47,3594", "longitude": "3,3867"}), directory)

    assert report.ok


@pytest.mark.parametrize("delimiter", [";", ",", "\t"])
def test_the_delimiter_is_guessed(directory, delimiter):
    row = {**MSP, "latitude": "47,3594"}  # quoted when the delimiter is ","

    report = run(csv_bytes(row, delimiter=delimiter), directory, commit=True)

    assert report.committed
    page = StructurePage.objects.get()
    assert page.title == "Maison de santé de Varzy"
    assert str(page.latitude) == "47.359400"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16"])
def test_unicode_files_are_read(directory, encoding):
    report = run(csv_bytes(MSP, encoding=encoding), directory, commit=True)

    assert report.ok and not report.warnings
    assert StructurePage.objects.get().title == "Maison de santé de Varzy"


def test_a_windows_1252_file_is_read_with_a_warning(directory):
    report = run(csv_bytes(MSP, encoding="cp1252"), directory, commit=True)

    assert report.committed
    assert "Windows-1252" in report.warnings[0]
    assert StructurePage.objects.get().title == "Maison de santé de Varzy"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"nom;presentation_resume\r\n\x81\x8d;\x90\r\n", "Encodage non reconnu"),
        (b"nom\x00;presentation_resume\r\n", "caractères nuls"),
        (b"  \r\n", "vide"),
        (b"PK\x03\x04\x14\x00\x06\x00", "classeur"),
    ],
)
def test_unreadable_files_are_refused_clearly(directory, data, message):
    with pytest.raises(ImportAborted, match=message):
        run(data, directory)


def test_export_then_import_round_trips(client, directory):
    run(csv_bytes(MSP, CCAS), directory, commit=True, publish=True)
    exported = client.get("/structures/export/csv/").content

    report = run(exported, directory, commit=True)
    assert report.updated == ["CCAS de Clamecy", "Maison de santé de Varzy"]

    for page in StructurePage.objects.all():
        page.delete()
    report = run(exported, directory, commit=True, publish=True)
    assert len(report.created) == 2

    assert client.get("/structures/export/csv/").content == exported


# The command ---------------------------------------------------------------------------------


def command(path, *args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_structures", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_command_dry_run_says_nothing_was_saved(directory, tmp_path):
    path = tmp_path / "structures.csv"
    path.write_bytes(csv_bytes(MSP, CCAS))

    out, err = command(path)

    assert "2 structure(s) seraient créées" in out
    assert "--commit" in out
    assert "[##############################] 2/2" in err
    assert not StructurePage.objects.exists()


def test_command_commit_imports(directory, tmp_path):
    path = tmp_path / "structures.csv"
    path.write_bytes(csv_bytes(MSP, CCAS))

    out, _ = command(path, "--commit")

    assert "2 structure(s) créée(s)" in out
    assert StructurePage.objects.count() == 2


def test_command_reports_errors_line_by_line_without_traceback(directory, tmp_path):
    path = tmp_path / "structures.csv"
    path.write_bytes(csv_bytes(MSP, {**CCAS, "commune": "Atlantide"}))
    err = io.StringIO()

    with pytest.raises(CommandError, match="1 erreur"):
        call_command("import_structures", str(path), "--commit", stderr=err)

    assert "Ligne 3, colonne « commune » : « Atlantide » n'est pas une commune" in err.getvalue()
    assert not StructurePage.objects.exists()


def test_command_refuses_a_file_without_required_columns(directory, tmp_path):
    path = tmp_path / "structures.csv"
    path.write_bytes(b"name;description\r\nx;y\r\n")

    with pytest.raises(CommandError, match="obligatoire.*nom, presentation_resume"):
        command(path)


def test_command_refuses_a_missing_file(directory, tmp_path):
    with pytest.raises(CommandError, match="Impossible de lire"):
        command(tmp_path / "absent.csv")


def test_theme_names_and_slugs_are_both_understood(directory):
    theme = Theme.objects.get(slug="vie-affective-et-sexuelle")
    row = {**MSP, "thematiques": f"{theme.name.upper()} ; addictions"}

    run(csv_bytes(row), directory, commit=True)

    draft = StructurePage.objects.get().get_latest_revision_as_object()
    assert {t.slug for t in draft.themes.all()} == {"vie-affective-et-sexuelle", "addictions"}
