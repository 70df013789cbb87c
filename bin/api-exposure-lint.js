#!/usr/bin/env node
// Thin launcher so `npx api-exposure-lint` works from a clone (npm ci runs the build) and from an install.
// dist/cli-launch.js starts a lint worker, then loads the CLI (dist/cli.js).
require('../dist/cli-launch.js');
