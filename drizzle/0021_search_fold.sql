-- Text folded for search the way domain/vietnamese-text.ts#foldForSearch folds it (lower case, no
-- diacritics, đ → d), as an IMMUTABLE function so that expression indexes can use it. unaccent()
-- itself is only STABLE (its dictionary could change); naming the dictionary makes the result
-- depend on the arguments alone, which is what the indexes need. Schema-qualified so that the
-- function works whatever the caller's search_path.
CREATE OR REPLACE FUNCTION tiendo_fold(value text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, replace(replace(value, 'đ', 'd'), 'Đ', 'D'))) $$;
