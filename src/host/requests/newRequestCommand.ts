import * as vscode from 'vscode';
import { REQUEST_TEMPLATES, type RequestTemplate, findTemplate, inviteMembersVariables, templateTextFor, variablesFileText } from '../../core/requests/requestTemplates';
import { fileNameOf, isRequestFilePath, variablesPathFor } from '../../core/requests/variablesFile';
import { CommandArgs, CommandArgsError, CommandCancelled, optionalString, rejectUnknownKeys } from '../../core/commands/commandArgs';
import { CommandFailure, type CommandDeps } from '../commands/commandRunner';

export interface NewRequestResult {
  readonly uri: string;
  /** Set when the template takes variables and its variables file was written (or already existed). */
  readonly variablesUri?: string;
}

const TEMPLATE_IDS = REQUEST_TEMPLATES.map((template) => template.id);

/**
 * New GraphQL Request. Arguments: `{ template, path? }`, where `template` is one of
 * me, organizations, pipe, cards, createCard, inviteMembers and `path` is where to save it (absolute, or relative
 * to the first workspace folder; it must end in .graphql or .gql). Without `path` the file goes to
 * the workspace root under the template's name, or into an untitled editor when no folder is open.
 * A template with variables also gets `<name>.variables.json`. An existing file is never
 * overwritten. Returns `{ uri, variablesUri? }`.
 */
export async function newRequest(deps: CommandDeps, args: CommandArgs | undefined): Promise<NewRequestResult> {
  if (args) rejectUnknownKeys(args, ['template', 'path']);
  const template = args ? templateArg(args) : await pickTemplate();
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const pathArg = args && optionalString(args, 'path');
  let target: vscode.Uri | undefined;
  if (pathArg) target = resolvePath(pathArg, folder);
  else if (folder) target = args ? await freeName(folder, template) : await askForPath(folder, template);
  if (!target) return openUntitled(template);

  if (!isRequestFilePath(target.path)) throw new CommandArgsError(`The argument "path" must end in .graphql or .gql, not ${pathArg}.`);
  return writeTemplate(deps, template, target, template.variables, { showVariables: true });
}

/**
 * Writes an inviteMembers request that adds the account to the pipe a refused run named, beside
 * that run's request file (or at the workspace root, or in an untitled editor), and opens it.
 */
export async function writeInviteRequest(deps: CommandDeps, near: vscode.TextDocument, invite: { readonly pipeId?: string; readonly email?: string }): Promise<NewRequestResult> {
  const template = findTemplate('inviteMembers');
  if (!template) throw new Error('The inviteMembers template is missing.');
  const variables = inviteMembersVariables(invite.pipeId, invite.email);
  const inWorkspace = !near.isUntitled && vscode.workspace.getWorkspaceFolder(near.uri) !== undefined;
  const folder = inWorkspace ? vscode.Uri.joinPath(near.uri, '..') : vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!folder) return openUntitled({ ...template, variables });
  return writeTemplate(deps, template, await freeName(folder, template), variables);
}

/**
 * Writes the request and its variables file. `showVariables` opens the variables beside the request:
 * for a new request, whose placeholders are what to fill in first. An inviteMembers request written
 * from a refused run comes filled in, and the refused run's response stays in view beside it.
 */
async function writeTemplate(
  deps: CommandDeps,
  template: RequestTemplate,
  target: vscode.Uri,
  variables: RequestTemplate['variables'],
  options: { readonly showVariables: boolean } = { showVariables: false },
): Promise<NewRequestResult> {
  if (await exists(target)) throw new CommandFailure(`${vscode.workspace.asRelativePath(target)} already exists; it was left as it is. Choose another path.`);
  const variablesPath = variables ? variablesPathFor(target.path) : undefined;
  const variablesUri = variablesPath === undefined ? undefined : target.with({ path: variablesPath });
  const text = templateTextFor(template, variablesPath && fileNameOf(variablesPath));
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
  // A variables file already there belongs to the user: keep it.
  if (variablesUri && variables && !(await exists(variablesUri))) await vscode.workspace.fs.writeFile(variablesUri, new TextEncoder().encode(variablesFileText(variables)));
  await vscode.window.showTextDocument(target, { preview: false });
  // The request stays the active editor, ready to run.
  if (variablesUri && options.showVariables) await vscode.window.showTextDocument(variablesUri, { viewColumn: vscode.ViewColumn.Beside, preview: false, preserveFocus: true });
  deps.log.info(`New request ${vscode.workspace.asRelativePath(target)} from the "${template.label}" template.`);
  return { uri: target.toString(), variablesUri: variablesUri?.toString() };
}

