// experimental-not-external: an operation marked `x-stability: experimental` may change or disappear
// without notice, which is fine inside Acme and not for partners or the public.
// The rule's `given: '#ExternalOperations'` hands it every external operation; the engine has already
// resolved each operation's audience (operation, path item, info, glob, default), and
// getOperationAudience returns it with where it came from: no precedence to re-implement here.
// `api-exposure-lint` is provided by the engine that runs the ruleset; it need not be installed.
const { getOperationAudience } = require('api-exposure-lint');

module.exports = function stabilityByAudience(operation, _options, context) {
  if (!operation || operation['x-stability'] !== 'experimental') return [];
  const audience = getOperationAudience(context);
  if (!audience || audience.kind !== 'external') return [];
  const [, path, method] = context.path;
  return [
    {
      message: `${String(method).toUpperCase()} ${path} is ${audience.audience} (${audience.detail}) but x-stability is experimental: ship it as beta or stable, or keep it internal`,
      path: [...context.path, 'x-stability'],
    },
  ];
};
