"""The one exception tree of detente.

    DetenteError
    ├── ConfigError      a setting or option has a value we cannot use
    ├── ModelError       the spaCy model cannot be loaded
    ├── DictionaryError  an actor or event dictionary file is malformed
    ├── InputError       an input file cannot be read at all
    └── CoderError       coding the one text given to ``code()`` failed (a bug: report it)

Per-document problems (empty text, not English, too long, bad record) are not
exceptions: they become :class:`detente.records.Skip` records with a reason, and
the rest of the batch is coded; a document the coder itself fails on is a ``coder-error``
skip in a batch, and a :class:`CoderError` from the one-text ``Coder.code()``.
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


class CoderError(DetenteError):
    pass
