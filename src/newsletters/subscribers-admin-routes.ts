import fs from 'node:fs/promises';
import { Readable } from 'node:stream';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { actorOf, requireActor } from '../accounts/guards.ts';
import type { AppContext } from '../core/app-context.ts';
import type { Db } from '../core/db/database.ts';
import { AppError } from '../core/http/app-error.ts';
import { parseId, pathId } from '../core/input/ids.ts';
import { matchesText } from '../core/db/text-match.ts';
import { sendCurationPage } from '../curation/curation-http.ts';
import { uploadTempDirectory } from '../media/media-file-store.ts';
import { receiveMultipart } from '../media/multipart-upload.ts';
import { listAllNewsletters } from './newsletter-repository.ts';
import { eraseSubscriber, IMPORT_MAX_BYTES, type ImportReport, importSubscribers } from './subscriber-import.ts';
import { renderSubscribers, STATUS_LABELS, type SubscriberRow } from './subscribers-admin-view.ts';

const PAGE_SIZE = 50;
/** Rows read at a time by the CSV export. */
const EXPORT_PAGE = 1000;
const querySchema = z.object({
  q: z.string().max(200).default(''),
  newsletter: z.string().default(''),
  statut: z.enum(['', 'active', 'unsubscribed', 'bounced', 'complained']).catch(''),
  page: z.string().default('1'),
});

type Filter = { q: string; newsletter: number | null; status: string; page: number };

function filterOf(request: FastifyRequest): Filter {
  const q = querySchema.parse(request.query ?? {});
  return { q: q.q.trim(), newsletter: parseId(q.newsletter), status: q.statut, page: parseId(q.page) ?? 1 };
}

function subscriberQuery(db: Db, f: Filter) {
  let query = db
    .selectFrom('newsletter_subscriptions')
    .innerJoin('readers', 'readers.id', 'newsletter_subscriptions.reader_id')
    .innerJoin('newsletters', 'newsletters.id', 'newsletter_subscriptions.newsletter_id')
    .select([
      'readers.id as readerId',
      'readers.email',
      'readers.full_name as fullName',
      'newsletters.name as newsletter',
      'newsletter_subscriptions.status',
      'newsletter_subscriptions.consent_at as consentAt',
      'newsletter_subscriptions.consent_source as source',
      'newsletter_subscriptions.soft_bounces as softBounces',
      'newsletter_subscriptions.id as subscriptionId',
    ]);
  if (f.q) query = query.where((eb) => eb.or([matchesText('readers.email', f.q), matchesText('readers.full_name', f.q)]));
  if (f.newsletter !== null) query = query.where('newsletter_subscriptions.newsletter_id', '=', f.newsletter);
  if (f.status) query = query.where('newsletter_subscriptions.status', '=', f.status as SubscriberRow['status']);
  return query.orderBy('newsletter_subscriptions.id', 'desc');
}

const NOTICES: Record<string, string> = {
  efface: 'L’abonné est effacé ; seule une empreinte de son adresse reste, pour qu’un import ne le réabonne pas.',
};

