"""manage.py import_structures FILE.csv: structures into the directory, checked, all or nothing."""

from argparse import RawDescriptionHelpFormatter

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from partners.exports import CSV_COLUMNS
from partners.importer import REQUIRED_COLUMNS, ImportAborted, import_structures
from partners.models import StructureIndexPage

HELP = f"""Importe des structures dans l'annuaire depuis un fichier CSV.

Par défaut, simple vérification (rien n'est enregistré) ; --commit importe, en une seule
transaction : à la moindre erreur, rien n'est enregistré. Les structures sont créées en
brouillon (ou reçoivent une nouvelle révision en brouillon si leur identifiant existe déjà),
à valider par la coordination ; --publish les publie directement.

Fichier : UTF-8 (ou Windows-1252), séparateur « ; », « , » ou tabulation, une ligne d'en-tête.
Colonnes obligatoires : {", ".join(REQUIRED_COLUMNS)}. Colonnes reconnues (celles de l'export
CSV de l'annuaire) : {", ".join(CSV_COLUMNS)}.
commune : nom ou code INSEE ; thematiques, publics : identifiants ou noms séparés par « | » ou
« ; » ; latitude, longitude : degrés décimaux (virgule acceptée) ; slug : facultatif, déduit
du nom."""


class Command(BaseCommand):
    help = HELP

    def create_parser(self, prog_name, subcommand, **kwargs):
        # Keep the line breaks of the help text.
        kwargs.setdefault("formatter_class", RawDescriptionHelpFormatter)
        return super().create_parser(prog_name, subcommand, **kwargs)

    def add_arguments(self, parser):
        parser.add_argument("file", help="chemin du fichier CSV")
        parser.add_argument(
            "--commit", action="store_true", help="enregistre (sinon : vérification seule)"
        )
        parser.add_argument(
            "--publish",
            action="store_true",
            help="publie les structures importées au lieu de les laisser en brouillon",
        )
        parser.add_argument(
            "--user", help="identifiant du compte à qui attribuer les révisions (facultatif)"
        )

    def handle(self, *args, **options):
        directory = StructureIndexPage.objects.first()
        if directory is None:
            raise CommandError("Aucun annuaire des acteurs : créez d'abord la page « Annuaire ».")
        user = self.user(options["user"])
        try:
            with open(options["file"], "rb") as file:
                data = file.read()
        except OSError as error:
            message = f"Impossible de lire « {options['file']} » : {error.strerror}."
            raise CommandError(message) from error

        try:
            report = import_structures(
                data,
                directory,
                commit=options["commit"],
                publish=options["publish"],
                user=user,
                progress=self.progress,
            )
        except ImportAborted as error:
            raise CommandError(f"Fichier refusé : {error}") from error
        self.print_report(report, options)

    def user(self, username):
        if not username:
            return None
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Aucun compte « {username} ».")
        return user

    def progress(self, done, total):
        step = max(1, total // 20)
        if done % step and done != total:
            return
        width = 30
        filled = width * done // total
        bar = "#" * filled + "." * (width - filled)
        self.stderr.write(f"[{bar}] {done}/{total}", ending="\n" if done == total else "\r")
        self.stderr.flush()

    def print_report(self, report, options):
        for warning in report.warnings:
            self.stderr.write(self.style.WARNING(f"Attention : {warning}"))
        if report.errors:
            for error in report.errors:
                self.stderr.write(f"  {str(error)[0].upper()}{str(error)[1:]}")
            raise CommandError(
                f"{len(report.errors)} erreur(s) sur {report.rows} ligne(s) : aucune structure "
                "n'a été enregistrée. Corrigez le fichier puis relancez."
            )
        state = "publiée(s)" if options["publish"] else "en brouillon"
        if report.committed:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Import terminé : {len(report.created)} structure(s) créée(s), "
                    f"{len(report.updated)} mise(s) à jour ({state})."
                )
            )
        else:
            self.stdout.write(
                f"Vérification réussie ({report.rows} ligne(s)) : {len(report.created)} "
                f"structure(s) seraient créées, {len(report.updated)} mises à jour ({state}). "
                "Rien n'a été enregistré : relancez avec --commit pour importer."
            )
