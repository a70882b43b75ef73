/**
 * Small enhancements of the editor's plain fields: live character counters, the live search
 * result and share card previews, and the public address hint.
 */
import { imageInfo } from './image-registry.ts';

const SERP_TITLE = 60;
const SERP_DESCRIPTION = 160;

function truncate(text: string, max: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  const cut = clean.lastIndexOf(' ', max - 1);
  return `${clean.slice(0, cut > max / 2 ? cut : max - 1)}…`;
}

/** "42 / 200 caractères", marked when over the limit or past the recommended length. */
export function enhanceCounters(form: HTMLFormElement): void {
  for (const counter of Array.from(form.querySelectorAll<HTMLElement>('[data-counter-for]'))) {
    const field = form.querySelector<HTMLInputElement | HTMLTextAreaElement>(`#${counter.dataset.counterFor}`);
    if (!field) continue;
    const max = Number(counter.dataset.max);
    const recommended = Number(counter.dataset.recommended) || 0;
    const update = () => {
      const length = field.value.trim().length;
      counter.textContent = `${length} / ${max} caractères${recommended ? ` (idéalement ${recommended} au plus)` : ''}.`;
      counter.classList.toggle('field__counter--over', length > max);
      counter.classList.toggle('field__counter--long', recommended > 0 && length > recommended && length <= max);
    };
    field.addEventListener('input', update);
    update();
  }
}

/** Keeps the search result and share card previews in step with the fields. */
export function enhanceSeoPreview(form: HTMLFormElement): void {
  const preview = form.querySelector<HTMLElement>('[data-seo-preview]');
  if (!preview) return;
  const sections = JSON.parse(form.dataset.sections ?? '{}') as Record<string, string>;
  const host = preview.dataset.host ?? location.host;
  const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement | null)?.value ?? '';
  const part = (name: string) => preview.querySelector<HTMLElement>(`[data-preview="${name}"]`);
  const update = () => {
    const title = value('seoTitle').trim() || value('headline').trim() || 'Titre de l’article';
    const description =
      value('seoDescription').trim() || value('lead').trim() || 'Le chapô sert de description tant qu’aucune n’est écrite.';
    const path = [sections[value('sectionId')], value('slug').trim()].filter(Boolean);
    part('url')!.textContent = [host, ...path].join(' › ');
    part('title')!.textContent = truncate(title, SERP_TITLE);
    part('description')!.textContent = truncate(description, SERP_DESCRIPTION);
    part('card-title')!.textContent = truncate(title, 90);
    part('card-description')!.textContent = truncate(description, 120);
    const hero = imageInfo(Number(value('heroImageId')));
    const current = part('image')!;
    if (hero && !(current instanceof HTMLImageElement && current.src.endsWith(hero.url))) {
      const img = document.createElement('img');
      img.className = 'share-card__image';
      img.dataset.preview = 'image';
      img.alt = '';
      img.src = hero.url;
      img.width = hero.width;
      img.height = hero.height;
      current.replaceWith(img);
    } else if (!hero && current instanceof HTMLImageElement) {
      const empty = document.createElement('div');
      empty.className = 'share-card__image share-card__image--empty';
      empty.dataset.preview = 'image';
      empty.textContent = 'Pas d’image principale';
      current.replaceWith(empty);
    }
  };
  form.addEventListener('input', update);
  form.addEventListener('change', update);
}
