"""The staff pages (routes under /staff)."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
