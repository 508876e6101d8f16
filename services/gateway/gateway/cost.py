"""A static cost estimate of an operation, computed from its document before anything runs.

Each field returning an object counts 1. A list multiplies its selection (plus one per item)
by its size: the value of its ``first`` argument, or the default list size. A field with a
``first`` argument (a page) multiplies its selection by ``first``, and the lists directly
inside it (``items``, ``edges``) count once, since ``first`` already sized them. Leaves are free.
Fragments count as if written out; a union's branches are added up (an upper bound).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLField,
    GraphQLList,
    GraphQLNamedType,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    get_named_type,
    value_from_ast,
)
from graphql.type.definition import GraphQLInterfaceType

PAGE_SIZE_ARGUMENT = "first"


class CostEstimator:
    """Estimates one operation; fragments are looked up in the operation's document."""

    def __init__(
        self,
        schema: GraphQLSchema,
        fragments: Mapping[str, FragmentDefinitionNode],
        variables: Mapping[str, Any] | None,
        default_list_size: int,
    ) -> None:
        self.schema = schema
        self.fragments = fragments
        self.variables = dict(variables or {})
        self.default_list_size = default_list_size

    def operation(self, operation: OperationDefinitionNode) -> int:
        """The cost of ``operation`` (0 for an operation type the schema lacks)."""
        root = self.schema.get_root_type(operation.operation)
        return self.selection(operation.selection_set, root, paged=False, seen=frozenset()) if root else 0

    def selection(
        self,
        selection_set: SelectionSetNode | None,
        parent: GraphQLNamedType | None,
        *,
        paged: bool,
        seen: frozenset[str],
    ) -> int:
        """The cost of a selection set on ``parent``."""
        if selection_set is None or parent is None:
            return 0
        total = 0
        for node in selection_set.selections:
            if isinstance(node, FieldNode):
                total += self.field(node, parent, paged=paged, seen=seen)
            elif isinstance(node, InlineFragmentNode):
                condition = node.type_condition
                target = self.schema.get_type(condition.name.value) if condition else parent
                total += self.selection(node.selection_set, target, paged=paged, seen=seen)
            elif isinstance(node, FragmentSpreadNode) and node.name.value not in seen:
                fragment = self.fragments.get(node.name.value)
                if fragment is not None:
                    target = self.schema.get_type(fragment.type_condition.name.value)
                    inner = seen | {node.name.value}
                    total += self.selection(fragment.selection_set, target, paged=paged, seen=inner)
        return total

    def field(self, node: FieldNode, parent: GraphQLNamedType, *, paged: bool, seen: frozenset[str]) -> int:
        """The cost of one field: its own object, times its list size, plus its selection."""
        definition = self._definition(parent, node.name.value)
        if definition is None or node.selection_set is None:
            return 0
        named = get_named_type(definition.type)
        page_size = self._page_size(node, definition)
        children = self.selection(node.selection_set, named, paged=page_size is not None, seen=seen)
        if page_size is not None:
            return 1 + page_size * children
        if _is_list(definition.type):
            size = 1 if paged else self.default_list_size
            return size * (1 + children)
        return 1 + children

    @staticmethod
    def _definition(parent: GraphQLNamedType, name: str) -> GraphQLField | None:
        if isinstance(parent, GraphQLObjectType | GraphQLInterfaceType):
            found: GraphQLField | None = parent.fields.get(name)
            return found
        return None

    def _page_size(self, node: FieldNode, definition: GraphQLField) -> int | None:
        """The ``first`` argument's value (given, from a variable or its default), if any."""
        argument = definition.args.get(PAGE_SIZE_ARGUMENT)
        if argument is None:
            return None
        value: Any = argument.default_value
        for given in node.arguments or ():
            if given.name.value == PAGE_SIZE_ARGUMENT:
                value = value_from_ast(given.value, argument.type, self.variables)
        return max(int(value), 0) if isinstance(value, int) else self.default_list_size


def _is_list(type_: GraphQLOutputType) -> bool:
    inner = type_.of_type if isinstance(type_, GraphQLNonNull) else type_
    return isinstance(inner, GraphQLList)
