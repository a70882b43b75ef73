import { z } from 'zod';
import { type Actor, assertCan } from '../accounts/policy.ts';
import type { AppContext } from '../core/app-context.ts';
import { AppError } from '../core/http/app-error.ts';
import { parseEmail } from '../readers/reader-operations.ts';
import { newsletterSecret, suppressionHash } from './newsletter-links.ts';
import { findNewsletter } from './newsletter-repository.ts';
import type { SubscriptionStatus } from '../core/db/schema.ts';

/** The largest file and the most rows an import takes (a bigger list is split by its owner). */
export const IMPORT_MAX_BYTES = 20 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 200_000;

/** What subscribing a list of imported addresses to one newsletter did, or would do (dry run). */
export interface SubscribeCounts {
  added: number;
  alreadySubscribed: number;
  /** Erased here (their suppression hash): never subscribed again. */
  suppressed: number;
  /** Had left the list where they come from. */
  unsubscribedAtSource: number;
  /** Unsubscribed (or bounced, or complained) here: an import never subscribes them again. */
  unsubscribedHere: number;
  duplicates: number;
  invalid: { line: number; value: string; reason: string }[];
  invalidCount: number;
}

/** What an import did, or would do (dry run). */
export interface ImportReport extends SubscribeCounts {
  format: string;
  rows: number;
  dryRun: boolean;
}

/** One address an import brings, as its file gives it. */
export interface IncomingSubscriber {
  /** As written in the file (checked here). */
  email: string;
  /** The date of consent the file gives, if any (else: now). */
  consentAt: string | undefined;
  /** Where the consent comes from, kept as its proof ("import Mailchimp : liste.csv"). */
  source: string;
  /** The person had left the list at the source: never subscribed by an import. */
  leftAtSource: boolean;
  /** Line (or position) in the file, for the report of invalid addresses. */
  line: number;
  /** The person's name, if the source has one: kept (private) on a new reader, or on one without a name yet. */
  name?: string;
}

// Column names of the exports Kiosque knows (lower case): the address, the date of consent, the status.
const EMAIL_COLUMNS = ['email address', 'email', 'e-mail', 'courriel', 'adresse'];
const CONSENT_COLUMNS = ['confirm_time', 'optin_time', 'subscribed_at', 'created_at', 'date'];
const FORMATS: { name: string; marker: string }[] = [
  { name: 'Mailchimp', marker: 'email address' },
  { name: 'Ghost', marker: 'subscribed_to_emails' },
  { name: 'Listmonk', marker: 'uuid' },
];

function invalidFile(message: string): AppError {
  return AppError.invalid(message, [{ path: 'file', message }]);
}

/** Whether a row says the person had left the list at the source (never re-subscribed by an import). */
function leftAtSource(row: Record<string, string>): boolean {
  const status = (row.status ?? row.Status ?? '').toLowerCase();
  if (['unsubscribed', 'cleaned', 'blocklisted', 'bounced', 'désabonné'].includes(status)) return true;
  const ghost = row.subscribed_to_emails;
  return ghost !== undefined && ghost.toLowerCase() === 'false';
}

function consentDate(value: string | undefined, fallback: string): string {
  if (!value) return fallback;
  const normalized = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})?$/.test(value) ? `${value.replace(' ', 'T')}Z` : value;
  const time = Date.parse(normalized);
  return Number.isNaN(time) || time > Date.now() + 86_400_000 ? fallback : new Date(time).toISOString();
}

/**
 * Imports subscribers from a CSV export (Mailchimp, Listmonk, Ghost) into one newsletter. A dry
 * run reads and checks everything and changes nothing; the real run writes in one transaction.
 * Each address keeps its consent date (the export's) and its source; erased addresses (their
 * suppression hash) and people who had left the list at the source are never subscribed.
 */
