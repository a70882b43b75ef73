import crypto from 'node:crypto';

/** A keyed hash of an address: buckets and comments never store a reader's IP address itself. */
export function hashIp(ip: string, secret: string): string {
  return crypto.createHmac('sha256', secret).update(ip).digest('base64url').slice(0, 22);
}
