"""Command line: one function per verb, each a thin shell over App and the stages."""

from __future__ import annotations

import asyncio
import json
import sys
import tempfile
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from monitor.errors import ConfigError

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Watch news feeds for new ISIS-related security incidents in Syria.")
alerts_app = typer.Typer(no_args_is_help=True, help="Inspect and manage the alert outbox.")
app.add_typer(alerts_app, name="alerts")

err = Console(stderr=True)
out = Console()

ConfigOpt = Annotated[Path, typer.Option("--config", "-c", envvar="MONITOR_CONFIG_DIR",
                                         help="Config directory (settings.yaml, feeds.yaml, "
                                              "watchlists/).")]
DEFAULT_CONFIG = Path("config")


def _fail_config(exc: ConfigError) -> typer.Exit:
    err.print(f"[bold red]invalid configuration[/] ({len(exc.problems)} problem(s)):")
    for p in exc.problems:
        err.print(f"  • {p}", markup=False, highlight=False, soft_wrap=True)
    return typer.Exit(2)


def _load(config: Path, *, need_watchlists: bool = True) -> tuple[Any, Any]:
    """Settings and detector, or exit 2 with every config problem listed."""
    from monitor.detect import Detector
    from monitor.logs import configure_logging
    from monitor.settings import load_settings

    problems = []
    settings = detector = None
    try:
        settings = load_settings(config)
    except ConfigError as exc:
        problems += exc.problems
    if need_watchlists:
        try:
            detector = Detector.load(config / "watchlists")
        except ConfigError as exc:
            problems += exc.problems
    if problems:
        raise _fail_config(ConfigError(problems))
    configure_logging(settings.logging.level, settings.logging.format)
    return settings, detector


@app.command()
def run(config: ConfigOpt = DEFAULT_CONFIG,
        once: Annotated[bool, typer.Option(help="Poll every feed once, deliver, exit.")] = False
        ) -> None:
    """Run the daemon: poll feeds on schedule, alert, until SIGTERM/SIGINT."""
    from monitor.app import App
    from monitor.notify.senders import build_senders
    from monitor.scheduler import Daemon

    settings, detector = _load(config)
    try:
        senders = build_senders(settings.notify, data_dir=settings.data_dir)
    except ConfigError as exc:
        raise _fail_config(exc) from None

    async def main() -> int:
        try:
            application = App.build(settings, detector=detector, senders=senders)
        except Exception as exc:  # store unreachable, disk full, bad permissions…
            from monitor.store.db import redact_dsn

            err.print(f"[bold red]cannot open the store[/] {redact_dsn(settings.store_url)}: "
                      f"{type(exc).__name__}: {' '.join(str(exc).split())[:300]}",
                      highlight=False, soft_wrap=True)
            return 3
        try:
            return await Daemon(application, once=once).run()
        finally:
            await application.aclose()

    raise typer.Exit(asyncio.run(main()))


@app.command("check-config")
def check_config(config: ConfigOpt = DEFAULT_CONFIG) -> None:
    """Validate settings, feeds, watchlists and routes; exit 2 listing every problem."""
    from monitor.errors import ConfigProblem
    from monitor.notify.admin import sample_alert
    from monitor.notify.render import Renderer
    from monitor.notify.senders import build_senders

    settings, detector = _load(config)
    problems = []
    try:
        build_senders(settings.notify, data_dir=settings.data_dir)
    except ConfigError as exc:
        problems += exc.problems
    tdir = settings.notify.templates_dir
    if tdir is not None and not tdir.is_dir():
        problems.append(ConfigProblem("settings.yaml", "notify.templates_dir", f"not a directory: {tdir}"))
    else:
        # Render every template once, so a broken override fails here, not at 3 a.m.
        problems += [ConfigProblem(str(tdir or "monitor/templates"), "notify.templates_dir", p)
                     for p in Renderer(tdir).check(sample_alert())]
    if problems:
        raise _fail_config(ConfigError(problems))
    out.print(f"[green]ok[/]: {len(settings.feeds)} feeds ({len(settings.enabled_feeds)} enabled), "
              f"{len(detector.watchlists)} watchlists, {len(settings.notify.routes)} routes")


@app.command()
def replay(
    paths: Annotated[list[Path], typer.Argument(help="RSS/Atom files or directories.")],
    config: ConfigOpt = DEFAULT_CONFIG,
    fmt: Annotated[str, typer.Option("--format", help="text or jsonl")] = "text",
    notify: Annotated[bool, typer.Option(help="Deliver alerts through the routes.")] = False,
) -> None:
    """Replay recorded feeds in publication order against a fresh store; one decision per item."""
    from monitor.replay import load_items, render_text

    if fmt not in ("text", "jsonl"):
        raise typer.BadParameter("--format must be text or jsonl")
    settings, detector = _load(config)
    try:
        report = load_items(paths, {f.name: f.language for f in settings.feeds})
    except FileNotFoundError as exc:
        err.print(f"[red]{exc}[/]")
        raise typer.Exit(2) from None
    for path, reason in report.errors:
        err.print(f"[yellow]skipped[/] {path}: {reason}", highlight=False)
    for rec in _replay_records(settings, detector, report.items, notify):
        print(json.dumps(rec, ensure_ascii=False) if fmt == "jsonl" else render_text(rec))


