import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { sendAccountPage } from '../accounts/account-page.ts';
import { actorOf, requireActor } from '../accounts/guards.ts';
import type { AppContext } from '../core/app-context.ts';
import { AppError } from '../core/http/app-error.ts';
import {
  createEndpoint,
  editEndpoint,
  type endpointInputSchema,
  redeliver,
  registerWebhooks,
  regenerateSecret,
  removeEndpoint,
  sendTestEvent,
} from './webhook-operations.ts';
import { findEndpoint, listDeliveries, listEndpoints } from './webhook-repository.ts';
import { EMPTY_ENDPOINT_FORM, type EndpointFormState, renderWebhookList, renderWebhookPage } from './webhook-views.ts';

// The urlencoded form as browsers send it: one checkbox ticked gives a string, several an array.
const formSchema = z.object({
  url: z.string().default(''),
  description: z.string().default(''),
  events: z
    .union([z.string(), z.array(z.string())])
    .default([])
    .transform((v) => (Array.isArray(v) ? v : [v])),
  enabled: z.string().optional(),
});

const MAX_ID = 2 ** 31 - 1;
const idSchema = z
  .string()
  .regex(/^[1-9][0-9]{0,9}$/)
  .transform(Number)
  .refine((n) => n <= MAX_ID);
const endpointParams = z.object({ id: idSchema });
const deliveryParams = z.object({ id: idSchema, deliveryId: idSchema });

const MESSAGES: Record<string, string> = {
  ajoute: 'Le webhook est ajouté. Donnez son secret à votre outil pour qu’il vérifie les signatures.',
  enregistre: 'Les réglages du webhook sont enregistrés.',
  secret: 'Nouveau secret enregistré : l’ancien ne signe plus rien.',
  test: 'Un événement de test part maintenant : son résultat s’affiche dans les derniers envois.',
  renvoye: 'L’envoi repart maintenant, avec le même identifiant d’événement.',
  supprime: 'Le webhook est supprimé.',
};

function messageOf(request: FastifyRequest): string | undefined {
  const key = (request.query as { ok?: unknown }).ok;
  return typeof key === 'string' ? MESSAGES[key] : undefined;
}

function endpointId(request: FastifyRequest): number {
  const parsed = endpointParams.safeParse(request.params);
  if (!parsed.success) throw AppError.notFound('Ce webhook n’existe pas.');
  return parsed.data.id;
}

/** Turns the validation error of an operation into the form's field errors. */
function formErrors(error: unknown): EndpointFormState['errors'] | null {
  if (!(error instanceof AppError) || error.code !== 'validation_failed') return null;
  const issues = (error.details as { issues?: { path: string; message: string }[] } | undefined)?.issues ?? [];
  const errors: EndpointFormState['errors'] = {};
  for (const issue of issues) {
    const field = issue.path.split('.')[0] as keyof EndpointFormState['errors'];
    if (field === 'url' || field === 'description' || field === 'events') errors[field] ??= issue.message;
  }
  return errors;
}

/** /admin/webhooks…: administrators register endpoints, read each one's delivery log, resend. */
export function webhookRoutes(app: FastifyInstance, ctx: AppContext): void {
  registerWebhooks();
  const guard = requireActor('integration:manage');
  const write = { onRequest: app.csrfProtection, preHandler: guard };

  const listScreen = async (request: FastifyRequest, reply: FastifyReply, form = EMPTY_ENDPOINT_FORM, status = 200) => {
    const endpoints = await listEndpoints(ctx.db);
    return sendAccountPage(ctx, request, reply, {
      title: 'Webhooks',
      active: 'webhooks',
      status,
      main: (csrfToken) => renderWebhookList({ endpoints, form, csrfToken, message: status === 200 ? messageOf(request) : undefined }),
    });
  };

  const endpointScreen = async (request: FastifyRequest, reply: FastifyReply, id: number, form?: EndpointFormState, status = 200) => {
    const endpoint = await findEndpoint(ctx.db, id);
    if (!endpoint) throw AppError.notFound('Ce webhook n’existe pas.');
    const deliveries = await listDeliveries(ctx.db, id);
    const current: EndpointFormState = form ?? {
      url: endpoint.url,
      description: endpoint.description,
      events: JSON.parse(endpoint.events) as string[],
      enabled: endpoint.enabled === 1,
      errors: {},
    };
    return sendAccountPage(ctx, request, reply, {
      title: 'Webhook',
      active: 'webhooks',
      status,
      main: (csrfToken) =>
        renderWebhookPage({ endpoint, deliveries, form: current, csrfToken, message: status === 200 ? messageOf(request) : undefined }),
    });
  };

  app.get('/admin/webhooks', { preHandler: guard }, (request, reply) => listScreen(request, reply));

  app.post('/admin/webhooks', write, async (request, reply) => {
    const raw = formSchema.parse(request.body ?? {});
    const input = { url: raw.url, description: raw.description, events: raw.events as z.input<typeof endpointInputSchema>['events'] };
    try {
      const id = await createEndpoint(ctx, actorOf(request), input);
      return reply.redirect(`/admin/webhooks/${id}?ok=ajoute`, 303);
    } catch (error) {
      const errors = formErrors(error);
      if (!errors) throw error;
      return listScreen(request, reply, { ...input, enabled: true, errors }, 422);
    }
  });

  app.get('/admin/webhooks/:id', { preHandler: guard }, (request, reply) => endpointScreen(request, reply, endpointId(request)));

  app.post('/admin/webhooks/:id', write, async (request, reply) => {
    const id = endpointId(request);
    const raw = formSchema.parse(request.body ?? {});
    const input = {
      url: raw.url,
      description: raw.description,
      events: raw.events as z.input<typeof endpointInputSchema>['events'],
      enabled: raw.enabled === '1',
    };
    try {
      await editEndpoint(ctx, actorOf(request), id, input);
      return reply.redirect(`/admin/webhooks/${id}?ok=enregistre`, 303);
    } catch (error) {
      const errors = formErrors(error);
      if (!errors) throw error;
      return endpointScreen(request, reply, id, { ...input, errors }, 422);
    }
  });

  app.post('/admin/webhooks/:id/secret', write, async (request, reply) => {
    const id = endpointId(request);
    await regenerateSecret(ctx, actorOf(request), id);
    return reply.redirect(`/admin/webhooks/${id}?ok=secret`, 303);
  });

  app.post('/admin/webhooks/:id/test', write, async (request, reply) => {
    const id = endpointId(request);
    await sendTestEvent(ctx, actorOf(request), id);
    return reply.redirect(`/admin/webhooks/${id}?ok=test`, 303);
  });

  app.post('/admin/webhooks/:id/supprimer', write, async (request, reply) => {
    await removeEndpoint(ctx, actorOf(request), endpointId(request));
    return reply.redirect('/admin/webhooks?ok=supprime', 303);
  });

  app.post('/admin/webhooks/:id/envois/:deliveryId/renvoyer', write, async (request, reply) => {
    const parsed = deliveryParams.safeParse(request.params);
    if (!parsed.success) throw AppError.notFound('Cet envoi n’existe pas.');
    await redeliver(ctx, actorOf(request), parsed.data.id, parsed.data.deliveryId);
    return reply.redirect(`/admin/webhooks/${parsed.data.id}?ok=renvoye`, 303);
  });
}
