import { doc, h2, ol, p, vimeo, youtube } from '../body-dsl.ts';
import type { DemoArticle } from '../demo-types.ts';
import { ago } from '../schedule.ts';

/**
 * Videos and podcast episodes. Videos embed a player behind a facade (nothing loads before a
 * click) and carry a transcript; podcast episodes carry show notes and chapters until their
 * audio files are attached.
 */
export const MEDIA_ARTICLES: DemoArticle[] = [
  {
    key: 'video-batteries',
    format: 'video',
    section: 'videos',
    kicker: 'En vidéo',
    headline: "Comment fonctionne une batterie géante de stockage d'électricité ?",
    lead: "Des conteneurs remplis de cellules lithium-ion, installés près des postes électriques, aident désormais le réseau à passer les pointes. Explications en quatre minutes avec l'ingénieur Laurent Dufresne-Ambal.",
    body: doc(
      youtube('Sx7tBq2LmPw', "Comment fonctionne une batterie géante de stockage d'électricité"),
      p(
        "Elles ressemblent à des alignements de conteneurs maritimes posés au bord d'un champ. Les batteries de grande capacité se multiplient en Europe, près des parcs solaires et des postes électriques saturés. Dans cette vidéo, nous expliquons à quoi elles servent, ce qu'elles ne peuvent pas faire, et pourquoi leur coût a tant baissé.",
      ),
      h2('Transcription'),
      p(
        "« Une batterie de réseau, c'est d'abord un très grand nombre de cellules, les mêmes que dans une voiture électrique, rangées dans des armoires et refroidies en permanence. Elle se charge quand l'électricité est abondante, par exemple en milieu de journée quand le solaire produit beaucoup, et elle restitue cette énergie le soir, quand la demande remonte. »",
      ),
      p(
        "« Mais son rôle le plus précieux est ailleurs : elle réagit en une fraction de seconde. Quand une centrale s'arrête brutalement, la fréquence du réseau chute, et il faut compenser immédiatement. Une batterie le fait plus vite que n'importe quelle centrale. En revanche, elle ne stocke que quelques heures d'énergie : elle ne remplacera pas une production qui manque pendant une semaine de froid sans vent. »",
      ),
      p('*Réalisation : Hugo Marchetti. Intervenant : Laurent Dufresne-Ambal, ingénieur, consultant en politiques énergétiques.*'),
    ),
    hero: {
      seed: 'video-batteries',
      motif: 'grid',
      palette: 'video',
      alt: "Illustration d'une rangée de conteneurs de batteries près d'un poste électrique",
      caption: "Les batteries de réseau restituent le soir l'électricité produite en journée.",
    },
    authors: ['hugo-marchetti', 'laurent-dufresne-ambal'],
    tags: ['Énergie', 'Climat', 'Sciences'],
    when: ago(1, 5, 0),
  },
  {
    key: 'video-budget-trois-minutes',
    format: 'video',
    section: 'videos',
    kicker: 'En vidéo',
    headline: "Le budget de l'État expliqué en trois minutes",
    lead: 'Recettes, dépenses, déficit, dette : comment se construit le projet de loi de finances, et pourquoi son adoption est devenue si difficile. Une vidéo pour tout comprendre.',
    body: doc(
      vimeo('912340567', "Le budget de l'État expliqué en trois minutes"),
      p(
        "Chaque automne, le Parlement examine le projet de loi de finances, qui autorise l'État à percevoir l'impôt et à dépenser. Ce texte, le plus important de l'année, suit un parcours très encadré par la Constitution. Nous le résumons en trois minutes.",
      ),
      h2('Transcription'),
      p(
        "« Le budget de l'État, c'est d'abord une autorisation. Sans vote du Parlement, l'État ne peut ni lever l'impôt ni engager de dépenses. Le texte se divise en deux parties : la première fixe les recettes et l'équilibre général, la seconde répartit les crédits entre les grandes missions, l'éducation, la défense, la justice et les autres. »",
      ),
      p(
        "« Le Parlement dispose de soixante-dix jours pour se prononcer. Quand le gouvernement n'a pas de majorité, chaque vote devient une négociation. D'où le recours à des outils comme l'article 49.3 ou, en dernier ressort, une loi spéciale qui permet de continuer à percevoir les impôts en attendant un vrai budget. »",
      ),
      p('*Réalisation : Hugo Marchetti. Avec Thomas Le Goff, journaliste au service Économie.*'),
    ),
    hero: {
      seed: 'video-budget',
      motif: 'chart',
      palette: 'video',
      alt: "Illustration d'un graphique en secteurs évoquant la répartition d'un budget",
      caption: 'Le projet de loi de finances se divise en deux parties : recettes et dépenses.',
    },
    authors: ['hugo-marchetti', 'thomas-le-goff'],
    tags: ['Budget 2027', 'Institutions', 'Élection présidentielle 2027'],
    when: ago(3, 2, 0),
  },
  {
    key: 'podcast-automnes',
    format: 'podcast',
    section: 'podcasts',
    kicker: 'Podcast « À bonne distance »',
    headline: "Faut-il s'habituer aux automnes trop chauds ? Avec le climatologue Yann Quéméner",
    lead: "Dans ce nouvel épisode, le climatologue Yann Quéméner explique ce que les projections régionales disent de l'automne en France, et ce qu'elles ne savent pas encore dire.",
    body: doc(
      p(
        "Un automne doux ne fait pas le climat, mais la répétition des automnes doux en dit long. Dans cet épisode d'*À bonne distance*, Hugo Marchetti reçoit Yann Quéméner, climatologue, pour faire la part entre les tendances solides, comme l'intensification des pluies méditerranéennes, et les questions encore ouvertes.",
      ),
      h2('Au programme'),
      ol(
        '00:00 — Un automne « anormal » : de quoi parle-t-on ?',
        '04:30 — Pourquoi la France se réchauffe plus vite que le reste du monde',
        '12:10 — Épisodes méditerranéens : ce que dit la physique',
        "19:45 — Tempêtes, courant-jet : les zones d'incertitude",
        '26:20 — Se préparer sans attendre la certitude',
      ),
      p(
        'Pour aller plus loin, lisez le décryptage de Yann Quéméner : [Automnes plus chauds, pluies plus violentes](/decryptages/automnes-plus-chauds-projections-climatiques-france).',
      ),
      p('*Production : Le Sextant. Présentation et réalisation : Hugo Marchetti. Musique originale : Studio du Sextant.*'),
    ),
    hero: {
      seed: 'podcast-automnes',
      motif: 'mic',
      palette: 'podcast',
      alt: "Illustration d'un micro de studio devant des ondes sonores stylisées",
      caption: '« À bonne distance », le podcast du Sextant.',
    },
    authors: ['hugo-marchetti', 'yann-quemener'],
    tags: ['Climat', 'Agriculture', 'Sciences'],
    when: ago(1, 8, 0),
  },
  {
    key: 'podcast-franc-1926',
    format: 'podcast',
    section: 'podcasts',
    kicker: 'Podcast « À bonne distance »',
    headline: "1926, l'année où le franc a failli sombrer. Avec l'historienne Mathilde Arnaud-Pélissier",
    slug: '1926-l-annee-ou-le-franc-a-failli-sombrer',
    lead: "Il y a cent ans, la France vivait une crise monétaire spectaculaire. L'historienne Mathilde Arnaud-Pélissier raconte comment le franc a été sauvé, et ce que cet épisode enseigne encore.",
    body: doc(
      p(
        "Été 1926 : le franc s'effondre, les gouvernements tombent, les épargnants paniquent. Quelques mois plus tard, la monnaie est stabilisée. Dans cet épisode d'*À bonne distance*, l'historienne Mathilde Arnaud-Pélissier revient sur cette crise oubliée et sur le rôle décisif de la confiance.",
      ),
      h2('Au programme'),
      ol(
        '00:00 — La France de 1926, une dette de guerre écrasante',
        "07:15 — Le Cartel des gauches et le « mur d'argent »",
        "15:40 — Juillet 1926 : l'union nationale et le retour de Poincaré",
        '24:05 — 1928, le franc Poincaré : le choix du réalisme',
        '31:30 — Ce que 1926 nous dit de 2026',
      ),
      p(
        'Pour aller plus loin, lisez le décryptage de Mathilde Arnaud-Pélissier : [Il y a cent ans, la crise du franc de 1926](/decryptages/crise-du-franc-1926-lecon-de-la-confiance).',
      ),
      p('*Production : Le Sextant. Présentation et réalisation : Hugo Marchetti. Musique originale : Studio du Sextant.*'),
    ),
    hero: {
      seed: 'podcast-franc-1926',
      motif: 'mic',
      palette: 'podcast',
      alt: "Illustration d'un micro ancien devant une courbe évoquant le cours d'une monnaie",
      caption: '« À bonne distance », le podcast du Sextant.',
    },
    authors: ['hugo-marchetti', 'mathilde-arnaud-pelissier'],
    tags: ['Histoire', 'Inflation', 'Institutions'],
    when: ago(5, 7, 0),
  },
];
