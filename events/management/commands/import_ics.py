"""manage.py import_ics FILE_OR_URL --structure SLUG: a partner's calendar as event drafts."""

import difflib
import sys
from argparse import RawDescriptionHelpFormatter

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from events.importer import MAX_BYTES, TIMEOUT, ImportRefused, import_calendar, read_source
from partners.models import StructurePage

HELP = f"""Importe l'agenda d'une structure depuis un fichier iCalendar (.ics) ou son adresse.

Chaque événement du fichier (VEVENT) devient un événement en brouillon sous la fiche de la
structure, à valider par la coordination (--submit le lui soumet directement). Un nouvel import
du même agenda met à jour les événements déjà importés (reconnus par leur UID) sans doublon.
Les entrées inutilisables (sans date, fin avant le début, répétition non prise en charge…)
sont ignorées et listées avec leur motif ; un fichier illisible ou tronqué est refusé en entier.

Source : un chemin de fichier, ou une adresse http(s):// ou webcal://
({MAX_BYTES // 2**20} Mo au plus, réponse en {TIMEOUT} secondes au plus).
Exports OpenAgenda, Google Agenda, Outlook, Nextcloud…"""


class Command(BaseCommand):
    help = HELP

    def create_parser(self, prog_name, subcommand, **kwargs):
        kwargs.setdefault("formatter_class", RawDescriptionHelpFormatter)
        return super().create_parser(prog_name, subcommand, **kwargs)

    def add_arguments(self, parser):
        parser.add_argument("source", help="chemin du fichier .ics, ou adresse http(s)")
        parser.add_argument(
            "--structure",
            required=True,
            metavar="SLUG",
            help="identifiant de la structure organisatrice (fin de l'adresse de sa fiche)",
        )
        parser.add_argument(
            "--user", metavar="USERNAME", help="compte à qui attribuer les révisions"
        )
        parser.add_argument(
            "--submit",
            action="store_true",
            help="soumet les événements créés ou modifiés à la validation de la coordination",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="vérifie et rend compte sans rien enregistrer",
        )
        parser.add_argument("--no-progress", action="store_true", help="sans barre de progression")

    def handle(self, *args, **options):
        structure = self.structure(options["structure"])
        user = self.user(options["user"])
        try:
            data = read_source(options["source"])
            report = import_calendar(
                data,
                structure,
                user=user,
                submit=options["submit"],
                dry_run=options["dry_run"],
                progress=self.progress_bar(options),
            )
        except ImportRefused as error:
            raise CommandError(f"Import refusé, rien n'a été enregistré. {error}") from error
        self.print_report(report, structure, options)

    def structure(self, slug):
        structure = StructurePage.objects.filter(slug=slug).select_related("commune").first()
        if structure is not None:
            if not structure.live:
                raise CommandError(
                    f"La fiche de « {structure.title} » n'est pas publiée : publiez-la d'abord, "
                    "ses événements la nomment comme organisatrice."
                )
            return structure
        slugs = list(StructurePage.objects.values_list("slug", flat=True))
        close = difflib.get_close_matches(slug, slugs, n=5, cutoff=0.6)
        suggestion = f" Identifiants proches : {', '.join(close)}." if close else ""
        raise CommandError(
            f"Aucune structure d'identifiant « {slug} ».{suggestion} L'identifiant est la fin "
            "de l'adresse de la fiche (/structures/<identifiant>/), le champ « slug » de "
            "l'onglet Promotion dans l'administration, ou la colonne « slug » de l'export CSV "
            "de l'annuaire."
        )

    def user(self, username):
        if not username:
            return None
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Aucun compte « {username} ».")
        return user

    def progress_bar(self, options):
        stream = getattr(self.stderr, "_out", sys.stderr)
        disable = (
            options["no_progress"]
            or options["verbosity"] == 0
            or not (hasattr(stream, "isatty") and stream.isatty())
        )
        if disable:
            return None
        return lambda entries: tqdm(
            entries, desc="Import", unit=" événement", file=stream, leave=False
        )

    def print_report(self, report, structure, options):
        write = self.stdout.write
        for warning in report.warnings:
            self.stderr.write(self.style.WARNING(f"Attention : {warning}"))
        if not report.entries:
            self.stderr.write(
                self.style.WARNING(
                    "Attention : le calendrier ne contient aucun événement (VEVENT)."
                )
            )
        counts = (
            f"{len(report.created)} créé(s), {len(report.updated)} mis à jour, "
            f"{len(report.unchanged)} inchangé(s), {len(report.skipped)} ignoré(s)"
        )
        if report.dry_run:
            write(
                f"Simulation pour « {structure.title} » ({report.entries} entrée(s)) : {counts}. "
                "Rien n'a été enregistré : relancez sans --dry-run pour importer."
            )
        else:
            write(self.style.SUCCESS(f"Import pour « {structure.title} » terminé : {counts}."))
        self.print_list("Événements créés", report.created, options)
        self.print_list("Événements mis à jour", report.updated, options)
        if report.skipped:
            write(self.style.WARNING("Entrées ignorées :"))
            for skipped in report.skipped:
                write(f"  - {skipped}")
        if report.notes:
            write("Remarques, à vérifier pendant la validation :")
            for note in report.notes:
                write(f"  - {note}")
        if options["submit"] and report.submitted:
            verb = "seraient soumis" if report.dry_run else "soumis"
            write(
                f"{len(report.submitted)} événement(s) {verb} à la validation "
                f"(« {report.workflow} »)."
            )
        elif not (report.created or report.updated):
            return
        elif options["submit"]:
            write("Aucun circuit de validation pour cette structure : brouillons à publier.")
        else:
            write(
                "Les événements restent en brouillon : soumettez-les à la validation depuis "
                "l'administration, ou relancez avec --submit."
            )

    def print_list(self, heading, labels, options):
        if labels and options["verbosity"] >= 2:
            self.stdout.write(f"{heading} :")
            for label in labels:
                self.stdout.write(f"  - {label}")
