import { storedAuthorization } from './auth';

export interface GraphQLErrorEntry {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string };
}

/** A GraphQL error answer: its messages and their stable codes (extensions.code). */
export class GraphQLRequestError extends Error {
  constructor(
    readonly errors: GraphQLErrorEntry[],
    readonly status: number,
  ) {
    super(errors.map((e) => e.message).join('\n'));
  }

  get codes(): string[] {
    return this.errors.map((e) => e.extensions?.code ?? 'ERROR');
  }
}

/** Runs an operation against this origin's /graphql with the signed-in token, if any; any error rejects. */
export async function gql<T>(query: string, variables?: Record<string, unknown>, token?: string | null): Promise<T> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/graphql-response+json, application/json;q=0.9',
  };
  const authorization = token === undefined ? storedAuthorization() : token ? `Bearer ${token}` : null;
  if (authorization) headers.authorization = authorization;
  const response = await fetch('/graphql', { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  const body = (await response.json()) as { data?: T; errors?: GraphQLErrorEntry[] };
  if (body.errors?.length) throw new GraphQLRequestError(body.errors, response.status);
  if (!body.data) throw new GraphQLRequestError([{ message: `HTTP ${response.status}` }], response.status);
  return body.data;
}
