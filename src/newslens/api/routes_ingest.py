"""Write endpoints: ``POST /ingest`` makes a background job; ``GET /jobs/{id}`` follows it.

Three request shapes: ``multipart/form-data`` with one or more files; a JSONL body
(``application/x-ndjson`` or ``application/jsonl``); JSON ``{"urls": [...]}``. Files are
checked, spooled to disk and recorded in the job row before the answer (202) goes out, so a
server restart loses nothing.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from starlette.datastructures import UploadFile

from newslens.api.auth import authenticate, require_write
from newslens.api.errors import ApiError, not_found
from newslens.api.jobs import JobRunner, job_record, new_job_id, spool_root
from newslens.api.params import Limit, Offset, envelope, page_of
from newslens.api.uploads import Spooled, safe_name, spool_file, unique_name, write_spooled
from newslens.ingest import readers
from newslens.store import Store
from newslens.store.server import ApiToken

router = APIRouter()

JSONL_TYPES = {"application/x-ndjson", "application/jsonl", "application/x-jsonlines"}
MAX_URLS = 10_000
_URL = re.compile(r"https?://[^\s/]+\S*", re.IGNORECASE)


def _store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def _format(value: str) -> str:
    if value != "auto" and value not in readers:
        known = ", ".join(readers.names())
        raise ApiError(
            422, "invalid_request", f"format {value[:40]!r} is unknown; use auto or {known}"
        )
    return value


async def _spool_multipart(request: Request, folder: Path) -> list[Spooled]:
    form = await request.form(max_files=1000, max_fields=100)
    try:
        uploads = [v for _, v in form.multi_items() if isinstance(v, UploadFile)]
        if not uploads:
            raise ApiError(
                422,
                "invalid_request",
                "the form holds no file; send files as multipart fields (e.g. curl -F "
                "files=@a.jsonl)",
            )
        taken: set[str] = set()
        spooled = []
        for upload in uploads:
            name = unique_name(safe_name(upload.filename), taken)
            spooled.append(await run_in_threadpool(spool_file, upload.file, folder, name))
        return spooled
    finally:
        await form.close()


async def _spool_jsonl(request: Request, folder: Path, name: str | None) -> list[Spooled]:
    data = await request.body()  # bounded by the request size limit
    filename = safe_name(name, "upload.jsonl")
    if not filename.lower().removesuffix(".gz").endswith((".jsonl", ".ndjson", ".jsonlines")):
        filename += ".jsonl"
    return [await run_in_threadpool(write_spooled, folder, filename, data)]


async def _spool_urls(request: Request, folder: Path) -> list[Spooled]:
    try:
        payload = json.loads(await request.body())
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise ApiError(
            422, "invalid_request", 'the body is not JSON; send {"urls": [...]}'
        ) from None
    urls = payload.get("urls") if isinstance(payload, dict) else None
    if not isinstance(urls, list) or not urls or len(urls) > MAX_URLS:
        raise ApiError(
            422,
            "invalid_request",
            f'send {{"urls": ["https://...", ...]}} with 1 to {MAX_URLS} URLs',
        )
    bad = [u for u in urls if not isinstance(u, str) or len(u) > 2048 or not _URL.fullmatch(u)]
    if bad:
        shown = str(bad[0])[:80]
        raise ApiError(
            422, "invalid_request", f"{len(bad)} entries are not http(s) URLs, e.g. {shown!r}"
        )
    text = "\n".join(urls) + "\n"
    return [await run_in_threadpool(write_spooled, folder, "urls.urls", text.encode())]


@router.post("/ingest", status_code=202, summary="Upload files, JSONL or URLs to ingest (a job)")
async def ingest(
    request: Request,
    token: Annotated[ApiToken, Depends(require_write)],
    format: Annotated[str, Query(max_length=40, description="auto or a reader name.")] = "auto",
    outlet: Annotated[str | None, Query(max_length=200)] = None,
    build: Annotated[
        bool | None, Query(description="Run build after ingest (default: the server setting).")
    ] = None,
    name: Annotated[
        str | None, Query(max_length=200, description="File name for a JSONL body.")
    ] = None,
) -> JSONResponse:
    fmt = _format(format)
    store = _store(request)
    job_id = new_job_id()
    folder = spool_root(store, request.app.state.settings) / job_id
    kind = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    try:
        if kind == "multipart/form-data":
            files = await _spool_multipart(request, folder)
        elif kind in JSONL_TYPES:
            files = await _spool_jsonl(request, folder, name)
        elif kind == "application/json":
            files = await _spool_urls(request, folder)
        else:
            raise ApiError(
                415,
                "unsupported_media_type",
                f"cannot ingest a {kind or 'body without Content-Type'}; send multipart/form-data "
                'files, an application/x-ndjson body, or application/json {"urls": [...]}',
            )
        options = {
            "format": fmt,
            "outlet": outlet,
            "build": request.app.state.settings.build_after_ingest if build is None else build,
        }
        job = await run_in_threadpool(
            store.create_job,
            job_id,
            str(folder.resolve()),
            [f.as_dict() for f in files],
            options,
            token.id,
        )
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    runner: JobRunner | None = request.app.state.jobs
    if runner is not None:
        runner.wake()
    location = f"/api/v1/jobs/{job.id}"
    return JSONResponse(
        {**job_record(job), "url": location}, status_code=202, headers={"Location": location}
    )


@router.get("/jobs", summary="Ingest jobs, newest first (needs a token)")
def jobs(request: Request, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    authenticate(request)
    page = page_of(limit, offset)
    found, total = _store(request).jobs(limit, offset)
    return envelope([job_record(j) for j in found], total, page)


@router.get("/jobs/{job_id}", summary="One ingest job: status, counts, errors (needs a token)")
def job(request: Request, job_id: str) -> dict[str, Any]:
    authenticate(request)
    found = _store(request).get_job(job_id[:64])
    if found is None:
        raise not_found("job", job_id, "/api/v1/jobs")
    return job_record(found)
