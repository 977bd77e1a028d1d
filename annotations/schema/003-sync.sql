-- Schema version 3: the PACS sync. A batch is one push of a study's pending changes: the SOP
-- Instance UIDs of its objects are chosen and stored before anything is sent, so a retry after
-- a lost answer sends the same instances again (the PACS keeps one copy) and never new ones.
CREATE TABLE sync_batches (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    study_uid TEXT NOT NULL,
    last_seq INTEGER NOT NULL,           -- the study's outbox rows up to this seq are in the batch
    instance_number INTEGER NOT NULL,
    content_datetime TEXT NOT NULL,      -- YYYYMMDDHHMMSS, the objects' content date and time
    state TEXT NOT NULL DEFAULT 'open',  -- open (not all confirmed yet), done
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt INTEGER NOT NULL DEFAULT 0,  -- Unix time before which a retry waits (backoff)
    last_error TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sync_batches_study ON sync_batches(study_uid);

-- The objects of a batch: SR always, GSPS and KOS when there is something to show.
CREATE TABLE sync_objects (
    batch INTEGER NOT NULL REFERENCES sync_batches(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,                  -- SR, PR, KO
    series_uid TEXT NOT NULL,
    sop_uid TEXT NOT NULL UNIQUE,
    path TEXT NOT NULL DEFAULT '',       -- the written file (kept until the batch is done)
    confirmed INTEGER NOT NULL DEFAULT 0,  -- 1: the PACS answered success for this instance
    PRIMARY KEY (batch, kind)
);
