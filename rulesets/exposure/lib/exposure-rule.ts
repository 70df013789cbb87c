// defineRule for this pack: the documentation URL follows from the code (rulesets/docs/<code>.md).
import { defineRule, type RuleModule } from '../../../server/src/engine/rules-api';
import { docsUrl } from '../docs-url';

export function exposureRule<const C extends string>(module: Omit<RuleModule<C>, 'documentationUrl'>): RuleModule<C> {
  return defineRule<C>({ ...module, documentationUrl: docsUrl(module.code) });
}
