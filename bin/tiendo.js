#!/usr/bin/env node
// Runs the TypeScript CLI through tsx's loader, so `npx tiendo …` works in a clone without a build.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/bin.ts');
