/**
 * The three body nodes Tiptap does not ship, matching the body schema exactly:
 * `quote` (paragraphs said by someone: speaker, role, lang), `image` (a library image: imageId,
 * caption, size) and `embed` (a YouTube or Vimeo video, or an audio file of the site). Each has a
 * small node view showing what it is, with a button to edit its attributes in a dialog.
 */
import { mergeAttributes, Node } from '@tiptap/core';
import { imageInfo } from './image-registry.ts';
import { askInDialog } from './small-dialog.ts';

const LANG = /^[a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{1,8})*$/;

/** Asks for a quotation's speaker, role and language. */
export function askQuoteAttrs(current: { speaker?: string; role?: string | null; lang?: string | null } = {}) {
  return askInDialog({
    title: 'Auteur de la citation',
    submitLabel: 'Valider',
    fields: [
      {
        name: 'speaker',
        label: 'Qui parle (facultatif)',
        value: current.speaker ?? '',
        hint: 'Nom de la personne citée ; vide pour une source non nommée (décrivez-la dans « Qualité »).',
      },
      { name: 'role', label: 'Qualité (facultatif)', value: current.role ?? '', hint: 'Par exemple « président de la République ».' },
      {
        name: 'lang',
        label: 'Langue si ce n’est pas le français (facultatif)',
        value: current.lang ?? '',
        hint: 'Code de langue : en, de, es…',
      },
    ],
    validate: (v) => (v.lang && !LANG.test(v.lang) ? 'Langue : un code comme « en » ou « de-CH » est attendu.' : null),
  });
}

function button(label: string, onClick: () => void): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = 'node-view__button';
  b.textContent = label;
  b.addEventListener('click', (event) => {
    event.preventDefault();
    onClick();
  });
  return b;
}

/** A quotation: its paragraphs are edited in place; speaker, role and language through the button. */
export const Quote = Node.create({
  name: 'quote',
  group: 'block',
  content: 'paragraph+',
  defining: true,
  addAttributes() {
    return {
      speaker: {
        default: '',
        parseHTML: (el) => el.getAttribute('data-speaker') ?? '',
        renderHTML: (a) => ({ 'data-speaker': a.speaker }),
      },
      role: { default: null, parseHTML: (el) => el.getAttribute('data-role'), renderHTML: (a) => (a.role ? { 'data-role': a.role } : {}) },
      lang: { default: null, parseHTML: (el) => el.getAttribute('lang'), renderHTML: (a) => (a.lang ? { lang: a.lang } : {}) },
    };
  },
  parseHTML() {
    return [{ tag: 'blockquote[data-speaker]' }];
  },
  renderHTML({ HTMLAttributes }) {
    return ['blockquote', mergeAttributes(HTMLAttributes), 0];
  },
  addNodeView() {
    return ({ node, getPos, editor }) => {
      const dom = document.createElement('figure');
      dom.className = 'node-view node-view--quote';
      const content = document.createElement('blockquote');
      const caption = document.createElement('figcaption');
      caption.contentEditable = 'false';
      const who = document.createElement('span');
      who.className = 'node-view__caption';
      const render = (attrs: Record<string, unknown>) => {
        const speaker = String(attrs.speaker ?? '').trim();
        const role = String(attrs.role ?? '').trim();
        const said = [speaker, role].filter(Boolean).join(', ');
        who.textContent = said
          ? `— ${said}${attrs.lang ? ` (${String(attrs.lang)})` : ''}`
          : `Citation sans auteur nommé${attrs.lang ? ` (${String(attrs.lang)})` : ''}`;
        if (attrs.lang) content.setAttribute('lang', String(attrs.lang));
        else content.removeAttribute('lang');
      };
      render(node.attrs);
      let attrs = node.attrs;
      caption.append(
        who,
        button('Modifier l’auteur', async () => {
          const values = await askQuoteAttrs(attrs);
          const pos = typeof getPos === 'function' ? getPos() : undefined;
          if (!values || pos === undefined) return;
          editor
            .chain()
            .focus()
            .command(({ tr }) => {
              tr.setNodeMarkup(pos, undefined, { speaker: values.speaker, role: values.role || null, lang: values.lang || null });
              return true;
            })
            .run();
        }),
      );
      dom.append(content, caption);
      return {
        dom,
        contentDOM: content,
        update(updated) {
          if (updated.type.name !== 'quote') return false;
          attrs = updated.attrs;
          render(updated.attrs);
          return true;
        },
        ignoreMutation: (mutation) => !content.contains(mutation.target as globalThis.Node),
        stopEvent: (event) => caption.contains(event.target as globalThis.Node),
      };
    };
  },
});

/** Asks for an image's caption and width. */
export function askImageAttrs(current: { caption?: string | null; size?: string | null }) {
  return askInDialog({
    title: 'Image dans le corps',
    submitLabel: 'Valider',
    fields: [
      {
        name: 'caption',
        label: 'Légende (facultatif)',
        value: current.caption ?? '',
        hint: 'Sans légende, celle de la médiathèque s’affiche. Le crédit est toujours affiché.',
      },
      { name: 'wide', label: 'Pleine largeur', type: 'checkbox', value: String(current.size === 'wide') },
    ],
  });
}

