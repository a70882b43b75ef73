import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestApp, type TestApp } from '../support/app-factory.ts';
import { discoverPageUrls, type PageCase, pageCases } from '../support/page-urls.ts';
import { errorsOnly, formatVnuMessages, type HtmlDocument, validateHtml, vnuUnavailableReason } from '../support/vnu.ts';

// No browser needed: the HTML is taken through app.inject and checked by the Nu Html Checker,
// all pages in one Java run.

const unavailable = vnuUnavailableReason();

let testApp: TestApp;
let cases: PageCase[] = [];

before(async () => {
  if (unavailable) return;
  testApp = await createTestApp({ seed: true });
  cases = pageCases(await discoverPageUrls(testApp));
});

after(async () => {
  await testApp?.close();
});

test('chaque type de page est du HTML valide (Nu Html Checker)', { skip: unavailable }, async () => {
  const documents: HtmlDocument[] = [];
  for (const page of cases) {
    const response = await testApp.app.inject({ method: 'GET', url: page.path });
    assert.equal(response.statusCode, page.status, `${page.path} répond ${response.statusCode}`);
    assert.match(String(response.headers['content-type']), /^text\/html/);
    documents.push({ name: `${page.name} ${page.path}`, html: response.body });
  }
  const results = await validateHtml(documents);
  const problems = [...results].flatMap(([name, messages]) => {
    const errors = errorsOnly(messages);
    return errors.length > 0 ? [formatVnuMessages(name, errors)] : [];
  });
  assert.equal(problems.length, 0, `erreurs de validation :\n${problems.join('\n')}`);
});
