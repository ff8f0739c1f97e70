"""manage.py backup (`make backup`): one archive with the database and the media.

See home/backup.py for what the archive holds.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from home.backup import BackupError, create_backup, describe_counts


class Command(BaseCommand):
    help = (
        "Sauvegarde la base de données et les médias dans une archive "
        "(var/backups/maillage-AAAAMMJJ-HHMMSS.tar.gz)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output-dir",
            type=Path,
            help="Dossier de l'archive (par défaut : backups/ dans MAILLAGE_VAR_DIR).",
        )

    def handle(self, *args, output_dir=None, **options):
        directory = output_dir or Path(settings.VAR_DIR) / "backups"
        try:
            path, manifest = create_backup(directory)
        except BackupError as error:
            raise CommandError(str(error)) from error
        size = path.stat().st_size
        media = manifest["media"]
        self.stdout.write(self.style.SUCCESS(f"Sauvegarde écrite : {path}"))
        self.stdout.write(f"  {size / 1e6:.1f} Mo, base {manifest['engine']}")
        self.stdout.write(f"  {describe_counts(manifest['counts'])}")
        self.stdout.write(f"  médias : {media['files']} fichier(s), {media['bytes'] / 1e6:.1f} Mo")
