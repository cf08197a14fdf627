"""The words page's view: every setting in one frozen dataclass that round-trips through the link.

Pure Python (no streamlit). The link holds only what differs from the corpus's defaults, with the widget keys as
parameter names: ``?words_corpus=spam&words_alpha=0&words_prior=0.5&words_text=free+entry``. Every bad value falls
back to its default with one readable sentence.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from core.text_models import ALPHAS, PRIORS
from ui.focus import parse_focus
from ui.links import last_values

CORPORA = ("spam", "languages")
CLASSES = {"spam": ("ham", "spam"), "languages": ("English", "French", "German", "Spanish")}
NB_KINDS = ("multinomial", "bernoulli")
# ALPHAS, PRIORS: the page's steps, core.text_models' (core.snippet_words reads a link with them too); a view's
# prior None is the training share
MAX_LINK_TEXT = 300  # characters of the typed message a link carries
EXAMPLES = {  # typed examples, not corpus data
    "spam": "Congratulations! You have won a FREE entry to our prize draw. Call now to claim your £1000 reward",
    "languages": "Le chat dort sur la chaise près de la fenêtre",
}
DEFAULT_CLASS = {"spam": "spam", "languages": "French"}


@dataclass(frozen=True)
class WordsView:
    corpus: str = "spam"
    nb: str = "multinomial"
    alpha: float = 1.0
    prior: float | None = None
    cls: str = "spam"
    text: str = EXAMPLES["spam"]
    present: bool = False
    focus: str | None = None  # the part the link scrolls to and marks (ui.focus.TARGETS["words"])

    @classmethod
    def for_corpus(cls, corpus: str, **changes) -> WordsView:
        return cls(**{"corpus": corpus, "cls": DEFAULT_CLASS[corpus], "text": EXAMPLES[corpus], **changes})

    def to_query(self) -> dict:
        d, out = WordsView.for_corpus(self.corpus), {}
        if self.corpus != "spam":
            out["words_corpus"] = self.corpus
        for key, attr in (("words_nb", "nb"), ("words_class", "cls")):
            if getattr(self, attr) != getattr(d, attr):
                out[key] = getattr(self, attr)
        if self.alpha != d.alpha:
            out["words_alpha"] = f"{self.alpha:g}"
        if self.prior is not None and self.corpus == "spam":
            out["words_prior"] = f"{self.prior:g}"
        if self.text != d.text and len(self.text) <= MAX_LINK_TEXT:
            out["words_text"] = self.text
        if self.present:
            out["present"] = "1"
        if self.focus is not None:
            out["focus"] = self.focus
        return out

    @classmethod
    def from_query(cls, query: dict) -> tuple:
        """(view, problems): one readable sentence per ignored parameter."""
        one = last_values(query)
        problems = []
        corpus = one.get("words_corpus", "spam")
        if corpus not in CORPORA:
            problems.append(f"Unknown corpus {corpus!r}; showing spam. Corpora: {', '.join(CORPORA)}.")
            corpus = "spam"
        view = cls.for_corpus(corpus)
        if "words_nb" in one:
            if one["words_nb"] in NB_KINDS:
                view = replace(view, nb=one["words_nb"])
            else:
                problems.append(f"Ignored words_nb={one['words_nb']!r}: must be {' or '.join(NB_KINDS)}.")
        if "words_class" in one:
            if one["words_class"] in CLASSES[corpus]:
                view = replace(view, cls=one["words_class"])
            else:
                problems.append(f"Ignored words_class={one['words_class']!r}: {corpus} has the classes "
                                f"{', '.join(CLASSES[corpus])}.")
        if "words_alpha" in one:
            value = _choice(one["words_alpha"], ALPHAS)
            if value is None:
                problems.append(f"Ignored words_alpha={one['words_alpha']!r}: must be one of "
                                f"{', '.join(f'{a:g}' for a in ALPHAS)}.")
            else:
                view = replace(view, alpha=value)
        if "words_prior" in one:
            value = _choice(one["words_prior"], PRIORS) if corpus == "spam" else None
            if value is None:
                why = ("must be one of " + ", ".join(f"{p:g}" for p in PRIORS) if corpus == "spam"
                       else "P(spam) belongs to the spam corpus")
                problems.append(f"Ignored words_prior={one['words_prior']!r}: {why}.")
            else:
                view = replace(view, prior=value)
        if "words_text" in one:
            text = str(one["words_text"])
            if len(text) > MAX_LINK_TEXT:
                problems.append(f"words_text is {len(text):,} characters long; a link carries at most "
                                f"{MAX_LINK_TEXT}, so it was cut there.")
                text = text[:MAX_LINK_TEXT]
            view = replace(view, text=text)
        if "present" in one:
            if one["present"] in ("0", "1"):
                view = replace(view, present=one["present"] == "1")
            else:
                problems.append(f"Ignored present={one['present']!r}: must be 1 or 0.")
        focus, focus_problems = parse_focus(one, "words")
        return replace(view, **focus), problems + focus_problems


def _choice(raw, choices):
    try:
        value = float(str(raw).strip())
    except ValueError:
        return None
    if not math.isfinite(value):
        return None
    return next((c for c in choices if math.isclose(c, value, rel_tol=1e-9, abs_tol=1e-12)), None)
