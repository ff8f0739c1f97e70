"""What the news and the calls for projects' listings share: pages, a theme filter, French dates.

A listing never answers an error to a bad address: an unknown theme or a page that does not
exist is reported in a notice above the results, and the visitor sees the nearest thing.
"""

from django.core.paginator import Paginator

from home.models import Theme


def paginate(request, items, per_page):
    """(one page of `items`, a French notice or None) for the GET parameter `page`.

    A page number that is not one, or beyond the last page, shows the nearest page and says so;
    an empty parameter is no reason for a notice.
    """
    number = request.GET.get("page")
    page = Paginator(items, per_page).get_page(number)
    if number is None or not number.strip():
        return page, None
    try:
        asked_for = int(number)
    except ValueError:
        asked_for = None
    if asked_for == page.number:
        return page, None
    return page, f"Cette page de la liste n'existe pas : voici la page {page.number}."


class ThemeFilter:
    """The optional `theme` GET filter, offering the themes that some listed page carries.

    `pages` is the listing's queryset; `relation` names its themes field's reverse accessor on
    Theme (`news`, `calls_for_projects`). One query for the choices.
    """

    def __init__(self, request, pages, relation):
        self.choices = list(
            Theme.objects.filter(**{f"{relation}__in": pages.values("pk")})
            .distinct()
            .order_by("name")
        )
        asked = request.GET.get("theme", "").strip()
        self.selected = None
        self.notice = None
        if asked:
            self.selected = next((t for t in self.choices if t.slug == asked), None)
            if self.selected is None:
                shown = " ".join(asked.split())[:40]
                self.notice = (
                    f"La thématique « {shown} » n'est pas proposée ici : ce filtre a été ignoré."
                )

    def apply(self, pages):
        if self.selected is None:
            return pages
        return pages.filter(themes=self.selected)

    @property
    def slug(self):
        return self.selected.slug if self.selected else ""
