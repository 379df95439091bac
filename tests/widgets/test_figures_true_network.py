"""Network map dashboard: the counts, summary table and charts of a map and its change, by hand.

Tiny fictional datasets in a throw-away SQLite store; the dashboard is built in
Python (no browser) and what it shows is compared with literals worked out by hand,
the sum beside each. Dates are fixed here. See also the other test_figures_true files.
"""

from __future__ import annotations

from connecting_people.network.dashboard import NetworkDashboard
from tests.widgets.conftest import robin_maps, table_rows


# ------------------------------------------------------------- network map
def test_network_dashboard_counts_and_charts_of_a_map_and_its_change(tmp_path):
    before, after = robin_maps()
    board = NetworkDashboard(tmp_path)
    with board._one_refresh():
        board.map_widget.compare_with = before.to_dict()
        board.map_widget.network = after
    assert "The map of Robin on 15 July 2026 has 5 connections." in board.figures.value
    assert table_rows(board.figures.value) == [
        ["Connections", "5"],
        ["Inner, middle, outer", "2, 1, 2"],  # Mum, Sam; Allotment; GP, Library
        ["Professionals and services", "1 (20%)"],  # the GP: 1 of 5
        ["Kinds of connection", "5"],  # family, friend, group, place, professional
    ]
    kinds, change = board.current_figures()
    # Kinds in order: family, friends, neighbours, work, groups, places, online, services.
    assert [(t["name"], t["y"]) for t in kinds.data] == [
        ("Inner circle", [1, 1, 0, 0, 0, 0, 0, 0]),
        ("Middle circle", [0, 0, 0, 0, 1, 0, 0, 0]),
        ("Outer circle", [0, 0, 0, 0, 0, 1, 0, 1]),
    ]
    assert change.data[0]["y"] == [
        "Connections on the map", "In the inner circle", "In the middle circle",
        "In the outer circle", "Professionals and services (%)", "Kinds of connection",
        "Kinds of support covered (of 4)", "In contact weekly or more", "Stressful ties",
        "Wants more contact with", "Things suggested to try", "Suggestions tried"]
    assert [(t["name"], t["x"]) for t in change.data] == [
        # January: 4 on the map, circles 1/2/1, 2 of 4 services = 50%, 3 kinds, support
        # emotional, practical, advice = 3, weekly Mum and the coordinator = 2, Sam
        # stressful, more wanted with Mum and Sam, nothing suggested.
        ("15 January 2026", [4, 1, 2, 1, 50, 3, 3, 2, 1, 2, 0, 0]),
        # July: 5, circles 2/1/2, 1 of 5 = 20%, 5 kinds, emotional, practical, company = 3,
        # Mum daily, Sam and the allotment weekly = 3, none stressful, none wanting more,
        # 2 suggested, 1 tried.
        ("15 July 2026", [5, 2, 1, 2, 20, 5, 3, 3, 0, 0, 2, 1]),
    ]
