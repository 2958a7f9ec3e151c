INSERT INTO link_counts (type, count) VALUES ($type, $delta) ON CONFLICT (type) DO UPDATE SET count = count + excluded.count
