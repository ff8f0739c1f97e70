"""E-mail the members of every structure not verified for a year a reminder to check its page.

Meant for cron (daily or weekly): a structure already reminded less than --interval days ago
(30 by default) is skipped, so running it twice the same day sends nothing twice. Each reminder
is recorded in the structure's history ("Rappel de vérification envoyé aux membres").

    manage.py remind_stale_structures --dry-run    # who would be reminded; nothing is sent
    manage.py remind_stale_structures
"""

import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import PageLogEntry

from partners.models import stale_structures
from partners.notifications import REMINDER_LOG_ACTION, send_stale_reminder


def recipients_of(structure):
    space = getattr(structure, "partner_space", None)
    if space is None:
        return []
    return [user for user in space.group.user_set.all() if user.is_active and user.email]


class Command(BaseCommand):
    help = "Rappelle aux partenaires de vérifier les fiches non vérifiées depuis 12 mois."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Affiche les rappels qui partiraient, sans rien envoyer ni enregistrer.",
        )
        parser.add_argument(
            "--interval",
            type=int,
            default=30,
            help="Nombre de jours minimum entre deux rappels pour une même fiche (30).",
        )

    def handle(self, *args, dry_run=False, interval=30, **options):
        interval = max(1, interval)
        since = timezone.now() - datetime.timedelta(days=interval)
        structures = list(stale_structures().prefetch_related("partner_space__group__user_set"))
        recently_reminded = set(
            PageLogEntry.objects.filter(
                action=REMINDER_LOG_ACTION,
                page__in=[structure.pk for structure in structures],
                timestamp__gte=since,
            ).values_list("page_id", flat=True)
        )
        sent = skipped = failed = 0
        emails = 0
        orphans = []
        for structure in structures:
            if structure.pk in recently_reminded:
                skipped += 1
                continue
            recipients = recipients_of(structure)
            if not recipients:
                orphans.append(structure)
                continue
            addresses = ", ".join(user.email for user in recipients)
            if dry_run:
                self.stdout.write(f"Rappel à envoyer : {structure.title} → {addresses}")
                sent += 1
                emails += len(recipients)
            elif send_stale_reminder(structure, recipients):
                log(structure, REMINDER_LOG_ACTION, data={"recipients": len(recipients)})
                self.stdout.write(f"Rappel envoyé : {structure.title} → {addresses}")
                sent += 1
                emails += len(recipients)
            else:
                self.stderr.write(f"Échec de l'envoi : {structure.title} → {addresses}")
                failed += 1
        for structure in orphans:
            self.stdout.write(f"Sans membre actif, à relancer par la coordination : {structure}")

        verb = "à envoyer" if dry_run else "envoyés"
        summary = (
            f"{len(structures)} fiche(s) à vérifier : {sent} rappel(s) {verb} "
            f"({emails} destinataire(s)), {skipped} déjà relancée(s) depuis moins de "
            f"{interval} jour(s), {len(orphans)} sans membre actif, {failed} échec(s)."
        )
        if dry_run:
            summary += " Simulation : rien n'a été envoyé."
        self.stdout.write(
            self.style.SUCCESS(summary) if not failed else self.style.WARNING(summary)
        )