function templateArg(args: CommandArgs): RequestTemplate {
  const id = optionalString(args, 'template');
  if (!id) throw new CommandArgsError(`Pass "template", one of: ${TEMPLATE_IDS.join(', ')}.`);
  const template = findTemplate(id);
  if (!template) throw new CommandArgsError(`There is no template "${id}". Use one of: ${TEMPLATE_IDS.join(', ')}.`);
  return template;
}

async function pickTemplate(): Promise<RequestTemplate> {
  const picked = await vscode.window.showQuickPick(
    REQUEST_TEMPLATES.map((template) => ({
      label: template.label,
      description: template.description,
      detail: template.variables ? `${template.baseName}.graphql with ${template.baseName}.variables.json` : `${template.baseName}.graphql`,
      template,
    })),
    { placeHolder: 'Which Pipefy request to start from?', matchOnDescription: true },
  );
  if (!picked) throw new CommandCancelled();
  return picked.template;
}

async function askForPath(folder: vscode.Uri, template: RequestTemplate): Promise<vscode.Uri> {
  const suggested = vscode.workspace.asRelativePath(await freeName(folder, template), false);
  const answer = await vscode.window.showInputBox({
    title: `New GraphQL Request: ${template.label}`,
    prompt: `Where to save it, relative to the workspace folder.${template.variables ? ' Its variables go into a .variables.json file beside it.' : ''}`,
    value: suggested,
    valueSelection: [suggested.lastIndexOf('/') + 1, suggested.lastIndexOf('.')],
    validateInput: async (value) => {
      if (!isRequestFilePath(value.trim())) return 'The file name must end in .graphql or .gql.';
      return (await exists(resolvePath(value.trim(), folder))) ? 'That file already exists. Choose another name.' : undefined;
    },
  });
  if (answer === undefined) throw new CommandCancelled();
  return resolvePath(answer.trim(), folder);
}

/** `me.graphql`, else `me-2.graphql`, `me-3.graphql`, … in the folder, with no variables file in the way either. */
async function freeName(folder: vscode.Uri, template: RequestTemplate): Promise<vscode.Uri> {
  for (let n = 1; ; n++) {
    const candidate = vscode.Uri.joinPath(folder, `${template.baseName}${n === 1 ? '' : `-${n}`}.graphql`);
    const variables = candidate.with({ path: variablesPathFor(candidate.path) });
    if (!(await exists(candidate)) && !(template.variables && (await exists(variables)))) return candidate;
  }
}

function resolvePath(value: string, folder: vscode.Uri | undefined): vscode.Uri {
  if (value.startsWith('/') || /^[a-z]:[\\/]/i.test(value)) return vscode.Uri.file(value);
  if (!folder) throw new CommandArgsError(`The argument "path" is relative (${value}), but no folder is open. Pass an absolute path.`);
  return vscode.Uri.joinPath(folder, value);
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/** No folder to save into: an untitled editor, with the variables to put beside it once saved. */
async function openUntitled(template: RequestTemplate): Promise<NewRequestResult> {
  const document = await vscode.workspace.openTextDocument({ language: 'graphql', content: template.text });
  await vscode.window.showTextDocument(document, { preview: false });
  if (template.variables) {
    void vscode.window.showInformationMessage(
      `Pipefy: save this request as ${template.baseName}.graphql, and put its variables in ${template.baseName}.variables.json beside it: ${JSON.stringify(template.variables)}`,
    );
  }
  return { uri: document.uri.toString() };
}
