"""Forms of relay requests: a member's request from the wall, the coordination's decision.

A request is written in a plain form by a partner: its details are cleaned with nh3
(home/sanitize.py) before they are saved, its attachment goes through the same checks as every
upload outside Wagtail's forms (partners/uploads.py), and its campaign can only be one of the
live campaigns offered (a tampered id is a form error, never another page).
"""

import datetime
import html

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.formats import date_format
from wagtail.admin.forms import WagtailAdminModelForm

from home.sanitize import clean_html, plain_text

from .forms import clean_line
from .models import RelayRequest, RelayStatus
from .uploads import validate_upload
from .wall_forms import ChoiceList

# Documents a coordination can relay or put in a kit, and pictures for the networks.
DOCUMENT_EXTENSIONS = ["pdf", "docx", "odt", "pptx", "odp", "xlsx", "ods", "txt"]
IMAGE_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]
ATTACHMENT_EXTENSIONS = DOCUMENT_EXTENSIONS + IMAGE_EXTENSIONS
MAX_MESSAGE = 3000
# What the details may weigh as sent, markup included, before they are even cleaned.
MAX_MESSAGE_SENT = 4 * MAX_MESSAGE
# The furthest ahead a relay can be wanted: the coordination plans a year at most.
MAX_NOTICE = datetime.timedelta(days=366)


def live_campaigns():
    from events.models import CampaignPage

    return CampaignPage.objects.live().order_by("-start_date", "title")


class CampaignChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.title} ({date_format(obj.start_date, 'F Y')})"


class RelayRequestForm(forms.ModelForm):
    """What a member asks the coordination to relay, from the wall (/reseau/relais/)."""

    message = forms.CharField(
        label="Détails",
        widget=forms.Textarea(attrs={"rows": 8, "maxlength": MAX_MESSAGE}),
        help_text="Le texte à diffuser, ou ce qu'il faut en dire : dates, lieu, public, "
        "contact. 3 000 caractères au plus.",
    )
    link = forms.URLField(
        label="Lien",
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text="La page où en savoir plus. Ex. https://www.exemple.fr/atelier",
        error_messages={"invalid": "Saisissez une adresse web complète, ex. https://exemple.fr"},
    )
    campaign = CampaignChoiceField(
        label="Campagne concernée",
        queryset=None,  # the live campaigns, read when the form is built
        required=False,
        empty_label="— Aucune —",
        help_text="Pour proposer ce support au kit de communication d'une campagne : joignez "
        "alors le fichier. La coordination le relit avant de l'ajouter.",
        error_messages={
            "invalid_choice": "Cette campagne n'existe pas ou n'est plus en ligne : "
            "choisissez-en une dans la liste."
        },
    )

    class Meta:
        model = RelayRequest
        fields = ["subject", "message", "audience", "wanted_by", "link", "attachment", "campaign"]
        labels = {
            "subject": "Quoi",
            "audience": "À qui s'adresse l'information",
            "wanted_by": "À relayer avant le",
            "attachment": "Pièce jointe",
        }
        help_texts = {
            "subject": "En une ligne. Ex. « Atelier mémoire à Clamecy le 12 mars ».",
            "wanted_by": "La date à laquelle l'information doit être diffusée au plus tard.",
        }
        widgets = {
            # The error summary's link lands on the first choice (partners/wall_forms.py).
            "audience": ChoiceList,
            "wanted_by": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()
        self.fields["campaign"].queryset = live_campaigns()
        wanted_by = self.fields["wanted_by"]
        wanted_by.required = True
        wanted_by.error_messages["invalid"] = "Saisissez une date valide, ex. 15/03/2027."
        wanted_by.error_messages["required"] = "Indiquez avant quelle date relayer l'information."
        wanted_by.widget.attrs.update(
            min=self.today.isoformat(), max=(self.today + MAX_NOTICE).isoformat()
        )
        attachment = self.fields["attachment"]
        attachment.widget = forms.FileInput(
            attrs={"accept": ",".join(f".{extension}" for extension in ATTACHMENT_EXTENSIONS)}
        )
        attachment.help_text = (
            "Affiche, flyer, visuel : PDF, DOCX, ODT, PPTX, ODP, XLSX, ODS, TXT, ou image "
            f"JPEG, PNG, WebP ; {filesizeformat(settings.WAGTAILDOCS_MAX_UPLOAD_SIZE)} au plus."
        )

    def clean_subject(self):
        subject = clean_line(self.cleaned_data.get("subject"))
        if not subject:
            raise forms.ValidationError("Dites en une ligne ce qu'il faut relayer.")
        return subject

    def clean_message(self):
        sent = self.cleaned_data.get("message") or ""
        if len(sent) > MAX_MESSAGE_SENT:
            raise self.too_long(len(sent))
        message = clean_html(sent.replace("\x00", ""))
        text = html.unescape(plain_text(message)).strip()
        if not text:
            raise forms.ValidationError(
                "Écrivez ce qu'il faut relayer : le texte est vide.", code="required"
            )
        if len(text) > MAX_MESSAGE:
            raise self.too_long(len(text))
        return message

    @staticmethod
    def too_long(length):
        return forms.ValidationError(
            "Le texte fait %(length)s caractères : %(max)s au plus. Raccourcissez-le, ou "
            "joignez le texte complet en pièce jointe.",
            code="max_length",
            params={"length": length, "max": "3 000"},
        )

    def clean_wanted_by(self):
        wanted_by = self.cleaned_data.get("wanted_by")
        if wanted_by is None:
            return None
        if wanted_by < self.today:
            raise forms.ValidationError(
                "Cette date est passée : choisissez une date à partir d'aujourd'hui."
            )
        if wanted_by > self.today + MAX_NOTICE:
            raise forms.ValidationError(
                "Choisissez une date dans l'année qui vient (jusqu'au %(last)s).",
                params={"last": date_format(self.today + MAX_NOTICE, "j F Y")},
            )
        return wanted_by

    def clean_attachment(self):
        attachment = self.cleaned_data.get("attachment")
        if attachment and "attachment" in self.changed_data:
            validate_upload(attachment, ATTACHMENT_EXTENSIONS, settings.WAGTAILDOCS_MAX_UPLOAD_SIZE)
        return attachment

    def save_for(self, user, structure):
        request = self.save(commit=False)
        request.requested_by = user
        request.structure = structure
        request.status = RelayStatus.NEW
        request.save()
        return request


class RelayDecisionForm(WagtailAdminModelForm):
    """The coordination's decision: relayed or declined, with a note for the partner."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].widget = forms.RadioSelect(choices=RelayStatus.choices)
        self.fields["note"].widget = forms.Textarea(attrs={"rows": 5})

    def clean_note(self):
        return (self.cleaned_data.get("note") or "").replace("\x00", "").strip()

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("status") == RelayStatus.DECLINED and not cleaned_data.get("note"):
            self.add_error(
                "note",
                "Dites au partenaire pourquoi sa demande n'est pas relayée : la note lui est "
                "envoyée.",
            )
        return cleaned_data
