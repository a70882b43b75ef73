import { createHash } from 'node:crypto';
import { imageWorker } from '../images/image-worker.ts';

/**
 * Original editorial illustrations for the demo publication, drawn locally: an SVG is built
 * deterministically from a seed (same seed, same bytes) and rasterised with sharp. No stock
 * photo is downloaded, so the demo carries no third-party rights.
 */

export type IllustrationPalette = 'politique' | 'economie' | 'international' | 'societe' | 'culture' | 'video' | 'podcast' | 'neutral';
export type IllustrationMotif = 'skyline' | 'waves' | 'grid' | 'circles' | 'portrait' | 'map' | 'chart' | 'mic';

interface Palette {
  /** Background gradient, top to bottom. */
  sky: [string, string];
  ink: string;
  accents: [string, string, string];
  paper: string;
}

// Harmonious, slightly muted sets in the manner of flat magazine illustration.
const PALETTES: Record<IllustrationPalette, Palette> = {
  politique: { sky: ['#1b2a4a', '#3a5a8c'], ink: '#0f1a30', accents: ['#e4572e', '#f3a712', '#8fb3de'], paper: '#f4ede1' },
  economie: { sky: ['#0e3b43', '#23706b'], ink: '#082a30', accents: ['#f2b134', '#ed553b', '#9fd8cb'], paper: '#f6f1e7' },
  international: { sky: ['#1f2857', '#3b5ba5'], ink: '#121a3d', accents: ['#e07a5f', '#f2cc8f', '#81b29a'], paper: '#f4f1de' },
  societe: { sky: ['#4e2545', '#a64d72'], ink: '#2a1329', accents: ['#f6ae2d', '#f26419', '#86bbd8'], paper: '#fbeee0' },
  culture: { sky: ['#2d1e4f', '#77408a'], ink: '#1a1030', accents: ['#f9c74f', '#f9844a', '#43aa8b'], paper: '#fdf3e1' },
  video: { sky: ['#161616', '#3d1f22'], ink: '#0a0a0a', accents: ['#e63946', '#f1a208', '#a8dadc'], paper: '#f1faee' },
  podcast: { sky: ['#2b1b4a', '#5a3d8a'], ink: '#170d2b', accents: ['#ffb703', '#fb8500', '#8ecae6'], paper: '#fdf0d5' },
  neutral: { sky: ['#2f3e46', '#52796f'], ink: '#1b262c', accents: ['#e9c46a', '#84a98c', '#cad2c5'], paper: '#f1f3ee' },
};

const DEFAULT_MOTIFS: Record<IllustrationPalette, IllustrationMotif[]> = {
  politique: ['skyline', 'grid'],
  economie: ['chart', 'grid'],
  international: ['map', 'waves'],
  societe: ['portrait', 'circles'],
  culture: ['circles', 'grid'],
  video: ['circles', 'waves'],
  podcast: ['mic', 'waves'],
  neutral: ['grid', 'waves', 'circles'],
};

type Rng = () => number;

interface Ctx {
  W: number;
  H: number;
  r: Rng;
  p: Palette;
  defs: string[];
}

/** Renders a seeded editorial illustration as a JPEG (quality 85); 2400×1600 by default. */
export async function generateIllustration(
  seed: string,
  opts: { width?: number; height?: number; palette?: IllustrationPalette; motif?: IllustrationMotif } = {},
): Promise<Buffer> {
  const W = Math.round(opts.width ?? 2400);
  const H = Math.round(opts.height ?? 1600);
  if (!(W > 0 && H > 0 && W <= 8000 && H <= 8000)) throw new RangeError('Dimensions d’illustration invalides.');
  const r = seededRandom(seed);
  const paletteName = opts.palette ?? pick(r, Object.keys(PALETTES) as IllustrationPalette[]);
  const motif = opts.motif ?? pick(r, DEFAULT_MOTIFS[paletteName]);
  const ctx: Ctx = { W, H, r, p: varyPalette(PALETTES[paletteName], r), defs: [] };
  const body = MOTIFS[motif](ctx);
  return rasterise(svgDocument(W, H, ctx.defs, body + vignette(ctx)));
}

