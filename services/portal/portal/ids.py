"""The raw UUID behind a gateway Node id, to join it with the raw foreign keys the gateway returns.

The gateway shows each Node's ``id`` as an opaque global id (base64 of ``"Type:uuid"``, see
docs/adr/0007-graphql-global-ids.md) but foreign keys (``siteId``, ``spaceId``, a turnout's
``key``) as raw UUIDs. Ids sent back to the gateway need no decoding: it takes both forms.
"""

from __future__ import annotations

import base64
import binascii
import uuid


def raw_id(value: str) -> str:
    """The UUID inside the global id ``value``; ``value`` itself when it is not one."""
    try:
        uuid.UUID(value)
        return value
    except ValueError:
        pass
    try:
        _, sep, node_id = base64.b64decode(value, validate=True).decode().partition(":")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return value
    return node_id if sep and node_id else value
