// Query history (the last queries run, in this origin's localStorage) and the shareable link:
// the query in the URL fragment, which never reaches the server or its log.

const KEY = 'trailhound.history';
const MAX = 50;

export function historyList() {
  try {
    const list = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    return Array.isArray(list) ? list.filter((q) => typeof q === 'string') : [];
  } catch {
    return [];
  }
}

/** Puts `query` first, once, keeping the last MAX distinct queries. */
export function remember(query) {
  const list = [query, ...historyList().filter((q) => q !== query)].slice(0, MAX);
  try {
    localStorage.setItem(KEY, JSON.stringify(list));
  } catch {
    // A full or disabled storage loses the history, not the query.
  }
  return list;
}

/** `#q=` + the query's UTF-8 bytes in base64url. */
export function linkFragment(query) {
  const bytes = new TextEncoder().encode(query);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return `#q=${btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`;
}

/** The query a fragment carries, or undefined. */
export function queryFromFragment(hash) {
  const m = /^#q=([A-Za-z0-9_-]*)$/.exec(hash);
  if (!m) return undefined;
  try {
    const bin = atob(m[1].replace(/-/g, '+').replace(/_/g, '/'));
    return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
  } catch {
    return undefined;
  }
}
