UPDATE nodes SET name = $name, name_en = $nameEn, aliases = $aliases, props = $props, updated_at = $now WHERE n = $n
