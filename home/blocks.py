"""StreamField blocks for editorial pages.

Each block renders through its own small template in templates/components/blocks/ and is
accessible by construction: headings keep their level, images carry a text alternative,
videos come with a plain link and a transcript, documents announce their format and size.
"""

import re
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

from .embeds import consent_embed_html

# Headings come from HeadingBlock, so the outline of a page stays under the editor's control.
RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]

# "IMG_2041.jpg", "photo-3.png", "DSC0001": a file name is not a text alternative.
FILE_NAME_PATTERN = re.compile(
    r"^([\w\-]+\.(jpe?g|png|webp|gif)|(img|dsc|dscn|photo|image)[\W_]*\d+)$", re.IGNORECASE
)


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label="Texte de l'intertitre", max_length=120)
    level = blocks.ChoiceBlock(
        label="Niveau",
        choices=[("h2", "Niveau 2 (section)"), ("h3", "Niveau 3 (sous-section)")],
        default="h2",
        help_text="Le titre de la page est de niveau 1 ; commencez vos sections au niveau 2.",
    )

    class Meta:
        icon = "title"
        label = "Intertitre"
        template = "components/blocks/heading_block.html"
        description = "Un titre de section, de niveau 2 ou 3, qui structure la page."


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        label = "Paragraphe"
        template = "components/blocks/paragraph_block.html"
        description = "Du texte mis en forme : gras, italique, listes et liens."


class IllustrationBlock(blocks.StructBlock):
    image = ImageChooserBlock(label="Image")
    alt_text = blocks.CharBlock(
        label="Texte alternatif",
        max_length=250,
        help_text=(
            "Décrivez ce que l'image apporte au propos, pour les personnes qui ne la voient "
            "pas (ex. « Stand de dépistage sur le marché de Clamecy »)."
        ),
    )
    caption = blocks.CharBlock(label="Légende", required=False, max_length=250)
    credit = blocks.CharBlock(label="Crédit", required=False, max_length=120)

    def clean(self, value):
        value = super().clean(value)
        alt_text = value.get("alt_text", "").strip()
        if FILE_NAME_PATTERN.match(alt_text):
            raise StructBlockValidationError(
                block_errors={
                    "alt_text": ValidationError(
                        "Ce texte ressemble à un nom de fichier : décrivez plutôt l'image."
                    )
                }
            )
        return value

    class Meta:
        icon = "image"
        label = "Image"
        template = "components/blocks/illustration_block.html"
        description = "Une image avec son texte alternatif, une légende et un crédit."


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label="Titre", max_length=120)
    text = blocks.TextBlock(label="Texte", required=False, max_length=400)
    page = blocks.PageChooserBlock(label="Page du site", required=False)
    url = blocks.URLBlock(label="ou adresse externe", required=False)
    button_label = blocks.CharBlock(
        label="Texte du bouton",
        max_length=60,
        help_text="Dites où mène le bouton (« Consulter l'agenda »), jamais « Cliquez ici ».",
    )

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            message = "Choisissez une page du site ou une adresse externe (l'une ou l'autre)."
            raise StructBlockValidationError(
                block_errors={"page": ValidationError(message), "url": ValidationError(message)}
            )
        return value

    class Meta:
        icon = "link"
        label = "Appel à l'action"
        template = "components/blocks/call_to_action_block.html"
        description = "Un encadré qui invite à une action, avec un bouton vers une page ou un site."


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label="Citation", max_length=800)
    attribution = blocks.CharBlock(label="Auteur ou autrice", required=False, max_length=120)
    role = blocks.CharBlock(
        label="Fonction ou structure",
        required=False,
        max_length=160,
        help_text="Ex. « Infirmière coordinatrice, maison de santé de Lormes ».",
    )

    class Meta:
        icon = "openquote"
        label = "Citation"
        template = "components/blocks/quote_block.html"
        description = "Un témoignage ou une parole d'acteur, avec son attribution."


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label="Document")
    title = blocks.CharBlock(
        label="Intitulé",
        required=False,
        max_length=160,
        help_text="Laissez vide pour reprendre le titre du document.",
    )

    class Meta:
        icon = "doc-full"
        label = "Document"


class DocumentLinksBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label="Titre de la liste", required=False, max_length=120)
    documents = blocks.ListBlock(DocumentLinkBlock(), label="Documents", min_num=1)

    class Meta:
        icon = "doc-full-inverse"
        label = "Documents à télécharger"
        template = "components/blocks/document_links_block.html"
        description = "Une liste de documents à télécharger, avec leur format et leur poids."


class VideoBlock(blocks.StructBlock):
    title = blocks.CharBlock(
        label="Titre de la vidéo",
        max_length=160,
        help_text="Il sert de texte au lien vers la vidéo.",
    )
    url = blocks.URLBlock(
        label="Adresse de la vidéo",
        help_text="Page de la vidéo sur PeerTube, YouTube, Vimeo ou Dailymotion.",
    )
    transcript = blocks.RichTextBlock(
        label="Transcription",
        required=False,
        features=RICH_TEXT_FEATURES,
        help_text=(
            "Le texte de la vidéo, pour les personnes sourdes ou qui ne peuvent pas l'écouter."
        ),
    )

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["embed_html"] = consent_embed_html(value["url"])
        context["provider"] = (urlsplit(value["url"]).hostname or "").removeprefix("www.")
        return context

    class Meta:
        icon = "media"
        label = "Vidéo"
        template = "components/blocks/video_block.html"
        description = (
            "Une vidéo hébergée ailleurs : un lien simple, et le lecteur seulement si le "
            "visiteur l'accepte."
        )


class KeyFigureBlock(blocks.StructBlock):
    value = blocks.CharBlock(label="Chiffre", max_length=20, help_text="Ex. « 52 » ou « 4 200 ».")
    label = blocks.CharBlock(label="Ce qu'il compte", max_length=120)
    source = blocks.CharBlock(label="Source", required=False, max_length=160)

    class Meta:
        icon = "order"
        label = "Chiffre clé"


class KeyFiguresBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label="Titre", default="Le contrat en chiffres", max_length=120)
    figures = blocks.ListBlock(KeyFigureBlock(), label="Chiffres", min_num=1, max_num=8)

    class Meta:
        icon = "table"
        label = "Chiffres clés"
        template = "components/blocks/key_figures_block.html"
        description = "Quelques chiffres marquants, présentés en liste lisible par tous."


class QuickLinkBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(label="Page")
    title = blocks.CharBlock(
        label="Intitulé",
        required=False,
        max_length=80,
        help_text="Laissez vide pour reprendre le titre de la page.",
    )
    text = blocks.CharBlock(label="Description courte", required=False, max_length=160)

    class Meta:
        icon = "link"
        label = "Accès rapide"


class QuickLinksBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label="Titre", max_length=120)
    links = blocks.ListBlock(QuickLinkBlock(), label="Liens", min_num=1, max_num=8)

    class Meta:
        icon = "list-ul"
        label = "Accès rapides"
        template = "components/blocks/quick_links_block.html"
        description = "Des cartes qui mènent vers les pages les plus utiles."


class ContentStreamBlock(blocks.StreamBlock):
    """The blocks of an editorial page."""

    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    image = IllustrationBlock()
    call_to_action = CallToActionBlock()
    quote = QuoteBlock()
    documents = DocumentLinksBlock()
    video = VideoBlock()


class HomeStreamBlock(ContentStreamBlock):
    """The home page adds entry points and figures to the editorial blocks."""

    quick_links = QuickLinksBlock()
    key_figures = KeyFiguresBlock()


class SocialLinkValue(blocks.StructValue):
    @property
    def network_label(self):
        return dict(self.block.child_blocks["network"].field.choices).get(self.get("network"), "")


class SocialLinkBlock(blocks.StructBlock):
    network = blocks.ChoiceBlock(
        label="Réseau",
        choices=[
            ("mastodon", "Mastodon"),
            ("peertube", "PeerTube"),
            ("linkedin", "LinkedIn"),
            ("facebook", "Facebook"),
            ("instagram", "Instagram"),
            ("youtube", "YouTube"),
            ("newsletter", "Lettre d'information"),
            ("other", "Autre"),
        ],
    )
    url = blocks.URLBlock(label="Adresse")
    label = blocks.CharBlock(
        label="Intitulé",
        required=False,
        max_length=60,
        help_text="Laissez vide pour afficher le nom du réseau.",
    )

    class Meta:
        icon = "site"
        label = "Lien vers un réseau social"
        value_class = SocialLinkValue
