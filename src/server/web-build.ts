// The dashboard (web/) is built by Vite into web/dist; servers build it on first use or when its sources are
// newer than the build, so `npm start` and the tests never serve a stale or missing dashboard.
import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const WEB_ROOT = fileURLToPath(new URL('../../web/', import.meta.url));
export const WEB_DIST = join(WEB_ROOT, 'dist');

function newest(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(st.mtimeMs, ...readdirSync(path).map((e) => newest(join(path, e))));
}

export function webIsStale(): boolean {
  const index = join(WEB_DIST, 'index.html');
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  const sources = [join(WEB_ROOT, 'src'), join(WEB_ROOT, 'index.html'), join(WEB_ROOT, 'vite.config.ts')].filter((p) => existsSync(p));
  return sources.some((p) => newest(p) > built);
}

/** Build the dashboard when needed; returns the folder to serve, or undefined (with the reason) when it cannot be built. */
export async function ensureWebBuilt(log: (line: string) => void = () => undefined): Promise<{ dir?: string; reason?: string }> {
  if (!existsSync(join(WEB_ROOT, 'index.html'))) return { reason: `no dashboard sources at ${WEB_ROOT}` };
  if (!webIsStale()) return { dir: WEB_DIST };
  let vite: typeof import('vite');
  try {
    vite = await import('vite');
  } catch {
    return existsSync(join(WEB_DIST, 'index.html'))
      ? { dir: WEB_DIST }
      : { reason: 'the dashboard is not built and Vite is not installed (npm install, then npm run build:web)' };
  }
  log('building the dashboard (vite) ...');
  // build beside, then swap in: a server (or a test in another process) may be serving web/dist right now,
  // and two processes may build at once — the second to finish keeps the first one's identical output
  const tmp = join(WEB_ROOT, `.dist-${process.pid}-${Date.now()}`);
  try {
    await vite.build({ configFile: join(WEB_ROOT, 'vite.config.ts'), root: WEB_ROOT, logLevel: 'warn', build: { outDir: tmp, emptyOutDir: true } });
    if (webIsStale()) {
      rmSync(WEB_DIST, { recursive: true, force: true });
      try {
        renameSync(tmp, WEB_DIST);
      } catch (e) {
        if (!existsSync(join(WEB_DIST, 'index.html'))) throw e;
      }
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return { dir: WEB_DIST };
}
