"""Time typing on the "Spam and languages" page: a new message, with every fit cached, answers within 150 ms.

Run: .venv/bin/python bench/bench_words.py   (target: a typed message <= 150 ms on the server)

- first view: app.py, then the page in a fresh process (fits, learning curves, imports)
- typing: median and max of reruns after setting a new message (AppTest's own parse and compile included,
  so an upper bound of the server's time), per corpus, at the page's most expensive knobs too (α = 0, a prior)
- core: ``explain`` alone on a typical message, on 3,000 characters (the most read) and a 100,000-char paste
"""

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from apptest_utils import open_page  # noqa: E402

from core.text_models import explain, fit_logreg, fit_nb, make_split  # noqa: E402

MESSAGES = ["free entry now", "see you at lunch tomorrow", "URGENT! call 09061701461 to claim £900",
            "ok lor, i'll be there in 5", "WINNER!! As a valued customer you have been selected",
            "Sorry, I'll call later", "Le chat dort", "Der Hund schläft im Garten", "¿Dónde está la biblioteca?"]


def typing(query: dict, rounds: int = 3) -> list:
    at = open_page("pages/words.py", query, timeout=300)
    times = []
    for r in range(rounds):
        for i, text in enumerate(MESSAGES):
            at.text_area(key="words_text").set_value(f"{text} {r}{i}")
            start = time.perf_counter()
            at.run()
            times.append(time.perf_counter() - start)
            assert not at.exception, at.exception
    return times


def cold(query: dict) -> float:
    """The page after clearing every cache: fits and learning curves recomputed (the guide's 20 s budget)."""
    import streamlit as st
    st.cache_data.clear()
    st.cache_resource.clear()
    start = time.perf_counter()
    open_page("pages/words.py", query, timeout=300)
    return time.perf_counter() - start


def main():
    for query in ({"words_alpha": "0", "words_prior": "0.5", "words_nb": "bernoulli", "words_text": "free " * 60},
                  {"words_corpus": "languages", "words_alpha": "0", "words_nb": "bernoulli"}):
        print(f"cold, caches cleared, {query.get('words_corpus', 'spam')} at its costliest knobs: {cold(query):.1f} s")
    start = time.perf_counter()
    open_page("pages/words.py", {}, timeout=300)
    open_page("pages/words.py", {"words_corpus": "languages"}, timeout=300)
    print(f"first views (both corpora, fits and learning curves computed): {time.perf_counter() - start:.1f} s")
    for name, query in (("spam", {}), ("spam, α = 0, P(spam) = 50%, Bernoulli",
                                       {"words_alpha": "0", "words_prior": "0.5", "words_nb": "bernoulli"}),
                        ("languages", {"words_corpus": "languages"}),
                        ("languages, α = 0, Bernoulli", {"words_corpus": "languages", "words_alpha": "0",
                                                         "words_nb": "bernoulli"})):
        t = typing(query)
        print(f"typing, {name}: median {1000 * statistics.median(t):.0f} ms, max {1000 * max(t):.0f} ms "
              f"({len(t)} reruns)")
    for corpus in ("spam", "languages"):
        sp = make_split(corpus)
        models = (fit_nb(sp, "multinomial", 1.0), fit_nb(sp, "bernoulli", 1.0), fit_logreg(sp))
        for label, text in (("typical", MESSAGES[2]), ("3,000 chars", "free prize " * 273),
                            ("100,000-char paste", "free prize " * 9091)):
            start = time.perf_counter()
            for m in models:
                explain(text, sp, m, 1.0, None)
            print(f"core explain, {corpus}, {label}, three models: {1000 * (time.perf_counter() - start):.1f} ms")


if __name__ == "__main__":
    main()
