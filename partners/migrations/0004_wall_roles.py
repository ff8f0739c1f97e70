"""Coordination moderates the wall, handles relay requests and sets the wall's rules;
Communication sees the cards and handles relay requests beside it.

Partners get no admin right on either: they post and ask from the wall itself (/reseau/).
The wall page's "logged-in users only" restriction is set when the page is created
(partners/signal_handlers.py).
"""

from django.db import migrations

PERMISSIONS = {
    "Coordination": {
        "wallcard": ["change", "delete", "view"],
        "relayrequest": ["change", "view"],
        "wallsettings": ["change"],
    },
    "Communication": {
        "wallcard": ["view"],
        "relayrequest": ["change", "view"],
    },
}


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions of models created in this same run exist only after post_migrate.
    app_config = apps.get_app_config("partners")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, models in PERMISSIONS.items():
        group = Group.objects.filter(name=group_name).first()
        if group is None:
            continue
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="partners",
                codename__in=[
                    f"{action}_{model}" for model, actions in models.items() for action in actions
                ],
            )
        )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    codenames = [
        f"{action}_{model}"
        for models in PERMISSIONS.values()
        for model, actions in models.items()
        for action in actions
    ]
    for group in Group.objects.filter(name__in=list(PERMISSIONS)):
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="partners", codename__in=codenames)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0003_wall_and_relay_requests"),
        ("home", "0007_news_and_calls_for_projects"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
