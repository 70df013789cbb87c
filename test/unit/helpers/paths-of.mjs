// Every path of a parsed document's data, root first: what location lookups are checked on.
export function pathsOf(data) {
  const paths = [];
  const walk = (value, at) => {
    paths.push(at);
    if (value && typeof value === 'object') for (const key of Object.keys(value)) walk(value[key], [...at, key]);
  };
  walk(data, []);
  return paths;
}

/** Each path and its near misses: a missing key, an index and a numeric-looking key below it, numbers for digits. */
export const pathVariants = (paths) => [
  ...paths,
  ...paths.map((p) => [...p, 'missing']),
  ...paths.map((p) => [...p, 0]),
  ...paths.map((p) => [...p, '1']),
  ...paths.map((p) => p.map((s) => (/^\d+$/.test(s) ? Number(s) : s))),
];

/** Keys that read as numbers, or almost, as strings and as numbers: probes below an object that has some of them. */
export const NUMERIC_LOOKING_KEYS = [[200], ['200'], ['01'], [''], ['1e3'], [1000], ['-1'], [-1], [' 7'], [7]];
