"""Streamlit-side helpers shared by pages: cached core calls, widgets from the model schema, view state.

Only this package and pages/ import streamlit; core/ never does.
"""
