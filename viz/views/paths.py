"""Paths: the page script; the logic is in actorgraph.viz.paths."""

from actorgraph.viz.paths import render

render()
