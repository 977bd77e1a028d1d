-- Schema version 9: annotations drawn on a reformatted plane (MPR, oblique, slab) keep that
-- plane, so they are measured and drawn there again: "ox,oy,oz;rx,ry,rz;cx,cy,cz" (origin and
-- unit row and column axes, LPS mm), '' for an annotation on its acquired image; the slab as
-- "mip 10" (mode and thickness in mm), '' for a thin plane.
ALTER TABLE annotations ADD COLUMN plane TEXT NOT NULL DEFAULT '';
ALTER TABLE annotations ADD COLUMN slab TEXT NOT NULL DEFAULT '';
