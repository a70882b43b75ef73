// An IMAP server for tests, written for Kiosque: no maintained IMAP server on npm runs without more
// infrastructure (WildDuck needs MongoDB and Redis; hoodiecrow-imap has not been released since
// 2015). It speaks the part of IMAP4rev1 (RFC 3501) a mailbox reader needs, over plain TCP on
// 127.0.0.1: CAPABILITY, LOGIN, NAMESPACE (RFC 2342), LIST/LSUB, SELECT/EXAMINE, UID FETCH (UID, FLAGS,
// BODY[] / BODY.PEEK[]), UID SEARCH (ALL, UID <set>), UID STORE ±FLAGS[.SILENT], NOOP, CLOSE, LOGOUT, with synchronising
// literals. Its mailboxes live in memory and outlast connections, so a test can read, stop, and read again.
import net from 'node:net';

interface StoredMessage {
  uid: number;
  flags: Set<string>;
  raw: Buffer;
}

export interface TestImapServer {
  url: string;
  port: number;
  /** Appends a message to a mailbox (INBOX by default); returns its UID. */
  deliver(raw: string | Buffer, mailbox?: string): number;
  /** The flags of each message of a mailbox, by UID. */
  flags(mailbox?: string): Map<number, string[]>;
  /** Commands received, without their tags (LOGIN's password hidden), for assertions. */
  commands: string[];
  close(): Promise<void>;
}

const CAPABILITIES = 'IMAP4rev1 NAMESPACE';

/** Splits IMAP arguments: atoms, "quoted strings", parenthesised lists kept whole. */
function splitArguments(text: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < text.length) {
    if (text[i] === ' ') {
      i++;
      continue;
    }
    if (text[i] === '"') {
      let value = '';
      i++;
      while (i < text.length && text[i] !== '"') {
        if (text[i] === '\\') i++;
        value += text[i++];
      }
      i++;
      out.push(value);
      continue;
    }
    if (text[i] === '(') {
      let depth = 0;
      const start = i;
      do {
        if (text[i] === '(') depth++;
        if (text[i] === ')') depth--;
        i++;
      } while (depth > 0 && i < text.length);
      out.push(text.slice(start, i));
      continue;
    }
    const start = i;
    while (i < text.length && text[i] !== ' ') i++;
    out.push(text.slice(start, i));
  }
  return out;
}

/** The UIDs of a sequence set (`1,3:5,7:*`) among those present; `*` is the highest UID (RFC 3501 6.4.8). */
function uidsIn(set: string, present: number[]): number[] {
  const highest = present.at(-1) ?? 0;
  const value = (s: string) => (s === '*' ? highest : Number(s));
  const wanted = new Set<number>();
  for (const part of set.split(',')) {
    const [a, b = a] = part.split(':');
    const low = Math.min(value(a), value(b));
    const high = Math.max(value(a), value(b));
    for (const uid of present) if (uid >= low && uid <= high) wanted.add(uid);
  }
  return present.filter((uid) => wanted.has(uid));
}

