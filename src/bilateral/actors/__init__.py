"""Actors: the gazetteer of states, organizations, people and sectors, and mention resolution."""

from __future__ import annotations

from bilateral.actors.gazetteer import Entry, Gazetteer, Office
from bilateral.actors.lookup import ActorLookup, list_actors

__all__ = ["ActorLookup", "Entry", "Gazetteer", "Office", "list_actors"]
