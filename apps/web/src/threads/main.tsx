import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ThreadsPage } from './ThreadsPage.tsx';
import '../index.css';
import './threads.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ThreadsPage />
  </StrictMode>,
);
