import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { html } from '../../core/html/html.ts';
import { type BodyDoc, bodyToPlainText, parseBody } from './body-schema.ts';
import { renderBody, type BodyRenderContext } from './render-body.ts';

const N = '\u202F';
const S = '\u00A0';

const text = (value: string, marks?: unknown[]) => (marks ? { type: 'text', text: value, marks } : { type: 'text', text: value });
const paragraph = (...content: unknown[]) => ({ type: 'paragraph', content });
const link = (href: string) => ({ type: 'link', attrs: { href } });

const imageCalls: Array<{ imageId: number; opts: { caption?: string; size: 'inline' | 'wide' } }> = [];
const ctx: BodyRenderContext = {
  renderImage(imageId, opts) {
    imageCalls.push({ imageId, opts });
    if (imageId === 404) return '';
    return html`<figure class="image image--${opts.size}" data-id="${imageId}"><figcaption>${opts.caption ?? 'légende'}</figcaption></figure>`;
  },
};

/** Validates like the real path does, then renders. */
function render(blocks: unknown[], context: BodyRenderContext = ctx): string {
  return renderBody(parseBody({ type: 'doc', content: blocks }), context);
}

describe('renderBody: nodes', () => {
  it('renders paragraphs with bold, italic and hard breaks, skipping empty paragraphs', () => {
    assert.equal(
      render([
        paragraph(
          text('a '),
          text('gras', [{ type: 'bold' }]),
          text(' '),
          text('penché', [{ type: 'italic' }]),
          { type: 'hardBreak' },
          text('les deux', [{ type: 'italic' }, { type: 'bold' }]),
        ),
        { type: 'paragraph' },
      ]),
      '<p>a <strong>gras</strong> <em>penché</em><br><strong><em>les deux</em></strong></p>',
    );
  });

  it('renders headings with unique anchors, avoiding reserved ids, and skips empty ones', () => {
    const heading = (level: number, value: string) => ({ type: 'heading', attrs: { level }, content: [text(value)] });
    assert.equal(
      render(
        [
          heading(2, 'Le contexte'),
          heading(3, 'Le contexte'),
          heading(2, 'Le contexte'),
          heading(2, 'Commentaires'),
          heading(3, '???'),
          { type: 'heading', attrs: { level: 2 } },
        ],
        {
          ...ctx,
          reservedIds: ['commentaires'],
        },
      ),
      '<h2 id="le-contexte">Le contexte</h2><h3 id="le-contexte-2">Le contexte</h3><h2 id="le-contexte-3">Le contexte</h2>' +
        '<h2 id="commentaires-2">Commentaires</h2><h3 id="sans-titre">???</h3>',
    );
  });

  it('uses the text of marked parts in the heading anchor', () => {
    assert.equal(
      render([{ type: 'heading', attrs: { level: 2 }, content: [text('Kim '), text('Jong-un', [{ type: 'italic' }])] }]),
      '<h2 id="kim-jong-un">Kim <em>Jong-un</em></h2>',
    );
  });

  it('renders a quotation with its speaker and role', () => {
    assert.equal(
      render([
        {
          type: 'quote',
          attrs: { speaker: 'Vladimir Poutine', role: 'président de la Fédération de Russie' },
          content: [paragraph(text('Nous sommes prêts.')), paragraph(text('Vraiment.'))],
        },
      ]),
      '<figure class="quote"><blockquote><p>Nous sommes prêts.</p><p>Vraiment.</p></blockquote>' +
        '<figcaption>—&nbsp;<span class="quote__speaker">Vladimir Poutine</span>, président de la Fédération de Russie</figcaption></figure>',
    );
    assert.equal(
      render([{ type: 'quote', attrs: { speaker: 'Joe Biden', lang: 'en' }, content: [paragraph(text('Really? Yes: it is.'))] }]),
      '<figure class="quote"><blockquote lang="en"><p>Really? Yes: it is.</p></blockquote><figcaption>—&nbsp;<span class="quote__speaker">Joe Biden</span></figcaption></figure>',
    );
  });

  it('renders a quotation without a named speaker with no empty attribution line', () => {
    assert.equal(
      render([{ type: 'quote', attrs: {}, content: [paragraph(text('Rien ne sera signé.'))] }]),
      '<figure class="quote"><blockquote><p>Rien ne sera signé.</p></blockquote></figure>',
    );
    assert.equal(
      render([{ type: 'quote', attrs: { speaker: '  ', role: null }, content: [paragraph(text('Rien.'))] }]),
      '<figure class="quote"><blockquote><p>Rien.</p></blockquote></figure>',
    );
    assert.equal(
      render([{ type: 'quote', attrs: { role: 'un diplomate européen' }, content: [paragraph(text('Tout se joue ailleurs.'))] }]),
      '<figure class="quote"><blockquote><p>Tout se joue ailleurs.</p></blockquote><figcaption>—&nbsp;un diplomate européen</figcaption></figure>',
    );
    assert.equal(
      bodyToPlainText(parseBody({ type: 'doc', content: [{ type: 'quote', attrs: {}, content: [paragraph(text('Rien.'))] }] })),
      'Rien.',
    );
  });

  it('renders lists, nested lists and ordered list starts', () => {
    const item = (...content: unknown[]) => ({ type: 'listItem', content });
    assert.equal(
      render([
        {
          type: 'bulletList',
          content: [
            item(paragraph(text('un'))),
            item(paragraph(text('deux')), {
              type: 'orderedList',
              attrs: { start: 3, type: 'a' },
              content: [item(paragraph(text('trois')))],
            }),
          ],
        },
        { type: 'orderedList', attrs: { start: 1, type: null }, content: [item(paragraph(text('a')), paragraph(text('b')))] },
      ]),
      '<ul><li>un</li><li>deux<ol start="3" type="a"><li>trois</li></ol></li></ul><ol><li><p>a</p><p>b</p></li></ol>',
    );
  });

  it('hands images to the context with the typographed caption and the size', () => {
    imageCalls.length = 0;
    assert.equal(
      render([
        { type: 'image', attrs: { imageId: 12, caption: 'Kim et Poutine: la poignée de main', size: 'wide' } },
        { type: 'image', attrs: { imageId: 404 } },
      ]),
      `<figure class="image image--wide" data-id="12"><figcaption>Kim et Poutine${S}: la poignée de main</figcaption></figure>`,
    );
    assert.deepEqual(imageCalls, [
      { imageId: 12, opts: { caption: `Kim et Poutine${S}: la poignée de main`, size: 'wide' } },
      { imageId: 404, opts: { caption: undefined, size: 'inline' } },
    ]);
  });

  it('renders video embeds as facades that load nothing from the platform', () => {
    const out = render([{ type: 'embed', attrs: { provider: 'youtube', id: 'dQw4w9WgXcQ', title: 'Le sommet en vidéo' } }]);
    assert.match(
      out,
      /^<figure class="embed embed--video" data-embed-provider="youtube" data-embed-id="dQw4w9WgXcQ"><a class="embed__facade" href="https:\/\/www.youtube.com\/watch\?v&#61;dQw4w9WgXcQ">/,
    );
    assert.match(out, /<span class="embed__title">Le sommet en vidéo<\/span>/);
    assert.match(
      out,
      /<figcaption class="embed__notice">Vidéo hébergée par YouTube\u00A0: rien n’est chargé depuis YouTube avant votre clic.<\/figcaption><\/figure>$/,
    );
    // no element that fetches anything: no img, iframe, script, srcset, or third-party src
    assert.doesNotMatch(out, /<img|<iframe|<script|srcset|src=|ytimg|youtube-nocookie/);

    const vimeo = render([{ type: 'embed', attrs: { provider: 'vimeo', id: '76979871', title: 'Reportage' } }]);
    assert.match(
      vimeo,
      /data-embed-provider="vimeo" data-embed-id="76979871"><a class="embed__facade" href="https:\/\/vimeo.com\/76979871">/,
    );
    assert.doesNotMatch(vimeo, /<img|<iframe|<script|src=/);
  });

  it('renders audio embeds as a native player that preloads nothing', () => {
    assert.equal(
      render([{ type: 'embed', attrs: { provider: 'audio', src: '/media/podcasts/episode-12.mp3', title: "L'épisode 12" } }]),
      '<figure class="embed embed--audio"><audio controls preload="none" src="/media/podcasts/episode-12.mp3"><a href="/media/podcasts/episode-12.mp3">Écouter l’enregistrement</a></audio><figcaption>L’épisode 12</figcaption></figure>',
    );
  });

  it('renders horizontal rules', () => {
    assert.equal(render([{ type: 'horizontalRule' }]), '<hr>');
  });
});

