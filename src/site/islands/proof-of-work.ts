/**
 * Proof-of-work island (ALTCHA format, no third party): fetches a challenge from our own server,
 * finds the number whose SHA-256 with the salt matches, and puts the solution in the form's
 * hidden `altcha` field. A form sent before the work is done waits for it. Without JavaScript
 * the field stays empty and the server applies stricter limits instead of refusing.
 */

interface Challenge {
  algorithm: string;
  challenge: string;
  maxnumber?: number;
  salt: string;
  signature: string;
}

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

async function solve(challenge: Challenge): Promise<string | null> {
  const max = challenge.maxnumber ?? 1_000_000;
  for (let n = 0; n <= max; n++) {
    if ((await sha256Hex(challenge.salt + n)) === challenge.challenge) {
      const payload = {
        algorithm: challenge.algorithm,
        challenge: challenge.challenge,
        number: n,
        salt: challenge.salt,
        signature: challenge.signature,
      };
      return btoa(JSON.stringify(payload));
    }
  }
  return null;
}

/**
 * Prepares every form with a proof-of-work field: the work starts when the reader first turns to
 * the form (focus, typing, a tap), or at the latest when it is sent, never on page load: a sign-up
 * form sits at the end of every article, and most readers never use it.
 */
export function enhanceProofOfWork(root: ParentNode): void {
  for (const field of root.querySelectorAll<HTMLInputElement>('input[data-pow]')) {
    if (field.dataset.powStarted) continue;
    field.dataset.powStarted = '1';
    const form = field.form;
    if (!form) continue;
    const status = form.querySelector<HTMLElement>('[data-pow-status]');
    let work: Promise<string | null> | null = null;
    const start = (): Promise<string | null> => {
      work ??= fetch('/lecteurs/defi', { credentials: 'same-origin', cache: 'no-store' })
        .then((r) => (r.ok ? (r.json() as Promise<Challenge>) : null))
        .then((c) => (c ? solve(c) : null))
        .then((solution) => {
          if (solution) field.value = solution;
          return solution;
        })
        .catch(() => null);
      return work;
    };
    for (const type of ['focusin', 'input', 'pointerdown'] as const) form.addEventListener(type, () => void start(), { once: true });
    form.addEventListener('submit', (event) => {
      if (field.value || form.dataset.powWaited) return;
      event.preventDefault();
      if (status) status.textContent = 'Vérification anti-robot en cours…';
      void start().then(() => {
        form.dataset.powWaited = '1';
        if (status) status.textContent = '';
        form.requestSubmit();
      });
    });
  }
}
