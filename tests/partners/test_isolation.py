"""A partner's rights stop at its own structure: proven screen by screen over HTTP.

The partner is a member of "CCAS de Clamecy" only. It faces pages it must not touch: another
structure's profile (live, with a pending change submitted for moderation), that structure's
published action and its never-published action, and pages outside any structure (the home page,
the directory). Every admin screen that shows or changes a page is tried twice: by the
coordinator, which proves the URL is a real, working screen (and each POST a valid one), then by
the partner, which must be refused (Wagtail's redirect to the dashboard, 403 or 404) and leave the
page as it was.

The tree is built once for the module; each test runs in a savepoint rolled back after it.
"""

from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import transaction
from django.urls import reverse
from wagtail.models import Page, PageViewRestriction, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from home.models import HomePage
from partners.accounts import add_member, open_partner_space
from partners.models import ActionPage, StructureIndexPage, StructurePage
from tests.home.factories import DocumentFactory, ImageFactory

from .factories import ActionPageFactory, StructureIndexPageFactory, StructurePageFactory

# What only the other structure (and the coordination) may know.
PENDING_TITLE = "Fusion confidentielle des deux CPTS"
DRAFT_TITLE = "Projet confidentiel de maison des adolescents"
SECRETS = (PENDING_TITLE, DRAFT_TITLE)
DASHBOARD = "/admin/"
SUBMIT = {"action-submit": "action-submit"}
PUBLISH = {"action-publish": "action-publish"}


def make_user(username, *group_names):
    user = get_user_model().objects.create_user(
        username=username, password="pw", email=f"{username}@exemple.invalid"
    )
    user.groups.set(Group.objects.filter(name__in=group_names))
    return user


def build_world():
    home = HomePage.objects.get(depth=2)
    home.save_revision().publish()  # the home page made by the migrations has no revision yet
    directory = StructureIndexPageFactory(parent=home)
    own_structure = StructurePageFactory(parent=directory, title="CCAS de Clamecy", slug="ccas")
    other_structure = StructurePageFactory(parent=directory, title="CPTS du Morvan", slug="cpts")
    own_space, other_space = open_partner_space(own_structure), open_partner_space(other_structure)
    partner, other_partner = make_user("partenaire-ccas"), make_user("partenaire-cpts")
    add_member(own_space, partner)
    add_member(other_space, other_partner)

    other_draft = ActionPageFactory(
        parent=other_structure, title=DRAFT_TITLE, slug="projet-mda", live=False
    )
    # The other partner changed its profile and submitted it: the change waits for approval.
    pending = StructurePage.objects.get(pk=other_structure.pk)
    pending.title = PENDING_TITLE
    pending.save_revision(user=other_partner)
    pending.get_workflow().start(pending, other_partner)

    return SimpleNamespace(
        coordinator=make_user("coordinatrice", "Coordination"),
        partner=partner,
        other_partner=other_partner,
        home=home,
        directory=directory,
        own_structure=own_structure,
        own_action=ActionPageFactory(parent=own_structure, title="Atelier équilibre", slug="eq"),
        own_space=own_space,
        other_space=other_space,
        other_structure=StructurePage.objects.get(pk=other_structure.pk),
        other_action=ActionPageFactory(parent=other_structure, title="Consultation", slug="cjc"),
        other_draft=other_draft,
        own_image=ImageFactory(title="Logo du CCAS", collection=own_space.collection),
        other_image=ImageFactory(title="Photo du Morvan", collection=other_space.collection),
        own_document=DocumentFactory(title="Plaquette du CCAS", collection=own_space.collection),
        other_document=DocumentFactory(
            title="Compte rendu du Morvan", collection=other_space.collection
        ),
    )


@pytest.fixture(scope="module")
def module_world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield build_world()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            cache.clear()


@pytest.fixture
def w(module_world, db):
    """The shared tree; what a test changes is rolled back after it."""
    return module_world


def fresh(page):
    return Page.objects.get(pk=page.pk).specific


def is_refused(response):
    """Wagtail's "permission denied" (a redirect to the dashboard), 403 or 404.

    `response` comes from a request made with follow=True: a redirect to another screen (the
    revisions index sends to the history) is judged by where it lands.
    """
    redirects = [url for url, _status in response.redirect_chain]
    if redirects and redirects[-1] == DASHBOARD:
        return True
    return response.status_code in (403, 404)


