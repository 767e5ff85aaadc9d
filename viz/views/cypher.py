"""Cypher: the page script; the logic is in actorgraph.viz.cypher_console."""

from actorgraph.viz.cypher_console import render

render()
