import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AppContext } from '../core/app-context.ts';
import { renderAdminLayout } from './admin-layout.ts';

const ctx = { assets: { url: (name: string) => `/assets/${name}` } } as unknown as AppContext;

describe('renderAdminLayout', () => {
  it('renders the chrome as markup and escapes every text', () => {
    const page = renderAdminLayout(
      ctx,
      { userId: 1, name: '<b>Éd</b>', role: 'editeur', personId: null },
      {
        title: 'Tableau <de> bord',
        main: '<h1>Tableau de bord</h1>',
        active: 'articles',
        csrfToken: 'tok"en',
        publicationName: 'La <Gazette>',
      },
    );
    assert.match(page, /<nav class="admin-menu" aria-label="Menu de l’administration"><ul><li><a href="\/admin">/);
    assert.match(page, /<a href="\/admin\/articles" aria-current="page">Articles<\/a>/);
    assert.match(page, /<form method="post" action="\/admin\/deconnexion"><input type="hidden" name="_csrf" value="tok&#34;en">/);
    assert.match(page, /&#60;b&#62;Éd&#60;\/b&#62; <span class="admin-header__role">\(Éditeur\)<\/span>/);
    assert.match(page, /<title>Tableau &#60;de&#62; bord · Administration · La &#60;Gazette&#62;<\/title>/);
    assert.doesNotMatch(page, /&#60;nav|&#60;div|&#60;form/, 'chrome markup must not be escaped');
    // Islands read the CSRF token from the head; the person reaches their own account.
    assert.match(page, /<meta name="csrf-token" content="tok&#34;en">/);
    assert.match(page, /<a href="\/admin\/compte">Mon compte<\/a>/);
    // An editor sees curation entries but not users or settings.
    assert.match(page, /href="\/admin\/une"/);
    assert.doesNotMatch(page, /href="\/admin\/utilisateurs"|href="\/admin\/reglages"/);
  });

  it('shows no menu to an anonymous visitor (login screens)', () => {
    const page = renderAdminLayout(ctx, null, { title: 'Connexion', main: '<h1>Connexion</h1>', csrfToken: 't', publicationName: 'P' });
    assert.doesNotMatch(page, /admin-menu|deconnexion/);
  });
});
