"""Analytics: the page script; the logic is in actorgraph.viz.analytics."""

from actorgraph.viz.analytics import render

render()
