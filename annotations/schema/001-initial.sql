-- Schema version 1: the study index of the local cache.
CREATE TABLE patients (
    id INTEGER PRIMARY KEY,
    patient_id TEXT NOT NULL,
    name TEXT NOT NULL,
    birth_date TEXT NOT NULL DEFAULT '',
    sex TEXT NOT NULL DEFAULT '',
    UNIQUE (patient_id, name)
);
CREATE TABLE studies (
    id INTEGER PRIMARY KEY,
    patient INTEGER NOT NULL REFERENCES patients(id) ON DELETE CASCADE,
    study_uid TEXT NOT NULL UNIQUE,
    study_date TEXT NOT NULL DEFAULT '',
    study_time TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    accession TEXT NOT NULL DEFAULT ''
);
CREATE TABLE series (
    id INTEGER PRIMARY KEY,
    study INTEGER NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
    series_uid TEXT NOT NULL UNIQUE,
    modality TEXT NOT NULL DEFAULT '',
    number INTEGER NOT NULL DEFAULT 0,
    description TEXT NOT NULL DEFAULT ''
);
CREATE TABLE instances (
    id INTEGER PRIMARY KEY,
    series INTEGER NOT NULL REFERENCES series(id) ON DELETE CASCADE,
    sop_uid TEXT NOT NULL UNIQUE,
    sop_class TEXT NOT NULL DEFAULT '',
    path TEXT NOT NULL,
    transfer_syntax TEXT NOT NULL DEFAULT '',
    frames INTEGER NOT NULL DEFAULT 1,
    instance_number INTEGER NOT NULL DEFAULT 0,
    position_x REAL, position_y REAL, position_z REAL,
    file_size INTEGER NOT NULL DEFAULT 0,
    missing INTEGER NOT NULL DEFAULT 0   -- 1: the file was not found on the last check
);
-- Folders and files imported, so the index can be rebuilt from them if the database is lost.
CREATE TABLE sources (
    path TEXT PRIMARY KEY,
    imported_at TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE INDEX studies_patient ON studies(patient);
CREATE INDEX studies_date ON studies(study_date);
CREATE INDEX studies_accession ON studies(accession);
CREATE INDEX series_study ON series(study);
CREATE INDEX instances_series ON instances(series);
CREATE INDEX patients_name ON patients(name COLLATE NOCASE);
