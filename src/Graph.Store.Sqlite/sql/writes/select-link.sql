SELECT start_date, end_date, source, props, created_at, updated_at FROM links
WHERE from_n = $from AND type = $type AND to_n = $to AND key = $key
