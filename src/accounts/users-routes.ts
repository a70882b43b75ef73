import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../core/app-context.ts';
import { AppError } from '../core/http/app-error.ts';
import { sendAccountPage } from './account-page.ts';
import { sendInvitationMail } from './account-mail.ts';
import { actorOf, requireActor } from './guards.ts';
import { ROLES } from './roles.ts';
import { changeUserRole, inviteInputSchema, inviteUser, linkUserToPerson, setUserEnabled } from './user-operations.ts';
import { type InvitationOutcome, type InviteFormState, renderUserPage, renderUsersPage } from './users-page.ts';
import { listPeopleChoices, listUnclaimedPeople } from '../people/person-repository.ts';
import { findUserById, listUsers } from './user-repository.ts';

const idParams = z.object({ id: z.coerce.number().int().positive() });
const roleBody = z.object({ role: z.enum(ROLES) });
const statusBody = z.object({ enabled: z.enum(['0', '1']) });
const personBody = z.object({ personId: z.union([z.literal(''), z.coerce.number().int().positive()]) });

const USER_NOTICES: Record<string, string> = {
  role: 'Le rôle a été changé.',
  desactive: 'Le compte est désactivé ; ses sessions ont pris fin.',
  reactive: 'Le compte est réactivé.',
  auteur: 'Le profil d’auteur a été enregistré.',
  invite: 'L’invitation a été envoyée par courriel.',
};

