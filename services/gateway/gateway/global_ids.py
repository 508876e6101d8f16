"""Global ids in, raw UUIDs to the services: every ``ID`` argument accepts both.

A :class:`~strawberry.relay.Node` shows its ``id`` as an opaque global id (strawberry's
``GlobalID``: base64 of ``"TypeName:uuid"``, see docs/adr/0007-graphql-global-ids.md). Clients
send those back, and older clients (bookmarks, the portal's links, scripts) send raw UUIDs: both
must work, and the services only know UUIDs. So, in one place, every ``ID`` value of every
argument (nested in input objects and lists too) of every field (the root fields of queries,
mutations and subscriptions included) is decoded before the resolver sees it:
:func:`wrap_id_arguments` wraps those fields' resolvers (``subscribe`` too, which graphql-core
runs without the extensions' middleware) with :func:`decode_id`. A global id of another type
than the argument names (``landlordId`` given a Consultation's id) is refused as VALIDATION
naming the argument. Values that are neither a UUID nor a global id of a Node type reach the
resolver as they are (it refuses them as before).
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from functools import wraps
from typing import Any

from graphql import (
    GraphQLField,
    GraphQLInputObjectType,
    GraphQLInputType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    default_field_resolver,
    get_named_type,
)
from strawberry.relay import GlobalID, GlobalIDValueError

from kernel.errors import ValidationFailed

# The Node type an argument's ids belong to, by the argument's name without ``Id``/``Ids``;
# ``id``/``ids`` belong to the field's own (return) type unless listed in EXPLICIT (keyed by
# the input type, or ``Root.field`` for a field's arguments, and the argument's name). Only Node
# types: ids of other objects (bookings, agenda items, advice, people…) are raw UUIDs, and
# :func:`wrap_id_arguments` refuses to build a schema naming anything else here.
BY_NAME = {
    "landlord": "Landlord",
    "site": "Site",
    "roomSite": "Site",
    "building": "Building",
    "council": "Council",
    "meeting": "Meeting",
    "consultation": "Consultation",
    "space": "Space",
    "roomSpace": "Space",
    "partner": "Partner",
    "subscription": "EventSubscription",
}
EXPLICIT = {
    ("Subscription.consultationResults", "id"): "Consultation",
    ("ConsultationRefInput", "id"): "Consultation",
}
# These take global ids of any type and decode them themselves.
UNTOUCHED = {("Query", "node"), ("Query", "nodes")}
_SUFFIX = re.compile(r"Ids?$")


def decode_id(value: str, *, expected: str | None, field: str, node_types: frozenset[str]) -> str:
    """The raw id behind ``value`` (a UUID, or a global id of a Node type), checked against the
    ``expected`` type when the argument names one; anything else unchanged."""
    try:
        uuid.UUID(value)
        return value
    except ValueError:
        pass
    try:
        global_id = GlobalID.from_id(value)
    except GlobalIDValueError:
        return value
    if global_id.type_name not in node_types:
        return value
    if expected is not None and global_id.type_name != expected:
        raise ValidationFailed(
            f"{field}: a {global_id.type_name} id, not a {expected} id",
            field=field,
            message_key="error.invalid_value",
        )
    return global_id.node_id


def expected_type(owner: str, name: str, returned: str | None, node_types: frozenset[str]) -> str | None:
    """The Node type whose ids the argument (or input field) ``name`` of ``owner`` takes."""
    if (owner, name) in EXPLICIT:
        return EXPLICIT[(owner, name)]
    if name in {"id", "ids"}:
        return returned if returned in node_types else None
    stem = _SUFFIX.sub("", name)
    found = BY_NAME.get(stem) if stem != name else None
    return found if found in node_types else None


Decoder = Callable[[Any], Any]


class _Decoders:
    """Per input type, how to decode its values (built once, when the schema is built)."""

    def __init__(self, node_types: frozenset[str]) -> None:
        self.node_types = node_types
        self._inputs: dict[str, Decoder | None] = {}

    def of(self, type_: GraphQLInputType, owner: str, name: str, returned: str | None) -> Decoder | None:
        """A function decoding a value of ``type_``, or None when it holds no ids."""
        if isinstance(type_, GraphQLNonNull):
            return self.of(type_.of_type, owner, name, returned)
        if isinstance(type_, GraphQLList):
            item = self.of(type_.of_type, owner, name, returned)
            if item is None:
                return None
            return lambda value: [item(v) for v in value] if isinstance(value, list) else item(value)
        named = get_named_type(type_)
        if isinstance(named, GraphQLInputObjectType):
            return self._input(named)
        if named.name != "ID":
            return None
        expected = expected_type(owner, name, returned, self.node_types)
        nodes = self.node_types
        return lambda value: (
            decode_id(value, expected=expected, field=name, node_types=nodes)
            if isinstance(value, str)
            else value
        )

    def _input(self, input_type: GraphQLInputObjectType) -> Decoder | None:
        if input_type.name in self._inputs:
            return self._inputs[input_type.name]
        self._inputs[input_type.name] = None  # recursive inputs: no ids through the cycle
        fields = {
            field.out_name or name: decoder
            for name, field in input_type.fields.items()
            if (decoder := self.of(field.type, input_type.name, name, None)) is not None
        }
        if not fields:
            return None

        def decode(value: Any) -> Any:
            if not isinstance(value, dict):
                return value
            return {k: fields[k](v) if k in fields and v is not None else v for k, v in value.items()}

        self._inputs[input_type.name] = decode
        return decode


def _wrap(resolver: Callable[..., Any], decoders: dict[str, Decoder]) -> Callable[..., Any]:
    @wraps(resolver)
    def resolve(root: Any, info: Any, **kwargs: Any) -> Any:
        for name, decoder in decoders.items():
            if kwargs.get(name) is not None:
                kwargs[name] = decoder(kwargs[name])
        return resolver(root, info, **kwargs)

    return resolve


def node_types_of(schema: GraphQLSchema) -> frozenset[str]:
    """The names of the schema's Node types (those whose ids are global ids)."""
    node_interface = schema.get_type("Node")
    return frozenset(
        t.name
        for t in schema.type_map.values()
        if isinstance(t, GraphQLObjectType) and any(i is node_interface for i in t.interfaces)
    )


