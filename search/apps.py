from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Recherche"

    def ready(self):
        from . import signals, synonyms  # noqa: F401 (connect their receivers)
