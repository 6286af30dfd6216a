// The page's user regexes at work: a filter's grep and exclude, or a search, tested on batches of
// records in chunks, a progress report after each chunk. Runs in the dedicated worker
// (regex.worker.js), never on the page's thread: a backtracking regex may take for ever on one line,
// and only a worker can be stopped (terminated) while it runs. DOM-free; one thread.

import { compileRegex } from './filters.js';
import { rowText } from './format.js';

/** Records tested between two progress reports. */
export const CHUNK = 500;
/** Highlights computed for a record found by a search, as the list draws at most. */
export const MAX_MARKS = 50;

/** The compiled patterns of {grep, exclude} (a filter) or {search}. */
export function compilePatterns({ grep = '', exclude = '', search = '' } = {}) {
  return {
    grep: grep ? compileRegex(grep) : null,
    exclude: exclude ? compileRegex(exclude) : null,
    search: search ? compileRegex(search) : null,
  };
}

/**
 * Where a search's regex matches the row's text of a message (format.js rowText, as the list
 * shows it): [start, end, start, end, ...], at most MAX_MARKS matches.
 */
export function marksIn(regex, text) {
  const g = new RegExp(regex.source, regex.flags + 'g');
  const out = [];
  for (let m = g.exec(text); m && out.length < MAX_MARKS * 2; m = g.exec(text)) {
    if (m[0] === '') {
      g.lastIndex++;
      continue;
    }
    out.push(m.index, m.index + m[0].length);
  }
  return out;
}

/**
 * Tests a batch {seq, ids, names, messages}: post gets {type: 'progress', seq, done, total} before
 * each chunk and then {type: 'result', seq, pass, marks}: the ids that pass (a filter: grep finds
 * the logger or the message and exclude does not; a search: it finds either), and for a search
 * each one's marks (marksIn), in the order of pass.
 */
export function judge(p, { seq, ids, names, messages }, post, chunk = CHUNK) {
  const pass = [];
  const marks = p.search ? [] : null;
  const total = ids.length;
  for (let i = 0; i < total; i++) {
    if (i % chunk === 0) post({ type: 'progress', seq, done: i, total });
    const name = names[i];
    const message = messages[i];
    if (p.search) {
      if (p.search.test(message) || p.search.test(name)) {
        pass.push(ids[i]);
        marks.push(marksIn(p.search, rowText(message)));
      }
    } else {
      const text = name + '\n' + message;
      if ((!p.grep || p.grep.test(text)) && !(p.exclude && p.exclude.test(text))) pass.push(ids[i]);
    }
  }
  post({ type: 'result', seq, pass, marks });
}

/** The worker's side: a 'set' message gives the patterns, a 'test' message a batch to judge. */
export function serve(post) {
  let patterns = compilePatterns();
  return (msg) => {
    if (msg.type === 'set') patterns = compilePatterns(msg.patterns);
    else if (msg.type === 'test') judge(patterns, msg, post);
  };
}
