import fs from 'node:fs';
import { once } from 'node:events';

// A WordPress export of N posts for the import bench, written as a stream (never whole in memory)
// and deterministic: the same N and seed give the same bytes. A regional daily's archive: 20
// categories, 400 tags, 60 authors, Gutenberg paragraphs and headings, a few comments, every
// twentieth post a draft. The French text is made up from word lists written for Kiosque.

const SUBJECTS = [
  'Le conseil municipal',
  'La préfecture',
  'Une association de quartier',
  'Le club de rugby',
  'La médiathèque',
  'Un collectif d’habitants',
  'La chambre d’agriculture',
  'Le syndicat des eaux',
  'Une entreprise familiale',
  'Le lycée professionnel',
];
const VERBS = ['a présenté', 'prépare', 'conteste', 'a inauguré', 'relance', 'met en débat', 'a voté', 'finance', 'reporte', 'défend'];
const OBJECTS = [
  'un nouveau plan de circulation',
  'la rénovation de la halle',
  'un budget participatif',
  'le projet de piste cyclable',
  'la fermeture d’une classe',
  'un festival d’été',
  'le marché de producteurs',
  'la réouverture du cinéma',
  'un chantier de logements',
  'la saison culturelle',
];
const PLACES = [
  'à Saint-Brieuc',
  'dans le centre-ville',
  'sur le port',
  'au bord du canal',
  'dans la vallée',
  'près de la gare',
  'au marché couvert',
  'dans les quartiers nord',
  'sur la côte',
  'au pied des remparts',
];
const CLAUSES = [
  'après des mois de discussions',
  'malgré les réserves de l’opposition',
  'avec le soutien de la région',
  'sous l’œil des riverains',
  'à la surprise générale',
  'pour la troisième année',
  'dès la rentrée',
  'sans calendrier précis',
  'dans un climat apaisé',
  'faute de candidats',
];
const FIRST = ['Claire', 'Mathieu', 'Sophie', 'Julien', 'Nadia', 'Thomas', 'Élise', 'Karim', 'Hélène', 'Romain', 'Aurélie', 'Yannick'];
const LAST = ['Le Bihan', 'Morel', 'Guillou', 'Perrin', 'Benali', 'Caradec', 'Fournier', 'Tanguy', 'Lefèvre', 'Riou'];
const CATEGORIES = [
  'Politique',
  'Économie',
  'Culture',
  'Sports',
  'Faits divers',
  'Environnement',
  'Éducation',
  'Santé',
  'Transports',
  'Agriculture',
  'Mer',
  'Quartiers',
  'Société',
  'Justice',
  'Loisirs',
  'Patrimoine',
  'Sciences',
  'Emploi',
  'Logement',
  'Vie associative',
];

