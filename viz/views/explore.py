"""Explore: the page script; the logic is in actorgraph.viz.explore."""

from actorgraph.viz.explore import render

render()
