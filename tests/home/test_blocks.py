"""Editorial blocks: what editors must provide, and what visitors get."""

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed

from home.blocks import CallToActionBlock, ContentStreamBlock, IllustrationBlock, VideoBlock

from .factories import DocumentFactory, ImageFactory, StandardPageFactory

pytestmark = pytest.mark.django_db

VIDEO_URL = "https://www.youtube.com/watch?v=abcdefghijk"


def illustration(image, alt_text):
    block = IllustrationBlock()
    return block, block.to_python(
        {"image": image.pk, "alt_text": alt_text, "caption": "", "credit": ""}
    )


def test_image_without_alt_text_is_refused():
    block, value = illustration(ImageFactory(), "")

    with pytest.raises(ValidationError):
        block.clean(value)


@pytest.mark.parametrize("alt_text", ["IMG_2041.jpg", "DSC0001", "photo-3.png", "image 12"])
def test_image_with_a_file_name_as_alt_text_is_refused(alt_text):
    block, value = illustration(ImageFactory(), alt_text)

    with pytest.raises(ValidationError) as error:
        block.clean(value)
    assert "nom de fichier" in str(error.value.block_errors["alt_text"])


def test_image_renders_with_its_alt_text_caption_and_credit():
    block, value = illustration(ImageFactory(), "Stand de dépistage sur le marché")
    value["caption"] = "Journée du dépistage"
    value["credit"] = "Ville de Clamecy"

    html = block.render(block.clean(value))

    assert 'alt="Stand de dépistage sur le marché"' in html
    assert "<figcaption" in html and "Journée du dépistage" in html
    assert "© Ville de Clamecy" in html
    assert 'loading="lazy"' in html and "srcset=" in html


def test_call_to_action_needs_exactly_one_target(home_page):
    block = CallToActionBlock()
    base = {"title": "Agir", "text": "", "button_label": "Voir l'agenda"}

    with pytest.raises(ValidationError):
        block.clean(block.to_python({**base, "page": None, "url": ""}))
    with pytest.raises(ValidationError):
        block.clean(block.to_python({**base, "page": home_page.pk, "url": "https://exemple.org"}))
    assert block.clean(block.to_python({**base, "page": home_page.pk, "url": ""}))
    assert block.clean(block.to_python({**base, "page": None, "url": "https://exemple.org"}))


def test_call_to_action_to_an_unpublished_page_shows_no_dead_button(home_page):
    draft = StandardPageFactory(parent=home_page, live=False)
    block = CallToActionBlock()
    value = block.to_python(
        {"title": "Agir", "text": "", "page": draft.pk, "url": "", "button_label": "Y aller"}
    )

    assert "Y aller" not in block.render(value)


def test_document_links_announce_format_and_size():
    document = DocumentFactory(title="Plaquette du contrat")
    stream = ContentStreamBlock()
    value = stream.to_python(
        [
            {
                "type": "documents",
                "value": {"heading": "", "documents": [{"document": document.pk, "title": ""}]},
            }
        ]
    )

    html = stream.render(value)

    assert "Plaquette du contrat" in html
    assert "– PDF, 2,0\xa0Kio</span>" in html
    assert f'href="{document.url}"' in html


def test_video_loads_nothing_from_the_provider_until_asked():
    Embed.objects.create(
        url=VIDEO_URL,
        hash=get_embed_hash(VIDEO_URL),
        type="video",
        html='<iframe src="https://www.youtube.com/embed/abcdefghijk"></iframe>',
        provider_name="YouTube",
    )
    block = VideoBlock()
    value = block.to_python(
        {"title": "Le dépistage en 2 minutes", "url": VIDEO_URL, "transcript": ""}
    )

    html = block.render(value)

    # The player only exists inside an inert <template>, on the no-cookie domain.
    before_template = html.split("<template")[0]
    assert "<iframe" not in before_template
    assert "https://www.youtube-nocookie.com/embed/abcdefghijk" in html
    assert "data-video-consent hidden" in html
    link = f'<a href="{VIDEO_URL}" rel="noopener">Voir la vidéo « Le dépistage en 2 minutes »'
    assert f"{link} sur youtube.com</a>" in html


def test_video_falls_back_to_a_plain_link_when_the_provider_cannot_be_reached(monkeypatch):
    cache.clear()
    calls = []

    def unreachable(url, max_width=None, max_height=None):
        calls.append(url)
        from wagtail.embeds.exceptions import EmbedNotFoundException

        raise EmbedNotFoundException

    monkeypatch.setattr("home.embeds.get_embed", unreachable)
    block = VideoBlock()
    value = block.to_python(
        {
            "title": "Atelier nutrition",
            "url": "https://video.exemple.invalid/w/42",
            "transcript": "<p>Bonjour.</p>",
        }
    )

    first = block.render(value)
    block.render(value)

    assert "<template" not in first
    assert "Voir la vidéo « Atelier nutrition »" in first
    assert "Lire la transcription de la vidéo" in first
    assert len(calls) == 1, "an unreachable provider is not asked again on every render"