export async function importSubscribers(
  ctx: AppContext,
  actor: Actor,
  input: { newsletterId: number; file: Buffer; filename: string; dryRun: boolean },
): Promise<ImportReport> {
  assertCan(actor, 'newsletter:manage');
  if (input.file.length === 0) throw invalidFile('Le fichier est vide.');
  if (input.file.length > IMPORT_MAX_BYTES) throw invalidFile('Le fichier dépasse 20 Mo : découpez-le en plusieurs fichiers.');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(input.file);
  } catch {
    throw invalidFile('Le fichier n’est pas encodé en UTF-8 : enregistrez-le en « CSV UTF-8 » puis réessayez.');
  }
  let records: Record<string, string>[];
  // Loaded with the first import, not at every start (the server bundle keeps package imports static).
  const { parse } = await import('csv-parse/sync');
  try {
    records = parse(text, {
      columns: (header: string[]) => header.map((h) => h.trim()),
      bom: true,
      skip_empty_lines: true,
      trim: true,
      to: IMPORT_MAX_ROWS + 1,
      max_record_size: 100_000,
    });
  } catch (error) {
    throw invalidFile(`Le fichier n’est pas un CSV lisible : ${(error as Error).message}`);
  }
  if (records.length > IMPORT_MAX_ROWS)
    throw invalidFile(`Le fichier compte plus de ${IMPORT_MAX_ROWS.toLocaleString('fr-FR')} lignes : découpez-le.`);
  const header = Object.keys(records[0] ?? {});
  const lower = new Map(header.map((h) => [h.toLowerCase(), h]));
  const emailColumn = EMAIL_COLUMNS.map((c) => lower.get(c)).find(Boolean);
  if (!emailColumn)
    throw invalidFile(
      'Colonne d’adresse introuvable : le fichier doit avoir une colonne « Email Address » (Mailchimp) ou « email » (Listmonk, Ghost).',
    );
  const consentColumn = CONSENT_COLUMNS.map((c) => lower.get(c)).find(Boolean);
  const format = FORMATS.find((f) => lower.has(f.marker))?.name ?? 'CSV';
  const source = `import ${format} : ${input.filename.slice(0, 120)}`;
  const counts = await subscribeImported(ctx, actor, {
    newsletterId: input.newsletterId,
    dryRun: input.dryRun,
    people: records.map((row, i) => ({
      email: row[emailColumn] ?? '',
      consentAt: consentColumn ? row[consentColumn] : undefined,
      source,
      leftAtSource: leftAtSource(row),
      line: i + 2,
    })),
  });
  return { format, rows: records.length, dryRun: input.dryRun, ...counts };
}

/**
 * Subscribes imported addresses (a CSV file, a Ghost site's members) to one newsletter, each
 * with its consent date and source. A dry run counts and writes nothing; the real run writes in
 * one transaction. Never subscribed: erased addresses (their suppression hash), people who had
 * left the list at the source, and people who unsubscribed here (or bounced) — an import never
 * undoes their choice.
 */
