INSERT INTO name_trigrams (rowid, folded) VALUES ($id, $folded);
INSERT INTO name_bigrams (rowid, grams) VALUES ($id, $grams);