/** An 800×800 abstract author portrait: a flat bust on geometric ground, with the name's initials. */
export async function generatePortrait(seed: string, name: string): Promise<Buffer> {
  const S = 800;
  const r = seededRandom(`portrait:${seed}`);
  const p = varyPalette(PALETTES[pick(r, ['politique', 'economie', 'international', 'societe', 'culture', 'podcast'] as const)], r);
  const ctx: Ctx = { W: S, H: S, r, p, defs: [] };
  const skin = pick(r, ['#f1c9a5', '#e0ac84', '#c68863', '#8d5a3b', '#5c3a24', '#f5d5bd']);
  let hair = pick(r, ['#1c1512', '#3b2a20', '#6b4a2e', '#a7794a', '#d9c2a0', '#8a8a8a', '#2a2a35']);
  // Hair must read against the face: fall back to near-black or blond when too close in tone.
  if (contrast(hair, skin) < 1.5) hair = contrast('#1c1512', skin) >= contrast('#d9c2a0', skin) ? '#1c1512' : '#d9c2a0';
  const cloth = pick(r, [p.accents[0], p.accents[1], p.ink, mix(p.sky[1], p.ink, 0.3)]);
  const bg = linear(ctx, 0, 0, 1, 1, [
    [0, p.sky[0]],
    [1, p.sky[1]],
  ]);
  let out = `<rect width="${S}" height="${S}" fill="url(#${bg})"/>`;
  out += `<circle cx="${n(S * between(r, 0.62, 0.8))}" cy="${n(S * between(r, 0.2, 0.35))}" r="${n(S * between(r, 0.22, 0.3))}" fill="${p.accents[2]}" opacity="0.9"/>`;
  out += `<path d="M0 ${S} L0 ${n(S * 0.7)} L${n(S * 0.35)} ${S} Z" fill="${p.accents[1]}" opacity="0.85"/>`;
  // Monogram behind the figure: identity without pretending to be a likeness.
  const initials = escapeXml(initialsOf(name));
  if (initials) {
    out += `<text x="${n(S * 0.06)}" y="${n(S * 0.27)}" font-family="DejaVu Serif, Liberation Serif, serif" font-weight="bold" font-size="${n(S * 0.22)}" fill="${p.paper}" opacity="0.9">${initials}</text>`;
  }
  const cx = S * between(r, 0.5, 0.58);
  const headR = S * 0.15;
  const headY = S * 0.5;
  out += `<path d="M${n(cx - S * 0.34)} ${S} C${n(cx - S * 0.33)} ${n(S * 0.8)} ${n(cx - S * 0.2)} ${n(S * 0.71)} ${n(cx)} ${n(S * 0.71)} C${n(cx + S * 0.2)} ${n(S * 0.71)} ${n(cx + S * 0.33)} ${n(S * 0.8)} ${n(cx + S * 0.34)} ${S} Z" fill="${cloth}"/>`;
  out += `<rect x="${n(cx - headR * 0.42)}" y="${n(headY + headR * 0.5)}" width="${n(headR * 0.84)}" height="${n(headR * 1.05)}" rx="${n(headR * 0.3)}" fill="${mix(skin, '#000000', 0.12)}"/>`;
  out += `<path d="M${n(cx - headR * 0.5)} ${n(S * 0.71)} L${n(cx)} ${n(S * 0.8)} L${n(cx + headR * 0.5)} ${n(S * 0.71)} Z" fill="${mix(skin, '#000000', 0.12)}"/>`;
  const style = Math.floor(r() * 4);
  // Long hair is drawn behind the head, short hair and caps over it.
  if (style === 1)
    out += `<path d="M${n(cx - headR * 1.15)} ${n(headY + headR * 1.6)} Q${n(cx - headR * 1.3)} ${n(headY - headR * 1.4)} ${n(cx)} ${n(headY - headR * 1.18)} Q${n(cx + headR * 1.3)} ${n(headY - headR * 1.4)} ${n(cx + headR * 1.15)} ${n(headY + headR * 1.6)} Z" fill="${hair}"/>`;
  out += `<ellipse cx="${n(cx)}" cy="${n(headY)}" rx="${n(headR * 0.9)}" ry="${n(headR * 1.08)}" fill="${skin}"/>`;
  if (style === 0 || style === 1)
    out += `<path d="M${n(cx - headR * 0.95)} ${n(headY)} Q${n(cx - headR)} ${n(headY - headR * 1.3)} ${n(cx + headR * 0.1)} ${n(headY - headR * 1.15)} Q${n(cx + headR)} ${n(headY - headR * 1.1)} ${n(cx + headR * 0.95)} ${n(headY - headR * 0.1)} Q${n(cx + headR * 0.4)} ${n(headY - headR * 0.75)} ${n(cx - headR * 0.95)} ${n(headY)} Z" fill="${hair}"/>`;
  if (style === 2)
    out += `<path d="M${n(cx - headR * 0.92)} ${n(headY - headR * 0.1)} A${n(headR * 0.92)} ${n(headR * 1.05)} 0 0 1 ${n(cx + headR * 0.92)} ${n(headY - headR * 0.1)} Q${n(cx)} ${n(headY - headR * 0.55)} ${n(cx - headR * 0.92)} ${n(headY - headR * 0.1)} Z" fill="${hair}"/><circle cx="${n(cx + headR * 0.1)}" cy="${n(headY - headR * 1.25)}" r="${n(headR * 0.42)}" fill="${hair}"/>`;
  if (style === 3)
    out += `<path d="M${n(cx - headR * 0.9)} ${n(headY - headR * 0.35)} A${n(headR * 0.9)} ${n(headR * 0.95)} 0 0 1 ${n(cx + headR * 0.9)} ${n(headY - headR * 0.35)} Z" fill="${hair}" opacity="0.85"/>`;
  if (r() < 0.35) {
    const gy = headY + headR * 0.05;
    out += `<g fill="none" stroke="${p.ink}" stroke-width="${n(headR * 0.07)}"><circle cx="${n(cx - headR * 0.36)}" cy="${n(gy)}" r="${n(headR * 0.25)}"/><circle cx="${n(cx + headR * 0.36)}" cy="${n(gy)}" r="${n(headR * 0.25)}"/><path d="M${n(cx - headR * 0.11)} ${n(gy)} L${n(cx + headR * 0.11)} ${n(gy)}"/></g>`;
  }
  return rasterise(svgDocument(S, S, ctx.defs, out));
}

// ---------------------------------------------------------------- motifs

const MOTIFS: Record<IllustrationMotif, (c: Ctx) => string> = { skyline, waves, grid, circles, portrait, map, chart, mic };

