#!/usr/bin/env node
// The `tagwerk` command: runs the TypeScript sources through tsx, so it works right after
// `npm install` without a build step.
require('tsx/cjs/api').register();
const { join } = require('node:path');
const { runCli } = require('../src/main/cli/main.ts');

runCli(process.argv.slice(2), {
  stdout: process.stdout, stderr: process.stderr, env: process.env, appRoot: join(__dirname, '..'),
}).then((code) => { process.exitCode = code; });
