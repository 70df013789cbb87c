/**
 * Applies exact text replacements to a dependency's file, each of which must match exactly once: when the
 * dependency's code changes, the build fails instead of shipping an unpatched (or wrongly patched) bundle.
 * Used by scripts/build.mjs and scripts/lazy-requires.mjs.
 */
export function patchSource(source, patches, file, what) {
  for (const [from, to] of patches) {
    if (source.split(from).length !== 2) throw new Error(`${what} changed: ${file} no longer has the code this build patches`);
    source = source.replace(from, to);
  }
  return source;
}
