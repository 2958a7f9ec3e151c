INSERT INTO node_counts (kind, count) VALUES ($kind, $delta) ON CONFLICT (kind) DO UPDATE SET count = count + excluded.count
