"""The `export`, `sparql` and `validate` commands: the graph as RDF, Gephi and CSV files.

Registered on the app when actorgraph.cli imports this module.
"""

from __future__ import annotations

import contextlib
import re
import sys
from pathlib import Path
from typing import Annotated

import typer

from actorgraph.cli.app import FormatOption, StoreOption, app, check_format, friendly, progress_bar
from actorgraph.errors import ActorgraphError, InputError
from actorgraph.graph import open_store
from actorgraph.graph.export import CSV_FORMAT, FORMATS, export, import_command, work_units
from actorgraph.graph.rdf import RDF_FORMATS, Description, write_rdf
from actorgraph.graph.sparql_limit import DEFAULT_TIMEOUT
from actorgraph.output import print_rows
from actorgraph.schema.namespaces import DEFAULT_BASE

BaseOption = Annotated[str, typer.Option("--base", help="Base IRI of actors, articles and claims.")]


def _pick_format(fmt: str | None, output: Path | None) -> str:
    if fmt is None:
        if output is None or not output.suffix:
            return "ttl" if output is None else CSV_FORMAT
        fmt = output.suffix.lstrip(".")
    fmt = {"turtle": "ttl", "json": "jsonld", "ntriples": "nt", "nquads": "nq"}.get(fmt, fmt)
    if fmt not in FORMATS:
        raise ActorgraphError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    return fmt


@app.command("export")
@friendly
def export_command(
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="File to write (a folder for csv); RDF may go to stdout."
        ),
    ] = None,
    fmt: Annotated[
        str | None,
        typer.Option("--format", "-f", help=f"{'|'.join(FORMATS)} (default: from -o, else ttl)."),
    ] = None,
    base: BaseOption = DEFAULT_BASE,
    ontology: Annotated[
        bool, typer.Option("--ontology", help="Write the OWL ontology (Turtle) instead.")
    ] = False,
    shapes: Annotated[
        bool, typer.Option("--shapes", help="Write the SHACL shapes (Turtle) instead.")
    ] = False,
    license: Annotated[
        str | None,
        typer.Option(
            "--license",
            help="The licence of an RDF export, an IRI (dcterms:license of its description).",
        ),
    ] = None,
    creator: Annotated[
        str | None,
        typer.Option("--creator", help="Who publishes an RDF export (dcterms:creator)."),
    ] = None,
    store: StoreOption = None,
) -> None:
    """Export the graph as RDF (ttl, nt, jsonld, nq, trig), GraphML/GEXF or neo4j-admin CSV."""
    if ontology or shapes:
        from actorgraph.schema.ontology import shipped_ontology
        from actorgraph.schema.shapes import shapes_turtle

        text = shipped_ontology() if ontology else shapes_turtle()
        if output:
            output.write_text(text, encoding="utf-8")
        else:
            sys.stdout.write(text)
        return
    form = _pick_format(fmt, output)
    described = Description(license=_license_iri(license), creator=creator)
    if output is None and form not in RDF_FORMATS:
        raise InputError(f"--format {form} needs -o (a {'folder' if form == 'csv' else 'file'})")
    with open_store(store) as graph:
        total = work_units(graph, form)
        with progress_bar(f"exporting {form}", total) as advance:
            if output is None:
                write_rdf(
                    graph, sys.stdout.buffer, form, base=base, progress=advance, described=described
                )
                sys.stdout.flush()
                return
            done = export(graph, form, output, base=base, progress=advance, described=described)
    triples = f"{done.triples} triples, " if done.triples is not None else ""
    typer.echo(
        f"wrote {output}: {triples}{done.articles} articles, {done.actors} actors, "
        f"{done.edges} edges",
        err=True,
    )
    if form == CSV_FORMAT:
        typer.echo(f"load it into an empty Neo4j with:\n  {import_command(output)}", err=True)


def _license_iri(license: str | None) -> str | None:
    """A licence must be an absolute IRI (a licence's page), not a name like "CC-BY"."""
    if license is not None and not re.match(r"^https?://\S+$", license):
        raise InputError(
            f"--license {license!r} is not an IRI; give the licence's address, "
            "e.g. https://creativecommons.org/licenses/by/4.0/"
        )
    return license


