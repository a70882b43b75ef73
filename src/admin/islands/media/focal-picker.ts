// Focal point of an image on its screen (`[data-focal-picker]`): a click on the preview, or the
// arrow keys on the marker, fill the two number fields (0–1 from the top-left corner); typing in
// the fields moves the marker. Without JavaScript the fields alone do the job, so the marker and
// help stay hidden.
import { attachFocalPicker } from './focal-point.ts';

function enhance(picker: HTMLElement): void {
  const image = picker.querySelector<HTMLImageElement>('img');
  const marker = picker.querySelector<HTMLElement>('[data-focal-marker]');
  if (!image || !marker) return;
  const initial = { x: Number(picker.dataset.focalX ?? 0.5), y: Number(picker.dataset.focalY ?? 0.5) };
  const fieldX = document.querySelector<HTMLInputElement>('input[name="focalX"]');
  const fieldY = document.querySelector<HTMLInputElement>('input[name="focalY"]');
  if (!fieldX || !fieldY) {
    // Read-only screen: show the point, nothing to set.
    marker.style.left = `${initial.x * 100}%`;
    marker.style.top = `${initial.y * 100}%`;
    marker.hidden = false;
    return;
  }
  attachFocalPicker({ image, marker, fieldX, fieldY, initial });
  document.querySelector<HTMLElement>('[data-focal-help]')?.removeAttribute('hidden');
}

for (const picker of document.querySelectorAll<HTMLElement>('[data-focal-picker]')) enhance(picker);