describe('renderBody: links', () => {
  it('marks external links noopener, never target=_blank', () => {
    const out = render([
      paragraph(
        text('Euronews', [link('https://www.euronews.com/a?b=1&c=2')]),
        text(' et '),
        text('ici', [link('/articles/x')]),
        text(' ou '),
        text('écrire', [link('mailto:redaction@exemple.fr')]),
      ),
    ]);
    assert.equal(
      out,
      '<p><a href="https://www.euronews.com/a?b&#61;1&#38;c&#61;2" rel="noopener">Euronews</a> et <a href="/articles/x">ici</a> ou <a href="mailto:redaction@exemple.fr">écrire</a></p>',
    );
    assert.doesNotMatch(out, /target/);
  });

  it('treats absolute links to the site itself as internal', () => {
    assert.equal(
      render([paragraph(text('x', [link('https://exemple.fr/a')]), text('y', [link('https://autre.fr/a')]))], {
        ...ctx,
        siteOrigin: 'https://exemple.fr',
      }),
      '<p><a href="https://exemple.fr/a">x</a><a href="https://autre.fr/a" rel="noopener">y</a></p>',
    );
  });

  it('keeps one <a> around consecutive nodes with the same link', () => {
    assert.equal(
      render([paragraph(text('Le ', [link('/a')]), text('Monde', [link('/a'), { type: 'italic' }]), text(' dit'))]),
      '<p><a href="/a">Le <em>Monde</em></a> dit</p>',
    );
  });
});

