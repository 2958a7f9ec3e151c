INSERT INTO links (from_n, type, to_n, key, start_date, end_date, source, props, created_at, updated_at)
VALUES ($from, $type, $to, $key, $start, $end, $source, $props, $now, $now) ON CONFLICT DO NOTHING
