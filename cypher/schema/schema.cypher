// Neo4j 5: one statement per line.
CREATE CONSTRAINT node_id IF NOT EXISTS FOR (n:Node) REQUIRE n.id IS UNIQUE;
CREATE INDEX node_kind IF NOT EXISTS FOR (n:Node) ON (n.kind);
CREATE INDEX node_name IF NOT EXISTS FOR (n:Node) ON (n.name);
CREATE TEXT INDEX node_search_text IF NOT EXISTS FOR (n:Node) ON (n.searchText);
CREATE CONSTRAINT meta_id IF NOT EXISTS FOR (m:Meta) REQUIRE m.id IS UNIQUE;
CREATE CONSTRAINT journal_version IF NOT EXISTS FOR (j:Journal) REQUIRE j.version IS UNIQUE;
CREATE FULLTEXT INDEX node_search IF NOT EXISTS FOR (n:Node) ON EACH [n.name, n.nameEn, n.aliasText] OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}};