/** City skyline at dusk: three layers of buildings (domes, spires, lit windows) under a striped sun. */
function skyline(c: Ctx): string {
  const { W, H, r, p } = c;
  let out = skyBackground(c);
  const sx = W * between(r, 0.55, 0.8);
  const sy = H * between(r, 0.26, 0.38);
  const sr = H * between(r, 0.13, 0.18);
  out += sun(c, sx, sy, sr, p.accents[0]);
  for (let i = 0; i < 3; i++)
    out += `<rect x="${n(W * between(r, -0.1, 0.6))}" y="${n(H * between(r, 0.1, 0.4))}" width="${n(W * between(r, 0.15, 0.35))}" height="${n(H * 0.025)}" rx="${n(H * 0.0125)}" fill="${p.paper}" opacity="0.13"/>`;
  const layers = [
    { top: [0.3, 0.5], color: mix(p.sky[1], p.paper, 0.18), opacity: 0.55, windows: false },
    { top: [0.44, 0.62], color: mix(p.ink, p.sky[1], 0.45), opacity: 1, windows: true },
    { top: [0.58, 0.78], color: p.ink, opacity: 1, windows: true },
  ] as const;
  for (const layer of layers) {
    let x = -W * between(r, 0, 0.04);
    out += `<g fill="${layer.color}" opacity="${layer.opacity}">`;
    let windows = '';
    while (x < W) {
      const bw = W * between(r, 0.04, 0.09);
      const top = H * between(r, layer.top[0], layer.top[1]);
      out += `<rect x="${n(x)}" y="${n(top)}" width="${n(bw)}" height="${n(H - top)}"/>`;
      const roof = r();
      if (roof < 0.12)
        out += `<path d="M${n(x + bw * 0.1)} ${n(top)} A${n(bw * 0.4)} ${n(bw * 0.4)} 0 0 1 ${n(x + bw * 0.9)} ${n(top)} Z"/><rect x="${n(x + bw * 0.47)}" y="${n(top - bw * 0.62)}" width="${n(bw * 0.06)}" height="${n(bw * 0.25)}"/>`;
      else if (roof < 0.3) out += `<rect x="${n(x + bw * 0.2)}" y="${n(top - H * 0.03)}" width="${n(bw * 0.6)}" height="${n(H * 0.031)}"/>`;
      else if (roof < 0.42) out += `<path d="M${n(x)} ${n(top)} L${n(x + bw / 2)} ${n(top - bw * 0.45)} L${n(x + bw)} ${n(top)} Z"/>`;
      else if (roof < 0.52)
        out += `<rect x="${n(x + bw * 0.48)}" y="${n(top - H * 0.08)}" width="${n(Math.max(2, bw * 0.04))}" height="${n(H * 0.08)}"/>`;
      if (layer.windows) windows += buildingWindows(c, x, top, bw, layer.color);
      x += bw + (r() < 0.3 ? W * between(r, 0.005, 0.02) : 0);
    }
    out += `</g>${windows}`;
  }
  return out;
}

function buildingWindows(c: Ctx, x: number, top: number, bw: number, wall: string): string {
  const { H, r, p } = c;
  const size = H * 0.012;
  const cols = Math.max(1, Math.floor((bw - size) / (size * 2.2)));
  const rows = Math.floor((H - top - size * 2) / (size * 2.6));
  const gap = (bw - cols * size) / (cols + 1);
  let out = '';
  for (let row = 0; row < rows; row++) {
    for (let col = 0; col < cols; col++) {
      const lit = r() < 0.22;
      if (!lit && r() < 0.5) continue;
      out += `<rect x="${n(x + gap + col * (size + gap))}" y="${n(top + size * 1.6 + row * size * 2.6)}" width="${n(size)}" height="${n(size * 1.3)}" fill="${lit ? p.accents[1] : mix(wall, p.sky[1], 0.25)}" opacity="${lit ? 0.9 : 0.6}"/>`;
    }
  }
  return out;
}

/** Layered sea under a low sun, with a light crest on each swell. */
function waves(c: Ctx): string {
  const { W, H, r, p } = c;
  let out = skyBackground(c);
  out += sun(c, W * between(r, 0.2, 0.8), H * between(r, 0.24, 0.34), H * between(r, 0.1, 0.15), p.accents[1]);
  const bands = 6 + Math.floor(r() * 3);
  for (let i = 0; i < bands; i++) {
    const t = i / (bands - 1);
    const base = H * (0.44 + t * 0.5);
    const amp = H * between(r, 0.012, 0.035) * (0.6 + t);
    const f1 = between(r, 1, 2.6);
    const f2 = between(r, 3, 6);
    const ph1 = r() * Math.PI * 2;
    const ph2 = r() * Math.PI * 2;
    const points: Array<[number, number]> = [];
    for (let k = 0; k <= 40; k++) {
      const x = (W * k) / 40;
      points.push([x, base + amp * Math.sin((f1 * 2 * Math.PI * x) / W + ph1) + amp * 0.35 * Math.sin((f2 * 2 * Math.PI * x) / W + ph2)]);
    }
    const crest = smoothOpen(points);
    out += `<path d="${crest} L${W} ${H} L0 ${H} Z" fill="${mix(mix(p.sky[1], p.accents[2], 0.45), p.ink, t)}"/>`;
    out += `<path d="${crest}" fill="none" stroke="${p.paper}" stroke-opacity="${n(0.28 - t * 0.15)}" stroke-width="${n(H * 0.004)}"/>`;
  }
  return out;
}

