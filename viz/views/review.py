"""Review: the page script; the logic is in actorgraph.viz.review."""

from actorgraph.viz.review import render

render()
