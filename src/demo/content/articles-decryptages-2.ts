import { doc, h2, h3, p, ul } from '../body-dsl.ts';
import type { DemoArticle } from '../demo-types.ts';
import { ago } from '../schedule.ts';

/** Long analyses (décryptages) on climate, history, energy and education, written by outside experts. */
export const DECRYPTAGES_PART_2: DemoArticle[] = [
  {
    key: 'automnes-chauds',
    format: 'decryptage',
    section: 'decryptages',
    kicker: 'Climat',
    headline: 'Automnes plus chauds, pluies plus violentes : ce que disent vraiment les projections climatiques pour la France',
    slug: 'automnes-plus-chauds-projections-climatiques-france',
    lead: "Après un nouvel automne anormalement doux, les projections régionales précisent ce qui attend la France métropolitaine. Certaines tendances sont solides, d'autres restent incertaines : il faut savoir les distinguer.",
    body: doc(
      p(
        "Chaque épisode de douceur automnale relance la même question : est-ce le climat qui change, ou simplement la météo qui varie ? La réponse tient en une distinction. Un automne isolé ne prouve rien ; la succession d'automnes plus chauds que la normale, elle, dessine une tendance que les modèles climatiques avaient anticipée et que les observations confirment désormais année après année.",
      ),
      h2('Un réchauffement plus rapide en France que dans le monde'),
      p(
        "La France métropolitaine se réchauffe plus vite que la moyenne mondiale, comme l'ensemble de l'Europe. Les terres émergées se réchauffent davantage que les océans, et notre continent subit en outre des changements de circulation atmosphérique qui favorisent les situations de blocage, sources de vagues de chaleur prolongées. C'est pourquoi les pouvoirs publics ont retenu une **trajectoire de référence de +4 °C** pour la France d'ici la fin du siècle, afin de dimensionner les politiques d'adaptation.",
      ),
      p(
        "Pour l'automne, cela se traduit par un allongement de la saison chaude. L'été « météorologique » déborde de plus en plus souvent sur septembre et parfois sur octobre, avec des conséquences concrètes : périodes de sécheresse qui se prolongent, végétation qui reste active plus tard, vendanges avancées, consommation d'eau qui ne fléchit pas.",
      ),
      h2('Des pluies plus intenses sur le pourtour méditerranéen'),
      p(
        "C'est sans doute le point le plus solide des projections. Une atmosphère plus chaude peut contenir davantage de vapeur d'eau, environ 7 % de plus par degré supplémentaire. Lorsque les conditions d'un épisode méditerranéen sont réunies, à l'automne, quand la mer est encore chaude et que l'air froid arrive en altitude, les quantités de pluie susceptibles de tomber en quelques heures augmentent en conséquence.",
      ),
      p(
        "Les observations des dernières décennies vont dans ce sens : l'intensité des pluies extrêmes dans les Cévennes et sur les contreforts alpins a augmenté de manière mesurable. Les modèles suggèrent que la tendance se poursuivra, avec des zones exposées qui pourraient s'étendre vers l'ouest et le nord du bassin méditerranéen.",
      ),
      h2('Ce qui reste incertain'),
      p("La science du climat n'a pas réponse à tout, et il faut le dire clairement. Plusieurs questions demeurent ouvertes :"),
      ul(
        "l'évolution du **cumul annuel de pluie** dans la moitié nord du pays, pour laquelle les modèles divergent encore ;",
        "la fréquence des **tempêtes automnales** venues de l'Atlantique, sans tendance nette à ce stade ;",
        "l'évolution de la circulation atmosphérique, et notamment du courant-jet, dont dépendent les situations de blocage.",
      ),
      h3("Pourquoi ces incertitudes ne justifient pas l'attente"),
      p(
        "Ces incertitudes portent sur l'ampleur et la répartition de certains phénomènes, pas sur la direction générale. Pour un décideur public, la bonne attitude consiste à préparer les infrastructures à une gamme de scénarios, y compris les plus défavorables, plutôt que d'attendre une certitude qui ne viendra pas à temps.",
      ),
      p(
        "L'automne qui s'achève n'est pas en soi la preuve du changement climatique. Il en est une illustration conforme à ce que l'on attendait. C'est précisément ce qui devrait inquiéter : nous ne sommes plus dans le domaine de la prévision, mais dans celui de l'observation.",
      ),
    ),
    hero: {
      seed: 'automnes-chauds',
      motif: 'waves',
      palette: 'neutral',
      alt: 'Illustration de courbes ondulantes superposées évoquant des relevés de température',
      caption: 'Les automnes plus chauds que la normale se succèdent en France métropolitaine.',
    },
    authors: ['yann-quemener'],
    tags: ['Climat', 'Agriculture', 'Collectivités locales'],
    when: ago(4, 8, 0),
  },
  {
    key: 'crise-du-franc-1926',
    format: 'decryptage',
    section: 'decryptages',
    kicker: 'Histoire',
    headline: 'Il y a cent ans, la crise du franc de 1926 et la leçon oubliée de la confiance',
    slug: 'crise-du-franc-1926-lecon-de-la-confiance',
    lead: "À l'été 1926, le franc s'effondre, les gouvernements tombent et l'on parle de banqueroute. Quelques mois plus tard, la monnaie est stabilisée. Retour sur un épisode où la confiance a compté davantage que les mesures elles-mêmes.",
    body: doc(
      p(
        "Au début de l'été 1926, la France vit une crise monétaire d'une violence inédite. Le franc, qui s'échangeait contre la livre sterling à un peu plus de 25 francs avant la guerre, dépasse les 200 francs pour une livre, puis approche les 240 francs au cœur du mois de juillet. Les prix s'envolent, les épargnants s'inquiètent, et la Chambre des députés voit les gouvernements se succéder à un rythme accéléré.",
      ),
      h2('Une dette de guerre que personne ne veut payer'),
      p(
        "La racine du mal est connue. La guerre a été financée par l'emprunt bien plus que par l'impôt, et la France sort du conflit avec une dette considérable, dont une part importante à court terme. L'espoir de faire payer l'Allemagne au titre des réparations s'est révélé largement illusoire. Entre 1924 et 1926, le Cartel des gauches, majoritaire à la Chambre, se heurte à la méfiance des milieux financiers ; ses dirigeants dénoncent le « mur d'argent » qui refuserait de souscrire aux bons du Trésor.",
      ),
      p(
        "Dans ce climat, chaque renouvellement des bons à court terme devient une épreuve. Lorsque les détenteurs de titres préfèrent se faire rembourser plutôt que de prêter à nouveau, l'État doit recourir aux avances de la Banque de France, ce qui nourrit la défiance envers la monnaie. Le cercle vicieux est enclenché.",
      ),
      h2('Juillet 1926 : le retour de Poincaré'),
      p(
        "Après la chute d'un éphémère gouvernement au mois de juillet, Raymond Poincaré, ancien président de la République, forme un gouvernement d'« union nationale » qui rassemble des personnalités allant de la droite aux radicaux, et prend lui-même le portefeuille des Finances. Les mesures qu'il fait adopter sont classiques : hausses d'impôts, économies budgétaires, et création d'une **Caisse autonome d'amortissement**, dotée de ressources propres et chargée de gérer les bons à court terme, inscrite dans la Constitution par le Parlement réuni en Congrès au mois d'août.",
      ),
      p(
        "L'effet est pourtant immédiat, avant même que ces mesures ne produisent leurs résultats budgétaires. Le franc se redresse en quelques semaines, les capitaux qui avaient fui le pays reviennent, et dès la fin de l'année 1926 la monnaie est stabilisée de fait. Ce n'est pas l'arithmétique qui a changé en premier : c'est l'anticipation des acteurs.",
      ),
      h2('Le choix de ne pas revenir en arrière'),
      p(
        "Reste une question que l'on oublie souvent : à quel niveau stabiliser ? Une partie de l'opinion, et Poincaré lui-même au départ, rêve de revenir à la parité d'avant-guerre, comme l'a fait le Royaume-Uni en 1925 au prix d'une longue déflation. Les experts de la Banque de France plaident au contraire pour entériner la dépréciation. C'est leur position qui l'emporte : en juin 1928, la loi monétaire consacre le « franc Poincaré », qui ne vaut plus qu'environ un cinquième du franc germinal.",
      ),
      p(
        "Ce réalisme a des avantages immédiats : les exportations françaises profitent d'une monnaie compétitive, et la France traverse la fin des années 1920 dans une relative prospérité. Il aura aussi des conséquences moins heureuses, lorsque l'attachement à la parité-or retardera l'ajustement du pays face à la grande dépression des années 1930.",
      ),
      h2('Ce que 1926 nous dit encore'),
      p(
        "Comparaison n'est pas raison : la France de 2026 n'a ni monnaie propre ni dette à très court terme comparable à celle de 1926. Mais l'épisode rappelle une vérité toujours actuelle. Les marchés, les épargnants et les citoyens réagissent moins aux chiffres du moment qu'à la crédibilité de la trajectoire annoncée. Un gouvernement qui inspire confiance obtient un répit ; un gouvernement qui n'y parvient pas paie le prix fort, quelle que soit la qualité technique de ses mesures.",
      ),
    ),
    hero: {
      seed: 'crise-du-franc-1926',
      motif: 'chart',
      palette: 'neutral',
      alt: "Illustration d'une courbe qui s'effondre puis remonte, dans un style de gravure ancienne",
      caption: 'En 1926, le franc a perdu près de la moitié de sa valeur face à la livre en quelques mois.',
    },
    authors: ['mathilde-arnaud-pelissier'],
    tags: ['Histoire', 'Inflation', 'Institutions'],
    when: ago(6, 5, 0),
  },
];
