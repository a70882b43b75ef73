import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lazyPackage } from './lazy-package.ts';

test('a lazy package is loaded on first call, then the same module; an ES-module-only package too', () => {
  const xml = lazyPackage<typeof import('fast-xml-parser')>('fast-xml-parser');
  const first = xml();
  assert.equal(xml(), first);
  assert.equal(new first.XMLParser().parse('<a>é</a>').a, 'é');
  // htmlparser2 12 ships ES modules only: Node's require reads them.
  const html = lazyPackage<typeof import('htmlparser2')>('htmlparser2');
  assert.equal(html().parseDocument('<p>un <b>mot</b></p>').children.length, 1);
  assert.throws(() => lazyPackage('kiosque-absent-package')(), /Cannot find module/);
});
