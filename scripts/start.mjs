// `npm start` (after `npm run build:web` and scripts/build-cli.mjs): runs the server's bundle
// (dist/cli/server.mjs) when it was built from exactly the sources in the tree, as bin/tiendo.js
// does for the CLI; otherwise (no bundle, sources edited since, TIENDO_SERVER_TSX=1) runs
// src/server/main.ts through tsx's loader, as before. The bundle spares the server tsx's loader and
// the source maps it keeps for every file (issue #12: memory).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { digestOf, MANIFEST } from './build-cli.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BUNDLE = new URL('../dist/cli/', import.meta.url);

function freshBundle() {
  if (process.env.TIENDO_SERVER_TSX === '1') return null;
  try {
    const manifest = JSON.parse(readFileSync(new URL(MANIFEST, BUNDLE), 'utf8'));
    if (!manifest.server || digestOf(ROOT, manifest.inputs) !== manifest.digest) return null;
    return new URL(manifest.server, BUNDLE);
  } catch {
    // no bundle, or a source it was built from is gone
    return null;
  }
}

const bundle = freshBundle();
if (bundle) {
  await import(bundle.href);
} else {
  console.log('[tiendo] running the sources through tsx (no fresh bundle in dist/cli)');
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/server/main.ts');
}
