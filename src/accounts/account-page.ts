import type { FastifyReply, FastifyRequest } from 'fastify';
import { renderAdminLayout, sendAdminHtml } from '../admin/admin-layout.ts';
import type { AppContext } from '../core/app-context.ts';
import { html } from '../core/html/html.ts';
import { loadSiteChrome } from '../publication/publication-repository.ts';

/** Sends a back-office page of the accounts feature inside the admin layout (with a fresh CSRF token). */
export async function sendAccountPage(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  page: { title: string; main: (csrfToken: string) => string; status?: number; active?: string; privateUrl?: boolean },
): Promise<FastifyReply> {
  const csrfToken = reply.generateCsrf();
  const { settings } = await loadSiteChrome(ctx.db);
  const document = renderAdminLayout(ctx, request.actor, {
    title: page.title,
    main: page.main(csrfToken),
    active: page.active,
    csrfToken,
    publicationName: settings.name,
  });
  // Pages whose URL holds a secret (setup, invitation, reset) never send it to another site as a
  // referrer. `same-origin` rather than `no-referrer`: with no-referrer, browsers post the form
  // with `Origin: null`, which the cross-site check must refuse.
  if (page.privateUrl) {
    return reply
      .code(page.status ?? 200)
      .headers({
        ...ctx.htmlHeaders,
        'referrer-policy': 'same-origin',
        'cache-control': 'no-store',
        'content-type': 'text/html; charset=utf-8',
      })
      .send(document);
  }
  return sendAdminHtml(ctx, reply, document, page.status ?? 200);
}

/** What a form field needs to render: its value as typed and its error, if any. */
export interface FieldState {
  value?: string;
  error?: string;
}

/** A labelled input whose error (and hint) are linked by aria-describedby. */
export function inputField(options: {
  name: string;
  label: string;
  type?: 'text' | 'email' | 'password';
  state?: FieldState;
  autocomplete?: string;
  hint?: string;
  required?: boolean;
  maxLength?: number;
  minLength?: number;
  autofocus?: boolean;
  inputmode?: string;
  /** When one page has two fields of the same name. */
  id?: string;
}): string {
  const id = options.id ?? `champ-${options.name}`;
  const error = options.state?.error;
  const described = [options.hint ? `${id}-aide` : '', error ? `${id}-erreur` : ''].filter(Boolean).join(' ');
  const type = options.type ?? 'text';
  // Passwords are never sent back into the page.
  const value = type === 'password' ? '' : (options.state?.value ?? '');
  const hint = options.hint ? html`<span class="field__hint" id="${id}-aide">${options.hint}</span>` : '';
  const errorText = error ? html`<span class="field__error" id="${id}-erreur">${error}</span>` : '';
  const attributes = [
    options.autocomplete ? html` autocomplete="${options.autocomplete}"` : '',
    options.required ? ' required' : '',
    options.maxLength ? html` maxlength="${String(options.maxLength)}"` : '',
    options.minLength ? html` minlength="${String(options.minLength)}"` : '',
    options.inputmode ? html` inputmode="${options.inputmode}"` : '',
    options.autofocus ? ' autofocus' : '',
    described ? html` aria-describedby="${described}"` : '',
    error ? ' aria-invalid="true"' : '',
  ].join('');
  return html`<div class="field"><label for="${id}">${options.label}</label>!${hint}!${errorText}<input type="${type}" id="${id}" name="${options.name}" value="${value}"!${attributes}></div>`;
}

/** The hidden CSRF field every form carries. */
export function csrfField(token: string): string {
  return html`<input type="hidden" name="_csrf" value="${token}">`;
}

/** A message box above a form: an error summary (role=alert) or a confirmation (role=status). */
export function notice(kind: 'ok' | 'error' | 'warn' | 'info', text: string): string {
  const role = kind === 'error' ? 'alert' : 'status';
  return html`<div class="notice${kind === 'info' ? '' : ` notice--${kind}`}" role="${role}">${text}</div>`;
}
