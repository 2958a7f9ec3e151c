UPDATE meta SET value = value + 1 WHERE name = 'data_version' RETURNING value
