SELECT code, name FROM link_types