/** Bauhaus-style tiles: quarter and half discs, rings, stripes, one shape per square. */
function grid(c: Ctx): string {
  const { W, H, r, p } = c;
  const rows = pick(r, [3, 4, 4, 5]);
  const s = H / rows;
  const cols = Math.ceil(W / s);
  const x0 = (W - cols * s) / 2;
  const colours = [p.ink, p.accents[0], p.accents[1], p.accents[2], p.sky[1], p.paper];
  let out = `<rect width="${W}" height="${H}" fill="${p.paper}"/>`;
  for (let row = 0; row < rows; row++) {
    for (let col = 0; col < cols; col++) {
      const x = x0 + col * s;
      const y = row * s;
      const bg = pick(r, colours);
      const fg = pick(
        r,
        colours.filter((k) => k !== bg),
      );
      const turn = `transform="rotate(${90 * Math.floor(r() * 4)} ${n(x + s / 2)} ${n(y + s / 2)})"`;
      out += `<rect x="${n(x)}" y="${n(y)}" width="${n(s + 1)}" height="${n(s + 1)}" fill="${bg}"/>`;
      const kind = r();
      if (kind < 0.2)
        out += `<path ${turn} d="M${n(x)} ${n(y)} L${n(x + s)} ${n(y)} A${n(s)} ${n(s)} 0 0 1 ${n(x)} ${n(y + s)} Z" fill="${fg}"/>`;
      else if (kind < 0.38)
        out += `<path ${turn} d="M${n(x)} ${n(y)} L${n(x + s)} ${n(y)} A${n(s / 2)} ${n(s / 2)} 0 0 1 ${n(x)} ${n(y)} Z" fill="${fg}"/>`;
      else if (kind < 0.5) out += `<circle cx="${n(x + s / 2)}" cy="${n(y + s / 2)}" r="${n(s * 0.36)}" fill="${fg}"/>`;
      else if (kind < 0.6)
        out += `<circle cx="${n(x + s / 2)}" cy="${n(y + s / 2)}" r="${n(s * 0.3)}" fill="none" stroke="${fg}" stroke-width="${n(s * 0.1)}"/>`;
      else if (kind < 0.72) out += `<path ${turn} d="M${n(x)} ${n(y)} L${n(x + s)} ${n(y)} L${n(x)} ${n(y + s)} Z" fill="${fg}"/>`;
      else if (kind < 0.82)
        out += `<g ${turn} fill="${fg}">${[1, 3, 5, 7].map((k) => `<rect x="${n(x)}" y="${n(y + (k * s) / 9)}" width="${n(s)}" height="${n(s / 9)}"/>`).join('')}</g>`;
      else if (kind < 0.92)
        out += `<path ${turn} d="M${n(x)} ${n(y + s)} A${n(s)} ${n(s)} 0 0 1 ${n(x + s)} ${n(y)} A${n(s)} ${n(s)} 0 0 1 ${n(x)} ${n(y + s)} Z" fill="${fg}"/>`;
      else
        out += `<g fill="${fg}">${[0.25, 0.5, 0.75].flatMap((a) => [0.25, 0.5, 0.75].map((b) => `<circle cx="${n(x + a * s)}" cy="${n(y + b * s)}" r="${n(s * 0.07)}"/>`)).join('')}</g>`;
    }
  }
  return out;
}

/** Overlapping discs, concentric rings and a halftone disc: the abstract cover. */
function circles(c: Ctx): string {
  const { W, H, r, p } = c;
  const dark = r() < 0.5;
  let out = dark ? skyBackground(c) : `<rect width="${W}" height="${H}" fill="${p.paper}"/>`;
  const line = dark ? p.paper : p.ink;
  const fills = [p.accents[0], p.accents[1], p.accents[2], dark ? mix(p.sky[1], p.paper, 0.2) : p.sky[1]];
  const count = 4 + Math.floor(r() * 3);
  for (let i = 0; i < count; i++) {
    const x = W * (0.1 + (0.8 * (i + r() * 0.8)) / count);
    out += `<circle cx="${n(x)}" cy="${n(H * between(r, 0.25, 0.75))}" r="${n(H * between(r, 0.14, 0.36))}" fill="${fills[i % fills.length]}" opacity="${n(between(r, 0.82, 0.95))}"/>`;
  }
  const dots = pattern(c, H * 0.018, line);
  out += `<circle cx="${n(W * between(r, 0.15, 0.85))}" cy="${n(H * between(r, 0.3, 0.7))}" r="${n(H * between(r, 0.16, 0.26))}" fill="url(#${dots})" opacity="0.55"/>`;
  const rx = W * between(r, 0.2, 0.8);
  const ry = H * between(r, 0.2, 0.8);
  for (let k = 1; k <= 6; k++)
    out += `<circle cx="${n(rx)}" cy="${n(ry)}" r="${n(H * 0.05 * k)}" fill="none" stroke="${line}" stroke-opacity="${n(0.5 - k * 0.06)}" stroke-width="${n(H * 0.003)}"/>`;
  for (let k = 0; k < 3; k++) {
    const R = H * between(r, 0.2, 0.4);
    const a = r() * Math.PI * 2;
    const cx = W * between(r, 0.2, 0.8);
    const cy = H * between(r, 0.3, 0.7);
    out += `<path d="M${n(cx + R * Math.cos(a))} ${n(cy + R * Math.sin(a))} A${n(R)} ${n(R)} 0 0 1 ${n(cx + R * Math.cos(a + 1.6))} ${n(cy + R * Math.sin(a + 1.6))}" fill="none" stroke="${pick(r, fills)}" stroke-width="${n(H * 0.018)}" stroke-linecap="round"/>`;
  }
  return out;
}

