#!/usr/bin/env node
// `cord`: the TypeScript sources run through tsx, as everything in this repository does.
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
