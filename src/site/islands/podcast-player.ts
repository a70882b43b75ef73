/**
 * The podcast player (our own, no third-party script): enhances the server's `<audio controls>`
 * of an episode page (podcasts/episode-section.ts) with play/pause, ±15 s, speed, a progress
 * slider usable by keyboard and screen readers (a native range input, its position said as
 * "1:23 sur 10:00"), clickable chapters (the current one marked), resuming where the reader
 * stopped (localStorage), and a bar that stays on screen while the reader scrolls the text.
 * Without JavaScript the native controls stay, and chapters are links to the time in the file.
 */

const SKIP_SECONDS = 15;
const SPEEDS = [0.75, 1, 1.25, 1.5, 1.75, 2];
const STORAGE_PREFIX = 'kiosque:podcast:';
/** Positions this close to either end are not worth resuming. */
const RESUME_MARGIN = 5;

/** "1:02:05" or "4:07". */
function clock(seconds: number): string {
  const total = Number.isFinite(seconds) ? Math.max(0, Math.floor(seconds)) : 0;
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}` : `${m}:${String(s).padStart(2, '0')}`;
}

/** "1 minute 23 secondes" for screen readers. */
function spokenClock(seconds: number): string {
  const total = Number.isFinite(seconds) ? Math.max(0, Math.floor(seconds)) : 0;
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const part = (n: number, unit: string) => (n ? `${n} ${unit}${n > 1 ? 's' : ''}` : '');
  return [part(h, 'heure'), part(m, 'minute'), part(s, 'seconde')].filter(Boolean).join(' ') || '0 seconde';
}

function button(className: string, label: string, text: string): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = `podcast-controls__button ${className}`;
  b.setAttribute('aria-label', label);
  b.textContent = text;
  return b;
}

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null; // storage refused (privacy settings): the player works, it just does not resume
  }
}

/** Enhances every podcast player of the page. */
export function enhancePodcastPlayers(root: Document): void {
  for (const section of root.querySelectorAll<HTMLElement>('[data-podcast-player]')) enhance(section);
}

function enhance(section: HTMLElement): void {
  const audio = section.querySelector<HTMLAudioElement>('audio');
  if (!audio || section.dataset.enhanced) return;
  section.dataset.enhanced = 'true';
  const key = STORAGE_PREFIX + (section.dataset.podcastPlayer ?? audio.currentSrc);

  const bar = document.createElement('div');
  bar.className = 'podcast-controls';
  bar.setAttribute('role', 'group');
  bar.setAttribute('aria-label', 'Lecteur du podcast');

  const play = button('podcast-controls__play', 'Lire', '▶');
  const back = button('podcast-controls__back', `Reculer de ${SKIP_SECONDS} secondes`, `−${SKIP_SECONDS} s`);
  const forward = button('podcast-controls__forward', `Avancer de ${SKIP_SECONDS} secondes`, `+${SKIP_SECONDS} s`);

  const progressId = `podcast-position-${section.dataset.podcastPlayer ?? '0'}`;
  const progressLabel = document.createElement('label');
  progressLabel.className = 'visually-hidden';
  progressLabel.htmlFor = progressId;
  progressLabel.textContent = 'Position dans l’épisode';
  const progress = document.createElement('input');
  progress.type = 'range';
  progress.id = progressId;
  progress.className = 'podcast-controls__progress';
  progress.min = '0';
  progress.step = '1';
  progress.value = '0';

  const time = document.createElement('span');
  time.className = 'podcast-controls__time';
  time.setAttribute('aria-hidden', 'true');

  const speedId = `podcast-vitesse-${section.dataset.podcastPlayer ?? '0'}`;
  const speedLabel = document.createElement('label');
  speedLabel.htmlFor = speedId;
  speedLabel.className = 'podcast-controls__speed-label';
  speedLabel.textContent = 'Vitesse';
  const speed = document.createElement('select');
  speed.id = speedId;
  speed.className = 'podcast-controls__speed';
  for (const rate of SPEEDS) {
    const option = document.createElement('option');
    option.value = String(rate);
    option.textContent = `${String(rate).replace('.', ',')}×`;
    option.selected = rate === 1;
    speed.append(option);
  }

  const resume = document.createElement('p');
  resume.className = 'podcast-player__resume';
  resume.setAttribute('role', 'status');

  bar.append(play, back, forward, progressLabel, progress, time, speedLabel, speed);
  audio.controls = false;
  audio.after(bar);
  bar.after(resume);

  const duration = () => (Number.isFinite(audio.duration) ? audio.duration : 0);
  const render = () => {
    const d = duration();
    progress.max = String(Math.max(1, Math.floor(d)));
    if (document.activeElement !== progress || !audio.paused) progress.value = String(Math.floor(audio.currentTime));
    const said = `${spokenClock(audio.currentTime)} sur ${spokenClock(d)}`;
    progress.setAttribute('aria-valuetext', said);
    time.textContent = `${clock(audio.currentTime)} / ${clock(d)}`;
    markChapter(section, audio.currentTime);
  };
  const renderPlaying = () => {
    const playing = !audio.paused;
    play.textContent = playing ? '❚❚' : '▶';
    play.setAttribute('aria-label', playing ? 'Mettre en pause' : 'Lire');
    section.classList.toggle('podcast-player--playing', playing);
  };

  const store = storage();
  let lastSaved = 0;
  const save = (force = false) => {
    if (!store) return;
    const now = Date.now();
    if (!force && now - lastSaved < 5000) return;
    lastSaved = now;
    const t = audio.currentTime;
    if (t < RESUME_MARGIN || (duration() && t > duration() - RESUME_MARGIN)) store.removeItem(key);
    else store.setItem(key, String(Math.floor(t)));
  };

  const seek = (seconds: number) => {
    const d = duration();
    audio.currentTime = Math.max(0, d ? Math.min(seconds, d) : seconds);
    render();
    save(true);
  };

  play.addEventListener('click', () => {
    if (audio.paused) void audio.play().catch(() => undefined);
    else audio.pause();
  });
  back.addEventListener('click', () => seek(audio.currentTime - SKIP_SECONDS));
  forward.addEventListener('click', () => seek(audio.currentTime + SKIP_SECONDS));
  progress.addEventListener('input', () => seek(Number(progress.value)));
  speed.addEventListener('change', () => {
    audio.playbackRate = Number(speed.value);
  });
  audio.addEventListener('timeupdate', () => {
    render();
    save();
  });
  audio.addEventListener('loadedmetadata', render);
  audio.addEventListener('durationchange', render);
  audio.addEventListener('play', renderPlaying);
  audio.addEventListener('pause', () => {
    renderPlaying();
    save(true);
  });
  audio.addEventListener('ended', () => {
    renderPlaying();
    store?.removeItem(key);
  });

  // Chapters and transcript times: seek in the player instead of opening the file.
  section.ownerDocument.addEventListener('click', (event) => {
    const link = (event.target as Element | null)?.closest?.<HTMLAnchorElement>('a[data-start]');
    if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    seek(Number(link.dataset.start));
    void audio.play().catch(() => undefined);
  });

  const saved = Number(store?.getItem(key) ?? '');
  if (saved > RESUME_MARGIN) {
    const apply = () => {
      audio.currentTime = saved;
      render();
    };
    if (audio.readyState >= 1) apply();
    else audio.addEventListener('loadedmetadata', apply, { once: true });
    resume.textContent = `Reprise à ${clock(saved)}, où vous vous étiez arrêté.`;
  }
  window.addEventListener('pagehide', () => save(true));

  // Keeps playing while reading: once the player scrolls out of view during playback, its bar is
  // docked at the bottom of the window (its place is kept, so nothing below moves).
  const media = section.querySelector<HTMLElement>('.podcast-player__media');
  if (media && 'IntersectionObserver' in window) {
    let visible = true;
    const dock = () => {
      const docked = !visible && !audio.paused;
      if (docked && !section.classList.contains('podcast-player--docked')) media.style.minHeight = `${bar.offsetHeight}px`;
      section.classList.toggle('podcast-player--docked', docked);
    };
    new IntersectionObserver((entries) => {
      visible = entries.some((entry) => entry.isIntersecting);
      dock();
    }).observe(media);
    audio.addEventListener('play', dock);
    audio.addEventListener('pause', dock);
  }
  render();
  renderPlaying();
}

function markChapter(section: HTMLElement, time: number): void {
  const links = [...section.querySelectorAll<HTMLAnchorElement>('.podcast-chapters a[data-start]')];
  let current: HTMLAnchorElement | undefined;
  for (const link of links) if (Number(link.dataset.start) <= time + 0.25) current = link;
  for (const link of links) {
    if (link === current) link.setAttribute('aria-current', 'true');
    else link.removeAttribute('aria-current');
  }
}
