// Path helpers that work on POSIX and Windows paths without importing node:path into the engine's
// hot code, and that treat URLs as opaque.

export const isUrl = (p: string): boolean => /^https?:\/\//i.test(p);

export function dirnameOf(p: string): string {
  const i = Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'));
  if (i < 0) return '.';
  if (i === 0) return p[0];
  return p.slice(0, i);
}

export function basenameOf(p: string): string {
  const i = Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'));
  return p.slice(i + 1);
}

function normalise(p: string): string {
  return p.replace(/\\/g, '/').replace(/\/+$/, '');
}

/** True when `child` is `parent` or inside it. */
export function isInside(child: string, parent: string): boolean {
  const c = normalise(child);
  const p = normalise(parent);
  return c === p || c.startsWith(p + '/');
}

/** `target` relative to `base` with forward slashes, or undefined when target is not inside base. */
export function relativeInside(target: string, base: string): string | undefined {
  const t = normalise(target);
  const b = normalise(base);
  if (t === b) return '';
  return t.startsWith(b + '/') ? t.slice(b.length + 1) : undefined;
}
