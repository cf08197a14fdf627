"""The panels of "Spam and languages": link -> widgets -> ``WordsView`` -> link, and what each panel shows."""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from core.figures.layout import chart_config
from core.figures.words import crossover_of
from core.snippet_words import words_script
from core.text_generate import MAX_TOKENS, bag_sample, doc_lengths
from core.text_models import MAX_CHARS, explain, nb_log_theta
from ui import boot, focus
from ui.copy_python import copy_python
from ui.safe import link_warning
from ui.words import cache
from ui.words import words as w
from ui.words.escape import escape_text
from ui.words.state import ALPHAS, CLASSES, CORPORA, MAX_LINK_TEXT, PRIORS, WordsView

KEEP = dict(persist_state="session")
_PROBLEMS = "words_problems"
NAMES = {"spam": ":material/sms: SMS spam", "languages": ":material/language: Languages"}


def _seed(view: WordsView):
    ss = st.session_state
    ss.words_corpus, ss.words_nb, ss.words_alpha = view.corpus, view.nb, view.alpha
    ss.words_prior = view.prior if view.prior is not None else _share()
    ss.words_class, ss.words_text = view.cls, view.text
    ss.words_present = view.present


def _switch_corpus():
    """A new corpus gets its own example and class; a typed message of the user's own stays."""
    ss, new = st.session_state, st.session_state.words_corpus
    old = next(c for c in CORPORA if c != new)
    d = WordsView.for_corpus(new)
    if ss.words_text == WordsView.for_corpus(old).text:
        ss.words_text = d.text
    ss.words_class, ss.words_prior = d.cls, _share()


def _share() -> float:
    return float(cache.split("spam").train_priors[1])


def view_from_widgets() -> tuple:
    """The corpus (with "Copy as Python" beside it), the message, the two verdicts' slot (first on a phone's
    screen), the knobs: (view, slot)."""
    ss = st.session_state
    if boot.arriving_link("words") is not None or "words_corpus" not in ss:
        view, problems = WordsView.from_query({k: st.query_params.get_all(k) for k in st.query_params})
        _seed(view)
        ss[_PROBLEMS], ss["words_focus"] = problems, view.focus  # the focus stays in the link until another arrives
        focus.land("words", view.focus)
    if problems := ss.pop(_PROBLEMS, []):
        st.warning(link_warning(problems), icon="🔗")
    head = st.container(horizontal=True, vertical_alignment="center")
    corpus = head.radio("Corpus", CORPORA, format_func=NAMES.get, key="words_corpus", horizontal=True,
                        on_change=_switch_corpus, label_visibility="collapsed", width="content", **KEEP)
    st.text_area("Type a message", key="words_text", height=68, max_chars=100_000,
                 help=f"Both models read the first {MAX_CHARS:,} characters.")
    slot = st.container()
    c1, c2, c3 = st.columns(3)
    c1.radio("Naive Bayes reads", ("multinomial", "bernoulli"), key="words_nb", horizontal=True, **KEEP,
             format_func={"multinomial": "counts", "bernoulli": "presence"}.get,
             help="Multinomial naive Bayes reads how often each word occurs, Bernoulli only whether it does.")
    c2.select_slider("Laplace smoothing α (naive Bayes)", ALPHAS, key="words_alpha", format_func=lambda a: f"{a:g}",
                     **KEEP)
    if corpus == "spam":
        share = _share()
        c3.select_slider("P(spam) where the filter runs", sorted((*PRIORS, share)), key="words_prior",
                         format_func=lambda p: f"{share:.1%} (training)" if p == share else f"{p:.0%}", **KEEP)
    ss = st.session_state
    prior = ss.words_prior if corpus == "spam" and ss.words_prior != _share() else None
    view = WordsView(corpus=corpus, nb=ss.words_nb, alpha=float(ss.words_alpha), prior=prior, cls=ss.words_class,
                     text=ss.words_text or "", present=bool(ss.get("words_present")), focus=ss.get("words_focus"))
    with head:
        copy_python("words_copy_python", lambda: words_script(view.to_query()), "words_view.py",
                    "Needs numpy and scikit-learn; run it from the app's folder, where it reads data/text/. It "
                    "prints both models' held-out accuracy and recall, the scores table's numbers.")
    return view, slot


def write_link(view: WordsView):
    boot.write_link("words", view.to_query())


def explanations(view: WordsView) -> tuple:
    sp = cache.split(view.corpus)
    e_nb = explain(view.text, sp, cache.nb(view.corpus, view.nb, view.alpha), view.alpha, view.prior)
    e_lr = explain(view.text, sp, cache.logreg(view.corpus), None, view.prior)
    return e_nb, e_lr


