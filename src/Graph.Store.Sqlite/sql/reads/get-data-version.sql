SELECT value FROM meta WHERE name = 'data_version'
