// require-owner-team: every operation has an owning team, named in `x-owner` on the operation, its path
// item or `info` (the nearest wins), and the team is one of `functionOptions.teams`.
// Spectral calls it once with the whole document (`given: $`), so an operation can inherit from `info`.
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

const isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);

module.exports = function requireOwnerTeam(document, options) {
  const teams = Array.isArray(options && options.teams) ? options.teams : [];
  const teamList = teams.length ? ` (one of ${teams.join(', ')})` : '';
  const results = [];

  /** Reports an x-owner value that is not a known team; returns whether it names one. */
  const checkOwner = (owner, path) => {
    if (typeof owner === 'string' && owner.trim() && (teams.length === 0 || teams.includes(owner))) return true;
    results.push({ message: `x-owner ${JSON.stringify(owner)} is not a known team${teamList}`, path });
    return false;
  };

  if (!isObject(document)) return results;
  const info = isObject(document.info) ? document.info : {};
  const infoHasOwner = 'x-owner' in info;
  if (infoHasOwner) checkOwner(info['x-owner'], ['info', 'x-owner']);

  const paths = isObject(document.paths) ? document.paths : {};
  for (const [pathKey, pathItem] of Object.entries(paths)) {
    if (!isObject(pathItem)) continue;
    const pathHasOwner = 'x-owner' in pathItem;
    if (pathHasOwner) checkOwner(pathItem['x-owner'], ['paths', pathKey, 'x-owner']);
    for (const method of METHODS) {
      const operation = pathItem[method];
      if (!isObject(operation)) continue;
      if ('x-owner' in operation) {
        checkOwner(operation['x-owner'], ['paths', pathKey, method, 'x-owner']);
      } else if (!pathHasOwner && !infoHasOwner) {
        results.push({
          message: `${method.toUpperCase()} ${pathKey} has no owning team: add x-owner${teamList} to the operation or to info`,
          path: ['paths', pathKey, method],
        });
      }
    }
  }
  return results;
};