def opens(response):
    """The screen answers (after redirects to other screens, never to the dashboard)."""
    return response.status_code == 200 and not is_refused(response)


def leaks(response, secrets=SECRETS):
    body = response.content.decode(errors="replace")
    return [secret for secret in secrets if secret in body]


# Page screens: one URL builder per screen ------------------------------------------------------

# A page type each target accepts, so that only permissions can refuse the "add" screens.
CHILD_TYPE = {
    HomePage: ("home", "standardpage"),
    StructureIndexPage: ("partners", "structurepage"),
    StructurePage: ("partners", "actionpage"),
}


def workflow_state(page, w):
    """The page's workflow state, started by the coordinator if the page has none."""
    state = WorkflowState.objects.filter(object_id=str(page.pk)).first()
    return state or page.get_workflow().start(page, w.coordinator)


def pages_url(name, *args):
    return reverse(f"wagtailadmin_pages:{name}", args=args)


SCREENS = {
    "edit": lambda page, w: pages_url("edit", page.pk),
    "preview on edit": lambda page, w: pages_url("preview_on_edit", page.pk),
    "view draft": lambda page, w: pages_url("view_draft", page.pk),
    "add subpage": lambda page, w: pages_url("add_subpage", page.pk),
    "add": lambda page, w: pages_url("add", *CHILD_TYPE[page.specific_class], page.pk),
    "preview on add": lambda page, w: pages_url(
        "preview_on_add", *CHILD_TYPE[page.specific_class], page.pk
    ),
    "delete": lambda page, w: pages_url("delete", page.pk),
    "unpublish": lambda page, w: pages_url("unpublish", page.pk),
    "move": lambda page, w: pages_url("move", page.pk),
    "move confirm": lambda page, w: pages_url("move_confirm", page.pk, page.get_parent().pk),
    "copy": lambda page, w: pages_url("copy", page.pk),
    "set privacy": lambda page, w: pages_url("set_privacy", page.pk),
    "revisions index": lambda page, w: pages_url("revisions_index", page.pk),
    "revisions view": lambda page, w: pages_url("revisions_view", page.pk, page.latest_revision_id),
    "revisions compare": lambda page, w: pages_url(
        "revisions_compare", page.pk, "earliest", "latest"
    ),
    "revisions revert": lambda page, w: pages_url(
        "revisions_revert", page.pk, page.latest_revision_id
    ),
    "history": lambda page, w: pages_url("history", page.pk),
    "history results": lambda page, w: pages_url("history_results", page.pk),
    "workflow history": lambda page, w: pages_url("workflow_history", page.pk),
    "workflow history detail": lambda page, w: pages_url(
        "workflow_history_detail", page.pk, workflow_state(page, w).pk
    ),
    "usage": lambda page, w: pages_url("usage", page.pk),
    "admin API detail": lambda page, w: f"/admin/api/main/pages/{page.pk}/",
}

TARGETS = ["other_structure", "other_action", "other_draft", "home", "directory"]
NOT_APPLICABLE = {
    ("unpublish", "other_draft"),  # never published
    # Actions accept no child page.
    ("add subpage", "other_action"),
    ("add subpage", "other_draft"),
    ("add", "other_action"),
    ("add", "other_draft"),
    ("preview on add", "other_action"),
    ("preview on add", "other_draft"),
    # Wagtail's admin API shows a partner the parent of its structure (its explorer menu starts
    # there): see test_admin_api_lists_only_the_partners_own_branch.
    ("admin API detail", "home"),
    ("admin API detail", "directory"),
}


def screen_cases():
    for screen in SCREENS:
        for target in TARGETS:
            if (screen, target) not in NOT_APPLICABLE:
                yield pytest.param(screen, target, id=f"{screen}-{target}")


@pytest.mark.parametrize(("screen", "target"), list(screen_cases()))
def test_partner_cannot_open_page_screens_outside_its_structure(client, w, screen, target):
    page = getattr(w, target)
    url = SCREENS[screen](page, w)

    client.force_login(w.coordinator)
    assert opens(client.get(url, follow=True)), f"the coordinator should open {screen}"

    client.force_login(w.partner)
    response = client.get(url, follow=True)

    assert is_refused(response), f"the partner opened {screen} of {target}"
    assert not leaks(response)


