/**
 * Reader comments of the demo edition: original French text written for Kiosque. Comments are open
 * site-wide in the demo; the editors' suspension notice stays in the settings, ready to be shown
 * by switching the mode to "suspendus" in Réglages.
 */

export interface DemoReader {
  key: string;
  name: string;
  bio: string;
  /** Default: key@lecteurs.example. */
  email?: string;
}

export interface DemoComment {
  key: string;
  article: string;
  reader: string;
  /** Minutes after the article's publication. */
  after: number;
  text: string;
  likes: number;
  replyTo?: string;
  featured?: boolean;
  /** A newsroom member answering: the badge the app would have given (comments/staff-badge.ts). */
  badge?: { kind: 'auteur' | 'redaction'; line: string };
}

export const DEMO_READERS: DemoReader[] = [
  { key: 'odile', name: 'Odile Ferrand', bio: 'Retraitée de l’enseignement, lectrice depuis le premier numéro.' },
  { key: 'karim', name: 'Karim B.', bio: 'Ingénieur à Grenoble.' },
  { key: 'maelle', name: 'Maëlle_du_Finistère', bio: '' },
  { key: 'thomas', name: 'Thomas Lenoir', bio: 'Étudiant en relations internationales.' },
  { key: 'jeanpierre', name: 'Jean-Pierre V.', bio: '' },
  { key: 'sofia', name: 'Sofia R.', bio: 'Bibliothécaire en Corrèze.' },
  // The author of the reference article, answering readers under his own name.
  { key: 'julien-baraduc', name: 'Julien Baraduc', bio: '', email: 'julien.baraduc@le-sextant.example' },
];

/** Articles whose comments are closed in the demo (read-only with a notice): wire items. */
export const DEMO_CLOSED_ARTICLES = ['depeche-alvea-portugal', 'depeche-rer'];

export const DEMO_COMMENTS: DemoComment[] = [
  {
    key: 'k1',
    article: 'sommet-karvala',
    reader: 'thomas',
    after: 35,
    likes: 14,
    featured: true,
    text: 'Ce qui frappe, c’est l’absence de calendrier dans le communiqué final. Les deux délégations parlent de « feuille de route », mais personne ne dit qui la rédige ni pour quand.\n\nSans date, un accord de ce genre sert surtout à occuper l’espace médiatique.',
  },
  {
    key: 'k2',
    article: 'sommet-karvala',
    reader: 'odile',
    after: 62,
    likes: 6,
    replyTo: 'k1',
    text: 'Je nuancerais : l’absence de date laisse aussi une porte ouverte aux négociateurs. Un calendrier public aurait été un piège si l’un des deux se retire.',
  },
  {
    key: 'k3',
    article: 'sommet-karvala',
    reader: 'karim',
    after: 80,
    likes: 3,
    replyTo: 'k1',
    text: 'D’accord avec vous deux, mais il faudra suivre le volet énergétique : c’est là que les engagements sont chiffrés, et donc vérifiables.',
  },
  {
    key: 'k4',
    article: 'sommet-karvala',
    reader: 'jeanpierre',
    after: 120,
    likes: 2,
    text: 'Merci pour la carte des tracés, bien plus claire que ce qu’on trouve ailleurs. Une question : les ports mentionnés sont-ils déjà en service ?',
  },
  {
    key: 'k5',
    article: 'sommet-karvala',
    reader: 'julien-baraduc',
    after: 150,
    likes: 5,
    replyTo: 'k4',
    badge: { kind: 'auteur', line: 'Journaliste au service International' },
    text: 'Bonne question : les deux ports de la carte reçoivent déjà du fret, mais le terminal gazier de la côte istranienne n’existe encore que sur le papier. Nous allons le préciser dans la légende.',
  },
  {
    key: 'n1',
    article: 'niches-fiscales',
    reader: 'karim',
    after: 45,
    likes: 9,
    text: 'L’article a le mérite de rappeler que la plupart de ces dispositifs n’ont jamais été évalués. Une règle simple : pas de reconduction sans évaluation publiée.',
  },
  {
    key: 'n2',
    article: 'niches-fiscales',
    reader: 'maelle',
    after: 90,
    likes: 4,
    replyTo: 'n1',
    text: 'Oui, et que l’évaluation ne soit pas confiée à ceux qui ont défendu la niche au départ ! Sinon on connaît déjà la conclusion.',
  },
  {
    key: 'p1',
    article: 'prix-alimentaires',
    reader: 'odile',
    after: 30,
    likes: 11,
    text: 'Dans ma petite ville, la différence entre le marché et la grande surface s’est inversée sur les légumes de saison. Je serais curieuse de savoir si c’est une tendance générale ou un effet local.',
  },
  {
    key: 'p2',
    article: 'prix-alimentaires',
    reader: 'thomas',
    after: 75,
    likes: 1,
    text: 'Le graphique sur les marges aurait gagné à distinguer transformation et distribution. Les deux ne racontent pas du tout la même histoire.',
  },
  {
    key: 'b1',
    article: 'bibliothecaire-tulle',
    reader: 'sofia',
    after: 50,
    likes: 17,
    featured: true,
    text: 'Collègue corrézienne ici : merci de parler de ce métier autrement que par les horaires d’ouverture. Le portage de livres à domicile change vraiment la vie de certains lecteurs isolés.',
  },
  {
    key: 'b2',
    article: 'bibliothecaire-tulle',
    reader: 'maelle',
    after: 95,
    likes: 5,
    replyTo: 'b1',
    text: 'Chez nous, dans le Finistère, le bibliobus passe encore une fois par mois. Les enfants l’attendent comme un événement !',
  },
];