def _query_text(query: str) -> str:
    """The query itself, or the contents of a .rq/.sparql file it names."""
    path = Path(query)
    if path.suffix in (".rq", ".sparql") and path.is_file():
        return path.read_text(encoding="utf-8")
    return query


def _serve_sparql(supply: object, port: int, options: object, what: str) -> None:
    """Serve the endpoint until Ctrl+C."""
    from actorgraph.graph.sparql_server import make_server

    try:
        server = make_server(supply, port, options=options)  # type: ignore[arg-type]
    except OSError as error:
        raise ActorgraphError(f"cannot listen on 127.0.0.1:{port}: {error}") from None
    bound = server.server_address[1]
    typer.echo(
        f"SPARQL endpoint on http://127.0.0.1:{bound}/sparql ({what}); Ctrl+C stops it",
        err=True,
    )
    with contextlib.suppress(KeyboardInterrupt):
        server.serve_forever()
    server.server_close()


@app.command()
@friendly
def sparql(
    query: Annotated[
        str | None, typer.Argument(help="A SPARQL query, or a .rq file holding one.")
    ] = None,
    fmt: FormatOption = "table",
    serve: Annotated[
        bool, typer.Option("--serve", help="Serve a SPARQL 1.1 endpoint on 127.0.0.1 instead.")
    ] = False,
    port: Annotated[
        int, typer.Option(help="The endpoint's port on 127.0.0.1.", min=1, max=65535)
    ] = 7878,
    data: Annotated[
        Path | None, typer.Option("--data", help="Query this export file instead of the store.")
    ] = None,
    timeout: Annotated[
        float,
        typer.Option(
            "--timeout", min=0, help="Stop a query after this many seconds (0: no limit)."
        ),
    ] = DEFAULT_TIMEOUT,
    allow_service: Annotated[
        bool,
        typer.Option(
            "--allow-service",
            help="Let queries use SERVICE <url> (this machine then fetches that URL).",
        ),
    ] = False,
    base: BaseOption = DEFAULT_BASE,
    store: StoreOption = None,
) -> None:
    """Run a SPARQL query over the graph (its RDF export, in memory), or serve an endpoint."""
    from actorgraph.graph.sparql import SparqlGraph
    from actorgraph.graph.sparql_live import FixedGraph, LiveGraph
    from actorgraph.graph.sparql_server import EndpointOptions

    check_format(fmt)
    if not serve and not query:
        raise InputError("give a SPARQL query (or a .rq file), or --serve")
    options = EndpointOptions(timeout=timeout or None, allow_service=allow_service)
    if data is not None:
        if not data.is_file():
            raise InputError(f"no such file: {data}")
        graph = SparqlGraph.from_file(str(data), base)
        if serve:
            return _serve_sparql(FixedGraph(graph), port, options, f"{len(graph)} quads")
    else:
        with open_store(store) as source:
            if serve:
                live = LiveGraph(source, base)
                what = f"{len(live.current())} quads, kept up to date with the store"
                return _serve_sparql(live, port, options, what)
            graph = SparqlGraph.load(source, base)
    assert query is not None
    result = graph.select(_query_text(query), allow_service=allow_service, timeout=options.timeout)
    print_rows(result.columns, result.rows, fmt)


@app.command()
@friendly
def validate(
    file: Annotated[Path, typer.Argument(help="An RDF export (ttl, nt, jsonld, nq, trig).")],
) -> None:
    """Check an RDF export against actorgraph's SHACL shapes; exit 1 on any violation."""
    from actorgraph.graph.rdf import load_rdflib
    from actorgraph.schema.shapes import validate as shacl_validate

    if not file.is_file():
        raise InputError(f"no such file: {file}")
    data = load_rdflib(file)
    results = shacl_validate(data)
    for result in results:
        typer.echo(result.line())
    violations = sum(r.severity == "Violation" for r in results)
    warnings = len(results) - violations
    summary = f"{file}: {len(data)} triples, {violations} violations, {warnings} warnings"
    if violations:
        typer.echo(summary, err=True)
        raise typer.Exit(1)
    typer.echo(f"{summary}; conforms")
