"""The admin screens of indicator values: the per-action grid and its detailed periods
(grid.py), the coordination's review of partners' values (review.py) and its overview of what
is missing for a year (missing.py). URLs and menu items are registered by entry_admin.py."""
