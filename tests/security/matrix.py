"""The world, the actions and the judgement of tests/security/test_permission_matrix.py.

The world is one territory built once for the module: two structures with a partner each, the
agenda, campaigns, news, calls for projects, the contract with its indicators and reports, the
partners' wall with cards and a relay request, images and documents in each structure's
collection and in a collection restricted to the coordination. Each action is a real HTTP
request (the test client, logged in with force_login) to the site's real URLs; what a POST may
change is read from the database before and after it.
"""

import contextlib
import datetime
import decimal
from collections.abc import Callable
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any
from urllib.parse import urlparse

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    Page,
    PageViewRestriction,
    WorkflowState,
)

from evaluation.entry import write_value
from evaluation.models import EnteredBy, IndicatorValue, ValueStatus
from events.models import KitItem, KitItemKind, Occurrence
from home.models import HomePage, Theme
from partners.accounts import add_member, open_partner_space
from partners.models import RelayRequest, RelayStatus, StructurePage, WallCard, WallCardStatus
from tests.conftest import create_user
from tests.evaluation.factories import (
    ActionSheetPageFactory,
    AnnualReportPageFactory,
    AxisPageFactory,
    ContractPageFactory,
    IndicatorFactory,
)
from tests.events.editor import event_form
from tests.events.factories import (
    AgendaPageFactory,
    CampaignIndexPageFactory,
    CampaignPageFactory,
    EventPageFactory,
    NationalCampaignFactory,
)
from tests.events.test_campaign_permissions import campaign_form
from tests.home.admin_forms import call_form, news_form
from tests.home.factories import (
    CallForProjectsIndexPageFactory,
    CallForProjectsPageFactory,
    DocumentFactory,
    ImageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    png_bytes,
)
from tests.partners.factories import StructureIndexPageFactory, StructurePageFactory
from tests.partners.test_isolation import form_data as structure_form
from tests.partners.wall import WallCardFactory, WallPageFactory, image_bytes, wall_url

# What only its owners (and the coordination) may read: never in a refused response.
PENDING_TITLE = "Fusion confidentielle des deux CPTS"
DRAFT_TITLE = "Projet confidentiel de dépistage en entreprise"
DRAFT_CAMPAIGN_TITLE = "Campagne secrète de janvier"
DRAFT_REPORT_TITLE = "Rapport provisoire 2026"
PENDING_CARD_TITLE = "Carte en attente de la CPTS"
RELAY_SUBJECT = "Relais confidentiel du CCAS"
PRIVATE_DOCUMENT_TITLE = "Note interne de la coordination"

NEW_TITLE = "Titre changé par la matrice"
NEW_SLUG = "creee-par-la-matrice"
DASHBOARD = "/admin/"
PUBLISH = {"action-publish": "action-publish"}
ROLES = (
    "anonymous",
    "visitor",
    "partner_a",
    "partner_b",
    "communication",
    "coordination",
    "superuser",
)


# The world ----------------------------------------------------------------------------------------


def new_partner(username, structure):
    user = create_user(username, "Partenaires")
    add_member(open_partner_space(structure), user)
    return user


