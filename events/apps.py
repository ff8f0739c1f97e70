from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = "Agenda et campagnes"

    def ready(self):
        from .signal_handlers import register_signal_handlers

        register_signal_handlers()
