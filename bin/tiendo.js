#!/usr/bin/env node
// `npx tiendo …`: runs the bundle that `npm install` builds (scripts/build-cli.mjs → dist/cli) when
// it was built from exactly the sources in the tree; otherwise (no bundle, sources edited since,
// TIENDO_CLI_TSX=1) runs the TypeScript sources through tsx's loader, so a clone works without a
// build and never runs stale code.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { digestOf, MANIFEST } from '../scripts/build-cli.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BUNDLE = new URL('../dist/cli/', import.meta.url);

function freshBundle() {
  if (process.env.TIENDO_CLI_TSX === '1') return null;
  try {
    const manifest = JSON.parse(readFileSync(new URL(MANIFEST, BUNDLE), 'utf8'));
    if (digestOf(ROOT, manifest.inputs) !== manifest.digest) return null;
    return new URL(manifest.entry, BUNDLE);
  } catch {
    // no bundle, or a source it was built from is gone
    return null;
  }
}

const bundle = freshBundle();
if (bundle) {
  await import(bundle.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/bin.ts');
}
