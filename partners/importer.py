"""Import structures from a CSV file into the directory, all or nothing.

The file has the columns of the CSV export (partners/exports.py, CSV_COLUMNS), so an export
imports back unchanged. Only `nom` and `presentation_resume` are required; on an update, a
column absent from the file leaves its field alone.

- Reading: UTF-8 (with or without BOM), else Windows-1252 with a warning, else a clear refusal;
  ";", "," or tab as separator, guessed from the header line.
- Checking: every row is checked before anything is written; each problem is reported with its
  line, its column and a message in French. Then the writes run in one transaction, each row in
  its own savepoint so that every failure is reported; any error rolls the whole import back.
  A dry run (the default) does the same and always rolls back: it reports exactly what a real
  import would do.
- Writing: a new structure is a draft page under the directory; an existing one (same slug) gets
  a new draft revision, built on its latest revision, so live content never changes without
  moderation. `publish=True` publishes both.
"""

import csv
import io
import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import DatabaseError, transaction
from django.utils.text import slugify
from wagtail.log_actions import log

from home.models import Commune, Public, Theme

from .exports import CSV_COLUMNS, FORMULA_PREFIXES, TEXT_COLUMNS
from .models import RESERVED_SLUGS, Fees, StructureContact, StructurePage, Typology, validate_siret

REQUIRED_COLUMNS = ["nom", "presentation_resume"]
IGNORED_COLUMNS = {"date_maj"}  # exported for information; the site keeps its own dates
DELIMITERS = [";", ",", "\t"]
LIST_SEPARATORS = re.compile(r"[|;]")

# Model field → CSV column, to report validation errors where the user can fix them.
FIELD_COLUMNS = {
    "title": "nom",
    "slug": "slug",
    "short_description": "presentation_resume",
    "typology": "typologie",
    "street_address": "adresse",
    "address_complement": "complement_adresse",
    "postal_code": "code_postal",
    "commune": "commune",
    "latitude": "latitude",
    "longitude": "longitude",
    "siret": "siret",
    "fees": "frais",
    "fees_detail": "frais_autres",
    "access_conditions": "conditions_acces",
    "languages": "langues",
    "phone": "telephone",
    "email": "courriel",
    "website": "site_web",
}

# data·inclusion typologies read back as ours (the reverse of the export's mapping, plus a few).
DATA_INCLUSION_TYPOLOGIES = {
    "CIAS": Typology.CCAS,
    "CPAM": Typology.SOCIAL_SECURITY,
    "CAF": Typology.SOCIAL_SECURITY,
    "MSA": Typology.SOCIAL_SECURITY,
    "RFS": Typology.FRANCE_SERVICES,
    "MSAP": Typology.FRANCE_SERVICES,
    "ES": Typology.FOOD_BANK,
    "MUNI": Typology.LOCAL_AUTHORITY,
    "CC": Typology.LOCAL_AUTHORITY,
    "EPCI": Typology.LOCAL_AUTHORITY,
    "CD": Typology.LOCAL_AUTHORITY,
    "DEPT": Typology.PMI,
    "CMS": Typology.CENTRE_SANTE,
    "CMP": Typology.CMP,
    "CSAPA": Typology.ADDICTOLOGY,
    "ASSO": Typology.ASSOCIATION,
    "ETABL_PUB": Typology.HOSPITAL,
    "ESS": Typology.MUTUAL,
}
DATA_INCLUSION_FEES = {"gratuit-sous-conditions": Fees.MEANS_TESTED}


class ImportAborted(Exception):
    """The file cannot be read at all (encoding, header): nothing is looked at further."""


@dataclass
class RowError:
    line: int
    column: str | None
    message: str

    def __str__(self):
        where = f"ligne {self.line}"
        if self.column:
            where += f", colonne « {self.column} »"
        return f"{where} : {self.message}"


@dataclass
class ImportReport:
    committed: bool = False
    rows: int = 0
    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    warnings: list = field(default_factory=list)

    @property
    def ok(self):
        return not self.errors


