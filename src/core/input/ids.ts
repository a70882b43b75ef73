import { z } from 'zod';
import { AppError } from '../http/app-error.ts';

/** The largest id an integer column holds on both engines (PostgreSQL `integer`). */
export const MAX_ID = 2 ** 31 - 1;

const ID_TEXT = /^[1-9][0-9]{0,9}$/;

/**
 * THE id rule at every boundary (paths, query strings, forms, JSON): decimal digits only, no
 * sign, space, leading zero, exponent or hexadecimal, from 1 to 2³¹−1. A number is accepted when
 * it is an integer in that range. Anything else is null: `0x10`, `1e1`, ` 1`, `-1`, `2147483648`.
 */
export function parseId(value: unknown): number | null {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 1 && value <= MAX_ID ? value : null;
  if (typeof value !== 'string' || !ID_TEXT.test(value)) return null;
  const id = Number(value);
  return id <= MAX_ID ? id : null;
}

/** An id from a URL path segment, or a 404: no such thing can exist. */
export function pathId(value: unknown, message?: string): number {
  const id = parseId(value);
  if (id === null) throw AppError.notFound(message);
  return id;
}

/** zod: an id in a JSON body, a number (422 with `message` otherwise). */
export function jsonId(message: string) {
  return z.number({ error: message }).int({ error: message }).min(1, { error: message }).max(MAX_ID, { error: message });
}

/** zod: an id written as text (query string, form field), by the same rule. */
export function textId(message: string) {
  return z
    .string({ error: message })
    .regex(ID_TEXT, { error: message })
    .transform(Number)
    .refine((id) => id <= MAX_ID, { error: message });
}

/** zod: route params `{ id }` (the API answers 404 when they do not parse). */
export const idParams = z.object({ id: textId('id : identifiant attendu') });
