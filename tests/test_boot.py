"""ui.boot: after its first page a process hides what it imported from the garbage collector, once, and collects
young objects less often."""

import gc

from apptest_utils import APP
from streamlit.testing.v1 import AppTest

from ui import boot


def test_the_first_page_of_a_process_freezes_what_it_imported_once():
    AppTest.from_file(APP, default_timeout=120).run()
    frozen = gc.get_freeze_count()
    assert boot._FROZEN.is_set() and frozen > 10_000  # the modules of Streamlit, scikit-learn, plotly...
    assert gc.get_threshold() == boot.GC_THRESHOLD
    boot.freeze_startup_objects()  # a later call changes nothing
    assert gc.get_freeze_count() == frozen
