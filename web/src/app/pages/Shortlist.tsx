import { downloadCsv, downloadXlsx, type Table } from '../download';
import { kindText, text, useLang, useT } from '../i18n';
import { shortlist, useShortlist } from '../shortlist';
import { KindBadge, NodeLink } from './common';

export function Shortlist() {
  const t = useT();
  const lang = useLang();
  const entries = useShortlist();
  const table = (): Table => ({
    header: ['id', text(lang, 'name'), text(lang, 'kindsFilter'), text(lang, 'region'), text(lang, 'score'), text(lang, 'recommendedFor'), text(lang, 'explanation')],
    rows: entries.map((e) => [e.id, e.name, kindText(lang, e.kind), e.region, Number(e.score.toFixed(4)), e.recommendedFor, e.explanation]),
  });

  return (
    <section className="shortlist">
      <h1>{t('navShortlist')}</h1>
      {entries.length === 0 ? (
        <p>{t('shortlistEmpty')}</p>
      ) : (
        <>
          <div className="actions">
            <button type="button" data-testid="shortlist-csv" onClick={() => downloadCsv(table(), 'shortlist.csv')}>
              {t('downloadCsv')}
            </button>
            <button type="button" data-testid="shortlist-xlsx" onClick={() => downloadXlsx(table(), 'shortlist.xlsx', 'shortlist')}>
              {t('downloadXlsx')}
            </button>
          </div>
          <table data-testid="shortlist">
            <thead>
              <tr>
                <th>{t('name')}</th>
                <th>{t('region')}</th>
                <th>{t('score')}</th>
                <th>{t('recommendedFor')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id}>
                  <td>
                    <NodeLink node={e} /> <KindBadge kind={e.kind} />
                  </td>
                  <td>{e.region ?? ''}</td>
                  <td>{e.score.toFixed(2)}</td>
                  <td>{e.recommendedFor}</td>
                  <td>
                    <button type="button" onClick={() => shortlist.remove(e.id)}>
                      {t('remove')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
