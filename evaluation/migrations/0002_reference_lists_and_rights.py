"""Starting reference lists (health determinants, PRS and PRSE axes) and the coordination's rights.

The determinants are those of the usual CLS action sheet. The PRS and PRSE axes are a generic
starting point: each region words its own, and the coordination edits them under
"Évaluation > Référentiels". The coordination enters, validates and deletes indicator values and
keeps the indicators; partners get no model right: evaluation/entry.py lets them enter the
indicators of the actions their structure carries.
"""

from django.db import migrations

DETERMINANTS = {
    "care_system": [
        "Accessibilité (géographique, financière, socio-culturelle)",
        "Globalité (synergie des composantes, prise en compte des conditions sociales)",
        "Continuité (informationnelle, relationnelle, clinique)",
        "Réactivité (respect des attentes et satisfaction des patients)",
        "Efficacité et sécurité",
    ],
    "lifestyle": [
        "Comportements favorables à la santé (alcool, tabac, alimentation, activité physique)",
        "Utilisation des services de santé (recours aux soins et à la prévention)",
    ],
    "living_conditions": [
        "Accès aux ressources hors services de santé (logement, loisirs, services sociaux)",
        "Environnement physique (air, sol, eau, aménagement)",
        "Conditions de travail",
    ],
    "social_environment": [
        "Intégration sociale",
        "Pouvoir d'agir (participation des habitants)",
        "Normes et climat social",
    ],
    "economic_political": [
        "Richesses locales",
        "Adaptation aux besoins de la population",
        "La santé dans toutes les politiques",
    ],
    "socio_economic": ["Niveau de revenu", "Niveau d'éducation"],
}

PLAN_AXES = {
    "prs": [
        ("Axe 1", "Prévention"),
        ("Axe 2", "Soins de proximité"),
        ("Axe 3", "Ressources humaines en santé"),
        ("Axe 4", "Parcours"),
        ("Axe 5", "Autonomie et social"),
        ("Axe 6", "Efficience"),
        ("Axe 7", "Innovation"),
        ("Hors PRS", "Hors objectifs du PRS"),
        ("CLS", "Coordination, animation et évaluation du CLS"),
    ],
    "prse": [
        ("Axe 1", "Modes de vie et de consommation favorables à la santé"),
        ("Axe 2", "Cadre de vie extérieur favorable à la santé et à l'environnement"),
        ("Axe 3", "Une seule santé"),
        ("Axe 4", "La santé environnement dans les territoires, au plus près des habitants"),
        ("Hors PRSE", "Hors plan régional santé environnement"),
    ],
}

COORDINATION_PERMISSIONS = {
    "indicator": ["add", "change", "delete", "view"],
    "indicatorvalue": ["add", "change", "delete", "view", "validate"],
    "indicatorvaluechange": ["view"],
    "healthdeterminant": ["add", "change", "delete", "view"],
    "planaxis": ["add", "change", "delete", "view"],
    "attendance": ["add", "change", "delete", "view"],
    "pageviewcount": ["view"],
}


def codenames():
    return [
        f"{action}_{model}"
        for model, actions in COORDINATION_PERMISSIONS.items()
        for action in actions
    ]


def forwards(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    HealthDeterminant = apps.get_model("evaluation", "HealthDeterminant")
    PlanAxis = apps.get_model("evaluation", "PlanAxis")
    order = 0
    for family, names in DETERMINANTS.items():
        for name in names:
            order += 1
            HealthDeterminant.objects.get_or_create(
                family=family, name=name, defaults={"sort_order": order}
            )
    for plan, axes in PLAN_AXES.items():
        for position, (code, name) in enumerate(axes, start=1):
            PlanAxis.objects.get_or_create(
                plan=plan, code=code, defaults={"name": name, "sort_order": position}
            )

    # Permissions of models created in this same run exist only after post_migrate.
    app_config = apps.get_app_config("evaluation")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name="Coordination").first()
    if group is not None:
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="evaluation", codename__in=codenames()
            )
        )


def backwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name="Coordination"):
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="evaluation", codename__in=codenames()
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("evaluation", "0001_contract_indicators"),
        ("home", "0003_create_roles"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
