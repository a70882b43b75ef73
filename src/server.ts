// Entry point of `npm start`: the compile cache first, then the server, from its bundled module
// (core/server-bundle.ts) or, with KIOSQUE_BUNDLE=0, from the sources.
import path from 'node:path';
import { enableCompileCache } from './core/compile-cache.js';

enableCompileCache();
const { startModule } = await import('./core/server-bundle.ts');
await import(await startModule(path.join(import.meta.dirname, 'start-server.ts')));
