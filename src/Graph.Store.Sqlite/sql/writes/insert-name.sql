-- Bound by position: $n, $kind, $text, $folded.
INSERT INTO node_names (n, kind, text, folded) VALUES ($n, $kind, $text, $folded)
