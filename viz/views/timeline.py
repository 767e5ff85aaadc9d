"""Timeline: the page script; the logic is in actorgraph.viz.timeline."""

from actorgraph.viz.timeline import render

render()
