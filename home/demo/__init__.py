"""Demo territory: `load(builder)` is this app's share of `manage.py load_demo`."""

from . import content, news


def load(builder):
    content.load(builder)
    news.load(builder)


__all__ = ["load"]