@dataclass
class ParsedRow:
    line: int
    slug: str
    fields: dict
    themes: list | None = None
    publics: list | None = None
    contact: dict | None = None


# Reading -------------------------------------------------------------------------------------


def decode(data):
    """(text, warnings) from the file's bytes, or ImportAborted with the reason."""
    if not data.strip():
        raise ImportAborted("Le fichier est vide.")
    if data.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        raise ImportAborted(
            "Ce fichier est un classeur (Excel, LibreOffice), pas un CSV : dans le tableur, "
            "« Enregistrer sous » et choisissez « CSV UTF-8 »."
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), []
    if b"\x00" in data:
        raise ImportAborted(
            "Le fichier contient des caractères nuls : ce n'est pas un CSV texte. "
            "Enregistrez-le au format « CSV UTF-8 »."
        )
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as error:
        raise ImportAborted(
            "Encodage non reconnu (ni UTF-8, ni Windows-1252) : enregistrez le fichier au "
            "format « CSV UTF-8 »."
        ) from error
    return text, [
        "Le fichier n'est pas en UTF-8 : il a été lu comme du Windows-1252 (cp1252). "
        "Vérifiez les accents dans le rapport ; en cas de doute, enregistrez-le en « CSV UTF-8 »."
    ]


def normalise_column(name):
    return re.sub(r"[\s\-]+", "_", name.strip().lstrip("\ufeff").casefold())


def read_table(data):
    """(columns, [(line, {column: value})], warnings, errors) from the bytes of a CSV file."""
    text, warnings = decode(data)
    header_line = text.lstrip("\ufeff").split("\n", 1)[0]
    delimiter = max(DELIMITERS, key=header_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except (StopIteration, csv.Error) as error:
        raise ImportAborted("La première ligne (les noms de colonnes) est illisible.") from error
    columns = [normalise_column(name) for name in header]
    missing = [name for name in REQUIRED_COLUMNS if name not in columns]
    if missing:
        raise ImportAborted(
            f"Colonne(s) obligatoire(s) absente(s) : {', '.join(missing)}. "
            f"Séparateur lu : « {'tabulation' if delimiter == chr(9) else delimiter} ». "
            f"Colonnes possibles : {', '.join(CSV_COLUMNS)}."
        )
    duplicated = sorted({name for name in columns if name and columns.count(name) > 1})
    if duplicated:
        raise ImportAborted(f"Colonne(s) en double dans l'en-tête : {', '.join(duplicated)}.")
    unknown = [name for name in columns if name and name not in CSV_COLUMNS]
    if unknown:
        warnings.append(f"Colonne(s) inconnue(s), ignorée(s) : {', '.join(unknown)}.")
    rows, errors = [], []
    try:
        for cells in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) == len(columns):
                rows.append((line, dict(zip(columns, cells, strict=True))))
            else:
                message = (
                    f"{len(cells)} cellule(s) au lieu de {len(columns)} : vérifiez les "
                    "guillemets et le séparateur."
                )
                errors.append(RowError(line, None, message))
    except csv.Error as error:
        raise ImportAborted(f"Ligne {reader.line_num} illisible : {error}.") from error
    return [c for c in columns if c in CSV_COLUMNS], rows, warnings, errors


# Checking ------------------------------------------------------------------------------------


class Lookups:
    """Communes, themes, publics and existing structures, read once for the whole file."""

    def __init__(self, directory):
        self.communes_by_code = {}
        self.communes_by_name = {}
        for commune in Commune.objects.all():
            self.communes_by_code[commune.insee_code] = commune
            for key in {commune.name.casefold(), commune.slug}:
                self.communes_by_name.setdefault(key, []).append(commune)
        self.themes = self._index(Theme.objects.all())
        self.publics = self._index(Public.objects.all())
        self.structures = {page.slug: page for page in StructurePage.objects.child_of(directory)}

    @staticmethod
    def _index(items):
        index = {}
        for item in items:
            for key in (item.slug, item.name.casefold(), slugify(item.name)):
                index.setdefault(key, item)
        return index


