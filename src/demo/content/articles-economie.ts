import { doc, h2, p, quote } from '../body-dsl.ts';
import type { DemoArticle } from '../demo-types.ts';
import { ago } from '../schedule.ts';

/** Economy news. Companies named here (Voltéa…) and the people quoted are fictional. */
export const ECONOMIE_ARTICLES: DemoArticle[] = [
  {
    key: 'prix-alimentaires',
    format: 'actualite',
    section: 'economie',
    kicker: "Pouvoir d'achat",
    headline: 'Inflation : les prix alimentaires reculent pour le troisième mois consécutif',
    lead: "Selon l'estimation provisoire publiée par l'Insee, l'inflation sur un an s'établit à 1,3 %, portée à la baisse par l'alimentation. Une détente qui ne compense pas encore les hausses accumulées depuis quatre ans.",
    body: doc(
      p(
        "La décrue se confirme dans les rayons. Les prix de l'alimentation ont baissé de **0,4 % sur un mois** et de 0,9 % sur un an, selon l'estimation provisoire de l'Insee. C'est le troisième mois consécutif de recul, une première depuis plus d'une décennie. Au total, l'indice des prix à la consommation progresse de 1,3 % sur un an, contre 1,5 % le mois précédent.",
      ),
      p(
        'Les produits frais expliquent une bonne partie du mouvement : les fruits et légumes, après une récolte abondante, affichent des baisses à deux chiffres sur certains produits. Mais les produits transformés commencent eux aussi à reculer, conséquence des dernières négociations commerciales entre industriels et distributeurs, conclues sur des baisses de tarifs modestes.',
      ),
      h2('Un niveau de prix toujours élevé'),
      p(
        "Cette détente doit cependant être relativisée. Les prix alimentaires restent supérieurs d'environ un quart à leur niveau d'avant la vague d'inflation, et les ménages modestes, qui consacrent une part plus importante de leur budget à l'alimentation, ne ressentent guère d'amélioration. « Une baisse de 1 % après une hausse de 25 %, c'est une bonne nouvelle statistique, pas encore un soulagement au moment de passer en caisse », observe un économiste d'une association de consommateurs.",
      ),
      quote(
        'Corinne Valadier',
        'économiste spécialiste de la consommation',
        "Ce qui compte pour les ménages, c'est le rapport entre leurs revenus et les prix. Or les salaires réels ont recommencé à progresser, lentement. Si la tendance se maintient, le pouvoir d'achat alimentaire pourrait retrouver son niveau d'avant-crise d'ici deux ans environ, pas avant.",
      ),
      p(
        "Du côté de l'énergie, les prix sont stables sur un mois, la baisse des carburants étant compensée par une légère hausse de l'électricité. Les services, qui pèsent près de la moitié du panier des ménages, continuent de progresser à un rythme proche de 2,5 % par an, tirés par les loyers et les assurances.",
      ),
      p(
        'La Banque centrale européenne, qui vise une inflation de 2 % à moyen terme dans la zone euro, devrait prendre note de ces chiffres lors de sa prochaine réunion. La plupart des économistes anticipent un statu quo sur les taux directeurs.',
      ),
    ),
    hero: {
      seed: 'prix-alimentaires',
      motif: 'chart',
      palette: 'economie',
      alt: "Illustration d'un graphique en barres dont les dernières colonnes diminuent",
      caption: "Les prix de l'alimentation reculent pour le troisième mois consécutif.",
    },
    authors: ['thomas-le-goff'],
    tags: ['Inflation', 'Emploi', 'Agriculture'],
    when: ago(0, 4, 0),
  },
  {
    key: 'voltea-batteries',
    format: 'actualite',
    section: 'economie',
    kicker: 'Industrie',
    headline: "Le fabricant de batteries Voltéa suspend l'extension de son usine des Hauts-de-France",
    slug: 'voltea-suspend-extension-usine-batteries-hauts-de-france',
    oldSlugs: ['voltea-renonce-a-sa-gigafactory'],
    lead: 'Confronté au ralentissement des ventes de voitures électriques en Europe, Voltéa gèle la deuxième tranche de son site de production. Les 700 emplois déjà créés ne sont pas menacés, assure la direction.',
    body: doc(
      p(
        "Coup de frein dans la « vallée de la batterie ». Le fabricant français Voltéa a annoncé la **suspension pour une durée indéterminée** de l'extension de son usine des Hauts-de-France, qui devait doubler sa capacité de production d'ici à 2028. La première tranche du site, inaugurée l'an dernier, continue de fonctionner normalement.",
      ),
      p(
        "En cause, un marché automobile électrique moins dynamique que prévu. Les ventes de véhicules électriques progressent encore en Europe, mais nettement moins vite que ne l'anticipaient les constructeurs il y a trois ans. Deux des principaux clients de Voltéa ont revu à la baisse leurs commandes pour les prochaines années, selon *Le Journal de l'industrie*, qui a révélé l'information.",
      ),
      h2('Les aides publiques en question'),
      p(
        "Le projet d'extension devait bénéficier d'environ 300 millions d'euros d'aides publiques, dont une partie sous forme de crédit d'impôt. La direction assure qu'aucun versement n'a été effectué au titre de la seconde tranche. Les élus régionaux, eux, réclament des garanties sur le maintien de l'activité et sur le calendrier de reprise du chantier.",
      ),
      p(
        "« Nous ne renonçons pas, nous adaptons le rythme à la réalité du marché », a déclaré la directrice générale de Voltéa, Inès Carrade, lors d'une conférence téléphonique avec les analystes. L'entreprise dit vouloir se concentrer sur l'amélioration des rendements de sa ligne actuelle, dont le taux de rebut reste supérieur aux standards du secteur.",
      ),
      p(
        "Pour les syndicats, l'annonce est une alerte. « Les 700 salariés actuels ne sont pas menacés aujourd'hui, mais les 900 embauches promises pour la deuxième tranche, elles, n'auront pas lieu », souligne un délégué du personnel. Sur le bassin d'emploi, plusieurs sous-traitants avaient investi en prévision de cette montée en puissance.",
      ),
      p(
        "Le ministère de l'Industrie a indiqué suivre le dossier « avec la plus grande attention » et rappelé que la filière batterie restait une priorité nationale.",
      ),
    ),
    hero: {
      seed: 'voltea-batteries',
      motif: 'skyline',
      palette: 'economie',
      alt: "Illustration d'un paysage industriel stylisé avec des bâtiments d'usine",
      caption: "La première tranche de l'usine Voltéa emploie 700 personnes.",
    },
    source: {
      outlet: "Le Journal de l'industrie",
      url: 'https://www.journal-industrie.example/automobile/voltea-gele-extension-usine',
      headline: 'Batteries : Voltéa gèle la deuxième tranche de son usine',
    },
    authors: ['thomas-le-goff'],
    tags: ['Emploi', 'Énergie', 'Transports'],
    when: ago(1, 3, 20),
  },
  {
    key: 'primo-accedants',
    format: 'actualite',
    section: 'economie',
    kicker: 'Immobilier',
    headline: 'Les primo-accédants reviennent timidement sur le marché immobilier',
    lead: "La baisse des taux de crédit et la stabilisation des prix redonnent un peu d'air aux ménages qui achètent pour la première fois. Le redémarrage reste inégal selon les régions.",
    body: doc(
      p(
        "Après deux années de quasi-paralysie, les agences immobilières voient revenir une clientèle qui avait déserté leurs vitrines : les primo-accédants. Selon les données d'un grand réseau de courtiers, leur part dans les crédits accordés est remontée à **41 %**, contre 34 % un an plus tôt.",
      ),
      p(
        "Deux facteurs expliquent ce retour. D'abord, les taux de crédit immobilier ont reculé, autour de 3 % sur vingt ans pour les meilleurs dossiers. Ensuite, les prix ont légèrement baissé dans la plupart des grandes villes, ce qui améliore la capacité d'emprunt des jeunes ménages.",
      ),
      h2('Des écarts importants selon les territoires'),
      p(
        "Le mouvement reste très contrasté. Dans les métropoles les plus chères, l'achat d'un premier logement demeure hors de portée pour un couple aux revenus moyens sans apport familial. Dans les villes moyennes, en revanche, la conjonction de prix modérés et de taux plus bas rend l'accession à nouveau possible, parfois pour une mensualité proche d'un loyer.",
      ),
      p(
        "Les professionnels s'inquiètent toutefois de l'évolution de certaines aides. Le prêt à taux zéro, recentré ces dernières années, fait l'objet d'amendements contradictoires dans le cadre du budget 2027. « Les ménages ont besoin de visibilité : on ne prépare pas un achat en trois mois », rappelle un courtier nantais.",
      ),
      p(
        "Les notaires, eux, restent prudents. Le nombre de transactions demeure inférieur d'environ 15 % à sa moyenne de long terme, et une remontée des taux suffirait à interrompre la reprise.",
      ),
    ),
    hero: {
      seed: 'primo-accedants',
      motif: 'skyline',
      palette: 'economie',
      alt: "Illustration d'immeubles d'habitation stylisés sous un ciel dégagé",
      caption: 'La part des primo-accédants dans les crédits immobiliers remonte.',
    },
    authors: ['thomas-le-goff'],
    tags: ['Logement', 'Budget 2027', 'Inflation'],
    when: ago(4, 5, 0),
  },
];
