"""Article: the page script; the logic is in actorgraph.viz.article."""

from actorgraph.viz.article import render

render()
