-- Schema version 8: how one Frame of Reference of a patient was tied to another (a prior
-- registered to the current study), kept so that the pair opened again is linked at once.
-- The transform takes a point of fixed_frame to the same anatomy in moving_frame:
-- rotation row by row, then the translation (mm), as 12 numbers separated by spaces.
CREATE TABLE registrations (
    fixed_frame TEXT NOT NULL,
    moving_frame TEXT NOT NULL,
    transform TEXT NOT NULL,
    how TEXT NOT NULL,            -- "registered (MI), 3.0 deg, 13.2 mm", "aligned manually"
    made TEXT NOT NULL,           -- UTC, ISO 8601
    PRIMARY KEY (fixed_frame, moving_frame)
);
