import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Permission } from '../accounts/policy.ts';
import type { Role } from '../core/db/schema.ts';
import { insertTestUser } from './api-test-users.ts';
import { createApiToken, grantableScopes } from './tokens/token-operations.ts';

/** Test helper: calls /api/admin with a bearer token, as a script would. */
export interface ApiClient {
  secret: string;
  userId: number;
  personId: number | null;
  call(method: InjectOptions['method'], path: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
}

/** An account of the role with a token carrying the given scopes (default: everything the role may grant). */
export async function apiClientFor(
  app: FastifyInstance,
  role: Role,
  options: { scopes?: Permission[]; personId?: number | null } = {},
): Promise<ApiClient> {
  const user = await insertTestUser(app.kiosque.db, role, { personId: options.personId ?? null });
  const { secret } = await createApiToken(app.kiosque.db, user, {
    name: `Test ${role}`,
    scopes: options.scopes ?? grantableScopes(role),
    lifetimeDays: null,
  });
  return {
    secret,
    userId: user.userId,
    personId: user.personId,
    call: (method, path, body, headers = {}) =>
      app.inject({
        method,
        url: `/api/admin${path}`,
        headers: {
          authorization: `Bearer ${secret}`,
          ...(body !== undefined && typeof body !== 'string' ? { 'content-type': 'application/json' } : {}),
          ...headers,
        },
        ...(body === undefined ? {} : { payload: typeof body === 'string' ? body : JSON.stringify(body) }),
      }),
  };
}
