import { doc, h2, p, quote, ul } from '../body-dsl.ts';
import type { DemoArticle } from '../demo-types.ts';
import { ago } from '../schedule.ts';

/** Society news. The schools, doctors and officials quoted are fictional. */
export const SOCIETE_ARTICLES: DemoArticle[] = [
  {
    key: 'pause-numerique',
    format: 'actualite',
    section: 'societe',
    kicker: 'Éducation',
    headline: "Écrans à l'école : les collèges pilotes tirent un premier bilan de la « pause numérique »",
    slug: 'ecrans-a-l-ecole-premier-bilan-de-la-pause-numerique',
    lead: "Depuis la rentrée, une centaine de collèges expérimentent le dépôt des téléphones à l'entrée de l'établissement. Les premiers retours font état d'un climat scolaire plus calme, mais la mesure pose des questions pratiques.",
    body: doc(
      p(
        "Chaque matin, au collège Jean-Moulin de Saint-Aignan-sur-Loire, la même scène se répète : les élèves déposent leur téléphone dans un casier numéroté avant de franchir le portail. Ils ne le récupéreront qu'à la sortie. L'établissement fait partie de la centaine de collèges qui expérimentent depuis septembre la **« pause numérique »**, une interdiction plus stricte que celle qui s'appliquait jusqu'ici.",
      ),
      p(
        "Un premier bilan d'étape, réalisé par les services académiques à partir de questionnaires adressés aux équipes, fait état d'une baisse des incidents liés aux réseaux sociaux pendant le temps scolaire et d'une cour de récréation « plus animée ». Près de huit chefs d'établissement sur dix se disent favorables à la poursuite de l'expérience.",
      ),
      quote(
        'Véronique Sallan',
        'principale du collège Jean-Moulin',
        "Le changement le plus visible, c'est à la cantine et dans la cour : les élèves se parlent à nouveau, jouent au ballon, se disputent aussi parfois, mais en face à face. Les conflits qui naissaient le soir sur les messageries et éclataient le lendemain au collège sont moins nombreux.",
      ),
      h2('Casiers, coûts et exceptions'),
      p(
        "L'expérimentation soulève néanmoins des difficultés concrètes. L'achat et l'installation des casiers, à la charge des départements, coûtent entre 8 000 et 20 000 euros par établissement. Dans les collèges les plus grands, le dépôt et la restitution des appareils allongent les entrées et les sorties. Des exceptions ont dû être prévues, notamment :",
      ),
      ul(
        "pour les élèves dont l'état de santé nécessite un suivi par application ;",
        'pour les sorties scolaires et les déplacements entre deux sites ;',
        'pour les élèves internes, qui récupèrent leur téléphone le soir.',
      ),
      p(
        "Les fédérations de parents d'élèves sont partagées. Certaines saluent une mesure de protection ; d'autres regrettent de ne pas pouvoir joindre leur enfant en cas d'urgence, même si les établissements rappellent que le téléphone de la vie scolaire reste joignable à tout moment.",
      ),
      p(
        "Le ministère doit décider au printemps d'une éventuelle généralisation. Il attend pour cela une évaluation plus complète, confiée à une équipe de chercheurs, qui mesurera aussi les effets sur les résultats scolaires et sur le temps d'écran des élèves en dehors du collège.",
      ),
    ),
    hero: {
      seed: 'pause-numerique',
      motif: 'grid',
      palette: 'societe',
      alt: "Illustration de casiers alignés, chacun marqué d'un numéro",
      caption: "Dans les collèges pilotes, les téléphones sont déposés dans des casiers à l'entrée.",
    },
    authors: ['elise-varenne'],
    tags: ['Éducation', 'Numérique', 'Collectivités locales'],
    when: ago(0, 6, 0),
  },
  {
    key: 'bus-sante',
    format: 'actualite',
    section: 'societe',
    kicker: 'Déserts médicaux',
    headline: 'Les bus de santé itinérants gagnent les départements ruraux',
    lead: "Consultations de médecine générale, dépistages, soins dentaires : une vingtaine de départements font désormais circuler des cabinets médicaux sur roues. Une réponse d'urgence à la pénurie de médecins, qui ne remplace pas une installation durable.",
    body: doc(
      p(
        "Sur la place du village, entre la mairie et l'église, le bus blanc est arrivé à 8 h 30. À l'intérieur, une salle d'attente de quatre sièges, un cabinet de consultation et un poste de dépistage. Ce jour-là, une médecin généraliste et une infirmière y recevront dix-huit patients. Dans ce canton de la Creuse, le dernier cabinet médical a fermé il y a trois ans.",
      ),
      p(
        "Ce type de dispositif se multiplie. Selon un recensement réalisé par une fédération de professionnels de santé, **une vingtaine de départements** disposent désormais d'au moins un bus de santé, contre cinq il y a quatre ans. Financés par les départements, les agences régionales de santé et parfois des mutuelles, ils assurent des tournées régulières dans les communes dépourvues de médecin.",
      ),
      h2('Des patients qui ne consultaient plus'),
      p(
        "Pour les équipes, l'intérêt est double : soigner, mais aussi repérer. « Nous voyons beaucoup de personnes âgées qui n'avaient pas vu de médecin depuis deux ou trois ans, faute de moyen de transport », raconte l'infirmière coordinatrice. Diabètes non suivis, tensions non contrôlées, vaccins en retard : les premières consultations révèlent souvent des situations dégradées.",
      ),
      p(
        "Le modèle a cependant ses limites. Les médecins qui assurent les tournées sont souvent des retraités ou des remplaçants, et leur recrutement reste fragile. Le coût de fonctionnement d'un bus, entre 300 000 et 500 000 euros par an, interroge aussi certains élus, qui préféreraient financer des maisons de santé fixes.",
      ),
      p(
        "« Le bus est une solution de transition, pas une politique d'installation », reconnaît un responsable d'agence régionale de santé. Mais dans les territoires concernés, la transition risque de durer : le nombre de médecins généralistes ne devrait recommencer à croître qu'au début de la prochaine décennie.",
      ),
    ),
    hero: {
      seed: 'bus-sante',
      motif: 'circles',
      palette: 'societe',
      alt: "Illustration stylisée d'un véhicule sur une route de campagne vallonnée",
      caption: 'Une vingtaine de départements font circuler des bus de santé.',
    },
    authors: ['elise-varenne'],
    tags: ['Santé', 'Collectivités locales', 'Transports'],
    when: ago(2, 7, 0),
  },
  {
    key: 'audiences-visio',
    format: 'actualite',
    section: 'societe',
    kicker: 'Justice',
    headline: 'Tribunaux : les audiences par visioconférence divisent les avocats',
    lead: 'Pour réduire les délais et les extractions de détenus, la chancellerie encourage le recours à la visioconférence. Les barreaux dénoncent une justice « à distance » qui fragilise les droits de la défense.',
    body: doc(
      p(
        "Le sujet n'est pas nouveau, mais il revient avec force. Une circulaire récente invite les juridictions à **développer les audiences par visioconférence** pour les débats sur la détention provisoire et certaines audiences civiles, afin de réduire les délais et les coûts liés aux extractions de détenus.",
      ),
      p(
        "La chancellerie met en avant des chiffres : chaque extraction mobilise en moyenne deux à trois agents pendant une demi-journée, et plusieurs milliers d'entre elles sont annulées chaque année faute d'escorte disponible, ce qui retarde les audiences.",
      ),
      p(
        "Les avocats, eux, sont vent debout. Plusieurs barreaux ont adopté des motions dénonçant « une dégradation de l'audience ». « Devant un écran, on ne plaide pas de la même façon, et le juge ne perçoit pas la personne de la même manière », affirme la bâtonnière d'un barreau du sud de la France, qui rappelle que la présence physique a longtemps été la règle en matière pénale.",
      ),
      p(
        "Le débat juridique n'est pas clos : le Conseil constitutionnel a déjà encadré le recours à la visioconférence, en exigeant dans certains cas l'accord de la personne concernée. Les syndicats de magistrats se montrent partagés, entre souci de l'efficacité et attachement à l'oralité des débats.",
      ),
      p(
        "Une mission d'évaluation doit rendre ses conclusions au printemps. En attendant, plusieurs tribunaux ont d'ores et déjà équipé de nouvelles salles, tandis que d'autres disent manquer du matériel et de la bande passante nécessaires.",
      ),
    ),
    hero: {
      seed: 'audiences-visio',
      motif: 'grid',
      palette: 'societe',
      alt: "Illustration d'un écran divisé en plusieurs fenêtres de visioconférence",
      caption: 'La chancellerie encourage les audiences à distance pour certains contentieux.',
    },
    authors: ['elise-varenne'],
    tags: ['Justice', 'Numérique', 'Institutions'],
    when: ago(7, 3, 0),
  },
];
