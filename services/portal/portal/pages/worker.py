"""The worker pages (routes under /worker)."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