/** A large profile, thoughts drawn inside it, before a crowd of small busts. */
function portrait(c: Ctx): string {
  const { W, H, r, p } = c;
  let out = skyBackground(c);
  out += `<path d="M${n(W * between(r, 0.5, 0.7))} 0 L${W} 0 L${W} ${H} L${n(W * between(r, 0.3, 0.5))} ${H} Z" fill="${p.accents[2]}" opacity="0.25"/>`;
  const h = H * 0.92;
  const ox = W * between(r, 0.04, 0.2);
  const oy = H - h;
  // The crowd, behind, on the side the face looks towards.
  for (let row = 0; row < 2; row++) {
    const size = H * (row === 0 ? 0.07 : 0.095);
    const baseY = H - (row === 0 ? size * 2.7 : 0);
    let x = ox + h * 0.62 + r() * size;
    while (x < W + size) {
      const colour = pick(r, [p.paper, p.accents[2], mix(p.accents[1], p.paper, 0.3), mix(p.sky[1], p.paper, 0.4)]);
      out += bust(x, baseY, size, row === 0 ? mix(colour, p.sky[1], 0.45) : colour);
      x += size * between(r, 2.1, 2.6);
    }
  }
  out += `<circle cx="${n(ox + h * 0.42)}" cy="${n(oy + h * 0.35)}" r="${n(h * 0.42)}" fill="${p.accents[0]}"/>`;
  // Hand-drawn profile facing right, on a 1-high box.
  const profile: Array<[number, number]> = [
    [0.02, 1.0],
    [0.08, 0.86],
    [0.22, 0.72],
    [0.2, 0.6],
    [0.15, 0.44],
    [0.18, 0.27],
    [0.3, 0.13],
    [0.44, 0.08],
    [0.57, 0.13],
    [0.63, 0.24],
    [0.64, 0.31],
    [0.665, 0.36],
    [0.705, 0.42],
    [0.66, 0.445],
    [0.665, 0.485],
    [0.645, 0.505],
    [0.66, 0.535],
    [0.645, 0.58],
    [0.6, 0.61],
    [0.53, 0.63],
    [0.5, 0.7],
    [0.53, 0.78],
    [0.7, 0.87],
    [0.8, 1.0],
  ];
  const head = smoothClosed(profile.map(([x, y]) => [ox + x * h, oy + y * h]));
  const clip = id(c, 'clip');
  c.defs.push(`<clipPath id="${clip}"><path d="${head}"/></clipPath>`);
  out += `<path d="${head}" fill="${p.ink}"/>`;
  // Inside the head: a small constellation of shapes, the "idea".
  out += `<g clip-path="url(#${clip})">`;
  const cx = ox + h * 0.38;
  const cy = oy + h * 0.3;
  for (let k = 1; k <= 5; k++)
    out += `<circle cx="${n(cx)}" cy="${n(cy)}" r="${n(h * 0.045 * k)}" fill="none" stroke="${p.accents[1]}" stroke-opacity="${n(0.7 - k * 0.1)}" stroke-width="${n(h * 0.006)}"/>`;
  out += `<circle cx="${n(cx)}" cy="${n(cy)}" r="${n(h * 0.04)}" fill="${p.accents[1]}"/></g>`;
  return out;
}

function bust(x: number, baseY: number, size: number, colour: string): string {
  return `<g fill="${colour}"><circle cx="${n(x)}" cy="${n(baseY - size * 1.9)}" r="${n(size * 0.55)}"/><path d="M${n(x - size)} ${n(baseY)} C${n(x - size)} ${n(baseY - size * 1.2)} ${n(x + size)} ${n(baseY - size * 1.2)} ${n(x + size)} ${n(baseY)} Z"/></g>`;
}

/** A globe with graticule, continents of soft blobs and flight arcs between cities. */
function map(c: Ctx): string {
  const { W, H, r, p } = c;
  let out = skyBackground(c);
  for (let i = 0; i < 60; i++)
    out += `<circle cx="${n(W * r())}" cy="${n(H * r())}" r="${n(H * between(r, 0.001, 0.003))}" fill="${p.paper}" opacity="${n(between(r, 0.2, 0.6))}"/>`;
  const gx = W * between(r, 0.42, 0.6);
  const gy = H * between(r, 0.6, 0.75);
  const R = H * between(r, 0.55, 0.68);
  const clip = id(c, 'globe');
  c.defs.push(`<clipPath id="${clip}"><circle cx="${n(gx)}" cy="${n(gy)}" r="${n(R)}"/></clipPath>`);
  const shade = radial(
    c,
    [
      [0, mix(p.sky[1], p.paper, 0.12)],
      [1, mix(p.sky[0], p.ink, 0.4)],
    ],
    0.35,
    0.3,
  );
  out += `<circle cx="${n(gx)}" cy="${n(gy)}" r="${n(R * 1.04)}" fill="${p.accents[2]}" opacity="0.15"/><circle cx="${n(gx)}" cy="${n(gy)}" r="${n(R)}" fill="url(#${shade})"/>`;
  out += `<g clip-path="url(#${clip})"><g fill="none" stroke="${p.paper}" stroke-opacity="0.14" stroke-width="${n(H * 0.002)}">`;
  for (let k = 1; k < 6; k++) out += `<ellipse cx="${n(gx)}" cy="${n(gy)}" rx="${n(R * Math.cos((k * Math.PI) / 12))}" ry="${n(R)}"/>`;
  for (let k = -5; k <= 5; k++)
    out += `<path d="M${n(gx - R)} ${n(gy + R * Math.sin((k * Math.PI) / 12))} L${n(gx + R)} ${n(gy + R * Math.sin((k * Math.PI) / 12))}"/>`;
  out += `<path d="M${n(gx)} ${n(gy - R)} L${n(gx)} ${n(gy + R)}"/></g>`;
  const cities: Array<[number, number]> = [];
  const lands = 4 + Math.floor(r() * 3);
  for (let i = 0; i < lands; i++) {
    // Land (and its city) only where the globe is in frame: the globe's lower part is cut off.
    let lx = gx;
    let ly = gy - R * 0.4;
    for (let attempt = 0; attempt < 12; attempt++) {
      const a = r() * Math.PI * 2;
      const d = R * Math.sqrt(r()) * 0.75;
      lx = gx + d * Math.cos(a);
      ly = gy + d * Math.sin(a);
      if (ly < H * 0.8 && lx > W * 0.08 && lx < W * 0.92) break;
    }
    const size = R * between(r, 0.12, 0.3);
    const pts: Array<[number, number]> = [];
    for (let k = 0; k < 9; k++) {
      const t = (k / 9) * Math.PI * 2;
      const rr = size * between(r, 0.55, 1.1);
      pts.push([lx + rr * Math.cos(t) * 1.25, ly + rr * Math.sin(t)]);
    }
    out += `<path d="${smoothClosed(pts)}" fill="${pick(r, [p.accents[2], mix(p.accents[2], p.paper, 0.3), mix(p.accents[1], p.accents[2], 0.5)])}" opacity="0.92"/>`;
    cities.push([lx + size * between(r, -0.4, 0.4), ly + size * between(r, -0.3, 0.3)]);
  }
  out += '</g>';
  for (let i = 0; i + 1 < cities.length; i++) {
    const [x1, y1] = cities[i]!;
    const [x2, y2] = cities[i + 1]!;
    const lift = Math.hypot(x2 - x1, y2 - y1) * 0.45;
    out += `<path d="M${n(x1)} ${n(y1)} Q${n((x1 + x2) / 2)} ${n(Math.min(y1, y2) - lift)} ${n(x2)} ${n(y2)}" fill="none" stroke="${p.accents[0]}" stroke-width="${n(H * 0.005)}" stroke-linecap="round"${i % 2 ? ` stroke-dasharray="${n(H * 0.012)} ${n(H * 0.012)}"` : ''}/>`;
  }
  for (const [x, y] of cities)
    out += `<circle cx="${n(x)}" cy="${n(y)}" r="${n(H * 0.016)}" fill="${p.accents[1]}"/><circle cx="${n(x)}" cy="${n(y)}" r="${n(H * 0.03)}" fill="none" stroke="${p.accents[1]}" stroke-opacity="0.6" stroke-width="${n(H * 0.003)}"/>`;
  return out;
}

