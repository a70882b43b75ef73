import fs from 'node:fs';
import path from 'node:path';

/** Packages whose value import means the file can launch a browser. */
const BROWSER_PACKAGES = new Set(['playwright-core', 'playwright']);

// import … from '…', export … from '…', import '…', import('…'): the clause (if any) and the specifier.
const IMPORT =
  /(?:^|[;\n])\s*(import|export)\s+([\s\S]*?)\s*from\s*['"]([^'"]+)['"]|(?:^|[;\n])\s*import\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

/** True when an import clause brings in values, not only types (`import type …`, `{ type A, type B }`). */
function importsValues(clause: string): boolean {
  const c = clause.trim();
  if (/^type\b/.test(c)) return false;
  const braces = /^\{([\s\S]*)\}$/.exec(c);
  if (!braces) return true;
  const names = braces[1]
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return names.length === 0 || names.some((n) => !n.startsWith('type '));
}

/** The modules a file imports for their values: relative files resolved to absolute paths, packages by name. */
export function valueImports(file: string, source = fs.readFileSync(file, 'utf8')): string[] {
  const found: string[] = [];
  for (const m of source.matchAll(IMPORT)) {
    const specifier = m[3] ?? m[4] ?? m[5];
    if (m[3] !== undefined && !importsValues(m[2])) continue;
    found.push(specifier.startsWith('.') ? path.resolve(path.dirname(file), specifier) : specifier);
  }
  return found;
}

const memo = new Map<string, boolean>();

/**
 * True when the file can launch Chromium: one of its value imports, followed through the
 * project's own files, is playwright-core (test/support/browser.ts is the usual way in). Type-only
 * imports do not count. Such files run in the browser phase of `npm test`, wherever they live.
 */
export function needsBrowser(file: string, visiting = new Set<string>()): boolean {
  const known = memo.get(file);
  if (known !== undefined) return known;
  if (visiting.has(file)) return false; // an import cycle: decided by the files outside it
  visiting.add(file);
  let result = false;
  for (const target of valueImports(file)) {
    if (BROWSER_PACKAGES.has(target)) result = true;
    else if (
      target.startsWith('/') &&
      target.endsWith('.ts') &&
      !target.includes(`${path.sep}node_modules${path.sep}`) &&
      fs.existsSync(target)
    ) {
      result = needsBrowser(target, visiting);
    }
    if (result) break;
  }
  visiting.delete(file);
  memo.set(file, result);
  return result;
}