def build_world():
    home = HomePage.objects.get(depth=2)
    directory = StructureIndexPageFactory(parent=home)
    structure_a = StructurePageFactory(parent=directory, title="CCAS de Clamecy", slug="ccas")
    structure_b = StructurePageFactory(parent=directory, title="CPTS du Morvan", slug="cpts")
    space_a, space_b = open_partner_space(structure_a), open_partner_space(structure_b)
    partner_a, partner_b = (
        new_partner("partenaire-a", structure_a),
        new_partner("partenaire-b", structure_b),
    )
    coordination = create_user("coordinatrice", "Coordination")
    w = SimpleNamespace(
        users={
            "anonymous": None,
            "visitor": create_user("visiteur"),  # an account outside the network
            "partner_a": partner_a,
            "partner_b": partner_b,
            "communication": create_user("chargee-com", "Communication"),
            "coordination": coordination,
            "superuser": create_user("administrateur", is_superuser=True, is_staff=True),
        },
        home=home,
        directory=directory,
        structure_a=structure_a,
        space_a=space_a,
        space_b=space_b,
        event_a=EventPageFactory(parent=structure_a, title="Atelier du CCAS", slug="atelier-a"),
        event_b=EventPageFactory(parent=structure_b, title="Consultation jeunes", slug="cjc"),
        draft_b=EventPageFactory(parent=structure_b, title=DRAFT_TITLE, slug="projet", live=False),
    )
    # Partner B changed its profile and submitted it: the change waits for the coordination.
    pending = StructurePage.objects.get(pk=structure_b.pk)
    pending.title = PENDING_TITLE
    pending.save_revision(user=partner_b)
    pending.get_workflow().start(pending, partner_b)
    w.structure_b = Page.objects.get(pk=structure_b.pk).specific

    w.agenda = AgendaPageFactory(parent=home)
    w.agenda_event = EventPageFactory(parent=w.agenda, title="Bus du cœur", slug="bus-du-coeur")
    w.campaign_index = CampaignIndexPageFactory(parent=home)
    w.campaign = CampaignPageFactory(
        parent=w.campaign_index,
        title="Mois sans tabac",
        slug="mois-sans-tabac",
        kit_items=[KitItem(kind=KitItemKind.TEXT, title="Publication", text="Arrêtons ensemble.")],
    )
    w.campaign_draft = CampaignPageFactory(
        parent=w.campaign_index,
        title=DRAFT_CAMPAIGN_TITLE,
        slug="janvier",
        live=False,
        kit_items=[KitItem(kind=KitItemKind.TEXT, title="Brouillon", text="Pas encore.")],
    )
    w.news_index = NewsIndexPageFactory(parent=home)
    w.news = NewsPageFactory(parent=w.news_index, title="Trois nouveaux partenaires", slug="news")
    w.calls_index = CallForProjectsIndexPageFactory(parent=home)
    w.call = CallForProjectsPageFactory(parent=w.calls_index, title="Prévention", slug="appel")

    w.contract = ContractPageFactory(parent=home)
    axis = AxisPageFactory(parent=w.contract, number=1, title="Prévenir et dépister")
    w.sheet_a = ActionSheetPageFactory(
        parent=axis, number=1, title="Ateliers nutrition", carrying_structure=structure_a
    )
    w.sheet_b = ActionSheetPageFactory(
        parent=axis, number=2, title="Forum santé mentale", carrying_structure=structure_b
    )
    w.indicator_a = IndicatorFactory(action=w.sheet_a, entered_by=EnteredBy.CARRIER)
    w.indicator_b = IndicatorFactory(action=w.sheet_b, entered_by=EnteredBy.CARRIER)
    # A value partner A entered for 2026: it waits for the coordination's validation.
    w.value_pending_a, _ = write_value(
        indicator=w.indicator_a, year=2026, value=decimal.Decimal(3), user=partner_a
    )
    w.report = AnnualReportPageFactory(parent=w.contract, year=2025)
    w.report_draft = AnnualReportPageFactory(
        parent=w.contract, year=2026, title=DRAFT_REPORT_TITLE, live=False
    )

    w.wall = WallPageFactory(parent=home)
    w.card_a = WallCardFactory(author=partner_a, structure=structure_a, title="Atelier ouvert")
    w.card_pending_b = WallCardFactory(
        author=partner_b,
        structure=structure_b,
        title=PENDING_CARD_TITLE,
        status=WallCardStatus.PENDING,
        image=ContentFile(image_bytes(), name="carte.png"),
    )
    relay = RelayRequest(
        subject=RELAY_SUBJECT,
        message="<p>Un atelier mémoire.</p>",
        requested_by=partner_a,
        structure=structure_a,
        wanted_by=timezone.localdate() + datetime.timedelta(days=10),
    )
    relay.attachment.save("programme.pdf", ContentFile(b"%PDF-1.4 programme"), save=False)
    relay.save()
    w.relay_a = relay

    w.collection_a, w.collection_b = space_a.collection, space_b.collection
    w.image_a = ImageFactory(title="Logo du CCAS", collection=w.collection_a)
    w.image_b = ImageFactory(title="Photo du Morvan", collection=w.collection_b)
    w.document_a = DocumentFactory(title="Plaquette du CCAS", collection=w.collection_a)
    w.document_b = DocumentFactory(title="Compte rendu du Morvan", collection=w.collection_b)
    w.collection_private = Collection.get_first_root_node().add_child(name="Coordination interne")
    restriction = CollectionViewRestriction.objects.create(
        collection=w.collection_private, restriction_type=CollectionViewRestriction.GROUPS
    )
    restriction.groups.set(Group.objects.filter(name="Coordination"))
    w.document_private = DocumentFactory(
        title=PRIVATE_DOCUMENT_TITLE, collection=w.collection_private
    )
    w.national_campaign = NationalCampaignFactory(name="Octobre rose", slug="octobre-rose")
    w.theme = Theme.objects.order_by("pk").first()
    return w


