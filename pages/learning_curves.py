"""When each family wins: test error against training-set size, after Ng & Jordan (2002)."""

import numpy as np
import streamlit as st

from core.datasets import DATASETS
from core.experiments import (
    curve_models,
    family_crossover,
    learning_curve,
    log_spaced_sizes,
    mean_and_se,
)
from core.figures_learning import learning_curve_figure, readout
from core.models import MODELS
from core.scenarios import REAL_DATASETS, SCENARIOS, make_scenario
from ui import learning_curves as words
from ui.boot import require_app

require_app("pages/learning_curves.py")

BLOCK = 10  # repeats per cached block: asking for more repeats computes only the new blocks
N_MIN, N_SIZES = 6, 10  # smallest training size (two points per class, three classes), points on the curve
C_GRID = (0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0, 30.0, 100.0, 300.0, 1000.0)
CHOICE_LABELS = {**{k: s.label for k, s in DATASETS.items()}, **{k: s.label for k, s in REAL_DATASETS.items()}}
QP = "query-params"


@st.cache_data(show_spinner=False, max_entries=64)
def scenario_facts(name: str, options: tuple) -> dict:
    sc = make_scenario(name, **dict(options))
    holdout = getattr(sc.sampler, "holdout", None)
    n_test = len(sc.sampler.y) - sc.max_train_size if holdout else None
    return dict(label=sc.label, bayes_error=sc.bayes_error, nb_error=sc.nb_error,
                max_train_size=sc.max_train_size, n_features=sc.n_features, n_test=n_test)


@st.cache_data(show_spinner=False, max_entries=512)
def errors_block(name: str, options: tuple, models: tuple, C: float, sizes: tuple, seed: int, block: int,
                 _of: tuple = (0, 1)) -> dict:
    """Test errors of repeats [block * BLOCK, (block + 1) * BLOCK); shows a progress bar while computing.

    The bar is created and emptied in here, so a cache hit replays it as an empty slot.
    """
    done_before, n_blocks = _of
    bar = st.progress(done_before / n_blocks, text="Training the models on fresh samples…")
    shown = [done_before / n_blocks]

    def report(fraction):
        overall = (done_before + fraction) / n_blocks
        if overall - shown[0] >= 0.05 or fraction == 1.0:
            shown[0] = overall
            bar.progress(overall, text=f"Training the models on fresh samples… {overall:.0%}")

    sc = make_scenario(name, **dict(options))
    errors = learning_curve(sc.sampler, curve_models(models, logreg={"C": C}), sizes, n_repeats=BLOCK,
                            seed=seed, first_repeat=block * BLOCK, progress=report)
    bar.empty()
    return errors


@st.cache_resource(show_spinner=False, max_entries=64)
def cached_figure(sizes, means, ses, families, bayes_error, nb_limit, crossover_at, title):
    """The figure, built once per distinct set of curves: plotly's validation costs ~50 ms a build."""
    return learning_curve_figure(sizes, means, ses, families, bayes_error, nb_limit, crossover_at, title)


def more_repeats():
    st.session_state.lc_repeats = min(200, st.session_state.lc_repeats + 20)


st.title("📈 When each family wins")
intro_slot = st.empty()  # filled once the scenario is known: the intro says how it is measured

models = st.multiselect("Models (solid: generative, dashed: discriminative)", list(MODELS),
                        default=["nb_shared", "logreg"], format_func=lambda k: MODELS[k].label,
                        key="lc_models", bind=QP)
with st.sidebar:
    st.header("Data")
    scenario = st.selectbox("Scenario", list(SCENARIOS), format_func=lambda k: SCENARIOS[k].label,
                            key="lc_scenario", bind=QP)
    spec = SCENARIOS[scenario]
    st.caption(spec.description)
    options = []
    for pname, p in spec.params.items():
        key = f"lc_{scenario}_{pname}"
        if p.choices:
            value = st.selectbox(p.label, p.choices, index=p.choices.index(p.default),
                                 format_func=CHOICE_LABELS.get, key=key, bind=QP)
        else:
            value = st.slider(p.label, int(p.low), int(p.high), p.default, int(p.step), key=key, bind=QP)
        options.append((pname, value))
    options = tuple(options)
    st.header("Training")
    C = 1.0
    if "logreg" in models:
        C = st.select_slider("Logistic regression's C (inverse regularisation)", C_GRID, value=100.0,
                             format_func=lambda c: f"{c:g}", key="lc_C", bind=QP,
                             help="Small C = strong regularisation. 100 is close to the unregularised "
                                  "logistic regression Ng & Jordan analysed.")
    n_max = st.select_slider("Largest training size", (50, 100, 200, 500, 1000, 2000, 5000), value=1000,
                             key="lc_n_max", bind=QP)
    repeats = st.slider("Repeats (more = smoother curves, slower)", BLOCK, 200, 20, BLOCK, key="lc_repeats",
                        bind=QP)
    st.button("More repeats (+20)", on_click=more_repeats, key="lc_more", disabled=repeats >= 200)
    seed = int(st.number_input("Seed", 0, 10_000, 0, key="lc_seed", bind=QP))

facts = scenario_facts(scenario, options)
intro_slot.markdown(words.intro(scenario, facts))
if not models:
    st.info("Pick at least one model to draw its learning curve.")
    st.stop()
if facts["max_train_size"] is not None and n_max > facts["max_train_size"]:
    st.info(f"{facts['label']} leaves {facts['max_train_size']} points for training after holding out the "
            f"test set, so the curve stops there instead of at {n_max}.")
    n_max = facts["max_train_size"]
sizes = log_spaced_sizes(N_MIN, n_max, N_SIZES)
n_blocks = repeats // BLOCK
try:
    blocks = [errors_block(scenario, options, tuple(models), C, sizes, seed, b, _of=(b, n_blocks))
              for b in range(n_blocks)]
except ValueError as exc:
    st.warning(f"These settings cannot be computed: {exc}")
    st.stop()
labels = {m: MODELS[m].label for m in models}
means, ses = {}, {}
for m in models:
    means[labels[m]], ses[labels[m]] = mean_and_se(np.hstack([blk[m] for blk in blocks]))
families = {labels[m]: MODELS[m].family for m in models}
pair, cross = family_crossover(sizes, means, ses, families)
nb_limit = facts["nb_error"] if {"nb_shared", "gnb"} & set(models) else None
fig = cached_figure(sizes, means, ses, families, facts["bayes_error"], nb_limit, cross,
                    f"{facts['label']} · {repeats} repeats")
st.plotly_chart(fig, width="stretch", key="lc_chart")
st.markdown(f"**Now:** {readout(sizes, means, cross, pair)}")
failed = [label for label, m in means.items() if np.isnan(m).any()]
if failed:
    st.info(f"{', '.join(failed)} could not be fitted at some of the smallest sizes (gaps in the curve).")

with st.expander("What to notice", expanded=True):
    st.markdown("\n".join(f"- {line}" for line in [words.scenario_note(scenario, dict(options)),
                                                    *words.GENERAL_NOTES]))
