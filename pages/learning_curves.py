import streamlit as st
st.title('learning_curves (work in progress)')