def fresh(obj):
    """`obj` read again from the database (a previous test may have changed it in memory)."""
    if isinstance(obj, Page):
        return Page.objects.get(pk=obj.pk).specific
    return type(obj)._default_manager.get(pk=obj.pk)


# Judging a response -------------------------------------------------------------------------------


def login_paths():
    paths = {reverse("wagtailadmin_login"), urlparse(settings.LOGIN_URL).path}
    with contextlib.suppress(NoReverseMatch):
        paths.add(reverse("wagtailcore_login"))
    frontend = getattr(settings, "WAGTAIL_FRONTEND_LOGIN_URL", None)
    if frontend:
        paths.add(urlparse(frontend).path)
    return paths


def refusal(response, action=None):
    """How the site refused the request: "login", "refused" — or None when it did not."""
    if response.status_code in (403, 404):
        return "refused"
    if response.status_code == 302:
        location = urlparse(response["Location"]).path
        if location in login_paths():
            return "login"
        if location == DASHBOARD:
            return "refused"
        if action is not None and action.refusing_redirect(location, response.request):
            return "refused"
    return None


def to_another_explorer(location, request):
    """Wagtail's explorer sends a user asking for a page outside their tree to their own root."""
    explore = reverse("wagtailadmin_explore_root")
    return location.startswith(explore) and location != request["PATH_INFO"]


def form_errors(response):
    context = getattr(response, "context", None) or {}
    form = context.get("form") if hasattr(context, "get") else None
    return dict(form.errors) if form is not None and form.errors else {}


# Actions ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Action:
    """One kind of request. `state` reads what a POST may change; `done` and `held` say whether
    it was changed for good or held for moderation (they receive the state read before)."""

    method: str
    url: Callable[[Any, Any], str]
    data: Callable[[Any, Any], dict] | None = None
    state: Callable[[Any, Any], Any] = lambda w, obj: None
    done: Callable[[Any, Any, Any], bool] | None = None
    held: Callable[[Any, Any, Any], bool] | None = None
    ok_statuses: tuple = (200,)
    cleanup: Callable[[Any, Any], None] | None = None
    refusing_redirect: Callable[[str, dict], bool] = lambda location, request: False


def pages_url(name, *args):
    return reverse(f"wagtailadmin_pages:{name}", args=args)


def public_url(page):
    """Where the page is (or would be, for a draft) served."""
    page = fresh(page)
    return page.url or fresh(page.get_parent()).url + page.slug + "/"


# What the page editor posts for each page type (the builders of the apps' own admin tests).
FORMS = {
    "EventPage": event_form,
    "CampaignPage": campaign_form,
    "NewsPage": news_form,
    "CallForProjectsPage": call_form,
}


def page_form(page, **changes):
    """What the page editor posts for `page` as it stands, with `changes`."""
    if isinstance(page, StructurePage):
        return structure_form(page, **changes)
    return FORMS[type(page).__name__](slug=page.slug, **changes)


# The page type each parent accepts in the "add" screens of the matrix.
CHILD_TYPES = {
    "StructureIndexPage": ("partners", "structurepage"),
    "StructurePage": ("events", "eventpage"),
    "AgendaPage": ("events", "eventpage"),
    "CampaignIndexPage": ("events", "campaignpage"),
    "NewsIndexPage": ("home", "newspage"),
    "CallForProjectsIndexPage": ("home", "callforprojectspage"),
    "ContractPage": ("evaluation", "axispage"),
}


def add_url(w, parent):
    return pages_url("add", *CHILD_TYPES[type(parent).__name__], parent.pk)