/** Starts the server on a free port; `user` and `pass` are the only account. */
export async function startTestImapServer(account = { user: 'rebonds', pass: 'secret-de-test' }): Promise<TestImapServer> {
  const mailboxes = new Map<string, { uidValidity: number; nextUid: number; messages: StoredMessage[] }>();
  const mailboxOf = (name: string) => {
    const key = name.toUpperCase() === 'INBOX' ? 'INBOX' : name;
    let box = mailboxes.get(key);
    if (!box) {
      box = { uidValidity: 1_700_000_000 + mailboxes.size, nextUid: 1, messages: [] };
      mailboxes.set(key, box);
    }
    return box;
  };
  mailboxOf('INBOX');
  const commands: string[] = [];
  const sockets = new Set<net.Socket>();

  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    let buffer = Buffer.alloc(0);
    let pending = ''; // A command line waiting for the literal it announced.
    let literalBytes = -1;
    let authenticated = false;
    let selected: ReturnType<typeof mailboxOf> | null = null;
    let readOnly = false;
    const write = (line: string | Buffer) => socket.write(line);

    const fetchResponse = (message: StoredMessage, seq: number, items: string, showBody: boolean): Buffer[] => {
      const parts = [`UID ${message.uid}`];
      if (/FLAGS/i.test(items) || !showBody) parts.push(`FLAGS (${[...message.flags].join(' ')})`);
      if (!showBody) return [Buffer.from(`* ${seq} FETCH (${parts.join(' ')})\r\n`)];
      return [Buffer.from(`* ${seq} FETCH (${parts.join(' ')} BODY[] {${message.raw.length}}\r\n`), message.raw, Buffer.from(')\r\n')];
    };

    const run = (line: string) => {
      const [tag = '*', rawCommand = '', ...rest] = splitArguments(line);
      let command = rawCommand.toUpperCase();
      let args = rest;
      if (command === 'UID') {
        command = `UID ${(args[0] ?? '').toUpperCase()}`;
        args = args.slice(1);
      }
      commands.push(command === 'LOGIN' ? `LOGIN ${args[0]}` : [command, ...args].join(' '));
      const ok = (text = `${command} completed`) => write(`${tag} OK ${text}\r\n`);
      const bad = (text: string) => write(`${tag} BAD ${text}\r\n`);
      switch (command) {
        case 'CAPABILITY':
          write(`* CAPABILITY ${CAPABILITIES}\r\n`);
          return ok();
        case 'NOOP':
          return ok();
        case 'LOGOUT':
          write('* BYE au revoir\r\n');
          ok();
          socket.end();
          return;
        case 'LOGIN':
          if (args[0] === account.user && args[1] === account.pass) {
            authenticated = true;
            return ok(`[CAPABILITY ${CAPABILITIES}] connecté`);
          }
          return write(`${tag} NO [AUTHENTICATIONFAILED] identifiants refusés\r\n`);
      }
      if (!authenticated) return bad('connectez-vous d’abord');
      switch (command) {
        case 'NAMESPACE':
          write('* NAMESPACE (("" "/")) NIL NIL\r\n');
          return ok();
        case 'ENABLE':
          write('* ENABLED\r\n');
          return ok();
        case 'LIST':
        case 'LSUB': {
          // Patterns: a name, or * and % for every mailbox (enough for a reader that names its mailbox).
          const pattern = args[1] ?? '';
          for (const name of mailboxes.keys())
            if (pattern === '*' || pattern === '%' || pattern.toUpperCase() === name.toUpperCase())
              write(`* ${command} () "/" "${name}"\r\n`);
          return ok();
        }
        case 'SELECT':
        case 'EXAMINE': {
          const box = mailboxOf(args[0] ?? 'INBOX');
          selected = box;
          readOnly = command === 'EXAMINE';
          write('* FLAGS (\\Seen \\Answered \\Flagged \\Deleted \\Draft)\r\n');
          write('* OK [PERMANENTFLAGS (\\Seen \\Answered \\Flagged \\Deleted \\Draft \\*)] drapeaux\r\n');
          write(`* ${box.messages.length} EXISTS\r\n* 0 RECENT\r\n`);
          write(`* OK [UIDVALIDITY ${box.uidValidity}] UIDs valides\r\n* OK [UIDNEXT ${box.nextUid}] prochain UID\r\n`);
          return ok(`[${readOnly ? 'READ-ONLY' : 'READ-WRITE'}] ${command} completed`);
        }
        case 'CLOSE':
          selected = null;
          return ok();
      }
      if (!selected) return bad('aucune boîte sélectionnée');
      const box = selected;
      switch (command) {
        case 'UID FETCH': {
          const items = args.slice(1).join(' ');
          const showBody = /BODY(\.PEEK)?\[\]/i.test(items);
          for (const uid of uidsIn(
            args[0] ?? '',
            box.messages.map((m) => m.uid),
          )) {
            const seq = box.messages.findIndex((m) => m.uid === uid) + 1;
            const message = box.messages[seq - 1];
            if (showBody && /BODY\[\]/i.test(items) && !readOnly) message.flags.add('\\Seen');
            for (const chunk of fetchResponse(message, seq, items, showBody)) write(chunk);
          }
          return ok();
        }
        case 'UID SEARCH': {
          // Only what a reader asks: ALL, or UID <set>.
          const present = box.messages.map((m) => m.uid);
          const set = (args[0] ?? '').toUpperCase() === 'UID' ? (args[1] ?? '') : '1:*';
          write(
            `* SEARCH${uidsIn(set, present)
              .map((uid) => ` ${uid}`)
              .join('')}\r\n`,
          );
          return ok();
        }
        case 'UID STORE': {
          if (readOnly) return write(`${tag} NO boîte en lecture seule\r\n`);
          const action = (args[1] ?? '').toUpperCase();
          const list = splitArguments((args[2] ?? '').replace(/^\(|\)$/g, ''));
          for (const uid of uidsIn(
            args[0] ?? '',
            box.messages.map((m) => m.uid),
          )) {
            const seq = box.messages.findIndex((m) => m.uid === uid) + 1;
            const message = box.messages[seq - 1];
            if (action.startsWith('+')) for (const f of list) message.flags.add(f);
            else if (action.startsWith('-')) for (const f of list) message.flags.delete(f);
            else message.flags = new Set(list);
            if (!action.endsWith('.SILENT')) for (const chunk of fetchResponse(message, seq, 'FLAGS', false)) write(chunk);
          }
          return ok();
        }
        default:
          return bad(`commande non prise en charge : ${command}`);
      }
    };

    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        if (literalBytes >= 0) {
          if (buffer.length < literalBytes) return;
          pending += JSON.stringify(buffer.subarray(0, literalBytes).toString('utf8'));
          buffer = buffer.subarray(literalBytes);
          literalBytes = -1;
          continue;
        }
        const end = buffer.indexOf('\r\n');
        if (end < 0) return;
        const line = pending + buffer.subarray(0, end).toString('utf8');
        buffer = buffer.subarray(end + 2);
        const literal = /\{(\d+)\}$/.exec(line);
        if (literal) {
          pending = line.slice(0, literal.index);
          literalBytes = Number(literal[1]);
          write('+ suite\r\n');
          continue;
        }
        pending = '';
        run(line);
      }
    });
    socket.write(`* OK [CAPABILITY ${CAPABILITIES}] serveur IMAP de test prêt\r\n`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    url: `imap://${account.user}:${account.pass}@127.0.0.1:${port}/INBOX`,
    commands,
    deliver(raw, mailbox = 'INBOX') {
      const box = mailboxOf(mailbox);
      const uid = box.nextUid++;
      box.messages.push({ uid, flags: new Set(), raw: Buffer.isBuffer(raw) ? raw : Buffer.from(raw.replace(/\r?\n/g, '\r\n')) });
      return uid;
    },
    flags(mailbox = 'INBOX') {
      return new Map(mailboxOf(mailbox).messages.map((m) => [m.uid, [...m.flags]]));
    },
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
