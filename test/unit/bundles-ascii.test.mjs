// The build escapes every non-ASCII character its bundles would carry (comments and regular expression literals
// esbuild copies as they are): one such character makes Node decode a ~10 MB bundle as UTF-8 and V8 keep it as a
// two-byte string, ~10 MB more in every thread that loads it. The bundles must stay pure ASCII, and what the
// escaped regular expressions match must not change.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const dist = path.resolve('dist');
const bundles = readdirSync(dist).filter((name) => name.endsWith('.js'));

test('the build wrote the bundles this test reads', () => {
  for (const name of [
    'cli.js',
    'cli-engine.js',
    'lint-worker.js',
    'lint-worker-main.js',
    'server.js',
    'server-main.js',
    'server-engine.js',
    'engine.js',
    'extension.js',
  ])
    assert.ok(bundles.includes(name), name);
});

for (const name of bundles) {
  test(`${name} is pure ASCII`, () => {
    const bytes = readFileSync(path.join(dist, name));
    const at = bytes.findIndex((byte) => byte > 0x7f);
    assert.equal(at, -1, `${name} has a non-ASCII byte at ${at}: ${bytes.subarray(Math.max(0, at - 40), at + 10).toString('utf8')}`);
  });
}

test('a regular expression written with typographic quotes matches the same once escaped (urijs, bundled)', () => {
  // urijs trims the punctuation that ends a sentence, « » “ ” ‘ ’ included, off the URLs it finds in text.
  const trimOf = (source) => new Function(`return ${/trim: ?(\/\[`!.*?\/[gimsuy]*),/.exec(source)[1]}`)();
  const bundled = trimOf(readFileSync(path.join(dist, 'engine.js'), 'latin1'));
  const original = trimOf(readFileSync(createRequire(import.meta.url).resolve('urijs/src/URI.js'), 'utf8'));
  assert.match(bundled.source, /\\u00ab\\u00bb/, 'the bundle holds the escaped form');
  assert.doesNotMatch(original.source, /\\u00ab/, 'urijs writes the characters themselves');
  for (const text of ['https://example.com/a»', 'https://example.com/a“”', 'https://example.com/a’.', 'https://example.com/a']) {
    assert.equal(text.replace(bundled, ''), text.replace(original, ''), text);
  }
  assert.equal('https://example.com/a»”'.replace(bundled, ''), 'https://example.com/a');
});
