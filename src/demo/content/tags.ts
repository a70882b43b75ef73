/** The shared pool of tags; articles pick three to five of them by name. */
export const TAGS = [
  'Union européenne',
  'Élection présidentielle 2027',
  'Inflation',
  'Climat',
  'Budget 2027',
  'Énergie',
  'Diplomatie',
  'Défense',
  'Emploi',
  'Logement',
  'Éducation',
  'Santé',
  'Intelligence artificielle',
  'Justice',
  'Agriculture',
  'Transports',
  'Culture',
  'Médias',
  'Collectivités locales',
  'Institutions',
  'Numérique',
  'Histoire',
  'Europe centrale et orientale',
  'Mers et océans',
] as const;

export type TagName = (typeof TAGS)[number];
