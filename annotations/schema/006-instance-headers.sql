-- Schema version 6: each instance keeps the headers its scan found (FrameHeaders as bytes,
-- hf::encodeFrameHeaders), so a cached series opens without reading every header again.
-- NULL for rows indexed before; those files are scanned when their series opens.
ALTER TABLE instances ADD COLUMN headers BLOB;