def typed_panel(view: WordsView, e_nb, e_lr, slot):
    """Both verdicts (in ``slot``), the message highlighted by each model, and the terms that add up to each
    answer."""
    names = CLASSES[view.corpus]
    if len(view.text) > MAX_CHARS:
        slot.info(f"Your text has {len(view.text):,} characters; both models read the first {MAX_CHARS:,}.")
    if len(view.text) > MAX_LINK_TEXT:
        slot.caption(f"The page's link carries a message of at most {MAX_LINK_TEXT} characters: this one stays out.")
    if not e_nb.pieces:
        slot.info(w.empty_note(view.corpus))
        return
    tops = slot.columns(2)
    tops[0].markdown(w.verdict(w.NB_NAMES[view.nb], e_nb, names))
    tops[1].markdown(w.verdict("Logistic regression", e_lr, names))
    cols = st.columns(2)
    for col, name, e, prior_label, base_label in (
            (cols[0], w.NB_NAMES[view.nb], e_nb, "prior log-odds", "every word absent" if view.nb == "bernoulli"
             else None),
            (cols[1], "Logistic regression", e_lr, "prior shift" if view.prior is not None else "prior shift (none)",
             "intercept")):
        with col:
            st.markdown(f"**{name}** reads it as")
            if not np.all(np.isfinite(e.proba)):  # 0/0: no side to push toward
                st.markdown(escape_text(view.text[:MAX_CHARS]))
                continue
            st.markdown(w.highlighted(e, view.text[:MAX_CHARS], names))
            st.caption(w.legend(e, names))
            rows = w.terms(e, prior_label, base_label)
            st.caption(w.pair_heading(e, names) + " =")
            st.dataframe(pd.DataFrame({"term": [r[0] for r in rows], "log-odds": [w.signed(r[1]) for r in rows]}),
                         hide_index=True, width="stretch", height=min(35 * (len(rows) + 1) + 3, 400))
    note = w.unknown_note(e_nb, view.corpus)
    if note:
        st.markdown(note)


def knobs_panel(view: WordsView, e_nb, e_lr):
    st.markdown(w.alpha_note(view.alpha, e_nb, CLASSES[view.corpus], view.nb))
    if view.corpus == "spam":
        sp = cache.split("spam")
        after = {"naive Bayes": w_label(e_nb), "logistic regression": w_label(e_lr)}
        before = dict(after)
        if view.prior is not None:
            before = {"naive Bayes": w_label(explain(view.text, sp, cache.nb("spam", view.nb, view.alpha), view.alpha)),
                      "logistic regression": w_label(explain(view.text, sp, cache.logreg("spam")))}
        st.markdown(w.prior_note(view.prior, float(sp.train_priors[1]), before, after))


def w_label(e) -> str:
    return "undefined" if not np.all(np.isfinite(e.proba)) else ("spam" if e.proba[1] > 0.5 else "ham")


def sample_panel(view: WordsView):
    st.subheader("✍️ Write one", anchor=False)
    names = CLASSES[view.corpus]
    c1, c2 = st.columns([2, 1], vertical_alignment="bottom")
    c1.selectbox("Class to write", names, key="words_class", **KEEP)
    c2.button("Write one", key="words_sample", type="primary", width="stretch",
              on_click=_write, args=(view.corpus, view.alpha))
    sample = st.session_state.get("words_written")
    if sample and sample["corpus"] == view.corpus and sample["cls"] == st.session_state.words_class:
        notes = w.sample_notes(view.corpus, sample["cls"])
        sep = " " if view.corpus == "spam" else " · "
        st.markdown(f"**Bag:** {escape_text(sep.join(sample['bag']))}")
        st.caption(notes["bag"])
        st.markdown(f"**In order:** {escape_text(sample['order'])}")
        st.caption(notes["order"])
    else:
        st.caption(f"Draws a new {st.session_state.words_class} text from two generative models of that class.")
    st.caption(w.NO_SAMPLER)


def _write(corpus: str, alpha: float):
    ss = st.session_state
    ss.words_draws = ss.get("words_draws", 0) + 1
    rng = np.random.default_rng([ss.words_draws, 2026])
    sp = cache.split(corpus)
    k = CLASSES[corpus].index(ss.words_class)
    log_theta = nb_log_theta(cache.nb(corpus, "multinomial", max(alpha, 0.01)), max(alpha, 0.01))
    bag = bag_sample(log_theta[k], sp.vectorizer.get_feature_names_out(), doc_lengths(sp, k), rng)
    order = cache.markov(corpus)[k].sample(rng, MAX_TOKENS[corpus])
    ss.words_written = dict(corpus=corpus, cls=ss.words_class, bag=bag, order=order)


def scores_panel(view: WordsView):
    names = CLASSES[view.corpus]
    s = cache.scores(view.corpus, view.nb, view.alpha, view.prior)
    st.markdown(w.recall_caption(view.corpus, names[s["majority"]["cls"]], s["majority"]["accuracy"]))
    rows = {w.NB_NAMES[view.nb]: s["nb"], "Logistic regression": s["logreg"]}
    if view.corpus == "spam":
        rows[f"Always “{names[s['majority']['cls']]}”"] = s["majority"]
    table = pd.DataFrame({name: [f"{r:.1%}" for r in v["recall"]] + [f"{v['accuracy']:.1%}"]
                          for name, v in rows.items()}, index=[f"recall {n}" for n in names] + ["accuracy"])
    st.dataframe(table, width="stretch")
    st.markdown(w.bernoulli_sentence(cache.bernoulli_vs_multinomial(view.corpus, view.alpha)))


def curves_panel(view: WordsView):
    st.subheader("📈 When each wins, on this text", anchor=False)
    curves = cache.curves(view.corpus)
    st.plotly_chart(cache.curves_figure(view.corpus), key="words_curves", width="stretch",
                    config=chart_config(f"words_{view.corpus}_curves"))
    n_rep = curves["errors"]["nb"].shape[1]
    st.caption(f"Test error on a held-out quarter, {n_rep} repeats, bands ±1 standard error; naive Bayes at α = 1.")
    st.markdown(w.curves_sentence(curves, crossover_of(curves)) + " " + w.NG_JORDAN)


def source_line(view: WordsView):
    st.caption("Data: " + escape_text(cache.source(view.corpus)))


def notice_panel(view: WordsView):
    with st.expander("What to notice", expanded=True):
        phrase = w.phrase_note(cache.phrase_stats(view.nb, view.alpha)) if view.corpus == "spam" else ""
        st.markdown("\n".join(f"- {line}" for line in w.notice(view.corpus, phrase)))
