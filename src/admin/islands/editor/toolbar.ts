/**
 * The body editor's toolbar: one tab stop (roving focus, arrow keys, Home/End), toggles with
 * aria-pressed, keyboard shortcuts shown in each button's title and aria-keyshortcuts. Links,
 * quotation speakers, images and embeds are asked for in small dialogs, never window.prompt.
 */
import { type Editor, Extension } from '@tiptap/core';
import { askQuoteAttrs } from './body-nodes.ts';
import { parseEmbedUrl } from './embed-url.ts';
import { pickImage } from './media-picker.ts';
import { normaliseHref } from './safe-href.ts';
import { askInDialog } from './small-dialog.ts';

interface ToolDef {
  id: string;
  label: string;
  /** Short visible text (the label is the accessible name). */
  text: string;
  shortcut?: string;
  /** For toggles: whether the selection has it. */
  active?: (editor: Editor) => boolean;
  run: (editor: Editor) => void | Promise<void>;
  group: number;
}

/** Asks for a link address (or removes the link) on the selection. */
export async function editLink(editor: Editor): Promise<void> {
  const current = (editor.getAttributes('link').href as string | undefined) ?? '';
  const values = await askInDialog({
    title: current ? 'Modifier le lien' : 'Ajouter un lien',
    submitLabel: 'Valider',
    fields: [
      { name: 'href', label: 'Adresse', type: 'url', value: current, required: true, hint: 'https://…, mailto:… ou /rubrique/article' },
    ],
    extraAction: current ? { name: 'remove', label: 'Retirer le lien' } : undefined,
    validate: (v) => (normaliseHref(v.href) ? null : 'Adresse : seuls les liens http(s), mailto:, /chemin et #ancre sont acceptés.'),
  });
  if (!values) return;
  const chain = editor.chain().focus().extendMarkRange('link');
  if (values.__action === 'remove') {
    chain.unsetLink().run();
    return;
  }
  const href = normaliseHref(values.href)!;
  if (editor.state.selection.empty && !current) {
    // Nothing selected: the address becomes the linked text.
    chain.insertContent({ type: 'text', text: href, marks: [{ type: 'link', attrs: { href } }] }).run();
  } else {
    chain.setLink({ href }).run();
  }
}

async function toggleQuote(editor: Editor): Promise<void> {
  if (editor.isActive('quote')) {
    editor.chain().focus().lift('quote').run();
    return;
  }
  const attrs = await askQuoteAttrs();
  if (!attrs) return;
  editor
    .chain()
    .focus()
    .wrapIn('quote', { speaker: attrs.speaker, role: attrs.role || null, lang: attrs.lang || null })
    .run();
}

async function insertImage(editor: Editor): Promise<void> {
  const image = await pickImage('Insérer une image de la médiathèque');
  if (!image) return;
  editor
    .chain()
    .focus()
    .insertContent({ type: 'image', attrs: { imageId: image.id, caption: null, size: 'inline' } })
    .run();
}

async function insertEmbed(editor: Editor): Promise<void> {
  const values = await askInDialog({
    title: 'Intégrer une vidéo ou un son',
    submitLabel: 'Intégrer',
    fields: [
      { name: 'url', label: 'Adresse', required: true, hint: 'Une vidéo YouTube, Vimeo ou Dailymotion, ou un son du site (/media/…).' },
      { name: 'title', label: 'Titre', required: true, hint: 'Annoncé au lecteur avant qu’il clique.' },
    ],
    validate: (v) =>
      parseEmbedUrl(v.url, location.origin)
        ? null
        : 'Adresse : une vidéo YouTube, Vimeo ou Dailymotion, ou un fichier /media/… du site, est attendue.',
  });
  if (!values) return;
  const target = parseEmbedUrl(values.url, location.origin)!;
  editor
    .chain()
    .focus()
    .insertContent({ type: 'embed', attrs: { ...target, title: values.title } })
    .run();
}

