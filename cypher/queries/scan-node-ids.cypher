// The ids of every node of a kind, through its label: a scan reads them once, then the nodes by id a page at a time
// (get-nodes), so no page re-reads the kind.
MATCH (n:$$LABEL$$)
RETURN n.id AS id
