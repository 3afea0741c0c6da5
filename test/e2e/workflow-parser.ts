/**
 * GitHub's workflow parser (@actions/workflow-parser), loaded for the tests. It imports its JSON schema without an
 * import attribute, which Node refuses; a loader hook adds the attribute for JSON files. Not a test file itself.
 */
import { register } from 'node:module';

const ADD_JSON_ATTRIBUTE = `export async function load(url, context, next) {
  if (url.endsWith('.json')) return next(url, { ...context, importAttributes: { ...context.importAttributes, type: 'json' } });
  return next(url, context);
}`;

let registered = false;

export async function workflowParser(): Promise<typeof import('@actions/workflow-parser')> {
  if (!registered) {
    register(`data:text/javascript,${encodeURIComponent(ADD_JSON_ATTRIBUTE)}`);
    registered = true;
  }
  return import('@actions/workflow-parser');
}
