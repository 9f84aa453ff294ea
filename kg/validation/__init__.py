"""Checking assertions before they enter the graph: the shapes, the incremental scope, SPARQL
targets, the quotation and duplicate checks, the report. Uses the layers below it."""
