// Neo4j 3.x: one statement per line (constraints cannot be named or made idempotent with IF NOT EXISTS; re-creating an existing one is a no-op).
CREATE CONSTRAINT ON (n:Node) ASSERT n.id IS UNIQUE;
CREATE INDEX ON :Node(kind);
CREATE INDEX ON :Node(name);
CREATE INDEX ON :Node(searchText);
CREATE CONSTRAINT ON (m:Meta) ASSERT m.id IS UNIQUE;
CREATE CONSTRAINT ON (j:Journal) ASSERT j.version IS UNIQUE;
