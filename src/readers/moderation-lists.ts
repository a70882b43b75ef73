import type { Db } from '../core/db/database.ts';

/** The editable lists, each with French defaults used until an administrator saves their own. */
export const MODERATION_LIST_NAMES = ['disposable_domains', 'banned_words', 'suspect_words'] as const;
export type ModerationListName = (typeof MODERATION_LIST_NAMES)[number];

export const MODERATION_LIST_LABELS: Record<ModerationListName, string> = {
  disposable_domains: 'Domaines d’adresses jetables (refusés à l’inscription)',
  banned_words: 'Mots interdits (le commentaire est refusé)',
  suspect_words: 'Mots suspects (le commentaire attend la modération)',
};

const DEFAULTS: Record<ModerationListName, readonly string[]> = {
  disposable_domains: [
    'yopmail.com',
    'yopmail.fr',
    'yopmail.net',
    'jetable.org',
    'mailinator.com',
    'guerrillamail.com',
    'sharklasers.com',
    '10minutemail.com',
    'temp-mail.org',
    'tempmail.com',
    'trashmail.com',
    'throwawaymail.com',
    'getnada.com',
    'maildrop.cc',
    'dispostable.com',
    'spamgourmet.com',
    'mytemp.email',
    'fakeinbox.com',
    'mohmal.com',
    'emailondeck.com',
  ],
  // Insults, slurs and threats that have no place in a discussion, whatever the context.
  banned_words: [
    'connard',
    'connasse',
    'enculé',
    'salope',
    'pute',
    'fils de pute',
    'nique ta mère',
    'ta gueule',
    'bougnoule',
    'youpin',
    'bicot',
    'négro',
    'sale juif',
    'sale arabe',
    'sale noir',
    'je vais te tuer',
    'suicide toi',
    'crève',
  ],
  // Words that often signal an attack or an advert: a person reads the comment first.
  suspect_words: [
    'idiot',
    'crétin',
    'abruti',
    'débile',
    'imbécile',
    'bouffon',
    'minable',
    'traître',
    'collabo',
    'casino',
    'crypto',
    'bitcoin',
    'viagra',
    'gagnez',
    'whatsapp',
    'telegram',
    'cliquez ici',
  ],
};

/** The entries of a list: saved ones, or the defaults. */
export async function readModerationList(db: Db, name: ModerationListName): Promise<string[]> {
  const row = await db.selectFrom('moderation_lists').select('entries').where('name', '=', name).executeTakeFirst();
  return listEntries(name, row?.entries);
}

/** A list's entries from its saved text (read by the caller, e.g. with a comment's other facts), or the defaults when none is saved. */
export function listEntries(name: ModerationListName, saved: string | null | undefined): string[] {
  return saved === null || saved === undefined ? [...DEFAULTS[name]] : parseEntries(saved);
}

/** One entry a line; blank lines and duplicates dropped, whitespace trimmed. */
export function parseEntries(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/\r?\n/)
        .map((l) => l.trim().toLowerCase())
        .filter(Boolean),
    ),
  ];
}

/** Saves a list (insert or replace). */
export async function saveModerationList(db: Db, name: ModerationListName, entries: string[], now = new Date()): Promise<void> {
  const text = entries.join('\n');
  await db
    .insertInto('moderation_lists')
    .values({ name, entries: text, updated_at: now.toISOString() })
    .onConflict((oc) => oc.column('name').doUpdateSet({ entries: text, updated_at: now.toISOString() }))
    .execute();
}
