import { useState } from 'react';
import { gql } from '../api';
import type { Session } from '../auth';
import { downloadCsv, downloadXlsx, type Table } from '../download';
import { text, useLang, useT } from '../i18n';
import { POLICY_LIST, POLICY_LISTS, type ListedEnterprise, type PolicyList, type PolicyListPage } from '../operations';
import { ErrorBox, Loading, NodeLink, RegionSelect, RoleRequired, useLoad } from './common';

type Column = 'name' | 'creditCode' | 'region' | 'revenue' | 'employees' | 'rdExpenditure';
const columns: Column[] = ['name', 'creditCode', 'region', 'revenue', 'rdExpenditure', 'employees'];

// Every page of a list: lists are small (a region's enterprises on one policy list).
async function loadList(list: PolicyList, region: string): Promise<{ name: string; totalCount: number; nodes: ListedEnterprise[] }> {
  const nodes: ListedEnterprise[] = [];
  let after: string | null = null;
  let name: string = list;
  let totalCount = 0;
  do {
    const page: PolicyListPage = await gql(POLICY_LIST, { list, region, after });
    nodes.push(...page.policyList.nodes);
    name = page.policyList.name;
    totalCount = page.policyList.totalCount;
    after = page.policyList.pageInfo.hasNextPage ? page.policyList.pageInfo.endCursor : null;
  } while (after);
  return { name, totalCount, nodes };
}

export function Lists({ session }: { session: Session | null }) {
  if (!session?.roles.includes('analyst')) return <RoleRequired title="listsTitle" message="listsNeedAnalyst" testId="lists-need-analyst" />;
  return <ListTables />;
}

function ListTables() {
  const t = useT();
  const lang = useLang();
  const [list, setList] = useState<PolicyList>(POLICY_LISTS[0]);
  const [region, setRegion] = useState('450000');
  const [sort, setSort] = useState<{ column: Column; descending: boolean }>({ column: 'name', descending: false });
  const { data, error, loading } = useLoad(() => loadList(list, region), [list, region]);
  const header: Record<Column, string> = {
    name: text(lang, 'name'),
    creditCode: text(lang, 'creditCode'),
    region: text(lang, 'region'),
    revenue: text(lang, 'revenue'),
    rdExpenditure: text(lang, 'rdExpenditure'),
    employees: text(lang, 'employees'),
  };
  const value = (e: ListedEnterprise, c: Column) => (c === 'region' ? (e.region?.name ?? null) : e[c]);
  const rows = [...(data?.nodes ?? [])].sort((a, b) => {
    const x = value(a, sort.column);
    const y = value(b, sort.column);
    const order = x === y ? 0 : x === null ? 1 : y === null ? -1 : typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), 'zh-CN');
    return sort.descending ? -order : order;
  });
  const table = (): Table => ({ header: columns.map((c) => header[c]), rows: rows.map((e) => columns.map((c) => value(e, c))) });

  return (
    <section className="lists">
      <h1>{t('listsTitle')}</h1>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <RegionSelect value={region} onChange={setRegion} testId="lists-region" />
      </form>
      <div className="tabs">
        {POLICY_LISTS.map((l) => (
          <button key={l} type="button" className={l === list ? 'active' : ''} onClick={() => setList(l)} data-list={l}>
            {l === list && data ? data.name : l}
          </button>
        ))}
      </div>
      <Loading when={loading} />
      <ErrorBox error={error} />
      {data && (
        <>
          <h2>
            {data.name} <span className="muted">({t('total')} {data.totalCount})</span>
          </h2>
          <div className="actions">
            <button type="button" data-testid="list-csv" onClick={() => downloadCsv(table(), `${list}-${region}.csv`)}>
              {t('downloadCsv')}
            </button>
            <button type="button" data-testid="list-xlsx" onClick={() => downloadXlsx(table(), `${list}-${region}.xlsx`, list)}>
              {t('downloadXlsx')}
            </button>
          </div>
          <table data-testid="policy-list">
            <thead>
              <tr>
                {columns.map((c) => (
                  <th key={c}>
                    <button type="button" className="sort" onClick={() => setSort({ column: c, descending: sort.column === c && !sort.descending })}>
                      {header[c]} {sort.column === c ? (sort.descending ? '▼' : '▲') : ''}
                    </button>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((e) => (
                <tr key={e.id}>
                  <td>
                    <NodeLink node={{ id: e.id, kind: 'ENTERPRISE', name: e.name }} />
                  </td>
                  <td>{e.creditCode}</td>
                  <td>{e.region?.name ?? ''}</td>
                  <td>{e.revenue ?? ''}</td>
                  <td>{e.rdExpenditure ?? ''}</td>
                  <td>{e.employees ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
