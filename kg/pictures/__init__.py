"""Pictures of the graph: a timeline, a network and the data model, as plain data and as files."""
