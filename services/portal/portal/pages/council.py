"""The council pages (routes under /council)."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
