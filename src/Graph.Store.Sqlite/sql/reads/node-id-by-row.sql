SELECT id FROM nodes WHERE n = $n
