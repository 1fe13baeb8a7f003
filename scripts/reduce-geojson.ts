// Reduces a province's commune boundaries (GeoJSON, WGS84) for the web map, once, offline; the
// output is committed under reference/geo/ and served as is by GET /api/map/communes.
//
//   npx tsx scripts/reduce-geojson.ts IN.geojson OUT.geojson [tolerance in degrees, 0.0004]
//
// What it does, keeping neighbouring communes' shared borders identical (no gaps, no overlaps):
// 1. rounds every coordinate to 4 decimals (about 11 m) and drops repeated consecutive points;
// 2. cuts every ring into arcs at "junctions" — ring starts, and points where the set of communes
//    a point belongs to changes (where a border between two communes meets a third, or the
//    province's edge) — so that a border two communes share is the same arc in both;
// 3. simplifies each arc with Douglas–Peucker (its ends fixed), which gives the same points
//    whichever direction the arc is walked; a ring that would fall below 4 points is kept as
//    rounded.
// Properties are reduced to the national `code` and `name` (communes.code, communes.name).
// No dependency: the simplifiers on npm are not installed here and this is one run.
import { readFileSync, writeFileSync } from 'node:fs';

type Point = [number, number];
type Ring = Point[];
type Polygon = Ring[];
type Feature = {
  type: 'Feature';
  properties: Record<string, unknown>;
  geometry:
    | { type: 'Polygon'; coordinates: Polygon }
    | { type: 'MultiPolygon'; coordinates: Polygon[] };
};

const [input, output, toleranceArg] = process.argv.slice(2);
if (!input || !output) {
  console.error('usage: tsx scripts/reduce-geojson.ts IN.geojson OUT.geojson [tolerance]');
  process.exit(2);
}
const tolerance = Number(toleranceArg ?? '0.0004');

const round = (n: number) => Math.round(n * 1e4) / 1e4;
const key = (p: Point) => `${p[0]},${p[1]}`;

const source = JSON.parse(readFileSync(input, 'utf8')) as { features: Feature[] };
const features = source.features.map((f) => ({
  code: String(f.properties.code),
  name: String(f.properties.name),
  polygons: (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates).map(
    (polygon) =>
      polygon.map((ring) => {
        const out: Ring = [];
        for (const [x, y] of ring) {
          const p: Point = [round(x), round(y)];
          const last = out[out.length - 1];
          if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
        }
        return out;
      }),
  ),
}));

// Which communes each point belongs to.
const owners = new Map<string, Set<number>>();
features.forEach((f, i) => {
  for (const polygon of f.polygons)
    for (const ring of polygon)
      for (const p of ring) {
        const k = key(p);
        const set = owners.get(k) ?? new Set<number>();
        set.add(i);
        owners.set(k, set);
      }
});
const sameOwners = (a: Point, b: Point) => {
  const x = owners.get(key(a));
  const y = owners.get(key(b));
  if (!x || !y || x.size !== y.size) return false;
  for (const v of x) if (!y.has(v)) return false;
  return true;
};

// Junctions, the same in every ring that passes through them.
const fixed = new Set<string>();
for (const f of features)
  for (const polygon of f.polygons)
    for (const ring of polygon) {
      const n = ring.length - 1; // the last point repeats the first
      if (n < 1) continue;
      fixed.add(key(ring[0] as Point));
      for (let i = 0; i < n; i++) {
        const p = ring[i] as Point;
        const prev = ring[(i - 1 + n) % n] as Point;
        const next = ring[(i + 1) % n] as Point;
        if (!sameOwners(p, prev) || !sameOwners(p, next)) fixed.add(key(p));
      }
    }

function distanceToSegment(p: Point, a: Point, b: Point): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const length2 = dx * dx + dy * dy;
  const t =
    length2 === 0
      ? 0
      : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length2));
  return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}

/** Douglas–Peucker on an open arc, both ends kept. */
function simplifyArc(arc: Point[]): Point[] {
  if (arc.length <= 2) return arc;
  const keep = new Array<boolean>(arc.length).fill(false);
  keep[0] = true;
  keep[arc.length - 1] = true;
  const stack: [number, number][] = [[0, arc.length - 1]];
  while (stack.length > 0) {
    const [from, to] = stack.pop() as [number, number];
    let worst = -1;
    let index = -1;
    for (let i = from + 1; i < to; i++) {
      const d = distanceToSegment(arc[i] as Point, arc[from] as Point, arc[to] as Point);
      if (d > worst) {
        worst = d;
        index = i;
      }
    }
    if (index >= 0 && worst > tolerance) {
      keep[index] = true;
      stack.push([from, index], [index, to]);
    }
  }
  return arc.filter((_, i) => keep[i]);
}

function simplifyRing(ring: Ring): Ring {
  if (ring.length < 4) return ring;
  const out: Point[] = [];
  let arc: Point[] = [ring[0] as Point];
  for (let i = 1; i < ring.length; i++) {
    const p = ring[i] as Point;
    arc.push(p);
    if (fixed.has(key(p)) || i === ring.length - 1) {
      out.push(...simplifyArc(arc).slice(0, -1));
      arc = [p];
    }
  }
  out.push(ring[ring.length - 1] as Point);
  return out.length >= 4 ? out : ring;
}

let before = 0;
let after = 0;
const reduced = {
  type: 'FeatureCollection',
  features: features.map((f) => {
    const polygons = f.polygons.map((polygon) =>
      polygon.map((ring) => {
        before += ring.length;
        const r = simplifyRing(ring);
        after += r.length;
        return r;
      }),
    );
    return {
      type: 'Feature',
      properties: { code: f.code, name: f.name },
      geometry: { type: 'MultiPolygon', coordinates: polygons },
    };
  }),
};
const text = JSON.stringify(reduced);
writeFileSync(output, `${text}\n`);
console.log(
  `${features.length} features, ${before} → ${after} points (tolerance ${tolerance}°), ${text.length} bytes`,
);
