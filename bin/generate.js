#!/usr/bin/env node
// Writes the generated modules of the project (`npm run generate`): today the ECK validators, the
// schemas of components/logging/crd-schemas.ts compiled by ajv (see components/logging/eck-validators.ts).
require("./register");
const path = require("node:path");
const { ECK_VALIDATORS_FILE, writeEckValidators } = require("../components/logging/eck-validators");

const file = path.relative(process.cwd(), ECK_VALIDATORS_FILE);
process.stdout.write(writeEckValidators() ? `wrote ${file}\n` : `${file} is up to date\n`);
