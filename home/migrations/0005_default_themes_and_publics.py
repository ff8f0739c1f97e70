"""A starting vocabulary of themes and publics, present in every database.

The coordination edits, adds or removes entries in the admin ("Référentiels"); this migration
only creates what is missing, by slug.
"""

from django.db import migrations

THEMES = [
    ("sante-mentale", "Santé mentale"),
    ("addictions", "Addictions"),
    ("nutrition", "Nutrition et alimentation"),
    ("activite-physique", "Activité physique"),
    ("parentalite", "Parentalité et petite enfance"),
    ("vieillissement", "Bien vieillir"),
    ("acces-aux-droits", "Accès aux droits et aux soins"),
    ("sante-environnementale", "Santé environnementale"),
    ("depistage", "Dépistage et vaccination"),
    ("vie-affective-et-sexuelle", "Vie affective et sexuelle"),
    ("aidants", "Soutien aux aidants"),
    ("handicap", "Handicap"),
]

PUBLICS = [
    ("0-6-ans", "Enfants de 0 à 6 ans"),
    ("7-11-ans", "Enfants de 7 à 11 ans"),
    ("12-15-ans", "Jeunes de 12 à 15 ans"),
    ("16-25-ans", "Jeunes de 16 à 25 ans"),
    ("adultes", "Adultes"),
    ("personnes-agees", "Personnes âgées"),
    ("aidants", "Aidants"),
    ("familles", "Familles et parents"),
    ("femmes", "Femmes"),
    ("personnes-handicapees", "Personnes en situation de handicap"),
    ("publics-precaires", "Personnes en situation de précarité"),
    ("professionnels", "Professionnels"),
    ("tout-public", "Tout public"),
]


def create(apps, schema_editor):
    Theme = apps.get_model("home", "Theme")
    Public = apps.get_model("home", "Public")
    for slug, name in THEMES:
        Theme.objects.get_or_create(slug=slug, defaults={"name": name})
    for order, (slug, name) in enumerate(PUBLICS, start=1):
        Public.objects.get_or_create(slug=slug, defaults={"name": name, "sort_order": order * 10})


class Migration(migrations.Migration):
    dependencies = [("home", "0004_taxonomies")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
