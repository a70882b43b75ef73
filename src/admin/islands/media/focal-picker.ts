// Focal point of an image (`[data-focal-picker]`): a click on the preview fills the two number
// fields (0–1 from the top-left corner) and moves a marker; typing in the fields moves it too.
// Without JavaScript the fields alone do the job, so the marker and help stay hidden.

function clamp(value: number): number {
  return Math.min(1, Math.max(0, value));
}

function readField(input: HTMLInputElement | null, fallback: number): number {
  const n = Number((input?.value ?? '').replace(',', '.'));
  return input && input.value !== '' && Number.isFinite(n) ? clamp(n) : fallback;
}

function enhance(picker: HTMLElement): void {
  const image = picker.querySelector<HTMLImageElement>('img');
  const marker = picker.querySelector<HTMLElement>('[data-focal-marker]');
  if (!image || !marker) return;
  const fieldX = document.querySelector<HTMLInputElement>('input[name="focalX"]');
  const fieldY = document.querySelector<HTMLInputElement>('input[name="focalY"]');
  const initialX = Number(picker.dataset.focalX ?? 0.5);
  const initialY = Number(picker.dataset.focalY ?? 0.5);

  // CSSOM properties, not a style attribute: allowed by the CSP (style-src 'self').
  const place = () => {
    marker.style.left = `${readField(fieldX, initialX) * 100}%`;
    marker.style.top = `${readField(fieldY, initialY) * 100}%`;
  };
  place();
  marker.hidden = false;
  if (!fieldX || !fieldY) return; // read-only screen: show the point, nothing to set

  picker.classList.add('focal-picker--active');
  document.querySelector<HTMLElement>('[data-focal-help]')?.removeAttribute('hidden');
  image.addEventListener('click', (event) => {
    const box = image.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) return;
    fieldX.value = String(Math.round(clamp((event.clientX - box.left) / box.width) * 100) / 100);
    fieldY.value = String(Math.round(clamp((event.clientY - box.top) / box.height) * 100) / 100);
    for (const field of [fieldX, fieldY]) field.dispatchEvent(new Event('input', { bubbles: true }));
    place();
  });
  fieldX.addEventListener('input', place);
  fieldY.addEventListener('input', place);
}

for (const picker of document.querySelectorAll<HTMLElement>('[data-focal-picker]')) enhance(picker);
