import { gql } from '../api';
import type { Session } from '../auth';
import { displayName, kindText, tieText, useLang, useT, type TextKey } from '../i18n';
import { LINK_FIELDS, ORGANIZATION, ORGANIZATION_WITH_FIGURES, type LinkConnection, type LinkField, type OrganizationNode } from '../operations';
import { dateRange, ErrorBox, KindBadge, Loading, NodeLink, useLoad } from './common';

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
        return (
          <section key={field} className="links" data-testid={`links-${field}`}>
            <h3>
              {t(`link_${field}` as TextKey)} <span className="muted">({connection.totalCount})</span>
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
                {connection.edges.map((edge, i) => (
                  <tr key={edge.node.id + i}>
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
          </section>
        );
      })}

      <h2>
        {t('collaborators')} <span className="muted">({data.collaborators.totalCount})</span>
      </h2>
      <table data-testid="collaborators">
        <thead>
          <tr>
            <th>{t('name')}</th>
            <th>{t('tieKinds')}</th>
            <th>{t('weight')}</th>
            <th>{t('evidence')}</th>
          </tr>
        </thead>
        <tbody>
          {data.collaborators.edges.map((edge) => (
            <tr key={edge.node.id}>
              <td>
                <NodeLink node={edge.node} /> <KindBadge kind={edge.node.kind} />
              </td>
              <td>{edge.collaboration.kinds.map((k) => tieText(lang, k)).join('、')}</td>
              <td>{edge.weight.toFixed(2)}</td>
              <td>
                <ul className="evidence">
                  {edge.collaboration.evidence.map((e, i) => (
                    <li key={i}>
                      {tieText(lang, e.kind)}
                      {e.through && (
                        <>
                          {' · '}
                          <NodeLink node={e.through} />
                        </>
                      )}{' '}
                      <span className="muted">{dateRange(e.from, e.to)}</span>
                    </li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </article>
  );
}

/** The page's list of one kind of link: each field is on the kinds of organisation that have it. */
function linkConnection(org: OrganizationNode, field: LinkField): LinkConnection | undefined {
  return field in org ? (org as Partial<Record<LinkField, LinkConnection>>)[field] : undefined;
}
