import { storedAuthorization } from './auth';
import type { TypedDocumentString } from './gql/graphql';

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

/**
 * Runs an operation of operations.ts against this origin's /graphql with the signed-in token, if any, and answers with
 * the operation's generated type; any error rejects.
 */
export async function gql<TResult, TVariables>(
  operation: TypedDocumentString<TResult, TVariables>,
  ...[variables, token]: TVariables extends Record<string, never> ? [variables?: undefined, token?: string | null] : [variables: TVariables, token?: string | null]
): Promise<TResult> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/graphql-response+json, application/json;q=0.9',
  };
  const authorization = token === undefined ? storedAuthorization() : token ? `Bearer ${token}` : null;
  if (authorization) headers.authorization = authorization;
  const response = await fetch('/graphql', { method: 'POST', headers, body: JSON.stringify({ query: operation.toString(), variables }) });
  const body = (await response.json()) as { data?: TResult; errors?: GraphQLErrorEntry[] };
  if (body.errors?.length) throw new GraphQLRequestError(body.errors, response.status);
  if (!body.data) throw new GraphQLRequestError([{ message: `HTTP ${response.status}` }], response.status);
  return body.data;
}