# Page changes: each POST is first refused to the partner, then made by the coordinator ---------


def form_data(page, **changes):
    """What the page's edit form posts for `page` as it stands, with `changes`."""
    data = {"title": page.title, "slug": page.slug}
    if isinstance(page, StructurePage):
        data |= {
            "short_description": page.short_description,
            "typology": page.typology,
            "missions": rich_text("<p>Accueil et orientation.</p>"),
            "fees": page.fees,
            "contacts": inline_formset([]),
            "opening_hours": inline_formset([]),
            "closures": inline_formset([]),
        }
    elif isinstance(page, ActionPage):
        data |= {
            "summary": page.summary,
            "description": rich_text("<p>Sur inscription.</p>"),
            "on_site": "on",
            "fees": page.fees,
        }
    elif isinstance(page, StructureIndexPage):
        data |= {"intro": page.intro, "join_text": rich_text("<p>Rejoignez-nous.</p>")}
    else:
        data |= {"intro": "", "hero_title": "", "hero_intro": "", "body": streamfield([])}
    return nested_form_data(data | changes)


def new_child_data(parent, slug):
    if isinstance(parent, StructurePage):
        child = ActionPage(title="Action ajoutée", slug=slug, summary="Ajoutée.")
    elif isinstance(parent, StructureIndexPage):
        child = StructurePage(title="Structure ajoutée", slug=slug, short_description="Ajoutée.")
    else:
        return nested_form_data(
            {"title": "Page ajoutée", "slug": slug, "intro": "", "body": streamfield([])}
        )
    return form_data(child)


def admin_api_action(client, page, action, **data):
    return client.post(
        f"/admin/api/main/pages/{page.pk}/action/{action}/",
        data,
        content_type="application/json",
        follow=True,
    )


def lock(page, w):
    Page.objects.filter(pk=page.pk).update(locked=True, locked_by=w.coordinator)


def approve(client, page, w):
    task_state = workflow_state(page, w).current_task_state
    url = pages_url("workflow_action", page.pk, "approve", task_state.pk)
    return client.post(url, {"comment": ""}, follow=True)