def new_child_form(w, parent):
    """What the editor posts to add the page NEW_TITLE under `parent`, asking to publish it."""
    model = apps.get_model(*CHILD_TYPES[type(parent).__name__])
    if model is StructurePage:
        page = StructurePage(
            title=NEW_TITLE, slug=NEW_SLUG, short_description="Créée.", typology="ASSO"
        )
        return structure_form(page) | PUBLISH
    return FORMS[model.__name__](slug=NEW_SLUG, title=NEW_TITLE) | PUBLISH


def page_state(w, page):
    page = fresh(page)
    return (page.title, page.draft_title, page.live, page.revisions.count())


def published(w, page, before):
    page = fresh(page)
    return page.live and page.title == NEW_TITLE and not page.has_unpublished_changes


def in_moderation(page, live_title=None):
    """A draft held by the workflow: the live version (if any) unchanged."""
    if not page.workflow_in_progress:
        return False
    return page.title == live_title if live_title is not None else not page.live


def held_for_moderation(w, page, before):
    page = fresh(page)
    live_title = before[0] if before[2] else None
    return (
        in_moderation(page, live_title) and page.get_latest_revision_as_object().title == NEW_TITLE
    )


def deleted(w, page, before):
    """The page is gone, and no row still points at it (an event's dates go with it)."""
    gone = not Page.objects.filter(pk=page.pk).exists()
    return gone and not Occurrence.objects.filter(event_id=page.pk).exists()


def drop_dangling_occurrences(w, page):
    """Dates left pointing at a deleted event (the bug ecce3f3 fixed) would fail the foreign key
    check that ends each test: removed once the case is judged, so that it fails alone."""
    if not Page.objects.filter(pk=page.pk).exists():
        Occurrence.objects.filter(event_id=page.pk).delete()


def child(parent):
    return Page.objects.child_of(parent).filter(slug=NEW_SLUG).first()


def child_published(w, parent, before):
    page = child(parent)
    return page is not None and page.live


def child_held(w, parent, before):
    page = child(parent)
    return page is not None and in_moderation(page.specific)


def workflow_state(page):
    return WorkflowState.objects.filter(
        base_content_type__model="page", object_id=str(page.pk)
    ).first()


def approve_url(w, page):
    state = workflow_state(page)
    return pages_url("workflow_action", page.pk, "approve", state.current_task_state.pk)


def card_url(route):
    return lambda w, card: wall_url(fresh(w.wall), route, card.pk)


def media_count(w, collection):
    return (
        get_image_model().objects.filter(collection=collection).count(),
        get_document_model().objects.filter(collection=collection).count(),
    )


def image_upload(w, collection):
    upload = SimpleUploadedFile("affiche.png", png_bytes(), content_type="image/png")
    return {"title": "Affiche", "file": upload, "collection": collection.pk, "tags": ""}


def snippet_url(obj, view):
    names = {
        "Theme": "wagtailsnippets_home_theme",
        "NationalCampaign": "wagtailsnippets_events_nationalcampaign",
        "Indicator": "evaluation_indicators",
        "WallCard": "wall_cards",
        "RelayRequest": "relay_requests",
    }
    return reverse(f"{names[type(obj).__name__]}:{view}", args=[obj.pk])


def model_state(w, obj):
    obj = fresh(obj)
    return {field.attname: getattr(obj, field.attname) for field in obj._meta.concrete_fields}


def admin_edit_data(w, obj):
    name = type(obj).__name__
    if name == "Theme":
        return {"name": NEW_TITLE, "slug": obj.slug, "description": obj.description}
    if name == "NationalCampaign":
        return {
            "name": NEW_TITLE,
            "slug": obj.slug,
            "organiser": obj.organiser,
            "period": obj.period,
            "website": obj.website,
        }
    if name == "WallCard":
        return {"status": WallCardStatus.PUBLISHED, "moderation_note": ""}
    if name == "RelayRequest":
        return {"status": RelayStatus.RELAYED, "note": "Relayé dans la lettre."}
    raise ValueError(name)


def admin_edited(w, obj, before):
    obj = fresh(obj)
    name = type(obj).__name__
    if name in ("Theme", "NationalCampaign"):
        return obj.name == NEW_TITLE
    if name == "WallCard":
        return obj.status == WallCardStatus.PUBLISHED
    return obj.status == RelayStatus.RELAYED


