/** The demo's newsletters (original text): what each gathers is its recipe (newsletters/newsletter-recipe.ts). */
export const NEWSLETTERS = [
  {
    slug: 'essentiel-du-matin',
    name: "L'essentiel du matin",
    description: 'Les informations à retenir de la veille et de la nuit, la une du jour et nos derniers décryptages.',
    cadence: 'Du lundi au samedi, à 7 heures',
    recipe: { lead: true, topStories: 4, pepites: 2, videos: 1, podcasts: 1 },
    sendHour: 7,
    needsApproval: true,
  },
  {
    slug: 'les-pepites',
    name: 'Les Pépites',
    description: 'Les meilleurs articles repérés ailleurs dans la presse, avec leur source et notre mot pour les présenter.',
    cadence: 'Le mercredi, à midi',
    recipe: { lead: false, topStories: 0, pepites: 8, videos: 0, podcasts: 0 },
    sendHour: null,
    needsApproval: false,
  },
  {
    slug: 'vu-d-ailleurs',
    name: "Vu d'ailleurs",
    description: 'La revue de la presse étrangère : comment le monde regarde la France et ses voisins.',
    cadence: 'Le vendredi, à 18 heures',
    recipe: { lead: true, topStories: 2, pepites: 4, videos: 0, podcasts: 1 },
    sendHour: null,
    needsApproval: false,
  },
];
