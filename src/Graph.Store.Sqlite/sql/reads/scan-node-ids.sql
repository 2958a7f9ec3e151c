SELECT n, id FROM nodes