class RowParser:
    def __init__(self, line, values, columns, lookups):
        self.line, self.values, self.columns, self.lookups = line, values, columns, lookups
        self.errors = []

    def error(self, column, message):
        self.errors.append(RowError(self.line, column, message))

    def get(self, column):
        value = (self.values.get(column) or "").strip()
        if column in TEXT_COLUMNS and value[:1] == "'" and value[1:2] in FORMULA_PREFIXES:
            value = value[1:]  # the export's protection against spreadsheet formulas
        return value

    def parse(self):
        fields = {}
        name = self.get("nom")
        if not name:
            self.error("nom", "le nom de la structure est obligatoire.")
        fields["title"] = name
        summary = self.get("presentation_resume")
        if not summary:
            self.error("presentation_resume", "la présentation courte est obligatoire.")
        fields["short_description"] = summary

        slug = self.get("slug") or slugify(name)[:255]
        if self.get("slug") and slugify(slug) != slug:
            self.error("slug", f"« {slug} » n'est pas un identifiant valide (ex. ccas-clamecy).")
        elif slug in RESERVED_SLUGS:
            self.error("slug", f"« {slug} » est réservé par l'annuaire.")
        elif name and not slug:
            self.error("slug", "impossible de déduire un identifiant du nom.")

        plain = {
            "adresse": "street_address",
            "complement_adresse": "address_complement",
            "frais_autres": "fees_detail",
            "conditions_acces": "access_conditions",
            "langues": "languages",
        }
        for column, field_name in plain.items():
            if column in self.columns:
                fields[field_name] = self.get(column)
        if "typologie" in self.columns and self.get("typologie"):
            fields["typology"] = self.typology(self.get("typologie"))
        if "frais" in self.columns and self.get("frais"):
            fields["fees"] = self.fees(self.get("frais"))
        if "siret" in self.columns:
            fields["siret"] = self.siret(self.get("siret"))
        self.place(fields)
        self.check_lengths(fields)

        parsed = ParsedRow(self.line, slug, fields)
        if "thematiques" in self.columns:
            parsed.themes = self.terms("thematiques", self.lookups.themes, "thématique inconnue")
        if "publics" in self.columns:
            parsed.publics = self.terms("publics", self.lookups.publics, "public inconnu")
        parsed.contact = self.contact()
        return parsed

    def check_lengths(self, fields):
        # Text fields' max_length is only enforced by forms: check it as the editor would.
        for name, value in fields.items():
            limit = getattr(StructurePage._meta.get_field(name), "max_length", None)
            if isinstance(value, str) and limit and len(value) > limit:
                self.error(FIELD_COLUMNS[name], f"{limit} caractères au plus (ici {len(value)}).")

    def typology(self, value):
        for code, label in Typology.choices:
            if value.casefold() in (code.casefold(), label.casefold()):
                return code
        if value.upper() in DATA_INCLUSION_TYPOLOGIES:
            return DATA_INCLUSION_TYPOLOGIES[value.upper()]
        self.error(
            "typologie",
            f"« {value} » est inconnue. Valeurs possibles : {', '.join(Typology.values)} "
            "(ou un code data·inclusion).",
        )
        return None

    def fees(self, value):
        for code, label in Fees.choices:
            if value.casefold() in (code, label.casefold()):
                return code
        if value.casefold() in DATA_INCLUSION_FEES:
            return DATA_INCLUSION_FEES[value.casefold()]
        self.error(
            "frais", f"« {value} » est inconnu. Valeurs possibles : {', '.join(Fees.values)}."
        )
        return None

    def siret(self, value):
        value = re.sub(r"\s", "", value)
        if value:
            try:
                validate_siret(value)
            except ValidationError as error:
                self.error("siret", error.messages[0])
        return value

    def place(self, fields):
        """Commune, postal code and coordinates, checked against each other."""
        commune = None
        name, code = self.get("commune"), self.get("code_insee")
        if code:
            commune = self.lookups.communes_by_code.get(code)
            if commune is None:
                self.error("code_insee", f"aucune commune n'a le code INSEE « {code} ».")
        if name and commune is None and not code:
            commune = self.commune(name)
        elif (
            name
            and commune is not None
            and name.casefold()
            not in (
                commune.name.casefold(),
                commune.insee_code,
                commune.slug,
            )
        ):
            self.error("commune", f"« {name} » ne correspond pas au code INSEE {code}.")
        if "commune" in self.columns or "code_insee" in self.columns:
            fields["commune"] = commune

        postal_code = re.sub(r"\s", "", self.get("code_postal"))
        if postal_code and not re.fullmatch(r"\d{5}", postal_code):
            self.error("code_postal", f"« {postal_code} » n'est pas un code postal (5 chiffres).")
        if "code_postal" in self.columns or commune is not None:
            fields["postal_code"] = postal_code or (commune.postal_code if commune else "")

        if "latitude" in self.columns or "longitude" in self.columns:
            errors_before = len(self.errors)
            latitude = self.coordinate("latitude", 90)
            longitude = self.coordinate("longitude", 180)
            unreadable = len(self.errors) > errors_before
            if (latitude is None) != (longitude is None) and not unreadable:
                missing = "longitude" if longitude is None else "latitude"
                self.error(missing, "indiquez la latitude et la longitude, ou aucune des deux.")
            fields["latitude"], fields["longitude"] = latitude, longitude

    def commune(self, value):
        if value in self.lookups.communes_by_code:
            return self.lookups.communes_by_code[value]
        by_name = self.lookups.communes_by_name
        matches = by_name.get(value.casefold()) or by_name.get(slugify(value), [])
        postal_code = self.get("code_postal")
        if len(matches) > 1 and postal_code:
            matches = [c for c in matches if c.postal_code == postal_code] or matches
        if len(matches) == 1:
            return matches[0]
        if matches:
            self.error(
                "commune", f"plusieurs communes s'appellent « {value} » : donnez le code INSEE."
            )
        else:
            self.error(
                "commune",
                f"« {value} » n'est pas une commune du référentiel (nom ou code INSEE attendu).",
            )
        return None

    def coordinate(self, column, limit):
        raw = self.get(column).replace(" ", "")
        if not raw:
            return None
        if "," in raw and "." not in raw:
            raw = raw.replace(",", ".")  # French decimal comma
        try:
            value = Decimal(raw)
        except InvalidOperation:
            self.error(column, f"« {raw} » n'est pas un nombre en degrés décimaux (ex. 47.4578).")
            return None
        if not value.is_finite() or not -limit <= value <= limit:
            self.error(column, f"« {raw} » est hors limites (entre -{limit} et {limit}).")
            return None
        return value.quantize(Decimal("0.000001"), rounding=ROUND_HALF_UP)

    def terms(self, column, index, unknown):
        """Themes or publics named in the cell by slug or name; `unknown` starts the error."""
        found = []
        values = [part.strip() for part in LIST_SEPARATORS.split(self.get(column))]
        for value in filter(None, values):
            term = index.get(value) or index.get(value.casefold()) or index.get(slugify(value))
            if term is None:
                self.error(column, f"{unknown} : « {value} » (identifiant ou nom attendu).")
            elif term not in found:
                found.append(term)
        return found

    def contact(self):
        contact = {
            "phone": self.get("telephone"),
            "email": self.get("courriel"),
            "website": self.get("site_web"),
        }
        if len(contact["phone"]) > 30:
            self.error("telephone", f"30 caractères au plus (ici {len(contact['phone'])}).")
        if contact["email"]:
            try:
                EmailValidator()(contact["email"])
            except ValidationError:
                self.error("courriel", f"« {contact['email']} » n'est pas une adresse valide.")
        if contact["website"]:
            if "://" not in contact["website"]:
                contact["website"] = f"https://{contact['website']}"
            try:
                URLValidator(schemes=["http", "https"])(contact["website"])
            except ValidationError:
                self.error(
                    "site_web", f"« {contact['website']} » n'est pas une adresse web valide."
                )
        return contact if any(contact.values()) else None


