import assert from 'node:assert/strict';
import { test } from 'node:test';
import { extractArticle } from './extract-article.ts';
import { TEST_PAGE_PARAGRAPH, testArticlePage } from './test-outlets.ts';

test('the fictional outlets’ page: exactly the article parts, in order, without what surrounds them', async () => {
  const date = new Date('2026-12-01T07:30:00Z');
  const page = testArticlePage(
    'Le Héraut du Matin',
    {
      headline: 'Valmorin : le pont Saint-Aubin fermé après la découverte de fissures',
      summary: 'La mairie a interdit la circulation sur le pont.',
    },
    date,
  );
  const article = await extractArticle(page);
  assert.ok(article);
  assert.equal(article.headline, 'Valmorin : le pont Saint-Aubin fermé après la découverte de fissures');
  assert.equal(article.kicker, 'Actualité');
  assert.equal(article.lead, 'La mairie a interdit la circulation sur le pont.');
  assert.equal(article.author, 'Claire Dumontel');
  assert.equal(article.publishedAt, date.toISOString());
  assert.equal(article.photoCredit, 'Photo : Jean Vasseur');
  assert.deepEqual(article.parts, [
    {
      type: 'paragraph',
      text: 'Les informations recueillies par notre rédaction confirment les premiers éléments rendus publics dans la matinée. Les responsables interrogés ont promis de nouvelles précisions dans les prochains jours, sans avancer de calendrier précis.',
    },
    {
      type: 'quote',
      text: '« Nous devons d’abord comprendre ce qui s’est passé avant de prendre la moindre décision », explique une responsable locale, qui souhaite rester prudente.',
    },
    { type: 'paragraph', text: TEST_PAGE_PARAGRAPH },
    {
      type: 'paragraph',
      text: 'Une réunion publique est prévue la semaine prochaine à la salle des fêtes. Les organisateurs espèrent y présenter un premier bilan et répondre aux questions des riverains.',
    },
  ]);
});

test('another layout: sections, subheadings, an inline "Lire aussi", a social list and a comments area', async () => {
  const page = `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Le musée rouvre | Carrefour Hebdo</title>
<meta name="author" content="Paul Ferrand"><meta property="article:published_time" content="2026-11-28T16:00:00+01:00"></head><body>
<div id="gdpr-consent"><p>Ce site utilise des traceurs. Acceptez-vous leur dépôt ?</p><a href="#">Paramétrer</a></div>
<div class="topbar"><ul class="menu"><li><a href="/">Une</a></li><li><a href="/culture">Culture</a></li></ul></div>
<div class="page"><div class="content">
<span class="surtitre">Patrimoine</span>
<h1 class="title">Le musée des Tisserands de Cambrelle rouvre après quatre ans de travaux</h1>
<div class="standfirst"><p>Agrandi et rénové, le musée rouvre ses portes samedi avec une salle consacrée aux métiers à tisser anciens.</p></div>
<ul class="social-links"><li><a href="#">Partager sur Facebook</a></li><li><a href="#">Partager par courriel</a></li></ul>
<div class="text">
<p>Il aura fallu quatre années de chantier pour transformer l’ancienne filature en un musée moderne, accessible aux personnes à mobilité réduite et doté d’une nouvelle aile vitrée donnant sur la rivière.</p>
<p class="read-also"><strong>Lire aussi :</strong> <a href="/autre">Les filatures de la vallée racontées par leurs ouvrières</a></p>
<h2>Des métiers à tisser restaurés</h2>
<p>La pièce maîtresse de la collection, un métier Jacquard de 1850, a été démonté puis restauré pièce par pièce par une équipe de quatre artisans venus de toute la région.</p>
<blockquote>« Voir ces machines fonctionner de nouveau, c’est rendre hommage à ceux qui y ont passé leur vie », confie la conservatrice du musée.</blockquote>
<p>L’entrée sera gratuite tout le premier week-end, puis fixée à six euros, avec un tarif réduit pour les étudiants et les familles.</p>
</div>
<p class="photo-credit">Photos : Agence Lisière</p>
<section id="comments"><h2>3 commentaires</h2><p>Très bonne nouvelle pour la ville, j’y emmènerai mes enfants dès samedi matin sans faute.</p></section>
<div class="newsletter-box"><p>Ne manquez rien de la culture : recevez notre lettre hebdomadaire.</p></div>
</div></div>
<footer><p>Carrefour Hebdo — tous droits réservés</p></footer></body></html>`;
  const article = await extractArticle(page);
  assert.ok(article);
  assert.equal(article.headline, 'Le musée des Tisserands de Cambrelle rouvre après quatre ans de travaux');
  assert.equal(article.kicker, 'Patrimoine');
  assert.equal(article.lead, 'Agrandi et rénové, le musée rouvre ses portes samedi avec une salle consacrée aux métiers à tisser anciens.');
  assert.equal(article.author, 'Paul Ferrand');
  assert.equal(article.publishedAt, '2026-11-28T15:00:00.000Z');
  assert.equal(article.photoCredit, 'Photos : Agence Lisière');
  assert.deepEqual(
    article.parts.map((p) => [p.type, p.text.slice(0, 40)]),
    [
      ['paragraph', 'Il aura fallu quatre années de chantier '],
      ['subheading', 'Des métiers à tisser restaurés'],
      ['paragraph', 'La pièce maîtresse de la collection, un '],
      ['quote', '« Voir ces machines fonctionner de nouve'],
      ['paragraph', 'L’entrée sera gratuite tout le premier w'],
    ],
  );
});

test('no script of the page ever reaches the result, and a page without an article gives nothing', async () => {
  const page = testArticlePage('Info Lumière', { headline: 'Titre <script>alert(1)</script>', summary: 'Résumé' }, new Date());
  const article = await extractArticle(page);
  assert.ok(article);
  assert.doesNotMatch(JSON.stringify(article), /tracker/);
  assert.equal(await extractArticle('<!doctype html><html><body><nav><a href="/">Accueil</a></nav></body></html>'), null);
});