/** A data chart: soft bars, a trend line over a shaded area, and a donut in the corner. */
function chart(c: Ctx): string {
  const { W, H, r, p } = c;
  let out = skyBackground(c);
  const left = W * 0.07;
  const right = W * 0.93;
  const bottom = H * 0.86;
  const top = H * 0.18;
  for (let k = 0; k <= 4; k++)
    out += `<path d="M${n(left)} ${n(bottom - ((bottom - top) * k) / 4)} L${n(right)} ${n(bottom - ((bottom - top) * k) / 4)}" stroke="${p.paper}" stroke-opacity="0.13" stroke-width="${n(H * 0.002)}"/>`;
  const count = 12 + Math.floor(r() * 6);
  const step = (right - left) / count;
  const trend = r() < 0.7 ? 1 : -1;
  let v = trend > 0 ? 0.3 : 0.75;
  let w = between(r, 0.2, 0.45);
  const line: Array<[number, number]> = [];
  for (let i = 0; i < count; i++) {
    v = Math.min(0.95, Math.max(0.1, v + trend * 0.035 + between(r, -0.08, 0.08)));
    w = Math.min(0.8, Math.max(0.08, w + between(r, -0.12, 0.12)));
    const x = left + i * step + step * 0.22;
    const barH = (bottom - top) * w;
    const colour = i === count - 1 ? p.accents[0] : p.accents[2];
    out += `<rect x="${n(x)}" y="${n(bottom - barH)}" width="${n(step * 0.56)}" height="${n(barH)}" rx="${n(step * 0.08)}" fill="${colour}" opacity="${i === count - 1 ? 0.95 : 0.32}"/>`;
    line.push([x + step * 0.28, bottom - (bottom - top) * v]);
  }
  const area = linear(c, 0, 0, 0, 1, [
    [0, p.accents[1], 0.45],
    [1, p.accents[1], 0],
  ]);
  const curve = smoothOpen(line);
  out += `<path d="${curve} L${n(line[line.length - 1]![0])} ${n(bottom)} L${n(line[0]![0])} ${n(bottom)} Z" fill="url(#${area})"/>`;
  out += `<path d="${curve}" fill="none" stroke="${p.accents[1]}" stroke-width="${n(H * 0.008)}" stroke-linejoin="round" stroke-linecap="round"/>`;
  for (const [x, y] of line)
    out += `<circle cx="${n(x)}" cy="${n(y)}" r="${n(H * 0.009)}" fill="${p.paper}" stroke="${p.accents[1]}" stroke-width="${n(H * 0.004)}"/>`;
  const [lx, ly] = line[line.length - 1]!;
  out += `<circle cx="${n(lx)}" cy="${n(ly)}" r="${n(H * 0.03)}" fill="none" stroke="${p.accents[1]}" stroke-width="${n(H * 0.004)}"/>`;
  out += `<path d="M${n(left)} ${n(bottom)} L${n(right)} ${n(bottom)}" stroke="${p.paper}" stroke-opacity="0.5" stroke-width="${n(H * 0.003)}"/>`;
  // Donut: three segments drawn as dashed strokes of one circle.
  const dr = H * 0.075;
  const dx = trend > 0 ? left + dr * 1.6 : right - dr * 1.6;
  const dy = top - H * 0.02 + dr;
  const circ = 2 * Math.PI * dr;
  let offset = 0;
  for (const [share, colour] of [
    [between(r, 0.35, 0.55), p.accents[0]],
    [between(r, 0.2, 0.3), p.accents[1]],
    [1, p.accents[2]],
  ] as const) {
    const len = Math.min(share, 1 - offset) * circ;
    if (len <= 0) break;
    out += `<circle cx="${n(dx)}" cy="${n(dy)}" r="${n(dr)}" fill="none" stroke="${colour}" stroke-width="${n(dr * 0.45)}" stroke-dasharray="${n(len)} ${n(circ)}" stroke-dashoffset="${n(-offset * circ)}" transform="rotate(-90 ${n(dx)} ${n(dy)})"/>`;
    offset += share;
  }
  return out;
}

