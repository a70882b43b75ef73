// The notices shown after a workflow action (303 to `?notice=<code>`), worded once for the
// edit screen, the dashboard and the list.

export const WORKFLOW_NOTICES = {
  soumis: 'Article soumis à la rédaction : il apparaît dans la file de relecture.',
  pret: 'Article marqué comme prêt à publier.',
  publie: 'Article publié : il est en ligne.',
  programme: 'Article programmé : il sera mis en ligne à l’heure prévue.',
  depublie: 'Article dépublié : son adresse répond désormais « contenu retiré ».',
  brouillon: 'Article repassé en brouillon.',
  supprime: 'Article supprimé.',
} as const;

export type WorkflowNoticeCode = keyof typeof WORKFLOW_NOTICES;

/** The French notice for `?notice=<code>`, or null for no or an unknown code. */
export function workflowNotice(query: unknown): string | null {
  const code = query && typeof query === 'object' ? (query as Record<string, unknown>).notice : undefined;
  return typeof code === 'string' && Object.hasOwn(WORKFLOW_NOTICES, code) ? WORKFLOW_NOTICES[code as WorkflowNoticeCode] : null;
}
