"""When each family wins: test error against training-set size, after Ng & Jordan (2002)."""

import streamlit as st

from ui.boot import require_app
from ui.learning_curves import words
from ui.learning_curves.panels import (
    curves_panel,
    link_problems,
    notes_panel,
    scenario_facts,
    view_from_widgets,
    write_link,
)
from ui.learning_curves.state import plan_run
from ui.safe import link_warning

require_app("pages/learning_curves.py")
st.title("📈 When each family wins")
intro_slot = st.empty()  # filled once the scenario is known: the intro says how it is measured
link_slot = st.container()  # what was wrong with the opening link, above the controls

view = view_from_widgets()
with link_slot:
    if problems := link_problems(view):
        st.warning(link_warning(problems), icon="🔗")
write_link(view)
facts = scenario_facts(view.scenario, view.options)
intro_slot.markdown(words.intro(view.scenario, facts))
if not view.models:
    st.info("Pick at least one model to draw its learning curve.")
    st.stop()

curves_panel(view, facts, plan_run(view, facts["n_features"], facts["max_train_size"]))
notes_panel(view)
