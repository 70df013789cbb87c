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
