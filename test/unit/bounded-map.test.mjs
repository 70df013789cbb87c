// BoundedMap: the least-recently-used map behind every long-lived cache (docs/resource-bounds.md).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadTypeScriptModule } from './helpers/load-ts.mjs';

const { BoundedMap } = loadTypeScriptModule('server/src/engine/bounded-map.ts');

test('never holds more than its bound; forgets the least recently used first', () => {
  const map = new BoundedMap(3);
  for (let i = 0; i < 1000; i++) {
    map.set(`k${i}`, i);
    assert.ok(map.size <= 3);
  }
  assert.deepEqual([...map.keys()], ['k997', 'k998', 'k999']);
  map.get('k997'); // now the most recently used
  map.set('new', 1);
  assert.deepEqual([...map.keys()], ['k999', 'k997', 'new']);
  assert.equal(map.get('k998'), undefined);
});

test('setting an existing key replaces it without growing; delete and clear work', () => {
  const map = new BoundedMap(2);
  map.set('a', 1).set('a', 2).set('b', 3);
  assert.equal(map.size, 2);
  assert.equal(map.get('a'), 2);
  assert.ok(map.delete('a'));
  assert.ok(!map.has('a'));
  map.clear();
  assert.equal(map.size, 0);
  assert.throws(() => new BoundedMap(0), RangeError);
});

test('entries can be deleted while iterating (RulesetCache.invalidate does)', () => {
  const map = new BoundedMap(10);
  for (let i = 0; i < 5; i++) map.set(i, i);
  for (const [key] of map) if (key % 2 === 0) map.delete(key);
  assert.deepEqual([...map.keys()], [1, 3]);
});
