// The page frame: skip link, navigation (aria-current on the page you are on), who is signed in, sign-out, and
// the notice of the last action. No inline script or style anywhere (the CSP forbids them).
import type { Child } from 'hono/jsx';
import { raw } from 'hono/html';
import type { DashboardUser, Session } from './sessions.js';
import { platformNames } from './sessions.js';
import { PAGE_ROWS } from './format.js';

export const NAV = [
  ['/', 'Overview'],
  ['/announcements', 'Announcements'],
  ['/events', 'Events'],
  ['/polls', 'Polls'],
  ['/questions', 'Questions'],
  ['/audit', 'Audit'],
] as const;

export interface PageProps {
  title: string;
  path: string;
  user: DashboardUser;
  csrf: string;
  flash?: Session['flash'];
  children?: Child;
}

/** The document every page shares: doctype, language, title, the one stylesheet. */
function Document({ title, children }: { title: string; children?: Child }) {
  return (
    <>
      {raw('<!DOCTYPE html>')}
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{`${title} · NIAPP dashboard`}</title>
          <link rel="stylesheet" href="/static/dashboard.css" />
        </head>
        <body>{children}</body>
      </html>
    </>
  );
}

export function Page({ title, path, user, csrf, flash, children }: PageProps) {
  const current = (href: string) => (href === '/' ? path === '/' : path === href || path.startsWith(`${href}/`));
  return (
    <Document title={title}>
          <a class="skip" href="#main">
            Skip to content
          </a>
          <header class="top">
            <p class="brand">NIAPP dashboard</p>
            <nav aria-label="Main">
              <ul>
                {NAV.map(([href, label]) => (
                  <li>
                    <a href={href} aria-current={current(href) ? 'page' : undefined}>
                      {label}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
            <form method="post" action="/signout" class="who">
              <input type="hidden" name="_csrf" value={csrf} />
              <span>
                Signed in as {user.name} ({platformNames[user.platform]})
              </span>
              <button type="submit">Sign out</button>
            </form>
          </header>
          <main id="main">
            <h1>{title}</h1>
            {flash ? (
              <p role="status" class={flash.ok ? 'notice ok' : 'notice bad'}>
                {flash.text}
              </p>
            ) : null}
            {children}
          </main>
    </Document>
  );
}

/** A page outside a session (sign-in, refusals). */
export function Bare({ title, children }: { title: string; children?: Child }) {
  return (
    <Document title={title}>
          <main id="main" class="bare">
            <h1>{title}</h1>
            {children}
          </main>
    </Document>
  );
}

/** The hidden CSRF field every form carries. */
export const Csrf = ({ token }: { token: string }) => <input type="hidden" name="_csrf" value={token} />;

/** A one-button form (cancel, close, remind). */
export function ActionButton({ action, csrf, label, danger }: { action: string; csrf: string; label: string; danger?: boolean }) {
  return (
    <form method="post" action={action} class="inline">
      <Csrf token={csrf} />
      <button type="submit" class={danger ? 'danger' : undefined}>
        {label}
      </button>
    </form>
  );
}

/**
 * Where a long list is: "Showing 51–100 of 1,000 open polls, closing soonest first" and links to the pages
 * before and after. `param` is this list's page number in the query (a page may hold two lists); the other
 * query values in `query` are kept in the links.
 */
export function Pager({ path, param, query, page, total, what, anchor = param }: { path: string; param: string; query: Record<string, string>; page: number; total: number; what: string; anchor?: string }) {
  if (total <= PAGE_ROWS && page === 1) return null;
  const pages = Math.max(1, Math.ceil(total / PAGE_ROWS));
  const href = (n: number) => `${path}?${new URLSearchParams({ ...query, [param]: String(n) }).toString()}#${anchor}`;
  const first = (page - 1) * PAGE_ROWS + 1;
  const last = Math.min(total, page * PAGE_ROWS);
  const kind = what.split(',')[0];
  const said = !total ? `No ${kind} on this page.` : first > total ? `Page ${page} is past the end: ${total.toLocaleString('en-US')} ${kind} fill ${pages} ${pages === 1 ? 'page' : 'pages'}.` : `Showing ${first}–${last} of ${total.toLocaleString('en-US')} ${what}.`;
  return (
    <nav class="pager" aria-label={`Pages of ${kind}`}>
      <p>{said}</p>
      <ul>
        {page > pages ? <li><a href={href(pages)} rel="prev">Last page</a></li> : page > 1 ? <li><a href={href(page - 1)} rel="prev">Previous page</a></li> : null}
        {page < pages ? <li><a href={href(page + 1)} rel="next">Next page</a></li> : null}
      </ul>
    </nav>
  );
}
