from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Recherche"

    def ready(self):
        from . import synonyms  # noqa: F401 (connects the cache invalidation)
