-- Extensions available both on PostgreSQL 15 (contrib) and in PGlite (loaded at construction).
-- pg_trgm backs the trigram indexes of search columns; unaccent is there for SQL-side folding.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS unaccent;
