import { toParisIso } from '../../core/text/dates.ts';

export interface ProfilePageInput {
  /** Absolute URL of the author page. */
  url: string;
  name: string;
  /** Role or expertise line ("Économiste, chercheur au CNRS"). */
  roleLine?: string;
  bio?: string;
  /** Absolute URL of the portrait. */
  imageUrl?: string | null;
  /** The person's other profiles (site, social networks): become `sameAs`. */
  links?: readonly { url: string }[];
  /** ISO instants, written with the Paris offset. */
  dateCreated?: string | null;
  dateModified?: string | null;
}

/** schema.org ProfilePage whose main entity is the Person, for author pages (Google's profile page guidelines). */
export function profilePageJsonLd(p: ProfilePageInput): object {
  const sameAs = (p.links ?? []).map((l) => l.url).filter((u) => /^https?:\/\//.test(u));
  return {
    '@context': 'https://schema.org',
    '@type': 'ProfilePage',
    url: p.url,
    ...(p.dateCreated ? { dateCreated: toParisIso(p.dateCreated) } : {}),
    ...(p.dateModified ? { dateModified: toParisIso(p.dateModified) } : {}),
    mainEntity: {
      '@type': 'Person',
      '@id': `${p.url}#personne`,
      name: p.name,
      url: p.url,
      ...(p.roleLine ? { jobTitle: p.roleLine } : {}),
      ...(p.bio ? { description: p.bio } : {}),
      ...(p.imageUrl ? { image: p.imageUrl } : {}),
      ...(sameAs.length > 0 ? { sameAs } : {}),
    },
  };
}
