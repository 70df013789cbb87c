// Where each rule's documentation lives; rule N is documented at DOCS_BASE_URL + "N.md".
export const DOCS_BASE_URL = 'https://github.com/api-exposure-lint/api-exposure-lint/blob/main/rulesets/docs/';

export function docsUrl(code: string): string {
  return `${DOCS_BASE_URL}${code}.md`;
}

/** The ruleset overview (rulesets/README.md), next to the docs folder. */
export const RULESET_README_URL = DOCS_BASE_URL.replace(/docs\/$/, 'README.md');
