import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';

const t = Date.now();
const db = new PGlite({ extensions: { unaccent, pg_trgm } });
await db.exec('create extension if not exists unaccent; create extension if not exists pg_trgm;');
console.log(
  (await db.query("select unaccent('Sở Kế hoạch và Đầu tư Ủy Uỷ') as u, version()")).rows,
  Date.now() - t,
);
const dump = await db.dumpDataDir('none');
console.log(dump.size, Date.now() - t);
const db2 = new PGlite({ loadDataDir: dump, extensions: { unaccent, pg_trgm } });
console.log((await db2.query("select similarity('abc','abd')")).rows, Date.now() - t);
