#!/usr/bin/env node
// The `kravbank` command: runs the compiled CLI (npm run build first).
import '../dist/apps/cli/src/main.js';
