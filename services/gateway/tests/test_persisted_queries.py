"""Persisted queries: the APQ protocol (not found, then register, then the hash alone) and the
production allow-list, where only pre-registered documents run."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest

from gateway.app import build_app
from gateway.persisted import PersistedQueries, load_allow_list, sha256_of
from kernel.settings import Settings

LANDLORDS = "{ landlords { code } }"


def apq(digest: str, query: str | None = None) -> dict[str, Any]:
    """A request body carrying ``extensions.persistedQuery``."""
    body: dict[str, Any] = {"extensions": {"persistedQuery": {"version": 1, "sha256Hash": digest}}}
    if query is not None:
        body["query"] = query
    return body


@asynccontextmanager
async def gateway_with(identity: Any, **settings: Any) -> AsyncIterator[httpx.AsyncClient]:
    """A client of a gateway configured with ``settings`` (services faked by ``identity``)."""
    config = Settings(environment="test", identity_url="http://identity.test", **settings)
    app = build_app(config, transport=httpx.MockTransport(identity))
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://gateway") as http,
    ):
        yield http


async def test_an_unknown_hash_is_not_found_then_registered_then_runs_alone(
    client: httpx.AsyncClient, identity: Any
) -> None:
    identity.add_landlord("ABC")
    digest = sha256_of(LANDLORDS)

    first = await client.post("/graphql", json=apq(digest))
    assert first.status_code == 200
    assert first.json() == {
        "data": None,
        "errors": [
            {"message": "PersistedQueryNotFound", "extensions": {"code": "PERSISTED_QUERY_NOT_FOUND"}}
        ],
    }
    assert identity.calls() == []

    registered = await client.post("/graphql", json=apq(digest, LANDLORDS))
    assert registered.json() == {"data": {"landlords": [{"code": "ABC"}]}}

    alone = await client.post("/graphql", json=apq(digest))
    assert alone.json() == {"data": {"landlords": [{"code": "ABC"}]}}
    assert len(identity.calls("/landlords")) == 2


async def test_a_hash_that_does_not_match_its_query_is_refused(
    client: httpx.AsyncClient, identity: Any
) -> None:
    response = await client.post("/graphql", json=apq(sha256_of("{ me { subject } }"), LANDLORDS))
    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"] == {"code": "PERSISTED_QUERY_HASH_MISMATCH"}
    again = await client.post("/graphql", json=apq(sha256_of("{ me { subject } }")))
    assert again.json()["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_NOT_FOUND"
    assert identity.calls() == []


async def test_a_persisted_query_runs_over_get_too(client: httpx.AsyncClient, identity: Any) -> None:
    identity.add_landlord("ABC")
    digest = sha256_of(LANDLORDS)
    await client.post("/graphql", json=apq(digest, LANDLORDS))
    params = {"extensions": json.dumps(apq(digest)["extensions"])}
    response = await client.get("/graphql", params=params)
    assert response.json() == {"data": {"landlords": [{"code": "ABC"}]}}


@pytest.fixture
def documents(tmp_path: Path) -> Path:
    """A directory of the documents the portal was built with."""
    (tmp_path / "landlords.graphql").write_text(LANDLORDS, encoding="utf-8")
    (tmp_path / "nested").mkdir()
    (tmp_path / "nested" / "me.graphql").write_text("{ me { subject } }", encoding="utf-8")
    return tmp_path


async def test_in_allow_list_mode_only_pre_registered_documents_run(identity: Any, documents: Path) -> None:
    identity.add_landlord("ABC")
    settings = {"gateway_persisted_queries": "allowlist", "gateway_persisted_queries_path": str(documents)}
    other = "{ landlords { code name } }"
    async with gateway_with(identity, **settings) as http:
        by_hash = await http.post("/graphql", json=apq(sha256_of(LANDLORDS)))
        listed_text = await http.post("/graphql", json={"query": LANDLORDS})
        free_form = await http.post("/graphql", json={"query": other})
        registering = await http.post("/graphql", json=apq(sha256_of(other), other))
        unknown = await http.post("/graphql", json=apq(sha256_of(other)))
    assert by_hash.json() == {"data": {"landlords": [{"code": "ABC"}]}}
    assert listed_text.json() == by_hash.json()
    assert free_form.status_code == 400
    assert free_form.json()["errors"][0]["extensions"] == {"code": "PERSISTED_QUERY_NOT_ALLOWED"}
    assert registering.json()["errors"][0]["extensions"] == {"code": "PERSISTED_QUERY_NOT_ALLOWED"}
    assert unknown.json()["errors"][0]["extensions"] == {"code": "PERSISTED_QUERY_NOT_FOUND"}
    assert len(identity.calls("/landlords")) == 2


def test_allow_list_mode_without_documents_does_not_start(identity: Any) -> None:
    settings = Settings(environment="production", gateway_persisted_queries="allowlist")
    with pytest.raises(ValueError, match="allow-list"):
        build_app(settings, transport=httpx.MockTransport(identity))


def test_a_json_manifest_is_loaded_and_checked(tmp_path: Path) -> None:
    manifest = tmp_path / "manifest.json"
    manifest.write_text(json.dumps({"operations": [{"id": sha256_of(LANDLORDS), "body": LANDLORDS}]}))
    assert load_allow_list(manifest) == {sha256_of(LANDLORDS): LANDLORDS}
    manifest.write_text(json.dumps({sha256_of("{ me { subject } }"): LANDLORDS}))
    with pytest.raises(ValueError, match="does not match"):
        load_allow_list(manifest)


def test_the_store_keeps_the_most_recently_used_documents_only() -> None:
    store = PersistedQueries("apq", max_entries=2, allowed={sha256_of(LANDLORDS): LANDLORDS})
    queries = [f"{{ q{n}: me {{ subject }} }}" for n in range(3)]
    for query in queries:
        store.resolve(query, apq(sha256_of(query))["extensions"])
    assert store.resolve(None, apq(sha256_of(queries[2]))["extensions"]) == queries[2]
    assert store.resolve(None, apq(sha256_of(LANDLORDS))["extensions"]) == LANDLORDS
    with pytest.raises(Exception, match="PersistedQueryNotFound"):
        store.resolve(None, apq(sha256_of(queries[0]))["extensions"])
