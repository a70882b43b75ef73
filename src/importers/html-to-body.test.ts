import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { htmlToBody } from './html-to-body.ts';

// Gutenberg blocks the WordPress import meets beyond paragraphs and headings: galleries (the
// nested markup of WordPress 5.9 and later, and the older list), verses and code whose lines
// matter, and blocks that exist only as a comment (WordPress makes them as it shows the page).

describe('Gutenberg blocks in a WordPress body', () => {
  it('turns each image of a gallery into an image with its own caption, then the gallery’s caption', () => {
    const nested = `<!-- wp:gallery {"linkTo":"none"} -->
<figure class="wp-block-gallery has-nested-images columns-default is-cropped"><!-- wp:image {"id":31} -->
<figure class="wp-block-image size-large"><img src="https://vallee.example/wp-content/uploads/2023/05/halle.jpg" alt="La halle rénovée" class="wp-image-31"/><figcaption class="wp-element-caption">La halle, côté marché</figcaption></figure>
<!-- /wp:image -->
<!-- wp:image {"id":32} -->
<figure class="wp-block-image size-large"><img src="https://vallee.example/wp-content/uploads/2023/05/quai.jpg" alt="Le quai" class="wp-image-32"/></figure>
<!-- /wp:image --><figcaption class="blocks-gallery-caption wp-element-caption">Le centre-ville après les travaux</figcaption></figure>
<!-- /wp:gallery -->`;
    const body = htmlToBody(nested);
    assert.deepEqual(
      body.images.map((i) => [i.src.split('/').at(-1), i.alt, i.caption]),
      [
        ['halle.jpg', 'La halle rénovée', 'La halle, côté marché'],
        ['quai.jpg', 'Le quai', ''],
      ],
    );
    assert.deepEqual(
      body.content.map((b) => b.type),
      ['image', 'image', 'paragraph'],
    );
    assert.deepEqual(body.content[2], { type: 'paragraph', content: [{ type: 'text', text: 'Le centre-ville après les travaux' }] });

    const older = `<!-- wp:gallery {"ids":[41,42]} -->
<figure class="wp-block-gallery columns-2"><ul class="blocks-gallery-grid"><li class="blocks-gallery-item"><figure><img src="/wp-content/uploads/a.jpg" alt="A"/><figcaption class="blocks-gallery-item__caption">Première</figcaption></figure></li><li class="blocks-gallery-item"><figure><img src="/wp-content/uploads/b.jpg" alt="B"/><figcaption class="blocks-gallery-item__caption">Seconde</figcaption></figure></li></ul></figure>
<!-- /wp:gallery -->`;
    assert.deepEqual(
      htmlToBody(older).images.map((i) => [i.alt, i.caption]),
      [
        ['A', 'Première'],
        ['B', 'Seconde'],
      ],
    );
  });

  it('keeps the line breaks of a verse and of code', () => {
    const body = htmlToBody(`<!-- wp:verse -->
<pre class="wp-block-verse">Sur le quai désert
la marée monte</pre>
<!-- /wp:verse -->`);
    assert.deepEqual(body.content, [
      {
        type: 'paragraph',
        content: [{ type: 'text', text: 'Sur le quai désert' }, { type: 'hardBreak' }, { type: 'text', text: 'la marée monte' }],
      },
    ]);
  });

  it('names in the report each block that exists only as a comment, and never invents content for it', () => {
    const body = htmlToBody(`<!-- wp:paragraph -->
<p>Les dernières nouvelles :</p>
<!-- /wp:paragraph -->
<!-- wp:latest-posts {"postsToShow":3,"displayPostDate":true} /-->
<!-- wp:block {"ref":1203} /-->
<!-- wp:core/archives /-->
<!-- wp:more -->
<!--more-->
<!-- /wp:more -->`);
    assert.deepEqual(body.content, [{ type: 'paragraph', content: [{ type: 'text', text: 'Les dernières nouvelles :' }] }]);
    assert.deepEqual(body.dropped.sort(), [
      'bloc Gutenberg wp:core/archives (produit par WordPress à l’affichage)',
      'bloc Gutenberg wp:latest-posts (produit par WordPress à l’affichage)',
      'bloc réutilisable Gutenberg (wp:block)',
    ]);
  });

  it('leaves plain HTML (an agency’s dépêche) alone: no block comments read there', () => {
    assert.deepEqual(htmlToBody('<p>Texte</p><!-- wp:latest-posts /-->', { wordpress: false }).dropped, []);
  });

  it('names in the report the blocks whose layout cannot come over, and not the ones converted whole', () => {
    const body = htmlToBody(`<!-- wp:columns -->
<div class="wp-block-columns"><!-- wp:column -->
<div class="wp-block-column"><!-- wp:paragraph -->
<p>Colonne de gauche</p>
<!-- /wp:paragraph --></div>
<!-- /wp:column --></div>
<!-- /wp:columns -->
<!-- wp:separator -->
<hr class="wp-block-separator"/>
<!-- /wp:separator -->
<!-- wp:acme/carte {"lat":45.2} -->
<div class="wp-block-acme-carte"><p>La carte des crues</p></div>
<!-- /wp:acme/carte -->`);
    assert.deepEqual(
      body.content.filter((b) => b.type === 'paragraph').length,
      2,
      'the text of the columns and of the plugin block is kept',
    );
    assert.deepEqual(body.dropped.sort(), [
      'bloc Gutenberg wp:acme/carte (seuls son texte, ses liens et ses images sont repris)',
      'bloc Gutenberg wp:column (seuls son texte, ses liens et ses images sont repris)',
      'bloc Gutenberg wp:columns (seuls son texte, ses liens et ses images sont repris)',
    ]);
  });
});
