"""The REST API (FastAPI): ``create_app(db, settings)``; ``newslens serve`` runs it."""

from newslens.api.app import create_app
from newslens.api.settings import ServerSettings

__all__ = ["ServerSettings", "create_app"]
