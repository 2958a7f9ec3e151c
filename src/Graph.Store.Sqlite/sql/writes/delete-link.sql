DELETE FROM links WHERE from_n = (SELECT n FROM nodes WHERE id = $from) AND type = $type
  AND to_n = (SELECT n FROM nodes WHERE id = $to) AND key = $key
