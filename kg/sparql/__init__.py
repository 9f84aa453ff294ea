"""SPARQL: the saved-query catalogue and its parameters, the engines, the remote endpoint
client and the result writers. Uses ``kg.graph`` and ``kg.reasoning``."""
