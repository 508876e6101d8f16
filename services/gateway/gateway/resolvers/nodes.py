"""``node(id)`` and ``nodes(ids)``: refetch any Node by its global id (Relay object identification).

Each Node type resolves a batch of its ids with one service call (``resolve_nodes``, through the
request's loaders), so ``nodes`` of N ids costs one call per type named among them, whatever N.
"""

from __future__ import annotations

import asyncio
import inspect
import uuid
from collections import defaultdict
from typing import Any

import strawberry
from strawberry import relay
from strawberry.types.base import StrawberryObjectDefinition

from gateway.context import Info
from gateway.fields import field
from kernel.errors import ValidationFailed

MAX_NODES = 100


def _parse(value: str, info: Info, name: str) -> tuple[type[relay.Node], str]:
    """The Node type and raw id of the global id ``value``; VALIDATION naming ``name`` otherwise."""
    try:
        global_id = relay.GlobalID.from_id(value)
        uuid.UUID(global_id.node_id)
    except ValueError:
        raise ValidationFailed(
            f"not a global id: {value!r}", field=name, message_key="error.invalid_value"
        ) from None
    definition = info.schema.get_type_by_name(global_id.type_name)
    origin = definition.origin if isinstance(definition, StrawberryObjectDefinition) else None
    if origin is None or not issubclass(origin, relay.Node) or origin is relay.Node:
        raise ValidationFailed(f"not a global id: {value!r}", field=name, message_key="error.invalid_value")
    return origin, global_id.node_id


async def _resolve(node_type: type[relay.Node], info: Info, node_ids: list[str]) -> list[Any]:
    """The ``node_type`` objects of ``node_ids``, in order (None for those not found)."""
    found = node_type.resolve_nodes(info=info, node_ids=node_ids)
    return list(await found if inspect.isawaitable(found) else found)


@strawberry.type
class NodeQuery:
    """Object identification across every service."""

    @field(description="The object of this global id; null when there is none you may see.")
    async def node(self, info: Info, id: strawberry.ID) -> relay.Node | None:
        node_type, node_id = _parse(id, info, "id")
        [found] = await _resolve(node_type, info, [node_id])
        return found  # type: ignore[no-any-return]

    @field(description="The objects of these global ids, in order; null for each one not found.")
    async def nodes(self, info: Info, ids: list[strawberry.ID]) -> list[relay.Node | None]:
        if len(ids) > MAX_NODES:
            raise ValidationFailed(f"at most {MAX_NODES} ids", field="ids", message_key="error.invalid_value")
        parsed = [_parse(value, info, "ids") for value in ids]
        wanted: dict[type[relay.Node], list[str]] = defaultdict(list)
        for node_type, node_id in parsed:
            wanted[node_type].append(node_id)
        batches = [(node_type, list(dict.fromkeys(node_ids))) for node_type, node_ids in wanted.items()]
        resolved = await asyncio.gather(*(_resolve(node_type, info, unique) for node_type, unique in batches))
        found: dict[tuple[type[relay.Node], str], Any] = {
            (node_type, node_id): node
            for (node_type, unique), nodes in zip(batches, resolved, strict=True)
            for node_id, node in zip(unique, nodes, strict=True)
        }
        return [found[key] for key in parsed]
