-- Bound by position: $n NULL lets SQLite number the node.
INSERT INTO nodes (id, kind, key, name, name_en, aliases, props, created_at, updated_at, n)
VALUES ($id, $kind, $key, $name, $nameEn, $aliases, $props, $now, $now, $n) ON CONFLICT DO NOTHING
