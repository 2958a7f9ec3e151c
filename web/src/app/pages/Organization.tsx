import { useState } from 'react';
import { gql } from '../api';
import type { Session } from '../auth';
import { displayName, kindText, tieText, useLang, useT, type TextKey } from '../i18n';
import {
  LINK_FIELDS,
  ORGANIZATION,
  ORGANIZATION_COLLABORATORS_PAGE,
  ORGANIZATION_LINKS_PAGE,
  ORGANIZATION_WITH_FIGURES,
  type CollaboratorEdge,
  type LinkConnection,
  type LinkField,
  type OrganizationNode,
} from '../operations';
import { ErrorBox, EvidenceList, KindBadge, Loading, NodeLink, useLoad } from './common';

export function OrganizationPage({ id, session }: { id: string; session: Session | null }) {
  const t = useT();
  const lang = useLang();
  const analyst = session?.roles.includes('analyst') ?? false;
  // Only an analyst's page asks for the confidential figures: without the role they are not even requested.
  const { data, error, loading } = useLoad(() => (analyst ? gql(ORGANIZATION_WITH_FIGURES, { id }) : gql(ORGANIZATION, { id })), [id, analyst]);
  const org = data?.node;

  if (!org) return (<><Loading when={loading} /><ErrorBox error={error} /></>);

  const fact = (key: TextKey, value: React.ReactNode, testId?: string) =>
    value === null || value === undefined || value === false || value === '' ? null : (
      <div className="fact" data-testid={testId}>
        <dt>{t(key)}</dt>
        <dd>{value}</dd>
      </div>
    );
  const number = (n: number | null | undefined) => (n === null || n === undefined ? null : n.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en'));

  return (
    <article className="organization" data-testid="organization">
      <h1>
        {displayName(lang, org)} <KindBadge kind={org.kind} />
      </h1>
      {lang === 'zh' && org.nameEn && <p className="muted">{org.nameEn}</p>}
      <div className="actions">
        {(org.kind === 'ENTERPRISE' || org.kind === 'UNIVERSITY' || org.kind === 'RESEARCH_INSTITUTE') && (
          <a className="button" href={'#/partners/' + encodeURIComponent(org.id)} data-testid="find-partners">
            {t('findPartners')}
          </a>
        )}
        <a className="button" href={'#/network/' + encodeURIComponent(org.id)} data-testid="show-network">
          {t('showNetwork')}
        </a>
      </div>
      <h2>{t('facts')}</h2>
      <dl className="facts">
        {fact('aliases', org.aliases.join('、'))}
        {fact('creditCode', 'creditCode' in org && org.creditCode)}
        {fact('region', 'region' in org && org.region?.name)}
        {fact('fieldsLabel', 'fields' in org && org.fields.map((f) => f.name).join('、'))}
        {fact('website', 'website' in org && org.website && <a href={org.website}>{org.website}</a>)}
        {analyst && org.kind === 'ENTERPRISE' && (
          <>
            {fact('revenue', number('revenue' in org ? org.revenue : null), 'revenue')}
            {fact('rdExpenditure', number('rdExpenditure' in org ? org.rdExpenditure : null))}
            {fact('employees', number('employees' in org ? org.employees : null))}
          </>
        )}
      </dl>
      {'description' in org && org.description && <p>{org.description}</p>}
      {!analyst && org.kind === 'ENTERPRISE' && <p className="notice">{t('confidentialHidden')}</p>}

      <h2>{t('links')}</h2>
      {LINK_FIELDS.map((field) => {
        const connection = linkConnection(org, field);
        if (!connection || connection.totalCount === 0) return null;
        return <LinkList key={org.id + field} id={org.id} field={field} first={connection} />;
      })}

      <CollaboratorList key={org.id} id={org.id} first={data.collaborators} />
    </article>
  );
}

type Page<T> = { edges: T[]; pageInfo: { hasNextPage: boolean; endCursor?: string | null } };

// A list shown a page at a time: the first page comes with the organisation, each "more" appends the page after the
// last cursor seen, until every item the service counts is shown.
function usePages<T>(first: Page<T>, next: (after: string) => Promise<Page<T> | undefined>) {
  const t = useT();
  const [state, setState] = useState({ edges: first.edges, pageInfo: first.pageInfo, loading: false, error: null as unknown });
  const more = async () => {
    if (!state.pageInfo.endCursor) return;
    setState((s) => ({ ...s, loading: true, error: null }));
    try {
      const page = await next(state.pageInfo.endCursor);
      if (!page) throw new Error(t('organizationGone'));
      setState((s) => ({ edges: [...s.edges, ...page.edges], pageInfo: page.pageInfo, loading: false, error: null }));
    } catch (error) {
      setState((s) => ({ ...s, loading: false, error }));
    }
  };
  return { ...state, more };
}

function MoreButton({ testId, shown, total, loading, more }: { testId: string; shown: number; total: number; loading: boolean; more: () => void }) {
  const t = useT();
  return (
    <p className="more">
      <span className="muted">
        {t('shownOf')} {shown} / {total}
      </span>{' '}
      <button type="button" onClick={more} disabled={loading} data-testid={testId}>
        {t('showMore')}
      </button>
    </p>
  );
}

function LinkList({ id, field, first }: { id: string; field: LinkField; first: LinkConnection }) {
  const t = useT();
  const lang = useLang();
  const list = usePages(first, async (after) => {
    const flags: Partial<Record<LinkField, boolean>> = { [field]: true };
    const data = await gql(ORGANIZATION_LINKS_PAGE, { id, after, ...flags });
    return data.node ? linkConnection(data.node as OrganizationNode, field) : undefined;
  });
  return (
    <section className="links" data-testid={`links-${field}`} data-total={first.totalCount}>
      <h3>
        {t(`link_${field}` as TextKey)} <span className="muted">({first.totalCount})</span>
      </h3>
      <table>
        <thead>
          <tr>
            <th>{t('name')}</th>
            <th>{t('start')}</th>
            <th>{t('end')}</th>
            <th>{t('source')}</th>
          </tr>
        </thead>
        <tbody>
          {list.edges.map((edge, i) => (
            <tr key={edge.node.id + i} data-id={edge.node.id}>
              <td>
                <NodeLink node={edge.node} /> <span className="muted">{kindText(lang, edge.node.kind)}</span>
              </td>
              <td>{edge.link.startDate ?? ''}</td>
              <td>{edge.link.endDate ?? ''}</td>
              <td className="source">{edge.link.source ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {list.pageInfo.hasNextPage && (
        <MoreButton testId={`more-${field}`} shown={list.edges.length} total={first.totalCount} loading={list.loading} more={() => void list.more()} />
      )}
      <ErrorBox error={list.error} />
    </section>
  );
}

function CollaboratorList({ id, first }: { id: string; first: Page<CollaboratorEdge> & { totalCount: number } }) {
  const t = useT();
  const lang = useLang();
  const list = usePages(first, async (after) => (await gql(ORGANIZATION_COLLABORATORS_PAGE, { id, collaboratorsAfter: after })).collaborators);
  return (
    <>
      <h2>
        {t('collaborators')} <span className="muted">({first.totalCount})</span>
      </h2>
      <table data-testid="collaborators" data-total={first.totalCount}>
        <thead>
          <tr>
            <th>{t('name')}</th>
            <th>{t('tieKinds')}</th>
            <th>{t('weight')}</th>
            <th>{t('evidence')}</th>
          </tr>
        </thead>
        <tbody>
          {list.edges.map((edge) => (
            <tr key={edge.node.id} data-id={edge.node.id}>
              <td>
                <NodeLink node={edge.node} /> <KindBadge kind={edge.node.kind} />
              </td>
              <td>{edge.collaboration.kinds.map((k) => tieText(lang, k)).join('、')}</td>
              <td>{edge.weight.toFixed(2)}</td>
              <td>
                <EvidenceList evidence={edge.collaboration.evidence} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {list.pageInfo.hasNextPage && (
        <MoreButton testId="more-collaborators" shown={list.edges.length} total={first.totalCount} loading={list.loading} more={() => void list.more()} />
      )}
      <ErrorBox error={list.error} />
    </>
  );
}

/** The page's list of one kind of link: each field is on the kinds of organisation that have it. */
function linkConnection(org: OrganizationNode, field: LinkField): LinkConnection | undefined {
  return field in org ? (org as Partial<Record<LinkField, LinkConnection>>)[field] : undefined;
}
