import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../../../../test/support/browser.ts';
import { chromiumIsInstalled } from '../../../../test/support/chromium.ts';

// The paste clean-up needs a real DOM (DOMParser): it runs in Chromium on clipboard HTML as Word,
// Google Docs and web pages put it there.

const WORD = `<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><meta name=Generator content="Microsoft Word 15"><style>p.MsoNormal{margin:0}</style><!--[if gte mso 9]><xml><o:OfficeDocumentSettings></o:OfficeDocumentSettings></xml><![endif]--></head><body lang=FR>
<h1 style="mso-style-name:Titre">Le grand titre</h1>
<p class=MsoNormal style="margin-bottom:8pt"><b><span style="font-size:12pt;font-family:Calibri">Gras Word</span></b><span style="font-size:12pt"> puis <i>italique</i> et <span style="color:red;font-weight:bold">gras en style</span>.<o:p></o:p></span></p>
<p class=MsoNormal><o:p>&nbsp;</o:p></p>
<p class=MsoListParagraphCxSpFirst style="mso-list:l0 level1 lfo1"><span style="mso-list:Ignore">·<span style="font:7.0pt">&nbsp;&nbsp;</span></span>Premier point</p>
<h4>Petit intertitre</h4>
<p class=MsoNormal><a href="javascript:alert(1)">lien piégé</a> et <a href="https://exemple.fr/source" style="color:blue" target="_blank">une vraie source</a></p>
<script>alert('x')</script></body></html>`;

const GOOGLE_DOCS = `<meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-1234"><p dir="ltr" style="line-height:1.38;margin-top:0pt"><span style="font-size:11pt;font-family:Arial;font-weight:400;font-style:normal">Texte normal, </span><span style="font-size:11pt;font-weight:700">texte gras</span><span style="font-size:11pt;font-style:italic;font-weight:400"> et italique</span></p><h2 dir="ltr"><span style="font-size:16pt;font-weight:400">Un intertitre</span></h2><blockquote><p>Citation sans auteur</p></blockquote><p><img src="https://lh3.googleusercontent.com/x.png" width="200"></p></b>`;

describe('nettoyage du collage (Chromium)', { skip: !chromiumIsInstalled() && 'Chromium absent' }, () => {
  let browser: Browser;
  let page: Page;

  before(async () => {
    const bundle = await build({
      entryPoints: [path.join(import.meta.dirname, 'paste-cleanup.ts')],
      bundle: true,
      write: false,
      format: 'iife',
      globalName: 'paste',
      logLevel: 'silent',
    });
    browser = await launchBrowser();
    page = await browser.newPage();
    await page.setContent('<!doctype html><html><body></body></html>');
    await page.addScriptTag({ content: bundle.outputFiles[0].text });
  });
  after(() => browser?.close());

  const clean = (html: string) =>
    page.evaluate(
      (input) => (globalThis as unknown as { paste: { cleanPastedHtml(h: string): string } }).paste.cleanPastedHtml(input),
      html,
    );

  test('Word: headings in range, bold and italic as marks, no styles, classes, bullets, comments or scripts', async () => {
    const out = await clean(WORD);
    assert.match(out, /<h2>Le grand titre<\/h2>/);
    assert.match(out, /<h3>Petit intertitre<\/h3>/);
    assert.match(out, /<strong>Gras Word<\/strong>/);
    assert.match(out, /<em>italique<\/em>/);
    assert.match(out, /<strong>gras en style<\/strong>/);
    assert.match(out, /<p>Premier point<\/p>/, 'Word’s bullet characters are dropped');
    assert.match(out, /<a href="https:\/\/exemple.fr\/source">une vraie source<\/a>/);
    assert.match(out, /lien piégé/);
    for (const bad of [
      'style=',
      'class=',
      'javascript:',
      '<script',
      'mso',
      '<o:p',
      '<!--',
      'target=',
      '<span',
      '<b>',
      '<i>',
      '<h1',
      '<h4',
    ]) {
      assert.ok(!out.includes(bad), `${bad} in ${out}`);
    }
    assert.doesNotMatch(out, /<p>\s*<\/p>/, 'Word’s empty spacer paragraphs go');
  });

  test('Google Docs: the whole-document <b style="font-weight:normal"> is not bold; styled spans become marks', async () => {
    const out = await clean(GOOGLE_DOCS);
    assert.match(out, /^<p>Texte normal, <strong>texte gras<\/strong><em> et italique<\/em><\/p>/);
    assert.match(out, /<h2>Un intertitre<\/h2>/, 'a heading’s own weight does not make it bold text');
    assert.match(out, /<p>Citation sans auteur<\/p>/, 'a quotation without a speaker is kept as text');
    assert.doesNotMatch(out, /blockquote|<img|docs-internal|style=|dir=/);
  });

  test('the editor’s own quotations, images and embeds survive a copy and paste within the editor', async () => {
    const out = await clean(
      '<blockquote data-speaker="Ada" lang="en" style="x"><p>Hi</p></blockquote><figure data-image-id="3" data-size="wide" class="x"></figure><div data-embed-provider="youtube" data-embed-id="dQw4w9WgXcQ" data-embed-title="T" onclick="alert(1)"></div>',
    );
    assert.equal(
      out,
      '<blockquote data-speaker="Ada" lang="en"><p>Hi</p></blockquote><figure data-image-id="3" data-size="wide"></figure><div data-embed-provider="youtube" data-embed-id="dQw4w9WgXcQ" data-embed-title="T"></div>',
    );
  });
});
