// What `require('api-exposure-lint')` gives a ruleset's custom function while the engine runs it: the
// audience API of the running engine. The package does not have to be installed in the repository (a
// team's ruleset package in node_modules works as is), and the function always talks to the engine that
// is linting. Outside the engine (the team's own tests with the real package) the same names exist in
// dist/engine.js; both read the exposure context the linter attached to the document.
import { AUDIENCES, EXTERNAL_AUDIENCES, INTERNAL_AUDIENCES } from '../types';
import { audienceKind, isAudience, isExternal, isInternal } from '../audience';
import { getOperationAudience } from '../exposure-context';

export const RULESET_FUNCTIONS_MODULE = 'api-exposure-lint';

export const rulesetFunctionsApi = Object.freeze({
  getOperationAudience,
  AUDIENCES,
  EXTERNAL_AUDIENCES,
  INTERNAL_AUDIENCES,
  audienceKind,
  isAudience,
  isExternal,
  isInternal,
});
