import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';

/** An id a proxy in front may have given (Varnish, a load balancer): 8 to 128 plain characters, else ours. */
const GIVEN_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{7,127}$/;

/**
 * Fastify's genReqId: the request's id, in every log line of the request (`reqId`), on its
 * response (X-Request-Id) and on 5xx error pages, so a reader's report, the proxy's log and ours
 * name the same request. A well-formed incoming X-Request-Id is kept; anything else is replaced.
 */
export function requestIdFor(request: IncomingMessage): string {
  const given = request.headers['x-request-id'];
  return typeof given === 'string' && GIVEN_ID.test(given) ? given : randomUUID();
}

/** Sends the id back on every response, pages written straight from the page cache included. */
export function echoRequestId(app: FastifyInstance): void {
  app.addHook('onRequest', (request, reply, done) => {
    reply.raw.setHeader('x-request-id', request.id);
    done();
  });
}
