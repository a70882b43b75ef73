import { z } from 'zod';
import { checkItem, isoInstant, type WireItem, WireFileError, type WirePhoto } from './wire-item.ts';

// IPTC ninjs (JSON), versions 1.x and 2.x: one object, an array, or { items: [...] }. The fields
// Kiosque reads are checked by zod; other fields are allowed and ignored (agencies add their own).

const text = z.string().max(100_000);
const named = z.looseObject({ name: text.optional(), value: text.optional() });
const rendition = z.looseObject({ href: z.string().max(2000).optional() });
const association = z.looseObject({
  type: text.optional(),
  uri: text.optional(),
  headline: text.optional(),
  description_text: text.optional(),
  byline: text.optional(),
  creditline: text.optional(),
  copyrightholder: text.optional(),
  renditions: z.record(z.string(), rendition).optional(),
});
const ninjsSchema = z.looseObject({
  uri: text.optional(),
  guid: text.optional(),
  version: z.union([z.string().max(20), z.number()]).optional(),
  pubstatus: text.optional(),
  embargoed: text.optional(),
  headline: text.optional(),
  headlines: z.array(z.looseObject({ value: text.optional(), role: text.optional() })).optional(),
  description_text: text.optional(),
  descriptions: z.array(z.looseObject({ value: text.optional(), role: text.optional() })).optional(),
  body_html: text.optional(),
  bodies: z.array(z.looseObject({ value: text.optional(), contenttype: text.optional(), role: text.optional() })).optional(),
  subject: z.array(named).optional(),
  keywords: z.array(text).optional(),
  associations: z.union([z.record(z.string(), association), z.array(association)]).optional(),
});

function photosOf(associations: z.infer<typeof ninjsSchema>['associations']): WirePhoto[] {
  const all = Array.isArray(associations) ? associations : Object.values(associations ?? {});
  return all.flatMap((a) => {
    if (a.type !== undefined && a.type !== 'picture' && a.type !== 'image') return [];
    const renditions = a.renditions ?? {};
    const href = (renditions.original ?? renditions.baseImage ?? Object.values(renditions)[0])?.href;
    if (!href) return [];
    return [{ href, caption: a.description_text ?? a.headline ?? '', credit: a.creditline ?? a.byline ?? a.copyrightholder ?? '' }];
  });
}

/** The dépêches of a ninjs document; throws a French message when it cannot be read. */
export function parseNinjs(json: string): WireItem[] {
  let document: unknown;
  try {
    document = JSON.parse(json);
  } catch (error) {
    throw new WireFileError(`JSON invalide : ${error instanceof Error ? error.message : String(error)}`);
  }
  const list = Array.isArray(document)
    ? document
    : document && typeof document === 'object' && Array.isArray((document as { items?: unknown }).items)
      ? (document as { items: unknown[] }).items
      : [document];
  if (list.length === 0) throw new WireFileError('aucun élément ninjs dans le fichier');
  return list.map((raw, index) => {
    const place = `élément ${index + 1}`;
    const parsed = ninjsSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new WireFileError(`${place} : champ ${issue.path.join('.') || '(racine)'} illisible (${issue.message})`);
    }
    const n = parsed.data;
    const version =
      n.version === undefined ? 1 : typeof n.version === 'number' ? n.version : /^\d+$/.test(n.version) ? Number(n.version) : Number.NaN;
    const body = n.body_html ?? n.bodies?.find((b) => !b.contenttype || b.contenttype.includes('html'))?.value ?? '';
    return checkItem(
      {
        guid: n.uri ?? n.guid,
        version,
        pubStatus: n.pubstatus ?? 'usable',
        embargo: isoInstant(n.embargoed),
        headline: n.headline ?? n.headlines?.[0]?.value ?? '',
        lead: n.description_text ?? n.descriptions?.[0]?.value ?? '',
        bodyHtml: body,
        keywords: [...(n.subject ?? []).map((s) => s.name ?? s.value ?? '').filter(Boolean), ...(n.keywords ?? [])],
        photos: photosOf(n.associations),
      },
      place,
    );
  });
}
