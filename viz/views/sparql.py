"""SPARQL: the page script; the logic is in actorgraph.viz.sparql_console."""

from actorgraph.viz.sparql_console import render

render()
