#!/usr/bin/env node
// Thin launcher so `npx api-exposure-lint` works from a clone (npm ci runs the build) and from an install.
require('../dist/cli.js');
