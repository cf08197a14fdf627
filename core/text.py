"""Real text corpora shipped with the app: SMS spam and sentences in four languages.

``load_corpus(name)`` reads the files under ``data/text/`` (nothing is downloaded) and returns a
``Corpus``: the documents, integer labels, class names and a one-line credit for the page. Each
corpus's README and licence sit beside its files.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "text"


@dataclass(frozen=True)
class Corpus:
    """A labelled text corpus.

    Attributes
    ----------
    name : str
        The key it is loaded by (``"spam"``, ``"languages"``).
    docs : list of str, length n_samples
        The documents, exactly as in the source (no cleaning).
    labels : ndarray of shape (n_samples,), int
        ``labels[i]`` indexes ``class_names``.
    class_names : tuple of str
    source : str
        Where the text comes from, its authors and licence: one line the page shows.
    """

    name: str
    docs: list
    labels: np.ndarray
    class_names: tuple
    source: str

    @property
    def counts(self) -> dict:
        """Documents per class, ``{class_name: n}``."""
        return dict(zip(self.class_names, np.bincount(self.labels, minlength=len(self.class_names)).tolist()))

    def __repr__(self) -> str:
        per_class = ", ".join(f"{k}: {n:,}" for k, n in self.counts.items())
        return f"Corpus({self.name!r}, {len(self.docs):,} docs; {per_class})"


def _read_lines(path: Path) -> list:
    with open(path, encoding="utf-8") as f:
        return [line.rstrip("\n") for line in f if line.strip()]


@cache
def _spam() -> tuple:
    """SMS Spam Collection: ``label<TAB>message`` lines, ham -> 0, spam -> 1."""
    class_names = ("ham", "spam")
    rows = [line.split("\t", 1) for line in _read_lines(DATA_DIR / "spam" / "SMSSpamCollection")]
    docs = tuple(message for _, message in rows)
    labels = np.array([class_names.index(label) for label, _ in rows], dtype=int)
    n_spam = int(labels.sum())
    source = (f"SMS Spam Collection v.1 by T. A. Almeida, J. M. Gómez Hidalgo & A. Yamakami (DocEng 2011), "
              f"UCI Machine Learning Repository, CC BY 4.0: {len(docs):,} real text messages, {n_spam:,} of them "
              f"spam ({n_spam / len(docs):.0%}).")
    return docs, labels, class_names, source


# file stem -> language, in the order of the labels
_LANGUAGES = {"en": "English", "fr": "French", "de": "German", "es": "Spanish"}


@cache
def _languages() -> tuple:
    """PUD sentences: one ``sent_id<TAB>sentence`` file per language, the same sentences in each."""
    docs, labels = [], []
    for k, stem in enumerate(_LANGUAGES):
        sentences = [line.split("\t", 1)[1] for line in _read_lines(DATA_DIR / "languages" / f"{stem}.tsv")]
        docs += sentences
        labels += [k] * len(sentences)
    class_names = tuple(_LANGUAGES.values())
    per_language = len(docs) // len(class_names)
    source = (f"Parallel Universal Dependencies (PUD) treebanks, CoNLL 2017 shared task (Zeman et al. 2017): the "
              f"same {per_language:,} news and Wikipedia sentences in {', '.join(class_names[:-1])} and "
              f"{class_names[-1]}, text from Google, translations by DFKI; CC BY-SA 3.0.")
    return tuple(docs), np.array(labels, dtype=int), class_names, source


CORPORA: dict[str, Callable[[], tuple]] = {"spam": _spam, "languages": _languages}


def load_corpus(name: str) -> Corpus:
    """The corpus called ``name`` (a key of ``CORPORA``), read once and then cached.

    Each call returns its own ``docs`` list and ``labels`` array, so a caller may change them freely.

    Raises
    ------
    ValueError
        If ``name`` is not a known corpus.
    """
    if name not in CORPORA:
        raise ValueError(f"Unknown corpus {name!r}; choose one of {', '.join(CORPORA)}.")
    docs, labels, class_names, source = CORPORA[name]()
    return Corpus(name=name, docs=list(docs), labels=labels.copy(), class_names=class_names, source=source)
