"""Shared test setup of the portal: its settings for in-process tests."""

from __future__ import annotations
