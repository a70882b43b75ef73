/**
 * Apple Podcasts categories (podcasters.apple.com/support/1691-apple-podcasts-categories): the
 * feed writes them in English, as Apple expects; the back office shows them in French.
 */
export interface AppleCategory {
  name: string;
  label: string;
  subcategories: readonly { name: string; label: string }[];
}

const c = (name: string, label: string, subcategories: [string, string][] = []): AppleCategory => ({
  name,
  label,
  subcategories: subcategories.map(([n, l]) => ({ name: n, label: l })),
});

export const APPLE_CATEGORIES: readonly AppleCategory[] = [
  c('Arts', 'Arts', [
    ['Books', 'Livres'],
    ['Design', 'Design'],
    ['Fashion & Beauty', 'Mode et beauté'],
    ['Food', 'Cuisine'],
    ['Performing Arts', 'Arts du spectacle'],
    ['Visual Arts', 'Arts visuels'],
  ]),
  c('Business', 'Économie et entreprise', [
    ['Careers', 'Carrières'],
    ['Entrepreneurship', 'Entrepreneuriat'],
    ['Investing', 'Investissement'],
    ['Management', 'Management'],
    ['Marketing', 'Marketing'],
    ['Non-Profit', 'Associations'],
  ]),
  c('Comedy', 'Humour', [
    ['Comedy Interviews', 'Entretiens humoristiques'],
    ['Improv', 'Improvisation'],
    ['Stand-Up', 'Stand-up'],
  ]),
  c('Education', 'Éducation', [
    ['Courses', 'Cours'],
    ['How To', 'Tutoriels'],
    ['Language Learning', 'Langues'],
    ['Self-Improvement', 'Développement personnel'],
  ]),
  c('Fiction', 'Fiction', [
    ['Comedy Fiction', 'Fiction humoristique'],
    ['Drama', 'Drame'],
    ['Science Fiction', 'Science-fiction'],
  ]),
  c('Government', 'Institutions publiques'),
  c('History', 'Histoire'),
  c('Health & Fitness', 'Santé et forme', [
    ['Alternative Health', 'Médecines alternatives'],
    ['Fitness', 'Forme'],
    ['Medicine', 'Médecine'],
    ['Mental Health', 'Santé mentale'],
    ['Nutrition', 'Nutrition'],
    ['Sexuality', 'Sexualité'],
  ]),
  c('Kids & Family', 'Enfants et famille', [
    ['Education for Kids', 'Éducation des enfants'],
    ['Parenting', 'Parentalité'],
    ['Pets & Animals', 'Animaux'],
    ['Stories for Kids', 'Histoires pour enfants'],
  ]),
  c('Leisure', 'Loisirs', [
    ['Animation & Manga', 'Animation et manga'],
    ['Automotive', 'Automobile'],
    ['Aviation', 'Aviation'],
    ['Crafts', 'Artisanat'],
    ['Games', 'Jeux'],
    ['Hobbies', 'Passe-temps'],
    ['Home & Garden', 'Maison et jardin'],
    ['Video Games', 'Jeux vidéo'],
  ]),
  c('Music', 'Musique', [
    ['Music Commentary', 'Critique musicale'],
    ['Music History', 'Histoire de la musique'],
    ['Music Interviews', 'Entretiens musicaux'],
  ]),
  c('News', 'Actualités', [
    ['Business News', 'Actualité économique'],
    ['Daily News', 'Actualité quotidienne'],
    ['Entertainment News', 'Actualité du divertissement'],
    ['News Commentary', 'Analyse de l’actualité'],
    ['Politics', 'Politique'],
    ['Sports News', 'Actualité sportive'],
    ['Tech News', 'Actualité technologique'],
  ]),
  c('Religion & Spirituality', 'Religion et spiritualité', [
    ['Buddhism', 'Bouddhisme'],
    ['Christianity', 'Christianisme'],
    ['Hinduism', 'Hindouisme'],
    ['Islam', 'Islam'],
    ['Judaism', 'Judaïsme'],
    ['Religion', 'Religion'],
    ['Spirituality', 'Spiritualité'],
  ]),
  c('Science', 'Sciences', [
    ['Astronomy', 'Astronomie'],
    ['Chemistry', 'Chimie'],
    ['Earth Sciences', 'Sciences de la Terre'],
    ['Life Sciences', 'Sciences de la vie'],
    ['Mathematics', 'Mathématiques'],
    ['Natural Sciences', 'Sciences naturelles'],
    ['Nature', 'Nature'],
    ['Physics', 'Physique'],
    ['Social Sciences', 'Sciences sociales'],
  ]),
  c('Society & Culture', 'Société et culture', [
    ['Documentary', 'Documentaire'],
    ['Personal Journals', 'Récits personnels'],
    ['Philosophy', 'Philosophie'],
    ['Places & Travel', 'Lieux et voyages'],
    ['Relationships', 'Relations'],
  ]),
  c('Sports', 'Sport', [
    ['Baseball', 'Baseball'],
    ['Basketball', 'Basket-ball'],
    ['Cricket', 'Cricket'],
    ['Fantasy Sports', 'Sports fantasy'],
    ['Football', 'Football américain'],
    ['Golf', 'Golf'],
    ['Hockey', 'Hockey'],
    ['Rugby', 'Rugby'],
    ['Running', 'Course à pied'],
    ['Soccer', 'Football'],
    ['Swimming', 'Natation'],
    ['Tennis', 'Tennis'],
    ['Volleyball', 'Volley-ball'],
    ['Wilderness', 'Nature et plein air'],
    ['Wrestling', 'Lutte'],
  ]),
  c('Technology', 'Technologie'),
  c('True Crime', 'Faits divers'),
  c('TV & Film', 'Télévision et cinéma', [
    ['After Shows', 'Après-émissions'],
    ['Film History', 'Histoire du cinéma'],
    ['Film Interviews', 'Entretiens cinéma'],
    ['Film Reviews', 'Critiques de films'],
    ['TV Reviews', 'Critiques de séries'],
  ]),
];

/**
 * The category choices of the show form: "News" or "News/Politics" (a category, or a
 * subcategory under its parent), labelled in French.
 */
export function categoryOptions(): { value: string; label: string }[] {
  return APPLE_CATEGORIES.flatMap((cat) => [
    { value: cat.name, label: cat.label },
    ...cat.subcategories.map((sub) => ({ value: `${cat.name}/${sub.name}`, label: `${cat.label} › ${sub.label}` })),
  ]);
}

/** "News/Politics" → { category: 'News', subcategory: 'Politics' }; undefined when Apple has no such category. */
export function parseCategoryChoice(value: string): { category: string; subcategory: string } | undefined {
  const [name, sub = ''] = value.split('/');
  const cat = APPLE_CATEGORIES.find((x) => x.name === name);
  if (!cat) return undefined;
  if (sub && !cat.subcategories.some((s) => s.name === sub)) return undefined;
  return { category: name, subcategory: sub };
}
