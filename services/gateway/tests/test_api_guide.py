"""docs/api.md's example operations run against the committed schema: the guide cannot drift."""

from __future__ import annotations

import re
from pathlib import Path

from graphql import build_schema, parse, validate

ROOT = Path(__file__).resolve().parents[3]
BLOCK = re.compile(r"```graphql\n(.*?)```", re.DOTALL)


def test_every_example_in_the_api_guide_is_valid_against_the_schema() -> None:
    schema = build_schema((ROOT / "schema" / "graphql" / "schema.graphql").read_text(encoding="utf-8"))
    blocks = BLOCK.findall((ROOT / "docs" / "api.md").read_text(encoding="utf-8"))
    assert len(blocks) >= 6
    problems = [
        f"{error.message} in:\n{block}" for block in blocks for error in validate(schema, parse(block))
    ]
    assert not problems, "\n\n".join(problems)
