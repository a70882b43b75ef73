import type { z } from 'zod';
import { AppError } from '../core/http/app-error.ts';

/** One field problem in a 422 answer: where (dotted path, "" for the whole document) and what, in French. */
export interface FieldProblem {
  path: string;
  message: string;
}

/** The problems of a failed zod parse, as the API reports them. */
export function fieldProblems(error: z.ZodError): FieldProblem[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    // zod's own message for an unknown key names it in English; say it in French, with the key.
    if (issue.code === 'unrecognized_keys') {
      return { path, message: `Champ inconnu : ${issue.keys.join(', ')}.` };
    }
    return { path, message: issue.message };
  });
}

/** Parses with the schema or throws the API's 422 `validation_failed`, listing every field problem. */
export function parseOrFail<S extends z.ZodType>(schema: S, value: unknown, what = 'Les données envoyées'): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new AppError('validation_failed', 422, `${what} ne sont pas valides.`, { details: fieldProblems(parsed.error) });
}
