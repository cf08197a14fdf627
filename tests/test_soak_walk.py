"""A seeded random walk over every page and its controls, in one session: whatever a visitor does, in whatever
order, no page shows a traceback (issue 14's soak, short; bench/bench_soak.py walks 500+ actions in a browser
and watches the server's memory).

Each page has its steps, named after the control they use; the explorer's are those of its own walks
(tests/explorer/test_explorer_walks.py). Values are drawn from small sets that keep a step cheap; the pages' most
expensive settings are timed in tests/test_worst_settings.py.
"""

import random

import pytest
from apptest_utils import assert_clean, open_page
from explorer.test_explorer_walks import STEPS as EXPLORER_STEPS

import core.deep_eval
from core.datasets import DATASETS
from core.models import MODELS
from core.quiz import TOPICS
from core.scenarios import SCENARIOS
from ui.deep_generative import panels as deep_generative

WALKS, VISITS, STEPS_PER_VISIT = 1, 10, (3, 5)  # every page, then 3 revisits: about 50 actions, 40 s

LIGHT_MODELS = ["gnb", "nb_shared", "lda", "logreg", "tree"]  # of the learning curves' models: the fastest to fit
# The first visit of a page with heavy defaults comes through a link with light settings (as a tour step would)
FIRST_LINK = {
    "pages/learning_curves.py": {"lc_n_max": "50", "lc_repeats": "10"},
    "pages/generative_powers.py": {"n": "100"},
    "pages/deep_generative.py": {"steps": "100", "hidden": "8", "n": "100"},
}


def _choose(widget, rng, values=None):
    """Set ``widget`` to one of ``values`` (default: its options, turned back into the type of its value)."""
    if values is None:
        kind = type(widget.value)
        values = [kind(o) if kind in (int, float) else o for o in widget.options]
    value = rng.choice(list(values))
    widget.set_value(value)
    return value


def _pick(widget, rng, labels: dict):
    """Set a select box to one of the keys it offers now; ``labels`` maps every key to the label it shows."""
    return _choose(widget, rng, [key for key, label in labels.items() if label in widget.options])


DATASET_LABELS = {k: spec.label for k, spec in DATASETS.items()}
MODEL_LABELS = {k: spec.label for k, spec in MODELS.items()}


def _click(key):
    def step(at, rng):
        button = at.button(key=key)
        if button.disabled:
            return "disabled"
        button.click()
        return "clicked"
    return step


def _explorer(name):
    """The explorer walk's step ``name``, or the one its current state allows (as that walk does)."""
    def step(at, rng):
        chosen = name
        if chosen == "prior" and not at.toggle(key="prior_on").value:
            chosen = "prior_on"  # the P(y) slider shows once P(y) is set by hand
        if chosen == "clear" and at.button(key="clear_samples").disabled:
            chosen = "sample"
        return chosen, EXPLORER_STEPS[chosen](at, rng)
    return step


def _play_or_pause(at, rng):
    keys = {b.key for b in at.button}
    return _click("dg_pause" if "dg_pause" in keys else "dg_play")(at, rng)


def _quiz_pick(at, rng):
    """A choice of the question shown: the quiz's, or the mock interview's."""
    picks = [r for r in at.radio if (r.key or "").startswith(("quiz_pick.", "quiz_mock_pick."))]
    if not picks:
        raise KeyError("quiz_pick")
    return _choose(picks[0], rng)


def _deep_form(at, rng):
    """One or two training settings, then Train (the form applies nothing before)."""
    settings = {
        "dg_dataset": lambda: _pick(at.selectbox(key="dg_dataset"), rng, DATASET_LABELS),
        "dg_n": lambda: _choose(at.slider(key="dg_n"), rng, [60, 100, 140]),
        "dg_model": lambda: _choose(at.radio(key="dg_model"), rng, ["gan", "vae"]),
        "dg_hidden": lambda: _choose(at.slider(key="dg_hidden"), rng, [4, 8]),
        "dg_steps": lambda: _choose(at.slider(key="dg_steps"), rng, [100, 200]),
        "dg_lr": lambda: _choose(at.select_slider(key="dg_lr"), rng),
        "dg_batch": lambda: _choose(at.select_slider(key="dg_batch"), rng),
        "dg_noise": lambda: _choose(at.slider(key="dg_noise"), rng, [1, 8]),
        "dg_beta": lambda: _choose(at.select_slider(key="dg_beta"), rng),
        "dg_seed": lambda: at.number_input(key="dg_seed").set_value(rng.randint(0, 2)),
        "dg_tseed": lambda: at.number_input(key="dg_tseed").set_value(rng.randint(0, 2)),
    }
    done = [(key, settings[key]()) for key in rng.sample(sorted(settings), rng.randint(1, 2))]
    at.button(key="dg_train").click()
    return done


