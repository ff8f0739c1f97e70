"""Helpers of the browser journeys (tests/e2e/test_journeys_*.py): accounts that log in for real,
and Wagtail's page editor watched while a journey types in it."""

from partners.accounts import add_member, open_partner_space
from tests.conftest import create_user

PASSWORD = "Maillage-2026!Test"  # the test accounts', CNIL-compliant (12 characters, 4 kinds)
# Wagtail 8 autosaves the editor's form this long after the last change (WAGTAIL_AUTOSAVE_INTERVAL).
AUTOSAVE_DELAY_MS = 500
SETTLE_TIMEOUT_MS = 10_000


def member(username, *groups, structure=None):
    """An active user of those groups (a member of `structure`) who logs in with PASSWORD."""
    user = create_user(username, *groups)
    user.set_password(PASSWORD)
    user.save(update_fields=["password"])
    if structure is not None:
        add_member(open_partner_space(structure), user)
    return user


class Editor:
    """Watches the background requests of Wagtail's page editor in `page`.

    The editor autosaves the form half a second after each change and keeps its editing session
    alive: those requests write to the database while the journey goes on. `settle()` waits for
    them to end before a button that saves (Publier, Soumettre), as a user who sees "Enregistré"
    would: an autosave that creates the page while "Publier" posts the add form would race it.
    (Two requests writing at once on SQLite: test_journeys_editing_at_once.py.)

    While a required field is still empty, an autosave is answered 400 (JSON) and Chromium logs
    it as a console error; `forget_autosave_refusals()` takes those, and only those, off the
    page's errors.
    """

    def __init__(self, page):
        self.page = page
        self.in_flight = set()
        self.refused_autosaves = []
        page.on("request", self._started)
        page.on("requestfinished", self._ended)
        page.on("requestfailed", self._ended)
        page.on("response", self._answered)

    def _started(self, request):
        if request.method == "POST" and request.resource_type in ("fetch", "xhr"):
            self.in_flight.add(request)

    def _ended(self, request):
        self.in_flight.discard(request)

    def _answered(self, response):
        if (
            response.request.method == "POST"
            and response.request.resource_type in ("fetch", "xhr")
            and response.status == 400
            and response.headers.get("content-type") == "application/json"
            and "/admin/pages/" in response.url
        ):
            self.refused_autosaves.append(response.url)

    def settle(self):
        """Let the autosave of the last change start, then wait for every background write.

        The field being typed in is left first: its change event, which the autosave listens
        to, fires only then (else it fires when the user's next click takes the focus away).
        """
        self.page.evaluate("document.activeElement && document.activeElement.blur()")
        self.page.wait_for_timeout(AUTOSAVE_DELAY_MS + 250)
        waited = 0
        while self.in_flight:
            assert waited < SETTLE_TIMEOUT_MS, f"Requêtes sans réponse : {self.in_flight}"
            self.page.wait_for_timeout(50)
            waited += 50

    def forget_autosave_refusals(self):
        errors = self.page.errors
        for url in self.refused_autosaves:
            logged = f"status of 400 (Bad Request) ({url})"
            found = [error for error in errors if error.endswith(logged)]
            if found:
                errors.remove(found[0])
