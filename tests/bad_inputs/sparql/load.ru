LOAD <file:///etc/passwd> INTO GRAPH <https://w3id.org/nkdefectors/graph/passwd>
