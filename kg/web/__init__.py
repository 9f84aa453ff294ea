"""The web pages of the graph, served by ``kg serve``."""
