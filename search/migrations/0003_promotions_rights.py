"""The coordination's right to keep the promoted search results (Wagtail's search promotions,
shown first on /recherche/ and marked « Recommandé »): its menu item appears in the admin."""

from django.db import migrations

PERMISSIONS = [
    "add_searchpromotion",
    "change_searchpromotion",
    "delete_searchpromotion",
    "view_searchpromotion",
]


def promotion_permissions(apps):
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config("wagtailsearchpromotions")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(
        content_type__app_label="wagtailsearchpromotions", codename__in=PERMISSIONS
    )


def forwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    permissions = list(promotion_permissions(apps))
    for group in Group.objects.filter(name="Coordination"):
        group.permissions.add(*permissions)


def backwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name="Coordination"):
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="wagtailsearchpromotions", codename__in=PERMISSIONS
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_default_synonyms_and_rights"),
        ("home", "0003_create_roles"),
        ("wagtailsearchpromotions", "0008_query_verbose_name"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
