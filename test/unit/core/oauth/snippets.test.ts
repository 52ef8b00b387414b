import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLIENT_AUTH_MODES, type ClientAuthMode } from '../../../../src/core/accounts/account';
import { SECRET_ENV_VAR, shellQuote, tokenRequestSnippets, type CodeSnippet, type SnippetInput } from '../../../../src/core/oauth/snippets';
import type { IncomingMessage } from 'node:http';
// An ES module: loaded with import(), and its types with resolution-mode 'import'.
import type { MutableResponse, OAuth2Server } from 'oauth2-mock-server' with { 'resolution-mode': 'import' };
import { DEMO_CLIENT, startSandbox, type Sandbox } from '../../../fixtures/sandbox';
import { rfc6749Credentials } from './rfc6749Credentials';

const SECRET = 'Sup3r-Secret-Value!';
const input = (authMode: ClientAuthMode): SnippetInput => ({ tokenEndpoint: 'https://app.pipefy.com/oauth/token', clientId: 'client-42', authMode });
const byLanguage = (snippets: CodeSnippet[], language: CodeSnippet['language']) => snippets.find((s) => s.language === language)!.code;

describe('token request snippets', () => {
  it('offers curl, Node and Python, in that order', () => {
    assert.deepEqual(
      tokenRequestSnippets(input('form')).map((s) => s.language),
      ['curl', 'node', 'python'],
    );
  });

  it('never contains the secret, even when a caller passes one along', () => {
    for (const authMode of CLIENT_AUTH_MODES) {
      const withSecret = { ...input(authMode), clientSecret: SECRET } as SnippetInput;
      for (const snippet of tokenRequestSnippets(withSecret)) {
        assert.equal(snippet.code.includes(SECRET), false, `${authMode}/${snippet.language}`);
        assert.equal(snippet.code.includes(encodeURIComponent(SECRET)), false, `${authMode}/${snippet.language}`);
        assert.ok(snippet.code.includes(SECRET_ENV_VAR), `${authMode}/${snippet.language} reads ${SECRET_ENV_VAR}`);
      }
    }
  });

  it('embeds the endpoint and the client ID, which are not secret', () => {
    for (const snippet of tokenRequestSnippets(input('form'))) {
      assert.ok(snippet.code.includes('https://app.pipefy.com/oauth/token'), snippet.language);
      assert.ok(snippet.code.includes('client-42'), snippet.language);
    }
  });

  it('falls back to the default endpoint and a placeholder client ID when the fields are empty', () => {
    const [curl] = tokenRequestSnippets({ tokenEndpoint: '  ', clientId: '', authMode: 'form' });
    assert.ok(curl.code.includes("'https://app.pipefy.com/oauth/token'"));
    assert.ok(curl.code.includes('client_id=YOUR_CLIENT_ID'));
  });

  describe('matches the client authentication mode', () => {
    it('form: the secret goes in the form body, no Basic header', () => {
      const snippets = tokenRequestSnippets(input('form'));
      const curl = byLanguage(snippets, 'curl');
      assert.match(curl, /--data-urlencode "client_secret=\$\{PIPEFY_CLIENT_SECRET:\?/);
      assert.doesNotMatch(curl, / -u /);
      assert.match(byLanguage(snippets, 'node'), /new URLSearchParams\(\{ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret \}\)/);
      assert.doesNotMatch(byLanguage(snippets, 'node'), /Authorization/);
      assert.match(byLanguage(snippets, 'python'), /data=\{"grant_type": "client_credentials", "client_id": client_id, "client_secret": client_secret\}/);
      assert.doesNotMatch(byLanguage(snippets, 'python'), /auth=/);
    });

    it('json: a JSON body with a JSON content type', () => {
      const snippets = tokenRequestSnippets(input('json'));
      const curl = byLanguage(snippets, 'curl');
      assert.match(curl, /-H 'Content-Type: application\/json'/);
      assert.match(curl, /^: "\$\{PIPEFY_CLIENT_SECRET:\?[^}]*\}"$/m);
      assert.match(curl, /"client_secret":"'"\$secret"'"\}'/);
      assert.match(byLanguage(snippets, 'node'), /JSON\.stringify\(\{ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret \}\)/);
      assert.match(byLanguage(snippets, 'python'), /json=\{"grant_type": "client_credentials"/);
    });

    it('basic: the credentials go in an Authorization header; the body has only the grant type', () => {
      const snippets = tokenRequestSnippets(input('basic'));
      const curl = byLanguage(snippets, 'curl');
      assert.match(curl, /^: "\$\{PIPEFY_CLIENT_SECRET:\?[^}]*\}"$/m);
      assert.match(curl, /-u 'client-42:'"\$secret"/);
      assert.doesNotMatch(curl, /client_secret=/);
      const node = byLanguage(snippets, 'node');
      assert.match(node, /Authorization: `Basic \$\{basic\}`/);
      assert.match(node, /new URLSearchParams\(\{ grant_type: 'client_credentials' \}\)/);
      assert.match(byLanguage(snippets, 'python'), /auth=\(quote_plus\(client_id\), quote_plus\(client_secret\)\)/);
    });
  });

  it('never follows redirects with the credentials', () => {
    for (const authMode of CLIENT_AUTH_MODES) {
      const snippets = tokenRequestSnippets(input(authMode));
      assert.doesNotMatch(byLanguage(snippets, 'curl'), / -L\b|--location/);
      assert.match(byLanguage(snippets, 'node'), /redirect: 'error'/);
      assert.match(byLanguage(snippets, 'python'), /allow_redirects=False/);
    }
  });

  it('quotes hostile values so they stay data in every language', () => {
    const hostile = { tokenEndpoint: "https://x.example/t?a='b'&c=$(id)", clientId: `id'"\`$(touch /tmp/pwned)\n\\`, authMode: 'form' as const };
    const snippets = tokenRequestSnippets(hostile);
    const node = byLanguage(snippets, 'node');
    assert.ok(node.includes(`const clientId = ${JSON.stringify(hostile.clientId)};`));
    assert.ok(byLanguage(snippets, 'python').includes(`client_id = ${JSON.stringify(hostile.clientId)}`));
    assert.ok(byLanguage(snippets, 'curl').includes(shellQuote(`client_id=${hostile.clientId}`)));
  });

  it('shellQuote survives single quotes', () => {
    assert.equal(shellQuote("it's"), `'it'\\''s'`);
  });
});

/**
 * The snippets are run for real against the project's sandbox token endpoint: a snippet that looks
 * right but does not work is worse than none. curl and Python's requests come with the Debian
 * packages `npm test` installs (scripts/codeServer/debianPackages.ts); elsewhere, install them.
 */
describe('token request snippets, run against the sandbox', function () {
  this.timeout(30_000);
  let sandbox: Sandbox;
  let dir: string;

  before(async () => {
    sandbox = await startSandbox();
    dir = await mkdtemp(join(tmpdir(), 'pipefy-snippets-'));
  });
  after(async () => {
    await sandbox.close();
    await rm(dir, { recursive: true, force: true });
  });

  const runners: Record<CodeSnippet['language'], { file: string; command: string; args: (file: string) => string[]; requires: () => Promise<void> }> = {
    curl: { file: 'token.sh', command: 'bash', args: (f) => [f], requires: () => required('curl', ['--version'], 'curl') },
    node: { file: 'token.mjs', command: process.execPath, args: (f) => [f], requires: async () => undefined },
    python: { file: 'token.py', command: 'python3', args: (f) => [f], requires: () => required('python3', ['-c', 'import requests'], "Python's requests (Debian: python3-requests)") },
  };

  for (const authMode of CLIENT_AUTH_MODES) {
    for (const language of ['curl', 'node', 'python'] as const) {
      it(`${language}, ${authMode}: gets a token with the secret taken from the environment`, async () => {
        const runner = runners[language];
        await runner.requires();
        const code = byLanguage(tokenRequestSnippets({ tokenEndpoint: sandbox.tokenEndpoint, clientId: DEMO_CLIENT.clientId, authMode }), language);
        const file = join(dir, `${authMode}-${runner.file}`);
        await writeFile(file, code);
        const before = sandbox.stats.tokensIssued + sandbox.stats.tokenPosts;
        const output = await run(runner.command, runner.args(file), { [SECRET_ENV_VAR]: DEMO_CLIENT.clientSecret });
        assert.ok(sandbox.stats.tokensIssued + sandbox.stats.tokenPosts > before, 'a token request reached the sandbox');
        if (language === 'curl') assert.match(output, /"access_token"/);
        else assert.match(output, /Got a bearer token; it expires in \d+/i);
      });
    }
  }

  for (const authMode of CLIENT_AUTH_MODES) {
    it(`curl, ${authMode}: refuses to run without the environment variable instead of sending an empty secret`, async () => {
      await runners.curl.requires();
      const code = byLanguage(tokenRequestSnippets({ tokenEndpoint: sandbox.tokenEndpoint, clientId: DEMO_CLIENT.clientId, authMode }), 'curl');
      const file = join(dir, `no-secret-${authMode}.sh`);
      await writeFile(file, code);
      const posts = sandbox.stats.tokenPosts;
      await assert.rejects(run('bash', [file], {}), /PIPEFY_CLIENT_SECRET/);
      assert.equal(sandbox.stats.tokenPosts, posts);
    });
  }

  describe('with a client ID and secret holding + / = % : " \\ and spaces', () => {
    const awkward = { clientId: 'tenant client+1/=', clientSecret: 'a+b/c=d%25e:f %zz"q\\€' };
    let special: Sandbox;
    let thirdParty: OAuth2Server;
    let thirdPartyEndpoint: string;

    before(async () => {
      special = await startSandbox({ clients: [awkward] });
      const { OAuth2Server } = await import('oauth2-mock-server');
      thirdParty = new OAuth2Server();
      await thirdParty.issuer.keys.generate('RS256');
      await thirdParty.start(0, '127.0.0.1');
      thirdPartyEndpoint = `http://127.0.0.1:${thirdParty.address().port}/token`;
      // oauth2-mock-server checks no credentials; this reads them as RFC 6749 §2.3.1 does.
      thirdParty.service.on('beforeResponse', (response: MutableResponse, request: IncomingMessage & { body: Record<string, unknown> }) => {
        const sent = rfc6749Credentials(request);
        if (sent?.clientId !== awkward.clientId || sent.clientSecret !== awkward.clientSecret) {
          response.statusCode = 401;
          response.body = { error: 'invalid_client' };
        }
      });
    });
    after(async () => {
      await special.close();
      await thirdParty.stop();
    });

    for (const authMode of CLIENT_AUTH_MODES) {
      for (const language of ['curl', 'node', 'python'] as const) {
        it(`${language}, ${authMode}: gets a token from an RFC 6749 server${authMode === 'basic' ? '' : ' and from the sandbox'}`, async () => {
          const runner = runners[language];
          await runner.requires();
          const targets = authMode === 'basic' ? [thirdPartyEndpoint] : [thirdPartyEndpoint, special.tokenEndpoint];
          for (const tokenEndpoint of targets) {
            const file = join(dir, `awkward-${authMode}-${targets.indexOf(tokenEndpoint)}-${runner.file}`);
            await writeFile(file, byLanguage(tokenRequestSnippets({ tokenEndpoint, clientId: awkward.clientId, authMode }), language));
            const output = await run(runner.command, runner.args(file), { [SECRET_ENV_VAR]: awkward.clientSecret });
            if (language === 'curl') assert.match(output, /"access_token"/, tokenEndpoint);
            else assert.match(output, /Got a bearer token; it expires in \d+/i, tokenEndpoint);
          }
        });
      }

      if (authMode === 'basic') {
        for (const language of ['curl', 'node', 'python'] as const) {
          it(`${language}, basic: the sandbox, which reads Basic as Doorkeeper does, refuses the encoded secret, and the snippet says to use the form body`, async () => {
            const runner = runners[language];
            await runner.requires();
            const code = byLanguage(tokenRequestSnippets({ tokenEndpoint: special.tokenEndpoint, clientId: awkward.clientId, authMode }), language);
            assert.match(code, /if this is refused \(invalid_client\) and the secret holds \+ \/ = % :, use the form body instead/);
            const file = join(dir, `awkward-doorkeeper-${runner.file}`);
            await writeFile(file, code);
            await assert.rejects(run(runner.command, runner.args(file), { [SECRET_ENV_VAR]: awkward.clientSecret }), /invalid_client|401/);
          });
        }
      }
    }
  });
});

function run(command: string, args: string[], env: Record<string, string>): Promise<string> {
  const baseEnv = { ...process.env };
  delete baseEnv[SECRET_ENV_VAR];
  return new Promise((resolve, reject) => {
    execFile(command, args, { env: { ...baseEnv, ...env }, timeout: 20_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${command} failed: ${stderr || error.message}`));
      else resolve(stdout);
    });
  });
}

/** Fails with what to install when a snippet's runtime is missing: a snippet test never passes untried. */
async function required(command: string, args: string[], what: string): Promise<void> {
  try {
    await run(command, args, {});
  } catch {
    assert.fail(`${what} is needed to run this snippet; \`npm test\` installs it on Debian (scripts/codeServer/debianPackages.ts).`);
  }
}
