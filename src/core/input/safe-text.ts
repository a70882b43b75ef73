import type { FastifyInstance } from 'fastify';
import { AppError } from '../http/app-error.ts';

/**
 * True for text no field may hold: a NUL character (PostgreSQL refuses it in text, and it cuts C
 * strings) or a lone UTF-16 surrogate (not encodable as UTF-8).
 */
export function isUnsafeText(text: string): boolean {
  return text.includes('\0') || !text.isWellFormed();
}

/** The dotted path of the first unsafe string in a parsed body or query (keys included), or null. */
export function findUnsafeText(value: unknown, path = ''): string | null {
  if (typeof value === 'string') return isUnsafeText(value) ? path || '(texte)' : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findUnsafeText(value[i], path ? `${path}.${i}` : String(i));
      if (found !== null) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const at = path ? `${path}.${key}` : key;
      if (isUnsafeText(key)) return at;
      const found = findUnsafeText(item, at);
      if (found !== null) return found;
    }
  }
  return null;
}

/**
 * Refuses, before any route sees them, requests whose body or query string holds a NUL or a lone
 * surrogate (422, same on both engines), and path parameters holding one (404: no slug can).
 */
export function installTextGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    if (findUnsafeText(request.params) !== null) throw AppError.notFound();
    const where = findUnsafeText(request.query) ?? findUnsafeText(request.body);
    if (where !== null) {
      throw new AppError('validation_failed', 422, 'Le texte envoyé contient un caractère interdit (caractère nul ou encodage invalide).', {
        details: [{ path: where, message: 'caractère nul ou encodage invalide' }],
      });
    }
  });
}
