import * as vscode from 'vscode';
import type { AllPagesResults } from '../../core/requests/allPagesResults';
import { EXPORT_FORMATS } from '../../core/requests/itemExport';
import { runTargetOf } from '../../core/requests/runTarget';
import { registerCommand } from '../commands/commandRunner';
import { exportAllPages } from './exportItemsCommand';
import { resumeRunAllPagesCommand } from './resumeRunAllPagesCommand';
import { type AllPagesDeps, RESUME_ALL_PAGES_COMMAND, RESUME_ALL_PAGES_OPERATION_COMMAND, RUN_ALL_PAGES_COMMAND, runAllPagesCommand } from './runAllPagesCommand';

/** The internal command the `▶ Run all pages` CodeLens runs; not in the palette. */
export const RUN_ALL_PAGES_OPERATION_COMMAND = 'pipefy.runAllPagesOperation';

/** Run All Pages and its Resume, the lens's command, and Export All Pages as JSON, NDJSON and CSV. */
export function registerAllPagesCommands(deps: () => AllPagesDeps, base: Parameters<typeof registerCommand>[0], results: () => AllPagesResults): vscode.Disposable[] {
  return [
    registerCommand(base, RUN_ALL_PAGES_COMMAND, (args) => runAllPagesCommand(deps(), args)),
    registerCommand(base, RESUME_ALL_PAGES_COMMAND, (args) => resumeRunAllPagesCommand(deps(), args, { askWhenHeld: !args })),
    ...EXPORT_FORMATS.map((format) => registerCommand(base, `pipefy.exportAllPages.${format}`, (args) => exportAllPages(results(), format, args))),
    // pipefy.runAllPages has shown any failure already; passing it on would make VS Code show it twice.
    vscode.commands.registerCommand(RUN_ALL_PAGES_OPERATION_COMMAND, async (value: unknown) => {
      const target = runTargetOf(value);
      if (!target) return undefined;
      return vscode.commands.executeCommand(RUN_ALL_PAGES_COMMAND, { ...target }).then(undefined, () => undefined);
    }),
    // The lens and the notice's button: as the palette does, asks what to do when the origin is held after a 429.
    registerCommand(base, RESUME_ALL_PAGES_OPERATION_COMMAND, (args) => resumeRunAllPagesCommand(deps(), args, { askWhenHeld: true }), { internal: true }),
  ];
}
