DELETE FROM nodes WHERE n = $n