# name: (targets, request, what must stay as it was, optional preparation)
CHANGES = {
    "edit": (
        ["other_structure", "other_action", "other_draft", "home", "directory"],
        lambda client, page, w: client.post(
            pages_url("edit", page.pk), form_data(page, title="Titre détourné"), follow=True
        ),
        lambda page: (page.draft_title, page.revisions.count()),
        None,
    ),
    "add child": (
        ["other_structure", "home", "directory"],
        lambda client, page, w: client.post(
            pages_url("add", *CHILD_TYPE[page.specific_class], page.pk),
            new_child_data(page, "ajoutee"),
            follow=True,
        ),
        lambda page: page.get_children().filter(slug="ajoutee").exists(),
        None,
    ),
    "delete": (
        ["other_structure", "other_action", "other_draft", "directory"],
        lambda client, page, w: client.post(pages_url("delete", page.pk), follow=True),
        lambda page: Page.objects.filter(pk=page.pk).exists(),
        None,
    ),
    "unpublish": (
        ["other_structure", "other_action", "home", "directory"],
        lambda client, page, w: client.post(pages_url("unpublish", page.pk), follow=True),
        lambda page: fresh(page).live,
        None,
    ),
    "move into own structure": (
        ["other_action", "other_draft"],
        lambda client, page, w: client.post(
            pages_url("move_confirm", page.pk, w.own_structure.pk), follow=True
        ),
        lambda page: fresh(page).get_parent().pk,
        None,
    ),
    "reorder": (
        ["other_structure"],
        lambda client, page, w: client.post(
            pages_url("set_page_position", page.pk) + "?position=0", follow=True
        ),
        lambda page: fresh(page).path,
        None,
    ),
    "copy into own structure": (
        ["other_action", "other_draft"],
        lambda client, page, w: client.post(
            pages_url("copy", page.pk),
            {
                "new_title": "Copie",
                "new_slug": "copie",
                "new_parent_page": w.own_structure.pk,
                "copy_subpages": "",
                "publish_copies": "",
                "alias": "",
            },
            follow=True,
        ),
        lambda page: Page.objects.filter(slug="copie").exists(),
        None,
    ),
    "lock": (
        ["other_structure", "other_action", "other_draft", "home", "directory"],
        lambda client, page, w: client.post(pages_url("lock", page.pk), follow=True),
        lambda page: fresh(page).locked,
        None,
    ),
    "unlock": (
        ["other_action", "other_draft", "home", "directory"],
        lambda client, page, w: client.post(pages_url("unlock", page.pk), follow=True),
        lambda page: fresh(page).locked,
        lock,
    ),
    "set privacy": (
        ["other_structure", "other_action", "other_draft", "home", "directory"],
        lambda client, page, w: client.post(
            pages_url("set_privacy", page.pk),
            {"restriction_type": "password", "password": "mot-de-passe", "groups": []},
            follow=True,
        ),
        lambda page: PageViewRestriction.objects.filter(page=page).exists(),
        None,
    ),
    "approve the pending change": (
        ["other_structure"],
        approve,
        lambda page: fresh(page).title,
        None,
    ),
    "publish through the admin API": (
        ["other_structure", "other_draft"],
        lambda client, page, w: admin_api_action(client, page, "publish"),
        lambda page: (fresh(page).live, fresh(page).title),
        None,
    ),
    "unpublish through the admin API": (
        ["other_structure", "other_action", "directory"],
        lambda client, page, w: admin_api_action(client, page, "unpublish"),
        lambda page: fresh(page).live,
        None,
    ),
    "delete through the admin API": (
        ["other_action", "other_draft"],
        lambda client, page, w: admin_api_action(client, page, "delete"),
        lambda page: Page.objects.filter(pk=page.pk).exists(),
        None,
    ),
    "move through the admin API": (
        ["other_action", "other_draft"],
        lambda client, page, w: admin_api_action(
            client, page, "move", destination_page_id=w.own_structure.pk, position="last-child"
        ),
        lambda page: fresh(page).get_parent().pk,
        None,
    ),
    "copy through the admin API": (
        ["other_action", "other_draft"],
        lambda client, page, w: admin_api_action(
            client, page, "copy", destination_page_id=w.own_structure.pk, slug="copie"
        ),
        lambda page: Page.objects.filter(slug="copie").exists(),
        None,
    ),
}


def change_cases():
    for change, (targets, *_rest) in CHANGES.items():
        for target in targets:
            yield pytest.param(change, target, id=f"{change}-{target}")


@pytest.mark.parametrize(("change", "target"), list(change_cases()))
def test_partner_cannot_change_pages_outside_its_structure(client, w, change, target):
    _targets, make_request, state, prepare = CHANGES[change]
    page = fresh(getattr(w, target))
    if prepare:
        prepare(page, w)
    before = state(page)

    client.force_login(w.partner)
    response = make_request(client, page, w)

    assert is_refused(response), f"the partner could {change} {target}"
    assert state(page) == before
    assert not leaks(response)

    client.force_login(w.coordinator)
    make_request(client, fresh(page) if Page.objects.filter(pk=page.pk).exists() else page, w)
    assert state(page) != before, f"the request to {change} should work for the coordinator"


# Other structures' drafts stay out of every listing --------------------------------------------


@pytest.mark.parametrize("target", ["other_structure", "other_draft", "home", "directory"])
def test_partner_explorer_never_leaves_its_own_structure(client, w, target):
    client.force_login(w.partner)

    response = client.get(
        reverse("wagtailadmin_explore", args=[getattr(w, target).pk]), follow=True
    )

    assert response.redirect_chain[-1][0] == reverse(
        "wagtailadmin_explore", args=[w.own_structure.pk]
    )
    assert w.own_action.title in response.content.decode()
    assert not leaks(response, (*SECRETS, w.other_action.title))


