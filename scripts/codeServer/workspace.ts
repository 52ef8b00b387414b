import * as fs from 'node:fs';
import * as path from 'node:path';

const SAMPLE_REQUEST = `# A saved Pipefy request. Run it with "Pipefy: Run GraphQL Request" or the CodeLens above it.
query Me {
  me {
    id
    name
    email
  }
}
`;

/** A folder for the workbench to open, with one sample GraphQL request; existing files are kept. */
export function createSampleWorkspace(dir: string): string {
  fs.mkdirSync(dir, { recursive: true });
  const sample = path.join(dir, 'me.graphql');
  if (!fs.existsSync(sample)) fs.writeFileSync(sample, SAMPLE_REQUEST);
  return dir;
}
