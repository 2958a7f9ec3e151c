INSERT OR IGNORE INTO link_types (name) SELECT value FROM json_each($names)
