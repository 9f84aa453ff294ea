"""Where the graph lives: paths, namespaces, reading and writing RDF files, the persisted
store and the names index. Uses only ``kg.errors`` and the libraries."""
