// The progress of an import (/admin/import/:id): every two seconds the island asks how far the
// job runner is and moves the bar; when the step ends, the page is loaded again to show its
// report. Without JavaScript, the "Actualiser" link does the same by hand.

interface ImportState {
  status: string;
  done: number;
  total: number;
}

for (const box of document.querySelectorAll<HTMLElement>('[data-import-progress]')) {
  const url = box.dataset.importProgress;
  const started = box.dataset.importStatus;
  const bar = box.querySelector('progress');
  const count = box.querySelector<HTMLElement>('[data-import-count]');
  if (!url || !bar) continue;
  const poll = async () => {
    try {
      const response = await fetch(url, { headers: { accept: 'application/json' }, credentials: 'same-origin' });
      if (response.ok) {
        const state = (await response.json()) as ImportState;
        if (state.status !== started) {
          window.location.reload();
          return;
        }
        if (state.total > 0) {
          bar.max = state.total;
          bar.value = state.done;
          bar.textContent = `${state.done} sur ${state.total}`;
          if (count)
            count.textContent = `${state.done.toLocaleString('fr-FR')} sur ${state.total.toLocaleString('fr-FR')} articles et pages.`;
        }
      }
    } catch {
      // The server restarts or the network drops: the next poll tries again.
    }
    window.setTimeout(poll, 2000);
  };
  window.setTimeout(poll, 2000);
}
