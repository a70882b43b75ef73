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

const bytes = z.coerce.number().int().positive().optional();

/**
 * Environment variables Kiosque reads, validated once at boot, and the Config they become. The
 * Config type is inferred from this schema (z.infer), so the two cannot drift.
 */
const configSchema = z
  .object({
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
    /** Largest number of the readers' proof-of-work challenge (difficulty): ~0.2 s on a phone at 100,000. */
    POW_MAX_NUMBER: z.coerce.number().int().min(10).max(10_000_000).default(100_000),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
    METRICS_TOKEN: z.string().min(16, 'au moins 16 caractères').optional(),
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
    MEDIA_MAX_IMAGE_BYTES: bytes,
    MEDIA_MAX_AUDIO_BYTES: bytes,
    MEDIA_MAX_VIDEO_BYTES: bytes,
    IMPORT_MAX_BYTES: bytes,
    UPLOADS_PER_HOUR: z.coerce.number().int().positive().max(100_000).default(120),
    WEBHOOKS_ALLOW_PRIVATE: z.enum(['0', '1']).default('0'),
    DESK_ALLOW_PRIVATE: z.enum(['0', '1']).default('0'),
    DESK_POLITENESS_MS: z.coerce.number().int().min(0).max(60_000).default(2000),
    PINGS_ALLOW_PRIVATE: z.enum(['0', '1']).default('0'),
    WIRE_ALLOW_PRIVATE: z.enum(['0', '1']).default('0'),
    WIRE_ROOT: z.string().min(1).optional(),
    NEWSLETTER_SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
    NEWSLETTER_MAX_CONNECTIONS: z.coerce.number().int().min(1).max(50).default(5),
    NEWSLETTER_RATE_PER_SECOND: z.coerce.number().int().min(0).max(100_000).default(0),
    NEWSLETTER_RETURN_PATH: z.email().optional(),
    NEWSLETTER_WEBHOOK_SECRET: z.string().min(16, 'au moins 16 caractères').optional(),
    NEWSLETTER_JOBS: z.enum(['web', 'worker']).default('web'),
    NEWSLETTER_SEND_NICE: z.coerce.number().int().min(0).max(19).default(10),
    NEWSLETTER_BOUNCE_IMAP_URL: z.url({ protocol: /^imaps?$/ }).optional(),
    NEWSLETTER_BOUNCE_IMAP_SECONDS: z.coerce.number().int().min(5).max(86_400).default(60),
    DKIM_DOMAIN: z.string().min(3).optional(),
    DKIM_SELECTOR: z.string().min(1).optional(),
    DKIM_PRIVATE_KEY_FILE: z.string().min(1).optional(),
    REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
    REDIS_PREFIX: z
      .string()
      .regex(/^[\w:.-]{1,64}$/, 'lettres, chiffres, « : », « . », « - » ou « _ » (64 au plus)')
      .default('kiosque:'),
    VARNISH_URLS: z
      .string()
      .transform((value) => value.split(/[\s,]+/).filter(Boolean))
      .pipe(z.array(z.url({ protocol: /^https?$/ })))
      .optional(),
  })
  .transform((e) => ({
    host: e.HOST,
    port: e.PORT,
    /** Absolute path of the data directory (SQLite file, media, mail). */
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    /** Absolute origin used in canonical URLs, feeds and structured data, without a trailing slash. */
    publicUrl: (e.PUBLIC_URL ?? `http://${e.HOST.includes(':') ? `[${e.HOST}]` : e.HOST}:${e.PORT}`).replace(/\/+$/, ''),
    env: e.NODE_ENV,
    loadDemo: e.KIOSQUE_DEMO === '1',
    pageCache: e.PAGE_CACHE === '1',
    logLevel: e.LOG_LEVEL ?? (e.NODE_ENV === 'test' ? 'silent' : 'info'),
    /**
     * Reverse proxies whose X-Forwarded-For is believed (addresses or CIDR ranges); empty: none, the
     * client is the TCP peer. The client address is then the one the nearest trusted proxy saw.
     */
    trustedProxies: e.TRUSTED_PROXIES ?? [],
    /** SMTP server for account mail (invitations, password resets); without it, mail is written to DATA_DIR/mail as .eml files. */
    smtpUrl: e.SMTP_URL,
    /** The From header of the mail Kiosque sends. */
    mailFrom: e.MAIL_FROM,
    /**
     * Largest upload per kind of media, in bytes, when set (MEDIA_MAX_IMAGE_BYTES, MEDIA_MAX_AUDIO_BYTES,
     * MEDIA_MAX_VIDEO_BYTES); the media library applies its defaults and ceilings (media/media-limits.ts).
     */
    mediaMaxBytes: { image: e.MEDIA_MAX_IMAGE_BYTES, audio: e.MEDIA_MAX_AUDIO_BYTES, video: e.MEDIA_MAX_VIDEO_BYTES },
    /** Largest WordPress or Ghost export accepted by the back office's import screen (default 2 GB). */
    importMaxBytes: e.IMPORT_MAX_BYTES ?? 2 * 1024 * 1024 * 1024,
    /** Uploads (images, sounds, videos) one account may send per hour, through the back office and the API together. */
    uploadsPerHour: e.UPLOADS_PER_HOUR,
    /** Webhooks may target private and loopback addresses (tests, intranets); public addresses only otherwise. */
    webhooksAllowPrivate: e.WEBHOOKS_ALLOW_PRIVATE === '1',
    /** The curation desk may fetch feeds and pages from private and loopback addresses (tests, intranets). */
    deskAllowPrivate: e.DESK_ALLOW_PRIVATE === '1',
    /** Pause between two requests of the desk to one host (a site's Crawl-delay may ask for more). */
    deskPolitenessMs: e.DESK_POLITENESS_MS,
    /** News agencies' pull URLs may be private and loopback addresses (tests, an agency box on the LAN). */
    wireAllowPrivate: e.WIRE_ALLOW_PRIVATE === '1',
    /** The only place news agencies' watched folders may be (each one a folder below it); default DATA_DIR/agences. */
    wireRoot: path.resolve(e.WIRE_ROOT ?? path.join(e.DATA_DIR, 'agences')),
    /** IndexNow key: published and updated addresses are announced to search engines; served at /{key}.txt. */
    indexNowKey: e.INDEXNOW_KEY,
    /** Where IndexNow notifications go. */
    indexNowEndpoint: e.INDEXNOW_ENDPOINT,
    /** WebSub hubs told when a feed changes (none by default). */
    webSubHubs: e.WEBSUB_HUBS ?? [],
    /** IndexNow and WebSub pings may target private and loopback addresses (tests, intranets). */
    pingsAllowPrivate: e.PINGS_ALLOW_PRIVATE === '1',
    /** Bearer token that opens /metrics from elsewhere than this machine. */
    metricsToken: e.METRICS_TOKEN,
    /** Difficulty of the readers' proof-of-work challenge (largest secret number). */
    proofOfWorkMax: e.POW_MAX_NUMBER,
    /**
     * Newsletter sending: its own SMTP server (else SMTP_URL), pooled connections and messages per
     * second (0: as fast as the server takes them), the bounce address (tagged per message, VERP),
     * the secret of the bounce webhook, and DKIM signing when a domain, selector and key file are set.
     */
    newsletterMail: {
      smtpUrl: e.NEWSLETTER_SMTP_URL ?? e.SMTP_URL,
      maxConnections: e.NEWSLETTER_MAX_CONNECTIONS,
      ratePerSecond: e.NEWSLETTER_RATE_PER_SECOND,
      returnPath: e.NEWSLETTER_RETURN_PATH,
      webhookSecret: e.NEWSLETTER_WEBHOOK_SECRET,
      /** 'worker': the web process leaves newsletter jobs to `npm run kiosque -- newsletter:worker`. */
      jobs: e.NEWSLETTER_JOBS,
      /**
       * The OS priority (nice, 0 to 19) sending runs at, below serving pages: the web process sends
       * in a thread of that priority, `newsletter:worker` lowers its own (docs/production.md).
       */
      sendNice: e.NEWSLETTER_SEND_NICE,
      /** The bounce mailbox, imap[s]://user:password@host[:port][/Mailbox], read every bounceImapSeconds. */
      bounceImap: e.NEWSLETTER_BOUNCE_IMAP_URL,
      bounceImapSeconds: e.NEWSLETTER_BOUNCE_IMAP_SECONDS,
      dkim:
        e.DKIM_DOMAIN && e.DKIM_SELECTOR && e.DKIM_PRIVATE_KEY_FILE
          ? { domain: e.DKIM_DOMAIN, selector: e.DKIM_SELECTOR, keyFile: e.DKIM_PRIVATE_KEY_FILE }
          : undefined,
    },
    /** Varnish instances in front (e.g. http://127.0.0.1:6081): each content change purges its tags there (xkey). */
    varnishUrls: e.VARNISH_URLS ?? [],
    /** Redis shared by the instances for rate limits; without it, limits are counted in the database or in memory. */
    redisUrl: e.REDIS_URL,
    /** Prefix of every Redis key Kiosque writes (several sites may share one Redis). */
    redisPrefix: e.REDIS_PREFIX,
  }));

/** Environment variables as given (strings), before validation. */
export type Env = z.input<typeof configSchema>;

/** The validated configuration every part of Kiosque receives. */
export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {}

/** Parses the environment into a Config, or throws a ConfigError naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = configSchema.safeParse(cleaned);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`Configuration invalide — ${problems}`);
  }
  return parsed.data;
}
