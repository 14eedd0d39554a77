"""accord: reads many news reports about the same incidents and lays out where they agree and disagree."""

from __future__ import annotations

import logging

__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())
