"""What every free-text box of the site does to its input before searching.

Visitors paste anything: control characters (a NUL byte breaks SQLite's full-text search)
become spaces, runs of spaces one, and the text is cut to MAX_QUERY_LENGTH characters.
"""

MAX_QUERY_LENGTH = 200


def normalise_words(text):
    """`text` with control characters turned to spaces and whitespace collapsed."""
    printable = "".join(char if char.isprintable() else " " for char in text)
    return " ".join(printable.split())
