"""Coordination keeps the shared taxonomies (themes, publics, communes, communautés)."""

from django.db import migrations

MODELS = ["theme", "public", "community", "commune"]
ACTIONS = ["add", "change", "delete", "view"]


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions of models created in this same run exist only after post_migrate.
    app_config = apps.get_app_config("home")
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
            content_type__app_label="home",
            codename__in=[f"{action}_{model}" for model in MODELS for action in ACTIONS],
        )
    )


class Migration(migrations.Migration):
    dependencies = [("home", "0005_default_themes_and_publics"), ("home", "0003_create_roles")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
