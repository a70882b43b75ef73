import type { z } from 'zod';
import { AppError } from '../core/http/app-error.ts';
import { fieldProblems } from '../core/http/validation.ts';

/** Parses with the schema or throws the API's 422 `validation_failed`, listing every field problem. */
export function parseOrFail<S extends z.ZodType>(schema: S, value: unknown, what = 'Les données envoyées'): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw AppError.invalid(`${what} ne sont pas valides.`, fieldProblems(parsed.error));
}
