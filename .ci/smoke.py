"""Smoke test of a running Maillage: public pages answer in French, demo accounts log in.

Usage: python .ci/smoke.py http://127.0.0.1:8765 [password]
Standard library only, so that it checks the server from the outside, as a browser would.
"""

import http.cookiejar
import re
import sys
import urllib.error
import urllib.parse
import urllib.request

ACCOUNTS = ["coordination", "communication", "partenaire1", "partenaire2"]


def fetch(opener, url, data=None):
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    request = urllib.request.Request(url, data=body, headers={"Referer": url})
    try:
        with opener.open(request, timeout=30) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


def check(condition, message):
    if not condition:
        sys.exit(f"smoke: FAILED — {message}")
    print(f"smoke: ok — {message}")


def main(base, password="Maillage-demo-2026"):
    opener = urllib.request.build_opener()
    status, _, html = fetch(opener, f"{base}/")
    check(status == 200 and '<html lang="fr">' in html, "home page answers 200 in French")
    check("Pays des Quatre Rivières" in html, "home page shows the demo territory")
    stylesheet = re.search(r'href="([^"]+\.css)"', html).group(1)
    status, headers, _ = fetch(opener, urllib.parse.urljoin(base, stylesheet))
    check(status == 200 and "text/css" in headers["Content-Type"], f"stylesheet {stylesheet}")
    for path, expected in [
        ("/contrat-local-de-sante/", 200),
        ("/sitemap.xml", 200),
        ("/robots.txt", 200),
        ("/recherche/?q=sant%C3%A9", 200),
        ("/page-inexistante/", 404),
        ("/structures/", 200),
        ("/structures/?theme=addictions&lieu=clamecy&ouvert=1&page=abc", 200),
        ("/structures/carte/", 200),
        ("/structures/carte/donnees/", 200),
        ("/structures/devenir-partenaire/", 200),
        ("/structures/export/csv/", 200),
        ("/structures/export/data-inclusion/", 200),
        ("/api/v2/pages/?type=partners.StructurePage", 200),
        ("/api/v2/images/", 404),
        ("/agenda/", 200),
        ("/agenda/?theme=addictions&commune=clamecy&gratuit=1&page=abc", 200),
        ("/agenda/?du=2026-13-45&au=hier", 200),
        ("/agenda/mois/", 200),
        ("/agenda/mois/?mois=2026-99", 200),
        ("/agenda/archives/", 200),
        ("/agenda/ics/", 200),
        ("/agenda/rss/", 200),
    ]:
        status, _, _ = fetch(opener, f"{base}{path}")
        check(status == expected, f"{path} answers {expected}")

    # A structure page of the demo, and the map library served from our own static files.
    _, _, directory = fetch(opener, f"{base}/structures/")
    directory_routes = "carte/|devenir-partenaire/|export/"
    structure = re.search(
        rf'href="(/structures/(?!{directory_routes})[a-z0-9-]+/)"', directory
    ).group(1)
    status, _, _ = fetch(opener, f"{base}{structure}")
    check(status == 200, f"structure page {structure} answers 200")
    _, _, map_page = fetch(opener, f"{base}/structures/carte/")
    leaflet = re.search(r'src="([^"]*vendor/leaflet/[^"]+\.js)"', map_page).group(1)
    status, headers, _ = fetch(opener, urllib.parse.urljoin(base, leaflet))
    check(status == 200 and "javascript" in headers["Content-Type"], f"map library {leaflet}")

    # The agenda advertises its feeds; one event of the demo, and its "Ajouter à mon agenda".
    _, _, agenda = fetch(opener, f"{base}/agenda/")
    check('type="text/calendar"' in agenda, "agenda advertises its iCalendar feed")
    for path, content_type, start in [
        ("/agenda/ics/", "text/calendar", "BEGIN:VCALENDAR"),
        ("/agenda/rss/", "xml", "<?xml"),
    ]:
        _, headers, body = fetch(opener, f"{base}{path}")
        check(
            content_type in headers["Content-Type"] and body.startswith(start),
            f"{path} is {content_type}",
        )
    own_routes = "mois/|archives/|ics/|rss/"
    event = re.search(
        rf'href="(/agenda/(?!{own_routes})[a-z0-9-]+/|/structures/[a-z0-9-]+/[a-z0-9-]+/)"', agenda
    ).group(1)
    status, _, _ = fetch(opener, f"{base}{event}")
    check(status == 200, f"event page {event} answers 200")
    status, headers, body = fetch(opener, f"{base}{event}ics/")
    check(
        status == 200 and "text/calendar" in headers["Content-Type"] and "BEGIN:VEVENT" in body,
        f"event calendar {event}ics/",
    )

    for username in ACCOUNTS:
        jar = http.cookiejar.CookieJar()
        session = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        fetch(session, f"{base}/admin/login/")
        token = next(cookie.value for cookie in jar if cookie.name == "csrftoken")
        status, _, html = fetch(
            session,
            f"{base}/admin/login/",
            {"username": username, "password": password, "csrfmiddlewaretoken": token},
        )
        logged_in = status == 200 and 'id="id_password"' not in html
        check(logged_in, f"{username} logs into /admin/")


if __name__ == "__main__":
    main(*sys.argv[1:])
