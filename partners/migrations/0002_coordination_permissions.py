"""Coordination handles partner account requests and partner spaces (members) in the admin.

Partner spaces are opened by approving a request (or from the admin) and never deleted from
the admin: their group and collection hold the structure's rights and media, so Coordination
may add, view and change them, not delete them. The shared taxonomies' permissions come from
home/migrations/0006_coordination_keeps_taxonomies.py.
"""

from django.db import migrations

PERMISSIONS = {
    "partnerrequest": ["add", "change", "delete", "view"],
    "partnerspace": ["add", "change", "view"],
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
    coordination = Group.objects.filter(name="Coordination").first()
    if coordination is None:
        return
    coordination.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="partners",
            codename__in=[
                f"{action}_{model}" for model, actions in PERMISSIONS.items() for action in actions
            ],
        )
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    coordination = Group.objects.filter(name="Coordination").first()
    if coordination is not None:
        coordination.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="partners", content_type__model__in=list(PERMISSIONS)
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0001_initial"),
        ("home", "0006_coordination_keeps_taxonomies"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
