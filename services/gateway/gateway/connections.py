"""Relay connections over the services' pages and lists.

The services page with their own cursors (a keyset, an offset, an event position) and only say
where the *next* page starts. Relay wants a cursor on every edge, so the gateway's cursor is a
:class:`Position`: the service's cursor plus how many rows after it to skip. The last edge of a
page carries the service's next cursor as is (no skipping, so walking page by page costs what it
did); the other edges skip. A list a service returns whole (spaces, partners…) is paged in the
gateway with the same cursors (no service cursor, an offset). A service cursor given as ``after``
(what ``nextCursor`` used to return) is still understood.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar, cast

import strawberry
from strawberry import relay

from gateway.context import Info
from gateway.fields import field
from kernel.errors import ValidationFailed

Row = TypeVar("Row")
NodeT = TypeVar("NodeT")
Resolver = TypeVar("Resolver", bound=Callable[..., Any])

_PREFIX = "page:"
DEPRECATED = "use nodes / pageInfo.endCursor"


@dataclass(frozen=True)
class Position:
    """Where a page starts: after the service's cursor ``after`` (none: the start), skipping ``skip`` rows."""

    after: str | None = None
    skip: int = 0

    def cursor(self) -> str:
        """The opaque cursor clients pass back as ``after``."""
        text = _PREFIX + json.dumps([self.after, self.skip], separators=(",", ":"))
        return base64.urlsafe_b64encode(text.encode()).decode()

    @classmethod
    def of(cls, cursor: str | None) -> Position:
        """The position of a cursor; anything not made by :meth:`cursor` is a service's own cursor."""
        if not cursor:
            return cls()
        try:
            text = base64.urlsafe_b64decode(cursor.encode()).decode()
        except (binascii.Error, UnicodeDecodeError, ValueError):
            return cls(after=cursor)
        if not text.startswith(_PREFIX):
            return cls(after=cursor)
        try:
            after, skip = json.loads(text[len(_PREFIX) :])
        except (ValueError, TypeError):
            raise _bad_cursor(cursor) from None
        if not (after is None or isinstance(after, str)) or not isinstance(skip, int) or skip < 0:
            raise _bad_cursor(cursor)
        return cls(after=after, skip=skip)


def _bad_cursor(cursor: str) -> ValidationFailed:
    return ValidationFailed(f"bad cursor: {cursor!r}", field="after", message_key="error.invalid_value")


def page_size(info: Info, first: int | None) -> int:
    """``first``, or the configured default page size (what the cost estimate assumed).

    A negative ``first`` is a VALIDATION error naming it."""
    if first is None:
        return info.context.default_page_size
    if first < 0:
        raise ValidationFailed(f"negative first: {first}", field="first", message_key="error.invalid_value")
    return first


def deprecated(description: str) -> Callable[[Resolver], Resolver]:
    """A field kept for older clients (``@deprecated``), typed like :func:`gateway.fields.field`."""
    return cast(
        Callable[[Resolver], Resolver],
        strawberry.field(description=description, deprecation_reason=DEPRECATED),
    )


@strawberry.type(description="An edge in a connection.")
class Edge(Generic[NodeT]):
    """strawberry's ``relay.Edge`` without its bound to ``relay.Node`` (not every row is a node)."""

    cursor: str = strawberry.field(description="A cursor for use in pagination")
    node: NodeT = strawberry.field(description="The item at the end of the edge")


@strawberry.type(description="A connection to a list of items.")
class Connection(Generic[NodeT]):
    """A Relay connection (``edges``, strawberry's ``PageInfo``) with a ``nodes`` shortcut."""

    page_info: relay.PageInfo = strawberry.field(description="Pagination data for this connection")
    edges: list[Edge[NodeT]] = strawberry.field(description="Contains the nodes in this connection")

    @field(description="The items of this page, without their cursors.")
    def nodes(self) -> list[NodeT]:
        return [edge.node for edge in self.edges]

    @classmethod
    def of(
        cls,
        rows: Sequence[Any],
        position: Position,
        next_after: str | None,
        *,
        has_next: bool | None = None,
        row_cursor: Callable[[Any], str] | None = None,
    ) -> Any:
        """The connection of ``rows`` (already mapped to nodes) read from ``position``.

        ``next_after`` is the service's cursor of the next page (``None``: the last page, unless
        ``has_next`` says otherwise); ``row_cursor`` gives a row's own service cursor when the
        service has one per row (the feed's event positions).
        """
        edges: list[Edge[Any]] = []
        for index, row in enumerate(rows):
            if row_cursor is not None:
                at = Position(after=row_cursor(row))
            elif index == len(rows) - 1 and next_after is not None:
                at = Position(after=next_after)
            else:
                at = Position(after=position.after, skip=position.skip + index + 1)
            edges.append(Edge(cursor=at.cursor(), node=row))
        more = next_after is not None if has_next is None else has_next
        info = relay.PageInfo(
            has_next_page=more,
            has_previous_page=position != Position(),
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        )
        return cls(edges=edges, page_info=info)

    @classmethod
    async def fetch(
        cls,
        fetch: Callable[[int, str | None], Awaitable[tuple[Sequence[Any], str | None]]],
        first: int,
        after: str | None,
    ) -> Any:
        """The connection of a page read through the service's own paging (see :func:`from_service`)."""
        rows, position, next_after = await from_service(fetch, first, after)
        return cls.of(rows, position, next_after)

    @classmethod
    def slice(cls, rows: Sequence[Any], first: int, after: str | None) -> Any:
        """The connection of a page of a list a service returns whole (see :func:`sliced`)."""
        page, position, more = sliced(rows, first, after)
        return cls.of(page, position, None, has_next=more)


async def from_service(
    fetch: Callable[[int, str | None], Awaitable[tuple[Sequence[Row], str | None]]],
    first: int,
    after: str | None,
) -> tuple[list[Row], Position, str | None]:
    """A page read through a service's own paging: ``fetch(size, service_after)`` returns the rows
    and the service's next cursor. Rows an edge cursor skips are fetched and dropped."""
    position = Position.of(after)
    rows, next_after = await fetch(first + position.skip, position.after)
    return list(rows)[position.skip :], position, next_after


def sliced(rows: Sequence[Row], first: int, after: str | None) -> tuple[list[Row], Position, bool]:
    """A page of a list a service returns whole: ``first`` rows after the cursor's offset, and
    whether more follow."""
    position = Position.of(after)
    if position.after is not None:
        raise _bad_cursor(after or "")
    end = position.skip + first
    return list(rows[position.skip : end]), position, len(rows) > end


@strawberry.type(description="A connection that was a page of `items` with a `nextCursor`.")
class PagedConnection(Connection[NodeT]):
    """The former ``*Page`` fields, kept as deprecated aliases so existing clients keep working."""

    @deprecated("The items of this page.")
    def items(self) -> list[NodeT]:
        return [edge.node for edge in self.edges]

    @deprecated("The cursor of the next page; null on the last.")
    def next_cursor(self) -> str | None:
        return self.page_info.end_cursor if self.page_info.has_next_page else None
