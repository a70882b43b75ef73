/**
 * The article editor's islands, started when the page has the editor form: counters and live
 * previews, the byline list, the hero picker, the Tiptap body editor, then autosave. Each works
 * on server-rendered HTML that already saves without JavaScript.
 */
import { enhanceAuthors } from './authors-list.ts';
import { type BodyEditorHandle, mountBodyEditor } from './body-editor.ts';
import { enhanceCounters, enhanceSeoPreview } from './field-helpers.ts';
import { enhanceHeroField } from './hero-picker.ts';
import { type ImageInfo, rememberImages } from './image-registry.ts';
import { startAutosave } from './autosave.ts';

function startEditor(form: HTMLFormElement): void {
  const readOnly = form.hasAttribute('data-readonly');
  try {
    rememberImages(Object.values(JSON.parse(form.dataset.images ?? '{}') as Record<string, ImageInfo>));
  } catch {
    // No thumbnails: the fields still work.
  }
  enhanceCounters(form);
  enhanceSeoPreview(form);
  if (!readOnly) {
    enhanceAuthors(form);
    enhanceHeroField(form);
  }
  const textarea = form.querySelector<HTMLTextAreaElement>('[data-body-source]');
  let body: BodyEditorHandle | null = null;
  if (textarea) {
    body = mountBodyEditor(textarea, { readOnly, onChange: () => form.dispatchEvent(new Event('kiosque:body-change')) });
  }
  const status = document.querySelector<HTMLElement>('[data-save-status]');
  if (!readOnly && status) startAutosave({ form, status, setBody: body ? (json) => body.setDocument(json) : undefined });
}

/** Selects a read-only field's text on focus (the private preview link, ready to copy). */
function selectOnFocus(root: Document): void {
  for (const input of Array.from(root.querySelectorAll<HTMLInputElement>('[data-select-on-focus]'))) {
    input.addEventListener('focus', () => input.select());
  }
}

const form = document.querySelector<HTMLFormElement>('[data-editor-form]');
if (form) startEditor(form);
selectOnFocus(document);
