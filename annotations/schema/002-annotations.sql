-- Schema version 2: annotations, tags, key images and study notes, each write paired with an
-- outbox row (same transaction) that the PACS sync drains. Nothing is deleted: a deletion is a
-- new revision with deleted = 1 (a tombstone), which the sync must send too.
CREATE TABLE annotations (
    id TEXT PRIMARY KEY,               -- stable id (UUID), kept across revisions and machines
    revision INTEGER NOT NULL,         -- 1, 2, ...: every change is a new revision
    study_uid TEXT NOT NULL,
    series_uid TEXT NOT NULL,
    sop_uid TEXT NOT NULL,             -- the image it was drawn on
    frame INTEGER NOT NULL DEFAULT 1,  -- 1-based frame in that image
    kind TEXT NOT NULL,                -- length, angle, cobb, ellipse, rectangle, polygon, freehand, point, arrow, text
    points TEXT NOT NULL,              -- "x,y,z;x,y,z;..." patient LPS mm
    label TEXT NOT NULL DEFAULT '',
    author TEXT NOT NULL DEFAULT '',
    created TEXT NOT NULL,             -- ISO 8601 UTC
    modified TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0,
    sync_state TEXT NOT NULL DEFAULT 'pending',  -- pending, synced, failed
    sync_error TEXT NOT NULL DEFAULT ''
);
CREATE INDEX annotations_study ON annotations(study_uid);
CREATE INDEX annotations_series ON annotations(series_uid);

CREATE TABLE tags (
    study_uid TEXT NOT NULL,
    series_uid TEXT NOT NULL DEFAULT '',  -- '' : a study tag
    word TEXT NOT NULL,
    revision INTEGER NOT NULL DEFAULT 1,
    deleted INTEGER NOT NULL DEFAULT 0,
    modified TEXT NOT NULL,
    PRIMARY KEY (study_uid, series_uid, word)
);
CREATE INDEX tags_word ON tags(word COLLATE NOCASE);

CREATE TABLE key_images (
    sop_uid TEXT NOT NULL,
    frame INTEGER NOT NULL DEFAULT 1,
    study_uid TEXT NOT NULL,
    series_uid TEXT NOT NULL DEFAULT '',
    revision INTEGER NOT NULL DEFAULT 1,
    deleted INTEGER NOT NULL DEFAULT 0,
    modified TEXT NOT NULL,
    PRIMARY KEY (sop_uid, frame)
);
CREATE INDEX key_images_study ON key_images(study_uid);

CREATE TABLE study_notes (
    study_uid TEXT PRIMARY KEY,
    note TEXT NOT NULL,
    revision INTEGER NOT NULL DEFAULT 1,
    modified TEXT NOT NULL
);

-- What the sync has to send: one row per change, in order.
CREATE TABLE outbox (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    study_uid TEXT NOT NULL,
    object TEXT NOT NULL,   -- annotation, tag, key_image, note
    object_id TEXT NOT NULL,
    revision INTEGER NOT NULL,
    created TEXT NOT NULL
);
CREATE INDEX outbox_study ON outbox(study_uid);
