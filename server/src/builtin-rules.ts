// Composition root: installs the built-in rule packs (rulesets/) into the engine. Dependencies point one
// way, rulesets/ → engine (rules import server/src/engine/rules-api.ts); the engine never imports rulesets/.
// Every entry point imports this module before it lints: the language server, the CLI, the lint worker,
// the testing helper, and the public engine (dist/engine.js, built from server/src/public-engine.ts).
import { installRulePack } from './engine/rules/installed';
import { EXPOSURE_RULE_PACK } from '../../rulesets/exposure';

installRulePack(EXPOSURE_RULE_PACK);
