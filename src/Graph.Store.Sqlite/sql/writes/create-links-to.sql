-- SQLite sorts an index's entries in memory up to the page cache's size, on one thread; with a smaller cache it
-- sorts runs of them on the worker threads of PRAGMA threads (set for a bulk load), then merges the runs. The
-- import sets its cache size back at its end. IF NOT EXISTS: the bulk load dropped it; a store that has it is left
-- as it is (and the statement prepares on it).
PRAGMA cache_size = -16384;
CREATE INDEX IF NOT EXISTS links_to ON links (to_n, type);
