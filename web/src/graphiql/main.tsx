import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import 'graphiql/style.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { storedAuthorization } from '../app/auth';
import { examples } from './examples';

// GraphiQL, self-hosted: the endpoint is this origin's /graphql; the token the app signed in with (if any) is put in
// the Headers editor of the tabs that need one, where it can be changed or removed.
const fetcher = createGraphiQLFetcher({ url: new URL('/graphql', window.location.href).toString() });

createRoot(document.getElementById('graphiql')!).render(
  <StrictMode>
    <GraphiQL fetcher={fetcher} defaultTabs={examples(storedAuthorization())} isHeadersEditorEnabled />
  </StrictMode>,
);
