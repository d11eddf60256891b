"""CLI commands for the server: serve, and token create | list | revoke."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from newslens.cli_common import JsonOption, State, console, err_console, open_store, print_json
from newslens.errors import InputError


def register(app: typer.Typer) -> None:
    """Add the server commands to the app."""

    @app.command()
    def serve(
        host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
        port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
        read_token_required: Annotated[
            bool,
            typer.Option(
                "--read-token-required",
                help="Reads need a token too (also NEWSLENS_READ_TOKEN_REQUIRED=1).",
            ),
        ] = False,
        spool_dir: Annotated[
            Path | None,
            typer.Option(help="Folder for uploads waiting for their job (NEWSLENS_SPOOL_DIR)."),
        ] = None,
        no_jobs: Annotated[
            bool,
            typer.Option(
                "--no-jobs", help="Do not run ingest jobs in this process (NEWSLENS_RUN_JOBS=0)."
            ),
        ] = False,
        log_level: Annotated[str, typer.Option(help="uvicorn log level.")] = "info",
    ) -> None:
        """Run the REST API and web UI (uvicorn) over the store."""
        import uvicorn

        from newslens.api import ServerSettings, create_app

        settings = ServerSettings.from_env(
            read_token_required=True if read_token_required else None,
            spool_dir=spool_dir,
            run_jobs=False if no_jobs else None,
        )
        server_app = create_app(State.db, settings)
        store = server_app.state.store
        reads = "need a token" if settings.read_token_required else "open"
        err_console.print(
            f"newslens serving {store.url} on http://{host}:{port} "
            f"(API docs at /api/v1/docs; reads {reads})"
        )
        uvicorn.run(server_app, host=host, port=port, log_level=log_level, proxy_headers=True)

    token_app = typer.Typer(
        help="Create, list and revoke API tokens (writes to the API need one).",
        no_args_is_help=True,
    )
    app.add_typer(token_app, name="token")

    @token_app.command("create")
    def token_create(
        name: Annotated[str, typer.Option(help="Who or what the token is for.")] = "",
    ) -> None:
        """Create a token and print it once (only its hash is stored)."""
        from newslens.api.tokens import create_token

        made = create_token(open_store(), name)
        sys.stdout.write(made.plain + "\n")
        err_console.print(
            f"token {made.token.id} created{f' for {name}' if name else ''}. It is shown once: "
            "keep it secret; send it as 'Authorization: Bearer <token>'."
        )

    @token_app.command("list")
    def token_list(as_json: JsonOption = False) -> None:
        """List tokens: id, name, created, last used, revoked (never the tokens themselves)."""
        found = open_store().tokens()
        rows = [
            {
                "id": t.id,
                "name": t.name,
                "created_at": t.created_at.isoformat(),
                "last_used_at": t.last_used_at.isoformat() if t.last_used_at else None,
                "revoked_at": t.revoked_at.isoformat() if t.revoked_at else None,
            }
            for t in found
        ]
        if as_json:
            print_json(rows)
            return
        if not rows:
            console.print("No tokens yet: create one with [bold]newslens token create[/].")
            return
        table = Table(title=f"API tokens ({len(rows)})", title_justify="left")
        for column in ("id", "name", "created", "last used", "revoked"):
            table.add_column(column, style="cyan" if column == "id" else None)
        for row in rows:
            cells = [row["created_at"], row["last_used_at"], row["revoked_at"]]
            table.add_row(row["id"], row["name"], *[(c or "")[:19] for c in cells])
        console.print(table)

    @token_app.command("revoke")
    def token_revoke(
        token_id: Annotated[
            str, typer.Argument(help="The token's id (see `newslens token list`).")
        ],
    ) -> None:
        """Revoke a token: requests carrying it are refused from now on."""
        store = open_store()
        if not store.revoke_token(token_id):
            raise InputError(
                f"no active token {token_id!r} in {store.url}; see `newslens token list`"
            )
        err_console.print(f"token {token_id} revoked")
