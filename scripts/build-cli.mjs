// Bundles the `tiendo` CLI (src/cli/bin.ts and what it imports from src/) into dist/cli with esbuild,
// so `npx tiendo` starts without tsx transpiling and resolving some sixty TypeScript files first.
// The server (src/server/main.ts) is bundled beside it (server.mjs, sharing chunks): `npm start`
// runs it through scripts/start.mjs, without tsx's loader and the source maps it keeps (some 70 MB
// of the server's memory, issue #12).
// `npm install` / `npm ci` run it (the "prepare" script). bin/tiendo.js uses the bundle only while
// the manifest's digest of every bundled source still matches; otherwise it runs the sources
// through tsx as before, so an edited tree never runs stale code. A failed build only warns: the
// CLI then keeps working through tsx.
//
//   node scripts/build-cli.mjs [outdir]     (default dist/cli)
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const MANIFEST = 'manifest.json';

/** The digest bin/tiendo.js compares: the bundled sources' paths and contents, in order. */
export function digestOf(root, inputs) {
  const hash = createHash('sha256');
  for (const input of inputs) {
    hash.update(input);
    hash.update('\0');
    hash.update(readFileSync(join(root, input)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/**
 * Sources find files beside them through import.meta.url (the migrations, the reference data, the
 * PDF reader's worker). In the bundle each source's import.meta.url is replaced by the URL of the
 * source file itself, computed relative to the bundle, so those paths resolve as they do under tsx
 * and the checkout may still be moved.
 */
function keepSourceUrls(outdir) {
  return {
    name: 'keep-source-urls',
    setup(build) {
      build.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, (args) => {
        const text = readFileSync(args.path, 'utf8');
        if (!text.includes('import.meta.url')) return undefined;
        const fromBundle = relative(outdir, args.path).split(sep).join('/');
        return {
          contents: text.replaceAll(
            'import.meta.url',
            `new URL(${JSON.stringify(fromBundle)}, import.meta.url).href`,
          ),
          loader: 'ts',
        };
      });
    },
  };
}

export async function buildCli(outdir = join(ROOT, 'dist/cli')) {
  const { build } = await import('esbuild');
  const target = resolve(outdir);
  // Built beside the target and renamed into place, so a CLI starting meanwhile never sees half.
  const staging = `${target}.tmp-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(dirname(target), { recursive: true });
  try {
    const result = await build({
      absWorkingDir: ROOT,
      entryPoints: { tiendo: 'src/cli/bin.ts', server: 'src/server/main.ts' },
      outdir: staging,
      bundle: true,
      // Chunks keep the commands' dynamic imports lazy: `tiendo --help` loads no database code.
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      packages: 'external',
      outExtension: { '.js': '.mjs' },
      metafile: true,
      logLevel: 'warning',
      plugins: [keepSourceUrls(target)],
    });
    const inputs = Object.keys(result.metafile.inputs)
      .filter((p) => !p.startsWith('node_modules/'))
      .sort();
    writeFileSync(
      join(staging, MANIFEST),
      `${JSON.stringify({ entry: 'tiendo.mjs', server: 'server.mjs', inputs, digest: digestOf(ROOT, inputs) }, null, 2)}\n`,
    );
    const old = `${target}.old-${process.pid}`;
    try {
      renameSync(target, old);
    } catch {
      // no previous bundle
    }
    renameSync(staging, target);
    rmSync(old, { recursive: true, force: true });
    return { outdir: target, inputs };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const started = performance.now();
  try {
    const { outdir, inputs } = await buildCli(process.argv[2]);
    console.log(
      `tiendo CLI bundled: ${inputs.length} sources → ${relative(process.cwd(), outdir) || '.'} (${Math.round(performance.now() - started)} ms)`,
    );
  } catch (e) {
    // Never fail an install over this: bin/tiendo.js falls back to running the sources with tsx.
    console.warn(`tiendo CLI not bundled (${e?.message ?? e}); \`npx tiendo\` will use tsx.`);
  }
}
