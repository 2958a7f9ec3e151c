SELECT n, kind FROM nodes WHERE id = $id
