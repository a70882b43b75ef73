// Dépêches written for Kiosque's tests, bench and demo: an invented agency, the Agence Presse
// Continentale (APC), and invented events. Each format has a generator so tests can send the same
// item again with another version, a withdrawal or an embargo.

export interface SampleOptions {
  guid?: string;
  version?: number;
  status?: 'usable' | 'withdrawn' | 'canceled';
  embargo?: string;
  headline?: string;
  /** Which of the invented stories (0, 1, 2…; wraps around). */
  story?: number;
  /** Where the story's photo is (a test's local server, or a file delivered beside the item) instead of the agency's invented host. */
  photoHref?: string;
}

interface Story {
  headline: string;
  lead: string;
  paragraphs: string[];
  subjects: string[];
  photo: { href: string; caption: string; credit: string };
}

const STORIES: Story[] = [
  {
    headline: 'Le port de Saint-Aubin-sur-Loire inaugure son quai à hydrogène',
    lead: 'Premier équipement de ce type sur la Loire, le quai doit alimenter dès le printemps les barges de fret du port fluvial.',
    paragraphs: [
      'Le port fluvial de Saint-Aubin-sur-Loire a inauguré jeudi un quai d’avitaillement en hydrogène, présenté comme le premier du bassin ligérien. Quatre barges de fret doivent y faire le plein dès le mois d’avril.',
      '« Nous avons voulu prouver qu’un petit port pouvait montrer la voie », a déclaré la présidente du syndicat mixte, Hélène Carvalho, devant une centaine d’invités.',
      'Le chantier, d’un coût de 14 millions d’euros, a été financé aux deux tiers par la région.',
    ],
    subjects: ['Économie', 'Transports', 'Énergie'],
    photo: {
      href: 'https://images.apc.example/2026/12/quai-hydrogene.jpg',
      caption: 'Le nouveau quai d’avitaillement, au petit matin',
      credit: 'APC / Lucie Moreau',
    },
  },
  {
    headline: 'Grève des contrôleurs aériens : trafic perturbé à Lyon et Marseille',
    lead: 'La direction de l’aviation civile demande aux compagnies de réduire d’un tiers leurs vols au départ des deux aéroports.',
    paragraphs: [
      'Un préavis de grève des contrôleurs aériens perturbera le trafic vendredi à Lyon et Marseille, a annoncé la direction générale de l’aviation civile.',
      'Les compagnies sont invitées à réduire d’un tiers leurs programmes de vols. Les passagers sont priés de vérifier l’état de leur vol avant de se rendre à l’aéroport.',
    ],
    subjects: ['Transports', 'Social'],
    photo: {
      href: 'https://images.apc.example/2026/12/tour-de-controle.jpg',
      caption: 'La tour de contrôle de l’aéroport de Lyon',
      credit: 'APC / Karim Benali',
    },
  },
  {
    headline: 'Le festival des Arts de la rue de Valmont dévoile sa programmation',
    lead: 'Soixante compagnies sont attendues pour la vingtième édition, qui s’étendra pour la première fois sur deux week-ends.',
    paragraphs: [
      'Le festival des Arts de la rue de Valmont a dévoilé mardi la programmation de sa vingtième édition : soixante compagnies, dont douze venues de l’étranger, se produiront sur deux week-ends de juillet.',
      'Les organisateurs promettent un parcours nocturne inédit dans la vieille ville.',
    ],
    subjects: ['Culture', 'Spectacle vivant'],
    photo: {
      href: 'https://images.apc.example/2026/12/valmont-festival.jpg',
      caption: 'Une parade lors de l’édition précédente',
      credit: 'APC / Inès Dubreuil',
    },
  },
];

function story(options: SampleOptions): Story {
  const chosen = STORIES[(options.story ?? 0) % STORIES.length]!;
  return options.photoHref ? { ...chosen, photo: { ...chosen.photo, href: options.photoHref } } : chosen;
}

function escapeXml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}

