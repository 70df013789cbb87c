// Pure formatting of the status bar item, kept free of `vscode` so it can be unit-tested in plain node.
import type { StatusParams } from '../../server/src/protocol';

export interface StatusPresentation {
  /** False for documents that are not OpenAPI: the item is hidden. */
  visible: boolean;
  text: string;
  tooltip: string;
  /** Draw the item with the warning background (ruleset fell back, or workspace code was skipped). */
  warning: boolean;
}

const HIDDEN: StatusPresentation = { visible: false, text: '', tooltip: '', warning: false };

/**
 * Rulesets arrive as a file path or a built-in name (`api-exposure-lint:recommended`,
 * `@stoplight/spectral-owasp-ruleset`); only file paths are shortened, because a package
 * name's slash is part of the name.
 */
export function rulesetLabel(ruleset: string): string {
  const looksLikePath = /^([a-zA-Z]:)?[\\/]/.test(ruleset) || /^\.{1,2}[\\/]/.test(ruleset);
  if (!looksLikePath) return ruleset;
  const parts = ruleset.split(/[\\/]/).filter(Boolean);
  return parts[parts.length - 1] ?? ruleset;
}

function stateIcon(state: StatusParams['state']): string {
  switch (state) {
    case 'linting':
      return '$(sync~spin)';
    case 'error':
      return '$(error)';
    case 'disabled':
      return '$(circle-slash)';
    default:
      return '$(shield)';
  }
}

export function presentStatus(status: StatusParams | undefined): StatusPresentation {
  if (!status || !status.isOpenApi) return HIDDEN;

  const audience = status.audience ?? 'audience unknown';
  const text = `${stateIcon(status.state)} ${audience} · ${rulesetLabel(status.ruleset)}`;

  const lines = [
    'API Exposure Lint',
    `Audience: ${audience}` + (status.audienceSource ? ` (from ${status.audienceSource})` : ' (default: treated as external)'),
    `Ruleset: ${status.ruleset}`,
  ];
  if (status.state === 'disabled') lines.push('Linting is disabled for this file.');
  if (status.state === 'error') lines.push('The last lint failed; see the output.');
  if (status.rulesetError) lines.push(`Ruleset error, using a fallback: ${status.rulesetError}`);
  if (status.untrustedCodeSkipped) {
    lines.push('Workspace JS functions and npm rulesets were not run: the workspace is not trusted.');
  }
  lines.push('Click to show the output.');

  return {
    visible: true,
    text,
    tooltip: lines.join('\n'),
    warning: Boolean(status.rulesetError || status.untrustedCodeSkipped),
  };
}
