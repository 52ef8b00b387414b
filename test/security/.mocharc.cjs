/**
 * The security run: the e2e suite, then the security suite, in one code-server session. No file
 * depends on another's order: the at-rest check (secretsAtRest.test.ts) walks its own flows, and
 * the root hook (hooks.ts) scans the session's files for every suite's secrets after the last test.
 * SECURITY_SPEC=test/security/webview.test.ts runs one file (a partial run: figures only).
 */
const focus = process.env.SECURITY_SPEC;

module.exports = {
  require: ['tsx/cjs', 'test/security/hooks.ts'],
  extension: ['ts'],
  spec: focus
    ? focus.split(',')
    : ['test/e2e/**/*.test.ts', 'test/security/**/*.test.ts'],
  timeout: 120000,
  slow: 30000,
  reporter: 'spec',
};
