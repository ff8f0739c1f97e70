"""Passwords as the CNIL recommends them (délibération n° 2022-100 du 21 juillet 2022).

For an account protected by a password alone, the CNIL asks for an entropy of at least 80 bits,
which it illustrates with 12 characters mixing upper case letters, lower case letters, digits
and special characters (or 14 characters of upper and lower case letters and digits, or a
passphrase). Maillage keeps the 12-character case: Django's MinimumLengthValidator (12, in
AUTH_PASSWORD_VALIDATORS) for the length, and CharacterClassesValidator below for the four
kinds of characters; Django's own validators still refuse common, numeric-only and
username-like passwords.
"""

from django.core.exceptions import ValidationError

# What the visitor reads, and how a character is recognised. Letters with accents count as
# letters (É is an upper case letter); a space or any punctuation or symbol is special.
CHARACTER_CLASSES = [
    ("une majuscule", str.isupper),
    ("une minuscule", str.islower),
    ("un chiffre", str.isdigit),
    ("un caractère spécial (ponctuation, symbole ou espace)", lambda char: not char.isalnum()),
]


def french_list(items):
    """["a", "b", "c"] -> "a, b et c"."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} et {items[-1]}"


class CharacterClassesValidator:
    """At least one upper case letter, one lower case letter, one digit and one special
    character (the CNIL's 12-character case, with MinimumLengthValidator)."""

    def validate(self, password, user=None):
        missing = [label for label, matches in CHARACTER_CLASSES if not any(map(matches, password))]
        if missing:
            raise ValidationError(
                "Ce mot de passe doit contenir au moins %(missing)s.",
                code="password_missing_character_classes",
                params={"missing": french_list(missing)},
            )

    def get_help_text(self):
        return (
            "Votre mot de passe doit contenir au moins une majuscule, une minuscule, un chiffre "
            "et un caractère spécial (ponctuation, symbole ou espace)."
        )
