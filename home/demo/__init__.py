"""Demo territory: `load(builder)` is this app's share of `manage.py load_demo`."""

from .content import load

__all__ = ["load"]
