"""Overview: the page script; the logic is in actorgraph.viz.overview."""

from actorgraph.viz.overview import render

render()
