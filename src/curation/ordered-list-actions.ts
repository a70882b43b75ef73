import { z } from 'zod';
import { parseId } from '../core/input/ids.ts';

/**
 * What a button of an ordered list (home slots, dossier articles, navigation) asks for. The forms
 * post the whole list as it stands on screen plus one action, so moving by keyboard works
 * without JavaScript and the island's unsaved drag-and-drop order is kept.
 */
export type ListAction = { kind: 'save' } | { kind: 'up' | 'down' | 'remove' | 'first'; index: number } | { kind: 'add'; id: number };

const actionSchema = z.union([
  z.literal('save').transform((): ListAction => ({ kind: 'save' })),
  z
    .string()
    .regex(/^(up|down|remove|first):\d{1,4}$/)
    .transform((v): ListAction => {
      const [kind, index] = v.split(':');
      return { kind: kind as 'up' | 'down' | 'remove' | 'first', index: Number(index) };
    }),
  z
    .string()
    .regex(/^add:/)
    .transform((v) => parseId(v.slice(4)))
    .refine((id) => id !== null)
    .transform((id): ListAction => ({ kind: 'add', id: id as number })),
]);

/** Parses the `action` field of an ordered-list form; a missing action means save. */
export function parseListAction(value: string | undefined): ListAction | null {
  if (value === undefined || value === '') return { kind: 'save' };
  const parsed = actionSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** Applies an action to a list of items (returns a new array; out-of-range moves change nothing). */
export function applyListAction<T>(items: readonly T[], action: ListAction, added?: T): T[] {
  const list = [...items];
  switch (action.kind) {
    case 'save':
      return list;
    case 'add':
      if (added !== undefined) list.push(added);
      return list;
    case 'remove':
      if (action.index < list.length) list.splice(action.index, 1);
      return list;
    case 'up':
    case 'down':
    case 'first': {
      const from = action.index;
      const to = action.kind === 'up' ? from - 1 : action.kind === 'down' ? from + 1 : 0;
      if (from >= list.length || to < 0 || to >= list.length || from === to) return list;
      const [item] = list.splice(from, 1);
      list.splice(to, 0, item);
      return list;
    }
  }
}

/** The 1-based position an action leaves the moved item at, for the confirmation message. */
export function movedTo(action: ListAction, length: number): number | null {
  if (action.kind === 'up') return action.index >= 1 && action.index < length ? action.index : null;
  if (action.kind === 'down') return action.index + 1 < length ? action.index + 2 : null;
  if (action.kind === 'first') return action.index < length ? 1 : null;
  return null;
}
