DELETE FROM node_names WHERE n = $n
