INSERT INTO schema_version (version, description, applied_at) VALUES ($version, $description, $at)
