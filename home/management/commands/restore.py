"""manage.py restore ARCHIVE --yes (`make restore ARCHIVE=…`): bring a backup back.

Replaces the database and the media with the archive's, then migrates and rebuilds the search
index. Everything is checked before anything is replaced (see home/backup.py).
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from home.backup import BackupError, counts, describe_counts, restore_backup


class Command(BaseCommand):
    help = (
        "Restaure une archive de `manage.py backup` : remplace la base de données et les "
        "médias, applique les migrations, reconstruit l'index de recherche."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path, help="L'archive .tar.gz à restaurer.")
        parser.add_argument(
            "--yes",
            action="store_true",
            help="Confirme le remplacement de la base et des médias actuels (obligatoire).",
        )
        parser.add_argument(
            "--no-index",
            action="store_true",
            help="Ne reconstruit pas l'index de recherche (à faire ensuite : update_index).",
        )

    def handle(self, *args, archive, yes, no_index, **options):
        if not yes:
            raise CommandError(
                "La restauration remplace la base de données et les médias actuels : "
                "relancez avec --yes pour confirmer."
            )
        try:
            manifest, restored = restore_backup(
                archive, stdout=self.stdout, rebuild_index=not no_index
            )
        except BackupError as error:
            raise CommandError(str(error)) from error
        archived = manifest["counts"]
        if {label: restored.get(label) for label in archived} != archived:
            raise CommandError(
                "La base restaurée ne compte pas les mêmes objets que l'archive : "
                f"{describe_counts(restored)} au lieu de {describe_counts(archived)}."
            )
        versions = manifest.get("versions", {})
        self.stdout.write(self.style.SUCCESS(f"Restauré depuis {archive}"))
        self.stdout.write(
            f"  sauvegarde du {manifest['created_at']} (Maillage {versions.get('maillage')}, "
            f"Wagtail {versions.get('wagtail')}, Django {versions.get('django')})"
        )
        self.stdout.write(f"  base {manifest['engine']} : {describe_counts(counts())}")
        media = manifest["media"]
        self.stdout.write(f"  médias : {media['files']} fichier(s), {media['bytes'] / 1e6:.1f} Mo")
        self.stdout.write(
            "  migrations appliquées" + ("" if no_index else ", index de recherche reconstruit")
        )
