DELETE FROM links WHERE from_n = $n;
DELETE FROM links WHERE to_n = $n;
