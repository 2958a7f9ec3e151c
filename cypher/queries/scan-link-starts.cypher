// The nodes that links of one type leave, with how many each: a scan reads them once, then the links a page of start
// nodes at a time (scan-links-from), so no page re-reads the type.
MATCH (a:Node)-[r:$$TYPE$$]->()
RETURN a.id AS id, count(r) AS links
