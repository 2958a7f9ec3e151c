SELECT n, name, name_en, aliases, props, created_at, updated_at FROM nodes WHERE id = $id
