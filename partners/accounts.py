"""A structure's partner space: the group, page rights and media collection its staff share.

Opening a space for a structure creates:
- a group "Structure <slug>" with *add* and *change* rights on the structure's own page subtree
  (its profile, actions and events) — never *publish*: every change goes through moderation;
- a collection of the same name for its images and documents, on which the group may add,
  change, delete and choose media — and see no other collection's;
and links the three in a PartnerSpace. Members are users in that group and in "Partenaires"
(which grants access to the admin).
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission

from .models import PartnerSpace

PARTNERS_GROUP = "Partenaires"
PAGE_PERMISSIONS = ["add_page", "change_page"]
COLLECTION_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "delete_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "delete_document"),
    ("wagtaildocs", "choose_document"),
]


def group_name(structure):
    return f"Structure {structure.slug}"[:150]


def _permission(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _collection_for(structure):
    root = Collection.get_first_root_node()
    name = structure.title[:240]
    if root.get_children().filter(name=name).exists():
        name = f"{name} ({structure.slug})"[:255]
    return root.add_child(name=name)


@transaction.atomic
def open_partner_space(structure):
    """The structure's PartnerSpace, created with its group and collection if missing."""
    space = PartnerSpace.objects.filter(structure=structure).select_related("group").first()
    if space is not None:
        return space
    group, _ = Group.objects.get_or_create(name=group_name(structure))
    for codename in PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=group, page=structure, permission=_permission("wagtailcore", codename)
        )
    collection = _collection_for(structure)
    for app_label, codename in COLLECTION_PERMISSIONS:
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=collection, permission=_permission(app_label, codename)
        )
    return PartnerSpace.objects.create(structure=structure, group=group, collection=collection)


def add_member(space, user):
    """Give `user` the structure's rights (and admin access through "Partenaires")."""
    user.groups.add(space.group, Group.objects.get(name=PARTNERS_GROUP))


def remove_member(space, user):
    """Take the structure's rights away; admin access goes too if no other space remains."""
    user.groups.remove(space.group)
    if not PartnerSpace.objects.filter(group__user=user).exists():
        user.groups.remove(*Group.objects.filter(name=PARTNERS_GROUP))


def spaces_of(user):
    """The partner spaces `user` belongs to."""
    return PartnerSpace.objects.filter(group__user=user).select_related("structure", "collection")
