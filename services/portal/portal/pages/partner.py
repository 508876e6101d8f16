"""The partner pages (routes under /partner)."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
