SELECT kind, count FROM node_counts
