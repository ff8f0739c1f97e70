"""Video embeds that load nothing from a third party until the visitor asks for them.

Wagtail's embed finders turn a video URL into the provider's player HTML (fetched once on the
server, then kept in the Embed table). The page only carries that HTML inside a <template>
element: the visitor's browser contacts the provider after a click, never on page load.
"""

from django.core.cache import cache
from wagtail.embeds.embeds import get_embed, get_embed_hash
from wagtail.embeds.exceptions import EmbedException

# A provider that cannot be reached is not asked again for this long.
FAILURE_TTL = 60 * 60

# Same player, without YouTube's tracking cookies.
PRIVACY_HOSTS = {
    "https://www.youtube.com/embed/": "https://www.youtube-nocookie.com/embed/",
}


def consent_embed_html(url):
    """The provider's player HTML for `url`, or "" when it cannot be had (link only)."""
    failure_key = f"embed-failed:{get_embed_hash(url)}"
    if cache.get(failure_key):
        return ""
    try:
        embed = get_embed(url)
    except (EmbedException, OSError, ValueError):
        cache.set(failure_key, True, FAILURE_TTL)
        return ""
    html = embed.html
    for tracking_host, private_host in PRIVACY_HOSTS.items():
        html = html.replace(tracking_host, private_host)
    return html
