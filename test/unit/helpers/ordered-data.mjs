// Parsed data with every object's key order made visible (Spectral's parsers keep keys in text order): two parses
// compare equal through this only if their objects list the same keys in the same order. Arrays and objects are
// tagged, so that `[]` and `{}` (or `["a"]` and `{ "0": "a" }`) never compare equal.
export const ordered = (value) =>
  Array.isArray(value)
    ? ['[]', ...value.map(ordered)]
    : value && typeof value === 'object'
      ? ['{}', ...Object.keys(value).map((key) => [key, ordered(value[key])])]
      : value;