def test_admin_api_lists_only_the_partners_own_branch(client, w):
    client.force_login(w.coordinator)
    found = client.get("/admin/api/main/pages/", {"search": "confidentiel"}).json()["items"]
    assert [item["id"] for item in found] == [w.other_draft.pk]

    client.force_login(w.partner)
    every_page = client.get("/admin/api/main/pages/", {"limit": 20})
    directory_children = client.get("/admin/api/main/pages/", {"child_of": w.directory.pk})
    search = client.get("/admin/api/main/pages/", {"search": "confidentiel"})

    # The directory comes along as the parent of the partner's structure (Wagtail's explorer
    # menu starts there); its siblings do not.
    listed = {item["id"] for item in every_page.json()["items"]}
    assert listed == {w.directory.pk, w.own_structure.pk, w.own_action.pk}
    assert [item["id"] for item in directory_children.json()["items"]] == [w.own_structure.pk]
    assert search.json()["items"] == []
    assert not leaks(every_page) and not leaks(directory_children)


@pytest.mark.parametrize("query", ["confidentiel", "Morvan", "Consultation"])
def test_admin_search_finds_only_the_partners_own_pages(client, w, query):
    url = reverse("wagtailadmin_pages:search")
    client.force_login(w.coordinator)
    assert f"/admin/pages/{w.other_structure.pk}/" in client.get(url, {"q": query}).content.decode()

    client.force_login(w.partner)
    response = client.get(url, {"q": query})

    assert response.status_code == 200
    assert f"/admin/pages/{w.other_structure.pk}/" not in response.content.decode()
    assert not leaks(response)


@pytest.mark.parametrize(
    "url",
    [
        reverse("wagtailadmin_pages:type_use", args=["partners", "structurepage"]),
        reverse("wagtailadmin_pages:type_use", args=["partners", "actionpage"]),
    ],
    ids=["structures", "actions"],
)
def test_pages_of_a_type_listing_shows_only_the_partners_own_pages(client, w, url):
    other_pages = [f"/admin/pages/{page.pk}/" for page in (w.other_structure, w.other_action)]
    client.force_login(w.coordinator)
    assert any(link in client.get(url).content.decode() for link in other_pages)

    client.force_login(w.partner)
    response = client.get(url)

    assert response.status_code == 200
    own_pages = [f"/admin/pages/{page.pk}/" for page in (w.own_structure, w.own_action)]
    assert any(link in response.content.decode() for link in own_pages)
    assert not any(link in response.content.decode() for link in other_pages)
    assert not leaks(response)


def test_admin_search_finds_the_partners_own_pages(client, w):
    client.force_login(w.partner)

    response = client.get(reverse("wagtailadmin_pages:search"), {"q": "Atelier"})

    assert w.own_action.title in response.content.decode()


def test_page_chooser_shows_other_structures_only_as_published(client, w):
    browse = reverse("wagtailadmin_choose_page_child", args=[w.other_structure.pk])
    search = reverse("wagtailadmin_choose_page_search")
    client.force_login(w.coordinator)
    assert DRAFT_TITLE in client.get(browse).content.decode()
    assert DRAFT_TITLE in client.get(search, {"q": "confidentiel"}).content.decode()

    client.force_login(w.partner)
    browsed = client.get(browse)
    searched = client.get(search, {"q": "confidentiel"})

    # Its published action can be linked to; its draft is nowhere.
    assert w.other_action.title in browsed.content.decode()
    assert not leaks(browsed, [DRAFT_TITLE])
    assert not leaks(searched, [DRAFT_TITLE])


def test_page_chooser_shows_the_partners_own_drafts(client, w):
    own_draft = ActionPageFactory(parent=w.own_structure, title="Brouillon du CCAS", live=False)
    client.force_login(w.partner)

    browsed = client.get(reverse("wagtailadmin_choose_page_child", args=[w.own_structure.pk]))

    assert own_draft.title in browsed.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        lambda w: reverse("wagtailadmin_choose_page_child", args=[w.other_draft.pk]),
        lambda w: reverse("wagtailadmin_choose_page_chosen_multiple") + f"?id={w.other_draft.pk}",
        lambda w: reverse("wagtailadmin_choose_page_chosen_multiple") + "?id=abc",
    ],
    ids=["browse from the draft", "chosen draft", "chosen malformed id"],
)
def test_page_chooser_does_not_read_another_structures_draft_by_id(client, w, url):
    client.force_login(w.partner)

    response = client.get(url(w))

    assert response.status_code == 404
    assert not leaks(response)


def test_page_chooser_returns_a_published_page_chosen_by_id(client, w):
    client.force_login(w.partner)

    response = client.get(
        reverse("wagtailadmin_choose_page_chosen_multiple"), {"id": w.other_action.pk}
    )

    assert response.status_code == 200
    assert w.other_action.title in response.content.decode()


