"""The one exception tree of detente.

    DetenteError
    ├── ConfigError      a setting or option has a value we cannot use
    ├── ModelError       the spaCy model cannot be loaded
    ├── DictionaryError  an actor or event dictionary file is malformed
    └── InputError       an input file cannot be read at all

Per-document problems (empty text, not English, too long, bad record) are not
exceptions: they become :class:`detente.records.Skip` records with a reason, and
the rest of the batch is coded.
"""


class DetenteError(Exception):
    """Base class: every error detente raises on purpose."""


class ConfigError(DetenteError):
    pass


class ModelError(DetenteError):
    pass


class DictionaryError(DetenteError):
    pass


class InputError(DetenteError):
    pass
