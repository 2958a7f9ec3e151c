// Creates or replaces nodes of one kind. $$LABEL$$ is a node kind from the catalog; each row's props
// map holds every stored property (core fields, flattened values and the exact JSON). searchText (the names and
// aliases in lower case, indexed) is what search looks in first; fill-search-text.cypher computes it the same way.
UNWIND $rows AS row
MERGE (n:Node {id: row.id})
SET n = row.props
SET n:$$LABEL$$
SET n.searchText = toLower(reduce(text = coalesce(n.name, '') + '\n' + coalesce(n.nameEn, ''), alias IN coalesce(n.aliases, []) | text + '\n' + alias))
RETURN count(n) AS written
