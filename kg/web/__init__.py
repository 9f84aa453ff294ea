"""The graph on the web: ``kg serve``'s SPARQL endpoint, a page for every node, the saved queries
as forms, the pictures, the query editor and validation in the browser, all read-only."""
