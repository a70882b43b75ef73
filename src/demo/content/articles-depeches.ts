import { doc, p } from '../body-dsl.ts';
import type { DemoArticle, DemoSource } from '../demo-types.ts';
import { ago } from '../schedule.ts';

/** The wire agency the dépêches come from (fictional). */
function wire(path: string, headline: string): DemoSource {
  return { outlet: 'Agence Presse Horizon', url: `https://www.presse-horizon.example/depeches/${path}`, headline };
}

/** Dépêches: short wire items, without picture, edited by the newsroom. */
export const DEPECHES: DemoArticle[] = [
  {
    key: 'depeche-alvea-portugal',
    format: 'depeche',
    section: 'economie',
    kicker: 'Ferroviaire',
    headline: "Le constructeur Alvéa remporte un contrat de 1,2 milliard d'euros au Portugal",
    lead: "Le groupe français fournira quarante-deux rames régionales à l'opérateur ferroviaire portugais, avec des livraisons prévues à partir de 2029.",
    body: doc(
      p(
        "Le constructeur ferroviaire Alvéa a annoncé avoir remporté un contrat de **1,2 milliard d'euros** pour la fourniture de quarante-deux trains régionaux au Portugal, maintenance comprise sur quinze ans. Les premières livraisons sont prévues à partir de 2029.",
      ),
      p(
        "Les rames seront assemblées sur le site d'Alvéa dans le Grand Est, avec une partie de la production confiée à un partenaire industriel portugais. Le groupe affirme que ce contrat sécurise l'activité de son usine pour trois ans.",
      ),
    ),
    hero: null,
    source: wire('alvea-contrat-portugal', 'Alvéa décroche un contrat ferroviaire au Portugal'),
    authors: ['thomas-le-goff'],
    tags: ['Transports', 'Emploi', 'Union européenne'],
    when: ago(0, 0, 15),
  },
  {
    key: 'depeche-opposition-morevie',
    format: 'depeche',
    section: 'international',
    kicker: 'Morévie',
    headline: "L'opposition morévienne appelle à manifester contre l'accord de Karvala",
    lead: "Le principal parti d'opposition de la Morévie dénonce un accord énergétique « négocié dans le dos des citoyens » et appelle à un rassemblement dans la capitale.",
    body: doc(
      p(
        "Le Parti libéral morévien, principale force d'opposition, a appelé ses partisans à se rassembler devant le Parlement pour protester contre l'accord énergétique signé à Karvala avec l'Istrane. Sa présidente, Mila Radanović, a dénoncé un texte « négocié dans le dos des citoyens et de nos partenaires européens ».",
      ),
      p(
        "La ratification de l'accord par le Parlement morévien doit intervenir avant la fin de l'année. La coalition au pouvoir dispose d'une majorité de quatre sièges.",
      ),
    ),
    hero: null,
    source: wire('morevie-opposition-manifestation', "Morévie : l'opposition appelle à manifester contre l'accord avec l'Istrane"),
    authors: ['julien-baraduc'],
    tags: ['Diplomatie', 'Europe centrale et orientale', 'Énergie'],
    when: ago(0, 0, 55),
  },
  {
    key: 'depeche-senat-elus-locaux',
    format: 'depeche',
    section: 'politique',
    kicker: 'Parlement',
    headline: 'Le Sénat adopte la proposition de loi sur la protection des élus locaux',
    lead: 'Le texte renforce les sanctions en cas de violences contre les maires et prévoit une prise en charge systématique de leurs frais de protection juridique.',
    body: doc(
      p(
        "Le Sénat a adopté à une large majorité une proposition de loi visant à mieux protéger les élus locaux. Le texte alourdit les peines encourues en cas de violences ou de menaces visant un maire ou un adjoint, et généralise la prise en charge de leurs frais d'avocat par l'État.",
      ),
      p(
        "La proposition de loi doit maintenant être examinée par l'Assemblée nationale. Les associations d'élus demandent son adoption avant les prochaines échéances électorales.",
      ),
    ),
    hero: null,
    source: wire('senat-protection-elus-locaux', 'Le Sénat vote la protection renforcée des élus locaux'),
    authors: ['nadia-ferhat'],
    tags: ['Collectivités locales', 'Institutions', 'Justice'],
    when: ago(0, 2, 20),
  },
  {
    key: 'depeche-rer',
    format: 'depeche',
    section: 'societe',
    kicker: 'Transports',
    headline: 'Mouvement social : le trafic perturbé sur trois lignes de RER',
    lead: 'Un préavis de grève déposé par plusieurs syndicats de conducteurs entraîne des suppressions de trains sur les lignes B, C et D du RER.',
    body: doc(
      p(
        "Le trafic est perturbé sur trois lignes du RER en Île-de-France, à la suite d'un mouvement social des conducteurs portant sur les conditions de travail et les rémunérations. Un train sur deux circule en moyenne aux heures de pointe, selon l'opérateur, qui recommande de différer les déplacements non indispensables.",
      ),
    ),
    hero: null,
    source: wire('rer-greve-conducteurs', 'RER : trafic perturbé sur trois lignes'),
    authors: ['elise-varenne'],
    tags: ['Transports', 'Emploi', 'Collectivités locales'],
    when: ago(0, 4, 30),
  },
  {
    key: 'depeche-seisme-acores',
    format: 'depeche',
    section: 'international',
    kicker: 'Portugal',
    headline: 'Un séisme de magnitude 5,1 ressenti aux Açores, sans victime signalée',
    lead: "La secousse, dont l'épicentre se situait en mer, a été ressentie sur plusieurs îles de l'archipel portugais.",
    body: doc(
      p(
        "Un séisme de magnitude 5,1 a été enregistré au large de l'archipel des Açores, selon les services sismologiques portugais. La secousse a été ressentie sur plusieurs îles, sans faire de victime ni de dégât important selon les autorités régionales.",
      ),
      p("L'archipel, situé à la jonction de trois plaques tectoniques, connaît régulièrement une activité sismique de cette ampleur."),
    ),
    hero: null,
    source: wire('acores-seisme', 'Séisme de magnitude 5,1 aux Açores'),
    authors: ['julien-baraduc'],
    tags: ['Mers et océans', 'Sciences', 'Union européenne'],
    when: ago(0, 6, 40),
  },
  {
    key: 'depeche-gazole',
    format: 'depeche',
    section: 'economie',
    kicker: 'Carburants',
    headline: 'Le prix du gazole repasse sous 1,60 euro le litre',
    lead: 'La baisse des cours du pétrole se répercute à la pompe : le gazole atteint son niveau le plus bas depuis plus de deux ans.',
    body: doc(
      p(
        "Le prix moyen du litre de gazole est repassé sous la barre de 1,60 euro dans les stations-service françaises, selon les relevés hebdomadaires publiés par le gouvernement. Il s'agit de son niveau le plus bas depuis plus de deux ans.",
      ),
      p(
        "Le sans-plomb 95 recule également, à un peu plus de 1,70 euro le litre. La baisse reflète le repli des cours du pétrole brut depuis la fin de l'été.",
      ),
    ),
    hero: null,
    source: wire('carburants-prix-gazole', 'Carburants : le gazole sous 1,60 euro'),
    authors: ['thomas-le-goff'],
    tags: ['Énergie', 'Inflation', 'Transports'],
    when: ago(1, 2, 0),
  },
  {
    key: 'depeche-vigilance-pluie',
    format: 'depeche',
    section: 'societe',
    kicker: 'Météo',
    headline: 'Vigilance orange pluie-inondation dans trois départements du Sud-Ouest',
    lead: 'De fortes précipitations sont attendues sur le piémont pyrénéen, avec des cumuls pouvant atteindre 100 millimètres.',
    body: doc(
      p(
        "Météo-France a placé trois départements du Sud-Ouest en vigilance orange pluie-inondation. Des cumuls de 60 à 100 millimètres sont attendus sur le piémont pyrénéen, avec un risque de crues rapides des cours d'eau.",
      ),
      p('Les préfectures appellent à la prudence sur les routes et déconseillent les déplacements à proximité des rivières.'),
    ),
    hero: null,
    source: wire('vigilance-orange-sud-ouest', 'Vigilance orange pluie-inondation dans le Sud-Ouest'),
    authors: ['elise-varenne'],
    tags: ['Climat', 'Collectivités locales', 'Agriculture'],
    when: ago(2, 1, 0),
  },
];