@pytest.mark.parametrize("target", ["other_draft", "other_structure"])
def test_anonymous_visitors_never_see_drafts(client, w, target):
    page = getattr(w, target)

    response = client.get(page.get_url())

    if target == "other_draft":
        assert response.status_code == 404
    else:
        assert response.status_code == 200
    assert not leaks(response)


# Bulk actions: their confirmation names only what the user may act on --------------------------

BULK_ACTIONS = {
    "delete pages": ("wagtailcore/page/delete", "pages"),
    "move pages": ("wagtailcore/page/move", "pages"),
    "publish pages": ("wagtailcore/page/publish", "pages"),
    "unpublish pages": ("wagtailcore/page/unpublish", "live pages"),
    "delete images": ("wagtailimages/image/delete", "image"),
    "tag images": ("wagtailimages/image/add_tags", "image"),
    "file images": ("wagtailimages/image/add_to_collection", "image"),
    "delete documents": ("wagtaildocs/document/delete", "document"),
    "tag documents": ("wagtaildocs/document/add_tags", "document"),
    "file documents": ("wagtaildocs/document/add_to_collection", "document"),
}


def bulk_targets(w, kind):
    if kind == "pages":
        return [w.other_structure, w.other_draft], [PENDING_TITLE, DRAFT_TITLE]
    if kind == "live pages":
        return [w.other_structure, w.other_action], [PENDING_TITLE]
    media = getattr(w, f"other_{kind}")
    return [media], [media.title]


@pytest.mark.parametrize("action", BULK_ACTIONS)
def test_bulk_action_confirmation_names_nothing_of_another_structure(client, w, action):
    path, kind = BULK_ACTIONS[action]
    objects, secrets = bulk_targets(w, kind)
    url = f"/admin/bulk/{path}/?" + "&".join(f"id={obj.pk}" for obj in objects)
    client.force_login(w.coordinator)
    assert all(secret in client.get(url).content.decode() for secret in secrets)

    client.force_login(w.partner)
    response = client.get(url, follow=True)

    assert not leaks(response, secrets)


def test_bulk_delete_still_works_on_the_partners_own_draft(client, w):
    own_draft = ActionPageFactory(parent=w.own_structure, title="Brouillon à jeter", live=False)
    url = f"/admin/bulk/wagtailcore/page/delete/?id={own_draft.pk}"
    client.force_login(w.partner)

    assert own_draft.title in client.get(url).content.decode()
    client.post(url)

    assert not Page.objects.filter(pk=own_draft.pk).exists()


def test_bulk_delete_of_another_structures_pages_deletes_nothing(client, w):
    client.force_login(w.partner)

    client.post(
        f"/admin/bulk/wagtailcore/page/delete/?id={w.other_draft.pk}&id={w.other_action.pk}"
    )

    assert Page.objects.filter(pk__in=[w.other_draft.pk, w.other_action.pk]).count() == 2


# Images and documents: each structure sees its own collection only -----------------------------

MEDIA_SCREENS = {
    "edit image": lambda w: reverse("wagtailimages:edit", args=[w.other_image.pk]),
    "delete image": lambda w: reverse("wagtailimages:delete", args=[w.other_image.pk]),
    "image preview": lambda w: reverse(
        "wagtailimages:preview", args=[w.other_image.pk, "original"]
    ),
    "image usage": lambda w: reverse("wagtailimages:image_usage", args=[w.other_image.pk]),
    "chosen image": lambda w: reverse("wagtailimages_chooser:chosen", args=[w.other_image.pk]),
    "edit document": lambda w: reverse("wagtaildocs:edit", args=[w.other_document.pk]),
    "delete document": lambda w: reverse("wagtaildocs:delete", args=[w.other_document.pk]),
    "document usage": lambda w: reverse("wagtaildocs:document_usage", args=[w.other_document.pk]),
    "chosen document": lambda w: reverse("wagtaildocs_chooser:chosen", args=[w.other_document.pk]),
}


