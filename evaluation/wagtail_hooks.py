"""The evaluation's admin screens; each module registers its own hooks when imported."""

from . import attendance_admin, entry_admin  # noqa: F401
