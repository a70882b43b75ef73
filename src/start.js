// Entry point of `npm start`. JavaScript, not TypeScript, on purpose: the first TypeScript file
// a process loads starts Node's type stripper, 17 MB that stay for the life of the server. When the
// bundled server (core/server-bundle.ts) is up to date with every source, this runs it and no
// TypeScript is ever loaded; otherwise server.ts makes it first (and that one process carries the
// stripper). KIOSQUE_BUNDLE=0 runs the sources. docs/decisions/0007-bundled-start.md.
import { pathToFileURL } from 'node:url';
import { enableCompileCache } from './core/compile-cache.js';
import { freshServerBundle } from './core/server-bundle-pointer.js';

enableCompileCache();
const bundle = process.env.KIOSQUE_BUNDLE === '0' ? undefined : await freshServerBundle();
if (bundle) await import(pathToFileURL(bundle).href);
else await import('./server.ts');
