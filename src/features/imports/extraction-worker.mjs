// Entry point of the extraction pool's worker threads (extraction-pool.ts), in plain JavaScript on
// purpose. The server runs TypeScript through tsx, but a worker thread starts with a fresh module
// loader: tsx's hooks registered in the main thread (`tsx src/server/main.ts`, or Vitest's own
// transform in tests) do not apply inside it, so a worker cannot load a .ts file by itself. This
// file can be loaded by Node as is; it registers tsx's ESM loader for its own thread
// (`register` from tsx/esm/api, which uses node:module's register) and then imports the
// TypeScript task, which from there on loads like the rest of the code.
import { register } from 'tsx/esm/api';

register();
const { runTask } = await import('./extraction-task.ts');

export default runTask;
