"""Idempotent building blocks for `manage.py load_demo`.

Every method creates what is missing and leaves alone what exists, so running the command
again neither duplicates the demo nor undoes what people changed since:
- a page is looked up by its slug under its parent, and created only if absent;
- an image or a document is looked up by its title;
- a user is looked up by username; an existing user's password is never reset.
"""

import io

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Site


class DemoBuilder:
    def __init__(self, password, stdout=None):
        self.password = password
        self.stdout = stdout
        self.created = []
        self.accounts = []

    # Reporting -----------------------------------------------------------------------------

    def note(self, kind, label):
        self.created.append((kind, label))

    # Site --------------------------------------------------------------------------------

    @property
    def site(self):
        return Site.objects.select_related("root_page").get(is_default_site=True)

    @property
    def home(self):
        return self.site.root_page.specific

    # Pages -------------------------------------------------------------------------------

    def page(self, parent, model, slug, **fields):
        """The child of `parent` with this slug; created and published if it does not exist."""
        existing = parent.get_children().filter(slug=slug).first()
        if existing is not None:
            return existing.specific
        page = model(slug=slug, **fields)
        parent.add_child(instance=page)
        page.save_revision().publish()
        self.note("page", page.title)
        return page

    def fill_new_page(self, page, **fields):
        """Give demo content to a page that nobody has edited yet (it has no revision)."""
        if page.latest_revision_id is not None:
            return page
        for name, value in fields.items():
            setattr(page, name, value)
        page.save()
        page.save_revision().publish()
        self.note("page", page.title)
        return page

    def fill(self, instance, **fields):
        for name, value in fields.items():
            setattr(instance, name, value)
        instance.save()
        return instance

    # Media -------------------------------------------------------------------------------

    def image(self, title, draw, filename):
        """A Wagtail image made by `draw()` (a Pillow image), found again by its title."""

        def png():
            buffer = io.BytesIO()
            draw().save(buffer, format="PNG", optimize=True)
            return ImageFile(buffer, name=filename)

        return self._media(get_image_model(), "image", title, png)

    def document(self, title, write, filename):
        """A Wagtail document holding the bytes `write()` returns, found again by its title."""
        return self._media(
            get_document_model(), "document", title, lambda: ContentFile(write(), name=filename)
        )

    def _media(self, model, kind, title, make_file):
        existing = model.objects.filter(title=title).first()
        if existing is not None:
            return existing
        item = model(title=title, collection=Collection.get_first_root_node(), file=make_file())
        # Size and hash, as Wagtail's own upload forms record them.
        if kind == "image":
            item._set_image_file_metadata()
        else:
            item._set_document_file_metadata()
        item.save()
        self.note(kind, title)
        return item

    # Accounts ----------------------------------------------------------------------------

    def user(self, username, role, groups, **fields):
        User = get_user_model()
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(username=username, **fields)
            user.set_password(self.password)
            user.save()
            user.groups.set(Group.objects.filter(name__in=groups))
            self.note("compte", username)
        self.accounts.append((username, role))
        return user
