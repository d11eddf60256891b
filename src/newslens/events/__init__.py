"""Events and quotes: the PLOVER event coder, quotes, cross-article merge, dyad series."""

from newslens.events.dyads import DyadPeriod, dyad_series, load_quad
from newslens.events.merge import merge_events
from newslens.events.stage import EventStage

__all__ = ["DyadPeriod", "EventStage", "dyad_series", "load_quad", "merge_events"]