describe('renderBody: escaping', () => {
  it('escapes markup in text, link text, speaker, role and titles', () => {
    const out = render([
      paragraph(text('<script>alert(1)</script> & co')),
      paragraph(text('<img src=x onerror=alert(1)>', [link('https://a.fr/')])),
      { type: 'quote', attrs: { speaker: '<script>x</script>', role: '<b>r</b>' }, content: [paragraph(text('<i>q</i>'))] },
      { type: 'embed', attrs: { provider: 'youtube', id: 'dQw4w9WgXcQ', title: '<script>t</script>' } },
      { type: 'embed', attrs: { provider: 'audio', src: '/media/a.mp3', title: '</figcaption><script>' } },
      { type: 'heading', attrs: { level: 2 }, content: [text('<h1>"titre"</h1>')] },
    ]);
    assert.doesNotMatch(out, /<script|<img|<b>|<i>|<h1|onerror="/);
    assert.match(out, /&#60;script&#62;alert\(1\)&#60;\/script&#62; &#38; co/);
  });

  it('escapes quotes in hrefs so they cannot leave the attribute', () => {
    const out = render([paragraph(text('x', [link('https://a.fr/"onmouseover="alert(1)')]))]);
    assert.equal(out, '<p><a href="https://a.fr/&#34;onmouseover&#61;&#34;alert(1)" rel="noopener">x</a></p>');
  });

  it('relies on the schema to refuse javascript: links', () => {
    assert.throws(() => render([paragraph(text('x', [link('javascript:alert(1)')]))]), { code: 'validation_failed' });
  });
});

describe('renderBody: typography', () => {
  it('applies French typography to text, but not to hrefs', () => {
    const out = render([paragraph(text('Pourquoi? Voir "ceci": l\'article...', [link("https://a.fr/l'article?x=1:2")]))]);
    assert.equal(
      out,
      `<p><a href="https://a.fr/l&#39;article?x&#61;1:2" rel="noopener">Pourquoi${N}? Voir «${N}ceci${N}»${S}: l’article…</a></p>`,
    );
  });

  it('applies typography across marks', () => {
    assert.equal(render([paragraph(text('Vraiment', [{ type: 'bold' }]), text('?'))]), `<p><strong>Vraiment</strong>${N}?</p>`);
    assert.equal(
      render([paragraph(text('Il lit "'), text('Le Monde', [{ type: 'italic' }]), text('" chaque jour.'))]),
      `<p>Il lit «${N}<em>Le Monde</em>${N}» chaque jour.</p>`,
    );
  });

  it('applies typography to speaker, role and embed titles', () => {
    const out = render([
      { type: 'quote', attrs: { speaker: "Jeanne d'Arc", role: 'héroïne "nationale"' }, content: [paragraph(text('Quoi?'))] },
      { type: 'embed', attrs: { provider: 'youtube', id: 'dQw4w9WgXcQ', title: 'Sommet: le direct' } },
    ]);
    assert.match(out, new RegExp(`<p>Quoi${N}\\?</p>`));
    assert.match(out, new RegExp(`Jeanne d’Arc</span>, héroïne «${N}nationale${N}»`));
    assert.match(out, new RegExp(`Sommet${S}: le direct`));
  });
});

describe('renderBody: defence in depth', () => {
  it('throws on a node type the schema would have refused', () => {
    const forged = { type: 'doc', content: [{ type: 'script', content: [] }] } as unknown as BodyDoc;
    assert.throws(() => renderBody(forged, ctx), /élément inconnu « script »/);
    const forgedMark = { type: 'doc', content: [paragraph(text('x', [{ type: 'strike' }]))] } as unknown as BodyDoc;
    assert.throws(() => renderBody(forgedMark, ctx), /élément inconnu « strike »/);
    const forgedInline = { type: 'doc', content: [paragraph({ type: 'mention' })] } as unknown as BodyDoc;
    assert.throws(() => renderBody(forgedInline, ctx), /élément inconnu « mention »/);
    const forgedEmbed = { type: 'doc', content: [{ type: 'embed', attrs: { provider: 'x', id: 'y', title: 'z' } }] } as unknown as BodyDoc;
    assert.throws(() => renderBody(forgedEmbed, ctx), /élément inconnu « x »/);
  });
});
