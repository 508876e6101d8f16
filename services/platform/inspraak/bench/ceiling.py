"""The ceilings, served the way the services are (uvicorn, one worker, asyncio loop):

* ``POST /insert`` — bare FastAPI doing one asyncpg INSERT per request (pool of 16, as a
  service's SQLAlchemy pool may grow to), the ceiling of the consultation wave;
* ``POST /graphql`` — strawberry ``{ hello }`` with ParserCache + ValidationCache and an async
  context getter (DESIGN.md's tuned figure), the ceiling of the gateway reads.

Run as ``python -m inspraak.bench.ceiling PORT DATABASE_URL``.
"""

from __future__ import annotations

import json
import sys
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import asyncpg
import strawberry
import uvicorn
from fastapi import FastAPI, Request
from strawberry.extensions import ParserCache, ValidationCache
from strawberry.fastapi import GraphQLRouter

from kernel.db import asyncpg_dsn

SCHEMA = "bench_ceiling"


@strawberry.type
class Query:
    """The smallest useful schema."""

    @strawberry.field
    def hello(self) -> str:
        """A constant."""
        return "hello"


async def _context() -> dict[str, Any]:
    return {}


def build(database_url: str) -> FastAPI:
    """The ceiling app."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        pool = await asyncpg.create_pool(asyncpg_dsn(database_url), min_size=8, max_size=16)
        async with pool.acquire() as connection:
            await connection.execute(
                f"CREATE SCHEMA IF NOT EXISTS {SCHEMA}; CREATE TABLE IF NOT EXISTS {SCHEMA}.answers "
                "(id uuid PRIMARY KEY, consultation_id uuid NOT NULL, answers jsonb NOT NULL)"
            )
        app.state.pool = pool
        yield
        await pool.close()

    app = FastAPI(lifespan=lifespan)

    @app.post("/insert")
    async def insert(request: Request) -> dict[str, bool]:
        body = await request.json()
        await request.app.state.pool.execute(
            f"INSERT INTO {SCHEMA}.answers (id, consultation_id, answers) VALUES ($1, $2, $3)",  # noqa: S608
            uuid.uuid4(),
            uuid.UUID(body["consultation_id"]),
            json.dumps(body["answers"]),
        )
        return {"accepted": True}

    @app.get("/readyz")
    async def readyz() -> dict[str, bool]:
        return {"ready": True}

    extensions: list[Any] = [ParserCache(), ValidationCache()]  # shared instances: DESIGN.md's setup
    schema = strawberry.Schema(query=Query, extensions=extensions)
    app.include_router(GraphQLRouter(schema, path="/graphql", context_getter=_context, graphql_ide=None))
    return app


if __name__ == "__main__":
    port, url = int(sys.argv[1]), sys.argv[2]
    uvicorn.run(build(url), host="127.0.0.1", port=port, log_config=None, access_log=False)
