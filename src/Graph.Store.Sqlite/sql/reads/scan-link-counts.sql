SELECT type, count FROM link_counts
