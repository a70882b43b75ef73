import type { DemoSeries } from '../demo-types.ts';

/** Recurring columns (rendez-vous) of the demo edition. */
export const SERIES: DemoSeries[] = [
  {
    slug: 'les-lundis-de-la-diplomatie',
    title: 'Les lundis de la diplomatie',
    description:
      "Chaque semaine, l'ancien ambassadeur Marc-Antoine Delval raconte les coulisses de la diplomatie : ses rites, ses mots, ses échecs et ses succès discrets.",
    cadence: 'chaque lundi',
  },
  {
    slug: 'vu-d-ailleurs',
    title: "Vu d'ailleurs",
    description:
      "La revue de presse étrangère de Claire Montrieux : ce que les journaux du monde entier ont retenu de la semaine, et ce qu'ils disent de la France.",
    cadence: 'tous les vendredis',
  },
];
