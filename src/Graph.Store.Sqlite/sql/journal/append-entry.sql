INSERT INTO journal (version, at, subject, entry) VALUES ($version, $at, $subject, $entry)
