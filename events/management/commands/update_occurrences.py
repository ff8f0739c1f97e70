"""manage.py update_occurrences: move the agenda's horizon forward (run it daily from cron).

Rewrites the occurrences that have not ended of every live event, so that endless series
always reach settings.AGENDA_HORIZON_DAYS ahead, and drops those of unpublished events.
Past occurrences are kept as they were held.
"""

from django.core.management.base import BaseCommand

from events.models import EventPage
from events.occurrences import regenerate_all


class Command(BaseCommand):
    help = "Met à jour les dates des événements jusqu'à l'horizon de l'agenda (quotidien)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--event", type=int, action="append", help="Seulement cet événement (identifiant)."
        )

    def handle(self, *args, **options):
        events = EventPage.objects.live()
        if options["event"]:
            events = events.filter(pk__in=options["event"])
        total = regenerate_all(events=events)
        self.stdout.write(self.style.SUCCESS(f"{total} date(s) écrite(s)."))
