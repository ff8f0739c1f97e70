"""How structures and actions read in Wagtail's API v2 (/api/v2/pages/, see config.api).

Only what their public page shows: professionals-only contacts never leave the site, and the
logo goes out as a rendition URL (the images endpoint stays closed). The API serves live pages
only, read from the published rows, so a pending change is never in it.
"""

from rest_framework import serializers
from wagtail.api import APIField
from wagtail.images.api.fields import ImageRenditionField
from wagtail.rich_text import expand_db_html


class RichTextHTMLField(serializers.CharField):
    """Rich text as the page shows it: internal links and embeds turned into real HTML."""

    def to_representation(self, value):
        return expand_db_html(value)


class NamesField(serializers.Field):
    """A many-to-many relation to a taxonomy, as the list of its names."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, related):
        return [item.name for item in related.all()]


class CoordinateField(serializers.FloatField):
    """Decimal degrees as a JSON number (GeoJSON and map libraries want numbers)."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)


class CommuneSerializer(serializers.Serializer):
    name = serializers.CharField(read_only=True)
    insee_code = serializers.CharField(read_only=True)
    postal_code = serializers.CharField(read_only=True)


class PublicContactsField(serializers.Field):
    """The structure's contacts marked public; those for professionals only are left out."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, contacts):
        return [
            {
                "role": contact.role,
                "name": contact.name,
                "phone": contact.phone,
                "email": contact.email,
                "website": contact.website,
            }
            for contact in contacts.all()
            if contact.is_public
        ]


class OpeningHoursSerializer(serializers.Serializer):
    weekday = serializers.IntegerField(read_only=True, help_text="0 = lundi … 6 = dimanche")
    day = serializers.CharField(source="get_weekday_display", read_only=True)
    opens = serializers.TimeField(format="%H:%M", read_only=True)
    closes = serializers.TimeField(format="%H:%M", read_only=True)
    by_appointment = serializers.BooleanField(read_only=True)


class ClosureSerializer(serializers.Serializer):
    start_date = serializers.DateField(read_only=True)
    end_date = serializers.DateField(read_only=True)
    reason = serializers.CharField(read_only=True)


def label_of(field_name):
    """The human label of a choice field, next to its code."""
    return APIField(
        f"{field_name}_label",
        serializer=serializers.CharField(source=f"get_{field_name}_display", read_only=True),
    )


def many(serializer_class):
    return serializer_class(many=True, read_only=True)


STRUCTURE_API_FIELDS = [
    APIField("short_description"),
    APIField("missions", serializer=RichTextHTMLField(read_only=True)),
    APIField("typology"),
    label_of("typology"),
    APIField("logo", serializer=ImageRenditionField("max-400x400")),
    APIField("themes", serializer=NamesField()),
    APIField("publics", serializer=NamesField()),
    APIField("whole_territory"),
    APIField("area_communities", serializer=NamesField()),
    APIField("area_communes", serializer=CommuneSerializer(many=True, read_only=True)),
    APIField("street_address"),
    APIField("address_complement"),
    APIField("postal_code"),
    APIField("commune", serializer=CommuneSerializer(read_only=True)),
    APIField("latitude", serializer=CoordinateField()),
    APIField("longitude", serializer=CoordinateField()),
    APIField("contacts", serializer=PublicContactsField()),
    APIField("appointment_only"),
    APIField("hours_note"),
    APIField("opening_hours", serializer=many(OpeningHoursSerializer)),
    APIField("closures", serializer=many(ClosureSerializer)),
    APIField("step_free_access"),
    APIField("languages"),
    APIField("access_conditions"),
    APIField("fees"),
    label_of("fees"),
    APIField("fees_detail"),
    APIField("siret"),
    APIField("last_verified"),
]

ACTION_API_FIELDS = [
    APIField("summary"),
    APIField("description", serializer=RichTextHTMLField(read_only=True)),
    APIField("themes", serializer=NamesField()),
    APIField("publics", serializer=NamesField()),
    APIField("on_site"),
    APIField("remote"),
    APIField("itinerant"),
    APIField("access_conditions"),
    APIField("fees"),
    label_of("fees"),
    APIField("fees_detail"),
    APIField("contact_phone"),
    APIField("contact_email"),
    APIField("booking_url"),
]
