"""Changing and publishing the graph: adding to the data files, exporting, pushing into stores.
Uses the layers below it."""
