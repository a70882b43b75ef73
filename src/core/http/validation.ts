import type { z } from 'zod';
import type { FieldProblem } from './app-error.ts';

/** The problems of a failed zod parse, as every validation error reports them ([{ path, message }]). */
export function fieldProblems(error: z.ZodError): FieldProblem[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    // zod's own message for an unknown key names it in English; say it in French, with the key.
    if (issue.code === 'unrecognized_keys') return { path, message: `Champ inconnu : ${issue.keys.join(', ')}.` };
    return { path, message: issue.message };
  });
}
