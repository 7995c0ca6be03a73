#!/usr/bin/env node
// The keyport command (see src/main.js). Plain ESM, no build step: runs as it is on Node 20.19+.
import { main } from '../src/main.js';

await main(process.argv);
