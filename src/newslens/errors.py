"""The exception hierarchy. The library raises; only the CLI, API and web translate.

Every message names the input, the reason and the fix::

    NewslensError
    ├── InputError            an input cannot be read as asked
    │   ├── UnknownFormatError    no reader recognises it, or an unknown --format name
    │   ├── ColumnMapError        --map names a column or field that does not exist
    │   └── InputNotFoundError    the path does not exist
    ├── ConfigError           a setting is invalid (database URL, config file)
    ├── StoreError            the database refused an operation
    │   └── MigrationError        the schema could not be brought up to date
    ├── ExportError           an export kind or format is not supported
    ├── EngineError           the distributed engine cannot start or reach its cluster
    └── QueryError            a query names no known actor, story or thread, or a bad range
"""

from __future__ import annotations


class NewslensError(Exception):
    """Base of every error newslens raises on purpose."""

    code = "newslens_error"


class InputError(NewslensError):
    code = "input_error"


class UnknownFormatError(InputError):
    code = "unknown_format"


class ColumnMapError(InputError):
    code = "column_map"


class InputNotFoundError(InputError):
    code = "input_not_found"


class ConfigError(NewslensError):
    code = "config_error"


class StoreError(NewslensError):
    code = "store_error"


class MigrationError(StoreError):
    code = "migration_error"


class ExportError(NewslensError):
    code = "export_error"


class EngineError(NewslensError):
    code = "engine_error"


class QueryError(NewslensError):
    code = "query_error"
