"""manage.py send_wall_digest: the weekly letter of the partners' network (see partners/digest.py).

Meant for cron, once a week (README). Running it again the same day sends nothing twice.
"""

from django.core.management.base import BaseCommand

from partners.digest import Digest


class Command(BaseCommand):
    help = (
        "Envoie la lettre hebdomadaire du réseau : nouvelles cartes du mur, événements des "
        "deux prochaines semaines, appels à projets ouverts."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="N'envoie rien : affiche qui recevrait la lettre et ce qu'elle contiendrait.",
        )

    def handle(self, *args, dry_run=False, **options):
        digest = Digest(dry_run=dry_run)
        report = digest.run()
        verb = "recevrait" if dry_run else "envoyée à"
        for user, letter in report["sent"]:
            self.stdout.write(
                f"  {verb} {user.email} : {len(letter.cards)} carte(s), "
                f"{len(digest.occurrences)} événement(s), {len(digest.calls)} appel(s)"
            )
        summary = (
            f"Lettre du réseau : {len(report['sent'])} "
            f"{'à envoyer (essai, rien envoyé)' if dry_run else 'envoyée(s)'}, "
            f"{len(report['nothing_new'])} sans nouveauté, "
            f"{len(report['already_sent'])} déjà envoyée(s) aujourd'hui"
        )
        if report["failed"]:
            summary += f", {len(report['failed'])} en échec (voir le journal)"
            self.stderr.write(summary + ".")
        else:
            self.stdout.write(self.style.SUCCESS(summary + "."))
