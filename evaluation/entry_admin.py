"""Admin screens for indicators and their values (hooks registered on import)."""
