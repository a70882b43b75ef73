// The focal point of an image, chosen on the image itself: a click places it; the marker is a
// button that the arrow keys move (5 % a press, 1 % with Shift), so a keyboard does the same; the
// two coordinate inputs (number fields on the image screen, hidden ones in the editor's upload
// dialog) hold the value the form sends, 0–1 from the top-left corner.

const STEP = 0.05;
const FINE_STEP = 0.01;

function clamp(value: number): number {
  return Math.min(1, Math.max(0, value));
}

function round(value: number): number {
  return Math.round(clamp(value) * 100) / 100;
}

function read(input: HTMLInputElement, fallback: number): number {
  const n = Number(input.value.replace(',', '.'));
  return input.value !== '' && Number.isFinite(n) ? clamp(n) : fallback;
}

export interface FocalPickerOptions {
  image: HTMLImageElement;
  /** The marker drawn over the image; replaced by a focusable button. */
  marker: HTMLElement;
  fieldX: HTMLInputElement;
  fieldY: HTMLInputElement;
  /** Where the point is when a field is empty. */
  initial?: { x: number; y: number };
}

/** Makes `image` a focal-point picker kept in step with the two fields; returns the marker button. */
export function attachFocalPicker(options: FocalPickerOptions): HTMLButtonElement {
  const { image, fieldX, fieldY } = options;
  const initial = options.initial ?? { x: 0.5, y: 0.5 };
  const button = document.createElement('button');
  button.type = 'button';
  button.className = options.marker.className;
  button.dataset.focalMarker = '';
  options.marker.replaceWith(button);
  image.closest('.focal-picker')?.classList.add('focal-picker--active');

  const place = () => {
    const x = read(fieldX, initial.x);
    const y = read(fieldY, initial.y);
    // CSSOM properties, not a style attribute: allowed by the CSP (style-src 'self').
    button.style.left = `${x * 100}%`;
    button.style.top = `${y * 100}%`;
    button.setAttribute(
      'aria-label',
      `Point focal : ${Math.round(x * 100)} % depuis la gauche, ${Math.round(y * 100)} % depuis le haut. Flèches pour le déplacer.`,
    );
  };
  const set = (x: number, y: number) => {
    fieldX.value = String(round(x));
    fieldY.value = String(round(y));
    for (const field of [fieldX, fieldY]) {
      field.dispatchEvent(new Event('input', { bubbles: true }));
      field.dispatchEvent(new Event('change', { bubbles: true }));
    }
    place();
  };

  image.addEventListener('click', (event) => {
    const box = image.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) return;
    set((event.clientX - box.left) / box.width, (event.clientY - box.top) / box.height);
  });
  button.addEventListener('keydown', (event) => {
    const step = event.shiftKey ? FINE_STEP : STEP;
    const moves: Record<string, [number, number]> = {
      ArrowLeft: [-step, 0],
      ArrowRight: [step, 0],
      ArrowUp: [0, -step],
      ArrowDown: [0, step],
    };
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    set(read(fieldX, initial.x) + move[0], read(fieldY, initial.y) + move[1]);
  });
  fieldX.addEventListener('input', place);
  fieldY.addEventListener('input', place);
  place();
  return button;
}
