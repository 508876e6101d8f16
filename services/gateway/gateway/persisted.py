"""Persisted queries: the Automatic Persisted Queries protocol, and an allow-list for production.

A client sends ``extensions.persistedQuery = {version: 1, sha256Hash}``. Without ``query``,
the gateway runs the document registered under that hash, or answers
``PersistedQueryNotFound`` (``PERSISTED_QUERY_NOT_FOUND``); the client then sends the hash
with the query, which is checked against the hash and registered.

Modes (setting ``gateway_persisted_queries``): ``apq`` (the protocol above; free-form queries
run too), ``allowlist`` (only the documents loaded at start run: hashes of a JSON manifest or
of ``.graphql`` files; nothing is registered at run time), ``off`` (queries in full only).
"""

from __future__ import annotations

import hashlib
import json
from collections import OrderedDict
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

from graphql import GraphQLError

Mode = Literal["off", "apq", "allowlist"]

NOT_FOUND = "PERSISTED_QUERY_NOT_FOUND"
NOT_SUPPORTED = "PERSISTED_QUERY_NOT_SUPPORTED"
HASH_MISMATCH = "PERSISTED_QUERY_HASH_MISMATCH"
NOT_ALLOWED = "PERSISTED_QUERY_NOT_ALLOWED"


class PersistedQueryError(Exception):
    """A persisted-query request that cannot run; carries its GraphQL error and HTTP status."""

    def __init__(self, message: str, code: str, status: int = 200) -> None:
        super().__init__(message)
        self.code = code
        self.status = status

    def graphql_error(self) -> GraphQLError:
        """The error as the client sees it."""
        return GraphQLError(str(self), extensions={"code": self.code})


def sha256_of(query: str) -> str:
    """The hex SHA-256 of a document's exact text (what APQ clients send)."""
    return hashlib.sha256(query.encode("utf-8")).hexdigest()


class PersistedQueries:
    """The documents known by hash: an allow-list (never evicted) and a bounded LRU of the rest."""

    def __init__(self, mode: Mode, max_entries: int, allowed: Mapping[str, str] | None = None) -> None:
        self.mode = mode
        self.max_entries = max_entries
        self.allowed = dict(allowed or {})
        self._registered: OrderedDict[str, str] = OrderedDict()

    def resolve(self, query: str | None, extensions: Mapping[str, Any] | None) -> str | None:
        """The document to run for this request (``query`` when nothing is persisted)."""
        persisted = (extensions or {}).get("persistedQuery")
        if persisted is None:
            return self._free_form(query)
        if self.mode == "off":
            raise PersistedQueryError("PersistedQueryNotSupported", NOT_SUPPORTED, 400)
        digest = _hash_of(persisted)
        if query is None:
            return self._lookup(digest)
        if sha256_of(query) != digest:
            raise PersistedQueryError("provided sha does not match query", HASH_MISMATCH, 400)
        if self.mode == "allowlist":
            return self._free_form(query)
        self.register(digest, query)
        return query

    def register(self, digest: str, query: str) -> None:
        """Remember ``query`` under ``digest`` (the least recently used one goes when full)."""
        if digest in self.allowed:
            return
        self._registered[digest] = query
        self._registered.move_to_end(digest)
        while len(self._registered) > self.max_entries:
            self._registered.popitem(last=False)

    def _lookup(self, digest: str) -> str:
        found = self.allowed.get(digest) or self._registered.get(digest)
        if found is None:
            raise PersistedQueryError("PersistedQueryNotFound", NOT_FOUND)
        if digest in self._registered:
            self._registered.move_to_end(digest)
        return found

    def _free_form(self, query: str | None) -> str | None:
        if self.mode == "allowlist" and query is not None and sha256_of(query) not in self.allowed:
            raise PersistedQueryError("Only persisted queries are allowed.", NOT_ALLOWED, 400)
        return query


def _hash_of(persisted: Any) -> str:
    if not isinstance(persisted, dict) or persisted.get("version") != 1:
        raise PersistedQueryError("Unsupported persistedQuery version.", NOT_SUPPORTED, 400)
    digest = persisted.get("sha256Hash")
    if not isinstance(digest, str) or len(digest) != 64:
        message = "persistedQuery.sha256Hash must be a SHA-256 hex digest."
        raise PersistedQueryError(message, HASH_MISMATCH, 400)
    return digest.lower()


def load_allow_list(path: Path) -> dict[str, str]:
    """Documents by hash from a directory of ``.graphql`` files or a JSON manifest.

    The JSON is either ``{hash: document}`` or Apollo's ``{"operations": [{"id", "body"}]}``;
    every hash is checked against its document, so a stale manifest fails at start.
    """
    if path.is_dir():
        documents = [file.read_text(encoding="utf-8") for file in sorted(path.rglob("*.graphql"))]
        return {sha256_of(document): document for document in documents}
    manifest = json.loads(path.read_text(encoding="utf-8"))
    if isinstance(manifest, dict) and isinstance(manifest.get("operations"), list):
        pairs = [(str(op["id"]), str(op["body"])) for op in manifest["operations"]]
    else:
        pairs = [(str(digest), str(body)) for digest, body in dict(manifest).items()]
    for digest, body in pairs:
        if sha256_of(body) != digest.lower():
            raise ValueError(f"persisted query {digest} does not match its document")
    return {digest.lower(): body for digest, body in pairs}
