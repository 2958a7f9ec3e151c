-- FTS5 writes what it holds in memory to a new segment every 1 MiB (its 'hashsize') and merges the segments as they
-- pile up; the builds hold up to 64 MiB, then the default is set again for the writes that follow. kg_name_grams is
-- NameIndex.GramsFunction, registered on the writer's connection. IF NOT EXISTS: the bulk load dropped the region
-- and name indexes; a store that has them is left as it is (and the statement prepares on it).
CREATE INDEX IF NOT EXISTS nodes_region ON nodes (json_extract(props, '$.region'), kind, name, id);
CREATE INDEX IF NOT EXISTS node_names_folded ON node_names (folded, n, length(text));
INSERT INTO name_trigrams (name_trigrams) VALUES ('delete-all');
INSERT INTO name_bigrams (name_bigrams) VALUES ('delete-all');
INSERT INTO name_trigrams (name_trigrams, rank) VALUES ('hashsize', 67108864);
INSERT INTO name_bigrams (name_bigrams, rank) VALUES ('hashsize', 67108864);
INSERT INTO name_trigrams (rowid, folded) SELECT id, folded FROM node_names;
INSERT INTO name_bigrams (rowid, grams) SELECT id, kg_name_grams(folded) FROM node_names;
INSERT INTO name_trigrams (name_trigrams, rank) VALUES ('hashsize', 1048576);
INSERT INTO name_bigrams (name_bigrams, rank) VALUES ('hashsize', 1048576);