@pytest.mark.parametrize("screen", MEDIA_SCREENS)
def test_partner_cannot_open_another_structures_media(client, w, screen):
    url = MEDIA_SCREENS[screen](w)
    client.force_login(w.coordinator)
    assert opens(client.get(url, follow=True)), f"the coordinator should open {screen}"

    client.force_login(w.partner)
    response = client.get(url, follow=True)

    assert is_refused(response), f"the partner opened {screen}"
    assert not leaks(response, [w.other_image.title, w.other_document.title])


# A search both structures' media answer ("du", common to their titles, is a French stop word).
SEARCH_BOTH = {"q": "CCAS Morvan"}
MEDIA_LISTINGS = {
    "images": (reverse("wagtailimages:index"), {}),
    "images search": (reverse("wagtailimages:index_results"), SEARCH_BOTH),
    "image chooser": (reverse("wagtailimages_chooser:choose"), {}),
    "image chooser search": (reverse("wagtailimages_chooser:choose_results"), SEARCH_BOTH),
    "documents": (reverse("wagtaildocs:index"), {}),
    "documents search": (reverse("wagtaildocs:index_results"), SEARCH_BOTH),
    "document chooser": (reverse("wagtaildocs_chooser:choose"), {}),
    "document chooser search": (reverse("wagtaildocs_chooser:choose_results"), SEARCH_BOTH),
}


@pytest.mark.parametrize("listing", MEDIA_LISTINGS)
def test_partner_lists_and_chooses_only_its_own_media(client, w, listing):
    url, params = MEDIA_LISTINGS[listing]
    kind = "image" if "image" in listing else "document"
    own, other = getattr(w, f"own_{kind}").title, getattr(w, f"other_{kind}").title
    client.force_login(w.coordinator)
    assert other in client.get(url, params).content.decode()

    client.force_login(w.partner)
    response = client.get(url, params)

    assert response.status_code == 200
    assert own in response.content.decode()
    assert not leaks(response, [other])


def test_partner_cannot_move_its_image_into_another_structures_collection(client, w):
    client.force_login(w.partner)

    client.post(
        reverse("wagtailimages:edit", args=[w.own_image.pk]),
        {"title": w.own_image.title, "collection": w.other_space.collection.pk, "tags": ""},
    )

    w.own_image.refresh_from_db()
    assert w.own_image.collection == w.own_space.collection


@pytest.mark.parametrize("kind", ["image", "document"])
def test_partner_cannot_delete_another_structures_media(client, w, kind):
    media = getattr(w, f"other_{kind}")
    app = "wagtailimages" if kind == "image" else "wagtaildocs"
    client.force_login(w.partner)

    response = client.post(reverse(f"{app}:delete", args=[media.pk]), follow=True)

    assert is_refused(response)
    assert type(media).objects.filter(pk=media.pk).exists()


# Administration areas ----------------------------------------------------------------------------

ADMIN_AREAS = {
    "users": lambda w: reverse("wagtailusers_users:index"),
    "groups": lambda w: reverse("wagtailusers_groups:index"),
    "edit own group": lambda w: reverse("wagtailusers_groups:edit", args=[w.own_space.group.pk]),
    "site settings": lambda w: reverse(
        "wagtailsettings:edit", args=["home", "sitesettings", w.home.get_site().pk]
    ),
    "sites": lambda w: reverse("wagtailsites:index"),
    "workflows": lambda w: reverse("wagtailadmin_workflows:index"),
    "workflow tasks": lambda w: reverse("wagtailadmin_workflows:task_index"),
    "collections": lambda w: reverse("wagtailadmin_collections:index"),
    "edit own collection": lambda w: reverse(
        "wagtailadmin_collections:edit", args=[w.own_space.collection.pk]
    ),
    "redirects": lambda w: reverse("wagtailredirects:index"),
    "locked pages report": lambda w: reverse("wagtailadmin_reports:locked_pages"),
    "workflow report": lambda w: reverse("wagtailadmin_reports:workflow"),
    "workflow tasks report": lambda w: reverse("wagtailadmin_reports:workflow_tasks"),
    "site history": lambda w: reverse("wagtailadmin_reports:site_history"),
    "aging pages report": lambda w: reverse("wagtailadmin_reports:aging_pages"),
    "page types report": lambda w: reverse("wagtailadmin_reports:page_types_usage"),
    "stale structures report": lambda w: reverse("partners_stale_structures"),
    "partner requests": lambda w: reverse("partner_requests:index"),
    "partner spaces": lambda w: reverse("partner_spaces:index"),
    "themes": lambda w: reverse("wagtailsnippets_home_theme:list"),
}