/** A small seeded generator (mulberry32): the same seed, the same sequence. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const cdata = (text: string) => `<![CDATA[${text}]]>`;
const slugOf = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/** Writes an export of `posts` posts to `file`; resolves with its size in bytes. */
export async function writeBenchWxr(file: string, posts: number, seed = 1): Promise<number> {
  const next = random(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const out = fs.createWriteStream(file, { encoding: 'utf8' });
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  const authors = Array.from({ length: 60 }, (_, n) => ({
    login: `auteur${n + 1}`,
    name: `${FIRST[n % FIRST.length]} ${LAST[Math.floor(n / FIRST.length) % LAST.length]}`,
  }));
  const tags = Array.from({ length: 400 }, (_, n) => `${pick(OBJECTS).replace(/^(un|une|la|le|les) /, '')} ${n + 1}`);
  const sentence = () => `${pick(SUBJECTS)} ${pick(VERBS)} ${pick(OBJECTS)} ${pick(PLACES)}, ${pick(CLAUSES)}.`;
  const paragraph = () => Array.from({ length: 3 + Math.floor(next() * 4) }, sentence).join(' ');

  await write(`<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
  <title>Le Quotidien du banc d’essai</title>
  <link>https://quotidien-banc.example</link>
  <language>fr-FR</language>
  <wp:wxr_version>1.2</wp:wxr_version>
  <wp:base_site_url>https://quotidien-banc.example</wp:base_site_url>
  <wp:base_blog_url>https://quotidien-banc.example</wp:base_blog_url>
`);
  for (const a of authors)
    await write(
      `  <wp:author><wp:author_login>${cdata(a.login)}</wp:author_login><wp:author_email>${cdata(`${a.login}@quotidien-banc.example`)}</wp:author_email><wp:author_display_name>${cdata(a.name)}</wp:author_display_name></wp:author>\n`,
    );
  for (const name of CATEGORIES)
    await write(
      `  <wp:category><wp:category_nicename>${cdata(slugOf(name))}</wp:category_nicename><wp:cat_name>${cdata(name)}</wp:cat_name></wp:category>\n`,
    );

  const start = Date.UTC(2006, 0, 1);
  const span = Date.UTC(2026, 0, 1) - start;
  for (let id = 1; id <= posts; id++) {
    const title = `${pick(SUBJECTS)} ${pick(VERBS)} ${pick(OBJECTS)}`;
    const slug = `${slugOf(title).slice(0, 60)}-${id}`;
    const date = new Date(start + Math.floor((span * id) / (posts + 1))).toISOString().slice(0, 19).replace('T', ' ');
    const blocks: string[] = [];
    for (let p = 0, count = 4 + Math.floor(next() * 6); p < count; p++) {
      if (p === 2)
        blocks.push(`<!-- wp:heading -->\n<h2>${pick(CLAUSES).replace(/^./, (c) => c.toUpperCase())}</h2>\n<!-- /wp:heading -->`);
      blocks.push(`<!-- wp:paragraph -->\n<p>${paragraph()}</p>\n<!-- /wp:paragraph -->`);
    }
    const category = pick(CATEGORIES);
    const postTags = [pick(tags), pick(tags)];
    const comments =
      id % 7 === 0
        ? `<wp:comment><wp:comment_id>${id * 10}</wp:comment_id><wp:comment_author>${cdata(pick(FIRST))}</wp:comment_author><wp:comment_author_email></wp:comment_author_email><wp:comment_author_url></wp:comment_author_url><wp:comment_date_gmt>${date}</wp:comment_date_gmt><wp:comment_content>${cdata(sentence())}</wp:comment_content><wp:comment_approved>1</wp:comment_approved><wp:comment_type>comment</wp:comment_type><wp:comment_parent>0</wp:comment_parent></wp:comment>`
        : '';
    await write(`  <item>
    <title>${cdata(title)}</title>
    <link>https://quotidien-banc.example/${date.slice(0, 10).replaceAll('-', '/')}/${slug}/</link>
    <dc:creator>${cdata(pick(authors).login)}</dc:creator>
    <content:encoded>${cdata(blocks.join('\n'))}</content:encoded>
    <excerpt:encoded>${cdata(sentence())}</excerpt:encoded>
    <wp:post_id>${id}</wp:post_id>
    <wp:post_date>${cdata(date)}</wp:post_date>
    <wp:post_date_gmt>${cdata(date)}</wp:post_date_gmt>
    <wp:post_modified_gmt>${cdata(date)}</wp:post_modified_gmt>
    <wp:post_name>${cdata(slug)}</wp:post_name>
    <wp:status>${cdata(id % 20 === 0 ? 'draft' : 'publish')}</wp:status>
    <wp:post_type>${cdata('post')}</wp:post_type>
    <category domain="category" nicename="${slugOf(category)}">${cdata(category)}</category>
    ${postTags.map((t) => `<category domain="post_tag" nicename="${slugOf(t)}">${cdata(t)}</category>`).join('')}
    ${comments}
  </item>
`);
  }
  await write('</channel>\n</rss>\n');
  out.end();
  await once(out, 'finish');
  return fs.statSync(file).size;
}
