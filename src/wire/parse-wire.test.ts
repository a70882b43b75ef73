import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseArticleInput } from '../articles/operations/article-input.ts';
import { parseWireDocument } from './parse-wire.ts';
import { wireArticleInput } from './wire-body.ts';
import { newsMlSample, ninjsSample, rssSample } from './wire-samples.ts';

const bytes = (text: string) => Buffer.from(text, 'utf8');
const mapping = { name: 'Agence Presse Continentale', personId: 1, sectionId: 1, tags: ['Fil info'] };

describe('wire parsers', () => {
  test('NewsML-G2: GUID, version, status, embargo, subjects and keywords, the picture item as a credited photo', () => {
    const [item, ...rest] = parseWireDocument(
      bytes(newsMlSample({ guid: 'urn:a', version: 4, status: 'withdrawn', embargo: '2026-12-05T10:00:00+01:00' })),
      'newsml',
    );
    assert.equal(rest.length, 0, 'the picture item is not a dépêche of its own');
    assert.equal(item!.guid, 'urn:a');
    assert.equal(item!.version, 4);
    assert.equal(item!.pubStatus, 'withdrawn');
    assert.equal(item!.embargo, '2026-12-05T09:00:00.000Z');
    assert.deepEqual(item!.keywords, ['Économie', 'Transports', 'Énergie', 'APC']);
    assert.deepEqual(item!.photos, [
      {
        href: 'https://images.apc.example/2026/12/quai-hydrogene.jpg',
        caption: 'Le nouveau quai d’avitaillement, au petit matin',
        credit: 'APC / Lucie Moreau',
      },
    ]);
  });

  test('the body keeps paragraphs and drops scripts, the <head> and unsafe links', () => {
    const xml = newsMlSample().replace(
      '<p>Le chantier',
      '<p><a href="javascript:alert(1)">piège</a> et <a href="https://apc.example/x"><strong>lien</strong></a></p><p>Le chantier',
    );
    const [item] = parseWireDocument(bytes(xml), 'newsml');
    const input = parseArticleInput(wireArticleInput(item!, mapping));
    const json = JSON.stringify(input.body);
    assert.doesNotMatch(json, /alert|javascript/);
    assert.match(json, /"href":"https:\/\/apc\.example\/x"/);
    assert.equal(input.body.content.filter((b) => b.type === 'paragraph').length, 5, 'three paragraphs, the one added, and the photo');
    assert.doesNotMatch(json, /"text":"Le port de Saint-Aubin/, 'the <title> of the XHTML head is not body text');
    assert.equal(input.format, 'depeche');
    assert.deepEqual(input.authorPersonIds, [1]);
  });

  test('ninjs 1.x fields (body_html, description_text, subject names, associations) are read too', () => {
    const [item] = parseWireDocument(
      bytes(
        JSON.stringify({
          uri: 'urn:ninjs:1',
          version: 2,
          pubstatus: 'canceled',
          headline: 'Titre',
          description_text: 'Chapô',
          body_html: '<p>Texte</p>',
          subject: [{ code: 'medtop:04000000', name: 'Économie' }],
          associations: { photo: { type: 'picture', byline: 'APC', renditions: { web: { href: 'https://apc.example/p.jpg' } } } },
        }),
      ),
      'ninjs',
    );
    assert.deepEqual(
      { guid: item!.guid, version: item!.version, status: item!.pubStatus, lead: item!.lead, keywords: item!.keywords },
      { guid: 'urn:ninjs:1', version: 2, status: 'canceled', lead: 'Chapô', keywords: ['Économie'] },
    );
    assert.equal(item!.photos[0]!.credit, 'APC');
    assert.equal(
      parseWireDocument(bytes(ninjsSample()), 'ninjs')[0]!.headline,
      'Le port de Saint-Aubin-sur-Loire inaugure son quai à hydrogène',
    );
  });

  test('RSS: one item per <item>, the GUID, the categories and media:credit', () => {
    const items = parseWireDocument(bytes(rssSample([{ story: 0 }, { story: 1, version: 3 }])), 'rss');
    assert.equal(items.length, 2);
    assert.equal(items[1]!.guid, 'https://apc.example/rss/1');
    assert.ok(items[1]!.version > items[0]!.version, 'a later date is a higher version');
    assert.deepEqual(items[1]!.keywords, ['Transports', 'Social']);
    assert.equal(items[1]!.photos[0]!.credit, 'APC / Karim Benali');
  });

  test('declared ISO-8859-1 is decoded; refused: invalid UTF-8, UTF-16, missing GUID, unreadable embargo, wrong root', () => {
    const latin1 = Buffer.from(
      '<?xml version="1.0" encoding="ISO-8859-1"?><newsItem guid="l" version="1"><contentMeta><headline>Dépêche</headline></contentMeta></newsItem>',
      'latin1',
    );
    assert.equal(parseWireDocument(latin1, 'newsml')[0]!.headline, 'Dépêche');
    const refused = (input: Buffer, format: 'newsml' | 'ninjs' | 'rss', message: RegExp) =>
      assert.throws(() => parseWireDocument(input, format), message);
    refused(
      Buffer.concat([
        bytes('<newsItem guid="x"><contentMeta><headline>'),
        Buffer.from([0xff, 0xfe, 0x41]),
        bytes('</headline></contentMeta></newsItem>'),
      ]),
      'newsml',
      /encodage invalide/,
    );
    refused(Buffer.from([0xff, 0xfe, 0x3c, 0x00]), 'newsml', /UTF-16 non pris en charge/);
    refused(bytes(newsMlSample({ guid: '' })), 'newsml', /élément 1 : identifiant \(GUID\) manquant/);
    refused(bytes(ninjsSample({ embargo: 'demain matin' })), 'ninjs', /date d’embargo illisible/);
    refused(bytes('<html><body>Pas un flux</body></html>'), 'rss', /ce n’est pas un flux RSS 2\.0/);
    refused(bytes('<html><body>Pas du NewsML</body></html>'), 'newsml', /aucun élément <newsItem>/);
    refused(bytes('{"uri": '), 'ninjs', /JSON invalide/);
    refused(bytes(''), 'ninjs', /fichier vide/);
  });

  test('nested entities (billion laughs) are not expanded', () => {
    const entities = Array.from({ length: 8 }, (_, i) => `<!ENTITY e${i + 1} "${`&e${i};`.repeat(10)}">`).join('');
    const xml = `<?xml version="1.0"?><!DOCTYPE d [<!ENTITY e0 "rire">${entities}]><newsItem guid="g" version="1"><contentMeta><headline>&e8;</headline></contentMeta></newsItem>`;
    const started = Date.now();
    let headline = '';
    try {
      headline = parseWireDocument(bytes(xml), 'newsml')[0]!.headline;
    } catch (error) {
      assert.match((error as Error).message, /XML|entit/i);
    }
    assert.ok(headline.length < 1000, `headline of ${headline.length} characters`);
    assert.ok(Date.now() - started < 2000);
  });

  test('long headlines and too many tags stay within the article limits', () => {
    const [item] = parseWireDocument(bytes(newsMlSample({ headline: 'Très long titre '.repeat(30) })), 'newsml');
    const input = parseArticleInput(wireArticleInput({ ...item!, keywords: Array.from({ length: 30 }, (_, i) => `Sujet ${i}`) }, mapping));
    assert.ok(input.headline.length <= 200 && input.headline.endsWith('…'));
    assert.equal(input.tags.length, 12);
    assert.equal(input.tags[0], 'Fil info');
  });
});
