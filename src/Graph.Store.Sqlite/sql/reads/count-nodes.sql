SELECT coalesce(sum(count), 0) FROM node_counts
