import type { BounceNotice } from './bounce-handling.ts';
import { parseReturnPath } from './newsletter-transport.ts';

/** Headers a bounce or a report can carry the VERP-tagged address it was sent back to in. */
const ADDRESSED_TO = ['to', 'delivered-to', 'x-original-to', 'envelope-to'];

/**
 * Fields of a report part (RFC 3464 `message/delivery-status`, RFC 5965 `message/feedback-report`):
 * groups separated by blank lines, each a map of lower-cased field names (continuation lines joined).
 */
export function reportGroups(text: string): Map<string, string>[] {
  return text
    .replace(/\r\n/g, '\n')
    .replace(/\n[ \t]+/g, ' ')
    .split(/\n\s*\n/)
    .map((group) => {
      const fields = new Map<string, string>();
      for (const line of group.split('\n')) {
        const colon = line.indexOf(':');
        if (colon > 0) fields.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
      }
      return fields;
    })
    .filter((fields) => fields.size > 0);
}

/** The address of a typed address field (`rfc822; lecteur@exemple.fr`), lower-cased; null when none. */
function addressOf(field: string | undefined): string | null {
  if (!field) return null;
  const value = (field.includes(';') ? field.slice(field.indexOf(';') + 1) : field).trim().replace(/^<|>$/g, '');
  return /^[^\s@<>]+@[^\s@<>]+$/.test(value) ? value.toLowerCase() : null;
}

/** Every address written in a header value (a To: list, a Delivered-To:). */
function addressesIn(value: unknown): string[] {
  const text = typeof value === 'string' ? value : value && typeof value === 'object' && 'text' in value ? String(value.text) : '';
  return text.match(/[^\s<>,;"]+@[^\s<>,;"]+/g) ?? [];
}

/**
 * What a message of the bounce mailbox says, as the notices the bounce rule takes: a delivery
 * status notification (RFC 3464: per recipient, `Action: failed` with a 5.x.x status is a hard
 * bounce, a 4.x.x status or `Action: delayed` a soft one; delivered, relayed and expanded say
 * nothing) or an abuse report (ARF, RFC 5965: a complaint). The reader is named by the VERP tag of
 * the address the report came back to (or, in a report, of the original envelope sender), else by
 * the recipient address in the report. Anything else (an auto-reply, spam): no notice.
 */
export async function bounceNotices(raw: Buffer): Promise<BounceNotice[]> {
  // Loaded on the first bounce read: a server that reads none never loads the parser.
  const { simpleParser } = await import('mailparser');
  const mail = await simpleParser(raw, { keepDeliveryStatus: true, skipHtmlToText: true, skipTextLinks: true });
  const tagged = ADDRESSED_TO.flatMap((name) => addressesIn(mail.headers.get(name))).find((a) => parseReturnPath(a) !== null);
  const notices: BounceNotice[] = [];
  for (const part of mail.attachments) {
    const type = part.contentType.toLowerCase();
    if (type === 'message/delivery-status') {
      for (const fields of reportGroups(part.content.toString('utf8'))) {
        const recipient = addressOf(fields.get('final-recipient') ?? fields.get('original-recipient'));
        if (!recipient) continue;
        const action = (fields.get('action') ?? '').toLowerCase();
        const status = fields.get('status') ?? '';
        const bounceType = action === 'delayed' || status.startsWith('4') ? 'soft' : action === 'failed' ? 'hard' : null;
        if (bounceType) notices.push({ type: 'bounce', bounceType, recipient, returnPath: tagged });
      }
    } else if (type === 'message/feedback-report') {
      const fields = new Map(reportGroups(part.content.toString('utf8')).flatMap((group) => [...group]));
      const from = addressOf(fields.get('original-mail-from'));
      const returnPath = from && parseReturnPath(from) ? from : tagged;
      const recipient = addressOf(fields.get('original-rcpt-to')) ?? undefined;
      if (returnPath || recipient) notices.push({ type: 'complaint', bounceType: 'hard', recipient, returnPath });
    }
  }
  return notices;
}
