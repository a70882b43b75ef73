// Entry point of `npm start`: the compile cache first, then everything else (see compile-cache.ts).
import { enableCompileCache } from './core/compile-cache.ts';

enableCompileCache();
await import('./start-server.ts');