const TOOLS: ToolDef[] = [
  {
    id: 'h2',
    label: 'Intertitre',
    text: 'Intertitre',
    shortcut: 'Control+Alt+2',
    group: 0,
    active: (e) => e.isActive('heading', { level: 2 }),
    run: (e) => void e.chain().focus().toggleHeading({ level: 2 }).run(),
  },
  {
    id: 'h3',
    label: 'Sous-intertitre',
    text: 'Sous-intertitre',
    shortcut: 'Control+Alt+3',
    group: 0,
    active: (e) => e.isActive('heading', { level: 3 }),
    run: (e) => void e.chain().focus().toggleHeading({ level: 3 }).run(),
  },
  {
    id: 'bold',
    label: 'Gras',
    text: 'G',
    shortcut: 'Control+B',
    group: 1,
    active: (e) => e.isActive('bold'),
    run: (e) => void e.chain().focus().toggleBold().run(),
  },
  {
    id: 'italic',
    label: 'Italique',
    text: 'I',
    shortcut: 'Control+I',
    group: 1,
    active: (e) => e.isActive('italic'),
    run: (e) => void e.chain().focus().toggleItalic().run(),
  },
  { id: 'link', label: 'Lien', text: 'Lien', shortcut: 'Control+K', group: 1, active: (e) => e.isActive('link'), run: editLink },
  {
    id: 'bullet',
    label: 'Liste à puces',
    text: '• Liste',
    shortcut: 'Control+Shift+8',
    group: 2,
    active: (e) => e.isActive('bulletList'),
    run: (e) => void e.chain().focus().toggleBulletList().run(),
  },
  {
    id: 'ordered',
    label: 'Liste numérotée',
    text: '1. Liste',
    shortcut: 'Control+Shift+7',
    group: 2,
    active: (e) => e.isActive('orderedList'),
    run: (e) => void e.chain().focus().toggleOrderedList().run(),
  },
  { id: 'quote', label: 'Citation', text: '« Citation »', group: 2, active: (e) => e.isActive('quote'), run: toggleQuote },
  { id: 'image', label: 'Image de la médiathèque', text: 'Image', group: 3, run: insertImage },
  { id: 'embed', label: 'Vidéo ou son', text: 'Vidéo / son', group: 3, run: insertEmbed },
  { id: 'rule', label: 'Séparateur', text: '―', group: 3, run: (e) => void e.chain().focus().setHorizontalRule().run() },
  { id: 'undo', label: 'Annuler', text: '↶', shortcut: 'Control+Z', group: 4, run: (e) => void e.chain().focus().undo().run() },
  { id: 'redo', label: 'Rétablir', text: '↷', shortcut: 'Control+Shift+Z', group: 4, run: (e) => void e.chain().focus().redo().run() },
];

/** Ctrl+K for a link, Alt+F10 to reach the toolbar (the usual editor convention). */
export const ToolbarShortcuts = Extension.create({
  name: 'kiosqueToolbarShortcuts',
  addKeyboardShortcuts() {
    return {
      'Mod-k': () => {
        void editLink(this.editor);
        return true;
      },
      'Alt-F10': () => {
        const toolbar = this.editor.view.dom.closest('.body-editor')?.querySelector<HTMLElement>('[role="toolbar"] button[tabindex="0"]');
        toolbar?.focus();
        return Boolean(toolbar);
      },
    };
  },
});

/** The toolbar element for an editor. */
export function buildToolbar(editor: Editor, options: { readOnly: boolean }): HTMLElement {
  const bar = document.createElement('div');
  bar.className = 'body-toolbar';
  bar.setAttribute('role', 'toolbar');
  bar.setAttribute('aria-label', 'Mise en forme du corps');
  if (editor.view.dom.id) bar.setAttribute('aria-controls', editor.view.dom.id);
  const buttons: HTMLButtonElement[] = [];
  let lastGroup = 0;
  for (const tool of TOOLS) {
    if (tool.group !== lastGroup) {
      const sep = document.createElement('span');
      sep.className = 'body-toolbar__separator';
      sep.setAttribute('aria-hidden', 'true');
      bar.append(sep);
      lastGroup = tool.group;
    }
    const b = document.createElement('button');
    b.type = 'button';
    b.className = `body-toolbar__button body-toolbar__button--${tool.id}`;
    b.textContent = tool.text;
    if (tool.text !== tool.label) b.setAttribute('aria-label', tool.label);
    b.title = tool.shortcut ? `${tool.label} (${tool.shortcut.replace('Control', 'Ctrl').replaceAll('+', ' + ')})` : tool.label;
    if (tool.shortcut) b.setAttribute('aria-keyshortcuts', tool.shortcut);
    if (tool.active) b.setAttribute('aria-pressed', 'false');
    b.tabIndex = buttons.length === 0 ? 0 : -1;
    b.disabled = options.readOnly;
    b.addEventListener('mousedown', (event) => event.preventDefault()); // keep the editor's selection
    b.addEventListener('click', () => void tool.run(editor));
    buttons.push(b);
    bar.append(b);
  }

  // Roving focus: one Tab stop; arrows, Home and End move within the toolbar.
  bar.addEventListener('keydown', (event) => {
    const index = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (index < 0) return;
    const moves: Record<string, number> = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: buttons.length - 1 };
    if (event.key === 'Escape') {
      event.preventDefault();
      editor.commands.focus();
      return;
    }
    if (!(event.key in moves)) return;
    event.preventDefault();
    const next = (moves[event.key] + buttons.length) % buttons.length;
    buttons[index].tabIndex = -1;
    buttons[next].tabIndex = 0;
    buttons[next].focus();
  });
  bar.addEventListener('focusin', (event) => {
    const target = event.target as HTMLButtonElement;
    if (!buttons.includes(target)) return;
    for (const b of buttons) b.tabIndex = b === target ? 0 : -1;
  });

  const refresh = () => {
    TOOLS.forEach((tool, i) => {
      if (tool.active) buttons[i].setAttribute('aria-pressed', String(tool.active(editor)));
    });
  };
  editor.on('transaction', refresh);
  editor.on('selectionUpdate', refresh);
  refresh();
  return bar;
}