@pytest.mark.parametrize("area", ADMIN_AREAS)
def test_partner_cannot_reach_administration_areas(client, w, area):
    url = ADMIN_AREAS[area](w)
    if area != "sites":  # sites stay with the technical superuser
        client.force_login(w.coordinator)
        assert opens(client.get(url, follow=True)), f"the coordinator should reach {area}"

    client.force_login(w.partner)
    response = client.get(url, follow=True)

    assert is_refused(response), f"the partner reached {area}"
    assert not leaks(response, (*SECRETS, w.other_partner.username))


def test_partner_menu_offers_no_reports(client, w):
    report = reverse("wagtailadmin_reports:page_types_usage")
    client.force_login(w.coordinator)
    assert report in client.get(reverse("wagtailadmin_home")).content.decode()

    client.force_login(w.partner)
    response = client.get(reverse("wagtailadmin_home"))

    assert response.status_code == 200
    assert report not in response.content.decode()


# What a partner can still do: its own job ------------------------------------------------------


def test_partner_edits_its_structure_and_submits_it_for_moderation(client, w):
    client.force_login(w.partner)

    response = client.post(
        pages_url("edit", w.own_structure.pk),
        form_data(w.own_structure, short_description="Nouvelle présentation.", **SUBMIT),
    )

    assert response.status_code == 302
    structure = fresh(w.own_structure)
    assert structure.short_description == "Une structure de prévention du territoire."
    assert structure.get_latest_revision_as_object().short_description == "Nouvelle présentation."
    assert structure.workflow_in_progress


def test_partner_publish_request_starts_the_workflow_and_changes_nothing_live(client, w):
    client.force_login(w.partner)

    client.post(
        pages_url("edit", w.own_structure.pk),
        form_data(w.own_structure, short_description="Publiée sans relecture ?", **PUBLISH),
    )

    # The request starts the workflow: only the coordination's approval publishes it.
    structure = fresh(w.own_structure)
    assert structure.short_description == "Une structure de prévention du territoire."
    assert structure.has_unpublished_changes
    assert structure.workflow_in_progress
    client.logout()
    assert "Publiée sans relecture" not in client.get(structure.get_url()).content.decode()


def test_partner_cannot_approve_its_own_submission(client, w):
    client.force_login(w.partner)
    client.post(
        pages_url("edit", w.own_structure.pk),
        form_data(w.own_structure, title="CCAS de Clamecy et Armes", **SUBMIT),
    )

    response = approve(client, fresh(w.own_structure), w)

    assert is_refused(response)
    assert fresh(w.own_structure).title == "CCAS de Clamecy"


def test_partner_adds_an_action_under_its_own_structure(client, w):
    client.force_login(w.partner)

    response = client.post(
        pages_url("add", "partners", "actionpage", w.own_structure.pk),
        new_child_data(w.own_structure, "atelier-memoire") | SUBMIT,
    )

    assert response.status_code == 302
    action = ActionPage.objects.get(slug="atelier-memoire")
    assert action.get_parent().pk == w.own_structure.pk
    assert not action.live and action.workflow_in_progress


def test_partner_publishing_a_new_action_submits_it_for_moderation(client, w):
    client.force_login(w.partner)

    response = client.post(
        pages_url("add", "partners", "actionpage", w.own_structure.pk),
        new_child_data(w.own_structure, "atelier-equilibre") | PUBLISH,
    )

    assert response.status_code == 302
    action = ActionPage.objects.get(slug="atelier-equilibre")
    assert not action.live and action.workflow_in_progress


def test_partner_without_a_structure_sees_nothing_editable(client, w):
    newcomer = make_user("partenaire-en-attente", "Partenaires")
    client.force_login(newcomer)

    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    assert client.get("/admin/api/main/pages/").json()["items"] == []
    assert is_refused(client.get(reverse("wagtailadmin_explore_root"), follow=True))
    assert is_refused(client.get(reverse("wagtailimages:index"), follow=True))
    assert is_refused(client.get(reverse("wagtaildocs:index"), follow=True))
    assert is_refused(client.get(reverse("wagtailimages:add"), follow=True))
