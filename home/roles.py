"""Page rights granted to a role when a section it runs is created.

The roles themselves come from a data migration (home/migrations/0003_create_roles.py); a
section page (the agenda, the campaigns, the news) does not exist then, so each app connects
`grant_section_rights` to `post_save` of its section's model.
"""

from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission

COMMUNICATION = "Communication"
# Communication publishes in its sections without moderation, as the coordination does.
SECTION_PERMISSIONS = ["add_page", "change_page", "publish_page"]


def grant_section_rights(sender, instance, created, raw=False, **kwargs):
    """`post_save` handler: Communication may add, edit and publish under a new section page."""
    if not created or raw:
        return
    group = Group.objects.filter(name=COMMUNICATION).first()
    if group is None:
        return
    for codename in SECTION_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=instance,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
