"""Coordination and Communication manage national campaigns and see the occurrence listing.

Partners get neither: their events are pages, under their own structure. Communication's page
rights on the agenda are granted when the agenda page is created (events/signal_handlers.py).
"""

from django.db import migrations

PERMISSIONS = {
    "Coordination": {
        "nationalcampaign": ["add", "change", "delete", "view"],
        "occurrence": ["view"],
    },
    "Communication": {
        "nationalcampaign": ["add", "change", "view"],
        "occurrence": ["view"],
    },
}


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions of models created in this same run exist only after post_migrate.
    app_config = apps.get_app_config("events")
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
                content_type__app_label="events",
                codename__in=[
                    f"{action}_{model}" for model, actions in models.items() for action in actions
                ],
            )
        )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name__in=list(PERMISSIONS)):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="events"))


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0001_initial"),
        ("home", "0006_coordination_keeps_taxonomies"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
