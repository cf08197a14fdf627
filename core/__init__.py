"""Pure numpy + scikit-learn core: datasets, models, surfaces, figures, experiments.

Nothing in this package imports streamlit (tests/core_tests/test_core_purity.py checks it).
"""
