import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { needsBrowser, valueImports } from '../../scripts/support/test-phases.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

describe('test phases: a file runs in the browser phase when it can launch Chromium', () => {
  it('follows value imports through the project, not type-only ones', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosque-phases-'));
    const write = (name: string, text: string) => fs.writeFileSync(path.join(dir, name), text);
    write('launcher.ts', "import { chromium } from 'playwright-core';\nexport const go = () => chromium;\n");
    write(
      'types-only.ts',
      "import type { Browser } from 'playwright-core';\nimport { type Page } from 'playwright-core';\nexport type B = Browser | Page;\n",
    );
    write('helper.ts', "export {\n  go,\n} from './launcher.ts';\n");
    write('a.test.ts', "import assert from 'node:assert';\nimport { go } from './helper.ts';\n");
    write('b.test.ts', "import type { B } from './types-only.ts';\nimport { type go } from './helper.ts';\n");
    write('c.test.ts', "const m = await import('./launcher.ts');\n");
    write('cycle-a.ts', "import './cycle-b.ts';\n");
    write('cycle-b.ts', "import './cycle-a.ts';\n");
    write('d.test.ts', "import './cycle-a.ts';\n");
    assert.equal(needsBrowser(path.join(dir, 'a.test.ts')), true);
    assert.equal(needsBrowser(path.join(dir, 'b.test.ts')), false);
    assert.equal(needsBrowser(path.join(dir, 'c.test.ts')), true);
    assert.equal(needsBrowser(path.join(dir, 'd.test.ts')), false);
    assert.deepEqual(valueImports(path.join(dir, 'b.test.ts')), []);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('sorts the project’s own files as they need', () => {
    const at = (p: string) => path.join(ROOT, p);
    // Browser tests outside test/e2e are found too; e2e files that need no browser are not.
    for (const file of [
      'test/e2e/accessibility.test.ts',
      'src/media/media.e2e.test.ts',
      'test/security/xss.test.ts',
      'src/api/token-screen-browser.test.ts',
    ]) {
      assert.equal(needsBrowser(at(file)), true, file);
    }
    for (const file of [
      'test/e2e/html-validity.test.ts',
      'test/security/bad-input.test.ts',
      'src/core/config.test.ts',
      'src/route-maps.test.ts',
    ]) {
      assert.equal(needsBrowser(at(file)), false, file);
    }
  });
});