def parse_rows(rows, columns, lookups, report):
    parsed, seen_slugs, seen_names = [], {}, {}
    for line, values in rows:
        parser = RowParser(line, values, columns, lookups)
        row = parser.parse()
        name = row.fields["title"].casefold()
        if row.slug in seen_slugs:
            parser.error(
                "slug", f"même identifiant « {row.slug} » qu'à la ligne {seen_slugs[row.slug]}."
            )
        elif name and name in seen_names:
            parser.error("nom", f"même nom qu'à la ligne {seen_names[name]}.")
        seen_slugs.setdefault(row.slug, line)
        seen_names.setdefault(name, line)
        report.errors.extend(parser.errors)
        parsed.append(row)
    return parsed


# Writing -------------------------------------------------------------------------------------


def apply_row(row, directory, lookups, user, publish):
    """Create or update the structure of `row`; returns "created" or "updated"."""
    existing = lookups.structures.get(row.slug)
    if existing is None:
        page = StructurePage(slug=row.slug, live=False, typology=Typology.OTHER)
        outcome = "created"
    else:
        page = existing.get_latest_revision_as_object()
        outcome = "updated"
    for name, value in row.fields.items():
        if value is not None or name in ("commune", "latitude", "longitude"):
            setattr(page, name, value)
    if row.themes is not None:
        page.themes.set(row.themes)
    if row.publics is not None:
        page.publics.set(row.publics)
    if row.contact is not None:
        set_public_contact(page, row.contact)

    if existing is None:
        directory.add_child(instance=page)
        log(instance=page, action="wagtail.create", user=user)
    revision = page.save_revision(user=user, log_action=True)
    if publish:
        revision.publish(user=user)
    return outcome


