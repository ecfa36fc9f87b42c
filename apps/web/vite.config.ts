import { fileURLToPath } from 'node:url';
import { loadRootEnvFile, readStackConfig } from '@cord-tutorial/stack-config';
import react from '@vitejs/plugin-react';
import { defineConfig, type HtmlTagDescriptor, type Plugin } from 'vite';

loadRootEnvFile();
const stack = readStackConfig();

export default defineConfig({
  plugins: [react(), cordStylesheetLink(stack.cordCssUrl)],
  // See src/interop/isHotkey.ts: @cord-sdk/react reads is-hotkey as Node would hand it over.
  resolve: {
    alias: [{ find: /^is-hotkey$/, replacement: fileURLToPath(new URL('src/interop/isHotkey.ts', import.meta.url)) }],
  },
  // Only public values reach the browser: the project secret stays on the token server.
  define: {
    'import.meta.env.VITE_TOKEN_SERVER_URL': JSON.stringify(stack.tokenServer.url),
    'import.meta.env.VITE_CORD_SCRIPT_URL': JSON.stringify(stack.cordScriptUrl ?? ''),
  },
  // 127.0.0.1 answers for both http://localhost:5173 and http://127.0.0.1:5173 in a
  // browser; strictPort keeps the origin the token server allows.
  server: { host: '127.0.0.1', port: stack.web.port, strictPort: true },
  // The tutorial's page, the page that tries Cord's hooks and betaV2 components, and the
  // page with a section per Cord component.
  build: {
    rollupOptions: { input: { tutorial: 'index.html', threads: 'threads.html', components: 'components.html' } },
  },
  preview: { host: '127.0.0.1', port: stack.web.port, strictPort: true },
});

/**
 * CordProvider adds Cord's stylesheet from app.cord.com unless the page already has a
 * `link#cord-react`. Against local Cord we place that link ourselves, so the page
 * requests nothing outside loopback.
 */
function cordStylesheetLink(href: string | undefined): Plugin {
  const link: HtmlTagDescriptor = {
    tag: 'link',
    attrs: { id: 'cord-react', rel: 'stylesheet', href },
    injectTo: 'head',
  };
  return { name: 'cord-stylesheet-link', transformIndexHtml: () => (href === undefined ? [] : [link]) };
}
