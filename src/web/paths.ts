import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The folder that holds package.json, views/ and public/. The code runs from src/web under
 * ts-jest and from dist/src/web when built, so the depth differs; look upwards.
 */
export function packageRoot(): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'views'))) return dir;
  }
  throw new Error('cannot find the branchpoint package folder (with views/)');
}
