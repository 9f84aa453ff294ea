"""A provenance-first knowledge graph of senior North Korean officials who defect."""

__version__ = "0.1.0"
