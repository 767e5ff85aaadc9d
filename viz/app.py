"""The actorgraph app: ``streamlit run viz/app.py -- --store URL`` (or set ACTORGRAPH_STORE).

This entry only sets the page up and routes; the pages draw what actorgraph.graph returns.
"""

import streamlit as st

import actorgraph
from actorgraph.graph import mask_url
from actorgraph.viz import canvas, routes
from actorgraph.viz.connect import store_url

st.set_page_config(page_title="actorgraph", page_icon="🕸️", layout="wide")
page = st.navigation(routes.all_pages())
with st.sidebar:
    st.caption(f"actorgraph {actorgraph.__version__}  \nStore: `{mask_url(store_url())}`")
    canvas.install_script()  # refits the graphs on resize and fullscreen, hover titles
page.run()
