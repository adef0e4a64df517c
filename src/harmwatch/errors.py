"""Named errors, so callers (CLI, API, tests) can tell failures apart.

HarmwatchError
├── UserError            bad input from the person at the keyboard; CLI exit 1
│   ├── InputRejected    a report that cannot be stored (binary, empty, too big, ...)
│   ├── NotFound         a record id or file that does not exist; HTTP 404
│   └── BadQuery         an invalid filter or parameter; HTTP 400
├── FetchError           a URL could not be fetched
├── StoreError           the database refused or is in a bad state
│   └── MigrationError   the schema cannot be brought up to date
├── MissingExtra         an optional dependency is not installed (names the extra)
└── Unauthorized         a write without a valid token; HTTP 401
"""

from __future__ import annotations


class HarmwatchError(Exception):
    """Base class. ``status`` is the HTTP status the web layer answers with."""

    status: int = 500
    code: str = "internal_error"


class UserError(HarmwatchError):
    status = 400
    code = "bad_request"


class InputRejected(UserError):
    code = "input_rejected"


class NotFound(UserError):
    status = 404
    code = "not_found"


class BadQuery(UserError):
    code = "bad_query"


class FetchError(HarmwatchError):
    status = 502
    code = "fetch_failed"


class StoreError(HarmwatchError):
    code = "store_error"


class MigrationError(StoreError):
    code = "migration_error"


class MissingExtra(HarmwatchError):
    code = "missing_extra"

    def __init__(self, module: str, extra: str) -> None:
        super().__init__(f"{module} is not installed; install it with: pip install 'harmwatch[{extra}]'")
        self.module = module
        self.extra = extra


class Unauthorized(HarmwatchError):
    status = 401
    code = "unauthorized"
