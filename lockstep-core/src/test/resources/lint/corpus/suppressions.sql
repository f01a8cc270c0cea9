-- lockstep:ignore LS501 the old code no longer reads legacy
-- lockstep:ignore LS999 no such code
CREATE TABLE a (id int);
-- lockstep:ignore LS101
CREATE TABLE b (id int);
-- lockstep:ignore LS101,LS102 made and dropped by hand
CREATE TABLE c (id int);
DROP TABLE legacy;
# lockstep:ignore LS102 a hash comment
DROP VIEW v;
