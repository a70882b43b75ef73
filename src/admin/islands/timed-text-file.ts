// The transcript file picker of the episode screen (podcasts/episode-admin-view.ts): the chosen
// .vtt or .srt file is read in the browser and put in the transcript field, which the form sends
// (and the server checks) as if it had been pasted. Without JavaScript the picker stays hidden
// and the file's text is pasted by hand.

const MAX_BYTES = 2_000_000;

for (const box of document.querySelectorAll<HTMLElement>('[data-timed-text-file]')) {
  const target = document.getElementById(box.dataset.timedTextFile ?? '') as HTMLTextAreaElement | null;
  const input = box.querySelector<HTMLInputElement>('input[type="file"]');
  if (!target || !input) continue;
  box.hidden = false;
  const status = document.createElement('p');
  status.className = 'field__hint';
  status.setAttribute('role', 'status');
  box.append(status);
  input.addEventListener('change', async () => {
    const file = input.files?.[0];
    if (!file) return;
    if (file.size > MAX_BYTES) {
      status.textContent = 'Fichier trop lourd (2 Mo au plus).';
      return;
    }
    target.value = await file.text();
    status.textContent = `Fichier « ${file.name} » chargé dans la transcription : enregistrez pour le vérifier et le publier.`;
  });
}
