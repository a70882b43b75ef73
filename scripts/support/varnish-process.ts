import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './server-process.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const VCL_DIR = path.join(ROOT, 'deploy', 'varnish');
const VARNISHD = ['/usr/sbin/varnishd', '/usr/local/sbin/varnishd'].find((candidate) => fs.existsSync(candidate));
const XKEY = ['/usr/lib/x86_64-linux-gnu/varnish/vmods', '/usr/lib/aarch64-linux-gnu/varnish/vmods', '/usr/lib/varnish/vmods'].some((dir) =>
  fs.existsSync(path.join(dir, 'libvmod_xkey.so')),
);

/** Why Varnish cannot run here (French, for skip messages), or undefined when it can. */
export const varnishMissing: string | undefined = !VARNISHD
  ? 'varnishd est absent (paquet Debian varnish, installé par .ci/run)'
  : !XKEY
    ? 'le vmod xkey est absent (paquet Debian varnish-modules, installé par .ci/run)'
    : undefined;

export interface VarnishProcess {
  origin: string;
  pid: number;
  stop(): Promise<void>;
  output(): string;
}

export interface VarnishOptions {
  /** Ports of the Kiosque instances on 127.0.0.1. */
  backendPorts: number[];
  /** Port to listen on (default: a free one), known before the instances start when they purge it. */
  port?: number;
  /** Extra VCL appended to the site's part (tests shorten a page's lifetime with it). */
  extraVcl?: string;
}

/** The site's part of the VCL, as an administrator writes it (deploy/varnish/kiosque-backends.example.vcl). */
function backendsVcl(ports: number[], extra: string): string {
  // A backend is sick after four failed probes in a row (2 s when it is down): a loaded test or
  // bench machine answering /readyz in a few seconds is slow, not sick (a 1 s timeout marked both
  // instances sick during the five-minute scale-out bench and Varnish answered errors).
  const backends = ports.map(
    (port, i) => `backend k${i} {
  .host = "127.0.0.1";
  .port = "${port}";
  .probe = { .url = "/readyz"; .interval = 500ms; .timeout = 5s; .window = 4; .threshold = 1; }
}`,
  );
  return `${backends.join('\n')}
acl kiosque_purgers { "127.0.0.1"; }
sub vcl_init {
  new kiosque = directors.round_robin();
${ports.map((_, i) => `  kiosque.add_backend(k${i});`).join('\n')}
}
${extra}
`;
}

/** Starts varnishd in the foreground with the shipped kiosque.vcl in front of the given instances. */
export async function startVarnish(options: VarnishOptions): Promise<VarnishProcess> {
  if (varnishMissing) throw new Error(varnishMissing);
  const port = options.port ?? (await freePort());
  const origin = `http://127.0.0.1:${port}`;
  // varnishd compiles the VCL under its own unprivileged user: the folder must be readable by all.
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosque-varnish-'));
  fs.chmodSync(workDir, 0o755);
  fs.writeFileSync(path.join(workDir, 'kiosque-backends.vcl'), backendsVcl(options.backendPorts, options.extraVcl ?? ''), { mode: 0o644 });
  const child: ChildProcess = spawn(
    VARNISHD!,
    [
      '-F',
      '-n',
      path.join(workDir, 'instance'),
      '-a',
      `127.0.0.1:${port}`,
      '-p',
      `vcl_path=${workDir}:${VCL_DIR}:/usr/share/varnish/vcl`,
      '-f',
      path.join(VCL_DIR, 'kiosque.vcl'),
      '-s',
      'malloc,64m',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      await new Promise((resolve) => {
        child.once('exit', resolve);
        child.kill('SIGTERM');
      });
    }
    fs.rmSync(workDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 20_000;
  for (;;) {
    const answered = await fetch(`${origin}/healthz`).then(
      (response) => response.ok,
      () => false,
    );
    if (answered) break;
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`Varnish ne répond pas sur ${origin}\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { origin, pid: child.pid!, stop, output: () => output };
}
