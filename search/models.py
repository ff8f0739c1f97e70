"""Synonyms the coordination keeps for the site's search ("IST" ↔ "infections sexuellement
transmissibles"): a query containing one expression of a group also looks for the others."""

from django.core.exceptions import ValidationError
from django.db import models

# Expressions are separated by commas or new lines in the admin's text area.
SEPARATORS = (",", "\n", ";")
MAX_EXPRESSIONS = 12


def split_expressions(text):
    for separator in SEPARATORS[1:]:
        text = text.replace(separator, SEPARATORS[0])
    seen, expressions = set(), []
    for part in text.split(SEPARATORS[0]):
        expression = " ".join(part.split())
        if expression and expression.lower() not in seen:
            seen.add(expression.lower())
            expressions.append(expression)
    return expressions


class SynonymGroup(models.Model):
    """Expressions that mean the same thing to the people searching the site."""

    expressions = models.TextField(
        "expressions équivalentes",
        max_length=1000,
        help_text=(
            "Séparées par des virgules, ex. « PMI, protection maternelle et infantile ». "
            "Une recherche sur l'une trouve aussi les autres."
        ),
    )
    note = models.CharField("remarque", max_length=200, blank=True)

    class Meta:
        ordering = ["expressions"]
        verbose_name = "synonymes"
        verbose_name_plural = "synonymes de la recherche"

    def __str__(self):
        return " ↔ ".join(self.expression_list)

    @property
    def expression_list(self):
        return split_expressions(self.expressions)

    def clean(self):
        super().clean()
        expressions = self.expression_list
        if len(expressions) < 2:
            raise ValidationError(
                {"expressions": "Indiquez au moins deux expressions, séparées par une virgule."}
            )
        if len(expressions) > MAX_EXPRESSIONS:
            raise ValidationError(
                {"expressions": f"{MAX_EXPRESSIONS} expressions au plus par groupe."}
            )
        if any(len(expression) > 80 for expression in expressions):
            raise ValidationError({"expressions": "Une expression fait 80 caractères au plus."})
        self.expressions = ", ".join(expressions)