/** A studio microphone radiating sound waves over an equaliser. */
function mic(c: Ctx): string {
  const { W, H, r, p } = c;
  let out = skyBackground(c);
  const cx = W * between(r, 0.4, 0.6);
  const bw = H * 0.2;
  const top = H * 0.14;
  const bh = H * 0.4;
  const mid = top + bh * 0.62;
  for (let k = 1; k <= 4; k++) {
    const R = bw * (0.9 + k * 0.55);
    const a = 0.75;
    for (const dir of [-1, 1]) {
      const x1 = cx + dir * R * Math.cos(a);
      const x2 = x1;
      out += `<path d="M${n(x1)} ${n(mid - R * Math.sin(a))} A${n(R)} ${n(R)} 0 0 ${dir > 0 ? 1 : 0} ${n(x2)} ${n(mid + R * Math.sin(a))}" fill="none" stroke="${k % 2 ? p.accents[1] : p.accents[2]}" stroke-opacity="${n(0.9 - k * 0.17)}" stroke-width="${n(H * 0.014)}" stroke-linecap="round"/>`;
    }
  }
  const eqTop = H * 0.8;
  const bars = 48;
  for (let i = 0; i < bars; i++) {
    const bhh = H * 0.16 * (0.2 + 0.8 * Math.abs(Math.sin(i * 0.45 + r() * 0.8))) * between(r, 0.5, 1);
    out += `<rect x="${n((W * (i + 0.2)) / bars)}" y="${n(H - bhh)}" width="${n((W / bars) * 0.6)}" height="${n(bhh)}" rx="${n((W / bars) * 0.3)}" fill="${p.accents[0]}" opacity="${n(0.25 + (eqTop / H) * 0.2)}"/>`;
  }
  const R = bw * 0.78;
  const standTop = mid + R;
  out += `<path d="M${n(cx - R)} ${n(mid - bh * 0.12)} L${n(cx - R)} ${n(mid)} A${n(R)} ${n(R)} 0 0 0 ${n(cx + R)} ${n(mid)} L${n(cx + R)} ${n(mid - bh * 0.12)}" fill="none" stroke="${p.paper}" stroke-width="${n(bw * 0.09)}" stroke-linecap="round"/>`;
  out += `<rect x="${n(cx - bw * 0.045)}" y="${n(standTop)}" width="${n(bw * 0.09)}" height="${n(H * 0.88 - standTop)}" fill="${p.paper}"/>`;
  out += `<rect x="${n(cx - bw * 0.8)}" y="${n(H * 0.87)}" width="${n(bw * 1.6)}" height="${n(H * 0.03)}" rx="${n(H * 0.015)}" fill="${p.paper}"/>`;
  const clip = id(c, 'capsule');
  c.defs.push(
    `<clipPath id="${clip}"><rect x="${n(cx - bw / 2)}" y="${n(top)}" width="${n(bw)}" height="${n(bh)}" rx="${n(bw / 2)}"/></clipPath>`,
  );
  const metal = linear(c, 0, 0, 1, 0, [
    [0, mix(p.accents[0], p.ink, 0.25)],
    [0.45, p.accents[0]],
    [1, mix(p.accents[0], p.ink, 0.35)],
  ]);
  out += `<rect x="${n(cx - bw / 2)}" y="${n(top)}" width="${n(bw)}" height="${n(bh)}" rx="${n(bw / 2)}" fill="url(#${metal})"/><g clip-path="url(#${clip})" stroke="${p.ink}" stroke-opacity="0.3" stroke-width="${n(H * 0.004)}">`;
  for (let y = top + bh * 0.08; y < top + bh * 0.55; y += H * 0.018)
    out += `<path d="M${n(cx - bw / 2)} ${n(y)} L${n(cx + bw / 2)} ${n(y)}"/>`;
  out += `</g><rect x="${n(cx - bw / 2)}" y="${n(top + bh * 0.6)}" width="${n(bw)}" height="${n(bh * 0.06)}" fill="${p.ink}" opacity="0.35"/>`;
  return out;
}

// ---------------------------------------------------------------- shared pieces

function skyBackground(c: Ctx): string {
  const g = linear(c, 0, 0, 0, 1, [
    [0, c.p.sky[0]],
    [1, c.p.sky[1]],
  ]);
  return `<rect width="${c.W}" height="${c.H}" fill="url(#${g})"/>`;
}

function sun(c: Ctx, x: number, y: number, R: number, colour: string): string {
  let out = '';
  for (let k = 3; k >= 1; k--) out += `<circle cx="${n(x)}" cy="${n(y)}" r="${n(R * (1 + k * 0.32))}" fill="${colour}" opacity="0.07"/>`;
  out += `<circle cx="${n(x)}" cy="${n(y)}" r="${n(R)}" fill="${colour}"/>`;
  // Horizontal cuts across the lower half: the classic poster sun.
  for (let k = 0; k < 4; k++)
    out += `<rect x="${n(x - R)}" y="${n(y + R * (0.2 + k * 0.22))}" width="${n(2 * R)}" height="${n(R * 0.035 * (k + 1))}" fill="${mix(c.p.sky[0], c.p.sky[1], Math.min(1, (y + R * (0.2 + k * 0.22)) / c.H))}"/>`;
  return out;
}

