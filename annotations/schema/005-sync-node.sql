-- Schema version 5: the node the sync state refers to. When the sync node changes, every
-- study's annotations, tags, key images and note are queued once more, so that the new node
-- gets all of them and not only what changed after the switch.
CREATE TABLE sync_node (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    address TEXT NOT NULL  -- AET@HOST:PORT or the DICOMweb base URL
);
