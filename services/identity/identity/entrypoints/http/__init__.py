"""The identity service's REST API (internal: the gateway is its client)."""

from fastapi import APIRouter

from identity.entrypoints.http import directory, households, oauth, people

ROUTERS: tuple[APIRouter, ...] = (directory.router, households.router, people.router, oauth.router)