def grid_url(w, sheet):
    return reverse("evaluation_entry_grid", args=[sheet.pk, 2025])


def grid_row(w, sheet):
    indicator = w.indicator_a if sheet.pk == w.sheet_a.pk else w.indicator_b
    prefix = f"i{indicator.pk}"
    return {
        f"{prefix}-value": "7",
        f"initial-{prefix}-value": "",
        f"{prefix}-comment": "",
        f"initial-{prefix}-comment": "",
        f"{prefix}-source": "",
        f"initial-{prefix}-source": "",
        f"{prefix}-version": "",
    }


def sheet_values(w, sheet):
    return list(
        IndicatorValue.objects.filter(indicator__action=sheet, year=2025).values_list(
            "value", "status"
        )
    )


def value_status(status):
    return lambda w, sheet, before: sheet_values(w, sheet) == [(decimal.Decimal(7), status)]


def card_form(title):
    return {
        "kind": "news",
        "title": title,
        "text": "<p>Une information pour le réseau.</p>",
        "link": "",
        "image_alt": "",
        "expires_on": (timezone.localdate() + datetime.timedelta(days=20)).isoformat(),
    }


def new_card_status(w, wall):
    card = WallCard.objects.filter(title=NEW_TITLE).first()
    return card.status if card else None


ACTIONS = {
    # Pages: the public site and Wagtail's page screens.
    "view": Action("get", lambda w, page: public_url(page)),
    "view_draft": Action("get", lambda w, page: pages_url("view_draft", page.pk)),
    "preview": Action("get", lambda w, page: pages_url("preview_on_edit", page.pk)),
    "edit_form": Action("get", lambda w, page: pages_url("edit", page.pk)),
    "history": Action("get", lambda w, page: pages_url("history", page.pk)),
    "explore": Action(
        "get",
        lambda w, page: reverse("wagtailadmin_explore", args=[page.pk]),
        refusing_redirect=to_another_explorer,
    ),
    "explore_results": Action(
        "get",
        lambda w, page: reverse("wagtailadmin_explore_results", args=[page.pk]),
        refusing_redirect=to_another_explorer,
    ),
    "add_form": Action("get", add_url),
    "edit": Action(
        "post",
        lambda w, page: pages_url("edit", page.pk),
        data=lambda w, page: page_form(fresh(page), title=NEW_TITLE) | PUBLISH,
        state=page_state,
        done=published,
        held=held_for_moderation,
    ),
    "add": Action(
        "post",
        add_url,
        data=new_child_form,
        state=lambda w, parent: child(parent) is not None,
        done=child_published,
        held=child_held,
    ),
    "delete": Action(
        "post",
        lambda w, page: pages_url("delete", page.pk),
        state=lambda w, page: Page.objects.filter(pk=page.pk).exists(),
        done=deleted,
        cleanup=drop_dangling_occurrences,
    ),
    "unpublish": Action(
        "post",
        lambda w, page: pages_url("unpublish", page.pk),
        state=lambda w, page: fresh(page).live,
        done=lambda w, page, before: not fresh(page).live,
    ),
    "lock": Action(
        "post",
        lambda w, page: pages_url("lock", page.pk),
        state=lambda w, page: fresh(page).locked,
        done=lambda w, page, before: fresh(page).locked,
    ),
    "set_privacy": Action(
        "post",
        lambda w, page: pages_url("set_privacy", page.pk),
        data=lambda w, page: {"restriction_type": "password", "password": "secret", "groups": []},
        state=lambda w, page: PageViewRestriction.objects.filter(page=page).exists(),
        done=lambda w, page, before: PageViewRestriction.objects.filter(page=page).exists(),
    ),
    "approve": Action(
        "post",
        approve_url,
        data=lambda w, page: {"comment": ""},
        state=page_state,
        done=lambda w, page, before: fresh(page).title == PENDING_TITLE,
    ),
    # Images and documents.
    "media_edit_form": Action(
        "get",
        lambda w, media: reverse(
            "wagtailimages:edit" if isinstance(media, get_image_model()) else "wagtaildocs:edit",
            args=[media.pk],
        ),
    ),
    "media_delete": Action(
        "post",
        lambda w, media: reverse(
            "wagtailimages:delete"
            if isinstance(media, get_image_model())
            else "wagtaildocs:delete",
            args=[media.pk],
        ),
        state=lambda w, media: type(media).objects.filter(pk=media.pk).exists(),
        done=lambda w, media, before: not type(media).objects.filter(pk=media.pk).exists(),
    ),
    "upload_image": Action(
        "post",
        lambda w, collection: reverse("wagtailimages:add"),
        data=image_upload,
        state=media_count,
        done=lambda w, collection, before: media_count(w, collection)[0] == before[0] + 1,
    ),
    "report_csv": Action("get", lambda w, page: public_url(page) + "csv/"),
    "download": Action("get", lambda w, document: fresh(document).url),
    "kit_item": Action(
        "get", lambda w, page: public_url(page) + f"kit/{fresh(page).kit_items.get().pk}/"
    ),
    # Snippets and model viewsets of the admin.
    "admin_list": Action("get", lambda w, name: reverse(name)),
    "get": Action("get", lambda w, path: path),
    "admin_edit_form": Action("get", lambda w, obj: snippet_url(obj, "edit")),
    "admin_edit": Action(
        "post",
        lambda w, obj: snippet_url(obj, "edit"),
        data=admin_edit_data,
        state=model_state,
        done=admin_edited,
    ),
    "admin_delete": Action(
        "post",
        lambda w, obj: snippet_url(obj, "delete"),
        state=lambda w, obj: type(obj)._default_manager.filter(pk=obj.pk).exists(),
        done=lambda w, obj, before: not type(obj)._default_manager.filter(pk=obj.pk).exists(),
    ),
    # The partners' wall and relay requests (routes of the wall page).
    "wall_post": Action(
        "post",
        lambda w, wall: wall_url(fresh(wall), "post_card"),
        data=lambda w, wall: card_form(NEW_TITLE),
        state=new_card_status,
        done=lambda w, wall, before: new_card_status(w, wall) == WallCardStatus.PUBLISHED,
        held=lambda w, wall, before: new_card_status(w, wall) == WallCardStatus.PENDING,
    ),
    "wall_screen": Action("get", lambda w, route: wall_url(fresh(w.wall), route)),
    "card_edit_form": Action("get", card_url("edit_card")),
    "card_edit": Action(
        "post",
        card_url("edit_card"),
        data=lambda w, card: card_form(NEW_TITLE),
        state=model_state,
        done=lambda w, card, before: fresh(card).title == NEW_TITLE and fresh(card).is_published,
        held=lambda w, card, before: fresh(card).title == NEW_TITLE and fresh(card).is_pending,
    ),
    "card_withdraw": Action(
        "post",
        card_url("withdraw_card"),
        state=model_state,
        done=lambda w, card, before: fresh(card).status == WallCardStatus.WITHDRAWN,
    ),
    "card_image": Action(
        "get", lambda w, card: wall_url(fresh(w.wall), "card_file", card.pk, "image")
    ),
    "relay_file": Action(
        "get", lambda w, relay: wall_url(fresh(w.wall), "relay_request_file", relay.pk)
    ),
    # The evaluation: one action's grid of indicator values for 2025.
    "entry_grid": Action("get", grid_url),
    "validate": Action(
        "post",
        lambda w, value: reverse("evaluation_pending"),
        data=lambda w, value: {"valider": value.pk, f"version-{value.pk}": fresh(value).version},
        state=lambda w, value: fresh(value).status,
        done=lambda w, value, before: fresh(value).status == ValueStatus.VALIDATED,
    ),
    "value_history": Action(
        "get", lambda w, indicator: reverse("evaluation_entry_history", args=[indicator.pk])
    ),
    "enter_values": Action(
        "post",
        grid_url,
        data=grid_row,
        state=sheet_values,
        done=value_status(ValueStatus.VALIDATED),
        held=value_status(ValueStatus.PENDING),
    ),
}


def resolve(w, name):
    """An object of the world by its name in the table; or, after a prefix, a URL name (url:),
    an address (path:) or a route of the wall (route:)."""
    for prefix in ("url:", "path:", "route:"):
        if name.startswith(prefix):
            return name.removeprefix(prefix)
    return getattr(w, name)