/** /admin/newsletters/abonnes…: search and filters, CSV export, CSV import (dry run first), erasure. */
export function subscriberAdminRoutes(app: FastifyInstance, ctx: AppContext): void {
  const guard = requireActor('newsletter:manage');

  const screen = async (
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { report?: ImportReport; importError?: string; status?: number } = {},
  ) => {
    const f = filterOf(request);
    const [newsletters, rows] = await Promise.all([
      listAllNewsletters(ctx.db),
      subscriberQuery(ctx.db, f)
        .limit(PAGE_SIZE + 1)
        .offset((f.page - 1) * PAGE_SIZE)
        .execute(),
    ]);
    const ok = (request.query as { ok?: unknown } | undefined)?.ok;
    return sendCurationPage(ctx, request, reply, {
      title: 'Abonnés',
      active: 'newsletters',
      status: extra.status,
      main: (csrf) =>
        renderSubscribers({
          newsletters,
          rows: rows.slice(0, PAGE_SIZE),
          query: f,
          more: rows.length > PAGE_SIZE,
          csrf,
          notice: typeof ok === 'string' ? (NOTICES[ok] ?? null) : null,
          report: extra.report ?? null,
          importError: extra.importError ?? null,
        }),
    });
  };

  app.get('/admin/newsletters/abonnes', { preHandler: guard }, (request, reply) => screen(request, reply));

  app.get('/admin/newsletters/abonnes/export.csv', { preHandler: guard }, async (request, reply) => {
    const filter = filterOf(request);
    // Streamed a page at a time (by subscription id, through its index): a list of any size is
    // written with a page's rows in memory, never the whole list.
    // Loaded with the first export, not at every start.
    const { stringify } = await import('csv-stringify/sync');
    async function* csvPages(): AsyncGenerator<string> {
      yield `\uFEFF${stringify([['email', 'nom', 'newsletter', 'etat', 'consentement', 'source', 'rebonds_temporaires']])}`;
      for (let before: number | null = null; ; ) {
        let query = subscriberQuery(ctx.db, filter).limit(EXPORT_PAGE);
        if (before !== null) query = query.where('newsletter_subscriptions.id', '<', before);
        const rows = await query.execute();
        if (rows.length === 0) return;
        yield stringify(
          rows.map((r) => [r.email, r.fullName, r.newsletter, STATUS_LABELS[r.status], r.consentAt, r.source, r.softBounces]),
        );
        if (rows.length < EXPORT_PAGE) return;
        before = rows[rows.length - 1].subscriptionId;
      }
    }
    return reply
      .headers({
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': 'attachment; filename="abonnes.csv"',
        'cache-control': 'no-store',
      })
      .send(Readable.from(csvPages()));
  });

  // Multipart parsing for this one route only (a CSV file and two fields).
  app.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: IMPORT_MAX_BYTES, files: 1, fields: 4, fieldSize: 1000 } });
    scope.post('/admin/newsletters/abonnes/import', { onRequest: app.csrfProtection, preHandler: guard }, async (request, reply) => {
      const fields: Record<string, string> = {};
      let form: Awaited<ReturnType<typeof receiveMultipart>> | undefined;
      try {
        form = await receiveMultipart(request, {
          fields,
          tempDir: uploadTempDirectory(ctx.config.dataDir),
          maxBytes: IMPORT_MAX_BYTES,
          tooLargeMessage: 'Le fichier dépasse 20 Mo : découpez-le en plusieurs fichiers.',
        });
        if (!form.file) throw AppError.invalid('Choisissez un fichier CSV.', [{ path: 'file', message: 'Choisissez un fichier CSV.' }]);
        const newsletterId = parseId(fields.newsletterId);
        if (newsletterId === null)
          throw AppError.invalid('Choisissez une newsletter.', [{ path: 'newsletterId', message: 'Choisissez une newsletter.' }]);
        const report = await importSubscribers(ctx, actorOf(request), {
          newsletterId,
          file: await fs.readFile(form.file.path),
          filename: form.file.filename,
          dryRun: fields.mode !== 'import',
        });
        return screen(request, reply, { report });
      } catch (error) {
        if (!(error instanceof AppError) || error.status >= 500 || error.status === 403) throw error;
        return screen(request, reply, { importError: error.message, status: error.status });
      } finally {
        await form?.discard();
      }
    });
  });

  app.post('/admin/newsletters/abonnes/:id/supprimer', { onRequest: app.csrfProtection, preHandler: guard }, async (request, reply) => {
    await eraseSubscriber(ctx, actorOf(request), pathId((request.params as { id?: unknown }).id, 'Cet abonné n’existe pas.'));
    return reply.redirect('/admin/newsletters/abonnes?ok=efface', 303);
  });
}
