// Copy buttons beside links the administrator passes on by hand (an invitation without SMTP).
// Without JavaScript the button stays hidden and the read-only field can be selected and copied.

function copyWithSelection(field: HTMLInputElement): boolean {
  field.focus();
  field.select();
  // The clipboard API needs a secure context (https or localhost); elsewhere the old command still works.
  return document.execCommand('copy');
}

for (const box of document.querySelectorAll<HTMLElement>('[data-copy-link]')) {
  const field = box.querySelector<HTMLInputElement>('[data-copy-source]');
  const button = box.querySelector<HTMLButtonElement>('[data-copy-button]');
  const status = box.querySelector<HTMLElement>('[data-copy-status]');
  if (!field || !button) continue;
  button.hidden = false;
  field.addEventListener('focus', () => field.select());
  button.addEventListener('click', async () => {
    let copied = false;
    try {
      await navigator.clipboard.writeText(field.value);
      copied = true;
    } catch {
      copied = copyWithSelection(field);
    }
    if (status) status.textContent = copied ? 'Lien copié.' : 'La copie n’a pas fonctionné : sélectionnez le lien et copiez-le.';
  });
}
