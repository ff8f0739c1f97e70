"""Admin screens for organisers' attendance counts (hooks registered on import)."""
