import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadRootEnvFile, readStackConfig } from '@cord-tutorial/stack-config';
import { CORD_HOSTED_SCRIPT_URL } from '@cord-tutorial/stack-config/local-project';
import react from '@vitejs/plugin-react';
import { defineConfig, type HtmlTagDescriptor, type Plugin } from 'vite';

loadRootEnvFile();
const stack = readStackConfig();

/**
 * React apps: the tutorial's page, the page that tries Cord's hooks and betaV2 components,
 * and the page with a section per Cord component.
 */
const REACT_PAGES = { tutorial: 'index.html', threads: 'threads.html', components: 'components.html' };
/** Cord's integration guide in vanilla JavaScript: its `<script>` tag, CordSDK.init and the two elements. */
const VANILLA_PAGES = { vanilla: 'vanilla.html' };

export default defineConfig({
  plugins: [react(), cordStylesheetLink(stack.cordCssUrl, Object.values(REACT_PAGES))],
  // See src/interop/isHotkey.ts: @cord-sdk/react reads is-hotkey as Node would hand it over.
  resolve: {
    alias: [{ find: /^is-hotkey$/, replacement: fileURLToPath(new URL('src/interop/isHotkey.ts', import.meta.url)) }],
  },
  // Only public values reach the browser: the project secret stays on the token server.
  // Vite also writes them into the HTML pages where they say %VITE_…%.
  define: {
    'import.meta.env.VITE_TOKEN_SERVER_URL': JSON.stringify(stack.tokenServer.url),
    'import.meta.env.VITE_CORD_SCRIPT_URL': JSON.stringify(stack.cordScriptUrl ?? ''),
    // A `<script src>` needs a URL: with a real project and no CORD_SCRIPT_URL, Cord's own.
    'import.meta.env.VITE_CORD_SCRIPT_SRC': JSON.stringify(stack.cordScriptUrl ?? CORD_HOSTED_SCRIPT_URL),
    'import.meta.env.VITE_CORD_GUIDE_VARIANT': JSON.stringify(stack.guideVariant.name),
    'import.meta.env.VITE_CORD_GROUP_ID': JSON.stringify(stack.guideVariant.group.id),
  },
  // 127.0.0.1 answers for both http://localhost:5173 and http://127.0.0.1:5173 in a
  // browser; strictPort keeps the origin the token server allows.
  server: { host: '127.0.0.1', port: stack.web.port, strictPort: true },
  build: { rollupOptions: { input: { ...REACT_PAGES, ...VANILLA_PAGES } } },
  preview: { host: '127.0.0.1', port: stack.web.port, strictPort: true },
});

/**
 * CordProvider adds Cord's stylesheet from app.cord.com unless the page already has a
 * `link#cord-react`. Against local Cord we place that link ourselves in the React pages,
 * so they request nothing outside loopback. (Cord's script links its stylesheet itself
 * in a page without one, as in the vanilla page.)
 */
function cordStylesheetLink(href: string | undefined, pages: readonly string[]): Plugin {
  const link: HtmlTagDescriptor = {
    tag: 'link',
    attrs: { id: 'cord-react', rel: 'stylesheet', href },
    injectTo: 'head',
  };
  return {
    name: 'cord-stylesheet-link',
    transformIndexHtml: (_html, { filename }) =>
      href !== undefined && pages.includes(basename(filename)) ? [link] : [],
  };
}
