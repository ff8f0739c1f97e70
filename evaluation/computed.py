"""Indicators the site computes from itself, per year (structures, events, downloads, audience…).

Interface used by the report and the entry screens:
- METRICS: {key: Metric}, in display order;
- figures_by_year(years) -> {year: {key: number}}, in a constant number of queries;
- audience_by_section(year) -> [(section label, professionals, habitants)].
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Metric:
    key: str
    label: str
    description: str


def _metrics(*rows):
    return {key: Metric(key, label, description) for key, label, description in rows}


# Keys are stable (Indicator.computed_metric stores them); labels are what the report shows.
METRICS = _metrics(
    ("structures_published", "Structures publiées", "Fiches de l'annuaire en ligne"),
    ("structures_updated", "Structures mises à jour", "Fiches publiées à nouveau dans l'année"),
    ("events_held", "Événements tenus", "Événements ayant eu au moins une date dans l'année"),
    ("occurrences_held", "Séances tenues", "Dates d'événements tenues (hors annulées)"),
    ("participants", "Participants", "Participants comptés par les organisateurs"),
    ("kit_downloads", "Téléchargements des kits", "Éléments de kits de campagne téléchargés"),
    ("relay_requests", "Relais d'information traités", "Demandes de relais traitées"),
    ("wall_posts", "Publications sur le mur", "Cartes publiées sur le mur du réseau"),
    ("searches", "Recherches", "Recherches faites sur le site"),
    (
        "views_professionals",
        "Consultations par les professionnels",
        "Pages vues, comptes connectés",
    ),
    ("views_habitants", "Consultations par les habitants", "Pages vues, visiteurs anonymes"),
)


def figures_by_year(years):
    raise NotImplementedError


def audience_by_section(year):
    raise NotImplementedError
