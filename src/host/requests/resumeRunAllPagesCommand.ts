import * as vscode from 'vscode';
import { describeHeld } from '../../core/graphql/lockoutView';
import { type ResumePoint, chooseResumePoint, describeResumePoint, holdOn, planResume } from '../../core/requests/allPagesResume';
import { describeNotPaginated } from '../../core/requests/allPagesView';
import { type CommandArgs, CommandCancelled, optionalBoolean, optionalNumber, optionalString, rejectUnknownKeys } from '../../core/commands/commandArgs';
import { formatLocalTime } from '../../core/token/localTime';
import { CommandFailure } from '../commands/commandRunner';
import { readSettings } from '../settings';
import { type AllPagesDeps, type AllPagesSummary, MAX_ITEMS_SETTING, executeAllPages } from './runAllPagesCommand';
import { operationToRun, uriFromArgument } from './runRequestCommand';
import { prepareRun } from './runSetup';

const RESUME_KEYS = ['uri', 'operationName', 'line', 'sendAnyway'];

/**
 * Resume Run All Pages: goes on with a run that ended before its last page, from the first page it
 * did not take, as the same account and with the variables it sent. Arguments, for scripts and the
 * Resume buttons: `{ uri?, operationName?, line?, sendAnyway? }` name the run's operation; without
 * them, the latest run that can be resumed, or a pick among several. In the window that ran it the
 * resume appends to the same items (so Export holds both parts); after a reload, to a new document
 * that says what it leaves out. Pages and items are counted across both parts.
 *
 * After a 429 the origin is held: the resume waits for the hold to end, or sends anyway. From the
 * palette, the notice's button or the result's lens (`askWhenHeld`) the user is asked which; with an
 * arguments object there is no prompt: it waits, unless `sendAnyway: true`.
 */
export async function resumeRunAllPagesCommand(deps: AllPagesDeps, args: CommandArgs | undefined, options: { readonly askWhenHeld: boolean }): Promise<AllPagesSummary> {
  if (args) rejectUnknownKeys(args, RESUME_KEYS);
  const uri = args && optionalString(args, 'uri');
  const target = { uri: uri ? uriFromArgument(uri).toString() : undefined, operationName: args && optionalString(args, 'operationName'), line: args && optionalNumber(args, 'line') };
  const point = await pickPoint(deps, target);

  const { document, request, fileName, operation } = await operationToRun(deps.parsed, { uri: point.requestUri, ...(point.operationName ? { operationName: point.operationName } : { line: point.line }) });
  const pagination = operation.pagination;
  if (!pagination) throw new CommandFailure(describeNotPaginated(point.operationLabel));
  const account = deps.accounts.get(point.accountId);
  if (!account) throw new CommandFailure(`The service account "${point.accountLabel}" that ran ${point.operationLabel} no longer exists, so its run cannot be resumed. Run All Pages runs it again as another account.`);
  const { endpoint, body } = await prepareRun(deps.variables, { document, request, operation, account }, fileName);
  const plan = planResume(point, { queryText: body.query, pagination, endpoint, maxItems: readSettings().runAllPagesMaxItems, capSetting: MAX_ITEMS_SETTING });
  if (!plan.ok) throw new CommandFailure(plan.message);

  const sendAnyway = (args && optionalBoolean(args, 'sendAnyway')) ?? (options.askWhenHeld ? await askSendAnyway(deps, endpoint, point) : false);
  return executeAllPages(deps, {
    document,
    fileName,
    operation,
    operationLabel: point.operationLabel,
    pagination,
    account,
    endpoint,
    body: { ...body, variables: plan.variables },
    runId: point.runId,
    resume: { continues: plan.continues, held: deps.results.byRun(point.runId) },
    sendAnyway,
    waitOutHold: !sendAnyway,
  });
}

async function pickPoint(deps: AllPagesDeps, target: Parameters<typeof chooseResumePoint>[1]): Promise<ResumePoint> {
  const choice = chooseResumePoint(deps.resumePoints.all(), target, deps.resumePoints.running);
  if (choice.kind === 'none') throw new CommandFailure(choice.message, []);
  if (choice.kind === 'one') return choice.point;
  const now = Date.now();
  const picked = await vscode.window.showQuickPick(
    choice.points.map((point) => ({ ...describeResumePoint(point, vscode.workspace.asRelativePath(vscode.Uri.parse(point.requestUri), false), (at) => formatLocalTime(at, now)), point })),
    { placeHolder: 'Which Run All Pages run to resume?', matchOnDescription: true },
  );
  if (!picked) throw new CommandCancelled();
  return picked.point;
}

/** Whether to send into a 429 hold on the endpoint, as the user answers; no hold, no question. */
async function askSendAnyway(deps: AllPagesDeps, endpoint: string, point: ResumePoint): Promise<boolean> {
  const now = Date.now();
  const hold = holdOn(deps.rateLimits.lockouts(now), endpoint);
  if (!hold) return false;
  const wait = 'Resume When It Ends';
  const answer = await vscode.window.showWarningMessage(`Pipefy: ${describeHeld(hold, now)} Resume ${point.operationLabel} when the hold ends, or send anyway?`, wait, 'Send Anyway');
  if (!answer) throw new CommandCancelled();
  return answer !== wait;
}
