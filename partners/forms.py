"""Forms of partner accounts: the public request, the coordinator's decisions, members.

The decision forms do the work in `save()`, as Django's PasswordResetForm sends its e-mail:
approving a request creates (or links) the structure, its partner space and the user in one
transaction; adding a member creates or links the user; e-mails go once the data is committed.
"""

import re

from django import forms
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import slugify

from home.models import Commune

from . import notifications
from .accounts import add_member, open_partner_space
from .models import RESERVED_SLUGS, PartnerRequest, StructurePage

PHONE_RE = re.compile(r"^\+?[\d\s.()-]{6,30}$")


def clean_line(value):
    """One line of plain text: tags dropped, whitespace (and NUL bytes) collapsed."""
    return " ".join(strip_tags(value or "").replace("\x00", " ").split())


def clean_paragraphs(value):
    """Plain text that keeps its line breaks: tags dropped, each line trimmed."""
    lines = strip_tags(value or "").replace("\x00", " ").replace("\r\n", "\n").split("\n")
    text = "\n".join(" ".join(line.split()) for line in lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


class PartnerRequestForm(forms.ModelForm):
    """The public "Devenir partenaire" form.

    `website` is a honeypot: hidden from people (and from assistive technologies), a robot that
    fills it gets the thank-you page and nothing is saved.
    """

    HONEYPOT = "website"

    website = forms.CharField(
        label="Ne pas remplir ce champ",
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    class Meta:
        model = PartnerRequest
        fields = [
            "structure_name",
            "typology",
            "commune",
            "first_name",
            "last_name",
            "contact_role",
            "email",
            "phone",
            "message",
        ]
        labels = {
            "structure_name": "Nom de la structure",
            "typology": "Type de structure",
            "commune": "Commune de la structure",
            "first_name": "Votre prénom",
            "last_name": "Votre nom",
            "contact_role": "Votre fonction dans la structure",
            "email": "Votre adresse électronique",
            "phone": "Votre téléphone",
            "message": "Votre message",
        }
        help_texts = {
            "structure_name": "Ex. « CCAS de Clamecy », « Association Bouge ta santé ».",
            "commune": "Là où elle est installée ; laissez vide si elle n'a pas de local.",
            "email": "L'invitation à créer votre mot de passe y sera envoyée. "
            "Format attendu : nom@exemple.fr",
            "phone": "Ex. 03 86 00 00 00",
            "message": "Ce que fait votre structure, ce que vous souhaitez publier.",
        }
        widgets = {
            "structure_name": forms.TextInput(attrs={"autocomplete": "organization"}),
            "first_name": forms.TextInput(attrs={"autocomplete": "given-name"}),
            "last_name": forms.TextInput(attrs={"autocomplete": "family-name"}),
            "contact_role": forms.TextInput(attrs={"autocomplete": "organization-title"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
            "message": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        commune = self.fields["commune"]
        commune.queryset = Commune.objects.order_by("name")
        commune.empty_label = "— Choisir une commune —"
        self.fields["email"].error_messages["invalid"] = (
            "Saisissez une adresse électronique valide, au format nom@exemple.fr."
        )

    @property
    def is_spam(self):
        return bool(self.cleaned_data.get(self.HONEYPOT))

    def _clean_line(self, name):
        value = clean_line(self.cleaned_data.get(name))
        if not value and self.fields[name].required:
            raise forms.ValidationError("Ce champ ne peut pas être vide.", code="required")
        return value

    def clean_structure_name(self):
        return self._clean_line("structure_name")

    def clean_first_name(self):
        return self._clean_line("first_name")

    def clean_last_name(self):
        return self._clean_line("last_name")

    def clean_contact_role(self):
        return self._clean_line("contact_role")

    def clean_email(self):
        return get_user_model().objects.normalize_email(self.cleaned_data["email"].strip())

    def clean_phone(self):
        phone = self._clean_line("phone")
        if phone and not PHONE_RE.match(phone):
            raise forms.ValidationError(
                "Saisissez un numéro de téléphone : chiffres, espaces et « + » seulement, "
                "ex. 03 86 00 00 00."
            )
        return phone

    def clean_message(self):
        return clean_paragraphs(self.cleaned_data.get("message"))


# Coordinator's decisions ------------------------------------------------------------------------


def unique_structure_slug(directory, title):
    """A slug for a new structure under `directory`, free and not reserved by the directory."""
    base = slugify(title)[:70].strip("-") or "structure"
    taken = set(directory.get_children().values_list("slug", flat=True)) | RESERVED_SLUGS
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def find_or_create_user(email, first_name="", last_name=""):
    """(user, created): the account with this e-mail, or a new one without a usable password."""
    User = get_user_model()
    user = User.objects.filter(email__iexact=email).order_by("pk").first()
    if user is not None:
        return user, False
    username, number = email.lower()[:150], 2
    while User.objects.filter(username__iexact=username).exists():
        suffix = f"-{number}"
        username, number = email.lower()[: 150 - len(suffix)] + suffix, number + 1
    user = User.objects.create_user(
        username=username,
        email=email,
        password=None,
        first_name=first_name[:150],
        last_name=last_name[:150],
    )
    return user, True


def enrol(space, user):
    """Make `user` an active member of `space`, then (after commit) welcome them by e-mail.

    A new account is invited to set its password; an existing one is told of its new access.
    """
    if not user.is_active:
        user.is_active = True
        user.save(update_fields=["is_active"])
    add_member(space, user)
    transaction.on_commit(lambda: notifications.send_welcome(user, space))


class ApproveRequestForm(forms.ModelForm):
    """Accepting a request: the coordinator may first link a structure that already has a page."""

    class Meta:
        model = PartnerRequest
        fields = ["existing_structure"]
        labels = {"existing_structure": "Rattacher à une structure existante"}
        help_texts = {
            "existing_structure": "Laissez vide pour créer une nouvelle fiche, en brouillon, "
            "au nom indiqué dans la demande."
        }

    def __init__(self, *args, directory=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.directory = directory
        field = self.fields["existing_structure"]
        field.queryset = StructurePage.objects.order_by("title")
        field.empty_label = "— Créer une nouvelle fiche —"

    def clean(self):
        cleaned_data = super().clean()
        if not self.instance.is_pending:
            raise forms.ValidationError("Cette demande a déjà été traitée.")
        if cleaned_data.get("existing_structure") is None and self.directory is None:
            raise forms.ValidationError(
                "Aucun annuaire des acteurs n'existe : créez-le avant d'accepter une demande, "
                "ou rattachez la demande à une structure existante."
            )
        return cleaned_data

    @transaction.atomic
    def save(self, by):
        """Approve once: returns the partner space, or None if someone else was faster."""
        request = PartnerRequest.objects.select_for_update().get(pk=self.instance.pk)
        if not request.is_pending:
            return None
        structure = self.cleaned_data.get("existing_structure")
        if structure is None:
            structure = self._create_structure(request, by)
        space = open_partner_space(structure)
        user, _ = find_or_create_user(request.email, request.first_name, request.last_name)
        enrol(space, user)
        request.existing_structure = structure
        request.user = user
        request.status = PartnerRequest.Status.APPROVED
        request.handled_by = by
        request.handled_at = timezone.now()
        request.save()
        self.instance = request
        return space

    def _create_structure(self, request, by):
        structure = StructurePage(
            title=request.structure_name,
            slug=unique_structure_slug(self.directory, request.structure_name),
            short_description="Présentation à compléter par la structure.",
            typology=request.typology,
            commune=request.commune,
            postal_code=request.commune.postal_code if request.commune else "",
            live=False,
        )
        self.directory.add_child(instance=structure)
        structure.save_revision(user=by, log_action=True)
        return structure


class RejectRequestForm(forms.ModelForm):
    """Refusing a request, with a note e-mailed to the requester."""

    class Meta:
        model = PartnerRequest
        fields = ["decision_note"]
        labels = {"decision_note": "Motif du refus"}
        help_texts = {
            "decision_note": "Envoyé au demandeur : expliquez la raison et, le cas échéant, "
            "qui contacter."
        }
        widgets = {"decision_note": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision_note"].required = True

    def clean_decision_note(self):
        note = clean_paragraphs(self.cleaned_data.get("decision_note"))
        if not note:
            raise forms.ValidationError("Indiquez le motif du refus.", code="required")
        return note[:3000]

    def clean(self):
        cleaned_data = super().clean()
        if not self.instance.is_pending:
            raise forms.ValidationError("Cette demande a déjà été traitée.")
        return cleaned_data

    @transaction.atomic
    def save(self, by):
        request = PartnerRequest.objects.select_for_update().get(pk=self.instance.pk)
        if not request.is_pending:
            return None
        request.status = PartnerRequest.Status.REJECTED
        request.decision_note = self.cleaned_data["decision_note"]
        request.handled_by = by
        request.handled_at = timezone.now()
        request.save()
        self.instance = request
        transaction.on_commit(lambda: notifications.send_rejection(request))
        return request


# Members of a partner space ---------------------------------------------------------------------


class AddMemberForm(forms.Form):
    """Add someone to a structure by e-mail: an existing account is linked, a new one invited."""

    email = forms.EmailField(
        label="Adresse électronique",
        max_length=254,
        help_text="Un compte existant avec cette adresse est rattaché ; sinon il est créé et "
        "reçoit une invitation à choisir son mot de passe.",
        error_messages={
            "invalid": "Saisissez une adresse électronique valide, au format nom@exemple.fr."
        },
    )
    first_name = forms.CharField(label="Prénom", max_length=150, required=False)
    last_name = forms.CharField(label="Nom", max_length=150, required=False)

    def __init__(self, *args, space, **kwargs):
        super().__init__(*args, **kwargs)
        self.space = space

    def clean_email(self):
        email = get_user_model().objects.normalize_email(self.cleaned_data["email"].strip())
        if self.space.group.user_set.filter(email__iexact=email).exists():
            raise forms.ValidationError("Cette personne est déjà membre de la structure.")
        return email

    def clean_first_name(self):
        return clean_line(self.cleaned_data.get("first_name"))

    def clean_last_name(self):
        return clean_line(self.cleaned_data.get("last_name"))

    @transaction.atomic
    def save(self):
        user, _ = find_or_create_user(
            self.cleaned_data["email"],
            self.cleaned_data["first_name"],
            self.cleaned_data["last_name"],
        )
        enrol(self.space, user)
        return user
