"""CLI commands over what `newslens build` makes: stories, threads, actors, evaluation."""

from __future__ import annotations

import json
import sys
from contextlib import closing
from pathlib import Path
from typing import Annotated

import typer

from newslens import render
from newslens.cli_common import (
    EngineOption,
    JsonOption,
    RayAddressOption,
    WorkersOption,
    console,
    open_store,
    print_json,
    progress_bar,
)
from newslens.errors import InputError


def register(app: typer.Typer) -> None:
    """Add the analysis commands to the app."""

    @app.command()
    def build(
        recluster: Annotated[
            bool, typer.Option(help="Forget every story and thread and cluster all articles again.")
        ] = False,
        spacy_model: Annotated[
            str | None,
            typer.Option(
                envvar="NEWSLENS_SPACY_MODEL",
                help="spaCy pipeline to parse with (default: en_core_web_sm, else its PyPI copy).",
            ),
        ] = None,
        processes: Annotated[int, typer.Option(help="Processes for spaCy's parsing.")] = 1,
        batch_size: Annotated[int, typer.Option(help="Articles per spaCy batch.")] = 32,
        lexicon: Annotated[
            Path | None,
            typer.Option(
                envvar="NEWSLENS_EVENT_LEXICON",
                help="Your event lexicon (TOML), read on top of the bundled one.",
            ),
        ] = None,
        recode: Annotated[
            bool,
            typer.Option(
                help="Code every article's events again (after a lexicon or model change)."
            ),
        ] = False,
        event_model: Annotated[
            str | None,
            typer.Option(
                "--event-model",
                envvar="NEWSLENS_EVENT_MODEL",
                help="Event classifier model (from `newslens train events`); 'none': lexicon only.",
            ),
        ] = None,
        engine: EngineOption = "local",
        ray_address: RayAddressOption = None,
        workers: WorkersOption = None,
        as_json: JsonOption = False,
    ) -> None:
        """Link duplicates, analyse the language, group stories and threads (incremental)."""
        from newslens.engine import open_engine
        from newslens.pipeline import build as run

        store = open_store()
        runner = open_engine(engine, ray_address, workers)
        with closing(runner), progress_bar() as progress:
            task = progress.add_task("building", total=None, current="")

            totals: dict[str, int | None] = {}

            def advance(stage: str, done: int) -> None:
                if stage not in totals:  # what is left when a stage first reports: its ETA
                    left = store.pending(stage)
                    totals[stage] = None if left is None else done + left
                    progress.reset(task, total=totals[stage], current="")
                progress.update(task, description=stage, completed=done)

            settings = {"model": spacy_model, "n_process": processes, "batch_size": batch_size}
            report = run(
                store,
                recluster=recluster,
                progress=advance,
                nlp_settings=settings,
                event_lexicon=str(lexicon) if lexicon else None,
                recode=recode,
                event_model=event_model,
                engine=runner,
            )
        if as_json:
            sys.stdout.write(json.dumps(report.as_dict()) + "\n")
            return
        render.build_report(console, report, store.url)

    @app.command()
    def stories(
        limit: Annotated[int, typer.Option(help="How many stories.")] = 30,
        offset: Annotated[int, typer.Option(help="Skip this many first.")] = 0,
        thread: Annotated[str | None, typer.Option(help="Only the stories of this thread.")] = None,
        as_json: JsonOption = False,
    ) -> None:
        """List stories, biggest first: label, dates, articles, outlets, thread."""
        from newslens.export import story_record

        found = open_store().stories(limit, offset, thread_id=thread)
        if as_json:
            rows = [story_record(s) for s in found]
            sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
            return
        render.story_table(console, found)

    @app.command()
    def story(
        story_id: Annotated[str, typer.Argument(help="A story id (see `newslens stories`).")],
        as_json: JsonOption = False,
    ) -> None:
        """Show one story: label, keywords, dates, outlets and its articles with their copies."""
        from newslens.export import article_record, story_record

        store = open_store()
        found = store.get_story(story_id)
        if found is None:
            raise InputError(
                f"no story {story_id!r} in {store.url}; list ids with `newslens stories`"
            )
        articles = [a for a in (store.get_article(i) for i in found.article_ids) if a]
        copies = store.copies_of(found.article_ids)
        if as_json:
            record = story_record(found)
            record["entities"] = list(found.entities)
            strip = ("body",)
            record["articles"] = [
                {k: v for k, v in article_record(a).items() if k not in strip} for a in articles
            ]
            record["copies"] = [
                {k: v for k, v in article_record(a).items() if k not in strip} for a in copies
            ]
            sys.stdout.write(json.dumps(record, ensure_ascii=False, indent=2) + "\n")
            return
        render.story_detail(console, found, articles, copies)

    @app.command()
    def threads(as_json: JsonOption = False) -> None:
        """List threads: stories that continue one another over weeks or months."""
        found = open_store().threads()
        if as_json:
            rows = [
                {
                    "id": t.id,
                    "label": t.label,
                    "start": t.start.isoformat() if t.start else None,
                    "end": t.end.isoformat() if t.end else None,
                    "story_ids": list(t.story_ids),
                }
                for t in found
            ]
            sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
            return
        render.thread_table(console, found)

    eval_app = typer.Typer(help="Measure quality against gold labels.", no_args_is_help=True)
    app.add_typer(eval_app, name="eval")

    @eval_app.command("clustering")
    def eval_clustering(
        gold: Annotated[
            Path, typer.Option(help='JSONL lines of {"url": ..., "label": ...} (or source_path).')
        ],
        as_json: JsonOption = False,
    ) -> None:
        """B-cubed precision, recall and F1 of the stories against gold story labels."""
        from newslens.evaluate import evaluate_clustering

        result = evaluate_clustering(open_store(), gold)
        if as_json:
            sys.stdout.write(json.dumps(result.as_dict()) + "\n")
            return
        render.clustering_scores(console, result)

    @eval_app.command("events")
    def eval_events(
        gold: Annotated[
            Path, typer.Option(help="JSONL gold sentences with their events (docs/formats.md).")
        ],
        event_model: Annotated[
            str | None,
            typer.Option(
                "--event-model", help="Model file to score (default: the bundled one; 'none')."
            ),
        ] = None,
        lexicon: Annotated[
            Path | None, typer.Option(help="Your event lexicon, read on top of the bundled one.")
        ] = None,
        flagged: Annotated[
            bool,
            typer.Option(help="Count negated, hypothetical and background events as predicted."),
        ] = False,
        as_json: JsonOption = False,
    ) -> None:
        """Precision, recall and F1 by event type, a confusion table, type + source country."""
        from newslens.evaluate_events import evaluate_events

        scores = evaluate_events(gold, event_model, str(lexicon) if lexicon else None, flagged)
        if as_json:
            sys.stdout.write(json.dumps(scores.as_dict()) + "\n")
            return
        render.event_scores(console, scores)

    train_app = typer.Typer(help="Train the learned components.", no_args_is_help=True)
    app.add_typer(train_app, name="train")

    @train_app.command("events")
    def train_events(
        out: Annotated[Path, typer.Option(help="Where to write the model (JSON).")],
        labels: Annotated[
            list[Path] | None,
            typer.Option(
                help="JSONL labelled sentences (repeatable; default: the bundled labels). "
                "Your own categories are welcome."
            ),
        ] = None,
        embedder: Annotated[
            str, typer.Option(help="Sentence embedder: minilm or spacy (docs/evaluation.md).")
        ] = "minilm",
        c: Annotated[float, typer.Option(help="Inverse regularisation strength.")] = 16.0,
        word_weight: Annotated[
            float,
            typer.Option(help="Weight of the word features beside the embedding; 0: none."),
        ] = 1.5,
        as_json: JsonOption = False,
    ) -> None:
        """Train the event-type classifier on labelled sentences; use it with
        `newslens build --event-model MODEL`."""
        from newslens.events.training import train_event_model

        model = train_event_model(labels or None, out, embedder, c, word_weight)
        summary = {"out": str(out), "embedder": model.embedder, **model.trained_on}
        if as_json:
            sys.stdout.write(json.dumps(summary) + "\n")
            return
        counts = ", ".join(f"{k} {v}" for k, v in model.trained_on["per_label"].items())
        console.print(
            f"[bold green]Trained[/] on {model.trained_on['sentences']} sentences "
            f"({counts}) with the {model.embedder} embedder: {out}"
        )

    @app.command()
    def actors(
        limit: Annotated[int, typer.Option(help="How many actors.")] = 50,
        offset: Annotated[int, typer.Option(help="Skip this many first.")] = 0,
        as_json: JsonOption = False,
    ) -> None:
        """List actors, most mentioned first, with kind, country, aliases and mention counts."""
        from newslens.export import actor_record

        found = open_store().actor_summaries(limit, offset)
        if as_json:
            rows = []
            for summary in found:
                row = actor_record(summary.actor)
                row["mentions"], row["articles"] = summary.mentions, summary.articles
                rows.append(row)
            print_json(rows)
            return
        render.actor_table(console, found)

    @app.command()
    def actor(
        name: Annotated[str, typer.Argument(help="An actor's name, alias or id.")],
        as_json: JsonOption = False,
    ) -> None:
        """Show one actor: kind, country, sector, roles, aliases, where it is mentioned and the
        pronouns and group phrases resolved to it (each with the mention it goes back to)."""
        from newslens.export import actor_record, reference_record

        store = open_store()
        found = store.find_actor(name)
        if found is None:
            raise InputError(
                f"no actor named {name!r} in {store.url}; list them with `newslens actors`"
            )
        mentions = store.actor_mentions(found.id)
        references = store.actor_references(found.id)
        if as_json:
            record = actor_record(found)
            record["mentions"] = [
                {"article_id": a, "text": t, "sentence": sentence} for a, t, sentence in mentions
            ]
            record["references"] = [reference_record(r) for r in references]
            print_json(record)
            return
        render.actor_detail(console, found, mentions, references)
