import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { z } from 'zod';
import { App } from './App';

// zod would probe `new Function` to compile faster parsers; the CSP forbids eval, so
// say so up front instead of logging a CSP violation on every start.
z.config({ jitless: true });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
