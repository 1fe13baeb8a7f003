// Entry point of the document pool's worker threads (document-pool.ts), in plain JavaScript for the
// reason extraction-worker.mjs gives: a worker thread does not inherit tsx's loader, so it
// registers it for itself before importing the TypeScript task.
import { register } from 'tsx/esm/api';

register();
const { runDocumentTask } = await import('./documents.ts');

export default runDocumentTask;
