"""evaluate: measure accord's output against hand-made gold data (claims, GVA counts, quotes)."""
