// The article operations: one door for the back office, the admin API, the importer and the job
// runner. Each receives the acting user and checks the policy itself.
export {
  ARTICLE_LIMITS,
  type ArticleInput,
  type ArticleInputData,
  articleInputSchema,
  type FieldIssue,
  parseArticleInput,
  publishProblems,
} from './article-input.ts';
export { ARTICLE_STATUSES, STATUS_LABELS } from './article-status.ts';
export { type ArticleAbilities, type ArticleForEdit, abilitiesOf, getArticleForEdit } from './article-for-edit.ts';
export { createPreviewLink, findArticleByPreviewToken, type PreviewArticle, revokePreviewLink } from './preview-link.ts';
export { registerArticleJobs } from './publish-scheduled-job.ts';
export { getRevision, listRevisions, restoreRevision, type Revision, type RevisionSummary } from './revisions.ts';
export { createArticle, updateArticle } from './save-article.ts';
export {
  deleteArticle,
  markReady,
  PUBLISH_SCHEDULED_JOB,
  publishArticle,
  publishIfDue,
  publishJobKey,
  returnToDraft,
  scheduleArticle,
  submitArticle,
  unpublishArticle,
  WORKFLOW_SOURCES,
} from './workflow.ts';
