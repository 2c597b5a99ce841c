import { join } from 'node:path';
import { createMessage } from '../files/change-message';
import type { Author } from '../files/git-history';
import { slug } from '../model/slug';
import type { ScenarioStore } from './scenario-store';

/**
 * Creates `NAME.yaml` in the served folder from `text`, only if no file (nor link) has that
 * name: of parallel requests for one name exactly one succeeds, and nothing is written through
 * a link. In a git folder the new file is a commit.
 */
export async function createScenario(
  store: ScenarioStore,
  name: string,
  text: string,
  author: Author,
  from?: string,
): Promise<{ id: string } | { error: string; status: number }> {
  const id = slug(name);
  if (id === '')
    return { error: 'Give the scenario a name with some letters or digits.', status: 400 };
  const made = await store.write({
    kind: 'create',
    file: join(store.dir, `${id}.yaml`),
    text,
    author,
    message: createMessage(`${id}.yaml`, text, from),
  });
  if (!made)
    return { error: `A scenario '${id}' exists already; choose another name.`, status: 409 };
  return { id };
}
