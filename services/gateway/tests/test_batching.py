"""DataLoaders: one identity call per level of a query, whatever the number of parents."""

from __future__ import annotations

from typing import Any

TREE = "name sites { name buildings { name } }"


async def test_sixteen_landlords_with_sites_and_buildings_cost_three_identity_calls(
    graphql: Any, identity: Any
) -> None:
    for n in range(16):
        identity.add_landlord(f"L{n:02}", sites=3, buildings=4)
    body = await graphql(f"{{ landlords {{ {TREE} }} }}")
    landlords = body["data"]["landlords"]
    assert len(landlords) == 16
    assert sum(len(site["buildings"]) for x in landlords for site in x["sites"]) == 16 * 3 * 4
    assert [r.url.path for r in identity.calls()] == ["/landlords", "/sites", "/buildings"]


async def test_sixteen_landlords_by_id_cost_one_call_per_level(graphql: Any, identity: Any) -> None:
    landlords = [identity.add_landlord(f"L{n:02}", sites=2, buildings=2) for n in range(16)]
    query = (
        "{ "
        + " ".join(
            f'l{n}: landlord(id: "{landlord["id"]}") {{ {TREE} }}' for n, landlord in enumerate(landlords)
        )
        + " }"
    )
    body = await graphql(query)
    assert body["data"]["l15"]["name"] == "L15 Huisvesting"
    assert len(body["data"]["l7"]["sites"][1]["buildings"]) == 2
    calls = identity.calls()
    assert [r.url.path for r in calls] == ["/landlords", "/sites", "/buildings"]
    assert len(calls[0].url.params.get_list("id")) == 16
    assert len(calls[1].url.params.get_list("landlord_id")) == 16
    assert len(calls[2].url.params.get_list("site_id")) == 32


async def test_sites_pointing_back_at_listed_landlords_cost_no_extra_call(
    graphql: Any, identity: Any
) -> None:
    for n in range(3):
        identity.add_landlord(f"L{n}", sites=2)
    body = await graphql("{ landlords { code sites { landlord { code } } } }")
    assert all(
        site["landlord"]["code"] == landlord["code"]
        for landlord in body["data"]["landlords"]
        for site in landlord["sites"]
    )
    assert [r.url.path for r in identity.calls()] == ["/landlords", "/sites"]
