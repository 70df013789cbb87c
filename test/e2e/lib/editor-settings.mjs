// User settings for every VS Code the e2e tests start: no welcome page, no AI side bar, no hot exit,
// so each run starts from the files on disk and screenshots show only the editor.
export const QUIET_USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.tips.enabled': false,
  'files.hotExit': 'off',
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  // Keep untrusted folders untrusted without a modal dialog (only matters when trust is enabled).
  'security.workspace.trust.startupPrompt': 'never',
  'security.workspace.trust.untrustedFiles': 'open',
};