/** An image of the library, shown by its thumbnail; caption and width through the button. */
export const BodyImage = Node.create({
  name: 'image',
  group: 'block',
  atom: true,
  draggable: true,
  selectable: true,
  addAttributes() {
    return {
      imageId: {
        default: null,
        parseHTML: (el) => Number(el.getAttribute('data-image-id')) || null,
        renderHTML: (a) => ({ 'data-image-id': a.imageId }),
      },
      caption: {
        default: null,
        parseHTML: (el) => el.getAttribute('data-caption'),
        renderHTML: (a) => (a.caption ? { 'data-caption': a.caption } : {}),
      },
      size: {
        default: 'inline',
        parseHTML: (el) => (el.getAttribute('data-size') === 'wide' ? 'wide' : 'inline'),
        renderHTML: (a) => ({ 'data-size': a.size }),
      },
    };
  },
  parseHTML() {
    return [{ tag: 'figure[data-image-id]' }];
  },
  renderHTML({ HTMLAttributes }) {
    return ['figure', mergeAttributes(HTMLAttributes)];
  },
  addNodeView() {
    return ({ node, getPos, editor }) => {
      const dom = document.createElement('figure');
      dom.className = 'node-view node-view--image';
      dom.contentEditable = 'false';
      const img = document.createElement('img');
      img.alt = '';
      const text = document.createElement('figcaption');
      let attrs = node.attrs;
      const render = () => {
        const info = imageInfo(Number(attrs.imageId));
        if (info) {
          img.src = info.url;
          img.width = info.width;
          img.height = info.height;
          img.hidden = false;
        } else {
          img.hidden = true;
        }
        const caption = String(attrs.caption ?? '') || info?.caption || '';
        text.textContent = `Image n° ${attrs.imageId}${attrs.size === 'wide' ? ' (pleine largeur)' : ''} — ${caption || 'sans légende'}${info ? ` — Crédit : ${info.credit || 'manquant'}` : ''}`;
      };
      render();
      const edit = button('Légende et taille', async () => {
        const values = await askImageAttrs(attrs);
        const pos = typeof getPos === 'function' ? getPos() : undefined;
        if (!values || pos === undefined) return;
        editor
          .chain()
          .focus()
          .command(({ tr }) => {
            tr.setNodeMarkup(pos, undefined, {
              ...attrs,
              caption: values.caption || null,
              size: values.wide === 'true' ? 'wide' : 'inline',
            });
            return true;
          })
          .run();
      });
      dom.append(img, text, edit);
      return {
        dom,
        update(updated) {
          if (updated.type.name !== 'image') return false;
          attrs = updated.attrs;
          render();
          return true;
        },
        stopEvent: (event) => edit.contains(event.target as globalThis.Node),
        ignoreMutation: () => true,
      };
    };
  },
});

const PROVIDER_LABELS: Record<string, string> = { youtube: 'Vidéo YouTube', vimeo: 'Vidéo Vimeo', audio: 'Son' };

/** A video or audio embed, stored as provider + id (or src) + title: the public page makes the click-to-load facade. */
export const Embed = Node.create({
  name: 'embed',
  group: 'block',
  atom: true,
  draggable: true,
  selectable: true,
  addAttributes() {
    return {
      provider: {
        default: null,
        parseHTML: (el) => el.getAttribute('data-embed-provider'),
        renderHTML: (a) => ({ 'data-embed-provider': a.provider }),
      },
      id: {
        default: null,
        parseHTML: (el) => el.getAttribute('data-embed-id'),
        renderHTML: (a) => (a.id ? { 'data-embed-id': a.id } : {}),
      },
      src: {
        default: null,
        parseHTML: (el) => el.getAttribute('data-embed-src'),
        renderHTML: (a) => (a.src ? { 'data-embed-src': a.src } : {}),
      },
      title: {
        default: '',
        parseHTML: (el) => el.getAttribute('data-embed-title') ?? '',
        renderHTML: (a) => ({ 'data-embed-title': a.title }),
      },
    };
  },
  parseHTML() {
    return [{ tag: 'div[data-embed-provider]' }];
  },
  renderHTML({ HTMLAttributes }) {
    return ['div', mergeAttributes(HTMLAttributes)];
  },
  addNodeView() {
    return ({ node }) => {
      const dom = document.createElement('div');
      dom.className = 'node-view node-view--embed';
      dom.contentEditable = 'false';
      const render = (attrs: Record<string, unknown>) => {
        const label = PROVIDER_LABELS[String(attrs.provider)] ?? 'Intégration';
        dom.textContent = `${label} : ${String(attrs.title || 'sans titre')} (${String(attrs.id ?? attrs.src ?? '')})`;
      };
      render(node.attrs);
      return {
        dom,
        update(updated) {
          if (updated.type.name !== 'embed') return false;
          render(updated.attrs);
          return true;
        },
        ignoreMutation: () => true,
      };
    };
  },
});
