from django.apps import AppConfig


class PartnersConfig(AppConfig):
    name = "partners"
    verbose_name = "Structures partenaires"

    def ready(self):
        from .signal_handlers import register_signal_handlers

        register_signal_handlers()
