// Static pages (/admin/pages) reuse the article body editor on their body textarea; without
// JavaScript, or when the stored JSON cannot be read, the raw JSON textarea stays.
import { mountBodyEditor } from '../editor/body-editor.ts';

for (const textarea of document.querySelectorAll<HTMLTextAreaElement>('textarea[data-page-body]')) {
  mountBodyEditor(textarea, { readOnly: false, onChange: () => {} });
}