/** Users administration (administrators, `user:manage`): list, invite, role, status, author profile. */
export function usersRoutes(app: FastifyInstance, ctx: AppContext): void {
  const guard = requireActor('user:manage');
  const guardedPost = { onRequest: app.csrfProtection, preHandler: guard };

  async function listPage(request: FastifyRequest, reply: FastifyReply, state: Parameters<typeof renderUsersPage>[2] = {}, status = 200) {
    const [users, authorChoices] = await Promise.all([listUsers(ctx.db), listUnclaimedPeople(ctx.db)]);
    return sendAccountPage(ctx, request, reply, {
      title: 'Utilisateurs',
      active: 'utilisateurs',
      status,
      main: (csrf) => renderUsersPage(csrf, users, state, authorChoices),
    });
  }

  async function userPage(
    request: FastifyRequest,
    reply: FastifyReply,
    userId: number,
    state: Parameters<typeof renderUserPage>[3] = {},
    status = 200,
  ) {
    const user = await findUserById(ctx.db, userId);
    if (!user || user.email.endsWith('.invalid')) throw AppError.notFound('Ce compte n’existe pas.');
    const people = await listPeopleChoices(ctx.db);
    const personName = people.find((p) => p.id === user.person_id)?.name ?? null;
    return sendAccountPage(ctx, request, reply, {
      title: user.name,
      active: 'utilisateurs',
      status,
      main: (csrf) => renderUserPage(csrf, { ...user, person_name: personName }, people, state),
    });
  }

  app.get('/admin/utilisateurs', { preHandler: guard }, async (request, reply) => listPage(request, reply));

  // Sends the invitation and shows where it went: by SMTP, back to the account's page; written to
  // an .eml (no SMTP) or failed, the account's page at once with the link to pass on by hand.
  async function deliverInvitation(request: FastifyRequest, reply: FastifyReply, invitation: Awaited<ReturnType<typeof inviteUser>>) {
    const user = (await findUserById(ctx.db, invitation.userId))!;
    let outcome: InvitationOutcome;
    try {
      const sent = await sendInvitationMail(ctx, {
        to: user.email,
        url: invitation.url,
        role: user.role,
        invitedBy: actorOf(request).name,
      });
      if (!sent.file) return reply.redirect(`/admin/utilisateurs/${user.id}?etat=invite`, 303);
      outcome = { email: user.email, file: sent.file, link: invitation.url };
    } catch (error) {
      request.log.error({ err: error }, 'invitation mail failed');
      outcome = { email: user.email, failed: true, link: invitation.url };
    }
    return userPage(request, reply, user.id, { invitation: outcome });
  }

  app.post('/admin/utilisateurs/invitation', guardedPost, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const typed = (k: string) => (typeof body[k] === 'string' ? String(body[k]).slice(0, 300) : '');
    const parsed = inviteInputSchema.safeParse({
      email: typed('email'),
      role: typed('role'),
      name: typed('name') || undefined,
      author: typed('author') || undefined,
    });
    const state: InviteFormState = {
      email: { value: typed('email') },
      name: { value: typed('name') },
      role: { value: typed('role') },
      author: { value: typed('author') },
    };
    const refuse = (text: string, status: number) => listPage(request, reply, { invite: state, message: { kind: 'error', text } }, status);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0]) as keyof InviteFormState;
        if (state[field] && !state[field].error) state[field].error = issue.message;
      }
      return refuse('L’invitation n’est pas partie : corrigez les champs signalés.', 422);
    }
    let invitation: Awaited<ReturnType<typeof inviteUser>>;
    try {
      invitation = await inviteUser(ctx, actorOf(request), parsed.data);
    } catch (error) {
      if (error instanceof AppError && (error.code === 'conflict' || error.code === 'validation_failed')) {
        const field = (error.details as { field?: string } | undefined)?.field === 'author' ? 'author' : 'email';
        state[field]!.error = error.message;
        return refuse(error.message, error.status);
      }
      throw error;
    }
    return deliverInvitation(request, reply, invitation);
  });

  app.get('/admin/utilisateurs/:id', { preHandler: guard }, async (request, reply) => {
    const { id } = idParams.parse(request.params);
    const etat = (request.query as { etat?: unknown }).etat;
    const text = typeof etat === 'string' ? USER_NOTICES[etat] : undefined;
    return userPage(request, reply, id, text ? { message: { kind: 'ok', text } } : {});
  });

  // Each change: validate, call the operation (policy + audit inside), then back to the account's page.
  async function change(request: FastifyRequest, reply: FastifyReply, id: number, run: () => Promise<void>, done: string) {
    try {
      await run();
    } catch (error) {
      if (error instanceof AppError && (error.code === 'conflict' || error.code === 'validation_failed')) {
        return userPage(request, reply, id, { message: { kind: 'error', text: error.message } }, error.status);
      }
      throw error;
    }
    return reply.redirect(`/admin/utilisateurs/${id}?etat=${done}`, 303);
  }

  app.post('/admin/utilisateurs/:id/role', guardedPost, async (request, reply) => {
    const { id } = idParams.parse(request.params);
    const body = roleBody.safeParse(request.body);
    if (!body.success) return userPage(request, reply, id, { message: { kind: 'error', text: 'Choisissez un rôle dans la liste.' } }, 422);
    return change(request, reply, id, () => changeUserRole(ctx, actorOf(request), id, body.data.role), 'role');
  });

  app.post('/admin/utilisateurs/:id/statut', guardedPost, async (request, reply) => {
    const { id } = idParams.parse(request.params);
    const body = statusBody.safeParse(request.body);
    if (!body.success) return userPage(request, reply, id, { message: { kind: 'error', text: 'Demande incomplète.' } }, 422);
    const enabled = body.data.enabled === '1';
    return change(request, reply, id, () => setUserEnabled(ctx, actorOf(request), id, enabled), enabled ? 'reactive' : 'desactive');
  });

  app.post('/admin/utilisateurs/:id/auteur', guardedPost, async (request, reply) => {
    const { id } = idParams.parse(request.params);
    const body = personBody.safeParse(request.body);
    if (!body.success)
      return userPage(request, reply, id, { message: { kind: 'error', text: 'Choisissez un auteur dans la liste.' } }, 422);
    const personId = body.data.personId === '' ? null : body.data.personId;
    return change(request, reply, id, () => linkUserToPerson(ctx, actorOf(request), id, personId), 'auteur');
  });

  app.post('/admin/utilisateurs/:id/reinviter', guardedPost, async (request, reply) => {
    const { id } = idParams.parse(request.params);
    const user = await findUserById(ctx.db, id);
    if (user?.status !== 'invited' || user.email.endsWith('.invalid'))
      return userPage(request, reply, id, { message: { kind: 'error', text: 'Ce compte est déjà activé.' } }, 409);
    const invitation = await inviteUser(ctx, actorOf(request), {
      email: user.email,
      role: user.role,
      name: user.name,
      author: user.person_id ?? 'none',
    });
    return deliverInvitation(request, reply, invitation);
  });
}
