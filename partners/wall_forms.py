"""Forms of the partners' wall: a card, the filters of the wall, a member's preferences.

Cards are written by partners in a plain form, outside Wagtail's editor: the text is cleaned
(home.sanitize) before it is stored, and every file goes through the site's upload checks
(partners.uploads): extension allow-list, weight, then content (an image's pixel count is read
from its header before anything is decoded; a document must be what its extension says).
"""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from home.models import Theme
from home.sanitize import clean_html, plain_text

from .forms import clean_line
from .models import MemberPreferences, WallCard, WallCardKind
from .uploads import validate_upload

IMAGE_EXTENSIONS = {"jpg", "jpeg", "png", "webp"}
IMAGE_MAX_SIZE = 5 * 1024 * 1024
ATTACHMENT_EXTENSIONS = {"pdf", "docx", "odt", "pptx", "odp", "xlsx", "ods", "csv", "txt"}


class ChoiceList(forms.RadioSelect):
    """Radio buttons whose "label" is the first choice: the error summary's link lands there."""

    def id_for_label(self, id_, index="0"):
        return super().id_for_label(id_, index)


class CheckboxList(forms.CheckboxSelectMultiple):
    def id_for_label(self, id_, index="0"):
        return super().id_for_label(id_, index)


def https_by_default(model_field, **kwargs):
    # A link typed without a scheme ("www.exemple.fr") is read as https, not http.
    if isinstance(model_field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return model_field.formfield(**kwargs)


def attachment_max_size():
    # Read at each upload, so that a deployment (or a test) may change it.
    return settings.WAGTAILDOCS_MAX_UPLOAD_SIZE


class WallCardForm(forms.ModelForm):
    """Posting or editing a card. Files are plain FileFields: Django's ImageField would decode
    the whole picture before our checks could refuse a decompression bomb."""

    image = forms.FileField(
        label="Image",
        required=False,
        help_text="JPEG, PNG ou WebP, 5 Mo au plus.",
        widget=forms.ClearableFileInput(attrs={"accept": ".jpg,.jpeg,.png,.webp"}),
    )
    attachment = forms.FileField(
        label="Pièce jointe",
        required=False,
        widget=forms.ClearableFileInput(
            attrs={"accept": ",".join(f".{ext}" for ext in sorted(ATTACHMENT_EXTENSIONS))}
        ),
    )
    expires_on = forms.DateField(
        label="Visible jusqu'au",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "invalid": "Saisissez une date valide, au format jj/mm/aaaa.",
            "required": "Indiquez jusqu'à quand la carte reste visible.",
        },
    )

    class Meta:
        model = WallCard
        formfield_callback = https_by_default
        fields = [
            "kind",
            "title",
            "text",
            "link",
            "image",
            "image_alt",
            "attachment",
            "themes",
            "expires_on",
        ]
        labels = {
            "kind": "Type de carte",
            "title": "Titre",
            "text": "Texte",
            "link": "Lien",
            "image_alt": "Description de l'image (texte alternatif)",
            "themes": "Thématiques",
        }
        help_texts = {
            "title": "120 caractères au plus.",
            "text": "3 000 caractères au plus. Mise en forme simple : paragraphes, listes, "
            "liens ; le reste est retiré.",
            "link": "Adresse complète, ex. https://www.exemple.fr/programme",
            "image_alt": "Obligatoire avec une image : ce qu'elle montre, pour les personnes "
            "qui ne la voient pas.",
        }
        widgets = {
            "kind": ChoiceList,
            "text": forms.Textarea(attrs={"rows": 8}),
            "link": forms.URLInput(attrs={"placeholder": "https://"}),
            "themes": CheckboxList,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = timezone.localdate()
        self.fields["kind"].choices = WallCardKind.choices
        self.fields["themes"].queryset = Theme.objects.order_by("name")
        self.fields["themes"].required = False
        self.fields["attachment"].help_text = (
            "PDF, Word, OpenDocument, PowerPoint, Excel, CSV ou texte ; "
            f"{attachment_max_size() // (1024 * 1024)} Mo au plus."
        )
        # The browser checks the length too, but the message below is the clear one.
        self.fields["text"].widget.attrs.pop("maxlength", None)
        self.fields["text"].max_length = None
        self.fields["text"].validators = []
        self.fields[
            "expires_on"
        ].help_text = (
            "Au plus tard un an après aujourd'hui ; la carte disparaît du mur le lendemain."
        )
        self.fields["expires_on"].widget.attrs.update(
            {
                "min": self.today.isoformat(),
                "max": (self.today + WallCard.MAX_LIFETIME).isoformat(),
            }
        )
        if not self.instance.pk and not self.is_bound:
            self.initial.setdefault("expires_on", self.today + WallCard.DEFAULT_LIFETIME)
        self.fields["title"].error_messages["required"] = "Donnez un titre à votre carte."
        self.fields["text"].error_messages["required"] = "Écrivez le texte de votre carte."
        self.fields["kind"].error_messages["required"] = "Choisissez le type de carte."
        self.fields["link"].error_messages["invalid"] = (
            "Saisissez une adresse web complète, commençant par https://"
        )

    def clean_title(self):
        title = clean_line(self.cleaned_data.get("title"))
        if not title:
            raise ValidationError("Donnez un titre à votre carte.", code="required")
        return title

    def clean_text(self):
        text = self.cleaned_data.get("text") or ""
        if len(text) > WallCard.MAX_TEXT:
            raise ValidationError(
                "Ce texte compte %(length)s caractères : %(max)s au plus. Raccourcissez-le ou "
                "mettez le détail dans une pièce jointe.",
                code="max_length",
                params={"length": f"{len(text):,}".replace(",", " "), "max": "3 000"},
            )
        cleaned = clean_html(text)
        if not plain_text(cleaned).strip():
            raise ValidationError("Écrivez le texte de votre carte.", code="required")
        return cleaned

    def clean_expires_on(self):
        date = self.cleaned_data.get("expires_on")
        if date is None:
            return date
        latest = self.today + WallCard.MAX_LIFETIME
        if date < self.today:
            raise ValidationError(
                "Cette date est passée : choisissez une date à partir d'aujourd'hui.",
                code="past",
            )
        if date > latest:
            raise ValidationError(
                "Une carte reste au plus un an sur le mur : choisissez une date avant le "
                "%(latest)s.",
                code="too_far",
                params={"latest": latest.strftime("%d/%m/%Y")},
            )
        return date

    def _clean_file(self, name, extensions, max_size):
        file = self.cleaned_data.get(name)
        if file and name in self.changed_data and hasattr(file, "content_type"):
            validate_upload(file, extensions, max_size)
        return file

    def clean_image(self):
        return self._clean_file("image", IMAGE_EXTENSIONS, IMAGE_MAX_SIZE)

    def clean_attachment(self):
        return self._clean_file("attachment", ATTACHMENT_EXTENSIONS, attachment_max_size())

    def clean_image_alt(self):
        return clean_line(self.cleaned_data.get("image_alt"))

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("image") and not cleaned_data.get("image_alt"):
            self.add_error(
                "image_alt",
                ValidationError(
                    "Décrivez l'image en quelques mots : ce texte la remplace pour les "
                    "personnes qui ne la voient pas.",
                    code="required",
                ),
            )
        if not cleaned_data.get("image") and "image_alt" in cleaned_data:
            cleaned_data["image_alt"] = ""
        return cleaned_data

    @property
    def files_to_send_again(self):
        """Files chosen in a form sent back with errors: a browser cannot keep them."""
        return [
            self.fields[name].label
            for name in ("image", "attachment")
            if self.files.get(self.add_prefix(name))
        ]


class WallFilterForm(forms.Form):
    """The wall's filters (GET). A value it does not know is ignored and named, never an error."""

    type = forms.ChoiceField(label="Type de carte", required=False)
    theme = forms.ChoiceField(label="Thématique", required=False)

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["type"].choices = [("", "Tous les types")] + WallCardKind.choices
        self.themes = {theme.slug: theme for theme in Theme.objects.order_by("name")}
        self.fields["theme"].choices = [("", "Toutes les thématiques")] + [
            (slug, theme.name) for slug, theme in self.themes.items()
        ]

    def filter(self, cards):
        self.is_valid()
        data = self.cleaned_data
        if data.get("type"):
            cards = cards.filter(kind=data["type"])
        theme = self.themes.get(data.get("theme") or "")
        if theme is not None:
            cards = cards.filter(themes=theme)
        return cards

    @property
    def ignored_fields(self):
        return [self.fields[name].label for name in self.errors if name in self.fields]

    @property
    def is_active(self):
        return bool(self.is_valid() and any(self.cleaned_data.values()))


class PreferencesForm(forms.ModelForm):
    class Meta:
        model = MemberPreferences
        fields = ["weekly_digest"]
        labels = {"weekly_digest": "Recevoir la lettre hebdomadaire du réseau"}
        help_texts = {
            "weekly_digest": "Chaque semaine, par courriel : les nouvelles cartes du mur, les "
            "événements des deux semaines à venir et les appels à projets ouverts."
        }
