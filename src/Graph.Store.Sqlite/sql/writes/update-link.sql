UPDATE links SET start_date = $start, end_date = $end, source = $source, props = $props, updated_at = $now
WHERE from_n = $from AND type = $type AND to_n = $to AND key = $key
  AND (start_date IS NOT $start OR end_date IS NOT $end OR source IS NOT $source OR props IS NOT $props)
