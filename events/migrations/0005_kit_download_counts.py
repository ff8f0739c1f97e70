"""Coordination and Communication read the kit download counts (they feed the evaluation).

Communication's page rights on the campaigns section are granted when its index page is created
(events/signal_handlers.py), as for the agenda.
"""

from django.db import migrations

GROUPS = ["Coordination", "Communication"]


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config("events")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.get(
        content_type__app_label="events", codename="view_kitdownload"
    )
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.add(permission)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.filter(
        content_type__app_label="events", codename="view_kitdownload"
    )
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.remove(*permission)


class Migration(migrations.Migration):
    dependencies = [("events", "0004_campaigns_and_kits")]

    operations = [migrations.RunPython(grant, revoke)]