/** Darkens the edges a little, as printed covers do, and gives the flat shapes depth. */
function vignette(c: Ctx): string {
  const g = radial(
    c,
    [
      [0.6, '#000000', 0],
      [1, '#000000', 0.28],
    ],
    0.5,
    0.5,
  );
  return `<rect width="${c.W}" height="${c.H}" fill="url(#${g})"/>`;
}

function linear(c: Ctx, x1: number, y1: number, x2: number, y2: number, stops: Array<readonly [number, string, number?]>): string {
  const gid = id(c, 'lin');
  c.defs.push(
    `<linearGradient id="${gid}" x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}">${stops.map(([o, col, op]) => `<stop offset="${o}" stop-color="${col}" stop-opacity="${op ?? 1}"/>`).join('')}</linearGradient>`,
  );
  return gid;
}

function radial(c: Ctx, stops: Array<readonly [number, string, number?]>, cx: number, cy: number): string {
  const gid = id(c, 'rad');
  c.defs.push(
    `<radialGradient id="${gid}" cx="${cx}" cy="${cy}" r="0.75">${stops.map(([o, col, op]) => `<stop offset="${o}" stop-color="${col}" stop-opacity="${op ?? 1}"/>`).join('')}</radialGradient>`,
  );
  return gid;
}

function pattern(c: Ctx, step: number, colour: string): string {
  const pid = id(c, 'dots');
  c.defs.push(
    `<pattern id="${pid}" width="${n(step)}" height="${n(step)}" patternUnits="userSpaceOnUse"><circle cx="${n(step / 2)}" cy="${n(step / 2)}" r="${n(step * 0.28)}" fill="${colour}"/></pattern>`,
  );
  return pid;
}

function id(c: Ctx, prefix: string): string {
  return `${prefix}${c.defs.length}`;
}

/** Catmull-Rom through the points, as cubic Béziers (open curve). */
function smoothOpen(points: Array<[number, number]>): string {
  const at = (i: number) => points[Math.max(0, Math.min(points.length - 1, i))]!;
  let d = `M${n(at(0)[0])} ${n(at(0)[1])}`;
  for (let i = 0; i < points.length - 1; i++) d += segment(at(i - 1), at(i), at(i + 1), at(i + 2));
  return d;
}

/** Catmull-Rom through the points, closed. */
function smoothClosed(points: Array<[number, number]>): string {
  const len = points.length;
  const at = (i: number) => points[((i % len) + len) % len]!;
  let d = `M${n(at(0)[0])} ${n(at(0)[1])}`;
  for (let i = 0; i < len; i++) d += segment(at(i - 1), at(i), at(i + 1), at(i + 2));
  return `${d} Z`;
}

function segment(p0: [number, number], p1: [number, number], p2: [number, number], p3: [number, number]): string {
  const c1 = [p1[0] + (p2[0] - p0[0]) / 6, p1[1] + (p2[1] - p0[1]) / 6];
  const c2 = [p2[0] - (p3[0] - p1[0]) / 6, p2[1] - (p3[1] - p1[1]) / 6];
  return ` C${n(c1[0]!)} ${n(c1[1]!)} ${n(c2[0]!)} ${n(c2[1]!)} ${n(p2[0])} ${n(p2[1])}`;
}

function svgDocument(W: number, H: number, defs: string[], body: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}"><defs>${defs.join('')}</defs>${body}</svg>`;
}

async function rasterise(svg: string): Promise<Buffer> {
  return imageWorker.rasterise(svg);
}

// ---------------------------------------------------------------- colour and chance

/** Same palette, accents reordered by the seed so two pictures of one section differ. */
function varyPalette(p: Palette, r: Rng): Palette {
  const accents = [...p.accents];
  for (let i = accents.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [accents[i], accents[j]] = [accents[j]!, accents[i]!];
  }
  return { ...p, accents: accents as Palette['accents'] };
}

function mix(a: string, b: string, t: number): string {
  const pa = parseInt(a.slice(1), 16);
  const pb = parseInt(b.slice(1), 16);
  const channel = (shift: number) => Math.round(((pa >> shift) & 255) * (1 - t) + ((pb >> shift) & 255) * t);
  return `#${((channel(16) << 16) | (channel(8) << 8) | channel(0)).toString(16).padStart(6, '0')}`;
}

/** Relative luminance, 0 (black) to 1 (white), as in WCAG. */
function luminance(hex: string): number {
  const v = parseInt(hex.slice(1), 16);
  const lin = (c: number) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(((v >> 16) & 255) / 255) + 0.7152 * lin(((v >> 8) & 255) / 255) + 0.0722 * lin((v & 255) / 255);
}

/** WCAG contrast ratio between two colours (1 to 21). */
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** mulberry32 seeded from SHA-256 of the seed: tiny, fast and identical on every machine. */
function seededRandom(seed: string): Rng {
  let state = createHash('sha256').update(seed).digest().readUInt32LE(0);
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function between(r: Rng, min: number, max: number): number {
  return min + (max - min) * r();
}

function pick<T>(r: Rng, items: readonly T[]): T {
  return items[Math.floor(r() * items.length)]!;
}

/** Rounds coordinates to a tenth of a pixel: smaller SVG, no float noise. */
function n(value: number): number {
  return Math.round(value * 10) / 10;
}

function initialsOf(name: string): string {
  const words = name
    .trim()
    .split(/\s+/)
    .filter((w) => /\p{L}/u.test(w));
  const first = words[0]?.match(/\p{L}/u)?.[0] ?? '';
  const last = words.length > 1 ? (words[words.length - 1]?.match(/\p{L}/u)?.[0] ?? '') : '';
  return (first + last).toLocaleUpperCase('fr-FR');
}

function escapeXml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}
