"""The three roles of a CLS site, present in every database.

- Coordination: moderates and publishes everything, manages users and groups, workflows,
  redirects and site settings, and all images and documents.
- Communication: manages images and documents; its page rights (campaigns, news, agenda) come
  with those sections.
- Partenaires: the base group of partner accounts: admin access only; each structure's own
  group grants rights on its own branch of the page tree.

Wagtail's default "Moderators"/"Editors" groups are replaced: the default moderation workflow is
renamed "Validation par la coordination" and its approval task handed to Coordination.
"""

import swapper
from django.contrib.auth.management import create_permissions
from django.db import migrations

COORDINATION = "Coordination"
COMMUNICATION = "Communication"
PARTNERS = "Partenaires"
WORKFLOW_NAME = "Validation par la coordination"

MODEL_PERMISSIONS = {
    COORDINATION: [
        ("wagtailadmin", "access_admin"),
        ("auth", "add_user"),
        ("auth", "change_user"),
        ("auth", "delete_user"),
        ("auth", "view_user"),
        ("auth", "add_group"),
        ("auth", "change_group"),
        ("auth", "delete_group"),
        ("auth", "view_group"),
        ("wagtailcore", "add_workflow"),
        ("wagtailcore", "change_workflow"),
        ("wagtailcore", "delete_workflow"),
        ("wagtailcore", "add_task"),
        ("wagtailcore", "change_task"),
        ("wagtailcore", "delete_task"),
        ("wagtailredirects", "add_redirect"),
        ("wagtailredirects", "change_redirect"),
        ("wagtailredirects", "delete_redirect"),
        ("home", "change_sitesettings"),
    ],
    COMMUNICATION: [("wagtailadmin", "access_admin")],
    PARTNERS: [("wagtailadmin", "access_admin")],
}

# Rights over the whole page tree (granted on the root page).
PAGE_PERMISSIONS = {
    COORDINATION: [
        "add_page",
        "change_page",
        "publish_page",
        "bulk_delete_page",
        "lock_page",
        "unlock_page",
    ],
}

MEDIA_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "delete_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "delete_document"),
    ("wagtaildocs", "choose_document"),
]
# Rights over the whole media library (granted on the root collection).
COLLECTION_PERMISSIONS = {
    COORDINATION: MEDIA_PERMISSIONS
    + [
        ("wagtailcore", "add_collection"),
        ("wagtailcore", "change_collection"),
        ("wagtailcore", "delete_collection"),
    ],
    COMMUNICATION: MEDIA_PERMISSIONS,
}


def ensure_permissions_exist(apps):
    # Permissions are normally created after all migrations (post_migrate); this migration
    # needs them now, including those of models created in this same run.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model(swapper.get_model_name("wagtailcore", "Page"))
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Workflow = apps.get_model("wagtailcore", "Workflow")

    ensure_permissions_exist(apps)

    def permission(app_label, codename):
        return Permission.objects.get(content_type__app_label=app_label, codename=codename)

    root_page = Page.objects.get(depth=1)
    root_collection = Collection.objects.get(depth=1)
    groups = {}
    for name, model_permissions in MODEL_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*(permission(*perm) for perm in model_permissions))
        groups[name] = group
    for name, codenames in PAGE_PERMISSIONS.items():
        for codename in codenames:
            GroupPagePermission.objects.get_or_create(
                group=groups[name], page=root_page, permission=permission("wagtailcore", codename)
            )
    for name, collection_permissions in COLLECTION_PERMISSIONS.items():
        for perm in collection_permissions:
            GroupCollectionPermission.objects.get_or_create(
                group=groups[name], collection=root_collection, permission=permission(*perm)
            )

    # Moderation goes to Coordination.
    for task in GroupApprovalTask.objects.filter(groups__name="Moderators"):
        task.groups.set([groups[COORDINATION]])
        task.name = WORKFLOW_NAME
        task.save(update_fields=["name"])
        Workflow.objects.filter(workflow_tasks__task=task).update(name=WORKFLOW_NAME)
    Group.objects.filter(name__in=["Moderators", "Editors"], user__isnull=True).delete()


def remove_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name__in=[COORDINATION, COMMUNICATION, PARTNERS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0002_create_homepage"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
