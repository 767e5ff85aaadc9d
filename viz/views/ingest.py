"""Ingest: the page script; the logic is in actorgraph.viz.ingest_page."""

from actorgraph.viz.ingest_page import render

render()