def _replay_records(settings: Any, detector: Any, items: list[Any], notify: bool,
                    ) -> list[dict[str, Any]]:
    from rich.progress import Progress

    from monitor.app import App
    from monitor.replay import decision_record, run_replay

    with tempfile.TemporaryDirectory(prefix="monitor-replay-") as tmp:
        application = App.build(settings, detector=detector, durable=False,
                                store_url=f"sqlite:///{Path(tmp) / 'replay.db'}")
        try:
            # A progress bar on stderr for long replays; invisible when piped or in CI.
            with Progress(console=err, transient=True, disable=not err.is_terminal) as bar:
                task = bar.add_task("replaying", total=len(items))
                records = [decision_record(d) for d in run_replay(
                    application.pipeline, items, notify=notify,
                    progress=lambda: bar.advance(task))]
            if notify:
                asyncio.run(application.deliver_once())
        finally:
            asyncio.run(application.aclose())
    return records


@app.command("eval")
def evaluate(
    paths: Annotated[list[Path] | None, typer.Argument(help="Labelled feed dirs.")] = None,
    config: ConfigOpt = DEFAULT_CONFIG,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
) -> None:
    """Score detection on a labelled set: precision, recall, event recall, extraction accuracy."""
    from monitor.evaluate import load_labels, score
    from monitor.replay import load_items

    paths = paths or [Path("fixtures")]
    settings, detector = _load(config)
    report = load_items(paths, {f.name: f.language for f in settings.feeds})
    records = _replay_records(settings, detector, report.items, notify=False)
    incident_lists = {w.name for w in detector.watchlists if w.kind == "incident"}
    rep = score(records, load_labels(paths), incident_lists)
    if as_json:
        print(json.dumps(rep.summary(), ensure_ascii=False))
        return
    from monitor.evalreport import print_report

    print_report(out, rep)


@app.command()
def explain(
    source: Annotated[str, typer.Argument(help="A feed file, an http(s) URL, or - for stdin.")],
    config: ConfigOpt = DEFAULT_CONFIG,
    item: Annotated[str | None, typer.Option(help="Only the entry with this id or link.")] = None,
) -> None:
    """Show how each item of a feed (or a plain text on stdin) is normalised, matched and decided."""
    from monitor.explaincmd import explain_source

    _, detector = _load(config)
    raise typer.Exit(explain_source(detector, source, item, out))


@app.command("test-alert")
def test_alert(
    route: Annotated[str, typer.Option("--route", help="Route name or tag to send through.")],
    config: ConfigOpt = DEFAULT_CONFIG,
) -> None:
    """Send a sample alert through one configured route and report success or the reason."""
    from monitor.notify.admin import send_test_alert
    from monitor.notify.senders import build_senders

    settings, _ = _load(config, need_watchlists=False)
    try:
        senders = build_senders(settings.notify, data_dir=settings.data_dir)
    except ConfigError as exc:
        raise _fail_config(exc) from None
    names = [r.name for r in settings.notify.routes if r.name == route or route in r.tags]
    if not names:
        err.print(f"[red]no route named or tagged {route!r}[/]; routes: "
                  + ", ".join(r.name for r in settings.notify.routes))
        raise typer.Exit(2)
    failed = 0
    for name in names:
        ok, reason = asyncio.run(send_test_alert(senders, name))
        failed += not ok
        out.print(f"{name}: " + ("[green]sent[/]" if ok else f"[red]failed[/]: {reason}"),
                  highlight=False)
    raise typer.Exit(1 if failed else 0)


@app.command()
def healthcheck(
    config: ConfigOpt = DEFAULT_CONFIG,
    max_age: Annotated[float | None, typer.Option(help="Seconds; default 3× the shortest "
                                                        "feed interval.")] = None,
) -> None:
    """Exit 0 when the daemon completed a cycle recently, 1 otherwise (Docker HEALTHCHECK)."""
    from monitor.heartbeat import check_heartbeat
    from monitor.settings import load_settings

    try:
        settings = load_settings(config)
    except ConfigError as exc:
        raise _fail_config(exc) from None
    intervals = [f.interval_seconds for f in settings.enabled_feeds] or [300]
    ok, reason = check_heartbeat(settings.data_dir, max_age or 3 * min(intervals) + 60)
    (out if ok else err).print(("healthy: " if ok else "unhealthy: ") + reason, highlight=False)
    raise typer.Exit(0 if ok else 1)


def _outbox(config: Path) -> Any:
    from monitor.outbox import Outbox
    from monitor.store.db import open_database

    settings, _ = _load(config, need_watchlists=False)
    return Outbox(open_database(settings.store_url))


@alerts_app.command("list")
def alerts_list(config: ConfigOpt = DEFAULT_CONFIG,
                status: Annotated[str | None, typer.Option(help="pending, sent, dead, held…")]
                = None) -> None:
    """List alerts in the outbox, per route."""
    from monitor.notify.admin import list_alerts, render_alerts

    render_alerts(out, list_alerts(_outbox(config), status))


@alerts_app.command("retry")
def alerts_retry(ids: Annotated[list[int] | None, typer.Argument()] = None,
                 config: ConfigOpt = DEFAULT_CONFIG,
                 all_dead: Annotated[bool, typer.Option("--all-dead")] = False) -> None:
    """Make dead (or given) alerts due again."""
    from monitor.notify.admin import retry_alerts

    if not ids and not all_dead:
        raise typer.BadParameter("give alert ids or --all-dead")
    n = retry_alerts(_outbox(config), None if all_dead else ids)
    out.print(f"{n} alert(s) scheduled for retry")


@alerts_app.command("purge")
def alerts_purge(status: Annotated[str, typer.Option(help="sent or dead")] = "sent",
                 older_than_days: Annotated[float, typer.Option()] = 30.0,
                 config: ConfigOpt = DEFAULT_CONFIG) -> None:
    """Delete sent or dead alerts older than N days."""
    from monitor.notify.admin import purge_alerts

    n = purge_alerts(_outbox(config), status, older_than_days)
    out.print(f"{n} alert(s) purged")


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)


if __name__ == "__main__":
    main()
