DELETE FROM name_trigrams WHERE rowid IN (SELECT id FROM node_names WHERE n = $n);
DELETE FROM name_bigrams WHERE rowid IN (SELECT id FROM node_names WHERE n = $n);
DELETE FROM node_names WHERE n = $n;
