import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { FixtureEntry } from '../fixtures/generate';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const GENERATED = path.join(ROOT, 'test', 'fixtures', 'generated');
/** Real public samples, kept beside the repository (../shared/data), as in CI. */
export const SHARED_DATA = path.resolve(ROOT, '..', 'shared', 'data');
export const hasSharedData = existsSync(SHARED_DATA);

export function manifest(): FixtureEntry[] {
  const file = path.join(GENERATED, 'manifest.json');
  if (!existsSync(file)) throw new Error('Fixtures are not generated: run `npm run fixtures` (npm test does it for you).');
  return JSON.parse(readFileSync(file, 'utf8')) as FixtureEntry[];
}

export function fixture(name: string): string {
  return path.join(GENERATED, name);
}
