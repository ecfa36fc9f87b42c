// Cord's SDK script puts Cord's stylesheet into the page itself (as `link#cord_css`), so a
// page with nothing but the `<script>` tag, as in the guide's vanilla JavaScript, is styled.

/**
 * Links the stylesheet unless the page has it already (a React page of this repository
 * places it as `link#cord-react`). It goes before the page's own styles: Cord's defaults
 * then lose to a page rule of the same specificity, instead of winning by coming last.
 */
export function linkCordStylesheet(page: Document, href: string) {
  const links = [...page.querySelectorAll<HTMLLinkElement>('link[rel~="stylesheet"]')];
  if (page.getElementById('cord_css') || links.some((link) => link.href === href)) return;
  const link = page.createElement('link');
  link.id = 'cord_css';
  link.rel = 'stylesheet';
  link.href = href;
  page.head.insertBefore(link, page.head.querySelector('link[rel~="stylesheet"], style'));
}
