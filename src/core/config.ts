import net from 'node:net';
import path from 'node:path';
import { z } from 'zod';

// proxy-addr's names for address ranges, accepted in TRUSTED_PROXIES as Fastify passes them on.
const PROXY_RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** True for an IP address, a CIDR range (10.0.0.0/8, fd00::/8) or one of proxy-addr's range names. */
function isProxyAddress(value: string): boolean {
  if (PROXY_RANGE_NAMES.has(value)) return true;
  const [address, bits, ...rest] = value.split('/');
  const family = net.isIP(address);
  if (!family || rest.length) return false;
  if (bits === undefined) return true;
  const n = Number(bits);
  return /^\d+$/.test(bits) && n <= (family === 4 ? 32 : 128);
}

/** Environment variables Kiosque reads, validated once at boot. */
const envSchema = z.object({
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATA_DIR: z.string().min(1).default('data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'doit commencer par postgres:// ou postgresql://')
    .optional(),
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  KIOSQUE_DEMO: z.enum(['0', '1']).default('1'),
  PAGE_CACHE: z.enum(['0', '1']).default('1'),
  TRUSTED_PROXIES: z
    .string()
    .transform((value) =>
      value
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().refine(isProxyAddress, 'adresse IP ou plage CIDR attendue (séparées par des virgules)')))
    .optional(),
  SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  MAIL_FROM: z.string().min(3).default('Kiosque <ne-pas-repondre@localhost>'),
  INDEXNOW_KEY: z
    .string()
    .regex(/^[a-zA-Z0-9-]{8,128}$/, 'de 8 à 128 lettres, chiffres ou tirets (protocole IndexNow)')
    .optional(),
  INDEXNOW_ENDPOINT: z.url({ protocol: /^https?$/ }).default('https://api.indexnow.org/indexnow'),
  WEBSUB_HUBS: z
    .string()
    .transform((value) => value.split(/[\s,]+/).filter(Boolean))
    .pipe(z.array(z.url({ protocol: /^https?$/ })))
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  WEBHOOKS_ALLOW_PRIVATE: z.enum(['0', '1']).default('0'),
});

export type Env = z.input<typeof envSchema>;

export interface Config {
  host: string;
  port: number;
  dataDir: string;
  databaseUrl: string | undefined;
  /** Absolute origin used in canonical URLs, feeds and structured data, without a trailing slash. */
  publicUrl: string;
  env: 'development' | 'production' | 'test';
  loadDemo: boolean;
  pageCache: boolean;
  logLevel: string;
  /**
   * Reverse proxies whose X-Forwarded-For is believed (addresses or CIDR ranges); empty: none, the
   * client is the TCP peer. The client address is then the one the nearest trusted proxy saw.
   */
  trustedProxies: string[];
  /** SMTP server for account mail (invitations, password resets); without it, mail is written to DATA_DIR/mail as .eml files. */
  smtpUrl: string | undefined;
  /** The From header of the mail Kiosque sends. */
  mailFrom: string;
  /** IndexNow key: when set, search engines are told of published and updated addresses. */
  indexNowKey: string | undefined;
  /** Where IndexNow notifications go (the shared endpoint by default). */
  indexNowEndpoint: string;
  /** WebSub hubs pinged when a feed changes (none by default). */
  webSubHubs: string[];
  /** Webhooks may target private and loopback addresses (tests, intranets); public addresses only otherwise. */
  webhooksAllowPrivate: boolean;
}

export class ConfigError extends Error {}

/** Parses the environment into a Config, or throws a ConfigError naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`Configuration invalide — ${problems}`);
  }
  const e = parsed.data;
  const publicUrl = (e.PUBLIC_URL ?? `http://${e.HOST.includes(':') ? `[${e.HOST}]` : e.HOST}:${e.PORT}`).replace(/\/+$/, '');
  return {
    host: e.HOST,
    port: e.PORT,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    publicUrl,
    env: e.NODE_ENV,
    loadDemo: e.KIOSQUE_DEMO === '1',
    pageCache: e.PAGE_CACHE === '1',
    logLevel: e.LOG_LEVEL ?? (e.NODE_ENV === 'test' ? 'silent' : 'info'),
    trustedProxies: e.TRUSTED_PROXIES ?? [],
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    indexNowKey: e.INDEXNOW_KEY,
    indexNowEndpoint: e.INDEXNOW_ENDPOINT,
    webSubHubs: e.WEBSUB_HUBS ?? [],
    webhooksAllowPrivate: e.WEBHOOKS_ALLOW_PRIVATE === '1',
  };
}
