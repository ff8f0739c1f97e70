"""manage.py load_demo: build (or complete) the fictional demo territory.

Each Maillage app may contribute with a `demo` module exposing `load(builder)`; they run in the
order of INSTALLED_APPS, in one transaction. A module may also expose `load_links(builder)`, run
once every app has loaded, for content that points at a later app's (a relay request about a
campaign). Running the command again creates only what is
missing and never overwrites what was edited since (see home/demo/builder.py).
"""

import os
from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.module_loading import module_has_submodule

from home.demo.builder import DemoBuilder

# Documented in the README; it passes AUTH_PASSWORD_VALIDATORS (CNIL rules).
DEFAULT_PASSWORD = "Maillage-demo-2026"  # noqa: S105 (documented demo password)


class Command(BaseCommand):
    help = "Charge le territoire de démonstration (idempotent : ne crée que ce qui manque)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Autorise le chargement avec les réglages de production (déconseillé).",
        )

    def handle(self, *args, **options):
        # Under override_settings, SETTINGS_MODULE reads None: the environment still names it.
        module = settings.SETTINGS_MODULE or os.environ.get("DJANGO_SETTINGS_MODULE", "")
        if module.endswith(".production") and not options["allow_production"]:
            raise CommandError(
                "load_demo crée un territoire fictif et des comptes au mot de passe connu : "
                "refusé avec les réglages de production (--allow-production pour forcer)."
            )
        password = os.environ.get("DEMO_PASSWORD") or DEFAULT_PASSWORD
        builder = DemoBuilder(password=password, stdout=self.stdout)
        modules = [
            import_module(f"{app_config.name}.demo")
            for app_config in apps.get_app_configs()
            if app_config.path.startswith(str(settings.BASE_DIR))
            and module_has_submodule(app_config.module, "demo")
        ]
        with transaction.atomic():
            for module in modules:
                module.load(builder)
            for module in modules:
                if hasattr(module, "load_links"):
                    module.load_links(builder)
        self.report(builder, password)

    def report(self, builder, password):
        if builder.created:
            self.stdout.write(
                self.style.SUCCESS(f"Démo : {len(builder.created)} élément(s) créé(s).")
            )
            for kind, label in builder.created:
                self.stdout.write(f"  + {kind} : {label}")
        else:
            self.stdout.write("Démo : déjà en place, rien à créer.")
        self.stdout.write("")
        self.stdout.write(self.style.MIGRATE_HEADING("Comptes de démonstration"))
        base_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        self.stdout.write(f"  Administration : {base_url}/admin/")
        password_hint = password if password == DEFAULT_PASSWORD else "(valeur de DEMO_PASSWORD)"
        self.stdout.write(f"  Mot de passe   : {password_hint}")
        for username, role in builder.accounts:
            self.stdout.write(f"  {username:<14} {role}")
