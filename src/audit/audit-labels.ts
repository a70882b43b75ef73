import type { AuditAction } from './audit-log.ts';

/** French wording of each audited action, for the journal screen and its filter. */
export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  'article.publish': 'Publication d’un article',
  'article.schedule': 'Programmation d’un article',
  'article.unpublish': 'Dépublication d’un article',
  'article.delete': 'Suppression d’un article',
  'article.restore-revision': 'Restauration d’une version',
  'user.invite': 'Invitation',
  'user.role': 'Changement de rôle',
  'user.disable': 'Désactivation d’un compte',
  'user.enable': 'Réactivation d’un compte',
  'user.create': 'Création d’un compte',
  'user.activate': 'Activation d’un compte invité',
  'user.password-change': 'Changement de mot de passe',
  'user.password-reset': 'Nouveau mot de passe par lien',
  'user.totp-enable': 'Activation de la double authentification',
  'user.totp-disable': 'Désactivation de la double authentification',
  'settings.update': 'Modification des réglages',
  'token.create': 'Création d’un jeton d’API',
  'token.revoke': 'Révocation d’un jeton d’API',
  'media.delete': 'Suppression d’un média',
  'curation.home': 'Modification de la une',
  'comment.approve': 'Commentaire approuvé',
  'comment.refuse': 'Commentaire refusé',
  'comment.feature': 'Commentaire mis en avant',
  'comment.unfeature': 'Commentaire retiré de la sélection',
  'reader.warn': 'Avertissement à un lecteur',
  'reader.suspend': 'Suspension d’un lecteur',
  'reader.ban': 'Exclusion d’un lecteur',
  'reader.reinstate': 'Réintégration d’un lecteur',
  'comments.auto-premoderation': 'Pré-modération automatique d’un article',
  'comments.restore-mode': 'Retour au mode habituel des commentaires',
  'comments.lists': 'Modification des listes de modération',
  'comments.settings': 'Réglages de la modération (seuils, classificateur externe)',
  'webhook.create': 'Ajout d’un webhook',
  'webhook.update': 'Modification d’un webhook',
  'webhook.delete': 'Suppression d’un webhook',
  'webhook.secret': 'Nouveau secret d’un webhook',
  'webhook.disable': 'Webhook désactivé après des échecs',
  'import.check': 'Import envoyé pour vérification',
  'import.start': 'Import lancé',
  'import.cancel': 'Import annulé',
  'import.resume': 'Import repris',
  'content-key.create': 'Création d’une clé de l’API de contenu',
  'content-key.revoke': 'Révocation d’une clé de l’API de contenu',
  'wire.agency-create': 'Ajout d’une agence de presse',
  'wire.agency-update': 'Modification d’une agence de presse',
  'wire.agency-delete': 'Suppression d’une agence de presse',
  'wire.discard': 'Dépêche écartée',
};

export const AUDIT_ACTIONS = Object.keys(AUDIT_ACTION_LABELS) as AuditAction[];

/** Where the subject of an entry can be seen in the back office, if anywhere. */
export function subjectHref(type: string, id: string | null): string | null {
  if (id === null || !/^\d+$/.test(id)) return null;
  if (type === 'article') return `/admin/articles/${id}`;
  if (type === 'user') return `/admin/utilisateurs/${id}`;
  if (type === 'webhook') return `/admin/webhooks/${id}`;
  if (type === 'wire-agency') return `/admin/agences/${id}`;
  return null;
}

const SUBJECT_LABELS: Record<string, string> = {
  article: 'Article',
  user: 'Compte',
  settings: 'Réglages',
  token: 'Jeton',
  media: 'Média',
  image: 'Image',
  home: 'La une',
  webhook: 'Webhook',
  'wire-agency': 'Agence de presse',
  'wire-item': 'Dépêche d’agence',
};

/** "Article nº 12", "Compte nº 3", "Réglages". */
export function subjectLabel(type: string, id: string | null): string {
  const label = SUBJECT_LABELS[type] ?? type;
  return id === null ? label : `${label} n\u00BA\u00A0${id}`;
}