/** A NewsML-G2 newsMessage: one text item and its picture item. */
export function newsMlSample(options: SampleOptions = {}): string {
  const s = story(options);
  const guid = options.guid ?? `urn:newsml:apc.example:20261204:apc-${options.story ?? 0}`;
  const version = options.version ?? 1;
  const status = options.status ?? 'usable';
  const headline = options.headline ?? s.headline;
  const embargo = options.embargo ? `\n        <embargoed>${options.embargo}</embargoed>` : '';
  const body = s.paragraphs.map((p) => `<p>${escapeXml(p)}</p>`).join('\n              ');
  const subjects = s.subjects
    .map((name) => `<subject type="cpnat:abstract"><name xml:lang="fr">${escapeXml(name)}</name></subject>`)
    .join('\n        ');
  return `<?xml version="1.0" encoding="UTF-8"?>
<newsMessage xmlns="http://iptc.org/std/nar/2006-10-01/">
  <header>
    <sent>2026-12-04T08:00:00+01:00</sent>
    <sender>apc.example</sender>
  </header>
  <itemSet>
    <newsItem guid="${escapeXml(guid)}" version="${version}" standard="NewsML-G2" standardversion="2.33" xml:lang="fr">
      <catalogRef href="http://www.iptc.org/std/catalog/catalog.IPTC-G2-Standards_38.xml"/>
      <itemMeta>
        <itemClass qcode="ninat:text"/>
        <provider literal="Agence Presse Continentale"/>
        <versionCreated>2026-12-04T08:00:00+01:00</versionCreated>
        <pubStatus qcode="stat:${status}"/>${embargo}
      </itemMeta>
      <contentMeta>
        <headline>${escapeXml(headline)}</headline>
        <description role="drol:summary">${escapeXml(s.lead)}</description>
        ${subjects}
        <keyword>APC</keyword>
      </contentMeta>
      <contentSet>
        <inlineXML contenttype="application/xhtml+xml">
          <html xmlns="http://www.w3.org/1999/xhtml">
            <head><title>${escapeXml(headline)}</title></head>
            <body>
              ${body}
              <script>alert('jamais')</script>
            </body>
          </html>
        </inlineXML>
      </contentSet>
    </newsItem>
    <newsItem guid="${escapeXml(guid)}:photo" version="1" standard="NewsML-G2" standardversion="2.33">
      <itemMeta>
        <itemClass qcode="ninat:picture"/>
        <provider literal="Agence Presse Continentale"/>
        <versionCreated>2026-12-04T08:00:00+01:00</versionCreated>
        <pubStatus qcode="stat:usable"/>
      </itemMeta>
      <contentMeta>
        <headline>${escapeXml(s.photo.caption)}</headline>
        <creditline>${escapeXml(s.photo.credit)}</creditline>
      </contentMeta>
      <contentSet>
        <remoteContent href="${escapeXml(s.photo.href)}" contenttype="image/jpeg" width="2400" height="1600"/>
      </contentSet>
    </newsItem>
  </itemSet>
</newsMessage>
`;
}

/** An IPTC ninjs 2.x object. */
export function ninjsSample(options: SampleOptions = {}): string {
  const s = story(options);
  return JSON.stringify(
    {
      $schema: 'http://www.iptc.org/std/ninjs/ninjs-schema_2.1.json',
      uri: options.guid ?? `https://apc.example/depeches/ninjs-${options.story ?? 0}`,
      version: String(options.version ?? 1),
      type: 'text',
      language: 'fr',
      pubstatus: options.status ?? 'usable',
      ...(options.embargo ? { embargoed: options.embargo } : {}),
      headlines: [{ role: 'main', value: options.headline ?? s.headline }],
      descriptions: [{ role: 'summary', value: s.lead }],
      bodies: [{ role: 'main', contenttype: 'text/html', value: s.paragraphs.map((p) => `<p>${escapeXml(p)}</p>`).join('') }],
      subject: s.subjects.map((name) => ({ name })),
      keywords: ['APC'],
      associations: {
        featureimage: {
          type: 'picture',
          description_text: s.photo.caption,
          creditline: s.photo.credit,
          renditions: { original: { href: s.photo.href, width: 2400, height: 1600 } },
        },
      },
    },
    null,
    2,
  );
}

/** An RSS 2.0 feed of the given stories (one item each). */
export function rssSample(items: SampleOptions[] = [{}]): string {
  const entries = items
    .map((options) => {
      const s = story(options);
      const guid = options.guid ?? `https://apc.example/rss/${options.story ?? 0}`;
      // A newer version is a later date (see parse-rss.ts).
      const date = new Date(Date.UTC(2026, 11, 4, 7, 0, options.version ?? 1)).toUTCString();
      const body = s.paragraphs.map((p) => `<p>${escapeXml(p)}</p>`).join('');
      return `    <item>
      <title>${escapeXml(options.headline ?? s.headline)}</title>
      <link>${escapeXml(guid)}</link>
      <guid isPermaLink="false">${escapeXml(guid)}</guid>
      <pubDate>${date}</pubDate>
      <description>${escapeXml(s.lead)}</description>
      <content:encoded><![CDATA[${body}]]></content:encoded>
${s.subjects.map((c) => `      <category>${escapeXml(c)}</category>`).join('\n')}
      <media:content url="${escapeXml(s.photo.href)}" medium="image">
        <media:description>${escapeXml(s.photo.caption)}</media:description>
        <media:credit>${escapeXml(s.photo.credit)}</media:credit>
      </media:content>
    </item>`;
    })
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:media="http://search.yahoo.com/mrss/">
  <channel>
    <title>Agence Presse Continentale — fil général</title>
    <link>https://apc.example/</link>
    <description>Les dépêches de l’Agence Presse Continentale</description>
${entries}
  </channel>
</rss>
`;
}
