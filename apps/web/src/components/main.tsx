import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ComponentsPage } from './ComponentsPage.tsx';
import '../index.css';
import './components.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ComponentsPage />
  </StrictMode>,
);
