import path from 'node:path';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendAccountPage } from '../../accounts/account-page.ts';
import { actorOf, requireActor } from '../../accounts/guards.ts';
import type { AppContext } from '../../core/app-context.ts';
import type { ImportRunStatus } from '../../core/db/schema.ts';
import { AppError } from '../../core/http/app-error.ts';
import { pathId } from '../../core/input/ids.ts';
import { receiveMultipart } from '../../media/multipart-upload.ts';
import { listActiveNewsletters } from '../../newsletters/newsletter-repository.ts';
import { findRun, type ImportRunRow, listRuns } from './import-run-repository.ts';
import { cancelImportRun, confirmImportRun, registerImportRunJob, resumeImportRun, startImportRun } from './import-run-operations.ts';
import { EMPTY_IMPORT_FORM, type ImportFormState, type MappingForm, renderImportHome, renderImportRun } from './import-views.ts';

// The confirmation of a step, shown while the run is still where the step left it (not over a later report).
const MESSAGES: Record<string, { text: string; while: ImportRunStatus[] }> = {
  envoye: {
    text: 'Fichier reçu : sa vérification commence. Rien n’est enregistré avant que vous lanciez l’import.',
    while: ['checking'],
  },
  lance: { text: 'L’import est lancé.', while: ['importing'] },
  annule: {
    text: 'Import annulé. Ce qui était déjà importé reste en place ; vous pouvez le reprendre où il s’est arrêté.',
    while: ['cancelled'],
  },
  repris: { text: 'L’import reprend où il s’était arrêté.', while: ['checking', 'checked', 'importing'] },
};

const runId = (request: FastifyRequest) => pathId((request.params as { id?: string }).id, 'Cet import n’existe pas.');

/**
 * /admin/import…: administrators send a WordPress or Ghost export (streamed to disk, at most
 * IMPORT_MAX_BYTES), read the check's report, start the import and follow it (an island polls
 * /etat and moves the progress bar; without JavaScript, a link reloads the page), cancel it and
 * resume it where it stopped. Multipart parsing
 * is registered in this scope only.
 */
export function importRoutes(app: FastifyInstance, ctx: AppContext): void {
  registerImportRunJob();
  const guard = requireActor('site:import');
  const maxBytes = ctx.config.importMaxBytes;

  const home = async (request: FastifyRequest, reply: FastifyReply, form: ImportFormState = EMPTY_IMPORT_FORM, status = 200) => {
    const runs = await listRuns(ctx.db);
    return sendAccountPage(ctx, request, reply, {
      title: 'Importer un site',
      active: 'import',
      status,
      main: (csrfToken) => renderImportHome({ runs, form, csrfToken, maxBytes }),
    });
  };

  /** A run's page; `mapping` brings back the start form's choices with their errors (422). */
  const runPage = async (request: FastifyRequest, reply: FastifyReply, run: ImportRunRow, mapping?: MappingForm) => {
    const key = (request.query as { ok?: unknown }).ok;
    const newsletters = run.status === 'checked' ? await listActiveNewsletters(ctx.db) : [];
    return sendAccountPage(ctx, request, reply, {
      title: 'Import',
      active: 'import',
      status: mapping ? 422 : 200,
      main: (csrfToken) => {
        const message = typeof key === 'string' && !mapping ? MESSAGES[key] : undefined;
        return renderImportRun({
          run,
          csrfToken,
          newsletters,
          mapping,
          message: message?.while.includes(run.status) ? message.text : undefined,
        });
      },
    });
  };

  app.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: maxBytes, files: 1, fields: 6, fieldSize: 2000 } });

    scope.get('/admin/import', { preHandler: guard }, (request, reply) => home(request, reply));

    scope.post('/admin/import', { onRequest: scope.csrfProtection, preHandler: guard }, async (request, reply) => {
      const fields: Record<string, string> = {};
      const form = (): ImportFormState => ({ fetchImages: fields.fetchImages === '1', siteUrl: fields.siteUrl ?? '', errors: {} });
      let received: Awaited<ReturnType<typeof receiveMultipart>>;
      try {
        received = await receiveMultipart(request, {
          tempDir: path.join(ctx.config.dataDir, 'imports', 'envois'),
          maxBytes,
          tooLargeMessage: `Fichier trop gros : au plus ${(maxBytes / 1024 / 1024).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Mo.`,
          fields,
        });
      } catch (error) {
        if (error instanceof AppError && error.status === 413)
          return home(request, reply, { ...form(), errors: { file: error.message } }, 413);
        throw error;
      }
      if (!received.file) return home(request, reply, { ...form(), errors: { file: 'Choisissez le fichier d’exportation.' } }, 422);
      try {
        const id = await startImportRun(ctx, actorOf(request), received.file, {
          fetchImages: fields.fetchImages === '1',
          siteUrl: fields.siteUrl ?? '',
        });
        return reply.redirect(`/admin/import/${id}?ok=envoye`, 303);
      } catch (error) {
        await received.discard();
        if (!(error instanceof AppError) || error.code !== 'validation_failed') throw error;
        const errors: ImportFormState['errors'] = {};
        for (const problem of (error.details as { path: string; message: string }[] | undefined) ?? [])
          if (problem.path === 'file' || problem.path === 'siteUrl') errors[problem.path] ??= problem.message;
        return home(request, reply, { ...form(), errors }, 422);
      }
    });

    scope.get('/admin/import/:id', { preHandler: guard }, async (request, reply) => {
      const run = await findRun(ctx.db, runId(request));
      if (!run) throw AppError.notFound('Cet import n’existe pas.');
      return runPage(request, reply, run);
    });

    // What the progress island polls: the step and how far it is.
    scope.get('/admin/import/:id/etat', { preHandler: guard }, async (request, reply) => {
      const run = await findRun(ctx.db, runId(request));
      if (!run) throw AppError.notFound('Cet import n’existe pas.');
      return reply.send({ status: run.status, done: run.done, total: run.total });
    });

    scope.post('/admin/import/:id/lancer', { onRequest: scope.csrfProtection, preHandler: guard }, async (request, reply) => {
      const id = runId(request);
      const fields = (request.body ?? {}) as Record<string, unknown>;
      try {
        await confirmImportRun(ctx, actorOf(request), id, fields);
      } catch (error) {
        const run = error instanceof AppError && error.code === 'validation_failed' ? await findRun(ctx.db, id) : undefined;
        if (!run) throw error;
        const errors = Object.fromEntries(
          ((error as AppError).details as { path: string; message: string }[]).map((p) => [p.path, p.message]),
        );
        return runPage(request, reply, run, { values: fields, errors });
      }
      return reply.redirect(`/admin/import/${id}?ok=lance`, 303);
    });

    scope.post('/admin/import/:id/annuler', { onRequest: scope.csrfProtection, preHandler: guard }, async (request, reply) => {
      const id = runId(request);
      await cancelImportRun(ctx, actorOf(request), id);
      return reply.redirect(`/admin/import/${id}?ok=annule`, 303);
    });

    scope.post('/admin/import/:id/reprendre', { onRequest: scope.csrfProtection, preHandler: guard }, async (request, reply) => {
      const id = runId(request);
      await resumeImportRun(ctx, actorOf(request), id);
      return reply.redirect(`/admin/import/${id}?ok=repris`, 303);
    });
  });
}
