import { createRequire } from 'node:module';

// The server bundle (core/server-bundle.ts) keeps a package's static import static: every module
// that imports it, however rarely used, loads it at every start. A package that only a job, an
// import or a search needs, and that its callers use synchronously, is loaded here on first use
// instead (measured, each on its own: fast-xml-parser 44 ms, htmlparser2 43 ms, snowball-stemmers
// 28 ms of the start). Node's require reads ES modules too.

const load = createRequire(import.meta.url);

/** A package loaded the first time the returned function is called, then the same module each time. */
export function lazyPackage<Module>(name: string): () => Module {
  let loaded: Module | undefined;
  return () => {
    loaded ??= load(name) as Module;
    return loaded;
  };
}
