/**
 * What "New GraphQL Request" offers: real Pipefy queries (me, organizations, a pipe, its cards, createCard, inviteMembers), named so that a file can
 * hold several of them, and with a variables file where they take variables.
 */
export interface RequestTemplate {
  readonly id: string;
  readonly label: string;
  readonly description: string;
  /** File name without extension: `me` → me.graphql (and me.variables.json). */
  readonly baseName: string;
  readonly text: string;
  readonly variables?: Readonly<Record<string, unknown>>;
}

export const REQUEST_TEMPLATES: readonly RequestTemplate[] = [
  {
    id: 'me',
    label: 'Me',
    description: 'The service account the token belongs to',
    baseName: 'me',
    text: `# The service account the token belongs to.
query Me {
  me {
    id
    name
    email
  }
}
`,
  },
  {
    id: 'organizations',
    label: 'Organizations',
    description: 'The organizations the service account can see',
    baseName: 'organizations',
    text: `query Organizations {
  organizations {
    id
    uuid
    name
  }
}
`,
  },
  {
    id: 'pipe',
    label: 'Pipe',
    description: 'A pipe and its phases, by id',
    baseName: 'pipe',
    text: `# Set the pipe id in pipe.variables.json.
query Pipe($id: ID!) {
  pipe(id: $id) {
    id
    name
    phases {
      id
      name
    }
  }
}
`,
    variables: { id: 'REPLACE_WITH_PIPE_ID' },
  },
  {
    id: 'cards',
    label: 'Cards',
    description: "A page of a pipe's cards (at most 50 per page)",
    baseName: 'cards',
    text: `# Relay pagination: at most 50 cards per page. For the next page, set "after" in
# cards.variables.json to the pageInfo.endCursor of this one.
query Cards($pipeId: ID!, $after: String) {
  cards(pipe_id: $pipeId, first: 50, after: $after) {
    edges {
      node {
        id
        title
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
`,
    variables: { pipeId: 'REPLACE_WITH_PIPE_ID', after: null },
  },
  {
    id: 'allCards',
    label: 'All cards',
    description: "Every card of a pipe with its fields, for Run All Pages",
    baseName: 'all-cards',
    text: `# Every card of a pipe, 50 per page. "▶ Run all pages" follows pageInfo.endCursor into $after
# until the last page, paced under Pipefy's rate limit; Export writes the cards as CSV, one column
# per field. Set the pipe id in all-cards.variables.json.
query AllCards($pipeId: ID!, $after: String) {
  allCards(pipeId: $pipeId, first: 50, after: $after) {
    edges {
      node {
        id
        title
        current_phase {
          name
        }
        fields {
          name
          value
        }
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
`,
    variables: { pipeId: 'REPLACE_WITH_PIPE_ID', after: null },
  },
  {
    id: 'createCard',
    label: 'Create card',
    description: 'A mutation that creates a card in a pipe',
    baseName: 'create-card',
    text: `# Creates a real card: set the pipe id and title in create-card.variables.json first.
mutation CreateCard($input: CreateCardInput!) {
  createCard(input: $input) {
    card {
      id
      title
    }
  }
}
`,
    variables: { input: { pipe_id: 'REPLACE_WITH_PIPE_ID', title: 'Created from VS Code' } },
  },
  {
    id: 'inviteMembers',
    label: 'Invite members',
    description: 'Adds a member (such as a service account) to a pipe',
    baseName: 'invite-members',
    text: `# Adds members to a pipe. A new service account is a member of no pipe, and Pipefy answers
# PERMISSION_DENIED until it is added. Run this as an account that administers the pipe (an
# organization admin or a pipe admin), not as the account being added. role_name is one of admin,
# member, read_and_comment, my_cards_only, creator. Set the pipe id and email in
# invite-members.variables.json.
mutation InviteMembers($input: InviteMembersInput!) {
  inviteMembers(input: $input) {
    users {
      id
      email
    }
    errors {
      index
      message
    }
  }
}
`,
    variables: { input: { pipe_id: 'REPLACE_WITH_PIPE_ID', emails: [{ email: 'REPLACE_WITH_EMAIL', role_name: 'admin' }] } },
  },
];

/** The inviteMembers variables that add `email` to `pipeId`; a value not known stays a placeholder to fill in. */
export function inviteMembersVariables(pipeId: string | undefined, email: string | undefined): Record<string, unknown> {
  return { input: { pipe_id: pipeId ?? 'REPLACE_WITH_PIPE_ID', emails: [{ email: email ?? 'REPLACE_WITH_EMAIL', role_name: 'admin' }] } };
}

export function findTemplate(id: string): RequestTemplate | undefined {
  const wanted = id.trim().toLowerCase();
  return REQUEST_TEMPLATES.find((template) => template.id.toLowerCase() === wanted);
}

/**
 * The template's text for a request whose variables file is `variablesFileName`: its comments
 * name the file really written beside it (`pipe-2.variables.json` when `pipe.variables.json` was
 * taken), not the template's default.
 */
export function templateTextFor(template: RequestTemplate, variablesFileName: string | undefined): string {
  return variablesFileName === undefined ? template.text : template.text.split(`${template.baseName}.variables.json`).join(variablesFileName);
}

/** The variables file's text: pretty JSON with a final newline, as an editor would save it. */
export function variablesFileText(variables: Readonly<Record<string, unknown>>): string {
  return `${JSON.stringify(variables, null, 2)}\n`;
}