export async function subscribeImported(
  ctx: AppContext,
  actor: Actor,
  /** newsletterId null: a newsletter still to be created (dry run only), to which nobody is subscribed yet. */
  input: { newsletterId: number | null; people: IncomingSubscriber[]; dryRun: boolean },
): Promise<SubscribeCounts> {
  assertCan(actor, 'newsletter:manage');
  const newsletter = input.newsletterId === null && input.dryRun ? { id: 0 } : await findNewsletter(ctx.db, input.newsletterId ?? 0);
  if (!newsletter) throw AppError.invalid('Choisissez une newsletter.', [{ path: 'newsletterId', message: 'Choisissez une newsletter.' }]);
  const now = new Date().toISOString();
  const secret = await newsletterSecret(ctx);
  const suppressed = new Set((await ctx.db.selectFrom('newsletter_suppressions').select('email_hash').execute()).map((r) => r.email_hash));
  const report: SubscribeCounts = {
    added: 0,
    alreadySubscribed: 0,
    suppressed: 0,
    unsubscribedAtSource: 0,
    unsubscribedHere: 0,
    duplicates: 0,
    invalid: [],
    invalidCount: 0,
  };
  const seen = new Set<string>();
  const toAdd: { email: string; consentAt: string; source: string; name: string }[] = [];
  for (const person of input.people) {
    let email: string;
    try {
      email = parseEmail(person.email);
    } catch (error) {
      report.invalidCount++;
      if (report.invalid.length < 20)
        report.invalid.push({ line: person.line, value: person.email.slice(0, 80), reason: (error as Error).message });
      continue;
    }
    if (seen.has(email)) {
      report.duplicates++;
      continue;
    }
    seen.add(email);
    if (person.leftAtSource) report.unsubscribedAtSource++;
    else if (suppressed.has(suppressionHash(secret, email))) report.suppressed++;
    else
      toAdd.push({
        email,
        consentAt: consentDate(person.consentAt, now),
        source: person.source.slice(0, 300),
        name: (person.name ?? '').trim().slice(0, 200),
      });
  }
  const existing = new Map<string, SubscriptionStatus>();
  for (let i = 0; i < toAdd.length; i += 500) {
    const rows = await ctx.db
      .selectFrom('newsletter_subscriptions')
      .innerJoin('readers', 'readers.id', 'newsletter_subscriptions.reader_id')
      .select(['readers.email', 'newsletter_subscriptions.status'])
      .where('newsletter_subscriptions.newsletter_id', '=', newsletter.id)
      .where(
        'readers.email',
        'in',
        toAdd.slice(i, i + 500).map((r) => r.email),
      )
      .execute();
    for (const r of rows) existing.set(r.email, r.status);
  }
  const fresh = toAdd.filter((r) => !existing.has(r.email));
  for (const status of existing.values()) report[status === 'active' ? 'alreadySubscribed' : 'unsubscribedHere']++;
  report.added = fresh.length;
  // Subscribers, new or already here, keep the name the source gives when they have none yet.
  const named = toAdd.filter((r) => r.name && (existing.get(r.email) ?? 'active') === 'active');
  if (input.dryRun || (fresh.length === 0 && named.length === 0)) return report;
  await ctx.db.transaction().execute(async (trx) => {
    for (let i = 0; i < fresh.length; i += 500) {
      const batch = fresh.slice(i, i + 500);
      await trx
        .insertInto('readers')
        .values(batch.map((r) => ({ email: r.email, name_key: null, suspended_until: null, created_at: now, updated_at: now })))
        .onConflict((oc) => oc.column('email').doNothing())
        .execute();
      const ids = await trx
        .selectFrom('readers')
        .select(['id', 'email'])
        .where(
          'email',
          'in',
          batch.map((r) => r.email),
        )
        .execute();
      const idOf = new Map(ids.map((r) => [r.email, r.id]));
      await trx
        .insertInto('newsletter_subscriptions')
        .values(
          batch.map((r) => ({
            newsletter_id: newsletter.id,
            reader_id: z.number().parse(idOf.get(r.email)),
            status: 'active' as const,
            consent_at: r.consentAt,
            consent_source: r.source,
            created_at: now,
            updated_at: now,
          })),
        )
        // A subscription made meanwhile (a sign-up racing the import) is left as it is.
        .onConflict((oc) => oc.columns(['newsletter_id', 'reader_id']).doNothing())
        .execute();
    }
    for (const r of named)
      await trx.updateTable('readers').set({ full_name: r.name }).where('email', '=', r.email).where('full_name', '=', '').execute();
  });
  return report;
}

/**
 * Erases a subscriber: subscriptions and send log rows go, the reader account too unless it
 * has comments; only a keyed hash of the address stays, so a later import cannot bring it back.
 */
export async function eraseSubscriber(ctx: AppContext, actor: Actor, readerId: number): Promise<void> {
  assertCan(actor, 'newsletter:manage');
  const reader = await ctx.db.selectFrom('readers').select(['id', 'email']).where('id', '=', readerId).executeTakeFirst();
  if (!reader) throw AppError.notFound('Cet abonné n’existe pas.');
  const secret = await newsletterSecret(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('newsletter_suppressions')
      .values({ email_hash: suppressionHash(secret, reader.email), reason: 'erased', created_at: new Date().toISOString() })
      .onConflict((oc) => oc.column('email_hash').doNothing())
      .execute();
    await trx.deleteFrom('newsletter_subscriptions').where('reader_id', '=', readerId).execute();
    await trx.deleteFrom('newsletter_sends').where('reader_id', '=', readerId).execute();
    await trx.deleteFrom('newsletter_confirmations').where('email', '=', reader.email).execute();
    const comment = await trx.selectFrom('comments').select('id').where('reader_id', '=', readerId).limit(1).executeTakeFirst();
    if (!comment) await trx.deleteFrom('readers').where('id', '=', readerId).execute();
  });
}