def set_public_contact(page, values):
    contacts = list(page.contacts.all())
    contact = next((c for c in contacts if c.is_public), None)
    if contact is None:
        contact = StructureContact(role="Accueil", visibility=StructureContact.Visibility.PUBLIC)
        contacts.append(contact)
    for name, value in values.items():
        setattr(contact, name, value)
    page.contacts = contacts


def validation_errors(line, error):
    messages = error.message_dict if hasattr(error, "error_dict") else {None: error.messages}
    return [
        RowError(line, FIELD_COLUMNS.get(name, name if name != "__all__" else None), message)
        for name, field_messages in messages.items()
        for message in field_messages
    ]


def import_structures(data, directory, *, commit=False, publish=False, user=None, progress=None):
    """Check then import the CSV `data` (bytes) under `directory`; returns an ImportReport.

    Raises ImportAborted when the file cannot be read. Nothing is written unless `commit` is
    true and every row is valid.
    """
    report = ImportReport()
    columns, rows, report.warnings, report.errors = read_table(data)
    report.rows = len(rows) + len(report.errors)
    lookups = Lookups(directory)
    parsed = parse_rows(rows, columns, lookups, report)
    if report.errors:
        return report

    with transaction.atomic():
        for done, row in enumerate(parsed, start=1):
            try:
                with transaction.atomic():
                    outcome = apply_row(row, directory, lookups, user, publish)
            except ValidationError as error:
                report.errors.extend(validation_errors(row.line, error))
            except DatabaseError as error:
                report.errors.append(RowError(row.line, None, f"refusée par la base : {error}"))
            else:
                getattr(report, outcome).append(row.fields["title"])
            if progress is not None:
                progress(done, len(parsed))
        if report.errors or not commit:
            transaction.set_rollback(True)
    report.committed = commit and not report.errors
    if report.errors:
        report.created, report.updated = [], []
    return report
