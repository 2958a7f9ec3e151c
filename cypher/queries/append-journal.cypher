// Appends a journal entry in the write's transaction: the entry's JSON, and the nodes it touched for lookups by node.
CREATE (j:Journal {version: $version, at: $at, subject: $subject, entry: $entry, nodeIds: $nodeIds})