def wrap_id_arguments(schema: GraphQLSchema) -> None:
    """Make every field with ``ID`` arguments decode them (see the module's docstring)."""
    node_types = node_types_of(schema)
    # An entry naming a type that is not a Node would never match: its ids would go unchecked.
    not_nodes = sorted({*BY_NAME.values(), *EXPLICIT.values()} - node_types)
    if not_nodes:
        raise TypeError(f"global_ids names types that are not Nodes: {', '.join(not_nodes)}")
    decoders = _Decoders(node_types)
    # The root types and every object type: a nested field may take ids too.
    owners = [t for t in schema.type_map.values() if isinstance(t, GraphQLObjectType)]
    for owner in owners:
        if owner.name.startswith("__"):
            continue
        for field_name, field in owner.fields.items():
            if (owner.name, field_name) not in UNTOUCHED:
                _wrap_field(owner.name, field_name, field, decoders)


def _wrap_field(owner: str, field_name: str, field: GraphQLField, decoders: _Decoders) -> None:
    returned = get_named_type(field.type).name
    found = {
        arg.out_name or name: decoder
        for name, arg in field.args.items()
        if (decoder := decoders.of(arg.type, f"{owner}.{field_name}", name, returned)) is not None
    }
    if not found:
        return
    field.resolve = _wrap(field.resolve or default_field_resolver, found)
    if field.subscribe is not None:
        field.subscribe = _wrap(field.subscribe, found)


def raw_id(value: str) -> str:
    """The raw id behind a global id (or ``value`` itself when it is none): for tests and tools
    that compare the gateway's ids with the services' UUIDs."""
    try:
        uuid.UUID(value)
        return value
    except ValueError:
        pass
    try:
        return GlobalID.from_id(value).node_id
    except GlobalIDValueError:
        return value


def global_id(type_name: str, node_id: str) -> str:
    """The global id of the ``type_name`` object ``node_id``."""
    return str(GlobalID(type_name=type_name, node_id=node_id))
