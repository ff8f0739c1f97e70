"""Write this process's buffered page views to the database (evaluation/audience.py).

Each web process writes its own counts every AUDIENCE_FLUSH_SECONDS and at exit; this command
is for scripts and shells that counted views themselves (a command runs in its own process).
"""

from django.core.management.base import BaseCommand

from evaluation.audience import flush


class Command(BaseCommand):
    help = "Écrit en base les pages vues encore en mémoire dans ce processus."

    def handle(self, *args, **options):
        written = flush()
        self.stdout.write(f"{written} page(s) vue(s) écrite(s).")
