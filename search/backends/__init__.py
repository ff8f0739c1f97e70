"""Search backends of Maillage: `search.backends.whoosh`, the embedded default."""
