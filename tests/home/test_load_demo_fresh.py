"""manage.py load_demo on an empty database: what the first load must do and must refuse."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def load_demo(**options):
    out = io.StringIO()
    call_command("load_demo", stdout=out, **options)
    return out.getvalue()


def test_load_demo_refuses_production_settings(settings):
    settings.SETTINGS_MODULE = "config.settings.production"

    with pytest.raises(CommandError, match="production"):
        load_demo()
    assert not get_user_model().objects.exists()


def test_no_account_exists_without_load_demo():
    # Migrations create roles, never people.
    assert not get_user_model().objects.exists()
