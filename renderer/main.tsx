import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { z } from 'zod';
// The global stylesheets first (tokens, then elements, then the shared classes); each
// component's and page's own stylesheet comes with it, after them.
import './styles/tokens.css';
import './styles/base.css';
import './styles/controls.css';
import './styles/layout.css';
import { App } from './App';

// zod would probe `new Function` to compile faster parsers; the CSP forbids eval, so
// say so up front instead of logging a CSP violation on every start.
z.config({ jitless: true });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
