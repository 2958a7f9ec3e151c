INSERT OR IGNORE INTO journal_nodes (node_id, version) VALUES ($node, $version)
