/**
 * The body editor: Tiptap mounted on the form's body textarea, which it keeps filled with the
 * document as the body schema wants it (so the plain form POST and the autosave send the same
 * thing). Node set = the body schema: paragraph, heading 2–3, quote, lists, bold, italic, link,
 * image, embed, horizontal rule, hard break. Without JavaScript the textarea stays: raw JSON.
 */
import { Editor } from '@tiptap/core';
import Placeholder from '@tiptap/extension-placeholder';
import StarterKit from '@tiptap/starter-kit';
import { BodyImage, Embed, Quote } from './body-nodes.ts';
import { toBodyJson, type JsonNode } from './body-json.ts';
import { cleanPastedHtml } from './paste-cleanup.ts';
import { isSafeHref } from './safe-href.ts';
import { buildToolbar, ToolbarShortcuts } from './toolbar.ts';

export interface BodyEditorHandle {
  editor: Editor;
  /** Replaces the whole document (restoring a local copy). */
  setDocument(json: unknown): void;
}

/** Mounts the editor on a [data-body-source] textarea; `onChange` runs after each change of the document. */
export function mountBodyEditor(
  textarea: HTMLTextAreaElement,
  options: { readOnly: boolean; onChange: () => void },
): BodyEditorHandle | null {
  let content: unknown;
  try {
    content = JSON.parse(textarea.value || '{"type":"doc","content":[]}');
  } catch {
    // An unreadable document (hand-edited JSON): leave the raw textarea rather than lose it.
    return null;
  }
  const field = textarea.closest<HTMLElement>('[data-body-field]')!;
  const label = field.querySelector<HTMLLabelElement>('label')!;
  const hint = field.querySelector<HTMLElement>('[data-body-hint]');
  const wrapper = document.createElement('div');
  wrapper.className = 'body-editor';
  const mount = document.createElement('div');
  textarea.after(wrapper);
  textarea.hidden = true;
  if (hint)
    hint.textContent =
      'Barre d’outils : Alt+F10 pour y aller, flèches pour s’y déplacer. Raccourcis : Ctrl+B gras, Ctrl+I italique, Ctrl+K lien, Ctrl+Alt+2 ou 3 intertitre.';
  // The label pointed at the textarea; it now names the editable area.
  label.removeAttribute('for');
  label.addEventListener('click', () => editor.commands.focus());

  const editor = new Editor({
    element: mount,
    editable: !options.readOnly,
    // Its default <style> would break the CSP (style-src 'self'); 30-editor.css has the few rules needed.
    injectCSS: false,
    content: content as JsonNode,
    extensions: [
      StarterKit.configure({
        blockquote: false,
        code: false,
        codeBlock: false,
        strike: false,
        underline: false,
        heading: { levels: [2, 3] },
        link: {
          openOnClick: false,
          autolink: true,
          defaultProtocol: 'https',
          protocols: ['mailto'],
          isAllowedUri: (url) => isSafeHref(url),
          HTMLAttributes: { rel: null, target: null, class: null },
        },
      }),
      Quote,
      BodyImage,
      Embed,
      ToolbarShortcuts,
      Placeholder.configure({ placeholder: 'Écrivez le corps de l’article…' }),
    ],
    editorProps: {
      attributes: {
        id: 'champ-corps-editeur',
        class: 'body-editor__content prose',
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-labelledby': label.id,
        'aria-describedby': textarea.getAttribute('aria-describedby') ?? '',
        spellcheck: 'true',
        lang: 'fr',
      },
      transformPastedHTML: (html) => cleanPastedHtml(html),
    },
    onUpdate: ({ editor: e }) => {
      textarea.value = JSON.stringify(toBodyJson(e.getJSON() as JsonNode));
      options.onChange();
    },
  });
  // The stored document may differ only by empty attributes: normalise it once without marking a change.
  textarea.value = JSON.stringify(toBodyJson(editor.getJSON() as JsonNode));
  if (textarea.getAttribute('aria-invalid') === 'true') editor.view.dom.setAttribute('aria-invalid', 'true');

  const toolbar = buildToolbar(editor, { readOnly: options.readOnly });
  wrapper.append(toolbar, mount);
  return {
    editor,
    setDocument(json) {
      editor.commands.setContent(json as JsonNode, { emitUpdate: true });
    },
  };
}
