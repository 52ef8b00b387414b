import * as vscode from 'vscode';
import { schemaCacheKey } from '../../core/schema/schemaCacheKey';
import type { IntrospectedSchema } from '../../core/schema/schemaFromIntrospection';
import { asSchemaError } from '../../core/schema/schemaError';
import type { Log } from '../log';
import type { LanguageModuleLoader } from './languageModuleLoader';

interface Loaded {
  /** The file's mtime and size when it was read: another window may have fetched it again since. */
  readonly stamp: string;
  readonly schema: Promise<IntrospectedSchema | undefined>;
}

/**
 * Introspection results, one file per GraphQL endpoint in global storage
 * (`schemas/<sha256 of the endpoint>.json`), shared by every window and workspace. A schema is built
 * once per file version and kept in memory.
 */
export class SchemaCache implements vscode.Disposable {
  private readonly loaded = new Map<string, Loaded>();
  private readonly changed = new vscode.EventEmitter<string>();
  /** Fires with the endpoint whose schema this window has just written. */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly storageUri: vscode.Uri,
    private readonly loader: LanguageModuleLoader,
    private readonly log: Log,
  ) {}

  fileFor(endpoint: string): vscode.Uri {
    return vscode.Uri.joinPath(this.storageUri, 'schemas', `${schemaCacheKey(endpoint)}.json`);
  }

  async write(endpoint: string, introspected: IntrospectedSchema): Promise<vscode.Uri> {
    const file = this.fileFor(endpoint);
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(file, '..'));
    await vscode.workspace.fs.writeFile(file, Buffer.from(JSON.stringify(introspected.introspection)));
    const stamp = stampOf(await vscode.workspace.fs.stat(file));
    this.loaded.set(file.toString(), { stamp, schema: Promise.resolve(introspected) });
    this.changed.fire(endpoint);
    return file;
  }

  /** The cached schema of `endpoint`, or undefined when none was fetched or the file is unusable. */
  async read(endpoint: string): Promise<IntrospectedSchema | undefined> {
    const file = this.fileFor(endpoint);
    let stamp: string;
    try {
      stamp = stampOf(await vscode.workspace.fs.stat(file));
    } catch {
      return undefined;
    }
    const key = file.toString();
    const known = this.loaded.get(key);
    if (known?.stamp === stamp) return known.schema;
    const schema = this.load(endpoint, file);
    this.loaded.set(key, { stamp, schema });
    return schema;
  }

  private async load(endpoint: string, file: vscode.Uri): Promise<IntrospectedSchema | undefined> {
    try {
      const text = Buffer.from(await vscode.workspace.fs.readFile(file)).toString('utf8');
      return this.loader.get().loadSchema(text);
    } catch (error) {
      // An unusable cache file means no schema: editing falls back to syntax checks only.
      const problem = asSchemaError(error);
      this.log.warn(`The cached schema for ${endpoint} (${file.fsPath}) cannot be used: ${problem ? problem.message : String(error)} Run "Pipefy: Fetch Schema" to fetch it again.`);
      return undefined;
    }
  }

  dispose(): void {
    this.changed.dispose();
  }
}

function stampOf(stat: vscode.FileStat): string {
  return `${stat.mtime}:${stat.size}`;
}
