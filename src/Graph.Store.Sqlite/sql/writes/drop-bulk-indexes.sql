-- A bulk load builds these once at the end instead of keeping them up row by row.
DROP INDEX links_to;
DROP INDEX nodes_region;
DROP INDEX node_names_folded;
