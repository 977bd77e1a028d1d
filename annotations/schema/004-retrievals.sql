-- Schema version 4: retrievals from PACS nodes. A study whose last retrieval did not finish is
-- "partial" (the study list says so, with how many of how many), so nothing half-retrieved
-- passes for complete; retrieving it again fetches only the series still short of instances.
CREATE TABLE retrievals (
    study_uid TEXT PRIMARY KEY,
    node TEXT NOT NULL,
    expected INTEGER NOT NULL DEFAULT 0,  -- instances the node said the study has
    received INTEGER NOT NULL DEFAULT 0,  -- of those, in the cache after the last attempt
    state TEXT NOT NULL,                  -- running, partial, complete
    message TEXT NOT NULL DEFAULT '',
    updated TEXT NOT NULL
);
