"""Figure builders: arrays in, plotly figures out, one module per page or kind of chart. No streamlit."""
