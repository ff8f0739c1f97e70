"""A starting list of synonyms (acronyms of the health and social field), and the coordination's
right to keep them under "Référentiels"."""

from django.db import migrations

DEFAULT_SYNONYMS = [
    "IST, infections sexuellement transmissibles, MST",
    "CMP, centre médico-psychologique",
    "PMI, protection maternelle et infantile",
    "CCAS, centre communal d'action sociale",
    "CPTS, communauté professionnelle territoriale de santé",
    "MSP, maison de santé pluriprofessionnelle, maison de santé",
    "CSAPA, centre de soins d'accompagnement et de prévention en addictologie",
    "CAARUD, centre d'accueil et d'accompagnement à la réduction des risques",
    "CeGIDD, centre gratuit d'information de dépistage et de diagnostic",
    "EHPAD, maison de retraite",
    "CLIC, centre local d'information et de coordination",
    "MDPH, maison départementale des personnes handicapées",
    "PASS, permanence d'accès aux soins de santé",
    "addiction, dépendance, addictologie",
    "aidant, proche aidant, aidant familial",
]
PERMISSIONS = ["add_synonymgroup", "change_synonymgroup", "delete_synonymgroup", "view_synonymgroup"]


def forwards(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    SynonymGroup = apps.get_model("search", "SynonymGroup")
    for expressions in DEFAULT_SYNONYMS:
        SynonymGroup.objects.get_or_create(expressions=expressions)
    app_config = apps.get_app_config("search")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name="Coordination"):
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="search", codename__in=PERMISSIONS)
        )


def backwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name="Coordination"):
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="search", codename__in=PERMISSIONS)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_synonyms"),
        ("home", "0003_create_roles"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