STEPS = {
    "pages/overview.py": {"next": _click("tour_next"), "back": _click("tour_prev")},
    "pages/explorer.py": {name: _explorer(name) for name in EXPLORER_STEPS},
    "pages/learning_curves.py": {
        "both": _click("lc_both"),
        "models": lambda at, rng: _choose(at.multiselect(key="lc_models"), rng,
                                          [rng.sample(LIGHT_MODELS, rng.randint(1, 3))]),
        "scenario": lambda at, rng: _pick(at.selectbox(key="lc_scenario"), rng,
                                          {k: s.label for k, s in SCENARIOS.items()}),
        "n_max": lambda at, rng: _choose(at.select_slider(key="lc_n_max"), rng, [50, 100]),
        "repeats": lambda at, rng: _choose(at.slider(key="lc_repeats"), rng, [10, 20]),
        "seed": lambda at, rng: at.number_input(key="lc_seed").set_value(rng.randint(0, 2)),
        "more": _click("lc_more"),
    },
    "pages/generative_powers.py": {
        "dataset": lambda at, rng: _pick(at.selectbox(key="pw_dataset"), rng, DATASET_LABELS),
        "gen": lambda at, rng: _pick(at.selectbox(key="pw_gen"), rng, MODEL_LABELS),
        "disc": lambda at, rng: _pick(at.selectbox(key="pw_disc"), rng, MODEL_LABELS),
        "n": lambda at, rng: _choose(at.slider(key="pw_n"), rng, [60, 100, 160]),
        "percentile": lambda at, rng: _choose(at.slider(key="pw_pct"), rng, [0.0, 5.0, 50.0]),
        "hide": lambda at, rng: _choose(at.radio(key="pw_hide"), rng, ["x1", "x2"]),
        "labels": lambda at, rng: _choose(at.slider(key="pw_k"), rng, [2, 5, 50]),
        "em_step": lambda at, rng: _choose(at.slider(key="pw_iter"), rng, [0, 1, at.slider(key="pw_iter").max]),
        "copies": lambda at, rng: _choose(at.slider(key="pw_cal_copies"), rng, [0, 3, 10]),
        "class": lambda at, rng: _choose(at.selectbox(key="pw_cal_class"), rng),
    },
    "pages/deep_generative.py": {
        "train": _deep_form,
        "step": lambda at, rng: _choose(at.select_slider(key="dg_step"), rng),
        "play": _play_or_pause,
        "explicit": lambda at, rng: _pick(at.selectbox(key="dg_explicit"), rng, MODEL_LABELS),
        "preset": lambda at, rng: _click(f"dg_preset_{rng.choice(['collapse', 'blurry'])}")(at, rng),
    },
    "pages/cheatsheet.py": {"csv": _click("cheatsheet_csv"), "markdown": _click("cheatsheet_md")},
    "pages/quiz.py": {
        "topics": lambda at, rng: at.multiselect(key="quiz_topics").set_value(rng.sample(list(TOPICS),
                                                                                         rng.randint(0, 3))),
        "shuffle": lambda at, rng: at.toggle(key="quiz_shuffle").set_value(not at.toggle(key="quiz_shuffle").value),
        "pick": _quiz_pick,
        "check": _click("quiz_check"),
        "next": _click("quiz_next"),
        "back": _click("quiz_prev"),
        "start_over": _click("quiz_reset"),
        "forget_me": _click("quiz_forget"),
        "mock": lambda at, rng: at.toggle(key="quiz_mock").set_value(not at.toggle(key="quiz_mock").value),
        "mock_next": _click("quiz_mock_next"),
    },
}


@pytest.fixture
def quick_judge(monkeypatch):
    """The deep page's random-forest judge (1-2 s a call, three per training) is checked in test_claims_deep.py."""
    for module in (core.deep_eval, deep_generative):
        monkeypatch.setattr(module, "two_sample_accuracy", lambda X_real, X_generated, seed=0: 0.6)


def switch(at, page: str, visited: set):
    """A page from the menu: no query, except a light link on a heavy page's first visit."""
    at.query_params.clear()
    if page not in visited:
        for key, value in FIRST_LINK.get(page, {}).items():
            at.query_params[key] = value
        visited.add(page)
    at.switch_page(page)


def visits(rng) -> list:
    """Every page once in a random order, then revisits (a page keeps its widgets' values across a visit)."""
    order = rng.sample(sorted(STEPS), len(STEPS))
    return order + [rng.choice(sorted(STEPS)) for _ in range(VISITS - len(order))]


def random_walk(rng, after_each=None) -> tuple:
    """(AppTest, history) of a walk over ``visits(rng)``; ``after_each(at, history)`` runs after every action."""
    at, visited, history = open_page("pages/overview.py"), set(), []
    for page in visits(rng):
        switch(at, page, visited)
        history.append(("switch", page))
        at.run()
        if after_each:
            after_each(at, history)
        for _ in range(rng.randint(*STEPS_PER_VISIT)):
            name = rng.choice(sorted(STEPS[page]))
            try:
                history.append((page, name, STEPS[page][name](at, rng)))
            except KeyError as missing:  # a control the page does not show now (an error message instead, ...)
                history.append((page, name, f"not shown: {missing}"))
                continue
            at.run()
            if after_each:
                after_each(at, history)
    return at, history


def no_exception(at, history):
    assert not at.exception, (history, [e.value for e in at.exception])


@pytest.mark.parametrize("walk", range(WALKS))
def test_a_random_walk_over_every_page_never_shows_a_traceback(walk, quick_judge):
    at, history = random_walk(random.Random(walk), no_exception)
    assert_clean(at)
    assert {step[1] for step in history if step[0] == "switch"} == set(STEPS)  # every page was visited
